import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hashPassword } from '#app/modules/auth/password.server'
import { emptyFigures, type Figures } from '#app/modules/reports/monitor'
import { getMonitorData, resolveMonitorFilters, type MonitorData } from '#app/modules/reports/monitor.server'
import { loader as pageLoader } from '#app/routes/bureau.monitor'
import { loader as reportLoader } from '#app/routes/bureau.monitor_.report'
import { loader as xlsxLoader } from '#app/routes/resources.bureau.monitor[.]xlsx'

import { prisma } from '#app/utils/db.server'
import { createFirmWithUser, signIn, TEST_PASSWORD, type SignedIn } from '#tests/factories/docking'
import { makeUscc } from '#tests/factories/firms'
import { createEventRow, createMeetingRow, registerFirmRow } from '#tests/factories/events'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// The monitoring dashboard on a real database against a hand-computed fixture in March 2026
// (Asia/Shanghai): two clusters (A, B), suppliers in 咸安区 (421202) and 赤壁市 (421281), a Wuhan buyer
// in 武昌区 (420106) and a Xianning buyer. Every figure below is counted by hand from the rows.

const at = (iso: string) => new Date(iso)
const MARCH = '?period=month&from=2026-03'

let db: TestDatabase
let bureau: SignedIn
let firmUser: SignedIn
let A: string
let B: string

