import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { DEMO, expect, logout, test, uniqueChineseSuffix } from '../playwright-utils'

const SERIOUS = new Set(['serious', 'critical'])

async function expectNoSeriousViolations(page: Page) {
	await page.waitForLoadState('networkidle')
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze()
	const serious = results.violations.filter((v) => v.impact && SERIOUS.has(v.impact))
	const report = serious
		.map(
			(v) =>
				`[${v.impact}] ${v.id}: ${v.help}\n` +
				v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary}`).join('\n'),
		)
		.join('\n')
	expect(serious, `axe found serious or critical violations on ${page.url()}:\n${report}`).toEqual([])
}

/** Fills the new-capability form with a title and the fields a buyer looks at first. */
async function fillCapability(page: Page, title: string) {
	await page.goto('/capabilities/new')
	await expect(page.getByRole('heading', { level: 1, name: '发布能力' })).toBeVisible()
	await page.getByLabel('能力名称').fill(title)
	await page
		.getByLabel('详细介绍')
		.fill('承接汽车拆解废钢、边角料的分拣、剪切和打包预处理，就近供应咸宁和武汉钢厂。')
	await page.getByLabel('产业链群', { exact: true }).selectOption({ index: 1 })
	await page.getByLabel('标签').fill('废钢，预处理，打包')
	await page.getByLabel('第 1 行规格名称').fill('打包块尺寸')
	await page.getByLabel('第 1 行数值').fill('600 × 400 × 300 mm')
	await page.getByRole('checkbox', { name: 'ISO 14001' }).check()
	await page.getByLabel('产能数值').fill('3000')
	await page.getByLabel('产能单位').fill('吨')
	await page.getByLabel('产能周期').selectOption({ label: '每月' })
	await page.getByLabel('交货期（天）').fill('7')
}

function totalOf(text: string | null) {
	return Number(/共\s*(\d+)\s*条/.exec(text ?? '')?.[1] ?? NaN)
}

test.describe('capabilities', () => {
	test('a verified supplier publishes a capability and an anonymous visitor finds it highlighted', async ({
		page,
		login,
	}) => {
		const title = `待处理废钢铁预处理服务${uniqueChineseSuffix()}`
		await login(DEMO.supplier)
		await fillCapability(page, title)
		await page.getByRole('button', { name: '保存并发布' }).click()
		await expect(page).toHaveURL(/\/capabilities\/(?!new$)[^/]+$/)
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
		await expect(page.getByText('能力已保存并发布。')).toBeVisible()
		await expect(page.getByTestId('owner-panel').getByTestId('listing-status')).toHaveText('已发布')
		await expect(page.getByRole('cell', { name: '600 × 400 × 300 mm' })).toBeVisible()
		await expect(page.getByText('3,000 吨/月')).toBeVisible()
		const detailUrl = page.url()

		await page.goto('/my/capabilities')
		const row = page.getByRole('row').filter({ hasText: title })
		await expect(row.getByTestId('listing-status')).toHaveText('已发布')

		await logout(page)
		// The search index follows the database through an outbox, a moment later.
		await expect(async () => {
			await page.goto(`/capabilities?q=${encodeURIComponent('处理')}`)
			await expect(page.getByTestId('result').filter({ hasText: title })).toBeVisible({ timeout: 500 })
		}).toPass({ timeout: 5_000, intervals: [250, 500, 1_000] })
		const hit = page.getByTestId('result').filter({ hasText: title })
		await expect(hit.getByRole('link', { name: title })).toHaveAttribute('href', new URL(detailUrl).pathname)
		await expect(hit.getByRole('heading').locator('mark').first()).toContainText('处理')
		await expect(hit.getByText('✓ 已认证')).toBeVisible()
		await expect(hit.getByText('ISO 14001')).toBeVisible()

		await hit.getByRole('link', { name: title }).click()
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
		await expect(page.getByTestId('owner-panel')).toHaveCount(0)
		await expect(page.getByTestId('firm-card').getByRole('link').first()).toHaveAttribute(
			'href',
			/^\/firms\//,
		)
	})

	test('markup in a title is shown as text and never runs', async ({ page, login }) => {
		const title = `<img src=x onerror=alert(1)>测试${uniqueChineseSuffix()}`
		let dialogs = 0
		page.on('dialog', async (dialog) => {
			dialogs += 1
			await dialog.dismiss()
		})
		await login(DEMO.supplier)
		await fillCapability(page, title)
		await page.getByRole('button', { name: '保存草稿' }).click()
		await expect(page).toHaveURL(/\/capabilities\/(?!new$)[^/]+$/)
		await expect(page.getByText('能力已保存为草稿。')).toBeVisible()
		await expect(page.getByTestId('listing-title')).toHaveText(title)
		await expect(page.getByTestId('owner-panel').getByTestId('listing-status')).toHaveText('草稿')
		await expect(page.locator('img[src="x"]')).toHaveCount(0)

		await page.goto('/my/capabilities')
		await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible()
		await expect(page.locator('img[src="x"]')).toHaveCount(0)
		expect(dialogs).toBe(0)
	})

	test('invalid input comes back with translated errors next to the fields', async ({ page, login }) => {
		await login(DEMO.supplier)
		await page.goto('/capabilities/new')
		await page.getByLabel('能力名称').fill('废')
		await page.getByLabel('产能数值').fill('很多')
		await page.getByLabel('第 1 行规格名称').fill('材质')
		await page.getByRole('button', { name: '保存草稿' }).click()
		await expect(page.getByText('标题至少 2 个字')).toBeVisible()
		await expect(page.getByText('请输入不小于 0 的数字')).toBeVisible()
		await expect(page.getByText('每条规格都需要同时填写名称和数值')).toBeVisible()
		await expect(page).toHaveURL(/\/capabilities\/new$/)
	})

	test('facets narrow the results and stay in the URL', async ({ page }) => {
		await page.goto('/capabilities')
		await expect(page.getByRole('heading', { level: 1, name: '能力库' })).toBeVisible()
		const before = totalOf(await page.getByTestId('result-total').textContent())
		expect(before).toBeGreaterThan(0)

		const clusterFacet = page.getByTestId('facet-cluster')
		const option = clusterFacet.getByRole('checkbox').first()
		const count = Number(
			((await clusterFacet.locator('label').first().textContent()) ?? '').match(/(\d+)\s*$/)?.[1],
		)
		await option.check()
		await expect(page).toHaveURL(/[?&]cluster=/)
		await expect.poll(async () => totalOf(await page.getByTestId('result-total').textContent())).toBe(count)
		await expect(page.getByTestId('facet-cluster').getByRole('checkbox').first()).toBeChecked()

		const region = page.getByTestId('facet-region').getByRole('checkbox').first()
		await region.check()
		await expect(page).toHaveURL(/[?&]cluster=.*[&]region=|[?&]region=.*[&]cluster=/)
		const narrowed = totalOf(await page.getByTestId('result-total').textContent())
		expect(narrowed).toBeLessThanOrEqual(count)

		await page.getByRole('link', { name: '清除筛选' }).first().click()
		await expect(page).not.toHaveURL(/cluster=/)
		await expect.poll(async () => totalOf(await page.getByTestId('result-total').textContent())).toBe(before)
	})

	test('the JSON API returns plain hits with facets, and rejects bad input in Chinese', async ({
		request,
	}) => {
		const response = await request.get(`/api/v1/capabilities?q=${encodeURIComponent('注塑')}`)
		expect(response.status()).toBe(200)
		expect(response.headers()['content-type']).toContain('application/json')
		expect(response.headers()['cache-control']).toBe('no-store')
		const body = (await response.json()) as {
			hits: Array<Record<string, unknown>>
			facets: Record<string, Record<string, number>>
			total: number
			page: number
			pageCount: number
			pageSize: number
		}
		expect(Object.keys(body.facets).sort()).toEqual(['cert', 'cluster', 'node', 'region'])
		expect(body.page).toBe(1)
		expect(body.pageSize).toBe(20)
		expect(body.total).toBeGreaterThanOrEqual(body.hits.length)
		for (const hit of body.hits) {
			expect(hit).not.toHaveProperty('_formatted')
			expect(String(hit.title)).not.toMatch(/[\u0002\u0003]/)
		}

		const demands = await request.get('/api/v1/demands?sort=deadline')
		expect(demands.status()).toBe(200)
		expect(await demands.json()).toHaveProperty('facets.cluster')

		const invalid = await request.get(`/api/v1/demands?q=${'长'.repeat(201)}`)
		expect(invalid.status()).toBe(400)
		expect(await invalid.json()).toEqual({ error: { field: 'q', message: '搜索词不能超过 200 个字' } })
	})
})

test.describe('demands', () => {
	test('a buyer saves a demand as a draft and publishes it from 我的需求', async ({ page, login }) => {
		const title = `新能源汽车线束总成采购${uniqueChineseSuffix()}`
		await login(DEMO.buyer)
		await page.goto('/demands/new')
		await page.getByLabel('需求名称').fill(title)
		await page.getByLabel('采购数量').fill('20000')
		await page.getByLabel('数量单位').fill('套')
		await page.getByLabel('预算下限').fill('80')
		await page.getByLabel('预算上限').fill('120')
		await page.getByLabel('预算单位').fill('元/套')
		await page.getByLabel('交付地区').selectOption({ label: '武汉经济技术开发区（车谷）' })
		await page.getByLabel('截止日期').fill('2030-06-30')
		await page.getByRole('checkbox', { name: 'IATF 16949' }).check()
		await page.getByRole('button', { name: '保存草稿' }).click()
		await expect(page).toHaveURL(/\/demands\/(?!new$)[^/]+$/)
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
		await expect(page.getByText('80–120 元/套')).toBeVisible()
		await expect(page.getByText('2030-06-30')).toBeVisible()

		await page.goto('/my/demands')
		const row = page.getByRole('row').filter({ hasText: title })
		await expect(row.getByTestId('listing-status')).toHaveText('草稿')
		await row.getByRole('button', { name: `发布：${title}` }).click()
		await expect(page.getByText('需求已发布。')).toBeVisible()
		await expect(page.getByRole('row').filter({ hasText: title }).getByTestId('listing-status')).toHaveText(
			'已发布',
		)

		await expect(async () => {
			await page.goto(`/demands?q=${encodeURIComponent('线束总成')}`)
			await expect(page.getByTestId('result').filter({ hasText: title })).toBeVisible({ timeout: 500 })
		}).toPass({ timeout: 5_000, intervals: [250, 500, 1_000] })
		await expect(page.getByTestId('result').filter({ hasText: title }).getByText('链主企业')).toBeVisible()
	})
})

test.describe('accessibility of the listing pages', () => {
	test('public search and detail pages have no serious axe violations', async ({ page }) => {
		await page.goto('/capabilities')
		await expect(page.getByRole('heading', { level: 1, name: '能力库' })).toBeVisible()
		await expectNoSeriousViolations(page)
		await page.goto(`/capabilities?q=${encodeURIComponent('加工')}`)
		await expectNoSeriousViolations(page)
		await page.getByTestId('result').first().getByRole('heading').getByRole('link').click()
		await expect(page).toHaveURL(/\/capabilities\/(?!new$)[^/]+$/)
		await expectNoSeriousViolations(page)
		await page.goto('/demands')
		await expect(page.getByRole('heading', { level: 1, name: '需求大厅' })).toBeVisible()
		await expectNoSeriousViolations(page)
		await page.getByTestId('result').first().getByRole('heading').getByRole('link').click()
		await expect(page).toHaveURL(/\/demands\/(?!new$)[^/]+$/)
		await expectNoSeriousViolations(page)
	})

	test('supplier form and own listings have no serious axe violations', async ({ page, login }) => {
		await login(DEMO.supplier)
		await page.goto('/capabilities/new')
		await expect(page.getByRole('heading', { level: 1, name: '发布能力' })).toBeVisible()
		await expectNoSeriousViolations(page)
		await page.goto('/my/capabilities')
		await expect(page.getByRole('heading', { level: 1, name: '我的能力' })).toBeVisible()
		await expectNoSeriousViolations(page)
	})

	test('buyer form and own demands have no serious axe violations', async ({ page, login }) => {
		await login(DEMO.buyer)
		await page.goto('/demands/new')
		await expect(page.getByRole('heading', { level: 1, name: '发布需求' })).toBeVisible()
		await expectNoSeriousViolations(page)
		await page.goto('/my/demands')
		await expect(page.getByRole('heading', { level: 1, name: '我的需求' })).toBeVisible()
		await expectNoSeriousViolations(page)
	})

	test('bureau sees the moderation panel on a detail page without serious axe violations', async ({
		page,
		login,
	}) => {
		await login(DEMO.bureau)
		await page.goto('/capabilities')
		await page.getByTestId('result').first().getByRole('heading').getByRole('link').click()
		await expect(page.getByTestId('moderation-panel')).toBeVisible()
		await expectNoSeriousViolations(page)
	})
})
