import { randomBytes } from 'node:crypto'
import type { Prisma } from '@prisma/client'
import ExcelJS from 'exceljs'
import { audit, type Actor } from '#app/modules/audit/audit.server'
import { FieldError, type RequestMeta } from '#app/modules/auth/auth.server'
import { excelText, xlsxBuffer } from '#app/utils/excel.server'
import { REGIONS } from '#app/modules/firms/regions'
import { prisma } from '#app/utils/db.server'
import { enqueueSearchSync } from '#search/outbox/enqueue.server'
import { kickSearchOutbox } from '#search/outbox/kick.server'
import {
	buildTree,
	NO_NODE,
	nodeFigures,
	rankGaps,
	STAGES,
	subtreeIds,
	wouldCycle,
	type ChainNodeInput,
	type DemandFact,
	type GapNode,
	type NodeFigures,
	type Stage,
	type TreeNode,
} from './gaps'

// The industrial chain map (产业链图谱) for bureau staff: per-node figures from SQL aggregates,
// the gap list (pure ranking in gaps.ts), its Excel export, and audited chain-tree edits.
// Callers check the role (STAFF_ROLES).

const XIANNING_CODES = REGIONS.filter((r) => r.area === 'XIANNING').map((r) => r.code)
const WUHAN_CODES = REGIONS.filter((r) => r.area === 'WUHAN').map((r) => r.code)

/** A public capability of a verified Xianning firm. */
const LOCAL_SUPPLY = {
	status: 'PUBLISHED',
	hiddenAt: null,
	firm: { verificationStatus: 'VERIFIED', regionCode: { in: XIANNING_CODES } },
} satisfies Prisma.CapabilityWhereInput

/** A demand of a verified Wuhan buyer that is published and visible. */
const WUHAN_OPEN = {
	status: 'PUBLISHED',
	hiddenAt: null,
	firm: { verificationStatus: 'VERIFIED', regionCode: { in: WUHAN_CODES } },
} satisfies Prisma.DemandWhereInput

/** Published or closed (kept for the 签约 count: a buyer may close a demand once it is signed). */
const WUHAN_LISTED = {
	...WUHAN_OPEN,
	status: { in: ['PUBLISHED', 'CLOSED'] },
} satisfies Prisma.DemandWhereInput

/** A docking that reached 签约 with a Xianning supplier (still SIGNED, or signed then closed). */
const SIGNED_DOCKING = {
	OR: [{ stage: 'SIGNED' }, { signedAt: { not: null } }],
	supplierFirm: { regionCode: { in: XIANNING_CODES } },
} satisfies Prisma.DockingSessionWhereInput

const qualifiedSuggestion = (threshold: number) =>
	({ score: { gte: threshold }, capability: LOCAL_SUPPLY }) satisfies Prisma.MatchSuggestionWhereInput

export type ClusterOverview = {
	id: string
	slug: string
	name: string
	nodes: number
	localSuppliers: number
	openDemands: number
	coveredDemands: number
	coverage: number | null
	noMatchDemands: number
	signedDemands: number
	gapNodes: number
}

/** Headline figures of every cluster, in cluster order: a fixed number of grouped queries. */
export async function listClusterOverview(threshold: number): Promise<ClusterOverview[]> {
	const inCluster = { clusterId: { not: null } }
	const [clusters, nodes, supplierPairs, open, covered, noMatch, signed, gapPairs] = await Promise.all([
		prisma.cluster.findMany({ orderBy: { sortOrder: 'asc' }, select: { id: true, slug: true, name: true } }),
		prisma.chainNode.groupBy({ by: ['clusterId'], _count: { _all: true } }),
		prisma.capability.groupBy({ by: ['clusterId', 'firmId'], where: { ...inCluster, ...LOCAL_SUPPLY } }),
		prisma.demand.groupBy({
			by: ['clusterId'],
			where: { ...inCluster, ...WUHAN_OPEN },
			_count: { _all: true },
		}),
		prisma.demand.groupBy({
			by: ['clusterId'],
			where: { ...inCluster, ...WUHAN_OPEN, suggestions: { some: qualifiedSuggestion(threshold) } },
			_count: { _all: true },
		}),
		prisma.demand.groupBy({
			by: ['clusterId'],
			where: {
				...inCluster,
				...WUHAN_OPEN,
				suggestions: { none: qualifiedSuggestion(threshold) },
				dockings: { none: SIGNED_DOCKING },
			},
			_count: { _all: true },
		}),
		prisma.demand.groupBy({
			by: ['clusterId'],
			where: { ...inCluster, ...WUHAN_LISTED, dockings: { some: SIGNED_DOCKING } },
			_count: { _all: true },
		}),
		prisma.demand.groupBy({
			by: ['clusterId', 'chainNodeId'],
			where: { ...inCluster, ...WUHAN_OPEN, dockings: { none: SIGNED_DOCKING } },
		}),
	])
	const countOf = (rows: Array<{ clusterId: string | null; _count: { _all: number } }>, id: string) =>
		rows.find((r) => r.clusterId === id)?._count._all ?? 0
	return clusters.map((c) => {
		const openDemands = countOf(open, c.id)
		const coveredDemands = countOf(covered, c.id)
		return {
			...c,
			nodes: nodes.find((n) => n.clusterId === c.id)?._count._all ?? 0,
			localSuppliers: supplierPairs.filter((p) => p.clusterId === c.id).length,
			openDemands,
			coveredDemands,
			coverage: openDemands ? coveredDemands / openDemands : null,
			noMatchDemands: countOf(noMatch, c.id),
			signedDemands: countOf(signed, c.id),
			gapNodes: gapPairs.filter((p) => p.clusterId === c.id).length,
		}
	})
}

