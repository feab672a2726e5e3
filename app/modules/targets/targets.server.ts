import type { DemandStatus, Role, TargetListStatus } from '@prisma/client'
import ExcelJS from 'exceljs'
import { z } from 'zod'
import { zh } from '#app/i18n/zh'
import { audit } from '#app/modules/audit/audit.server'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { excelText, xlsxBuffer } from '#app/utils/excel.server'
import { getRegion } from '#app/modules/firms/regions'
import { prisma, type Tx } from '#app/utils/db.server'
import {
	formatRate,
	hasQualifiedLocalSupplier,
	isContracted,
	itemProblems,
	itemStage,
	listCoverage,
	QUALIFYING_SCORE,
	reachedDocking,
	STALL_DAYS,
	type Coverage,
	type ItemFacts,
	type ItemStage,
	type ProblemView,
} from './lifecycle'

// 链主 target lists (目标配套商目录 / 配套需求对接清单): a chain-leader buyer firm (or the bureau for it)
// publishes a set of its demands; each item's lifecycle and the list's coverage come from live data.

export type TargetUser = { id: string; role: Role; firmId: string | null }
type Meta = { ip: string | null }

type TargetErrorKey = Extract<keyof typeof zh, `targetLists.err.${string}`>

/** A refusal with a message key; `message` is the Chinese text, `status` the HTTP status to answer. */
export class TargetError extends Error {
	constructor(
		readonly key: TargetErrorKey,
		readonly status = 400,
	) {
		super(zh[key])
	}
}

const isStaff = (user: TargetUser) => STAFF_ROLES.includes(user.role)

// ---- input ----

export const ListInputSchema = z.object({
	title: z
		.string({ error: 'targetLists.err.title' })
		.trim()
		.min(2, 'targetLists.err.title')
		.max(100, 'targetLists.err.title'),
	description: z.string().trim().max(2000, 'targetLists.err.description').default(''),
	clusterId: z
		.string()
		.trim()
		.transform((v) => v || null)
		.nullable()
		.default(null),
	ownerFirmId: z
		.string()
		.trim()
		.transform((v) => v || null)
		.nullable()
		.default(null),
})
export type ListInput = z.input<typeof ListInputSchema>

export const FollowUpNoteSchema = z
	.string({ error: 'targetLists.err.note' })
	.trim()
	.min(2, 'targetLists.err.note')
	.max(1000, 'targetLists.err.note')

function parseInput(input: ListInput) {
	const parsed = ListInputSchema.safeParse(input)
	if (!parsed.success) throw new TargetError(parsed.error.issues[0]!.message as TargetErrorKey)
	return parsed.data
}

// ---- permissions ----

/** The firm a user may create a list for: its own when it is a chain-leader buyer; otherwise an error. */
async function chainLeaderFirmOf(user: TargetUser) {
	if (!user.firmId) throw new TargetError('targetLists.err.notChainLeader', 403)
	const firm = await prisma.firm.findUnique({
		where: { id: user.firmId },
		select: { id: true, isChainLeader: true, kind: true },
	})
	if (!firm || !firm.isChainLeader || firm.kind === 'SUPPLIER' || user.role !== 'BUYER') {
		throw new TargetError('targetLists.err.notChainLeader', 403)
	}
	return firm.id
}

/** Whether the user may create lists at all (for the 新建 button). */
export async function canCreateList(user: TargetUser) {
	if (isStaff(user)) return true
	try {
		await chainLeaderFirmOf(user)
		return true
	} catch {
		return false
	}
}

type ListRow = { id: string; ownerFirmId: string | null; status: TargetListStatus }

function canView(user: TargetUser, list: ListRow) {
	return isStaff(user) || list.status !== 'DRAFT' || (!!user.firmId && list.ownerFirmId === user.firmId)
}

export function canManage(user: TargetUser, list: { ownerFirmId: string | null }) {
	return isStaff(user) || (!!user.firmId && list.ownerFirmId === user.firmId && user.role === 'BUYER')
}

