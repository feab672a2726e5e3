import type { Page } from '@playwright/test'
import { DEMO, expect, signInNewContext, test, uniqueChineseSuffix } from '../playwright-utils'

// A whole matchmaking event (线上产销对接会) in the browser: the organizer creates and publishes it, two
// firms register and are approved, the buyer asks for a meeting and the supplier accepts, the organizer
// runs the scheduler and publishes the agenda, both firms see it; "on the day" the organizer moves the
// event to today (the booked meeting is kept and rebooked, never deleted), the firms meet in the docking
// room, record a contract, and the report and its Excel export show it.

const SUPPLIER_FIRM = '赤壁车联电子有限公司'
const BUYER_FIRM = '武汉光澜通信技术有限公司'
const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** "YYYY-MM-DDTHH:MM" in Beijing time. */
const local = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16)
/** Beijing local "YYYY-MM-DD" + "HH:MM" → epoch ms. */
const instant = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).getTime()

async function fillSchedule(
	page: Page,
	s: {
		days: string
		dayStart: string
		dayEnd: string
		minutes: string
		opens: string
		closes: string
		requests: string
	},
) {
	await page.getByLabel('会谈日期').fill(s.days)
	await page.getByLabel('每日开始').fill(s.dayStart)
	await page.getByLabel('每日结束').fill(s.dayEnd)
	await page.getByLabel('每场会谈（分钟）').fill(s.minutes)
	await page.getByLabel('报名开始').fill(s.opens)
	await page.getByLabel('报名截止').fill(s.closes)
	await page.getByLabel('会谈预约截止').fill(s.requests)
}

async function register(page: Page, eventPath: string) {
	await page.goto(eventPath)
	await expect(page.getByLabel('本次对接的供需说明')).not.toBeEmpty()
	await page.getByRole('button', { name: '提交报名' }).click()
	await expect(page.getByText('报名已提交，等待主办方审核')).toBeVisible()
	await expect(page.getByText('待审核', { exact: true })).toBeVisible()
}