export type MapNode = ChainNodeInput & { slug: string; figures: NodeFigures }

export type ChainMapOptions = {
	threshold: number
	stage?: Stage | null
	leaderOnly?: boolean
	now?: Date
}

export type ChainMap = {
	cluster: { id: string; slug: string; name: string; nameEn: string; summary: string }
	tree: TreeNode<MapNode>[]
	/** Figures of demands tagged to the cluster but to no chain node. */
	unassigned: NodeFigures
	totals: NodeFigures
	gaps: GapNode[]
	threshold: number
}

/** The chain map of one cluster, or null when there is no such cluster. */
export async function getChainMap(slug: string, options: ChainMapOptions): Promise<ChainMap | null> {
	const cluster = await prisma.cluster.findUnique({
		where: { slug },
		select: { id: true, slug: true, name: true, nameEn: true, summary: true },
	})
	if (!cluster) return null
	const clusterId = cluster.id
	const openWhere = { clusterId, ...WUHAN_OPEN } satisfies Prisma.DemandWhereInput
	const [nodes, demands, best, signedOpen, signedByNode, supplierPairs] = await Promise.all([
		prisma.chainNode.findMany({
			where: { clusterId },
			select: { id: true, parentId: true, name: true, slug: true, stage: true, sortOrder: true },
		}),
		prisma.demand.findMany({
			where: openWhere,
			select: {
				id: true,
				title: true,
				chainNodeId: true,
				quantityValue: true,
				quantityUnit: true,
				publishedAt: true,
				createdAt: true,
				source: true,
				firm: { select: { name: true, isChainLeader: true } },
			},
		}),
		prisma.matchSuggestion.groupBy({
			by: ['demandId'],
			where: { demand: openWhere, capability: LOCAL_SUPPLY },
			_max: { score: true },
		}),
		prisma.dockingSession.groupBy({ by: ['demandId'], where: { demand: openWhere, ...SIGNED_DOCKING } }),
		prisma.demand.groupBy({
			by: ['chainNodeId'],
			where: { clusterId, ...WUHAN_LISTED, dockings: { some: SIGNED_DOCKING } },
			_count: { _all: true },
		}),
		prisma.capability.groupBy({ by: ['chainNodeId', 'firmId'], where: { clusterId, ...LOCAL_SUPPLY } }),
	])
	const bestById = new Map(best.map((b) => [b.demandId, b._max.score]))
	const signedIds = new Set(signedOpen.map((s) => s.demandId))
	const facts: DemandFact[] = demands.map((d) => ({
		id: d.id,
		title: d.title,
		nodeId: d.chainNodeId,
		firmName: d.firm.name,
		chainLeader: d.firm.isChainLeader || d.source === 'CHAIN_LEADER_LIST',
		publishedAt: d.publishedAt ?? d.createdAt,
		quantityValue: d.quantityValue,
		quantityUnit: d.quantityUnit,
		bestScore: bestById.get(d.id) ?? null,
		signed: signedIds.has(d.id),
	}))
	const suppliers = new Map<string, number>()
	const clusterFirms = new Set<string>()
	for (const p of supplierPairs) {
		const key = p.chainNodeId ?? NO_NODE
		suppliers.set(key, (suppliers.get(key) ?? 0) + 1)
		clusterFirms.add(p.firmId)
	}
	const signed = new Map(signedByNode.map((s) => [s.chainNodeId ?? NO_NODE, s._count._all]))
	const figures = nodeFigures(
		nodes.map((n) => n.id),
		facts,
		suppliers,
		signed,
		options.threshold,
	)
	const totalsMap = nodeFigures(
		[],
		facts.map((f) => ({ ...f, nodeId: null })),
		new Map([[NO_NODE, clusterFirms.size]]),
		new Map([[NO_NODE, signedByNode.reduce((sum, s) => sum + s._count._all, 0)]]),
		options.threshold,
	)
	const mapNodes: MapNode[] = nodes.map((n) => ({ ...n, figures: figures.get(n.id)! }))
	return {
		cluster,
		tree: buildTree(mapNodes),
		unassigned: figures.get(NO_NODE)!,
		totals: totalsMap.get(NO_NODE)!,
		gaps: rankGaps(nodes, facts, suppliers, {
			threshold: options.threshold,
			now: options.now ?? new Date(),
			stage: options.stage ?? null,
			leaderOnly: options.leaderOnly ?? false,
		}),
		threshold: options.threshold,
	}
}

