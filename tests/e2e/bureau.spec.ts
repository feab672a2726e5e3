import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { DEMO, expect, test } from '../playwright-utils'

// The bureau workspace answers its two questions in two clicks each, with an export: which Wuhan needs in
// 电子信息 have no Xianning supplier yet (产业链图谱 → the cluster → the gap list), and how is the 链主's list
// progressing (链主目标清单 → the list). Firms are refused every bureau page and export.

async function noSeriousViolations(page: Page) {
	await page.waitForLoadState('networkidle')
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze()
	const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
	expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

test('a bureau user finds the 电子信息 gaps and the 链主 list in two clicks each, and exports them', async ({
	page,
	login,
}) => {
	test.setTimeout(120_000)
	const errors: string[] = []
	page.on('pageerror', (e) => errors.push(e.message))
	await login(DEMO.bureau)

	await page.getByRole('link', { name: '产业链图谱' }).click()
	await page.getByRole('link', { name: '电子信息产业集群' }).first().click()
	await expect(page).toHaveURL(/\/bureau\/chains\/electronics/)
	const gaps = page.getByTestId('gap-list')
	await expect(gaps.locator('li').first()).toBeVisible()
	await expect(gaps).toContainText('武汉')
	await noSeriousViolations(page)
	const download = page.waitForEvent('download')
	await page.getByRole('link', { name: '导出 Excel' }).click()
	expect((await download).suggestedFilename()).toMatch(/\.xlsx$/)

	await page.getByRole('link', { name: '链主目标清单' }).click()
	await page.getByRole('link', { name: '光模块配套目标清单（演示）' }).click()
	await expect(page.getByTestId('target-items').locator('tbody tr')).toHaveCount(5)
	await noSeriousViolations(page)

	await page.getByRole('link', { name: '监测看板' }).click()
	await expect(
		page.getByTestId('kpi-firmsRegistered').or(page.getByRole('heading', { level: 1 })),
	).toBeVisible()
	await noSeriousViolations(page)
	expect(errors).toEqual([])
})

test('firms get 403 on every bureau page and export', async ({ page, login }) => {
	await login(DEMO.buyer)
	for (const path of [
		'/bureau/monitor',
		'/bureau/monitor/report',
		'/resources/bureau/monitor.xlsx',
		'/bureau/chains',
		'/bureau/chains/electronics',
		'/resources/bureau/chains/electronics/gaps.xlsx',
		'/bureau/follow-ups',
	]) {
		const response = await page.request.get(path, { maxRedirects: 0 })
		expect(response.status(), path).toBe(403)
	}
})
