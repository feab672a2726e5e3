import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { DEMO, expect, signInNewContext, test, uniqueChineseSuffix } from '../playwright-utils'

// A 1×1 PNG, uploaded as a chat attachment (the server re-encodes it to WebP).
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64',
)

const chatInput = (page: Page) => page.getByLabel('消息内容')
const bodies = (page: Page) => page.getByTestId('chat-body')

async function send(page: Page, text: string) {
	await chatInput(page).fill(text)
	await chatInput(page).press('Enter')
	await expect(page.getByTestId('chat-outgoing')).toHaveCount(0)
}

async function seqs(page: Page) {
	return page
		.locator('[role="log"] li[data-seq]')
		.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))))
}

/** The supplier asks for docking on the buyer's first published demand; the buyer accepts with consent. */
async function openAcceptedSession(supplier: Page, buyer: Page, message: string) {
	await buyer.goto('/my/demands')
	const hrefs = await buyer
		.locator('a[href^="/demands/"]')
		.evaluateAll((els) =>
			els.map((e) => e.getAttribute('href') ?? '').filter((h) => /^\/demands\/c[a-z0-9]{20,}$/.test(h)),
		)
	expect(hrefs.length).toBeGreaterThan(0)
	await supplier.goto(hrefs[0]!)
	await supplier.getByTestId('start-docking').click()
	await supplier.getByLabel('对接说明').fill(message)
	await supplier.getByRole('button', { name: '发送对接请求' }).click()
	await expect(supplier).toHaveURL(/\/docking\/c[a-z0-9]+$/)
	const url = new URL(supplier.url()).pathname
	await buyer.goto(url)
	await buyer.getByRole('checkbox', { name: /同意向对方展示本企业的联系人及电话/ }).check()
	await buyer.getByRole('button', { name: '接受对接' }).click()
	await expect(buyer.getByText('已接受对接请求，可以开始洽谈。')).toBeVisible()
	await expect(buyer.getByRole('status').filter({ hasText: '实时连接正常' })).toBeVisible()
	await supplier.reload()
	await expect(supplier.getByRole('status').filter({ hasText: '实时连接正常' })).toBeVisible()
	return url
}