/** Loads a list the user may change: 404 when they cannot see it, 403 when they can see but not change it. */
async function manageableList(tx: Tx, user: TargetUser, listId: string) {
	const list = await tx.targetList.findUnique({
		where: { id: listId },
		select: { id: true, ownerFirmId: true, status: true, clusterId: true },
	})
	if (!list || !canView(user, list)) throw new TargetError('targetLists.err.notFound', 404)
	if (!canManage(user, list)) throw new TargetError('targetLists.err.forbidden', 403)
	return list
}

// ---- list writes (all audited) ----

export async function createList(user: TargetUser, input: ListInput, meta: Meta) {
	const value = parseInput(input)
	let ownerFirmId: string | null
	if (isStaff(user)) {
		ownerFirmId = value.ownerFirmId
		if (ownerFirmId) {
			const firm = await prisma.firm.findUnique({
				where: { id: ownerFirmId },
				select: { isChainLeader: true },
			})
			if (!firm?.isChainLeader) throw new TargetError('targetLists.err.ownerNotChainLeader')
		}
	} else {
		ownerFirmId = await chainLeaderFirmOf(user)
	}
	await assertCluster(value.clusterId)
	return prisma.$transaction(async (tx) => {
		const list = await tx.targetList.create({
			data: {
				title: value.title,
				description: value.description,
				clusterId: value.clusterId,
				ownerFirmId,
				createdById: user.id,
			},
			select: { id: true },
		})
		await audit(tx, {
			actor: user,
			action: 'target_list.create',
			targetType: 'TargetList',
			targetId: list.id,
			ip: meta.ip,
			detail: { title: value.title, ownerFirmId },
		})
		return list
	})
}

async function assertCluster(clusterId: string | null) {
	if (!clusterId) return
	const cluster = await prisma.cluster.findUnique({ where: { id: clusterId }, select: { id: true } })
	if (!cluster) throw new TargetError('targetLists.err.cluster')
}

export async function updateList(user: TargetUser, listId: string, input: ListInput, meta: Meta) {
	const value = parseInput(input)
	await assertCluster(value.clusterId)
	await prisma.$transaction(async (tx) => {
		await manageableList(tx, user, listId)
		await tx.targetList.update({
			where: { id: listId },
			data: { title: value.title, description: value.description, clusterId: value.clusterId },
		})
		await audit(tx, {
			actor: user,
			action: 'target_list.update',
			targetType: 'TargetList',
			targetId: listId,
			ip: meta.ip,
			detail: { title: value.title },
		})
	})
}

export async function setListStatus(
	user: TargetUser,
	listId: string,
	to: 'PUBLISHED' | 'CLOSED',
	meta: Meta,
) {
	await prisma.$transaction(async (tx) => {
		const list = await manageableList(tx, user, listId)
		if (to === 'PUBLISHED') {
			if (list.status !== 'DRAFT') throw new TargetError('targetLists.err.notDraft')
			const items = await tx.targetListItem.count({ where: { listId } })
			if (items === 0) throw new TargetError('targetLists.err.empty')
		} else if (list.status === 'CLOSED') {
			throw new TargetError('targetLists.err.closed')
		}
		const now = new Date()
		await tx.targetList.update({
			where: { id: listId },
			data:
				to === 'PUBLISHED' ? { status: 'PUBLISHED', publishedAt: now } : { status: 'CLOSED', closedAt: now },
		})
		await audit(tx, {
			actor: user,
			action: to === 'PUBLISHED' ? 'target_list.publish' : 'target_list.close',
			targetType: 'TargetList',
			targetId: listId,
			ip: meta.ip,
		})
	})
}

/** Demands that may become items: the owner's published demands and its imported chain-leader demands. */
function pickableWhere(list: { ownerFirmId: string | null; clusterId: string | null }) {
	return {
		hiddenAt: null,
		status: { not: 'CLOSED' as DemandStatus },
		OR: [{ status: 'PUBLISHED' as DemandStatus }, { source: 'CHAIN_LEADER_LIST' as const }],
		// A bureau-owned list gathers the demands of any chain leader (in its cluster, when it has one).
		...(list.ownerFirmId
			? { firmId: list.ownerFirmId }
			: { firm: { isChainLeader: true }, ...(list.clusterId ? { clusterId: list.clusterId } : {}) }),
	}
}

