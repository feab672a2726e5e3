import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { DEMO, expect, test } from '../playwright-utils'

const SERIOUS = new Set(['serious', 'critical'])

async function expectNoSeriousViolations(page: Page) {
	await page.waitForLoadState('networkidle')
	// Contrast checks mean nothing on an unstyled page, e.g. when the assets were rebuilt under the server.
	const sheets = await page.evaluate(() =>
		Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')).map((l) => ({
			href: l.href,
			rules: l.sheet?.cssRules.length ?? 0,
		})),
	)
	expect(sheets.length, 'stylesheets on the page').toBeGreaterThan(0)
	for (const sheet of sheets) expect(sheet.rules, `rules loaded from ${sheet.href}`).toBeGreaterThan(0)
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze()
	const serious = results.violations.filter((v) => v.impact && SERIOUS.has(v.impact))
	const report = serious
		.map(
			(v) =>
				`[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
				v.nodes
					.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)
					.join('\n'),
		)
		.join('\n')
	expect(serious, `axe found serious or critical violations on ${page.url()}:\n${report}`).toEqual([])
}

async function visit(page: Page, path: string, heading?: string | RegExp) {
	const response = await page.goto(path)
	expect(response?.status(), `status of ${path}`).toBeLessThan(500)
	if (heading) await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
}

test.describe('anonymous pages', () => {
	const pages: Array<[string, string | RegExp]> = [
		['/', '让咸宁制造对接武汉需求'],
		['/clusters', '九大产业链群与产业链节点'],
		['/firms', '企业名录'],
		['/login', '登录'],
		['/register', '企业注册'],
	]
	for (const [path, heading] of pages) {
		test(`${path} has no serious axe violations`, async ({ page }) => {
			await visit(page, path, heading)
			await expectNoSeriousViolations(page)
		})
	}

	test('a /firms/<id> page has no serious axe violations', async ({ page }) => {
		await visit(page, '/firms', '企业名录')
		const first = page.getByRole('main').getByRole('listitem').getByRole('link').first()
		const href = await first.getAttribute('href')
		expect(href).toMatch(/^\/firms\/[^/]+$/)
		await visit(page, href!)
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
		await expect(page.getByTestId('contact-phone')).toBeVisible()
		await expectNoSeriousViolations(page)
	})

	test('an invalid /invite/xyz page has no serious axe violations', async ({ page }) => {
		await visit(page, '/invite/xyz')
		await expect(page.getByText('邀请链接无效或已过期，请联系邀请人重新发送。')).toBeVisible()
		await expectNoSeriousViolations(page)
	})
})

test.describe('signed-in pages', () => {
	test('supplier /dashboard, /firm/profile and /firm/members have no serious axe violations', async ({
		page,
		login,
	}) => {
		await login(DEMO.supplier)
		await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible()
		await expectNoSeriousViolations(page)
		await visit(page, '/firm/profile', '企业资料')
		await expectNoSeriousViolations(page)
		await visit(page, '/firm/members', '同事管理')
		await expectNoSeriousViolations(page)
	})

	test('buyer /dashboard has no serious axe violations', async ({ page, login }) => {
		await login(DEMO.buyer)
		await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible()
		await expectNoSeriousViolations(page)
	})

	test('bureau /dashboard, /bureau/verifications and /bureau/audit have no serious axe violations', async ({
		page,
		login,
	}) => {
		await login(DEMO.bureau)
		await expect(page.getByRole('heading', { level: 1, name: '工作台' })).toBeVisible()
		await expectNoSeriousViolations(page)
		await visit(page, '/bureau/verifications', '企业认证审核')
		await expectNoSeriousViolations(page)
		// The audit log belongs to the audit role (等保 三员分立).
		await page.context().clearCookies()
		await login(DEMO.auditor)
		await visit(page, '/bureau/audit', '操作审计日志')
		await expectNoSeriousViolations(page)
	})
})

test.describe('docking pages', () => {
	test('/docking/new, a session page and /docking have no serious axe violations', async ({
		page,
		login,
	}) => {
		test.setTimeout(150_000)
		await login(DEMO.supplier)
		// The demand hall reads the search index, which the first start fills in the background.
		const first = page.getByRole('main').locator('a[href^="/demands/c"]').first()
		await expect(async () => {
			await visit(page, '/demands', '需求大厅')
			await expect(first).toBeVisible({ timeout: 1000 })
		}).toPass({ timeout: 90_000 })
		await visit(page, (await first.getAttribute('href'))!)
		await page.getByTestId('start-docking').click()
		await expect(page.getByRole('heading', { level: 1, name: '发起对接' })).toBeVisible()
		await expectNoSeriousViolations(page)
		if (await page.getByLabel('对接说明').isVisible()) {
			await page.getByLabel('对接说明').fill('我司可按贵司规格供货，希望进一步了解用量与认证要求。')
			await page.getByRole('button', { name: '发送对接请求' }).click()
		}
		await expect(page).toHaveURL(/\/docking\/c[a-z0-9]+$/)
		await expect(page.getByRole('log', { name: '洽谈消息记录' })).toBeVisible()
		await expectNoSeriousViolations(page)
		await visit(page, '/docking?filter=pending', '对接洽谈')
		await expectNoSeriousViolations(page)
	})
})

test.describe('matchmaking event pages', () => {
	async function demoEventPath(page: Page) {
		await visit(page, '/events', '线上产销对接会')
		const href = await page
			.getByRole('link', { name: /电子信息产业链专场对接会（演示）/ })
			.getAttribute('href')
		expect(href).toMatch(/^\/events\/c[a-z0-9]+$/)
		return href!
	}

	test("a firm's event pages have no serious axe violations", async ({ page, login }) => {
		test.setTimeout(120_000)
		await login(DEMO.supplier)
		const path = await demoEventPath(page)
		await expectNoSeriousViolations(page)
		await visit(page, path, '电子信息产业链专场对接会（演示）')
		await expectNoSeriousViolations(page)
		await visit(page, `${path}/agenda`, '我的议程')
		await expectNoSeriousViolations(page)
		await visit(page, `${path}/participants`, '参会企业名录')
		await expectNoSeriousViolations(page)
		await visit(page, `${path}/live`)
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
		await expectNoSeriousViolations(page)
	})

	test("the organizer's event pages have no serious axe violations", async ({ page, login }) => {
		test.setTimeout(120_000)
		await login(DEMO.bureau)
		const path = await demoEventPath(page)
		await visit(page, '/events/new', '新建对接会')
		await expectNoSeriousViolations(page)
		for (const tab of ['registrations', 'requests', 'schedule']) {
			await visit(page, `${path}/manage?tab=${tab}`)
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
			await expectNoSeriousViolations(page)
		}
		await visit(page, `${path}/edit`)
		await expectNoSeriousViolations(page)
		await visit(page, `${path}/report`)
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
		await expectNoSeriousViolations(page)
		await visit(page, `${path}/check-in`)
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
		await expectNoSeriousViolations(page)
	})
})

test.describe('language switch', () => {
	test('中文 → English: the header button shows English navigation', async ({ page }) => {
		await visit(page, '/clusters', '九大产业链群与产业链节点')
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
		await page.getByRole('button', { name: 'English' }).click()
		await expect(page).toHaveURL(/\/clusters$/)
		await expect(page.locator('html')).toHaveAttribute('lang', 'en')
		const nav = page.getByRole('navigation', { name: 'Main navigation' })
		await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible()
		await expect(nav.getByRole('link', { name: 'Nine industry clusters' })).toBeVisible()
		await expect(nav.getByRole('link', { name: 'Firm directory' })).toBeVisible()
		await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible()
		await expectNoSeriousViolations(page)
	})

	test('English → 中文: the header button switches back to Chinese navigation', async ({ page }) => {
		await visit(page, '/firms', '企业名录')
		await page.getByRole('button', { name: 'English' }).click()
		await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible()
		await page.getByRole('button', { name: '中文' }).click()
		await expect(page).toHaveURL(/\/firms$/)
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
		const nav = page.getByRole('navigation', { name: '主导航' })
		await expect(nav.getByRole('link', { name: '首页' })).toBeVisible()
		await expect(nav.getByRole('link', { name: '九大产业链群' })).toBeVisible()
		await expect(nav.getByRole('link', { name: '企业名录' })).toBeVisible()
		await expect(page.getByRole('link', { name: '登录', exact: true })).toBeVisible()
		await expectNoSeriousViolations(page)
	})
})
