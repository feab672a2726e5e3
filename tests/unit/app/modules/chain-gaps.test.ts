import { describe, expect, test } from 'vitest'
import {
	buildTree,
	classifyDemand,
	demandGapWeight,
	NO_NODE,
	nodeFigures,
	rankGaps,
	treeOrder,
	wouldCycle,
	type ChainNodeInput,
	type DemandFact,
} from '#app/modules/chains/gaps'
import { chainFilterQuery, ChainEditSchema, parseChainFilters } from '#app/modules/chains/schemas'

const NOW = new Date('2026-06-30T00:00:00Z')
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000)

const nodes: ChainNodeInput[] = [
	{ id: 'mid', parentId: null, name: '中游', stage: 'MIDSTREAM', sortOrder: 2 },
	{ id: 'up', parentId: null, name: '上游', stage: 'UPSTREAM', sortOrder: 5 },
	{ id: 'up-a', parentId: 'up', name: '上游A', stage: 'UPSTREAM', sortOrder: 1 },
	{ id: 'up-b', parentId: 'up', name: '上游B', stage: 'UPSTREAM', sortOrder: 0 },
	{ id: 'down', parentId: null, name: '下游', stage: 'DOWNSTREAM', sortOrder: 0 },
]

let seq = 0
function demand(overrides: Partial<DemandFact> = {}): DemandFact {
	seq++
	return {
		id: `d${String(seq).padStart(3, '0')}`,
		title: `需求${seq}`,
		nodeId: 'up',
		firmName: '武汉采购方',
		chainLeader: false,
		publishedAt: NOW,
		quantityValue: null,
		quantityUnit: '',
		bestScore: null,
		signed: false,
		...overrides,
	}
}

describe('classifying and weighing a demand', () => {
	test('signed is no gap; below the threshold is NO_MATCH; at or above is NOT_SIGNED', () => {
		expect(classifyDemand({ bestScore: 95, signed: true }, 60)).toBeNull()
		expect(classifyDemand({ bestScore: null, signed: true }, 60)).toBeNull()
		expect(classifyDemand({ bestScore: null, signed: false }, 60)).toBe('NO_MATCH')
		expect(classifyDemand({ bestScore: 59.9, signed: false }, 60)).toBe('NO_MATCH')
		expect(classifyDemand({ bestScore: 60, signed: false }, 60)).toBe('NOT_SIGNED')
	})

	test('weight = kind × 链主 × (1 + min(age, 180)/180)', () => {
		expect(demandGapWeight('NO_MATCH', false, 0)).toBe(1)
		expect(demandGapWeight('NOT_SIGNED', false, 0)).toBe(0.5)
		expect(demandGapWeight('NO_MATCH', true, 0)).toBe(2)
		expect(demandGapWeight('NO_MATCH', false, 90)).toBe(1.5)
		expect(demandGapWeight('NO_MATCH', true, 400)).toBe(4)
		expect(demandGapWeight('NOT_SIGNED', true, 180)).toBe(2)
	})
})

describe('rankGaps', () => {
	test('ranks nodes by the sum of weights and lists each node’s demands heaviest first', () => {
		const a1 = demand({ nodeId: 'up-a', publishedAt: daysAgo(90) }) // 1.5
		const a2 = demand({ nodeId: 'up-a', bestScore: 70 }) // NOT_SIGNED 0.5
		const a3 = demand({ nodeId: 'up-a', bestScore: 80, signed: true }) // no gap
		const m1 = demand({ nodeId: 'mid', chainLeader: true }) // 2
		const d1 = demand({ nodeId: 'down', bestScore: 40 }) // 1
		const d2 = demand({ nodeId: 'down', bestScore: 65, publishedAt: daysAgo(180) }) // 1
		const n1 = demand({ nodeId: null }) // 1, untagged
		const gaps = rankGaps(nodes, [a1, a2, a3, m1, d1, d2, n1], new Map([['down', 3]]), {
			threshold: 60,
			now: NOW,
		})
		expect(gaps.map((g) => [g.rank, g.nodeId, g.score])).toEqual([
			[1, 'up-a', 2],
			[2, 'mid', 2],
			[3, 'down', 2],
			[4, null, 1],
		])
		// up-a, mid and down tie on 2 with one NO_MATCH each; down has 3 local suppliers so it comes
		// last, and up-a (upstream) precedes mid in tree order.
		const upA = gaps.find((g) => g.nodeId === 'up-a')!
		expect(upA.demands.map((d) => [d.id, d.kind, d.weight, d.ageDays])).toEqual([
			[a1.id, 'NO_MATCH', 1.5, 90],
			[a2.id, 'NOT_SIGNED', 0.5, 0],
		])
		expect(upA).toMatchObject({
			noMatch: 1,
			notSigned: 1,
			leaderDemands: 0,
			oldestDays: 90,
			stage: 'UPSTREAM',
		})
		const down = gaps.find((g) => g.nodeId === 'down')!
		expect(down).toMatchObject({ localSuppliers: 3, noMatch: 1, notSigned: 1, oldestDays: 180 })
		// Equal weights (1 and 1): the older one first.
		expect(down.demands.map((d) => d.id)).toEqual([d2.id, d1.id])
		expect(gaps.at(-1)).toMatchObject({ nodeId: null, nodeName: '', stage: null })
	})

	test('ties: more NO_MATCH demands, then fewer local suppliers, then tree order', () => {
		const gaps = rankGaps(
			nodes,
			[
				demand({ nodeId: 'down', bestScore: 70 }),
				demand({ nodeId: 'down', bestScore: 70 }), // 2 × 0.5 = 1, noMatch 0
				demand({ nodeId: 'mid' }), // 1, noMatch 1, 2 suppliers
				demand({ nodeId: 'up-b' }), // 1, noMatch 1, 2 suppliers, earlier in tree order than mid
				demand({ nodeId: 'up-a' }), // 1, noMatch 1, 0 suppliers
			],
			new Map([
				['mid', 2],
				['up-b', 2],
			]),
			{ threshold: 60, now: NOW },
		)
		expect(gaps.map((g) => g.nodeId)).toEqual(['up-a', 'up-b', 'mid', 'down'])
	})

	test('a higher threshold turns matches into NO_MATCH; filters by stage and chain leader', () => {
		const list = [
			demand({ nodeId: 'up-a', bestScore: 70 }),
			demand({ nodeId: 'mid', chainLeader: true, bestScore: 75 }),
			demand({ nodeId: 'down' }),
		]
		const at60 = rankGaps(nodes, list, new Map(), { threshold: 60, now: NOW })
		expect(at60.map((g) => [g.nodeId, g.score])).toEqual([
			['down', 1],
			['mid', 1],
			['up-a', 0.5],
		])
		const at80 = rankGaps(nodes, list, new Map(), { threshold: 80, now: NOW })
		expect(at80.map((g) => [g.nodeId, g.score])).toEqual([
			['mid', 2],
			['up-a', 1],
			['down', 1],
		])
		expect(
			rankGaps(nodes, list, new Map(), { threshold: 60, now: NOW, stage: 'UPSTREAM' }).map((g) => g.nodeId),
		).toEqual(['up-a'])
		expect(
			rankGaps(nodes, list, new Map(), { threshold: 60, now: NOW, leaderOnly: true }).map((g) => g.nodeId),
		).toEqual(['mid'])
		expect(rankGaps(nodes, [], new Map(), { threshold: 60, now: NOW })).toEqual([])
	})
})

