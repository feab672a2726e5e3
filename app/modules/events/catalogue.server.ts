import type { MultiSearchQuery, SearchResponse } from 'meilisearch'
import { z } from 'zod'
import type { StoredReasons } from '#app/modules/matching/matching.server'
import type { SessionUser } from '#app/modules/auth/session.server'
import { prisma } from '#app/utils/db.server'
import { getSearchClient, indexName } from '#search/client.server'
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, highlightTerms } from '#search/highlight'
import { EVENT_PARTICIPANTS_INDEX } from '#search/indexes/index'
import { segmentQuery } from '#search/segment.server'

// The participant catalogue of a matchmaking event: approved, verified firms searched in Meilisearch
// (always within one event), and the counterparts the matcher suggests for the viewing firm.

export const PARTICIPANTS_PAGE_SIZE = 20

const SIDES = ['BUYER', 'SUPPLIER'] as const
const AREAS = ['XIANNING', 'WUHAN'] as const
export type ParticipantSide = (typeof SIDES)[number]

/** A repeated GET parameter (checkboxes) as a short list; unknown values are dropped, not errors. */
function listOf<T extends string>(allowed?: readonly T[]) {
	return z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) =>
			(v === undefined ? [] : Array.isArray(v) ? v : [v])
				.map((s) => s.trim())
				.filter((s) => s && s.length <= 80 && (!allowed || (allowed as readonly string[]).includes(s)))
				.slice(0, 10),
		)
		.transform((v) => [...new Set(v)] as T[])
}

export const ParticipantSearchSchema = z.object({
	q: z.string().trim().max(200, 'err.eventsCatalogueQueryTooLong').optional().default(''),
	side: listOf(SIDES),
	cluster: listOf<string>(),
	area: listOf(AREAS),
	chainLeader: z
		.union([z.boolean(), z.string()])
		.optional()
		.transform((v) => v === true || v === '1' || v === 'true' || v === 'on'),
	page: z.coerce.number().int().min(1).max(250).catch(1).default(1),
})

export type ParticipantSearchInput = z.input<typeof ParticipantSearchSchema>
export type ParticipantSearchParams = z.output<typeof ParticipantSearchSchema>

const FACETS = { side: 'side', cluster: 'clusterSlugs', area: 'area', chainLeader: 'isChainLeader' } as const
type FacetParam = keyof typeof FACETS