export async function addItems(user: TargetUser, listId: string, demandIds: string[], meta: Meta) {
	const ids = [...new Set(demandIds)].slice(0, 500)
	if (ids.length === 0) throw new TargetError('targetLists.err.pickDemand')
	return prisma.$transaction(async (tx) => {
		const list = await manageableList(tx, user, listId)
		if (list.status === 'CLOSED') throw new TargetError('targetLists.err.closed')
		const ok = await tx.demand.findMany({
			where: { id: { in: ids }, ...pickableWhere(list) },
			select: { id: true },
			orderBy: { createdAt: 'asc' },
		})
		if (ok.length !== ids.length) throw new TargetError('targetLists.err.demandNotAllowed')
		const last = await tx.targetListItem.aggregate({ where: { listId }, _max: { sortOrder: true } })
		let order = (last._max.sortOrder ?? 0) + 1
		const existing = new Set(
			(
				await tx.targetListItem.findMany({
					where: { listId, demandId: { in: ids } },
					select: { demandId: true },
				})
			).map((i) => i.demandId),
		)
		const fresh = ids.filter((id) => !existing.has(id))
		if (fresh.length) {
			await tx.targetListItem.createMany({
				data: fresh.map((demandId) => ({ listId, demandId, sortOrder: order++ })),
			})
		}
		await audit(tx, {
			actor: user,
			action: 'target_list.items.add',
			targetType: 'TargetList',
			targetId: listId,
			ip: meta.ip,
			detail: { demandIds: fresh },
		})
		return { added: fresh.length }
	})
}

async function manageableItem(tx: Tx, user: TargetUser, listId: string, itemId: string) {
	await manageableList(tx, user, listId)
	const item = await tx.targetListItem.findUnique({
		where: { id: itemId },
		select: { id: true, listId: true },
	})
	if (!item || item.listId !== listId) throw new TargetError('targetLists.err.notFound', 404)
	return item
}

export async function removeItem(user: TargetUser, listId: string, itemId: string, meta: Meta) {
	await prisma.$transaction(async (tx) => {
		await manageableItem(tx, user, listId, itemId)
		await tx.targetListItem.delete({ where: { id: itemId } })
		await audit(tx, {
			actor: user,
			action: 'target_list.items.remove',
			targetType: 'TargetListItem',
			targetId: itemId,
			ip: meta.ip,
			detail: { listId },
		})
	})
}

export async function closeItem(
	user: TargetUser,
	listId: string,
	itemId: string,
	reason: string,
	meta: Meta,
) {
	const text = reason.trim()
	if (text.length < 2 || text.length > 500) throw new TargetError('targetLists.err.closeReason')
	await prisma.$transaction(async (tx) => {
		await manageableItem(tx, user, listId, itemId)
		await tx.targetListItem.update({
			where: { id: itemId },
			data: { closedAt: new Date(), closeReason: text },
		})
		await audit(tx, {
			actor: user,
			action: 'target_list.items.close',
			targetType: 'TargetListItem',
			targetId: itemId,
			ip: meta.ip,
			detail: { listId, reason: text },
		})
	})
}

// ---- reads ----

export type ItemView = {
	id: string
	sortOrder: number
	demandId: string
	demandTitle: string
	demandStatus: DemandStatus
	firmName: string
	stage: ItemStage
	/** Verified Xianning suppliers whose suggestion scores ≥ 60. */
	qualifiedSuppliers: number
	/** Suggestions scoring ≥ 60, any supplier. */
	matches: number
	docking: boolean
	contracted: boolean
	closedAt: string | null
	closeReason: string
	problems: ProblemView[]
}