/** Capabilities tagged to a node (any status), for the node panel and re-tagging. */
export async function listNodeCapabilities(clusterId: string, nodeId: string, take = 50) {
	return prisma.capability.findMany({
		where: { clusterId, chainNodeId: nodeId },
		orderBy: [{ status: 'asc' }, { updatedAt: 'desc' }],
		take,
		select: {
			id: true,
			title: true,
			status: true,
			hiddenAt: true,
			firm: { select: { id: true, name: true, regionCode: true, verificationStatus: true } },
		},
	})
}

// Chain-tree edits. Each takes the cluster row lock, so concurrent moves cannot build a cycle.

async function lockCluster(tx: Prisma.TransactionClient, clusterId: string) {
	const rows = await tx.$queryRaw<
		Array<{ id: string }>
	>`SELECT id FROM "Cluster" WHERE id = ${clusterId} FOR UPDATE`
	if (rows.length === 0) throw new FieldError({ clusterId: ['bureauChains.err.cluster'] })
	return tx.chainNode.findMany({
		where: { clusterId },
		select: { id: true, parentId: true, name: true, stage: true, sortOrder: true },
	})
}

function assertUniqueName(nodes: Array<{ id: string; name: string }>, name: string, exceptId?: string) {
	if (nodes.some((n) => n.id !== exceptId && n.name === name)) {
		throw new FieldError({ name: ['bureauChains.err.nameTaken'] })
	}
}