function quote(value: string) {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

function isActive(params: ParticipantSearchParams, facet: FacetParam) {
	return facet === 'chainLeader' ? params.chainLeader : params[facet].length > 0
}

/** The event filter always; the facet filters except `except` (disjunctive facet counts). */
function filterFor(eventId: string, params: ParticipantSearchParams, except?: FacetParam): string[] {
	const filters = [`eventId = ${quote(eventId)}`]
	for (const facet of ['side', 'cluster', 'area'] as const) {
		if (facet === except || params[facet].length === 0) continue
		filters.push(`${FACETS[facet]} IN [${params[facet].map(quote).join(', ')}]`)
	}
	if (except !== 'chainLeader' && params.chainLeader) filters.push('isChainLeader = true')
	return filters
}

export type ParticipantListing = { kind: 'capability' | 'demand'; id: string; title: string }

export type ParticipantHit = {
	id: string
	eventId: string
	side: ParticipantSide
	firmId: string
	firmName: string
	firmKind: 'SUPPLIER' | 'BUYER' | 'BOTH'
	regionCode: string
	area: 'XIANNING' | 'WUHAN' | null
	isChainLeader: boolean
	clusterSlugs: string[]
	clusterNames: string[]
	chainNodeNames: string[]
	certifications: string[]
	pitch: string
	listings: ParticipantListing[]
	listingTitles: string[]
	registeredAt: number | null
}

export type ParticipantSearchResult = {
	hits: Array<ParticipantHit & { _formatted?: Partial<Record<keyof ParticipantHit, unknown>> }>
	total: number
	page: number
	pageCount: number
	/** Counts per value; chainLeader counts under "true" and "false". */
	facets: Record<FacetParam, Record<string, number>>
	processingTimeMs: number
}

const HIGHLIGHT = ['firmName', 'pitch', 'listingTitles'] as const

/**
 * Searches the approved participants of one event: text over firm name, pitch, listing titles and
 * chain nodes; facets side / cluster / area / chain leader with counts; 20 per page, highlighted.
 * Throws when Meilisearch cannot answer (wrap in searchOrNull on a page).
 */
export async function searchParticipants(
	eventId: string,
	input: ParticipantSearchInput = {},
): Promise<ParticipantSearchResult> {
	const params = ParticipantSearchSchema.parse(input)
	const uid = indexName(EVENT_PARTICIPANTS_INDEX.uid)
	const terms = params.q ? segmentQuery(params.q) : []
	// As for listings: short queries must match every word, long ones may drop trailing words.
	const matchingStrategy: MultiSearchQuery['matchingStrategy'] = terms.length <= 3 ? 'all' : 'last'
	const main: MultiSearchQuery = {
		indexUid: uid,
		q: params.q,
		matchingStrategy,
		filter: filterFor(eventId, params),
		facets: Object.values(FACETS),
		hitsPerPage: PARTICIPANTS_PAGE_SIZE,
		page: params.page,
		// Without a query, in the order firms registered.
		sort: params.q ? undefined : ['registeredAt:asc', 'firmName:asc'],
		attributesToHighlight: [...HIGHLIGHT],
		attributesToCrop: ['pitch'],
		cropLength: 60,
		highlightPreTag: HIGHLIGHT_PRE,
		highlightPostTag: HIGHLIGHT_POST,
		attributesToRetrieve: ['*'],
	}
	const active = (Object.keys(FACETS) as FacetParam[]).filter((f) => isActive(params, f))
	const queries: MultiSearchQuery[] = [
		main,
		...active.map((f) => ({
			indexUid: uid,
			q: params.q,
			matchingStrategy,
			filter: filterFor(eventId, params, f),
			facets: [FACETS[f]],
			limit: 0,
		})),
	]
	const { results } = await getSearchClient().multiSearch<{ queries: MultiSearchQuery[] }, ParticipantHit>({
		queries,
	})
	const first = results[0] as SearchResponse<ParticipantHit> & { totalHits?: number; totalPages?: number }
	const facets = {} as Record<FacetParam, Record<string, number>>
	for (const f of Object.keys(FACETS) as FacetParam[]) facets[f] = first.facetDistribution?.[FACETS[f]] ?? {}
	active.forEach((f, i) => {
		facets[f] = results[i + 1]?.facetDistribution?.[FACETS[f]] ?? {}
	})
	const hits = first.hits as ParticipantSearchResult['hits']
	if (terms.length) {
		// Matches through the pre-segmented field (处理 inside 待处理) get marked in the shown text too.
		for (const hit of hits) {
			const formatted = hit._formatted as Record<string, unknown> | undefined
			if (!formatted) continue
			for (const field of HIGHLIGHT) {
				const value = formatted[field]
				if (typeof value === 'string') formatted[field] = highlightTerms(value, terms)
				else if (Array.isArray(value))
					formatted[field] = value.map((v) => (typeof v === 'string' ? highlightTerms(v, terms) : v))
			}
		}
	}
	return {
		hits,
		total: first.totalHits ?? first.estimatedTotalHits ?? 0,
		page: params.page,
		pageCount: first.totalPages ?? 1,
		facets,
		processingTimeMs: first.processingTimeMs,
	}
}

const STAFF_ROLES = new Set(['BUREAU', 'ADMIN'])

export type CatalogueAccess = {
	event: { id: string; title: string; status: string }
	staff: boolean
	/** The viewer firm's approved registration, null for bureau staff. */
	registration: { id: string; side: ParticipantSide } | null
}

/**
 * Who may open the catalogue: bureau staff, and users of firms approved at this (non-draft) event.
 * Null for everyone else, so the page answers 404 without telling whether the event exists.
 */
export async function catalogueAccess(
	user: Pick<SessionUser, 'role' | 'firmId'>,
	eventId: string,
): Promise<CatalogueAccess | null> {
	if (!eventId || eventId.length > 40) return null
	const event = await prisma.event.findUnique({
		where: { id: eventId },
		select: { id: true, title: true, status: true },
	})
	if (!event) return null
	if (STAFF_ROLES.has(user.role)) return { event, staff: true, registration: null }
	if (!user.firmId || event.status === 'DRAFT') return null
	const registration = await prisma.eventRegistration.findUnique({
		where: { eventId_firmId: { eventId, firmId: user.firmId } },
		select: { id: true, side: true, status: true },
	})
	if (!registration || registration.status !== 'APPROVED' || registration.side === 'BUREAU') return null
	return { event, staff: false, registration: { id: registration.id, side: registration.side } }
}

export type SuggestedCounterpart = {
	firmId: string
	firmName: string
	side: ParticipantSide
	isChainLeader: boolean
	regionCode: string
	/** 0–100, the best pair between the two firms. */
	score: number
	reasons: Array<{ tone: 'good' | 'neutral' | 'bad'; text: string }>
	/** The viewer's listing and the counterpart's listing of that best pair. */
	mine: ParticipantListing
	theirs: ParticipantListing
}

const PUBLIC_LISTING = { status: 'PUBLISHED', hiddenAt: null } as const
const TONE_ORDER = { good: 0, neutral: 1, bad: 2 } as const

/** Up to three reasons, the supporting ones first (stored order kept within a tone). */
export function pickReasons(stored: unknown, max = 3): SuggestedCounterpart['reasons'] {
	const list = (stored as Partial<StoredReasons> | null)?.reasons
	if (!Array.isArray(list)) return []
	return list
		.filter(
			(r): r is StoredReasons['reasons'][number] =>
				!!r && typeof r.text === 'string' && r.text.length > 0 && r.tone in TONE_ORDER,
		)
		.map((r, i) => ({ tone: r.tone, text: r.text, i }))
		.filter((r) => r.tone !== 'bad')
		.sort((a, b) => TONE_ORDER[a.tone] - TONE_ORDER[b.tone] || a.i - b.i)
		.slice(0, max)
		.map(({ tone, text }) => ({ tone, text }))
}

/**
 * The approved participants on the other side whose listings the matcher paired with the viewer
 * firm's (its demands when it buys at this event, its capabilities when it supplies): one row per
 * firm with its best-scoring pair and up to three Chinese reasons. Dismissed pairs are left out.
 */
export async function suggestedCounterparts(
	eventId: string,
	firmId: string,
	limit = 6,
): Promise<SuggestedCounterpart[]> {
	const own = await prisma.eventRegistration.findUnique({
		where: { eventId_firmId: { eventId, firmId } },
		select: { side: true, status: true },
	})
	if (!own || own.status !== 'APPROVED' || own.side === 'BUREAU') return []
	const otherSide: ParticipantSide = own.side === 'BUYER' ? 'SUPPLIER' : 'BUYER'
	const others = await prisma.eventRegistration.findMany({
		where: {
			eventId,
			side: otherSide,
			status: 'APPROVED',
			firmId: { not: firmId },
			firm: { verificationStatus: 'VERIFIED' },
		},
		select: { firm: { select: { id: true, name: true, isChainLeader: true, regionCode: true } } },
	})
	if (others.length === 0) return []
	const firms = new Map(others.map((r) => [r.firm.id, r.firm]))
	const otherIds = [...firms.keys()]
	const buyer = own.side === 'BUYER'
	const rows = await prisma.matchSuggestion.findMany({
		where: {
			status: { not: 'DISMISSED' },
			demand: { ...PUBLIC_LISTING, firmId: buyer ? firmId : { in: otherIds } },
			capability: { ...PUBLIC_LISTING, firmId: buyer ? { in: otherIds } : firmId },
		},
		orderBy: [{ score: 'desc' }, { id: 'asc' }],
		take: 2000,
		select: {
			score: true,
			reasons: true,
			demand: { select: { id: true, title: true, firmId: true } },
			capability: { select: { id: true, title: true, firmId: true } },
		},
	})
	const best = new Map<string, SuggestedCounterpart>()
	for (const row of rows) {
		const theirFirmId = buyer ? row.capability.firmId : row.demand.firmId
		const firm = firms.get(theirFirmId)
		if (!firm || best.has(theirFirmId)) continue
		const demand: ParticipantListing = { kind: 'demand', id: row.demand.id, title: row.demand.title }
		const capability: ParticipantListing = {
			kind: 'capability',
			id: row.capability.id,
			title: row.capability.title,
		}
		best.set(theirFirmId, {
			firmId: firm.id,
			firmName: firm.name,
			side: otherSide,
			isChainLeader: firm.isChainLeader,
			regionCode: firm.regionCode,
			score: Math.round(row.score),
			reasons: pickReasons(row.reasons),
			mine: buyer ? demand : capability,
			theirs: buyer ? capability : demand,
		})
		if (best.size >= limit) break
	}
	return [...best.values()]
}
