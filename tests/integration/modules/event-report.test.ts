import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildEventReport } from '#app/modules/events/report'
import { buildReportWorkbook, type EventReportView } from '#app/modules/events/report.server'
import { loader as reportLoader } from '#app/routes/events.$eventId_.report'
import { loader as xlsxLoader } from '#app/routes/resources.events.$eventId.report[.]xlsx'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { createFirmWithUser, signIn, type SignedIn } from '#tests/factories/docking'
import { createEventRow, createMeetingRow, registerFirmRow } from '#tests/factories/events'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// The post-event report on a real database: the page's loader and the Excel export's loader called
// as Remix calls them, for the organizer and for a firm, and the workbook read back with exceljs.

const TITLE = '=HYPERLINK("http://x")<script>alert(1)</script>'
const NOTE = '<script>alert(1)</script>\n=HYPERLINK("http://x")，已签框架协议'
const FIRM_NAME = '@SUM(1,1) 赤壁新材科技'

let db: TestDatabase
let bureau: SignedIn
let supplierUser: SignedIn
let eventId: string
let firmIds: Record<'buyer' | 'buyer2' | 'buyer3' | 'supplier' | 'supplier2' | 'supplier3', string>
let names: Record<string, string>
let clusterName: Record<string, string>

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	const demo = (name: string) => signIn(`${name}@demo.xnwh.cn`, DEMO_PASSWORD)
	const [b, s, buyer, buyer2, supplier2] = await Promise.all([
		demo('bureau'),
		demo('supplier'),
		demo('buyer'),
		demo('buyer2'),
		demo('supplier2'),
	])
	bureau = b
	supplierUser = s
	const buyer3 = await createFirmWithUser({
		firmName: '武汉第三采购方有限公司',
		kind: 'BUYER',
		verified: true,
		userName: '孙工',
		role: 'BUYER',
	})
	const supplier3 = await createFirmWithUser({
		firmName: FIRM_NAME,
		kind: 'SUPPLIER',
		verified: true,
		userName: '钱经理',
		role: 'SUPPLIER',
	})
	const pending = await createFirmWithUser({
		firmName: '待审核供应商',
		kind: 'SUPPLIER',
		verified: true,
		userName: '吴经理',
		role: 'SUPPLIER',
	})
	firmIds = {
		buyer: buyer.user.firmId!,
		buyer2: buyer2.user.firmId!,
		buyer3: buyer3.firm.id,
		supplier: s.user.firmId!,
		supplier2: supplier2.user.firmId!,
		supplier3: supplier3.firm.id,
	}
	const clusters = await prisma.cluster.findMany({ select: { id: true, slug: true, name: true } })
	clusterName = Object.fromEntries(clusters.map((c) => [c.slug, c.name]))
	const ref = (...slugs: string[]) => slugs.map((slug) => ({ id: clusters.find((c) => c.slug === slug)!.id }))
	// The supplier's first cluster (by order) is not a theme but its second is: the theme wins.
	await prisma.firm.update({
		where: { id: firmIds.supplier },
		data: { clusters: { set: ref('low-carbon-metallurgy', 'electronics') } },
	})
	// No theme cluster: its first cluster in cluster order (装备制造 before 食品饮料). supplier3 has none: 未分类.
	await prisma.firm.update({
		where: { id: firmIds.supplier2 },
		data: { clusters: { set: ref('food-beverage', 'equipment') } },
	})
	const firms = await prisma.firm.findMany({
		where: { id: { in: Object.values(firmIds) } },
		select: { id: true, name: true },
	})
	names = Object.fromEntries(firms.map((f) => [f.id, f.name]))

	const event = await createEventRow(bureau.user.id, {
		title: TITLE,
		clusterSlugs: ['electronics'],
		agendaStatus: 'PUBLISHED',
		dayEnd: '13:00',
	})
	eventId = event.id
	const now = new Date()
	await registerFirmRow(eventId, firmIds.buyer, 'BUYER', { checkedInAt: now })
	await registerFirmRow(eventId, firmIds.buyer2, 'BUYER')
	await registerFirmRow(eventId, firmIds.buyer3, 'BUYER')
	await registerFirmRow(eventId, firmIds.supplier, 'SUPPLIER', { checkedInAt: now })
	await registerFirmRow(eventId, firmIds.supplier2, 'SUPPLIER')
	await registerFirmRow(eventId, firmIds.supplier3, 'SUPPLIER')
	// Not approved: neither its registration nor its check-in counts.
	await registerFirmRow(eventId, pending.firm.id, 'SUPPLIER', { status: 'PENDING', checkedInAt: now })

	const m1 = await createMeetingRow(event, firmIds.buyer, firmIds.supplier, {
		slotIndex: 0,
		status: 'HELD',
		outcome: 'CONTRACT',
		dealAmount: '0.1',
	})
	await prisma.meeting.update({ where: { id: m1.id }, data: { outcomeNote: NOTE } })
	await createMeetingRow(event, firmIds.buyer2, firmIds.supplier, {
		slotIndex: 1,
		status: 'HELD',
		outcome: 'CONTRACT',
		dealAmount: '0.2',
	})
	await createMeetingRow(event, firmIds.buyer, firmIds.supplier2, {
		slotIndex: 2,
		status: 'HELD',
		outcome: 'SAMPLE',
	})
	await createMeetingRow(event, firmIds.buyer2, firmIds.supplier2, {
		slotIndex: 3,
		status: 'NO_SHOW',
		noShowFirmIds: [firmIds.supplier2],
	})
	await createMeetingRow(event, firmIds.buyer, firmIds.supplier3, {
		slotIndex: 4,
		status: 'SCHEDULED',
		outcome: 'INTENT',
	})
	await createMeetingRow(event, firmIds.buyer2, firmIds.supplier3, { slotIndex: 5, status: 'SCHEDULED' })
	// Never counted.
	await createMeetingRow(event, firmIds.buyer3, firmIds.supplier, {
		slotIndex: 7,
		status: 'DRAFT',
		outcome: 'CONTRACT',
		dealAmount: '999.00',
	})
	await createMeetingRow(event, firmIds.buyer3, firmIds.supplier2, { slotIndex: 6, status: 'CANCELLED' })
})

