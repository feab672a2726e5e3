import type { DemandStatus, DockingSide, DockingStage, DockingStatus } from '@prisma/client'

// Pure rules of 链主 target lists: an item's lifecycle stage, the list's coverage and who is behind.
// Everything is derived from live data (the demand, its match suggestions, its docking sessions), so
// nothing here is stored and nothing can drift.

/** A suggestion scoring at least this much counts as a match (matched / qualified supplier). */
export const QUALIFYING_SCORE = 60
/** A docking session in progress with no message and no stage change for this many days is stalled. */
export const STALL_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000

export const ITEM_STAGES = [
	'draft',
	'published',
	'matched',
	'docking',
	'sample',
	'contract',
	'closed',
] as const
export type ItemStage = (typeof ITEM_STAGES)[number]

export type SuggestionFacts = {
	score: number
	/** The supplier firm's area (Xianning counties or Wuhan districts); null when unknown. */
	supplierArea: 'XIANNING' | 'WUHAN' | null
	supplierVerified: boolean
}

export type DockingFacts = {
	id: string
	status: DockingStatus
	stage: DockingStage
	buyerFirmName: string
	supplierFirmName: string
	/** Latest of: created, accepted, last message, last stage change. */
	lastActivityAt: Date
	/** Who sent the last text message; null when none was sent. */
	lastMessageSide: DockingSide | null
}

export type ItemFacts = {
	demandStatus: DemandStatus
	demandPublishedAt: Date | null
	itemAddedAt: Date
	itemClosedAt: Date | null
	suggestions: SuggestionFacts[]
	dockings: DockingFacts[]
}

const isMatch = (s: SuggestionFacts) => s.score >= QUALIFYING_SCORE
/** A qualified local supplier: a verified Xianning firm whose suggestion scores ≥ QUALIFYING_SCORE. */
const isQualifiedLocal = (s: SuggestionFacts) =>
	isMatch(s) && s.supplierArea === 'XIANNING' && s.supplierVerified
const isActive = (d: DockingFacts) => d.status === 'ACTIVE' && d.stage !== 'CLOSED'
const isSigned = (d: DockingFacts) => d.stage === 'SIGNED'

/**
 * published → matched (≥1 suggestion ≥ 60) → docking (an ACTIVE session on the demand) → sample
 * (an active session at SAMPLING) → contract (a session at SIGNED) → closed (demand closed or item
 * closed). A demand that was never published is "draft". The furthest stage reached wins.
 */
export function itemStage(item: ItemFacts): ItemStage {
	if (item.itemClosedAt || item.demandStatus === 'CLOSED') return 'closed'
	if (item.dockings.some(isSigned)) return 'contract'
	if (item.dockings.some((d) => isActive(d) && d.stage === 'SAMPLING')) return 'sample'
	if (item.dockings.some(isActive)) return 'docking'
	if (item.demandStatus === 'DRAFT') return 'draft'
	if (item.suggestions.some(isMatch)) return 'matched'
	return 'published'
}

export function hasQualifiedLocalSupplier(item: ItemFacts) {
	return item.suggestions.some(isQualifiedLocal)
}

/** Reached docking: an active session now, or a signed one (also after the item closed). */
export function reachedDocking(item: ItemFacts) {
	return item.dockings.some((d) => isActive(d) || isSigned(d))
}

export function isContracted(item: ItemFacts) {
	return item.dockings.some(isSigned)
}

export type Coverage = {
	total: number
	qualified: number
	docking: number
	contracted: number
	/** Shares of all items, 0–1; null for an empty list. */
	qualifiedRate: number | null
	dockingRate: number | null
	contractedRate: number | null
	byStage: Record<ItemStage, number>
}

export function listCoverage(items: ItemFacts[]): Coverage {
	const total = items.length
	const qualified = items.filter(hasQualifiedLocalSupplier).length
	const docking = items.filter(reachedDocking).length
	const contracted = items.filter(isContracted).length
	const rate = (n: number) => (total === 0 ? null : n / total)
	const byStage = Object.fromEntries(ITEM_STAGES.map((s) => [s, 0])) as Record<ItemStage, number>
	for (const item of items) byStage[itemStage(item)]++
	return {
		total,
		qualified,
		docking,
		contracted,
		qualifiedRate: rate(qualified),
		dockingRate: rate(docking),
		contractedRate: rate(contracted),
		byStage,
	}
}

export type Problem =
	| {
			kind: 'no_match'
			/** When the problem began: the later of the demand's publication and the item's addition. */
			since: Date
	  }
	| {
			kind: 'stalled'
			since: Date
			dockingId: string
			buyerFirmName: string
			supplierFirmName: string
			/** Whose turn it is: the side that did not send the last message; both when nobody wrote. */
			behind: 'BUYER' | 'SUPPLIER' | 'BOTH'
			idleDays: number
	  }

/** A Problem as sent to the page: dates as ISO strings. */
export type ProblemView = Problem extends infer P
	? P extends Problem
		? Omit<P, 'since'> & { since: string }
		: never
	: never

/**
 * What is behind on an open, published item: no suggestion ≥ 60 at all (补链/招商: the bureau's
 * turn), or a session in progress (not yet signed) idle for STALL_DAYS days or more. Closed items,
 * drafts and contracted items have no problems.
 */
export function itemProblems(item: ItemFacts, now: Date): Problem[] {
	const stage = itemStage(item)
	if (stage === 'closed' || stage === 'draft' || stage === 'contract') return []
	const problems: Problem[] = []
	if (!item.suggestions.some(isMatch)) {
		const published = item.demandPublishedAt ?? item.itemAddedAt
		problems.push({
			kind: 'no_match',
			since: new Date(Math.max(published.getTime(), item.itemAddedAt.getTime())),
		})
	}
	for (const d of item.dockings) {
		if (!isActive(d) || isSigned(d)) continue
		const idleMs = now.getTime() - d.lastActivityAt.getTime()
		if (idleMs < STALL_DAYS * DAY_MS) continue
		problems.push({
			kind: 'stalled',
			since: new Date(d.lastActivityAt.getTime() + STALL_DAYS * DAY_MS),
			dockingId: d.id,
			buyerFirmName: d.buyerFirmName,
			supplierFirmName: d.supplierFirmName,
			behind:
				d.lastMessageSide === 'BUYER' ? 'SUPPLIER' : d.lastMessageSide === 'SUPPLIER' ? 'BUYER' : 'BOTH',
			idleDays: Math.floor(idleMs / DAY_MS),
		})
	}
	return problems
}

/** "42%" style, for pages and the workbook's text. */
export function formatRate(rate: number | null) {
	return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`
}