/** Live facts of items, keyed by item id (one query per kind, not per item). */
async function loadFacts(
	items: Array<{
		id: string
		createdAt: Date
		closedAt: Date | null
		demand: { id: string; status: DemandStatus; publishedAt: Date | null }
	}>,
) {
	const demandIds = [...new Set(items.map((i) => i.demand.id))]
	const [suggestions, dockings] = await Promise.all([
		prisma.matchSuggestion.findMany({
			where: { demandId: { in: demandIds }, score: { gte: QUALIFYING_SCORE } },
			select: {
				demandId: true,
				score: true,
				capability: { select: { firm: { select: { regionCode: true, verificationStatus: true } } } },
			},
		}),
		prisma.dockingSession.findMany({
			where: { demandId: { in: demandIds } },
			select: {
				id: true,
				demandId: true,
				status: true,
				stage: true,
				createdAt: true,
				respondedAt: true,
				lastMessageAt: true,
				buyerFirm: { select: { name: true } },
				supplierFirm: { select: { name: true } },
				stageChanges: { select: { createdAt: true }, orderBy: { createdAt: 'desc' }, take: 1 },
				messages: { where: { kind: 'TEXT' }, select: { side: true }, orderBy: { seq: 'desc' }, take: 1 },
			},
		}),
	])
	const byDemand = <T extends { demandId: string | null }>(rows: T[]) => {
		const map = new Map<string, T[]>()
		for (const row of rows) if (row.demandId) map.set(row.demandId, [...(map.get(row.demandId) ?? []), row])
		return map
	}
	const sByDemand = byDemand(suggestions)
	const dByDemand = byDemand(dockings)
	const facts = new Map<string, ItemFacts>()
	for (const item of items) {
		facts.set(item.id, {
			demandStatus: item.demand.status,
			demandPublishedAt: item.demand.publishedAt,
			itemAddedAt: item.createdAt,
			itemClosedAt: item.closedAt,
			suggestions: (sByDemand.get(item.demand.id) ?? []).map((s) => ({
				score: s.score,
				supplierArea: getRegion(s.capability.firm.regionCode)?.area ?? null,
				supplierVerified: s.capability.firm.verificationStatus === 'VERIFIED',
			})),
			dockings: (dByDemand.get(item.demand.id) ?? []).map((d) => ({
				id: d.id,
				status: d.status,
				stage: d.stage,
				buyerFirmName: d.buyerFirm.name,
				supplierFirmName: d.supplierFirm.name,
				lastActivityAt: new Date(
					Math.max(
						...[d.createdAt, d.respondedAt, d.lastMessageAt, d.stageChanges[0]?.createdAt]
							.filter((x): x is Date => !!x)
							.map((x) => x.getTime()),
					),
				),
				lastMessageSide: d.messages[0]?.side ?? null,
			})),
		})
	}
	return facts
}

function itemView(
	item: {
		id: string
		sortOrder: number
		closedAt: Date | null
		closeReason: string
		demand: { id: string; title: string; status: DemandStatus; firm: { name: string } }
	},
	facts: ItemFacts,
	now: Date,
): ItemView {
	return {
		id: item.id,
		sortOrder: item.sortOrder,
		demandId: item.demand.id,
		demandTitle: item.demand.title,
		demandStatus: item.demand.status,
		firmName: item.demand.firm.name,
		stage: itemStage(facts),
		qualifiedSuppliers: facts.suggestions.filter(
			(s) => s.score >= QUALIFYING_SCORE && s.supplierArea === 'XIANNING' && s.supplierVerified,
		).length,
		matches: facts.suggestions.filter((s) => s.score >= QUALIFYING_SCORE).length,
		docking: reachedDocking(facts),
		contracted: isContracted(facts),
		closedAt: item.closedAt?.toISOString() ?? null,
		closeReason: item.closeReason,
		problems: itemProblems(facts, now).map((p) => ({ ...p, since: p.since.toISOString() }) as ProblemView),
	}
}

const ITEM_SELECT = {
	id: true,
	sortOrder: true,
	createdAt: true,
	closedAt: true,
	closeReason: true,
	demand: {
		select: { id: true, title: true, status: true, publishedAt: true, firm: { select: { name: true } } },
	},
} as const

export type ListSummary = {
	id: string
	title: string
	status: TargetListStatus
	ownerName: string | null
	clusterName: string | null
	publishedAt: string | null
	coverage: Coverage
}

