import type { Prisma } from '@prisma/client'
import { queueMail } from '#app/modules/mail/mail.server'
import { createNotifications, publishNotifications } from '#app/modules/notifications/notifications.server'
import { DomainError } from '#app/modules/firms/firms.server'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { getSearchClient, indexName } from '#search/client.server'
import { buildCapabilityDocument, capabilityDocumentSelect, isCapabilityRowPublic } from '#search/documents/capability'
import { buildDemandDocument, demandDocumentSelect, isDemandRowPublic } from '#search/documents/demand'
import { CAPABILITIES_INDEX, DEMANDS_INDEX } from '#search/indexes/index'
import { capabilityFromDocument, demandFromDocument, matchCapability, matchDemand, meiliSearchFn } from '#search/matching/match.server'
import type { Suggestion } from '#search/matching/types'
import { segmentForIndex } from '#search/segment.server'

export const SUGGESTIONS_PER_ITEM = 10
/** Below this score (0–100) a candidate is not worth a buyer's attention. */
export const MIN_SCORE = 20

function groupBy<T>(items: T[], key: (item: T) => string) {
	const groups = new Map<string, T[]>()
	for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
	return groups
}

type Pair = { demandId: string; capabilityId: string; suggestion: Suggestion }

function suggestionData(s: Suggestion) {
	return {
		score: s.score,
		parts: s.parts as unknown as Prisma.InputJsonValue,
		reasons: { reasons: s.reasons, nextQuestion: s.nextQuestion } as unknown as Prisma.InputJsonValue,
		missingCertifications: s.features.certifications.missing,
		computedAt: new Date(),
	}
}

/**
 * Stores the pairs (keeping a buyer's shortlist/dismissal), drops suggestions of `scope` that are no
 * longer produced, and tells both sides about pairs that are new — in one transaction, pushed after it.
 */
async function storePairs(pairs: Pair[], scope: { demandId: string } | { capabilityId: string }) {
	const notifications = await prisma.$transaction(async (tx) => {
		const existing = await tx.matchSuggestion.findMany({ where: scope, select: { id: true, demandId: true, capabilityId: true, status: true } })
		const key = (p: { demandId: string; capabilityId: string }) => `${p.demandId}/${p.capabilityId}`
		const have = new Map(existing.map((e) => [key(e), e]))
		const keep = new Set(pairs.map(key))
		const stale = existing.filter((e) => !keep.has(key(e)) && e.status === 'SUGGESTED').map((e) => e.id)
		if (stale.length) await tx.matchSuggestion.deleteMany({ where: { id: { in: stale } } })
		const fresh: Pair[] = []
		for (const p of pairs) {
			const data = suggestionData(p.suggestion)
			if (have.has(key(p))) await tx.matchSuggestion.update({ where: { id: have.get(key(p))!.id }, data })
			else {
				await tx.matchSuggestion.create({ data: { ...data, demandId: p.demandId, capabilityId: p.capabilityId, notifiedAt: new Date() } })
				fresh.push(p)
			}
		}
		if (fresh.length === 0) return []
		const [demands, capabilities] = await Promise.all([
			tx.demand.findMany({ where: { id: { in: fresh.map((p) => p.demandId) } }, select: { id: true, title: true, firm: { select: { users: { select: { id: true, email: true } } } } } }),
			tx.capability.findMany({ where: { id: { in: fresh.map((p) => p.capabilityId) } }, select: { id: true, title: true, firm: { select: { users: { select: { id: true, email: true } } } } } }),
		])
		const demandById = new Map(demands.map((d) => [d.id, d]))
		const capabilityById = new Map(capabilities.map((c) => [c.id, c]))
		const items = []
		// The buyer hears once per demand, each supplier once per capability.
		for (const [demandId, group] of groupBy(fresh, (p) => p.demandId)) {
			const demand = demandById.get(demandId)
			if (!demand) continue
			for (const user of demand.firm.users) {
				items.push({ userId: user.id, kind: 'match.suppliers', title: `「${demand.title}」有 ${group.length} 家新的推荐供应商`, link: `/demands/${demandId}/suggestions` })
			}
			await queueMail(tx, {
				to: demand.firm.users.map((u) => u.email),
				subject: `【产业链供需对接平台】您的需求「${demand.title}」有新的推荐供应商`,
				text: `平台为您的需求「${demand.title}」推荐了 ${group.length} 家咸宁供应商，登录后在需求页面查看推荐理由。`,
			})
		}
		for (const [capabilityId, group] of groupBy(fresh, (p) => p.capabilityId)) {
			const capability = capabilityById.get(capabilityId)
			if (!capability) continue
			for (const user of capability.firm.users) {
				items.push({ userId: user.id, kind: 'match.opportunities', title: `「${capability.title}」匹配到 ${group.length} 条新商机`, link: '/my/opportunities' })
			}
			await queueMail(tx, {
				to: capability.firm.users.map((u) => u.email),
				subject: `【产业链供需对接平台】您的能力「${capability.title}」匹配到新商机`,
				text: `您发布的能力「${capability.title}」匹配到 ${group.length} 条武汉采购需求，登录后在“商机”页面查看匹配理由。`,
			})
		}
		return createNotifications(tx, items)
	})
	publishNotifications(notifications)
	return notifications.length
}