test('two firms negotiate through every stage in the browser, in real time', async ({ browser, baseURL }) => {
	test.setTimeout(180_000)
	const tag = uniqueChineseSuffix()
	const { page: buyer, dialogs: buyerDialogs } = await signInNewContext(browser, baseURL!, DEMO.buyer2)
	const { page: supplier, dialogs: supplierDialogs } = await signInNewContext(
		browser,
		baseURL!,
		DEMO.supplier,
	)

	// The buyer publishes a fresh demand, so this test owns the session it starts.
	await buyer.goto('/demands/new')
	await buyer.getByLabel('需求名称').fill(`采购激光器散热铜基板${tag}`)
	await buyer
		.getByLabel('详细说明')
		.fill(`光纤激光器泵浦源散热用无氧铜基板，表面镀镍，年需求约 2 万片。${tag}`)
	await buyer.getByLabel('产业链群', { exact: true }).selectOption({ label: '电子信息产业集群' })
	await buyer.getByRole('button', { name: '保存并发布' }).click()
	await expect(buyer.getByTestId('suggestions-link')).toBeVisible()
	const demandUrl = new URL(buyer.url()).pathname

	// The supplier starts from the demand page; an empty message is refused with the field named.
	await supplier.goto(demandUrl)
	await supplier.getByTestId('start-docking').click()
	await expect(supplier.getByRole('heading', { level: 1, name: '发起对接' })).toBeVisible()
	await supplier.getByRole('button', { name: '发送对接请求' }).click()
	await expect(supplier.getByText('请填写对接说明')).toBeVisible()
	await supplier.getByLabel('对接说明').fill(`我司可提供无氧铜基板镀镍加工，月产能 5000 片。${tag}`)
	// Leaving the field re-validates it and removes the error above, so the checkbox moves: let it settle.
	await supplier.getByLabel('对接说明').blur()
	await expect(supplier.getByText('请填写对接说明')).toHaveCount(0)
	await supplier.getByRole('checkbox', { name: /同意向对方展示本企业的联系人及电话/ }).check()
	await supplier.getByRole('button', { name: '发送对接请求' }).click()
	await expect(supplier).toHaveURL(/\/docking\/c[a-z0-9]+$/)
	const sessionPath = new URL(supplier.url()).pathname
	await expect(supplier.getByText(/已发送，等待对方在/)).toBeVisible()
	await expect(supplier.getByText('对接尚未被接受或已结束，不能发送消息。')).toBeVisible()

	// The buyer sees the request in the nav badge and in the request list; contacts stay hidden while pending.
	await buyer.goto('/docking?filter=pending')
	await expect(buyer.getByTestId('docking-badge')).toBeVisible()
	await buyer
		.getByRole('link', { name: new RegExp(`赤壁车联电子`) })
		.first()
		.click()
	await expect(buyer).toHaveURL(sessionPath)
	await expect(buyer.getByTestId('contact-supplier')).toContainText('对方接受对接并单独同意后显示')
	// Declining needs a reason.
	await buyer.getByRole('button', { name: '婉拒' }).click()
	await expect(buyer.getByText('请填写婉拒理由（至少 2 个字）')).toBeVisible()
	await buyer.getByRole('checkbox', { name: /同意向对方展示本企业的联系人及电话/ }).check()
	await buyer.getByRole('button', { name: '接受对接' }).click()
	await expect(buyer.getByText('已接受对接请求，可以开始洽谈。')).toBeVisible()
	// After acceptance, each side sees the other's contact because both consented.
	await expect(buyer.getByTestId('contact-supplier')).toContainText(/\d{11}/)
	await expect(supplier.getByText('接受了对接请求，双方可以开始洽谈。')).toBeVisible()
	await supplier.reload()
	await expect(supplier.getByTestId('contact-buyer')).toContainText(/\d{11}/)

	// Chat: live delivery, typing indicator, read receipts.
	await expect(supplier.getByRole('status').filter({ hasText: '实时连接正常' })).toBeVisible()
	await expect(buyer.getByRole('status').filter({ hasText: '实时连接正常' })).toBeVisible()
	await buyer.reload()
	await expect(buyer.getByRole('status').filter({ hasText: '实时连接正常' })).toBeVisible()
	await send(supplier, '您好，请问铜基板的平面度要求是多少？')
	await expect(bodies(buyer).filter({ hasText: '平面度要求是多少' })).toBeVisible()
	await expect(supplier.getByText('已读').last()).toBeVisible()
	await chatInput(buyer).pressSequentially('平面度')
	await expect(supplier.getByText(/正在输入…/)).toBeVisible()
	await chatInput(buyer).fill('平面度 ≤0.05 mm，镀镍层 3–5 μm。')
	await chatInput(buyer).press('Enter')
	await expect(bodies(supplier).filter({ hasText: '镀镍层 3–5 μm' })).toBeVisible()
	await expect(supplier.getByTestId('presence')).toContainText('在线')

	// An image attachment travels with a message.
	await supplier
		.getByLabel('添加附件（图片或 PDF）')
		.setInputFiles({ name: '样品照片.png', mimeType: 'image/png', buffer: PNG })
	await expect(supplier.getByRole('button', { name: '移除附件 样品照片.png' })).toBeVisible()
	await send(supplier, '附上样品照片')
	await expect(buyer.getByRole('img', { name: '样品照片.png' })).toBeVisible()

	// Stages move forward; each change appears in both chats as a system message.
	await supplier.getByRole('button', { name: '推进到「洽谈」' }).click()
	await expect(buyer.getByText(/将对接推进到「洽谈」/)).toBeVisible()
	await buyer.getByRole('button', { name: '推进到「送样/考察」' }).click()
	await expect(supplier.getByText(/将对接推进到「送样\/考察」/)).toBeVisible()
	await supplier.reload()
	await supplier.getByText('登记签约', { exact: true }).first().click()
	await supplier.getByLabel('合同金额（元）').fill('一百万')
	await supplier.getByRole('button', { name: '登记签约' }).click()
	await expect(supplier.getByText('请填写大于 0 的合同金额（元）')).toBeVisible()
	await supplier.getByLabel('合同金额（元）').fill('1250000')
	await supplier.getByLabel('签约备注').fill('首批 5000 片，分两次交付。')
	await supplier.getByRole('button', { name: '登记签约' }).click()
	await expect(supplier.getByText('合同金额 1,250,000.00 元').first()).toBeVisible()
	await expect(buyer.getByText(/将对接推进到「签约」，合同金额 1,250,000.00 元/)).toBeVisible()

	// Naughty strings and script payloads: shown byte-exact, never executed.
	const blns = (
		JSON.parse(readFileSync(path.resolve('../shared/data/blns/blns.json'), 'utf8')) as string[]
	).filter((s) => s.trim().length > 0 && !/[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s))
	const samples = [
		'<script>window.__xss=1;alert(1)</script>',
		'<img src=x onerror="window.__xss=1;alert(1)">',
		...blns.filter((s) => /<|javascript:|\$\{|\{\{/.test(s)).slice(0, 4),
		...blns.filter((s) => /[\u0600-\u06ff\u202e]|Ｔ|田中/.test(s)).slice(0, 2),
	]
	await buyer.reload()
	await expect(buyer.getByRole('status').filter({ hasText: '实时连接正常' })).toBeVisible()
	for (const text of samples) await send(buyer, text)
	await expect
		.poll(async () => (await bodies(supplier).allTextContents()).slice(-samples.length))
		.toEqual(samples)
	expect(await supplier.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
	expect([...buyerDialogs, ...supplierDialogs]).toEqual([])

	// In-session search finds the message.
	await supplier.getByRole('textbox', { name: '搜索本次对接的消息' }).fill('平面度')
	await supplier.getByRole('button', { name: '搜索', exact: true }).click()
	await expect(supplier.getByText(/包含“平面度”的消息共 \d+ 条/)).toBeVisible()
})

test('an unrelated firm cannot open a session, and history pages are refused', async ({
	browser,
	baseURL,
}) => {
	const { page: supplier } = await signInNewContext(browser, baseURL!, DEMO.supplier)
	await supplier.goto('/docking?filter=ended')
	const ended = supplier.locator('a[href^="/docking/c"]')
	if ((await ended.count()) === 0) await supplier.goto('/docking?filter=pending')
	const href = await supplier.locator('a[href^="/docking/c"]').first().getAttribute('href')
	expect(href).toBeTruthy()
	const { page: outsider } = await signInNewContext(browser, baseURL!, DEMO.supplier2)
	const response = await outsider.goto(href!)
	expect(response?.status()).toBe(404)
	const history = await outsider.request.get(`/resources/docking-messages/${href!.split('/').pop()}`)
	expect(history.status()).toBe(404)
})

// A second app process with its own data directory, so this test can restart it.
const RESTART_PORT = 3106

function startApp(dataDir: string) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: {
			...process.env,
			PORT: String(RESTART_PORT),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			NODE_ENV: 'test',
			LOG_LEVEL: 'warn',
			DATABASE_URL: '',
			MEILI_URL: '',
			REDIS_URL: '',
			SMTP_URL: '',
			SEED_ON_START: 'auto',
		},
		stdio: ['ignore', 'ignore', 'pipe'],
	})
	let stderr = ''
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
	return { child, stderr: () => stderr }
}

async function waitHealthy(url: string, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs
	while (Date.now() < deadline) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) return
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 500))
	}
	throw new Error(`app at ${url} did not become healthy`)
}

