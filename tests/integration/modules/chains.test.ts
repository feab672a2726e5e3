import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FieldError } from '#app/modules/auth/auth.server'
import {
	addChainNode,
	getChainMap,
	type listClusterOverview,
	moveChainNode,
	renameChainNode,
	retagListing,
} from '#app/modules/chains/chains.server'
import type { GapNode, NodeFigures } from '#app/modules/chains/gaps'
import { action as mapAction, loader as mapLoader } from '#app/routes/bureau.chains.$slug'
import { loader as indexLoader } from '#app/routes/bureau.chains._index'
import { loader as xlsxLoader } from '#app/routes/resources.bureau.chains.$slug.gaps[.]xlsx'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { signIn, type SignedIn } from '#tests/factories/docking'
import { makeUscc } from '#tests/factories/firms'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// The chain map on a real database, with a cluster of its own so every figure is hand-computed:
// per-node figures, the ranked gap list, the Excel export, chain-tree edits (audited, cycles
// refused), re-tagging (audited, search outbox row), and 403 for firm users.

const SLUG = 'test-chain'
const DAY = 86_400_000

let db: TestDatabase
let bureau: SignedIn
let supplier: SignedIn
let clusterId: string
let otherClusterNodeId: string
const node: Record<'A' | 'A1' | 'B' | 'C', string> = { A: '', A1: '', B: '', C: '' }
const d: Record<string, string> = {}
const c: Record<string, string> = {}

