import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { zh } from '#app/i18n/zh'
import { STALL_DAYS } from '#app/modules/targets/lifecycle'
import {
	createList,
	TargetError,
	type ListDetail,
	type QueueEntry,
} from '#app/modules/targets/targets.server'
import { action as followUpsAction, loader as followUpsLoader } from '#app/routes/bureau.follow-ups'
import { loader as xlsxLoader } from '#app/routes/resources.targets.$listId[.]xlsx'
import { action as listAction, loader as listLoader } from '#app/routes/targets.$listId'
import { loader as indexLoader } from '#app/routes/targets._index'
import { action as newAction, loader as newLoader } from '#app/routes/targets.new'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, DEMO_TARGET_LIST_TITLE, seed } from '#prisma/seed'
import { createFirmWithUser, signIn, type SignedIn } from '#tests/factories/docking'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// 链主 target lists on a real database, through the route loaders and actions as Remix calls them.
// Fixture (hand-computed): a chain leader's list of 4 items at different stages.
//   #1 d1: suggestions 90 (Wuhan supplier) and 85 (unverified Xianning supplier) → matched, no qualified local
//   #2 d2: suggestion 72 (verified Xianning) + ACTIVE session at NEGOTIATION, last activity 20 days ago,
//          last message from the buyer → docking, stalled (supplier's turn)
//   #3 d3: suggestion 65 (verified Xianning) + session SIGNED → contract
//   #4 d4: only a 40 suggestion → published, no match
// Coverage: qualified 2/4, in docking 2/4, contracted 1/4.

const DAY = 24 * 60 * 60 * 1000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY)

