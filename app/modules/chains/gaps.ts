// Pure figures of the industrial chain map (产业链图谱): per-node figures and the ranked gap list
// (补链/招商 targets). The server module loads aggregates and per-demand facts; everything that
// decides a number lives here, so it is unit-tested without a database.

export type Stage = 'UPSTREAM' | 'MIDSTREAM' | 'DOWNSTREAM'
export const STAGES: readonly Stage[] = ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM']

/** A suggestion at or above this score (0–100) from a Xianning supplier counts as a capable match. */
export const DEFAULT_THRESHOLD = 60
/** A demand without any capable match weighs this much; one with a match but no 签约 weighs UNSIGNED_WEIGHT. */
export const NO_MATCH_WEIGHT = 1
export const UNSIGNED_WEIGHT = 0.5
/** A demand of a chain leader (链主 firm or a 链主 配套需求清单 item) counts this many times. */
export const LEADER_WEIGHT = 2
/** Age adds up to +100% weight, linearly over this many days since publication. */
export const AGE_CAP_DAYS = 180

const DAY_MS = 24 * 60 * 60 * 1000

export type ChainNodeInput = {
	id: string
	parentId: string | null
	name: string
	stage: Stage
	sortOrder: number
}

/** One open (published, visible) demand of a Wuhan buyer, with its match facts. */
export type DemandFact = {
	id: string
	title: string
	nodeId: string | null
	firmName: string
	/** The buyer is a 链主 or the demand came from a 链主 target list. */
	chainLeader: boolean
	publishedAt: Date | string
	quantityValue: number | null
	quantityUnit: string
	/** Best suggestion score from a verified Xianning supplier's public capability, null when none. */
	bestScore: number | null
	/** Some docking on it from a Xianning supplier reached 签约. */
	signed: boolean
}

export type GapKind = 'NO_MATCH' | 'NOT_SIGNED'

/** Signed demands are no gap; otherwise a demand without a suggestion ≥ threshold is NO_MATCH. */
export function classifyDemand(
	d: Pick<DemandFact, 'bestScore' | 'signed'>,
	threshold: number,
): GapKind | null {
	if (d.signed) return null
	if (d.bestScore === null || d.bestScore < threshold) return 'NO_MATCH'
	return 'NOT_SIGNED'
}

export function ageDays(publishedAt: Date | string, now: Date) {
	return Math.max(0, Math.floor((now.getTime() - new Date(publishedAt).getTime()) / DAY_MS))
}

/** kind weight × 链主 weight × (1 + min(age, 180) / 180). */
export function demandGapWeight(kind: GapKind, chainLeader: boolean, age: number) {
	const base = kind === 'NO_MATCH' ? NO_MATCH_WEIGHT : UNSIGNED_WEIGHT
	return (
		base * (chainLeader ? LEADER_WEIGHT : 1) * (1 + Math.min(Math.max(age, 0), AGE_CAP_DAYS) / AGE_CAP_DAYS)
	)
}

const round2 = (n: number) => Math.round(n * 100) / 100

export type NodeFigures = {
	/** Distinct verified Xianning firms with a public capability on the node. */
	localSuppliers: number
	/** Open demands of Wuhan buyers on the node. */
	openDemands: number
	/** Sum of the open demands' quantities, per unit (demands without a quantity are left out). */
	quantities: Array<{ unit: string; total: number }>
	/** Open demands with ≥1 suggestion ≥ threshold from a Xianning supplier. */
	coveredDemands: number
	/** coveredDemands / openDemands, null when there is no open demand. */
	coverage: number | null
	/** Wuhan demands on the node (published or closed) with a docking that reached 签约. */
	signedDemands: number
	/** Open demands that are a gap (no capable match, or no 签约 yet). */
	gapDemands: number
}

export const NO_NODE = '' // key of listings tagged to the cluster but to no chain node

/**
 * Figures per node id (and NO_NODE for untagged demands). `suppliers` and `signed` come from SQL
 * aggregates, the rest from the open demands.
 */