afterAll(async () => {
	await db?.stop()
})

type Loader = (args: LoaderFunctionArgs) => Promise<Response>

/** Runs a route loader as Remix would for a GET with the cookie; a thrown Response (404, redirect) is returned. */
async function get(loader: Loader, path: string, id: string, who?: SignedIn) {
	const request = new Request(`http://localhost${path}`, { headers: who ? { cookie: who.cookie } : {} })
	try {
		return await loader({
			request,
			params: { eventId: id },
			context: { cspNonce: 'test' } as LoaderFunctionArgs['context'],
		})
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

const page = (id: string, who?: SignedIn) => get(reportLoader, `/events/${id}/report`, id, who)
const xlsx = (id: string, who?: SignedIn) => get(xlsxLoader, `/resources/events/${id}/report.xlsx`, id, who)

describe('report page', () => {
	test('the organizer sees totals, clusters and every listed meeting', async () => {
		const res = await page(eventId, bureau)
		expect(res.status).toBe(200)
		expect(res.headers.get('Cache-Control')).toContain('no-store')
		const { report } = (await res.json()) as { report: EventReportView }
		expect(report.event.title).toBe(TITLE)
		expect(report.totals).toEqual({
			registered: { buyers: 3, suppliers: 3, total: 6 },
			checkedIn: 2,
			planned: 6,
			held: 4,
			noShow: 1,
			noShowRate: 1 / 6,
			intents: 4,
			samples: 1,
			contracts: 2,
			contractAmount: '0.30',
			excluded: { draft: 1, cancelled: 1, needsReschedule: 0 },
		})
		expect(report.byOutcome).toEqual({ NO_INTENT: 0, INTENT: 1, SAMPLE: 1, CONTRACT: 2 })
		expect(report.byCluster).toEqual([
			{ cluster: clusterName.electronics, planned: 2, held: 2, intents: 2, contracts: 2, amount: '0.30' },
			{
				cluster: clusterName.equipment,
				planned: 2,
				held: 1,
				intents: 1,
				contracts: 0,
				amount: '0.00',
			},
			{ cluster: '未分类', planned: 2, held: 1, intents: 1, contracts: 0, amount: '0.00' },
		])
		// In time order; the draft is not listed, the cancelled meeting is.
		expect(report.meetings.map((m) => m.status)).toEqual([
			'HELD',
			'HELD',
			'HELD',
			'NO_SHOW',
			'SCHEDULED',
			'SCHEDULED',
			'CANCELLED',
		])
		const first = report.meetings[0]!
		expect(first).toMatchObject({
			buyerName: names[firmIds.buyer],
			supplierName: names[firmIds.supplier],
			outcome: 'CONTRACT',
			dealAmount: '0.10',
			outcomeNote: NOTE,
		})
		expect(first.timeLabel).toMatch(/^\d{4}-\d{2}-\d{2} 09:00–09:30$/)
		expect(report.meetings.find((m) => m.status === 'NO_SHOW')!.noShowNames).toEqual([
			names[firmIds.supplier2],
		])
		expect(report.meetings.filter((m) => m.supplierName === FIRM_NAME)).toHaveLength(2)
	})

	test('a firm user gets 404, as for an event that does not exist; no login goes to the login page', async () => {
		expect((await page(eventId, supplierUser)).status).toBe(404)
		expect((await page('no-such-event', bureau)).status).toBe(404)
		const anonymous = await page(eventId)
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
	})
})

describe('Excel export', () => {
	test('a firm user gets 404 and nothing is audited', async () => {
		expect((await xlsx(eventId, supplierUser)).status).toBe(404)
		expect((await xlsx('no-such-event', bureau)).status).toBe(404)
		expect(await prisma.auditLog.count({ where: { action: 'event.report.export' } })).toBe(0)
	})

	test('the organizer downloads 概览, 按产业链 and 会谈明细 with the figures, text kept as text', async () => {
		const res = await xlsx(eventId, bureau)
		expect(res.status).toBe(200)
		expect(res.headers.get('Content-Type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		)
		const disposition = res.headers.get('Content-Disposition')!
		expect(disposition).toMatch(/^[\x20-\x7e]+$/)
		expect(disposition).toContain(`filename="event-report-${eventId}.xlsx"`)
		const encoded = /filename\*=UTF-8''([^;\s]+)/.exec(disposition)![1]!
		expect(encoded).toMatch(/^[A-Za-z0-9%!#$&+\-.^_`|~]+$/) // RFC 5987 attr-chars only
		const filename = decodeURIComponent(encoded)
		expect(filename.startsWith('对接会报告-=HYPERLINK(')).toBe(true)
		expect(filename.endsWith('.xlsx')).toBe(true)
		expect(filename).not.toMatch(/["<>/\\:]/)

		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['概览', '按产业链', '会谈明细'])

		const overview = workbook.getWorksheet('概览')!
		const kpi = new Map<string, ExcelJS.Cell>()
		overview.eachRow((row) => kpi.set(String(row.getCell(1).value), row.getCell(2)))
		expectText(kpi.get('对接会')!, TITLE)
		expect(kpi.get('报名通过企业（合计）')!.value).toBe(6)
		expect(kpi.get('签到企业')!.value).toBe(2)
		expect(kpi.get('计划会谈')!.value).toBe(6)
		expect(kpi.get('实际举行')!.value).toBe(4)
		expect(kpi.get('爽约')!.value).toBe(1)
		expect(kpi.get('爽约率')!.value).toBeCloseTo(1 / 6, 12)
		expect(kpi.get('爽约率')!.numFmt).toBe('0.0%')
		expect(kpi.get('达成意向（含送样、签约）')!.value).toBe(4)
		expect(kpi.get('签约')!.value).toBe(2)
		expect(kpi.get('签约金额（元）')!.value).toBe(0.3)
		expect(kpi.get('未计入：排期草稿')!.value).toBe(1)
		expect(kpi.get('未计入：已取消')!.value).toBe(1)

		const byCluster = rowsOf(workbook.getWorksheet('按产业链')!)
		expect(byCluster).toEqual([
			['产业链', '计划会谈', '实际举行', '达成意向', '签约', '签约金额（元）'],
			[clusterName.electronics, 2, 2, 2, 2, 0.3],
			[clusterName.equipment, 2, 1, 1, 0, 0],
			['未分类', 2, 1, 1, 0, 0],
			['合计', 6, 4, 4, 2, 0.3],
		])

		const detailSheet = workbook.getWorksheet('会谈明细')!
		const detail = rowsOf(detailSheet)
		expect(detail[0]).toEqual([
			'时间',
			'采购方',
			'供应方',
			'产业链',
			'状态',
			'结果',
			'签约金额（元）',
			'爽约企业',
			'备注',
		])
		expect(detail).toHaveLength(1 + 7)
		expect(detail[1]!.slice(1, 9)).toEqual([
			names[firmIds.buyer],
			names[firmIds.supplier],
			clusterName.electronics,
			'已举行',
			'签约',
			0.1,
			'',
			NOTE,
		])
		expect(detail.find((r) => r[4] === '爽约')!.slice(1, 8)).toEqual([
			names[firmIds.buyer2],
			names[firmIds.supplier2],
			clusterName.equipment,
			'爽约',
			'',
			'',
			names[firmIds.supplier2],
		])
		expect(detail.map((r) => r[4])).not.toContain('草稿')
		// Text that looks like a formula is a string cell in the Text format, never a formula.
		expectText(detailSheet.getRow(2).getCell(9), NOTE)
		const naughtyFirm = detailSheet.getRows(2, 7)!.find((r) => r.getCell(3).value === FIRM_NAME)!
		expectText(naughtyFirm.getCell(3), FIRM_NAME)

		const audits = await prisma.auditLog.findMany({ where: { action: 'event.report.export' } })
		expect(audits).toHaveLength(1)
		expect(audits[0]).toMatchObject({
			actorId: bureau.user.id,
			actorRole: 'BUREAU',
			targetType: 'Event',
			targetId: eventId,
			detail: { meetings: 7 },
		})
	})
})

describe('Excel text', () => {
	test('every naughty string comes back byte-exact as a string cell (names and notes)', async () => {
		const blns = JSON.parse(readFileSync(path.resolve('../shared/data/blns/blns.json'), 'utf8')) as string[]
		const strings = [
			...blns,
			'a\r\nb\rc',
			'x_x0041_y',
			'_x005f_',
			'\u007f',
			'\ufffe',
			'-1+1',
			'+1',
			'@A1',
			'=1+1',
		]
		const report = buildEventReport({
			registrations: { buyers: 0, suppliers: 0, checkedIn: 0 },
			meetings: strings.map((s, i) => ({
				id: `m${String(i).padStart(4, '0')}`,
				status: 'HELD' as const,
				outcome: null,
				dealAmount: null,
				outcomeNote: s,
				noShowFirmIds: [],
				buyerFirmId: 'b',
				buyerName: s,
				supplierFirmId: 's',
				supplierName: '供应方',
				clusterName: '未分类',
				startsAt: new Date(Date.UTC(2026, 11, 10) + i * 60_000),
				timeLabel: '—',
			})),
		})
		const now = new Date().toISOString()
		const view: EventReportView = {
			...report,
			event: {
				id: 'e',
				title: strings[0]!,
				status: 'CLOSED',
				agendaStatus: 'PUBLISHED',
				format: 'ONLINE',
				venue: '',
				days: [],
				startsAt: now,
				endsAt: now,
				clusters: [],
			},
			generatedAt: '2026-12-10 18:00',
		}
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load((await buildReportWorkbook(view)) as unknown as ArrayBuffer)
		const sheet = workbook.getWorksheet('会谈明细')!
		const changed = strings.flatMap((s, i) => {
			const row = sheet.getRow(i + 2)
			return [row.getCell(2), row.getCell(9)].flatMap((cell) => {
				const value = cell.value ?? ''
				const ok =
					value === s && (s === '' || (cell.type === ExcelJS.ValueType.String && cell.formula === undefined))
				return ok ? [] : [{ input: s, output: value, type: cell.type }]
			})
		})
		expect(changed).toEqual([])
	})
})

function expectText(cell: ExcelJS.Cell, text: string) {
	expect(cell.type).toBe(ExcelJS.ValueType.String)
	expect(cell.value).toBe(text)
	expect(cell.formula).toBeUndefined()
	expect(cell.numFmt).toBe('@')
}

function rowsOf(sheet: ExcelJS.Worksheet) {
	const rows: unknown[][] = []
	sheet.eachRow((row) => {
		const cells: unknown[] = []
		for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).value ?? '')
		rows.push(cells)
	})
	return rows
}