let db: TestDatabase
let bureau: SignedIn
let leader: SignedIn & { firm: { id: string; name: string } }
let other: SignedIn & { firm: { id: string; name: string } }
let supplierUser: SignedIn
let supplierLocal: { id: string; name: string }
let supplierWuhan: { id: string; name: string }
let d: Record<'d1' | 'd2' | 'd3' | 'd4' | 'd5' | 'd6' | 'foreign', string>
let stalledSessionId: string
let listId: string
let otherDraftId: string

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	// These tests count lists from zero: the seeded demo list is not theirs.
	await prisma.targetList.deleteMany({ where: { title: DEMO_TARGET_LIST_TITLE } })
	bureau = await signIn('bureau@demo.xnwh.cn', DEMO_PASSWORD)
	leader = await createFirmWithUser({
		firmName: '武汉光谷链主集团',
		kind: 'BUYER',
		verified: true,
		userName: '赵总',
		role: 'BUYER',
	})
	await prisma.firm.update({
		where: { id: leader.firm.id },
		data: { isChainLeader: true, regionCode: 'WH-EHTZ' },
	})
	other = await createFirmWithUser({
		firmName: '武汉普通采购方',
		kind: 'BUYER',
		verified: true,
		userName: '钱工',
		role: 'BUYER',
	})
	const sLocal = await createFirmWithUser({
		firmName: '咸宁本地精密制造',
		kind: 'SUPPLIER',
		verified: true,
		userName: '孙经理',
		role: 'SUPPLIER',
	})
	supplierUser = sLocal
	supplierLocal = sLocal.firm
	const sWuhan = await createFirmWithUser({
		firmName: '武汉外地供应商',
		kind: 'SUPPLIER',
		verified: true,
		userName: '李经理',
		role: 'SUPPLIER',
	})
	await prisma.firm.update({ where: { id: sWuhan.firm.id }, data: { regionCode: '420111' } })
	supplierWuhan = sWuhan.firm
	const sUnverified = await createFirmWithUser({
		firmName: '咸宁未认证供应商',
		kind: 'SUPPLIER',
		verified: false,
		userName: '周经理',
		role: 'SUPPLIER',
	})

	const cap = (firmId: string, title: string) =>
		prisma.capability
			.create({
				data: { firmId, title, status: 'PUBLISHED', publishedAt: daysAgo(60) },
				select: { id: true },
			})
			.then((c) => c.id)
	const capLocal = await cap(supplierLocal.id, '精密注塑件')
	const capWuhan = await cap(supplierWuhan.id, '模组组装')
	const capUnverified = await cap(sUnverified.firm.id, '线束')

	const demand = (firmId: string, title: string, over: Record<string, unknown> = {}) =>
		prisma.demand
			.create({
				data: {
					firmId,
					title,
					status: 'PUBLISHED',
					publishedAt: daysAgo(30),
					source: 'CHAIN_LEADER_LIST',
					...over,
				},
				select: { id: true },
			})
			.then((x) => x.id)
	d = {
		d1: await demand(leader.firm.id, '光模块外壳'),
		d2: await demand(leader.firm.id, '精密注塑结构件'),
		d3: await demand(leader.firm.id, '散热铝型材'),
		d4: await demand(leader.firm.id, '特种光纤涂覆材料'),
		// Imported chain-leader row, not yet published: may be picked.
		d5: await demand(leader.firm.id, '导入的链主需求', { status: 'DRAFT', publishedAt: null }),
		// A manual draft: may not be picked.
		d6: await demand(leader.firm.id, '手工草稿需求', {
			status: 'DRAFT',
			publishedAt: null,
			source: 'MANUAL',
		}),
		foreign: await demand(other.firm.id, '别家的需求'),
	}
	const suggest = (demandId: string, capabilityId: string, score: number) =>
		prisma.matchSuggestion.create({ data: { demandId, capabilityId, score } })
	await suggest(d.d1, capWuhan, 90)
	await suggest(d.d1, capUnverified, 85)
	await suggest(d.d2, capLocal, 72)
	await suggest(d.d3, capLocal, 65)
	await suggest(d.d4, capLocal, 40)

	const stalled = await prisma.dockingSession.create({
		data: {
			buyerFirmId: leader.firm.id,
			supplierFirmId: supplierLocal.id,
			demandId: d.d2,
			capabilityId: capLocal,
			initiatorSide: 'SUPPLIER',
			status: 'ACTIVE',
			stage: 'NEGOTIATION',
			expiresAt: daysAgo(18),
			createdAt: daysAgo(25),
			respondedAt: daysAgo(24),
			lastMessageSeq: 1,
			lastMessageAt: daysAgo(20),
		},
	})
	stalledSessionId = stalled.id
	await prisma.message.create({
		data: {
			sessionId: stalled.id,
			seq: 1,
			clientId: 'c1',
			senderId: leader.user.id,
			side: 'BUYER',
			body: '请报价',
			createdAt: daysAgo(20),
		},
	})
	await prisma.dockingSession.create({
		data: {
			buyerFirmId: leader.firm.id,
			supplierFirmId: supplierLocal.id,
			demandId: d.d3,
			initiatorSide: 'BUYER',
			status: 'ACTIVE',
			stage: 'SIGNED',
			signedAt: daysAgo(2),
			dealAmount: '120000.00',
			expiresAt: daysAgo(10),
			createdAt: daysAgo(15),
			lastMessageAt: daysAgo(2),
		},
	})
	// A request the supplier never accepted: not docking.
	await prisma.dockingSession.create({
		data: {
			buyerFirmId: leader.firm.id,
			supplierFirmId: supplierWuhan.id,
			demandId: d.d1,
			initiatorSide: 'BUYER',
			status: 'PENDING',
			expiresAt: new Date(Date.now() + 3 * DAY),
		},
	})
})

afterAll(async () => {
	await db?.stop()
})

const CONTEXT = { cspNonce: 'test' } as LoaderFunctionArgs['context']