describe('nodeFigures', () => {
	test('counts per node, coverage, quantities per unit, untagged demands under NO_NODE', () => {
		const figures = nodeFigures(
			nodes.map((n) => n.id),
			[
				demand({ nodeId: 'up', bestScore: 61, quantityValue: 100, quantityUnit: '件' }),
				demand({ nodeId: 'up', bestScore: 30, quantityValue: 50.5, quantityUnit: '件' }),
				demand({ nodeId: 'up', bestScore: 90, signed: true, quantityValue: 2, quantityUnit: '吨' }),
				demand({ nodeId: null }),
			],
			new Map([['up', 4]]),
			new Map([
				['up', 3],
				[NO_NODE, 1],
			]),
			60,
		)
		expect(figures.get('up')).toEqual({
			localSuppliers: 4,
			openDemands: 3,
			quantities: [
				{ unit: '件', total: 150.5 },
				{ unit: '吨', total: 2 },
			],
			coveredDemands: 2,
			coverage: 2 / 3,
			signedDemands: 3,
			gapDemands: 2,
		})
		expect(figures.get('mid')).toMatchObject({ openDemands: 0, coverage: null, gapDemands: 0 })
		expect(figures.get(NO_NODE)).toMatchObject({
			openDemands: 1,
			coveredDemands: 0,
			coverage: 0,
			signedDemands: 1,
		})
	})
})

describe('tree helpers', () => {
	test('roots by stage then sortOrder, children under their parent', () => {
		expect(treeOrder(nodes).map((n) => [n.id, n.depth])).toEqual([
			['up', 0],
			['up-b', 1],
			['up-a', 1],
			['mid', 0],
			['down', 0],
		])
		expect(buildTree(nodes)[0]!.children.map((c) => c.id)).toEqual(['up-b', 'up-a'])
	})

	test('a node cannot move under itself or a descendant', () => {
		expect(wouldCycle(nodes, 'up', 'up')).toBe(true)
		expect(wouldCycle(nodes, 'up', 'up-a')).toBe(true)
		expect(wouldCycle(nodes, 'up-a', 'up-b')).toBe(false)
		expect(wouldCycle(nodes, 'up', null)).toBe(false)
		expect(wouldCycle(nodes, 'up-a', 'mid')).toBe(false)
	})
})

describe('filters and edit schema', () => {
	test('URL filters fall back to defaults and round-trip', () => {
		expect(parseChainFilters(new URLSearchParams('threshold=55&stage=SIDEWAYS&leader=yes'))).toEqual({
			threshold: 60,
			stage: null,
			leaderOnly: false,
			node: null,
		})
		const f = parseChainFilters(new URLSearchParams('threshold=80&stage=DOWNSTREAM&leader=1&node=abc'))
		expect(f).toEqual({ threshold: 80, stage: 'DOWNSTREAM', leaderOnly: true, node: 'abc' })
		expect(parseChainFilters(new URLSearchParams(chainFilterQuery(f).slice(1)))).toEqual(f)
		expect(chainFilterQuery({ threshold: 60, stage: null, leaderOnly: false, node: null })).toBe('')
	})

	test('edit errors are keys whose text names the field', () => {
		const empty = ChainEditSchema.safeParse({ intent: 'add', name: '  ' })
		expect(empty.success).toBe(false)
		expect(empty.error!.issues.map((i) => i.message)).toEqual(['bureauChains.err.nameRequired'])
		const noNode = ChainEditSchema.safeParse({ intent: 'move', nodeId: '' })
		expect(noNode.error!.issues.map((i) => i.message)).toEqual(['bureauChains.err.node'])
		expect(
			ChainEditSchema.parse({ intent: 'add', parentId: '', stage: 'UPSTREAM', name: ' 新节点 ' }),
		).toEqual({
			intent: 'add',
			parentId: null,
			stage: 'UPSTREAM',
			name: '新节点',
		})
	})
})