async function stopApp(child: ChildProcess) {
	if (child.exitCode !== null || child.signalCode !== null) return
	const exited = new Promise((resolve) => child.once('exit', resolve))
	child.kill('SIGTERM')
	await exited
}

test('a server restart mid-chat loses nothing: queued messages go out once the server is back', async ({
	browser,
}) => {
	test.setTimeout(300_000)
	const dataDir = path.resolve('tests/.tmp/e2e-restart')
	rmSync(dataDir, { recursive: true, force: true })
	const url = `http://127.0.0.1:${RESTART_PORT}`
	let app = startApp(dataDir)
	try {
		await waitHealthy(url)
		const { page: buyer } = await signInNewContext(browser, url, DEMO.buyer)
		const { page: supplier } = await signInNewContext(browser, url, DEMO.supplier)
		const sessionPath = await openAcceptedSession(supplier, buyer, '我司可按贵司规格供货，希望了解年度用量。')
		await send(supplier, '重启前的第一条消息')
		await send(buyer, '重启前的回复')
		await expect(bodies(supplier).filter({ hasText: '重启前的回复' })).toBeVisible()

		const firstLog = app.stderr()
		await stopApp(app.child)
		if (firstLog)
			await test.info().attach('app-stderr-before-restart', { body: firstLog, contentType: 'text/plain' })
		await expect(supplier.getByRole('status').filter({ hasText: '连接中断' })).toBeVisible()
		// Written while the server is down: kept in the outbox and shown as waiting.
		await chatInput(supplier).fill('服务器重启期间写的消息')
		await chatInput(supplier).press('Enter')
		await expect(supplier.getByTestId('chat-outgoing')).toContainText('等待连接恢复后发送')

		app = startApp(dataDir)
		await waitHealthy(url)
		await expect(supplier.getByTestId('chat-outgoing')).toHaveCount(0, { timeout: 30_000 })
		await expect(bodies(buyer).filter({ hasText: '服务器重启期间写的消息' })).toHaveCount(1, {
			timeout: 30_000,
		})
		await send(buyer, '重启后的回复')
		await expect(bodies(supplier).filter({ hasText: '重启后的回复' })).toHaveCount(1)

		// Both sides hold the same messages, each once and in order, and agree with a fresh load.
		const a = await seqs(supplier)
		const b = await seqs(buyer)
		expect(a).toEqual(b)
		expect(a).toEqual([...a].sort((x, y) => x - y))
		expect(new Set(a).size).toBe(a.length)
		await buyer.goto(sessionPath)
		expect(await seqs(buyer)).toEqual(a)

		// And the deal goes on after the restart.
		await supplier.getByRole('button', { name: '推进到「洽谈」' }).click()
		await expect(buyer.getByText(/将对接推进到「洽谈」/)).toBeVisible()
	} finally {
		await stopApp(app.child)
		const log = app.stderr()
		if (log) await test.info().attach('app-stderr', { body: log, contentType: 'text/plain' })
		rmSync(dataDir, { recursive: true, force: true })
	}
})