async function firm(name: string, kind: 'SUPPLIER' | 'BUYER', regionCode: string, extra: object = {}) {
	const f = await prisma.firm.create({
		data: {
			name,
			uscc: makeUscc(),
			kind,
			regionCode,
			contactName: '联系人',
			contactPhone: '13900001111',
			verificationStatus: 'VERIFIED',
			verifiedAt: new Date(),
			...extra,
		},
		select: { id: true },
	})
	return f.id
}

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	;[bureau, supplier] = await Promise.all([
		signIn('bureau@demo.xnwh.cn', DEMO_PASSWORD),
		signIn('supplier@demo.xnwh.cn', DEMO_PASSWORD),
	])
	const cluster = await prisma.cluster.create({
		data: { slug: SLUG, name: '测试产业链', nameEn: 'Test chain', summary: '测试用', sortOrder: 99 },
	})
	clusterId = cluster.id
	const mk = (
		slug: string,
		name: string,
		stage: 'UPSTREAM' | 'MIDSTREAM' | 'DOWNSTREAM',
		parentId: string | null,
		sortOrder: number,
	) =>
		prisma.chainNode.create({ data: { clusterId, slug, name, stage, parentId, sortOrder } }).then((n) => n.id)
	node.A = await mk('a', '节点A', 'UPSTREAM', null, 0)
	node.A1 = await mk('a1', '节点A1', 'UPSTREAM', node.A, 1)
	node.B = await mk('b', '节点B', 'MIDSTREAM', null, 2)
	node.C = await mk('c', '节点C', 'DOWNSTREAM', null, 3)
	otherClusterNodeId = (
		await prisma.chainNode.findFirstOrThrow({ where: { cluster: { slug: 'electronics' } } })
	).id

	const XN1 = await firm('咸宁甲', 'SUPPLIER', '421202')
	const XN2 = await firm('咸宁乙', 'SUPPLIER', '421281')
	const XNP = await firm('咸宁待审', 'SUPPLIER', '421202', {
		verificationStatus: 'PENDING',
		verifiedAt: null,
	})
	const OUT = await firm('武汉供应商', 'SUPPLIER', 'WH-EHTZ')
	const WB1 = await firm('武汉链主', 'BUYER', '420111', { isChainLeader: true })
	const WB2 = await firm('武汉采购', 'BUYER', 'WH-WEDZ')
	const XB = await firm('咸宁采购', 'BUYER', '421202')

	const now = Date.now()
	const cap = async (key: string, firmId: string, chainNodeId: string, extra: object = {}) => {
		c[key] = (
			await prisma.capability.create({
				data: {
					firmId,
					title: `能力${key}`,
					clusterId,
					chainNodeId,
					status: 'PUBLISHED',
					publishedAt: new Date(),
					...extra,
				},
			})
		).id
	}
	await cap('c1', XN1, node.A1)
	await cap('c2', XN1, node.A1) // same firm: counted once
	await cap('c3', XN2, node.A1)
	await cap('c4', XN2, node.B)
	await cap('c5', XNP, node.B) // firm not verified
	await cap('c6', OUT, node.B) // not in Xianning
	await cap('c7', XN1, node.C, { status: 'DRAFT', publishedAt: null })
	await cap('c8', XN2, node.C, { hiddenAt: new Date() })

	const dem = async (
		key: string,
		firmId: string,
		chainNodeId: string | null,
		days: number,
		extra: object = {},
	) => {
		d[key] = (
			await prisma.demand.create({
				data: {
					firmId,
					title: `需求${key}`,
					clusterId,
					chainNodeId,
					status: 'PUBLISHED',
					publishedAt: new Date(now - days * DAY - 60_000),
					...extra,
				},
			})
		).id
	}
	await dem('d1', WB1, node.A1, 30, { quantityValue: 100, quantityUnit: '件' })
	await dem('d2', WB2, node.A1, 90, { quantityValue: 50, quantityUnit: '件' })
	await dem('d3', WB2, node.B, 0, { quantityValue: 2, quantityUnit: '吨' })
	await dem('d4', WB1, node.B, 180)
	await dem('d5', WB2, node.C, 0, { source: 'CHAIN_LEADER_LIST' })
	await dem('d6', WB2, node.A1, 10, { status: 'CLOSED', closedAt: new Date() })
	await dem('d7', XB, node.B, 0) // Xianning buyer
	await dem('d8', WB2, node.C, 0, { status: 'DRAFT', publishedAt: null })
	await dem('d9', WB2, null, 0)
	await dem('d10', WB2, node.A, 0, { hiddenAt: new Date() })

	await prisma.matchSuggestion.createMany({
		data: [
			{ demandId: d.d1!, capabilityId: c.c1!, score: 80 },
			{ demandId: d.d2!, capabilityId: c.c3!, score: 65 },
			{ demandId: d.d3!, capabilityId: c.c6!, score: 95 }, // not a Xianning supplier
			{ demandId: d.d3!, capabilityId: c.c4!, score: 50 },
			{ demandId: d.d4!, capabilityId: c.c5!, score: 90 }, // unverified supplier
		],
	})
	const dock = (demandId: string, supplierFirmId: string, buyerFirmId: string, extra: object) =>
		prisma.dockingSession.create({
			data: {
				demandId,
				supplierFirmId,
				buyerFirmId,
				initiatorSide: 'BUYER',
				status: 'ACTIVE',
				expiresAt: new Date(now + 7 * DAY),
				...extra,
			},
		})
	await dock(d.d1!, XN1, WB1, { stage: 'SIGNED', signedAt: new Date() })
	await dock(d.d2!, XN2, WB2, { stage: 'NEGOTIATION' })
	await dock(d.d6!, XN2, WB2, { stage: 'CLOSED', signedAt: new Date(), closedAt: new Date() })
	await dock(d.d3!, OUT, WB2, { stage: 'SIGNED', signedAt: new Date() }) // not a Xianning supplier
})

afterAll(async () => {
	await db?.stop()
})

type Loader = (args: LoaderFunctionArgs) => Promise<Response>