beforeAll(async () => {
	db = await setupTestDatabase()
	const a = await prisma.cluster.create({
		data: { slug: 'mon-a', name: '监测甲链', nameEn: 'A', summary: '', sortOrder: 901 },
	})
	const b = await prisma.cluster.create({
		data: { slug: 'mon-b', name: '监测乙链', nameEn: 'B', summary: '', sortOrder: 902 },
	})
	A = a.id
	B = b.id
	await prisma.user.create({
		data: {
			email: 'monitor-bureau@test.xnwh.cn',
			name: '局办',
			role: 'BUREAU',
			passwordHash: await hashPassword(TEST_PASSWORD),
		},
	})
	bureau = await signIn('monitor-bureau@test.xnwh.cn', TEST_PASSWORD)
	// Created and verified now (November 2026): outside March.
	firmUser = await createFirmWithUser({
		firmName: '其他供应商',
		kind: 'SUPPLIER',
		verified: true,
		userName: '赵工',
		role: 'SUPPLIER',
	})

	const firm = (
		name: string,
		regionCode: string,
		clusters: string[],
		createdAt: string,
		verifiedAt: string | null,
		kind: 'SUPPLIER' | 'BUYER' = 'SUPPLIER',
	) =>
		prisma.firm.create({
			data: {
				name,
				uscc: makeUscc(),
				kind,
				regionCode,
				contactName: '联系人',
				contactPhone: '13900008888',
				verificationStatus: verifiedAt ? 'VERIFIED' : 'PENDING',
				verifiedAt: verifiedAt ? at(verifiedAt) : null,
				createdAt: at(createdAt),
				submittedAt: at(createdAt),
				clusters: { connect: clusters.map((id) => ({ id })) },
			},
		})
	const S1 = await firm('咸安供应一', '421202', [A], '2026-03-05T02:00:00Z', '2026-03-10T02:00:00Z')
	const S2 = await firm('赤壁供应二', '421281', [A, B], '2026-03-06T02:00:00Z', null)
	const S3 = await firm('赤壁供应三', '421281', [B], '2026-02-20T02:00:00Z', '2026-03-02T02:00:00Z')
	// 2026-03-01 00:30 in Shanghai: March, although still February in UTC.
	const W1 = await firm('武汉采购一', '420106', [A], '2026-02-28T16:30:00Z', '2026-04-01T02:00:00Z', 'BUYER')
	const W2 = await firm('咸宁采购二', '421202', [], '2026-01-15T02:00:00Z', '2026-01-16T02:00:00Z', 'BUYER')

	const cap = (
		firmId: string,
		clusterId: string,
		status: 'PUBLISHED' | 'ARCHIVED' | 'DRAFT',
		published: string | null,
	) =>
		prisma.capability.create({
			data: { firmId, title: '能力', clusterId, status, publishedAt: published ? at(published) : null },
		})
	const C1 = await cap(S1.id, A, 'PUBLISHED', '2026-03-03T02:00:00Z')
	const C2 = await cap(S2.id, B, 'ARCHIVED', '2026-03-15T02:00:00Z')
	await cap(S3.id, B, 'DRAFT', null)
	const C4 = await cap(S3.id, B, 'PUBLISHED', '2026-02-10T02:00:00Z')

	const demand = (
		firmId: string,
		clusterId: string,
		status: 'PUBLISHED' | 'CLOSED',
		published: string,
		closed: string | null = null,
	) =>
		prisma.demand.create({
			data: {
				firmId,
				title: '需求',
				clusterId,
				status,
				publishedAt: at(published),
				closedAt: closed ? at(closed) : null,
			},
		})
	const D1 = await demand(W1.id, A, 'PUBLISHED', '2026-03-02T00:00:00Z')
	const D2 = await demand(W1.id, A, 'CLOSED', '2026-03-04T00:00:00Z', '2026-03-20T00:00:00Z')
	const D3 = await demand(W1.id, B, 'PUBLISHED', '2026-03-05T00:00:00Z')
	const D4 = await demand(W2.id, A, 'PUBLISHED', '2026-03-06T00:00:00Z')
	await demand(W1.id, B, 'CLOSED', '2026-02-01T00:00:00Z', '2026-03-25T00:00:00Z')

	const suggest = (demandId: string, capabilityId: string, createdAt: string) =>
		prisma.matchSuggestion.create({ data: { demandId, capabilityId, score: 80, createdAt: at(createdAt) } })
	await suggest(D1.id, C1.id, '2026-03-03T02:00:00Z')
	await suggest(D1.id, C2.id, '2026-03-03T02:00:00Z')
	await suggest(D3.id, C2.id, '2026-03-06T02:00:00Z')
	await suggest(D4.id, C1.id, '2026-03-07T02:00:00Z')
	// 2026-02-28 23:00 in Shanghai: February.
	await suggest(D2.id, C4.id, '2026-02-28T15:00:00Z')

	const docking = (
		buyerFirmId: string,
		supplierFirmId: string,
		demandId: string | null,
		capabilityId: string | null,
		createdAt: string,
		stage: 'INTENT' | 'NEGOTIATION' | 'SAMPLING' | 'SIGNED' | 'CLOSED',
		signed: { at: string; amount: string | null } | null = null,
	) =>
		prisma.dockingSession.create({
			data: {
				buyerFirmId,
				supplierFirmId,
				demandId,
				capabilityId,
				initiatorSide: 'BUYER',
				status: stage === 'INTENT' ? 'DECLINED' : 'ACTIVE',
				stage,
				expiresAt: at('2026-12-31T00:00:00Z'),
				createdAt: at(createdAt),
				signedAt: signed ? at(signed.at) : null,
				dealAmount: signed?.amount ?? null,
			},
		})
	await docking(W1.id, S1.id, D1.id, C1.id, '2026-03-02T06:00:00Z', 'SIGNED', {
		at: '2026-03-20T00:00:00Z',
		amount: '100000.50',
	})
	await docking(W1.id, S2.id, D1.id, C2.id, '2026-03-03T00:00:00Z', 'SAMPLING')
	const K3 = await docking(W1.id, S2.id, D3.id, C2.id, '2026-03-05T12:00:00Z', 'CLOSED')
	await prisma.dockingStageChange.createMany({
		data: [
			{ sessionId: K3.id, fromStage: 'INTENT', toStage: 'SAMPLING', toStatus: 'ACTIVE' },
			{ sessionId: K3.id, fromStage: 'SAMPLING', toStage: 'CLOSED', toStatus: 'ACTIVE' },
		],
	})
	await docking(W2.id, S1.id, D4.id, C1.id, '2026-03-08T00:00:00Z', 'INTENT')
	// April: not in March, but it is D2's first response (29 days) and a signing with a Xianning supplier.
	await docking(W1.id, S3.id, D2.id, C4.id, '2026-04-02T00:00:00Z', 'SIGNED', {
		at: '2026-04-05T00:00:00Z',
		amount: '5000.00',
	})
	await docking(W1.id, S1.id, null, C1.id, '2026-03-10T00:00:00Z', 'SIGNED', {
		at: '2026-03-12T00:00:00Z',
		amount: null,
	})
	const K7 = await docking(W1.id, S2.id, null, null, '2026-03-11T00:00:00Z', 'SIGNED', {
		at: '2026-03-18T00:00:00Z',
		amount: '3000.00',
	})

	const event = await createEventRow(bureau.user.id, {
		title: '三月对接会',
		clusterSlugs: ['mon-a'],
		days: ['2026-03-15'],
		status: 'CLOSED',
		agendaStatus: 'PUBLISHED',
	})
	await createEventRow(bureau.user.id, { clusterSlugs: ['mon-a'], days: ['2026-03-20'], status: 'CANCELLED' })
	await createEventRow(bureau.user.id, { clusterSlugs: ['mon-b'], days: ['2026-03-25'], status: 'DRAFT' })
	await registerFirmRow(event.id, W1.id, 'BUYER')
	await registerFirmRow(event.id, S2.id, 'SUPPLIER')
	await registerFirmRow(event.id, S3.id, 'SUPPLIER')
	await registerFirmRow(event.id, S1.id, 'SUPPLIER', { status: 'PENDING' })
	// Its docking session K7 signed: counted once, through K7.
	const m1 = await createMeetingRow(event, W1.id, S2.id, {
		slotIndex: 0,
		status: 'HELD',
		outcome: 'CONTRACT',
		dealAmount: '20000.00',
	})
	await prisma.meeting.update({ where: { id: m1.id }, data: { dockingSessionId: K7.id } })
	await createMeetingRow(event, W1.id, S3.id, {
		slotIndex: 1,
		status: 'HELD',
		outcome: 'CONTRACT',
		dealAmount: '8000.25',
	})
	await createMeetingRow(event, W2.id, S1.id, { slotIndex: 2, status: 'HELD', outcome: 'SAMPLE' })
})