async function call<T extends LoaderFunctionArgs | ActionFunctionArgs>(
	fn: (args: T) => Promise<Response>,
	path: string,
	who: SignedIn | undefined,
	params: Record<string, string> = {},
	form?: Record<string, string | string[]>,
) {
	const body = new URLSearchParams()
	for (const [k, v] of Object.entries(form ?? {})) for (const x of [v].flat()) body.append(k, x)
	const request = new Request(`http://localhost${path}`, {
		method: form ? 'POST' : 'GET',
		headers: {
			...(who ? { cookie: who.cookie } : {}),
			...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
		},
		body: form ? body : undefined,
	})
	try {
		return await fn({ request, params, context: CONTEXT } as T)
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

const detailOf = async (who: SignedIn, id = listId) => {
	const res = await call(listLoader, `/targets/${id}`, who, { listId: id })
	expect(res.status).toBe(200)
	return (await res.json()) as { detail: ListDetail; pickable: Array<{ id: string }> }
}

describe('creating a list', () => {
	test('a firm that is not a chain leader cannot create one (Chinese error)', async () => {
		expect((await call(newLoader, '/targets/new', other, {})).status).toBe(403)
		const res = await call(newAction, '/targets/new', other, {}, { title: '我的清单' })
		expect(res.status).toBe(403)
		const { error } = (await res.json()) as { error: keyof typeof zh }
		expect(zh[error]).toBe('只有经主管部门认定的链主采购企业才能发布目标清单')
		await expect(createList(supplierUser.user, { title: '供应商清单' }, { ip: null })).rejects.toThrow(/链主/)
		expect(await prisma.targetList.count()).toBe(0)
	})

	test('bad input names the field in Chinese', async () => {
		const res = await call(newAction, '/targets/new', leader, {}, { title: 'x' })
		expect(res.status).toBe(400)
		const { error } = (await res.json()) as { error: keyof typeof zh }
		expect(zh[error]).toContain('清单名称')
	})

	test('the chain leader creates a draft for its own firm, audited', async () => {
		expect((await call(newLoader, '/targets/new', leader, {})).status).toBe(200)
		const res = await call(
			newAction,
			'/targets/new',
			leader,
			{},
			// ownerFirmId is ignored for firms: a list is always for their own firm.
			{ title: '2026 光模块配套需求对接清单', description: '首批', ownerFirmId: other.firm.id },
		)
		expect(res.status).toBe(302)
		listId = res.headers.get('Location')!.split('/').pop()!
		const list = await prisma.targetList.findUniqueOrThrow({ where: { id: listId } })
		expect(list).toMatchObject({ ownerFirmId: leader.firm.id, createdById: leader.user.id, status: 'DRAFT' })
		expect(await prisma.auditLog.count({ where: { action: 'target_list.create', targetId: listId } })).toBe(1)
	})

	test('the bureau creates a list for a chain leader; a non-leader owner is refused', async () => {
		const bad = await call(
			newAction,
			'/targets/new',
			bureau,
			{},
			{ title: '局属清单', ownerFirmId: other.firm.id },
		)
		expect(bad.status).toBe(400)
		expect(zh[((await bad.json()) as { error: keyof typeof zh }).error]).toContain('不是链主')
		const ok = await call(
			newAction,
			'/targets/new',
			bureau,
			{},
			{ title: '局代建清单', ownerFirmId: leader.firm.id },
		)
		expect(ok.status).toBe(302)
		otherDraftId = ok.headers.get('Location')!.split('/').pop()!
		const audit = await prisma.auditLog.findFirstOrThrow({
			where: { action: 'target_list.create', targetId: otherDraftId },
		})
		expect(audit).toMatchObject({ actorId: bureau.user.id, actorRole: 'BUREAU' })
	})
})

describe('items, publishing and access', () => {
	test('the owner may pick its published and imported chain-leader demands only', async () => {
		const { pickable } = await detailOf(leader)
		expect(pickable.map((p) => p.id).sort()).toEqual([d.d1, d.d2, d.d3, d.d4, d.d5].sort())
		const bad = await call(
			listAction,
			`/targets/${listId}`,
			leader,
			{ listId },
			{ intent: 'addItems', demandId: [d.d1, d.foreign] },
		)
		expect(bad.status).toBe(400)
		expect(zh[((await bad.json()) as { error: keyof typeof zh }).error]).toContain('需求')
		const empty = await call(listAction, `/targets/${listId}`, leader, { listId }, { intent: 'publish' })
		expect(empty.status).toBe(400)
		const res = await call(
			listAction,
			`/targets/${listId}`,
			leader,
			{ listId },
			{ intent: 'addItems', demandId: [d.d1, d.d2, d.d3, d.d4] },
		)
		expect(res.status).toBe(302)
		expect(await prisma.targetListItem.count({ where: { listId } })).toBe(4)
	})

	test('another firm cannot see the draft (404) nor change the published list (403)', async () => {
		expect((await call(listLoader, `/targets/${listId}`, other, { listId })).status).toBe(404)
		const pub = await call(listAction, `/targets/${listId}`, leader, { listId }, { intent: 'publish' })
		expect(pub.status).toBe(302)
		expect(await prisma.auditLog.count({ where: { action: 'target_list.publish', targetId: listId } })).toBe(
			1,
		)
		const { detail } = await detailOf(other)
		expect(detail.canManage).toBe(false)
		expect(detail.items.every((i) => i.problems.length === 0)).toBe(true)
		for (const form of <Array<Record<string, string>>>[
			{ intent: 'update', title: '改名' },
			{ intent: 'close' },
			{ intent: 'addItems', demandId: d.foreign },
		]) {
			expect((await call(listAction, `/targets/${listId}`, other, { listId }, form)).status).toBe(403)
		}
		expect((await prisma.targetList.findUniqueOrThrow({ where: { id: listId } })).title).toBe(
			'2026 光模块配套需求对接清单',
		)
		// The bureau-made draft for the leader: the leader sees it, another firm does not.
		const asOther = await call(indexLoader, '/targets', other)
		const otherIds = ((await asOther.json()) as { lists: Array<{ id: string }> }).lists.map((l) => l.id)
		expect(otherIds).toEqual([listId])
		const asLeader = await call(indexLoader, '/targets', leader)
		const leaderView = (await asLeader.json()) as { lists: Array<{ id: string }>; canCreate: boolean }
		expect(leaderView.lists.map((l) => l.id).sort()).toEqual([listId, otherDraftId].sort())
		expect(leaderView.canCreate).toBe(true)
		expect(
			((await (await call(indexLoader, '/targets', other)).json()) as { canCreate: boolean }).canCreate,
		).toBe(false)
	})

	test('lifecycle and coverage are exactly the hand-computed ones', async () => {
		const { detail } = await detailOf(leader)
		const byDemand = new Map(detail.items.map((i) => [i.demandId, i]))
		expect(detail.items.map((i) => i.demandId)).toEqual([d.d1, d.d2, d.d3, d.d4])
		expect(detail.items.map((i) => i.stage)).toEqual(['matched', 'docking', 'contract', 'published'])
		expect(detail.items.map((i) => [i.matches, i.qualifiedSuppliers, i.docking, i.contracted])).toEqual([
			[2, 0, false, false],
			[1, 1, true, false],
			[1, 1, true, true],
			[0, 0, false, false],
		])
		expect(detail.coverage).toEqual({
			total: 4,
			qualified: 2,
			docking: 2,
			contracted: 1,
			qualifiedRate: 0.5,
			dockingRate: 0.5,
			contractedRate: 0.25,
			byStage: { draft: 0, published: 1, matched: 1, docking: 1, sample: 0, contract: 1, closed: 0 },
		})
		expect(byDemand.get(d.d4)!.problems.map((p) => p.kind)).toEqual(['no_match'])
		expect(byDemand.get(d.d2)!.problems).toEqual([
			expect.objectContaining({
				kind: 'stalled',
				dockingId: stalledSessionId,
				behind: 'SUPPLIER',
				idleDays: 20,
				buyerFirmName: leader.firm.name,
				supplierFirmName: supplierLocal.name,
			}),
		])
		expect(detail.stallDays).toBe(STALL_DAYS)
	})
})

describe('bureau follow-up queue', () => {
	test('firms get 403 on the page and the action', async () => {
		for (const who of [leader, other, supplierUser]) {
			expect((await call(followUpsLoader, '/bureau/follow-ups', who)).status).toBe(403)
			const itemId = (await prisma.targetListItem.findFirstOrThrow({ where: { listId } })).id
			expect(
				(await call(followUpsAction, '/bureau/follow-ups', who, {}, { itemId, note: '试图联系' })).status,
			).toBe(403)
		}
		expect(await prisma.followUp.count()).toBe(0)
	})

	test('no match and stalled docking, newest problem first; contact is logged and audited', async () => {
		const res = await call(followUpsLoader, '/bureau/follow-ups', bureau)
		expect(res.status).toBe(200)
		const { queue } = (await res.json()) as { queue: QueueEntry[] }
		// No match since the item was added (now); stalled since 20 − 14 = 6 days ago.
		expect(queue.map((q) => [q.demandId, q.problem.kind])).toEqual([
			[d.d4, 'no_match'],
			[d.d2, 'stalled'],
		])
		const item4 = queue[0]!.itemId

		const blank = await call(followUpsAction, '/bureau/follow-ups', bureau, {}, { itemId: item4, note: ' ' })
		expect(blank.status).toBe(400)
		expect(zh[((await blank.json()) as { error: keyof typeof zh }).error]).toContain('联系记录')

		const ok = await call(
			followUpsAction,
			'/bureau/follow-ups',
			bureau,
			{},
			{ itemId: item4, note: '已电话联系赵总，下周招商对接' },
		)
		expect(ok.status).toBe(302)
		const rows = await prisma.followUp.findMany()
		expect(rows).toEqual([
			expect.objectContaining({
				itemId: item4,
				actorId: bureau.user.id,
				action: 'contact_firm',
				note: '已电话联系赵总，下周招商对接',
			}),
		])
		const audits = await prisma.auditLog.findMany({ where: { action: 'target_list.follow_up.contact_firm' } })
		expect(audits).toHaveLength(1)
		expect(audits[0]).toMatchObject({
			actorId: bureau.user.id,
			actorRole: 'BUREAU',
			targetType: 'TargetListItem',
			targetId: item4,
			detail: { followUpId: rows[0]!.id, listId },
		})
		const after = (await (await call(followUpsLoader, '/bureau/follow-ups', bureau)).json()) as {
			history: Array<{ note: string; actorName: string; demandTitle: string }>
		}
		expect(after.history).toEqual([
			expect.objectContaining({
				note: '已电话联系赵总，下周招商对接',
				actorName: bureau.user.name,
				demandTitle: '特种光纤涂覆材料',
			}),
		])
	})
})

describe('Excel export', () => {
	const xlsx = (who: SignedIn | undefined, id = listId) =>
		call(xlsxLoader, `/resources/targets/${id}.xlsx`, who, { listId: id })

	test('another firm gets 403 (404 for a draft it cannot see), nothing audited', async () => {
		expect((await xlsx(other)).status).toBe(403)
		expect((await xlsx(other, otherDraftId)).status).toBe(404)
		expect((await xlsx(bureau, 'no-such-list')).status).toBe(404)
		expect(await prisma.auditLog.count({ where: { action: 'target_list.export' } })).toBe(0)
	})

	test('the workbook holds what the page shows, for the owner and the bureau', async () => {
		const { detail } = await detailOf(leader)
		for (const who of [leader, bureau]) {
			const res = await xlsx(who)
			expect(res.status).toBe(200)
			expect(res.headers.get('Content-Disposition')).toContain(`filename="target-list-${listId}.xlsx"`)
			const wb = new ExcelJS.Workbook()
			await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
			expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '条目'])
			const kpi = new Map<string, ExcelJS.CellValue>()
			wb.getWorksheet('概览')!.eachRow((row) => kpi.set(String(row.getCell(1).value), row.getCell(2).value))
			expect(kpi.get('清单')).toBe(detail.list.title)
			expect(kpi.get('链主')).toBe(leader.firm.name)
			expect(kpi.get('条目数')).toBe(4)
			expect(kpi.get('有合格本地供应商的条目')).toBe(2)
			expect(kpi.get('本地供应覆盖率')).toBe(0.5)
			expect(kpi.get('已进入对接的条目')).toBe(2)
			expect(kpi.get('对接率')).toBe(0.5)
			expect(kpi.get('已签约的条目')).toBe(1)
			expect(kpi.get('签约率')).toBe(0.25)
			const rows: ExcelJS.CellValue[][] = []
			wb.getWorksheet('条目')!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)))
			expect(rows).toHaveLength(5)
			expect(rows.slice(1).map((r) => [r[1], r[3], r[4], r[5], r[6], r[7]])).toEqual([
				['光模块外壳', '已匹配', 2, 0, '否', '否'],
				['精密注塑结构件', '对接中', 1, 1, '是', '否'],
				['散热铝型材', '定点/签约', 1, 1, '是', '是'],
				['特种光纤涂覆材料', '已发布', 0, 0, '否', '否'],
			])
			expect(String(rows[2]![8])).toContain(
				`对接停滞 20 天（${leader.firm.name} ↔ ${supplierLocal.name}，待供应方回复）`,
			)
			expect(String(rows[4]![8])).toContain('暂无匹配')
		}
		expect(await prisma.auditLog.count({ where: { action: 'target_list.export', targetId: listId } })).toBe(2)
	})

	test('closing an item moves it to closed and out of the queue', async () => {
		const item4 = (await prisma.targetListItem.findFirstOrThrow({ where: { listId, demandId: d.d4 } })).id
		const bad = await call(
			listAction,
			`/targets/${listId}`,
			leader,
			{ listId },
			{ intent: 'closeItem', itemId: item4, reason: '' },
		)
		expect(bad.status).toBe(400)
		const res = await call(
			listAction,
			`/targets/${listId}`,
			leader,
			{ listId },
			{ intent: 'closeItem', itemId: item4, reason: '改为自制' },
		)
		expect(res.status).toBe(302)
		const { detail } = await detailOf(leader)
		expect(detail.items.find((i) => i.id === item4)).toMatchObject({
			stage: 'closed',
			closeReason: '改为自制',
			problems: [],
		})
		expect(detail.coverage.byStage.closed).toBe(1)
		const { queue } = (await (await call(followUpsLoader, '/bureau/follow-ups', bureau)).json()) as {
			queue: QueueEntry[]
		}
		expect(queue.map((q) => q.demandId)).toEqual([d.d2])
	})
})