export function nodeFigures(
	nodeIds: string[],
	demands: DemandFact[],
	suppliers: Map<string, number>,
	signed: Map<string, number>,
	threshold: number,
): Map<string, NodeFigures> {
	const out = new Map<string, NodeFigures>()
	const blank = (id: string): NodeFigures => ({
		localSuppliers: suppliers.get(id) ?? 0,
		openDemands: 0,
		quantities: [],
		coveredDemands: 0,
		coverage: null,
		signedDemands: signed.get(id) ?? 0,
		gapDemands: 0,
	})
	for (const id of [...nodeIds, NO_NODE]) out.set(id, blank(id))
	const qty = new Map<string, Map<string, number>>()
	for (const d of demands) {
		const key = d.nodeId ?? NO_NODE
		let f = out.get(key)
		if (!f) out.set(key, (f = blank(key)))
		f.openDemands++
		if (d.bestScore !== null && d.bestScore >= threshold) f.coveredDemands++
		if (classifyDemand(d, threshold)) f.gapDemands++
		if (d.quantityValue !== null) {
			const units = qty.get(key) ?? new Map<string, number>()
			qty.set(key, units)
			const unit = d.quantityUnit.trim()
			units.set(unit, (units.get(unit) ?? 0) + d.quantityValue)
		}
	}
	for (const [key, f] of out) {
		f.coverage = f.openDemands ? f.coveredDemands / f.openDemands : null
		f.quantities = [...(qty.get(key) ?? new Map<string, number>())]
			.map(([unit, total]) => ({ unit, total: round2(total) }))
			.sort((a, b) => b.total - a.total || (a.unit < b.unit ? -1 : 1))
	}
	return out
}

export type GapDemand = {
	id: string
	title: string
	firmName: string
	chainLeader: boolean
	kind: GapKind
	bestScore: number | null
	ageDays: number
	quantityValue: number | null
	quantityUnit: string
	weight: number
}

export type GapNode = {
	rank: number
	/** null: demands tagged to the cluster but to no chain node. */
	nodeId: string | null
	nodeName: string
	stage: Stage | null
	localSuppliers: number
	score: number
	noMatch: number
	notSigned: number
	leaderDemands: number
	oldestDays: number
	demands: GapDemand[]
}

export type GapOptions = {
	threshold: number
	now: Date
	stage?: Stage | null
	leaderOnly?: boolean
}

/**
 * The ranked 补链/招商 target list: every node with at least one gap demand, scored by the sum of
 * its gap demands' weights (open demand count, 链主 weighted, age). Ties: more NO_MATCH demands,
 * fewer local suppliers, then node order. A node's demands: heaviest first, then oldest, then id.
 */