/** Recomputes the suggested suppliers of one demand (or removes them when it is no longer public). */
export async function refreshDemandSuggestions(demandId: string) {
	const row = await prisma.demand.findUnique({ where: { id: demandId }, select: demandDocumentSelect })
	if (!row || !isDemandRowPublic(row)) {
		await prisma.matchSuggestion.deleteMany({ where: { demandId, status: 'SUGGESTED' } })
		return 0
	}
	const demand = demandFromDocument(buildDemandDocument(row, segmentForIndex))
	const { suggestions } = await matchDemand(demand, {
		search: meiliSearchFn(getSearchClient()),
		indexUid: indexName(CAPABILITIES_INDEX.uid),
		k: SUGGESTIONS_PER_ITEM,
		now: Date.now(),
	})
	// The index may briefly hold documents the database no longer has; suggest only live rows.
	const kept = suggestions.filter((s) => s.score >= MIN_SCORE)
	const live = new Set((await prisma.capability.findMany({ where: { id: { in: kept.map((s) => s.id) } }, select: { id: true } })).map((c) => c.id))
	const pairs = kept.filter((s) => live.has(s.id)).map((s) => ({ demandId, capabilityId: s.id, suggestion: s }))
	return storePairs(pairs, { demandId })
}

/** Recomputes the open demands one capability could serve. */
export async function refreshCapabilitySuggestions(capabilityId: string) {
	const row = await prisma.capability.findUnique({ where: { id: capabilityId }, select: capabilityDocumentSelect })
	if (!row || !isCapabilityRowPublic(row)) {
		await prisma.matchSuggestion.deleteMany({ where: { capabilityId, status: 'SUGGESTED' } })
		return 0
	}
	const capability = capabilityFromDocument(buildCapabilityDocument(row, segmentForIndex))
	const { suggestions } = await matchCapability(capability, {
		search: meiliSearchFn(getSearchClient()),
		indexUid: indexName(DEMANDS_INDEX.uid),
		k: SUGGESTIONS_PER_ITEM,
		now: Date.now(),
	})
	const kept = suggestions.filter((s) => s.score >= MIN_SCORE)
	const live = new Set((await prisma.demand.findMany({ where: { id: { in: kept.map((s) => s.id) } }, select: { id: true } })).map((d) => d.id))
	const pairs = kept.filter((s) => live.has(s.id)).map((s) => ({ demandId: s.id, capabilityId, suggestion: s }))
	return storePairs(pairs, { capabilityId })
}

/** Called by the search outbox once the index holds the change, so matching sees it. */
export async function refreshAfterIndexing(entity: 'capability' | 'demand' | 'firm', ids: string[]) {
	let capabilityIds: string[] = entity === 'capability' ? ids : []
	let demandIds: string[] = entity === 'demand' ? ids : []
	if (entity === 'firm') {
		capabilityIds = (await prisma.capability.findMany({ where: { firmId: { in: ids } }, select: { id: true } })).map((c) => c.id)
		demandIds = (await prisma.demand.findMany({ where: { firmId: { in: ids } }, select: { id: true } })).map((d) => d.id)
	}
	for (const id of demandIds) await refreshDemandSuggestions(id)
	for (const id of capabilityIds) await refreshCapabilitySuggestions(id)
}

export type StoredReasons = { reasons: Suggestion['reasons']; nextQuestion: string | null }

const SUGGESTION_SELECT = {
	id: true,
	score: true,
	parts: true,
	reasons: true,
	missingCertifications: true,
	status: true,
	computedAt: true,
	demandId: true,
	capabilityId: true,
} satisfies Prisma.MatchSuggestionSelect

/** Suggested suppliers for a demand: its owner (with dismissed ones apart) and bureau staff. */
export async function listSuggestionsForDemand(viewer: { firmId: string | null; role: string }, demandId: string) {
	const demand = await prisma.demand.findUnique({ where: { id: demandId }, select: { firmId: true } })
	if (!demand) throw new DomainError('not_found')
	const staff = viewer.role === 'BUREAU' || viewer.role === 'ADMIN'
	if (!staff && viewer.firmId !== demand.firmId) throw new DomainError('forbidden')
	return prisma.matchSuggestion.findMany({
		where: { demandId, capability: { status: 'PUBLISHED', hiddenAt: null } },
		orderBy: { score: 'desc' },
		select: {
			...SUGGESTION_SELECT,
			capability: {
				select: { id: true, title: true, capacityValue: true, capacityUnit: true, capacityPeriod: true, certifications: true, firm: { select: { id: true, name: true, regionCode: true } } },
			},
		},
	})
}

/** 商机: open demands suggested for the supplier's capabilities. */
export async function listOpportunities(actor: FirmUser) {
	return prisma.matchSuggestion.findMany({
		where: { capability: { firmId: actor.firmId }, demand: { status: 'PUBLISHED', hiddenAt: null } },
		orderBy: [{ score: 'desc' }],
		take: 100,
		select: {
			...SUGGESTION_SELECT,
			capability: { select: { id: true, title: true } },
			demand: {
				select: { id: true, title: true, quantityValue: true, quantityUnit: true, deadline: true, requiredCertifications: true, firm: { select: { id: true, name: true, regionCode: true, isChainLeader: true } } },
			},
		},
	})
}

/** Shortlist, dismiss or restore a suggestion of the buyer's own demand; every action is kept as feedback. */
export async function setSuggestionStatus(actor: FirmUser, suggestionId: string, status: 'SUGGESTED' | 'SHORTLISTED' | 'DISMISSED') {
	await prisma.$transaction(async (tx) => {
		const suggestion = await tx.matchSuggestion.findUnique({ where: { id: suggestionId }, select: { id: true, demand: { select: { firmId: true } } } })
		if (!suggestion || suggestion.demand.firmId !== actor.firmId) throw new DomainError('not_found')
		await tx.matchSuggestion.update({ where: { id: suggestionId }, data: { status } })
		await tx.matchFeedback.create({ data: { suggestionId, userId: actor.id, action: status === 'SUGGESTED' ? 'RESTORE' : status === 'SHORTLISTED' ? 'SHORTLIST' : 'DISMISS' } })
	})
}