afterAll(async () => {
	await db?.stop()
})

function figures(overrides: Partial<Figures>): Figures {
	return { ...emptyFigures(), ...overrides }
}

const TOTAL = figures({
	firmsRegistered: 3,
	firmsVerified: 2,
	capabilities: 2,
	demandsPublished: 4,
	demandsOpen: 3,
	demandsClosed: 2,
	suggestions: 4,
	dockings: 6,
	stages: { INTENT: 1, NEGOTIATION: 0, SAMPLING: 1, SIGNED: 3, CLOSED: 1 },
	reachedSampling: 5,
	reachedSigned: 3,
	dockingContracts: 3,
	dockingAmount: '103000.50',
	meetingContracts: 1,
	meetingAmount: '8000.25',
	contracts: 4,
	amount: '111000.75',
	events: 1,
	responded: 4,
	responseMedianHours: 30,
	responseP90Hours: 501.6,
	wuhanDemands: 3,
	localSigned: 2,
	localRatio: 2 / 3,
})

async function data(search: string): Promise<MonitorData> {
	const resolved = await resolveMonitorFilters(new URL(`http://localhost/bureau/monitor${search}`))
	if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors))
	return getMonitorData(resolved.query, resolved.clusters)
}

function approx(f: Figures) {
	return {
		...f,
		responseMedianHours:
			f.responseMedianHours === null ? null : Math.round(f.responseMedianHours * 1000) / 1000,
		responseP90Hours: f.responseP90Hours === null ? null : Math.round(f.responseP90Hours * 1000) / 1000,
	}
}