export async function addChainNode(
	actor: Actor,
	clusterId: string,
	input: { parentId: string | null; stage: Stage | null; name: string },
	meta: RequestMeta,
) {
	const id = await prisma.$transaction(async (tx) => {
		const nodes = await lockCluster(tx, clusterId)
		const parent = input.parentId ? nodes.find((n) => n.id === input.parentId) : null
		if (input.parentId && !parent) throw new FieldError({ parentId: ['bureauChains.err.parent'] })
		const stage = parent?.stage ?? input.stage
		if (!stage) throw new FieldError({ stage: ['bureauChains.err.stage'] })
		assertUniqueName(nodes, input.name)
		const siblings = nodes.filter((n) => n.parentId === (parent?.id ?? null))
		const node = await tx.chainNode.create({
			data: {
				clusterId,
				parentId: parent?.id ?? null,
				name: input.name,
				stage,
				slug: `n-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
				sortOrder: Math.max(-1, ...nodes.map((n) => n.sortOrder), ...siblings.map((n) => n.sortOrder)) + 1,
			},
			select: { id: true },
		})
		await audit(tx, {
			actor,
			action: 'chain.node.create',
			targetType: 'ChainNode',
			targetId: node.id,
			ip: meta.ip,
			detail: { clusterId, parentId: parent?.id ?? null, name: input.name, stage },
		})
		return node.id
	})
	return id
}

export async function renameChainNode(
	actor: Actor,
	clusterId: string,
	input: { nodeId: string; name: string },
	meta: RequestMeta,
) {
	await prisma.$transaction(async (tx) => {
		const nodes = await lockCluster(tx, clusterId)
		const node = nodes.find((n) => n.id === input.nodeId)
		if (!node) throw new FieldError({ nodeId: ['bureauChains.err.node'] })
		if (node.name === input.name) return
		assertUniqueName(nodes, input.name, node.id)
		await tx.chainNode.update({ where: { id: node.id }, data: { name: input.name } })
		await audit(tx, {
			actor,
			action: 'chain.node.rename',
			targetType: 'ChainNode',
			targetId: node.id,
			ip: meta.ip,
			detail: { clusterId, from: node.name, to: input.name },
		})
	})
}

/**
 * Moves a node (with everything below it) under another node of the same cluster, or to the top
 * level. The moved nodes take the new parent's stage (at the top level: the given stage, else their own).
 */
export async function moveChainNode(
	actor: Actor,
	clusterId: string,
	input: { nodeId: string; parentId: string | null; stage: Stage | null },
	meta: RequestMeta,
) {
	await prisma.$transaction(async (tx) => {
		const nodes = await lockCluster(tx, clusterId)
		const node = nodes.find((n) => n.id === input.nodeId)
		if (!node) throw new FieldError({ nodeId: ['bureauChains.err.node'] })
		const parent = input.parentId ? nodes.find((n) => n.id === input.parentId) : null
		if (input.parentId && !parent) throw new FieldError({ parentId: ['bureauChains.err.parent'] })
		if (wouldCycle(nodes, node.id, input.parentId))
			throw new FieldError({ parentId: ['bureauChains.err.cycle'] })
		const stage = parent?.stage ?? input.stage ?? node.stage
		if (node.parentId === (parent?.id ?? null) && stage === node.stage) return
		await tx.chainNode.update({ where: { id: node.id }, data: { parentId: parent?.id ?? null } })
		const moved = [...subtreeIds(nodes, node.id)]
		if (nodes.some((n) => moved.includes(n.id) && n.stage !== stage)) {
			await tx.chainNode.updateMany({ where: { id: { in: moved } }, data: { stage } })
		}
		await audit(tx, {
			actor,
			action: 'chain.node.move',
			targetType: 'ChainNode',
			targetId: node.id,
			ip: meta.ip,
			detail: {
				clusterId,
				fromParentId: node.parentId,
				toParentId: parent?.id ?? null,
				fromStage: node.stage,
				toStage: stage,
				subtree: moved.length,
			},
		})
	})
}

export type ListingKind = 'capability' | 'demand'

/** Re-tags a capability or demand of the cluster to another chain node of the same cluster. */
export async function retagListing(
	actor: Actor,
	clusterId: string,
	input: { kind: ListingKind; listingId: string; chainNodeId: string },
	meta: RequestMeta,
) {
	const changed = await prisma.$transaction(async (tx) => {
		const node = await tx.chainNode.findFirst({
			where: { id: input.chainNodeId, clusterId },
			select: { id: true, name: true },
		})
		if (!node) throw new FieldError({ chainNodeId: ['bureauChains.err.node'] })
		const where = { id: input.listingId, clusterId }
		const listing =
			input.kind === 'capability'
				? await tx.capability.findFirst({ where, select: { id: true, chainNodeId: true } })
				: await tx.demand.findFirst({ where, select: { id: true, chainNodeId: true } })
		if (!listing) throw new FieldError({ listingId: ['bureauChains.err.listing'] })
		if (listing.chainNodeId === node.id) return false
		if (input.kind === 'capability') {
			await tx.capability.update({ where: { id: listing.id }, data: { chainNodeId: node.id } })
		} else {
			await tx.demand.update({ where: { id: listing.id }, data: { chainNodeId: node.id } })
		}
		await audit(tx, {
			actor,
			action: `${input.kind}.retag`,
			targetType: input.kind === 'capability' ? 'Capability' : 'Demand',
			targetId: listing.id,
			ip: meta.ip,
			detail: { clusterId, fromChainNodeId: listing.chainNodeId, toChainNodeId: node.id },
		})
		await enqueueSearchSync(tx, input.kind, listing.id)
		return true
	})
	if (changed) kickSearchOutbox()
	return changed
}

// The gap list workbook (导出 Excel). A file, not UI: plain Chinese labels.

export const STAGE_LABEL: Record<Stage, string> = { UPSTREAM: '上游', MIDSTREAM: '中游', DOWNSTREAM: '下游' }
export const GAP_KIND_LABEL = { NO_MATCH: '无合格咸宁供应商', NOT_SIGNED: '有匹配未签约' } as const
export const UNASSIGNED_LABEL = '未标注节点'

type Cell = string | number | null

function addRow(sheet: ExcelJS.Worksheet, cells: Cell[], bold = false) {
	const row = sheet.addRow([])
	cells.forEach((value, i) => {
		if (value === null) return
		const cell = row.getCell(i + 1)
		if (typeof value === 'number') {
			cell.value = value
		} else {
			cell.value = excelText(value.slice(0, 32_767))
			cell.numFmt = '@'
		}
	})
	if (bold) row.font = { bold: true }
	return row
}

function header(sheet: ExcelJS.Worksheet, labels: string[], widths: number[]) {
	const row = addRow(sheet, labels, true)
	widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w))
	sheet.views = [{ state: 'frozen', ySplit: row.number }]
}

export const nodeLabel = (g: Pick<GapNode, 'nodeName' | 'nodeId'>) =>
	g.nodeId ? g.nodeName : UNASSIGNED_LABEL

/** 缺口清单 (one row per node, as ranked on the page) and 需求明细 (the demands behind each node). */
export async function buildGapWorkbook(map: ChainMap, filters: string): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook()
	workbook.creator = '咸宁–武汉 产业链供需对接平台'
	workbook.created = new Date()
	const list = workbook.addWorksheet('缺口清单')
	addRow(list, [`${map.cluster.name} 补链/招商目标清单（${filters}）`], true)
	header(
		list,
		[
			'排名',
			'产业链节点',
			'环节',
			'缺口分',
			'咸宁本地供应商（家）',
			'缺口需求（条）',
			'其中无合格咸宁供应商',
			'其中有匹配未签约',
			'其中链主需求',
			'最长挂出天数',
		],
		[6, 28, 8, 10, 18, 14, 20, 16, 14, 14],
	)
	for (const g of map.gaps) {
		addRow(list, [
			g.rank,
			nodeLabel(g),
			g.stage ? STAGE_LABEL[g.stage] : '—',
			g.score,
			g.localSuppliers,
			g.demands.length,
			g.noMatch,
			g.notSigned,
			g.leaderDemands,
			g.oldestDays,
		])
	}
	const detail = workbook.addWorksheet('需求明细')
	header(
		detail,
		[
			'排名',
			'产业链节点',
			'需求',
			'采购方',
			'链主',
			'缺口类型',
			'最高匹配分',
			'挂出天数',
			'数量',
			'单位',
			'权重',
		],
		[6, 24, 36, 28, 6, 18, 12, 10, 10, 8, 8],
	)
	for (const g of map.gaps) {
		for (const d of g.demands) {
			addRow(detail, [
				g.rank,
				nodeLabel(g),
				d.title,
				d.firmName,
				d.chainLeader ? '是' : '否',
				GAP_KIND_LABEL[d.kind],
				d.bestScore === null ? '' : Math.round(d.bestScore * 10) / 10,
				d.ageDays,
				d.quantityValue,
				d.quantityUnit,
				d.weight,
			])
		}
	}
	const notes = workbook.addWorksheet('口径说明')
	header(notes, ['项目', '定义'], [20, 90])
	for (const [k, v] of [
		['咸宁本地供应商', '咸宁辖区已认证企业中，在该节点有已发布且未屏蔽能力的企业数'],
		['缺口需求', '武汉已认证采购方已发布且未屏蔽、尚无咸宁供应商签约的需求'],
		['无合格咸宁供应商', `没有咸宁供应商的匹配建议达到阈值 ${map.threshold} 分`],
		[
			'缺口分',
			'每条缺口需求：无合格供应商 1 分、有匹配未签约 0.5 分；链主需求 ×2；按挂出天数加权 ×(1+min(天数,180)/180)；求和',
		],
	]) {
		addRow(notes, [k!, v!])
	}
	return xlsxBuffer(workbook)
}

export function gapContentDisposition(clusterName: string, slug: string) {
	const safe = clusterName
		.toWellFormed()
		.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
		.slice(0, 60)
	const encoded = encodeURIComponent(`补链招商清单-${safe}.xlsx`).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	)
	return `attachment; filename="chain-gaps-${slug.replace(/[^A-Za-z0-9_-]/g, '')}.xlsx"; filename*=UTF-8''${encoded}`
}

export async function auditGapExport(
	actor: Actor,
	clusterId: string,
	meta: RequestMeta,
	detail: Prisma.InputJsonValue,
) {
	await prisma.$transaction((tx) =>
		audit(tx, {
			actor,
			action: 'chain.gaps.export',
			targetType: 'Cluster',
			targetId: clusterId,
			ip: meta.ip,
			detail,
		}),
	)
}

export { STAGES }
