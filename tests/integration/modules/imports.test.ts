import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { confirmImport, getImportJob, previewImport } from '#app/modules/imports/imports.server'
import { DEMAND_COLUMNS } from '#app/modules/imports/columns'
import { prisma } from '#app/utils/db.server'
import { seed } from '#prisma/seed'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let buyerFirmId: string
let buyerUser: { id: string; role: 'BUYER'; firmId: string }
let bureau: { id: string; role: 'BUREAU'; firmId: null }

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	const user = await prisma.user.findUniqueOrThrow({ where: { email: 'buyer@demo.xnwh.cn' } })
	buyerFirmId = user.firmId!
	buyerUser = { id: user.id, role: 'BUYER', firmId: buyerFirmId }
	const staff = await prisma.user.findUniqueOrThrow({ where: { email: 'bureau@demo.xnwh.cn' } })
	bureau = { id: staff.id, role: 'BUREAU', firmId: null }
})
afterAll(async () => {
	await db?.stop()
})

async function workbook(rows: string[][]) {
	const wb = new ExcelJS.Workbook()
	const sheet = wb.addWorksheet('清单')
	sheet.addRow(DEMAND_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)))
	for (const r of rows) sheet.addRow(r)
	return new Uint8Array(await wb.xlsx.writeBuffer())
}

// externalRef, title, description, cluster, chainNode, qty, unit, budgetMin, budgetMax, budgetUnit, certs, region, deadline
const good = (i: number) => [`XQ-${i}`, `配套需求第${i}项光模块`, '年需求稳定', '电子信息产业集群', '', String(10 + i), '万只', '100', '200', '万元', 'ISO 9001', '东湖新技术开发区（光谷）', '2027-06-30']

async function waitDone(jobId: string, actor: Parameters<typeof getImportJob>[0]) {
	for (let i = 0; i < 600; i++) {
		const job = await getImportJob(actor, jobId)
		if (job && (job.status === 'DONE' || job.status === 'FAILED')) return job
		await new Promise((r) => setTimeout(r, 50))
	}
	throw new Error('import did not finish')
}

describe(`Excel import (${process.env.TEST_DB_KIND})`, () => {
	test('preview reports each bad row with its Excel row number and column, and saves nothing', async () => {
		const bytes = await workbook([
			good(1),
			['XQ-2', '', '', '', '', '', '', '', '', '', '', '', ''],
			['XQ-3', '光模块采购', '', '不存在的链群', '', 'abc', '万只', '', '', '', '', '火星', '2027-13-45'],
			good(1),
			['XQ-5', '光模块采购', '', '', '', '1', '万只', '300', '100', '万元', '', '', ''],
		])
		const before = await prisma.demand.count()
		const result = await previewImport(buyerUser, { firmId: buyerFirmId, kind: 'DEMAND', fileName: '清单.xlsx', bytes }, {})
		expect(result.valid).toBe(1)
		const byRow = (row: number) => result.errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.message}`)
		expect(byRow(3)).toEqual(['需求名称:err.required'])
		expect(byRow(4)).toEqual(expect.arrayContaining(['产业链群:import.errorCluster', '交付地区:err.region', '需求数量:err.number', '截止日期:err.date']))
		expect(byRow(5)).toEqual(['外部编号:import.errorDuplicateRef'])
		expect(byRow(6)).toEqual(['预算上限:err.rangeOrder'])
		expect(await prisma.demand.count()).toBe(before)
	})

	test('confirming imports the valid rows; the same sheet again updates instead of duplicating', async () => {
		const rows = Array.from({ length: 30 }, (_, i) => good(100 + i))
		const bytes = await workbook(rows)
		const first = await previewImport(buyerUser, { firmId: buyerFirmId, kind: 'DEMAND', fileName: 'a.xlsx', bytes }, {})
		expect(first.errors).toEqual([])
		expect(await confirmImport(buyerUser, first.jobId, {})).toBe(true)
		expect(await confirmImport(buyerUser, first.jobId, {})).toBe(false)
		const done = await waitDone(first.jobId, buyerUser)
		expect(done).toMatchObject({ status: 'DONE', processed: 30, created: 30, updated: 0 })
		const saved = await prisma.demand.findFirstOrThrow({ where: { firmId: buyerFirmId, externalRef: 'XQ-100' } })
		expect(saved).toMatchObject({ status: 'DRAFT', quantityValue: 110, budgetMax: 200, deliveryRegionCode: 'WH-EHTZ', source: 'CHAIN_LEADER_LIST' })
		expect(await prisma.searchOutbox.count({ where: { entityId: saved.id } })).toBeGreaterThan(0)

		const again = await previewImport(buyerUser, { firmId: buyerFirmId, kind: 'DEMAND', fileName: 'a.xlsx', bytes }, {})
		await confirmImport(buyerUser, again.jobId, {})
		expect(await waitDone(again.jobId, buyerUser)).toMatchObject({ created: 0, updated: 30 })
		expect(await prisma.demand.count({ where: { firmId: buyerFirmId, externalRef: { startsWith: 'XQ-1' } } })).toBe(30)
	})

	test('a CSV saved by Excel in GBK is read', async () => {
		const gbk = new Uint8Array(readFileSync('tests/fixtures/demands-gbk.csv'))
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow()
		const result = await previewImport(buyerUser, { firmId: buyerFirmId, kind: 'DEMAND', fileName: 'gbk.csv', bytes: gbk }, {})
		expect(result).toMatchObject({ valid: 1, errors: [] })
	})

	test('a bureau user imports on behalf of a firm, audited; a firm cannot import for another firm', async () => {
		const bytes = await workbook([good(900)])
		const result = await previewImport(bureau, { firmId: buyerFirmId, kind: 'DEMAND', fileName: 'b.xlsx', bytes }, { ip: '10.2.2.2' })
		await confirmImport(bureau, result.jobId, { ip: '10.2.2.2' })
		await waitDone(result.jobId, bureau)
		const actions = (await prisma.auditLog.findMany({ where: { actorId: bureau.id, targetId: buyerFirmId } })).map((a) => a.action)
		expect(actions).toEqual(expect.arrayContaining(['import.preview', 'import.confirm']))
		const other = await prisma.firm.findFirstOrThrow({ where: { kind: 'BUYER', id: { not: buyerFirmId } } })
		await expect(previewImport(buyerUser, { firmId: other.id, kind: 'DEMAND', fileName: 'c.xlsx', bytes }, {})).rejects.toMatchObject({ code: 'forbidden' })
	})

	test('5,000 rows import in chunks while other queries keep being answered', async () => {
		const bytes = await workbook(Array.from({ length: 5000 }, (_, i) => good(10_000 + i)))
		const preview = await previewImport(buyerUser, { firmId: buyerFirmId, kind: 'DEMAND', fileName: 'big.xlsx', bytes }, {})
		expect(preview.valid).toBe(5000)
		await confirmImport(buyerUser, preview.jobId, {})
		// Queries issued while the import runs are answered before it ends.
		const progressSeen: number[] = []
		for (let i = 0; i < 5; i++) {
			await prisma.$queryRaw`SELECT 1`
			const job = await getImportJob(buyerUser, preview.jobId)
			progressSeen.push(job!.processed)
		}
		const done = await waitDone(preview.jobId, buyerUser)
		expect(done).toMatchObject({ status: 'DONE', processed: 5000, created: 5000 })
		expect(progressSeen.some((p) => p < 5000)).toBe(true)
	})
})