describe('figures', () => {
	test('totals of March 2026', async () => {
		const d = await data(MARCH)
		expect(d.period.label).toBe('2026年3月')
		expect(approx(d.totals)).toEqual(TOTAL)
	})

	test('per cluster', async () => {
		const d = await data(MARCH)
		const row = (key: string) => approx(d.byCluster.find((r) => r.key === key)!.figures)
		expect(row(A)).toEqual(
			figures({
				firmsRegistered: 3,
				firmsVerified: 1,
				capabilities: 1,
				demandsPublished: 3,
				demandsOpen: 2,
				demandsClosed: 1,
				suggestions: 3,
				dockings: 4,
				stages: { INTENT: 1, NEGOTIATION: 0, SAMPLING: 1, SIGNED: 2, CLOSED: 0 },
				reachedSampling: 3,
				reachedSigned: 2,
				dockingContracts: 2,
				dockingAmount: '100000.50',
				contracts: 2,
				amount: '100000.50',
				events: 1,
				responded: 3,
				responseMedianHours: 48,
				responseP90Hours: 566.4,
				wuhanDemands: 2,
				localSigned: 2,
				localRatio: 1,
			}),
		)
		expect(row(B)).toEqual(
			figures({
				firmsRegistered: 1,
				firmsVerified: 1,
				capabilities: 1,
				demandsPublished: 1,
				demandsOpen: 1,
				demandsClosed: 1,
				suggestions: 1,
				dockings: 1,
				stages: { INTENT: 0, NEGOTIATION: 0, SAMPLING: 0, SIGNED: 0, CLOSED: 1 },
				reachedSampling: 1,
				meetingContracts: 1,
				meetingAmount: '8000.25',
				contracts: 1,
				amount: '8000.25',
				responded: 1,
				responseMedianHours: 12,
				responseP90Hours: 12,
				wuhanDemands: 1,
				localRatio: 0,
			}),
		)
		const unclassified = d.byCluster.find((r) => r.key === '')!
		expect(unclassified.name).toBe('未分类')
		expect(unclassified.figures).toMatchObject({
			dockings: 1,
			reachedSigned: 1,
			contracts: 1,
			amount: '3000.00',
		})
	})

	test('per county', async () => {
		const d = await data(MARCH)
		const row = (key: string) => approx(d.byCounty.find((r) => r.key === key)!.figures)
		expect(row('421202')).toEqual(
			figures({
				firmsRegistered: 1,
				firmsVerified: 1,
				capabilities: 1,
				demandsPublished: 1,
				demandsOpen: 1,
				suggestions: 2,
				dockings: 3,
				stages: { INTENT: 1, NEGOTIATION: 0, SAMPLING: 0, SIGNED: 2, CLOSED: 0 },
				reachedSampling: 2,
				reachedSigned: 2,
				dockingContracts: 2,
				dockingAmount: '100000.50',
				contracts: 2,
				amount: '100000.50',
				responded: 1,
				responseMedianHours: 48,
				responseP90Hours: 48,
			}),
		)
		expect(row('421281')).toEqual(
			figures({
				firmsRegistered: 1,
				firmsVerified: 1,
				capabilities: 1,
				suggestions: 2,
				dockings: 3,
				stages: { INTENT: 0, NEGOTIATION: 0, SAMPLING: 1, SIGNED: 1, CLOSED: 1 },
				reachedSampling: 3,
				reachedSigned: 1,
				dockingContracts: 1,
				dockingAmount: '3000.00',
				meetingContracts: 1,
				meetingAmount: '8000.25',
				contracts: 2,
				amount: '11000.25',
				events: 1,
			}),
		)
		expect(row('420106')).toEqual(
			figures({
				firmsRegistered: 1,
				demandsPublished: 3,
				demandsOpen: 2,
				demandsClosed: 2,
				events: 1,
				responded: 3,
				responseMedianHours: 12,
				responseP90Hours: 559.2,
				wuhanDemands: 3,
				localSigned: 2,
				localRatio: 2 / 3,
			}),
		)
		// Every Xianning county is listed, with zeros when nothing happened there.
		expect(d.byCounty.find((r) => r.key === '421224')!.figures.dockings).toBe(0)
	})

	test('filters: a cluster and a county give that row as totals', async () => {
		const byA = await data(`${MARCH}&cluster=mon-a`)
		const all = await data(MARCH)
		expect(approx(byA.totals)).toEqual(approx(all.byCluster.find((r) => r.key === A)!.figures))
		expect(byA.byCluster.map((r) => r.key)).toEqual([A])
		const chibi = await data(`${MARCH}&county=421281`)
		expect(approx(chibi.totals)).toEqual(approx(all.byCounty.find((r) => r.key === '421281')!.figures))
		expect(chibi.byCounty.map((r) => r.key)).toEqual(['421281'])
		const both = await data(`${MARCH}&cluster=mon-b&county=421281`)
		expect(both.totals).toMatchObject({
			firmsRegistered: 1,
			capabilities: 1,
			contracts: 1,
			amount: '8000.25',
		})
	})

	test('the monthly series: March equals the totals, February its own rows, 12 months to March', async () => {
		const d = await data(MARCH)
		expect(d.series.map((s) => s.month)).toEqual([
			'2025-04',
			'2025-05',
			'2025-06',
			'2025-07',
			'2025-08',
			'2025-09',
			'2025-10',
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02',
			'2026-03',
		])
		expect(approx(d.series.at(-1)!.figures)).toEqual(TOTAL)
		expect(d.series.find((s) => s.month === '2026-02')!.figures).toMatchObject({
			firmsRegistered: 1,
			capabilities: 1,
			demandsPublished: 1,
			suggestions: 1,
			dockings: 0,
		})
		expect(d.series.find((s) => s.month === '2026-01')!.figures).toMatchObject({
			firmsRegistered: 1,
			firmsVerified: 1,
		})
	})

	test('quarter and year contain March and the April signing', async () => {
		const q1 = await data('?period=quarter&from=2026-Q1')
		expect(q1.totals).toMatchObject({ firmsRegistered: 5, capabilities: 3, dockings: 6, contracts: 4 })
		const q2 = await data('?period=quarter&from=2026-Q2')
		expect(q2.totals).toMatchObject({ dockings: 1, contracts: 1, amount: '5000.00', firmsVerified: 1 })
		const year = await data('?period=year&from=2026')
		expect(year.totals).toMatchObject({ dockings: 7, contracts: 5, amount: '116000.75' })
		const custom = await data('?period=custom&from=2026-03-01&to=2026-03-01')
		expect(custom.totals).toMatchObject({ firmsRegistered: 1, demandsPublished: 0 })
	})
})