test('an organizer and two firms run a whole matchmaking event in the browser', async ({
	browser,
	baseURL,
}) => {
	test.setTimeout(240_000)
	const tag = uniqueChineseSuffix()
	const title = `车谷配套专场对接会${tag}`
	const naughty = `<script>window.__pwned=1</script>「车规级」& ' " ${tag}`
	const { page: bureau } = await signInNewContext(browser, baseURL!, DEMO.bureau)
	const { page: supplier, dialogs: supplierDialogs } = await signInNewContext(
		browser,
		baseURL!,
		DEMO.supplier,
	)
	const { page: buyer, dialogs: buyerDialogs } = await signInNewContext(browser, baseURL!, DEMO.buyer)

	// ---- the organizer creates the event; bad input is refused on the field, in Chinese ----
	const now = Date.now()
	const tomorrow = local(now + 24 * HOUR).slice(0, 10)
	await bureau.goto('/events')
	await bureau.getByRole('link', { name: '新建对接会' }).click()
	await bureau.getByRole('button', { name: '保存草稿' }).click()
	await expect(bureau.getByText('请填写对接会名称')).toBeVisible()
	await bureau.getByLabel('对接会名称').fill(title)
	await bureau.getByLabel('活动介绍').fill(naughty)
	await bureau.getByRole('checkbox', { name: '电子信息产业集群' }).check()
	await bureau.getByLabel('举办形式').selectOption('HYBRID')
	await fillSchedule(bureau, {
		days: tomorrow,
		dayStart: '09:00',
		dayEnd: '10:00',
		minutes: '30',
		opens: local(now - HOUR),
		closes: local(now + 2 * HOUR),
		requests: local(now + 3 * HOUR),
	})
	await bureau.getByRole('button', { name: '保存草稿' }).click()
	await expect(bureau.getByText('线上 + 线下活动请填写线下会场')).toBeVisible()
	await bureau.getByLabel('线下会场').fill('咸宁高新区企业服务中心')
	await bureau.getByRole('button', { name: '保存草稿' }).click()
	await expect(bureau).toHaveURL(/\/events\/c[a-z0-9]+\/manage$/)
	await expect(bureau.getByText('对接会已创建（草稿）')).toBeVisible()
	const eventPath = new URL(bureau.url()).pathname.replace(/\/manage$/, '')

	// A draft is the organizer's alone.
	const draft = await supplier.goto(eventPath)
	expect(draft?.status()).toBe(404)
	await bureau.getByRole('button', { name: '发布', exact: true }).click()
	await expect(bureau.getByText('对接会已发布，企业可以报名')).toBeVisible()

	// ---- two firms register, the organizer approves both ----
	await register(supplier, eventPath)
	await register(buyer, eventPath)
	await expect(buyer.getByText(naughty)).toBeVisible()
	await bureau.goto(`${eventPath}/manage`)
	for (const firm of [SUPPLIER_FIRM, BUYER_FIRM]) {
		const row = bureau.getByTestId('registration').filter({ hasText: firm })
		await row.getByRole('button', { name: '通过' }).click()
		await expect(bureau.getByText('已通过报名')).toBeVisible()
	}
	await expect(bureau.getByTestId('registration').filter({ hasText: '已通过' })).toHaveCount(2)

	// An outsider sees neither the agenda nor the organizer's pages.
	const { page: outsider } = await signInNewContext(browser, baseURL!, DEMO.supplier2)
	await outsider.goto(`${eventPath}/agenda`)
	await expect(outsider).toHaveURL(new RegExp(`${eventPath}$`))
	expect((await outsider.goto(`${eventPath}/manage`))?.status()).toBe(403)
	expect((await outsider.goto(`${eventPath}/participants`))?.status()).toBe(404)

	// ---- the buyer finds the supplier in the catalogue and asks for a meeting ----
	// The catalogue is the real search index, filled by the outbox worker just after approval.
	const card = buyer.getByTestId('participant').filter({ hasText: SUPPLIER_FIRM })
	await expect(async () => {
		await buyer.goto(`${eventPath}/participants`)
		await buyer.getByRole('searchbox').fill('赤壁车联')
		await buyer.getByRole('button', { name: '搜索', exact: true }).click()
		await expect(card).toBeVisible({ timeout: 2_000 })
	}).toPass({ timeout: 30_000 })
	await card.getByRole('link', { name: /请求会谈/ }).click()
	await expect(buyer).toHaveURL(/\/agenda\?request=/)
	await expect(buyer.getByLabel('会谈对象')).toHaveValue(/c[a-z0-9]+/)
	await buyer.getByLabel('意愿').selectOption('MUST')
	await buyer.getByRole('button', { name: '发送会谈请求' }).click()
	await expect(buyer.getByText('请填写会谈说明')).toBeVisible()
	await buyer.getByLabel('会谈说明').fill(`希望洽谈车载摄像头模组年度配套 ${naughty}`)
	await buyer.getByRole('button', { name: '发送会谈请求' }).click()
	await expect(buyer.getByText('会谈请求已发送')).toBeVisible()
	await expect(buyer.getByTestId('outgoing-request')).toContainText('待答复')

	// ---- the supplier accepts ----
	await supplier.goto(`${eventPath}/agenda`)
	const incoming = supplier.getByTestId('incoming-request').filter({ hasText: BUYER_FIRM })
	await expect(incoming).toContainText(naughty)
	await incoming.getByRole('button', { name: '接受' }).click()
	await expect(supplier.getByText('已接受会谈请求')).toBeVisible()

	// ---- the organizer schedules; the draft stays hidden from firms until published ----
	await bureau.goto(`${eventPath}/manage?tab=schedule`)
	await bureau.getByRole('button', { name: '运行排期' }).click()
	await expect(bureau.getByText(/排期完成：已安排 1 \/ 1/)).toBeVisible()
	await expect(bureau.getByTestId('grid-meeting')).toContainText('草稿')
	await supplier.goto(`${eventPath}/agenda`)
	await expect(supplier.getByText('主办方尚未发布议程')).toBeVisible()
	await expect(supplier.getByTestId('agenda-meeting')).toHaveCount(0)
	await bureau.getByRole('button', { name: /发布议程/ }).click()
	await expect(bureau.getByText('议程已发布，企业已收到通知')).toBeVisible()

	for (const page of [supplier, buyer]) {
		await page.goto(`${eventPath}/agenda`)
		const meeting = page.getByTestId('agenda-meeting')
		await expect(meeting).toHaveCount(1)
		await expect(meeting).toContainText(`${tomorrow} 09:00–09:30`)
		await expect(meeting).toContainText('已安排')
	}
	await expect(supplier.getByTestId('agenda-meeting')).toContainText(BUYER_FIRM)
	const ics = await buyer.request.get(`${eventPath.replace('/events/', '/resources/events/')}/agenda.ics`)
	expect(ics.status()).toBe(200)
	expect(await ics.text()).toContain(`DTSTART:${tomorrow.replaceAll('-', '')}T010000Z`)

	// ---- on the day: the organizer moves the event to now; the booked meeting is kept for rebooking ----
	const nowLocal = local(Date.now())
	const today = nowLocal.slice(0, 10)
	const [h, m] = nowLocal.slice(11).split(':').map(Number) as [number, number]
	const startMinutes = Math.min(h * 60 + m - (m % 5), 23 * 60 + 40)
	const hhmm = (x: number) =>
		`${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`
	const dayStart = hhmm(startMinutes)
	const first = instant(today, dayStart)
	await bureau.goto(`${eventPath}/edit`)
	await fillSchedule(bureau, {
		days: today,
		dayStart,
		dayEnd: hhmm(Math.min(startMinutes + 60, 23 * 60 + 59)),
		minutes: '15',
		opens: local(first - 3 * HOUR),
		closes: local(first - 2 * HOUR),
		requests: local(first - HOUR),
	})
	await bureau.getByRole('button', { name: '保存修改' }).click()
	await expect(bureau.getByText(/已保存：1 场会谈需重新安排/)).toBeVisible()
	await bureau.goto(`${eventPath}/manage?tab=schedule`)
	await expect(bureau.getByText('1 场会谈待重新安排')).toBeVisible()
	await supplier.goto(`${eventPath}/agenda`)
	await expect(supplier.getByTestId('agenda-meeting')).toContainText('待重新安排')
	const rebook = bureau.locator('section', { hasText: '待重新安排' })
	await rebook.getByLabel('时段').selectOption(`${today}T${dayStart}`)
	await rebook.getByRole('button', { name: '安排' }).click()
	await expect(bureau.getByText('会谈已安排')).toBeVisible()

	// ---- the meeting room: a docking session of the event ----
	await supplier.goto(`${eventPath}/agenda`)
	await expect(supplier.getByTestId('agenda-meeting')).toContainText(`${today} ${dayStart}`)
	await supplier.getByRole('button', { name: '进入会谈室' }).click()
	await expect(supplier).toHaveURL(/\/docking\/c[a-z0-9]+$/)
	const roomPath = new URL(supplier.url()).pathname
	await expect(supplier.getByRole('status').filter({ hasText: '实时连接正常' })).toBeVisible()
	await supplier.getByLabel('消息内容').fill(`您好，我们的 1080P 模组可按月供货。${tag}`)
	await supplier.getByLabel('消息内容').press('Enter')
	await buyer.goto(`${eventPath}/agenda`)
	await buyer.getByRole('link', { name: '进入会谈室' }).click()
	await expect(buyer).toHaveURL(roomPath)
	await expect(buyer.getByTestId('chat-body').filter({ hasText: `按月供货。${tag}` })).toBeVisible()

	// ---- the outcome is recorded in the room; a contract needs a real amount ----
	await buyer.getByLabel('会谈结果').selectOption('CONTRACT')
	await buyer.getByLabel('签约金额（元）').fill('一百万')
	await buyer.getByRole('button', { name: '保存结果' }).click()
	await expect(buyer.getByText('签约请填写大于 0 的金额（元，最多两位小数）')).toBeVisible()
	await buyer.goto(roomPath)
	await buyer.getByLabel('会谈结果').selectOption('CONTRACT')
	await buyer.getByLabel('签约金额（元）').fill('1,250,000')
	await buyer.getByRole('textbox', { name: '备注', exact: true }).fill(`首批 5000 套 ${naughty}`)
	await buyer.getByRole('button', { name: '保存结果' }).click()
	await expect(buyer).toHaveURL(roomPath)
	await expect(buyer.getByText('会谈结果已保存')).toBeVisible()
	await expect(buyer.getByText('会谈结果：签约 · 金额 1250000.00 元')).toBeVisible()

	// ---- the report shows it, and the Excel export downloads ----
	await bureau.goto(`${eventPath}/report`)
	await expect(bureau.getByTestId('kpi-planned')).toHaveText('1')
	await expect(bureau.getByTestId('kpi-held')).toHaveText('1')
	await expect(bureau.getByTestId('kpi-contracts')).toHaveText('1')
	await expect(bureau.getByTestId('kpi-amount')).toContainText('1,250,000.00')
	await expect(bureau.getByTestId('report-meetings')).toContainText(naughty)
	const download = bureau.waitForEvent('download')
	await bureau.getByTestId('report-export').click()
	const file = await download
	expect(file.suggestedFilename()).toMatch(/\.xlsx$/)

	// Nothing the firms typed ran as script.
	for (const page of [bureau, supplier, buyer]) {
		expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
	}
	expect([...supplierDialogs, ...buyerDialogs]).toEqual([])
})