/** Lists the user can see: published/closed ones, plus drafts of their own firm (bureau: all). */
export async function listTargetLists(user: TargetUser): Promise<ListSummary[]> {
	const lists = await prisma.targetList.findMany({
		where: isStaff(user)
			? {}
			: { OR: [{ status: { not: 'DRAFT' } }, ...(user.firmId ? [{ ownerFirmId: user.firmId }] : [])] },
		orderBy: [{ status: 'asc' }, { publishedAt: 'desc' }, { createdAt: 'desc' }],
		take: 200,
		select: {
			id: true,
			title: true,
			status: true,
			publishedAt: true,
			ownerFirmId: true,
			ownerFirm: { select: { name: true } },
			cluster: { select: { name: true } },
			items: { select: ITEM_SELECT },
		},
	})
	const facts = await loadFacts(lists.flatMap((l) => l.items))
	return lists.map((l) => ({
		id: l.id,
		title: l.title,
		status: l.status,
		ownerName: l.ownerFirm?.name ?? null,
		clusterName: l.cluster?.name ?? null,
		publishedAt: l.publishedAt?.toISOString() ?? null,
		coverage: listCoverage(l.items.map((i) => facts.get(i.id)!)),
	}))
}

export type ListDetail = {
	list: {
		id: string
		title: string
		description: string
		status: TargetListStatus
		clusterId: string | null
		clusterName: string | null
		ownerFirmId: string | null
		ownerName: string | null
		publishedAt: string | null
		closedAt: string | null
	}
	items: ItemView[]
	coverage: Coverage
	canManage: boolean
	stallDays: number
	qualifyingScore: number
}

/** A list with its items' lifecycle and coverage, or a 404 TargetError when the user may not see it. */
export async function getListDetail(user: TargetUser, listId: string, now = new Date()): Promise<ListDetail> {
	const list = await prisma.targetList.findUnique({
		where: { id: listId },
		select: {
			id: true,
			title: true,
			description: true,
			status: true,
			clusterId: true,
			ownerFirmId: true,
			publishedAt: true,
			closedAt: true,
			cluster: { select: { name: true } },
			ownerFirm: { select: { name: true } },
			items: { select: ITEM_SELECT, orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }] },
		},
	})
	if (!list || !canView(user, list)) throw new TargetError('targetLists.err.notFound', 404)
	const facts = await loadFacts(list.items)
	const manage = canManage(user, list)
	return {
		list: {
			id: list.id,
			title: list.title,
			description: list.description,
			status: list.status,
			clusterId: list.clusterId,
			clusterName: list.cluster?.name ?? null,
			ownerFirmId: list.ownerFirmId,
			ownerName: list.ownerFirm?.name ?? null,
			publishedAt: list.publishedAt?.toISOString() ?? null,
			closedAt: list.closedAt?.toISOString() ?? null,
		},
		// Who is behind and with whom is for the owner and the bureau only.
		items: list.items.map((i) => {
			const view = itemView(i, facts.get(i.id)!, now)
			return manage ? view : { ...view, problems: [] }
		}),
		coverage: listCoverage(list.items.map((i) => facts.get(i.id)!)),
		canManage: manage,
		stallDays: STALL_DAYS,
		qualifyingScore: QUALIFYING_SCORE,
	}
}

/** Demands the manager may still add to the list. */
export async function pickableDemands(user: TargetUser, listId: string) {
	const list = await prisma.targetList.findUnique({
		where: { id: listId },
		select: { id: true, ownerFirmId: true, clusterId: true, status: true },
	})
	if (!list || !canManage(user, list)) return []
	return prisma.demand.findMany({
		where: { ...pickableWhere(list), targetItems: { none: { listId } } },
		select: { id: true, title: true, status: true, source: true, firm: { select: { name: true } } },
		orderBy: [{ source: 'desc' }, { createdAt: 'desc' }],
		take: 300,
	})
}

export async function chainLeaderFirms() {
	return prisma.firm.findMany({
		where: { isChainLeader: true },
		select: { id: true, name: true },
		orderBy: { name: 'asc' },
	})
}

export async function clusterOptions() {
	return prisma.cluster.findMany({ select: { id: true, name: true }, orderBy: { sortOrder: 'asc' } })
}

// ---- bureau follow-up queue ----