type Loader = (args: LoaderFunctionArgs) => Promise<Response>
/** Runs a route loader as Remix would for a GET with the cookie; a thrown Response (403, redirect) is returned. */
async function get(loader: Loader, path: string, who?: SignedIn) {
	const request = new Request(`http://localhost${path}`, { headers: who ? { cookie: who.cookie } : {} })
	try {
		return await loader({
			request,
			params: {},
			context: { cspNonce: 'test' } as LoaderFunctionArgs['context'],
		})
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

describe('pages and export', () => {
	test('firm users get 403 on the page, the report and the export; nothing is audited', async () => {
		expect((await get(pageLoader, `/bureau/monitor${MARCH}`, firmUser)).status).toBe(403)
		expect((await get(reportLoader, `/bureau/monitor/report${MARCH}`, firmUser)).status).toBe(403)
		expect((await get(xlsxLoader, `/resources/bureau/monitor.xlsx${MARCH}`, firmUser)).status).toBe(403)
		expect(await prisma.auditLog.count({ where: { action: 'monitor.export' } })).toBe(0)
		const anonymous = await get(pageLoader, '/bureau/monitor')
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
	})

	test('the page loader gives the bureau the figures; bad filters name the field in Chinese', async () => {
		const res = await get(pageLoader, `/bureau/monitor${MARCH}`, bureau)
		expect(res.status).toBe(200)
		expect(res.headers.get('Cache-Control')).toContain('no-store')
		const body = (await res.json()) as { data: MonitorData; search: string }
		expect(approx(body.data.totals)).toEqual(TOTAL)
		expect(body.search).toBe('period=month&from=2026-03')
		const bad = await get(pageLoader, '/bureau/monitor?period=month&from=2026-13&county=999999', bureau)
		expect(bad.status).toBe(400)
		const { errors } = (await bad.json()) as { errors: Record<string, string> }
		expect(errors.from).toContain('月份')
		const county = await get(pageLoader, '/bureau/monitor?county=999999', bureau)
		expect(((await county.json()) as { errors: Record<string, string> }).errors.county).toContain('区县')
		expect(
			(await get(xlsxLoader, '/resources/bureau/monitor.xlsx?period=year&from=20x6', bureau)).status,
		).toBe(400)
	})

	test('the printable report has the same figures', async () => {
		const res = await get(reportLoader, `/bureau/monitor/report${MARCH}&cluster=mon-a`, bureau)
		expect(res.status).toBe(200)
		const body = (await res.json()) as { data: MonitorData }
		expect(body.data.cluster?.slug).toBe('mon-a')
		expect(body.data.totals).toMatchObject({ contracts: 2, amount: '100000.50', localRatio: 1 })
	})

	test('the workbook holds every table with the figures shown, and the download is audited', async () => {
		const res = await get(xlsxLoader, `/resources/bureau/monitor.xlsx${MARCH}`, bureau)
		expect(res.status).toBe(200)
		expect(res.headers.get('Content-Type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		)
		const disposition = res.headers.get('Content-Disposition')!
		expect(disposition).toMatch(/^[\x20-\x7e]+$/)
		expect(disposition).toContain('filename="monitor-2026-03.xlsx"')
		expect(decodeURIComponent(/filename\*=UTF-8''([^;\s]+)/.exec(disposition)![1]!)).toBe(
			'产业链监测-2026年3月.xlsx',
		)
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
		expect(workbook.worksheets.map((w) => w.name)).toEqual([
			'概览',
			'按产业链',
			'按区县',
			'月度趋势',
			'对接阶段',
		])
		const overview = new Map<string, ExcelJS.Row>()
		workbook.getWorksheet('概览')!.eachRow((row) => overview.set(String(row.getCell(1).value), row))
		const value = (label: string) => overview.get(label)!.getCell(2).value
		expect(value('期间')).toBe('2026年3月')
		expect(value('注册企业')).toBe(3)
		expect(value('认证企业')).toBe(2)
		expect(value('发布能力')).toBe(2)
		expect(value('发布需求')).toBe(4)
		expect(value('其中仍开放')).toBe(3)
		expect(value('关闭需求')).toBe(2)
		expect(value('匹配推荐')).toBe(4)
		expect(value('对接会话')).toBe(6)
		expect(value('进入送样')).toBe(5)
		expect(value('达成签约')).toBe(3)
		expect(value('签约合同')).toBe(4)
		expect(value('签约金额（元）')).toBe(111000.75)
		expect(value('举办对接会')).toBe(1)
		expect(value('响应时间中位数（小时）')).toBe(30)
		expect(value('响应时间 P90（小时）')).toBe(501.6)
		expect(value('本地配套率')).toBeCloseTo(2 / 3, 12)
		expect(overview.get('本地配套率')!.getCell(2).numFmt).toBe('0.0%')
		expect(String(overview.get('签约合同')!.getCell(3).value)).toContain('只按对接会话计一次')

		const clusterSheet = workbook.getWorksheet('按产业链')!
		const header = (clusterSheet.getRow(1).values as unknown[]).slice(1)
		expect(header[0]).toBe('产业链')
		const col = (label: string) => header.indexOf(label) + 1
		const rows = new Map<string, ExcelJS.Row>()
		clusterSheet.eachRow((row) => rows.set(String(row.getCell(1).value), row))
		expect(rows.get('监测甲链')!.getCell(col('对接会话')).value).toBe(4)
		expect(rows.get('监测甲链')!.getCell(col('签约金额（元）')).value).toBe(100000.5)
		expect(rows.get('监测乙链')!.getCell(col('签约合同')).value).toBe(1)
		expect(rows.get('未分类')!.getCell(col('签约金额（元）')).value).toBe(3000)
		expect(rows.get('合计')!.getCell(col('签约合同')).value).toBe(4)

		const countyRows = new Map<string, ExcelJS.Row>()
		workbook.getWorksheet('按区县')!.eachRow((row) => countyRows.set(String(row.getCell(1).value), row))
		expect(countyRows.get('赤壁市')!.getCell(col('签约金额（元）')).value).toBe(11000.25)
		expect(countyRows.get('武昌区')!.getCell(col('本地配套率')).value).toBeCloseTo(2 / 3, 12)
		expect(countyRows.get('咸安区')!.getCell(col('本地配套率')).value).toBeNull()

		const trend = new Map<string, ExcelJS.Row>()
		workbook.getWorksheet('月度趋势')!.eachRow((row) => trend.set(String(row.getCell(1).value), row))
		expect(trend.size).toBe(13)
		expect(trend.get('2026-03')!.getCell(col('对接会话')).value).toBe(6)

		const stages = new Map<string, unknown>()
		workbook
			.getWorksheet('对接阶段')!
			.eachRow((row) => stages.set(String(row.getCell(1).value), row.getCell(2).value))
		expect(stages.get('匹配')).toBe(4)
		expect(stages.get('签约')).toBe(3)
		expect(stages.get('当前阶段：关闭')).toBe(1)

		const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: 'monitor.export' } })
		expect(entry.actorId).toBe(bureau.user.id)
		expect(entry.detail).toEqual({ period: '2026年3月', cluster: null, county: null })
	})
})