test('a TargetError carries the Chinese message', () => {
	expect(new TargetError('targetLists.err.notChainLeader').message).toContain('链主')
})

test('the owner and the bureau edit a list and its items, every write audited', async () => {
	const id = otherDraftId
	const edit = (who: SignedIn, title: string) =>
		call(listAction, `/targets/${id}`, who, { listId: id }, { intent: 'update', title, description: '' })
	expect((await edit(leader, '链主改过的名称')).status).toBe(302)
	expect((await edit(bureau, '主管部门改过的名称')).status).toBe(302)
	const updates = await prisma.auditLog.findMany({
		where: { action: 'target_list.update', targetId: id },
		orderBy: { createdAt: 'asc' },
	})
	expect(updates.map((a) => a.actorRole).sort()).toEqual(['BUREAU', 'BUYER'])
	const add = await call(
		listAction,
		`/targets/${id}`,
		bureau,
		{ listId: id },
		{ intent: 'addItems', demandId: d.d5 },
	)
	expect(add.status).toBe(302)
	const item = await prisma.targetListItem.findFirstOrThrow({ where: { listId: id } })
	const { detail } = await detailOf(leader, id)
	expect(detail.items.map((i) => i.stage)).toEqual(['draft'])
	const remove = await call(
		listAction,
		`/targets/${id}`,
		leader,
		{ listId: id },
		{ intent: 'removeItem', itemId: item.id },
	)
	expect(remove.status).toBe(302)
	expect(await prisma.targetListItem.count({ where: { listId: id } })).toBe(0)
	expect(
		await prisma.auditLog.count({
			where: { action: 'target_list.items.remove', targetId: item.id, actorId: leader.user.id },
		}),
	).toBe(1)
})