export type QueueEntry = {
	itemId: string
	listId: string
	listTitle: string
	ownerName: string | null
	demandId: string
	demandTitle: string
	firmName: string
	stage: ItemStage
	problem: ProblemView
}

/** Open items of published lists with no match or a stalled docking, newest problems first. */
export async function followUpQueue(now = new Date()): Promise<QueueEntry[]> {
	const items = await prisma.targetListItem.findMany({
		where: { closedAt: null, list: { status: 'PUBLISHED' }, demand: { status: 'PUBLISHED' } },
		select: {
			...ITEM_SELECT,
			list: { select: { id: true, title: true, ownerFirm: { select: { name: true } } } },
		},
	})
	const facts = await loadFacts(items)
	const entries: QueueEntry[] = items.flatMap((item) => {
		const view = itemView(item, facts.get(item.id)!, now)
		return view.problems.map((problem) => ({
			itemId: item.id,
			listId: item.list.id,
			listTitle: item.list.title,
			ownerName: item.list.ownerFirm?.name ?? null,
			demandId: item.demand.id,
			demandTitle: item.demand.title,
			firmName: item.demand.firm.name,
			stage: view.stage,
			problem,
		}))
	})
	return entries.sort(
		(a, b) => b.problem.since.localeCompare(a.problem.since) || a.itemId.localeCompare(b.itemId),
	)
}

export async function followUpHistory(take = 100) {
	const rows = await prisma.followUp.findMany({
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take,
		select: {
			id: true,
			action: true,
			note: true,
			createdAt: true,
			actor: { select: { name: true } },
			item: {
				select: {
					id: true,
					list: { select: { id: true, title: true } },
					demand: { select: { title: true } },
				},
			},
		},
	})
	return rows.map((r) => ({
		id: r.id,
		action: r.action,
		note: r.note,
		createdAt: r.createdAt.toISOString(),
		actorName: r.actor?.name ?? '—',
		itemId: r.item.id,
		listId: r.item.list.id,
		listTitle: r.item.list.title,
		demandTitle: r.item.demand.title,
	}))
}

/** Bureau "联系企业": a FollowUp row and its audit record in one transaction. */
export async function contactFirm(user: TargetUser, itemId: string, note: string, meta: Meta) {
	if (!isStaff(user)) throw new TargetError('targetLists.err.forbidden', 403)
	const parsed = FollowUpNoteSchema.safeParse(note)
	if (!parsed.success) throw new TargetError('targetLists.err.note')
	return prisma.$transaction(async (tx) => {
		const item = await tx.targetListItem.findUnique({
			where: { id: itemId },
			select: { id: true, listId: true },
		})
		if (!item) throw new TargetError('targetLists.err.notFound', 404)
		const row = await tx.followUp.create({
			data: { itemId, actorId: user.id, action: 'contact_firm', note: parsed.data },
			select: { id: true },
		})
		await audit(tx, {
			actor: user,
			action: 'target_list.follow_up.contact_firm',
			targetType: 'TargetListItem',
			targetId: itemId,
			ip: meta.ip,
			detail: { followUpId: row.id, listId: item.listId, note: parsed.data },
		})
		return row
	})
}

// ---- Excel export ----

export const STAGE_LABEL: Record<ItemStage, string> = {
	draft: '未发布',
	published: '已发布',
	matched: '已匹配',
	docking: '对接中',
	sample: '送样',
	contract: '定点/签约',
	closed: '已关闭',
}
const LIST_STATUS_LABEL: Record<TargetListStatus, string> = {
	DRAFT: '草稿',
	PUBLISHED: '已发布',
	CLOSED: '已关闭',
}

export function problemText(p: ProblemView) {
	if (p.kind === 'no_match') return `暂无匹配（无 ≥${QUALIFYING_SCORE} 分的推荐供应商）`
	const who =
		p.behind === 'BUYER' ? '待采购方回复' : p.behind === 'SUPPLIER' ? '待供应方回复' : '双方均未发言'
	return `对接停滞 ${p.idleDays} 天（${p.buyerFirmName} ↔ ${p.supplierFirmName}，${who}）`
}

/** Plain text cells: a title such as "=1+1" stays text, never a formula. */
function textCell(cell: ExcelJS.Cell, value: string) {
	cell.value = excelText(value.slice(0, 32_767))
	cell.numFmt = '@'
}