export function rankGaps(
	nodes: ChainNodeInput[],
	demands: DemandFact[],
	suppliers: Map<string, number>,
	options: GapOptions,
): GapNode[] {
	const byId = new Map(nodes.map((n) => [n.id, n]))
	const order = new Map(treeOrder(nodes).map((n, i) => [n.id, i]))
	const groups = new Map<string | null, GapDemand[]>()
	for (const d of demands) {
		if (options.leaderOnly && !d.chainLeader) continue
		const kind = classifyDemand(d, options.threshold)
		if (!kind) continue
		const nodeId = d.nodeId && byId.has(d.nodeId) ? d.nodeId : null
		const node = nodeId ? byId.get(nodeId)! : null
		if (options.stage && node?.stage !== options.stage) continue
		const age = ageDays(d.publishedAt, options.now)
		const list = groups.get(nodeId) ?? []
		groups.set(nodeId, list)
		list.push({
			id: d.id,
			title: d.title,
			firmName: d.firmName,
			chainLeader: d.chainLeader,
			kind,
			bestScore: d.bestScore,
			ageDays: age,
			quantityValue: d.quantityValue,
			quantityUnit: d.quantityUnit,
			weight: round2(demandGapWeight(kind, d.chainLeader, age)),
		})
	}
	const result: Omit<GapNode, 'rank'>[] = [...groups].map(([nodeId, list]) => {
		list.sort((a, b) => b.weight - a.weight || b.ageDays - a.ageDays || (a.id < b.id ? -1 : 1))
		const node = nodeId ? byId.get(nodeId)! : null
		return {
			nodeId,
			nodeName: node?.name ?? '',
			stage: node?.stage ?? null,
			localSuppliers: suppliers.get(nodeId ?? NO_NODE) ?? 0,
			score: round2(list.reduce((sum, d) => sum + demandGapWeight(d.kind, d.chainLeader, d.ageDays), 0)),
			noMatch: list.filter((d) => d.kind === 'NO_MATCH').length,
			notSigned: list.filter((d) => d.kind === 'NOT_SIGNED').length,
			leaderDemands: list.filter((d) => d.chainLeader).length,
			oldestDays: Math.max(...list.map((d) => d.ageDays)),
			demands: list,
		}
	})
	const pos = (id: string | null) => (id === null ? Number.MAX_SAFE_INTEGER : (order.get(id) ?? 0))
	result.sort(
		(a, b) =>
			b.score - a.score ||
			b.noMatch - a.noMatch ||
			a.localSuppliers - b.localSuppliers ||
			pos(a.nodeId) - pos(b.nodeId),
	)
	return result.map((g, i) => ({ ...g, rank: i + 1 }))
}

export type TreeNode<T extends ChainNodeInput = ChainNodeInput> = T & {
	depth: number
	children: TreeNode<T>[]
}

/** Roots (by stage, then sortOrder, then name) with their children, depth-first. */
export function buildTree<T extends ChainNodeInput>(nodes: T[]): TreeNode<T>[] {
	const byParent = new Map<string | null, T[]>()
	const ids = new Set(nodes.map((n) => n.id))
	for (const n of nodes) {
		const parent = n.parentId && ids.has(n.parentId) ? n.parentId : null
		const list = byParent.get(parent) ?? []
		list.push(n)
		byParent.set(parent, list)
	}
	const cmp = (a: T, b: T) =>
		STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) ||
		a.sortOrder - b.sortOrder ||
		a.name.localeCompare(b.name, 'zh-CN')
	const build = (parent: string | null, depth: number, seen: Set<string>): TreeNode<T>[] =>
		(byParent.get(parent) ?? [])
			.filter((n) => !seen.has(n.id))
			.sort(cmp)
			.map((n) => {
				seen.add(n.id)
				return { ...n, depth, children: build(n.id, depth + 1, seen) }
			})
	return build(null, 0, new Set())
}

/** The nodes in tree order (depth-first), each once. */
export function treeOrder<T extends ChainNodeInput>(nodes: T[]): TreeNode<T>[] {
	const out: TreeNode<T>[] = []
	const walk = (list: TreeNode<T>[]) => {
		for (const n of list) {
			out.push(n)
			walk(n.children)
		}
	}
	walk(buildTree(nodes))
	return out
}

/** Ids of the node and all nodes below it. */
export function subtreeIds(nodes: Pick<ChainNodeInput, 'id' | 'parentId'>[], rootId: string): Set<string> {
	const children = new Map<string, string[]>()
	for (const n of nodes) {
		if (!n.parentId) continue
		children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id])
	}
	const out = new Set<string>([rootId])
	const stack = [rootId]
	while (stack.length) {
		for (const c of children.get(stack.pop()!) ?? []) {
			if (!out.has(c)) {
				out.add(c)
				stack.push(c)
			}
		}
	}
	return out
}

/** Moving `nodeId` under `newParentId` would make a cycle (the new parent is the node or below it). */
export function wouldCycle(
	nodes: Pick<ChainNodeInput, 'id' | 'parentId'>[],
	nodeId: string,
	newParentId: string | null,
) {
	return newParentId !== null && subtreeIds(nodes, nodeId).has(newParentId)
}