async function get(loader: Loader, path: string, who?: SignedIn, slug = SLUG) {
	const request = new Request(`http://localhost${path}`, { headers: who ? { cookie: who.cookie } : {} })
	try {
		return await loader({
			request,
			params: { slug },
			context: { cspNonce: 'test' } as LoaderFunctionArgs['context'],
		})
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

async function post(fields: Record<string, string>, who: SignedIn, search = '') {
	const request = new Request(`http://localhost/bureau/chains/${SLUG}${search}`, {
		method: 'POST',
		headers: { cookie: who.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields),
	})
	try {
		return (await mapAction({
			request,
			params: { slug: SLUG },
			context: { cspNonce: 'test' } as ActionFunctionArgs['context'],
		})) as Response
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

const figures = (f: Partial<NodeFigures>): NodeFigures => ({
	localSuppliers: 0,
	openDemands: 0,
	quantities: [],
	coveredDemands: 0,
	coverage: null,
	signedDemands: 0,
	gapDemands: 0,
	...f,
})

type PageData = {
	rows: Array<{ id: string; name: string; depth: number; stage: string; figures: NodeFigures }>
	unassigned: NodeFigures
	totals: NodeFigures
	gaps: GapNode[]
	selected: { id: string } | null
	capabilities: Array<{ id: string }>
}

describe('figures', () => {
	test('per node, as hand-computed (threshold 60)', async () => {
		const res = await get(mapLoader, `/bureau/chains/${SLUG}`, bureau)
		expect(res.status).toBe(200)
		const data = (await res.json()) as PageData
		expect(data.rows.map((r) => [r.name, r.depth, r.stage])).toEqual([
			['节点A', 0, 'UPSTREAM'],
			['节点A1', 1, 'UPSTREAM'],
			['节点B', 0, 'MIDSTREAM'],
			['节点C', 0, 'DOWNSTREAM'],
		])
		const by = Object.fromEntries(data.rows.map((r) => [r.id, r.figures]))
		expect(by[node.A]).toEqual(figures({}))
		expect(by[node.A1]).toEqual(
			figures({
				localSuppliers: 2,
				openDemands: 2,
				quantities: [{ unit: '件', total: 150 }],
				coveredDemands: 2,
				coverage: 1,
				signedDemands: 2,
				gapDemands: 1,
			}),
		)
		expect(by[node.B]).toEqual(
			figures({
				localSuppliers: 1,
				openDemands: 2,
				quantities: [{ unit: '吨', total: 2 }],
				coverage: 0,
				gapDemands: 2,
			}),
		)
		expect(by[node.C]).toEqual(figures({ openDemands: 1, coverage: 0, gapDemands: 1 }))
		expect(data.unassigned).toEqual(figures({ openDemands: 1, coverage: 0, gapDemands: 1 }))
		expect(data.totals).toEqual(
			figures({
				localSuppliers: 2,
				openDemands: 6,
				quantities: [
					{ unit: '件', total: 150 },
					{ unit: '吨', total: 2 },
				],
				coveredDemands: 2,
				coverage: 2 / 6,
				signedDemands: 2,
				gapDemands: 5,
			}),
		)
	})

	test('the overview holds the same headline figures', async () => {
		const res = await get(indexLoader, '/bureau/chains', bureau)
		expect(res.status).toBe(200)
		const { clusters } = (await res.json()) as { clusters: Awaited<ReturnType<typeof listClusterOverview>> }
		expect(clusters).toHaveLength(10) // the 9 seeded clusters and this one
		expect(clusters.at(-1)).toEqual({
			id: clusterId,
			slug: SLUG,
			name: '测试产业链',
			nodes: 4,
			localSuppliers: 2,
			openDemands: 6,
			coveredDemands: 2,
			coverage: 2 / 6,
			noMatchDemands: 4,
			signedDemands: 2,
			gapNodes: 4,
		})
	})
})

describe('gap list', () => {
	test('ranked by score with the demands behind each node', async () => {
		const data = (await (await get(mapLoader, `/bureau/chains/${SLUG}`, bureau)).json()) as PageData
		expect(data.gaps.map((g) => [g.rank, g.nodeId, g.score, g.localSuppliers])).toEqual([
			[1, node.B, 5, 1], // d4: 链主 × 180 days = 4; d3: 1
			[2, node.C, 2, 0], // d5: 链主 list item = 2
			[3, null, 1, 0], // d9
			[4, node.A1, 0.75, 2], // d2: matched, not signed, 90 days = 0.5 × 1.5
		])
		expect(data.gaps[0]!.demands.map((x) => [x.id, x.kind, x.weight, x.chainLeader, x.ageDays])).toEqual([
			[d.d4, 'NO_MATCH', 4, true, 180],
			[d.d3, 'NO_MATCH', 1, false, 0],
		])
		expect(data.gaps[0]!.demands[1]!.bestScore).toBe(50)
		expect(data.gaps[3]!.demands.map((x) => [x.id, x.kind, x.bestScore])).toEqual([[d.d2, 'NOT_SIGNED', 65]])
	})

	test('URL filters: threshold, stage, chain-leader demands; node selection opens the panel', async () => {
		const at80 = (await (
			await get(mapLoader, `/bureau/chains/${SLUG}?threshold=80`, bureau)
		).json()) as PageData
		expect(at80.gaps.map((g) => [g.nodeId, g.score])).toEqual([
			[node.B, 5],
			[node.C, 2],
			[node.A1, 1.5],
			[null, 1],
		])
		const leaders = (await (
			await get(mapLoader, `/bureau/chains/${SLUG}?leader=1&stage=DOWNSTREAM`, bureau)
		).json()) as PageData
		expect(leaders.gaps.map((g) => g.nodeId)).toEqual([node.C])
		const panel = (await (
			await get(mapLoader, `/bureau/chains/${SLUG}?node=${node.A1}`, bureau)
		).json()) as PageData
		expect(panel.selected?.id).toBe(node.A1)
		expect(panel.capabilities.map((x) => x.id).sort()).toEqual([c.c1, c.c2, c.c3].sort())
	})

	test('the export parses and holds what the page shows', async () => {
		const page = (await (
			await get(mapLoader, `/bureau/chains/${SLUG}?threshold=80`, bureau)
		).json()) as PageData
		const res = await get(xlsxLoader, `/resources/bureau/chains/${SLUG}/gaps.xlsx?threshold=80`, bureau)
		expect(res.status).toBe(200)
		expect(res.headers.get('Content-Type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		)
		const disposition = res.headers.get('Content-Disposition')!
		expect(disposition).toMatch(/^[\x20-\x7e]+$/)
		expect(disposition).toContain(`filename="chain-gaps-${SLUG}.xlsx"`)
		const workbook = new ExcelJS.Workbook()
		await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer)
		const list = workbook.getWorksheet('缺口清单')!
		expect(String(list.getCell('A1').value)).toContain('合格匹配阈值 80 分')
		const rows = page.gaps.map((_, i) => list.getRow(i + 3).values as unknown[])
		expect(rows.map((r) => r.slice(1, 7))).toEqual(
			page.gaps.map((g) => [
				g.rank,
				g.nodeId ? g.nodeName : '未标注节点',
				{ UPSTREAM: '上游', MIDSTREAM: '中游', DOWNSTREAM: '下游' }[g.stage!] ?? '—',
				g.score,
				g.localSuppliers,
				g.demands.length,
			]),
		)
		expect(list.getRow(page.gaps.length + 3).values).toEqual([])
		const detail = workbook.getWorksheet('需求明细')!
		const titles: string[] = []
		detail.eachRow((row, i) => {
			if (i > 1) titles.push(String(row.getCell(3).value))
		})
		expect(titles).toEqual(page.gaps.flatMap((g) => g.demands.map((x) => x.title)))
		expect(detail.getRow(2).getCell(5).value).toBe('是')
		expect(await prisma.auditLog.count({ where: { action: 'chain.gaps.export', targetId: clusterId } })).toBe(
			1,
		)
	})
})

describe('authorization', () => {
	test('a firm user gets 403 on the pages, the export and the edit action', async () => {
		expect((await get(indexLoader, '/bureau/chains', supplier)).status).toBe(403)
		expect((await get(mapLoader, `/bureau/chains/${SLUG}`, supplier)).status).toBe(403)
		expect((await get(xlsxLoader, `/resources/bureau/chains/${SLUG}/gaps.xlsx`, supplier)).status).toBe(403)
		expect(
			(await post({ formId: 'chain-add', intent: 'add', parentId: node.A, name: '越权' }, supplier)).status,
		).toBe(403)
		expect(await prisma.chainNode.count({ where: { name: '越权' } })).toBe(0)
		const anonymous = await get(mapLoader, `/bureau/chains/${SLUG}`)
		expect(anonymous.status).toBe(302)
		expect((await get(mapLoader, '/bureau/chains/no-such', bureau, 'no-such')).status).toBe(404)
		expect(
			(await get(xlsxLoader, '/resources/bureau/chains/no-such/gaps.xlsx', bureau, 'no-such')).status,
		).toBe(404)
	})
})

describe('chain-tree edits', () => {
	const actor = () => ({ id: bureau.user.id, role: bureau.user.role })
	const meta = { ip: '127.0.0.1' }
	const fieldErrors = async (p: Promise<unknown>) => {
		try {
			await p
		} catch (error) {
			if (error instanceof FieldError) return error.fieldErrors
			throw error
		}
		throw new Error('expected a FieldError')
	}

	test('add under a parent (stage inherited), audited; duplicate name and missing stage refused', async () => {
		const id = await addChainNode(
			actor(),
			clusterId,
			{ parentId: node.A, stage: 'DOWNSTREAM', name: '新节点' },
			meta,
		)
		expect(
			await prisma.chainNode.findUnique({
				where: { id },
				select: { parentId: true, stage: true, clusterId: true },
			}),
		).toEqual({
			parentId: node.A,
			stage: 'UPSTREAM',
			clusterId,
		})
		const log = await prisma.auditLog.findFirstOrThrow({
			where: { action: 'chain.node.create', targetId: id },
		})
		expect(log).toMatchObject({ actorId: bureau.user.id, actorRole: 'BUREAU', targetType: 'ChainNode' })
		expect(
			await fieldErrors(
				addChainNode(actor(), clusterId, { parentId: null, stage: 'UPSTREAM', name: '新节点' }, meta),
			),
		).toEqual({
			name: ['bureauChains.err.nameTaken'],
		})
		expect(
			await fieldErrors(
				addChainNode(actor(), clusterId, { parentId: null, stage: null, name: '顶层' }, meta),
			),
		).toEqual({
			stage: ['bureauChains.err.stage'],
		})
		expect(
			await fieldErrors(
				addChainNode(actor(), clusterId, { parentId: otherClusterNodeId, stage: null, name: '外链' }, meta),
			),
		).toEqual({
			parentId: ['bureauChains.err.parent'],
		})
	})

	test('rename, audited with the old and new name', async () => {
		await renameChainNode(actor(), clusterId, { nodeId: node.A1, name: '节点A1改' }, meta)
		expect((await prisma.chainNode.findUniqueOrThrow({ where: { id: node.A1 } })).name).toBe('节点A1改')
		const log = await prisma.auditLog.findFirstOrThrow({
			where: { action: 'chain.node.rename', targetId: node.A1 },
		})
		expect(log.detail).toMatchObject({ from: '节点A1', to: '节点A1改' })
	})

	test('move: a cycle is refused with a Chinese error naming the field; a valid move takes the new stage, audited', async () => {
		const before = await prisma.auditLog.count({ where: { action: 'chain.node.move' } })
		expect(
			await fieldErrors(
				moveChainNode(actor(), clusterId, { nodeId: node.A, parentId: node.A1, stage: null }, meta),
			),
		).toEqual({
			parentId: ['bureauChains.err.cycle'],
		})
		expect(
			await fieldErrors(
				moveChainNode(actor(), clusterId, { nodeId: node.A, parentId: node.A, stage: null }, meta),
			),
		).toEqual({
			parentId: ['bureauChains.err.cycle'],
		})
		// Through the route: a 400 with the error on the field, its text naming the field in Chinese.
		const res = await post(
			{ formId: 'chain-move', intent: 'move', nodeId: node.A, parentId: node.A1 },
			bureau,
		)
		expect(res.status).toBe(400)
		const body = (await res.json()) as { formId: string; result: { error: Record<string, string[]> } }
		expect(body.formId).toBe('chain-move')
		expect(body.result.error.parentId).toEqual(['bureauChains.err.cycle'])
		const { zh } = await import('#app/i18n/zh')
		expect(zh['bureauChains.err.cycle']).toMatch(/^上级节点：/)
		expect(await prisma.auditLog.count({ where: { action: 'chain.node.move' } })).toBe(before)
		expect((await prisma.chainNode.findUniqueOrThrow({ where: { id: node.A } })).parentId).toBeNull()

		// A valid move through the route: A (with A1 and 新节点 below it) under C, all become 下游.
		const ok = await post({ formId: 'chain-move', intent: 'move', nodeId: node.A, parentId: node.C }, bureau)
		expect(ok.status).toBe(302)
		const moved = await prisma.chainNode.findMany({
			where: { clusterId },
			select: { name: true, parentId: true, stage: true },
		})
		expect(moved.find((n) => n.name === '节点A')).toEqual({
			name: '节点A',
			parentId: node.C,
			stage: 'DOWNSTREAM',
		})
		expect(
			moved
				.filter((n) => n.stage === 'DOWNSTREAM')
				.map((n) => n.name)
				.sort(),
		).toEqual(['新节点', '节点A', '节点A1改', '节点C'].sort())
		const log = await prisma.auditLog.findFirstOrThrow({
			where: { action: 'chain.node.move', targetId: node.A },
		})
		expect(log.detail).toMatchObject({
			fromParentId: null,
			toParentId: node.C,
			fromStage: 'UPSTREAM',
			toStage: 'DOWNSTREAM',
			subtree: 3,
		})
	})

	test('re-tag a demand and a capability: moved, audited, search outbox row written', async () => {
		const outboxBefore = await prisma.searchOutbox.count({ where: { entity: 'demand', entityId: d.d3 } })
		const res = await post(
			{ formId: `retag-${d.d3}`, intent: 'retag', kind: 'demand', listingId: d.d3!, chainNodeId: node.C },
			bureau,
		)
		expect(res.status).toBe(302)
		expect((await prisma.demand.findUniqueOrThrow({ where: { id: d.d3 } })).chainNodeId).toBe(node.C)
		expect(await prisma.searchOutbox.count({ where: { entity: 'demand', entityId: d.d3 } })).toBe(
			outboxBefore + 1,
		)
		const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'demand.retag', targetId: d.d3 } })
		expect(log.detail).toMatchObject({ fromChainNodeId: node.B, toChainNodeId: node.C })

		expect(
			await retagListing(
				actor(),
				clusterId,
				{ kind: 'capability', listingId: c.c4!, chainNodeId: node.A1 },
				meta,
			),
		).toBe(true)
		expect((await prisma.capability.findUniqueOrThrow({ where: { id: c.c4 } })).chainNodeId).toBe(node.A1)
		expect(await prisma.searchOutbox.count({ where: { entity: 'capability', entityId: c.c4 } })).toBe(1)
		expect(await prisma.auditLog.count({ where: { action: 'capability.retag', targetId: c.c4 } })).toBe(1)

		// Another cluster's node, or a listing of another cluster: refused, nothing written.
		expect(
			await fieldErrors(
				retagListing(
					actor(),
					clusterId,
					{ kind: 'capability', listingId: c.c4!, chainNodeId: otherClusterNodeId },
					meta,
				),
			),
		).toEqual({
			chainNodeId: ['bureauChains.err.node'],
		})
		const foreign = await prisma.demand.findFirstOrThrow({ where: { cluster: { slug: 'electronics' } } })
		expect(
			await fieldErrors(
				retagListing(
					actor(),
					clusterId,
					{ kind: 'demand', listingId: foreign.id, chainNodeId: node.B },
					meta,
				),
			),
		).toEqual({
			listingId: ['bureauChains.err.listing'],
		})
		expect(await prisma.auditLog.count({ where: { action: 'capability.retag', targetId: c.c4 } })).toBe(1)

		// The figures follow: B lost d3 and XN2's capability.
		const map = (await getChainMap(SLUG, { threshold: 60 }))!
		const find = (id: string): NodeFigures => {
			const walk = (list: typeof map.tree): NodeFigures | undefined => {
				for (const n of list) {
					if (n.id === id) return n.figures
					const hit = walk(n.children)
					if (hit) return hit
				}
			}
			return walk(map.tree)!
		}
		expect(find(node.B)).toMatchObject({ localSuppliers: 0, openDemands: 1 })
		expect(find(node.C)).toMatchObject({ openDemands: 2, gapDemands: 2 })
	})
})