export async function buildListWorkbook(detail: ListDetail) {
	const wb = new ExcelJS.Workbook()
	wb.created = new Date(0)
	const overview = wb.addWorksheet('概览')
	overview.columns = [{ width: 36 }, { width: 40 }, { width: 60 }]
	const c = detail.coverage
	const rows: Array<[string, string | number, string]> = [
		['清单', detail.list.title, ''],
		['链主', detail.list.ownerName ?? '主管部门', ''],
		['产业链群', detail.list.clusterName ?? '—', ''],
		['状态', LIST_STATUS_LABEL[detail.list.status], ''],
		['条目数', c.total, '清单中的需求条目（含已关闭）'],
		['有合格本地供应商的条目', c.qualified, `至少一家已认证咸宁供应商的推荐匹配分 ≥ ${QUALIFYING_SCORE}`],
		['本地供应覆盖率', c.qualifiedRate ?? '', '有合格本地供应商的条目 ÷ 条目数'],
		['已进入对接的条目', c.docking, '有进行中（已接受）对接会话或已签约'],
		['对接率', c.dockingRate ?? '', '已进入对接的条目 ÷ 条目数'],
		['已签约的条目', c.contracted, '有对接会话到达“签约”阶段'],
		['签约率', c.contractedRate ?? '', '已签约的条目 ÷ 条目数'],
	]
	for (const [label, value, def] of rows) {
		const row = overview.addRow([])
		textCell(row.getCell(1), label)
		if (typeof value === 'number') {
			row.getCell(2).value = value
			if (label.endsWith('率')) row.getCell(2).numFmt = '0.0%'
		} else textCell(row.getCell(2), value)
		textCell(row.getCell(3), def)
	}
	const sheet = wb.addWorksheet('条目')
	sheet.columns = [
		{ width: 6 },
		{ width: 36 },
		{ width: 28 },
		{ width: 12 },
		{ width: 16 },
		{ width: 16 },
		{ width: 10 },
		{ width: 10 },
		{ width: 60 },
	]
	const header = [
		'序号',
		'需求',
		'企业',
		'阶段',
		`匹配数（≥${QUALIFYING_SCORE}分）`,
		'合格本地供应商',
		'对接',
		'签约',
		`待跟进（停滞 = ${STALL_DAYS} 天无消息或阶段变化）`,
	]
	const head = sheet.addRow([])
	header.forEach((h, i) => textCell(head.getCell(i + 1), h))
	detail.items.forEach((item, index) => {
		const row = sheet.addRow([])
		row.getCell(1).value = index + 1
		textCell(row.getCell(2), item.demandTitle)
		textCell(row.getCell(3), item.firmName)
		textCell(row.getCell(4), STAGE_LABEL[item.stage])
		row.getCell(5).value = item.matches
		row.getCell(6).value = item.qualifiedSuppliers
		textCell(row.getCell(7), item.docking ? '是' : '否')
		textCell(row.getCell(8), item.contracted ? '是' : '否')
		const notes = [
			...item.problems.map(problemText),
			...(item.closeReason ? [`关闭原因：${item.closeReason}`] : []),
		]
		textCell(row.getCell(9), notes.join('；'))
	})
	return xlsxBuffer(wb)
}

export function listContentDisposition(title: string, id: string) {
	const safe = title
		.toWellFormed()
		.replace(/["<>/\\:*?|\r\n\t]/g, '_')
		.slice(0, 80)
	return `attachment; filename="target-list-${id.replace(/[^A-Za-z0-9_-]/g, '')}.xlsx"; filename*=UTF-8''${encodeURIComponent(`目标清单-${safe}.xlsx`).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`
}

export async function auditListExport(user: TargetUser, listId: string, meta: Meta, items: number) {
	await prisma.$transaction((tx) =>
		audit(tx, {
			actor: user,
			action: 'target_list.export',
			targetType: 'TargetList',
			targetId: listId,
			ip: meta.ip,
			detail: { items },
		}),
	)
}

export { formatRate, hasQualifiedLocalSupplier, type ProblemView }
