import AxeBuilder from '@axe-core/playwright'
import ExcelJS from 'exceljs'
import { DEMAND_COLUMNS } from '../../app/modules/imports/columns'
import { DEMO, expect, loginThroughForm, test, uniqueChineseSuffix } from '../playwright-utils'

async function demandSheet(rows: string[][]) {
	const wb = new ExcelJS.Workbook()
	const sheet = wb.addWorksheet('配套需求对接清单')
	sheet.addRow(DEMAND_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)))
	for (const r of rows) sheet.addRow(r)
	return Buffer.from(await wb.xlsx.writeBuffer())
}

test('a bureau user imports a 配套需求对接清单 for a chain leader, sees errors per row, then imports the valid rows', async ({ page, login }) => {
	const tag = uniqueChineseSuffix()
	const file = await demandSheet([
		[`E2E-${tag}-1`, `车规级连接器配套${tag}`, '年需求 20 万套', '装备制造产业集群', '', '20', '万套', '100', '150', '万元', 'IATF 16949', '武汉经济技术开发区（车谷）', '2027-05-31'],
		[`E2E-${tag}-2`, '', '缺少名称的行', '', '', '', '', '', '', '', '', '', ''],
		[`E2E-${tag}-3`, `铝合金电池托盘${tag}`, '', '不存在的产业链群', '', '十万', '件', '', '', '', '', '', ''],
	])
	await login(DEMO.bureau)
	await page.goto('/bureau/import')
	const firmOption = await page.locator('option', { hasText: '武汉光澜通信技术有限公司' }).getAttribute('value')
	await page.getByLabel('企业').selectOption(firmOption!)
	await page.getByRole('button', { name: '选择' }).click()
	await expect(page.getByRole('link', { name: /下载配套需求对接清单模板/ })).toBeVisible()
	await page.getByLabel(/清单文件/).setInputFiles({ name: '配套需求对接清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
	await page.getByRole('button', { name: '上传并检查' }).click()

	await expect(page.getByTestId('import-summary')).toContainText('可导入 1 行')
	const errors = page.getByRole('table', { name: '逐行错误' })
	await expect(errors.getByRole('row', { name: /3 需求名称 此项为必填项/ })).toBeVisible()
	await expect(errors.getByRole('row', { name: /4 产业链群 产业链群名称无法识别/ })).toBeVisible()
	await expect(errors.getByRole('row', { name: /4 需求数量 请输入不小于 0 的数字/ })).toBeVisible()
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])

	await page.getByRole('button', { name: '确认导入 1 行' }).click()
	await expect(page.getByTestId('import-progress')).toContainText('导入完成：新建 1 条', { timeout: 15_000 })
	// The audit log is read by the audit role only (等保 三员分立).
	await page.context().clearCookies()
	await loginThroughForm(page, DEMO.auditor)
	await page.goto('/bureau/audit')
	await expect(page.getByRole('cell', { name: 'import.confirm' }).first()).toBeVisible()
})
