// The one matching entry point for the app and the evaluation: plan → one Meilisearch multi-search → re-rank with
// reasons. The search function is injected, so the caller chooses the client and the index (the app's prefixed
// capabilities index, or the evaluation's temporary one).

import type { Meilisearch, MultiSearchQuery } from 'meilisearch'
import { segmentQuery } from '#search/segment.server'
import {
	defaultMatchContext,
	prepareCapability,
	prepareDemand,
	type MatchContext,
	type PreparedCapability,
	type PreparedDemand,
} from './features'
import { planQueries, type PlannedQuery, type QueryPlan } from './plan'
import { rankCapabilities, rankDemands, type Candidate, type Weights } from './rerank'
import { type MatchCapability, type MatchDemand, type Suggestion } from './types'

type Hit = Record<string, unknown> & { id?: unknown; _rankingScore?: number }

/** Runs the planned searches against one index, in one request, answers in the same order. */
export type SearchFn = (queries: MultiSearchQuery[]) => Promise<{ hits: Hit[] }[]>

export type MatchDeps = {
	search: SearchFn
	/** The index holding the other side's documents (capabilities for matchDemand, demands for matchCapability). */
	indexUid: string
	/** How many suggestions to return (default 10). */
	k?: number
	segment?: (text: string) => string[]
	weights?: Weights
	/** Milliseconds since the epoch, for recency and open-demand filtering. */
	now?: number
	/** Extra Meilisearch filters (hard constraints). */
	filter?: string[]
	context?: MatchContext
}

export type MatchResult = { suggestions: Suggestion[]; plan: QueryPlan; candidates: number }

/** A SearchFn over a Meilisearch client. */
export function meiliSearchFn(client: Meilisearch): SearchFn {
	return async (queries) => {
		const response = await client.multiSearch({ queries })
		return response.results.map((r) => ({ hits: r.hits as Hit[] }))
	}
}

function toMultiSearch(query: PlannedQuery, indexUid: string): MultiSearchQuery {
	return {
		indexUid,
		q: query.q,
		matchingStrategy: query.matchingStrategy,
		filter: query.filter.length > 0 ? query.filter : undefined,
		limit: query.limit,
		showRankingScore: true,
		attributesToHighlight: [],
	}
}

type Retrieved = { hits: Map<string, { hit: Hit; score: number }>; background: Hit[] }

async function runPlan(plan: QueryPlan, deps: MatchDeps): Promise<Retrieved> {
	const results = await deps.search(plan.queries.map((q) => toMultiSearch(q, deps.indexUid)))
	const hits = new Map<string, { hit: Hit; score: number }>()
	const background: Hit[] = []
	results.forEach((result, i) => {
		if (plan.queries[i]?.purpose === 'background') {
			background.push(...result.hits)
			return
		}
		for (const hit of result.hits) {
			const id = String(hit.id)
			const score = typeof hit._rankingScore === 'number' ? hit._rankingScore : 0
			const seen = hits.get(id)
			if (!seen || score > seen.score) hits.set(id, { hit, score })
		}
	})
	return { hits, background: background.filter((hit) => !hits.has(String(hit.id))) }
}

// Prepared documents by id and version: the same listings come back for many demands, and preparing one (concepts,
// gap clauses, quantities) costs more than scoring it.
const PREPARED_CACHE_SIZE = 20_000
const preparedCache = new Map<string, PreparedCapability | PreparedDemand>()

function cached<T extends PreparedCapability | PreparedDemand>(
	hit: Hit,
	kind: string,
	build: () => T,
	enabled: boolean,
): T {
	if (!enabled) return build()
	const key = `${kind}:${String(hit.id)}:${String(hit.updatedAt ?? '')}:${String(hit.title ?? '')}:${String(hit.description ?? '').length}`
	const found = preparedCache.get(key)
	if (found) return found as T
	const prepared = build()
	if (preparedCache.size >= PREPARED_CACHE_SIZE)
		preparedCache.delete(preparedCache.keys().next().value as string)
	preparedCache.set(key, prepared)
	return prepared
}

const asString = (v: unknown) => (typeof v === 'string' ? v : '')
const asStrings = (v: unknown) =>
	Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
const asNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)

const PERIOD_PREFIX: Readonly<Record<string, string>> = { DAY: '日产', MONTH: '月产', YEAR: '年产' }

/** A capability search document (search/documents/capability.ts) as the matcher sees it. */
export function capabilityFromDocument(doc: Record<string, unknown>): MatchCapability {
	const value = asNumber(doc.capacityValue)
	const structured =
		value !== null
			? `${PERIOD_PREFIX[asString(doc.capacityPeriod)] ?? ''}${value}${asString(doc.capacityUnit)}`
			: ''
	const specs = asString(doc.specsText)
	return {
		id: String(doc.id),
		title: asString(doc.title),
		description: asString(doc.description),
		certifications: asStrings(doc.certifications),
		capacity: [structured, specs].filter(Boolean).join('；'),
		extraText: [asStrings(doc.tags).join('、'), asString(doc.chainNodeName), specs]
			.filter(Boolean)
			.join('。'),
		region: asString(doc.regionCode) || null,
		cluster: asString(doc.clusterSlug) || asString(doc.clusterName) || null,
		chainNodeId: asString(doc.chainNodeId) || null,
		chainNodeName: asString(doc.chainNodeName) || null,
		firmId: asString(doc.firmId) || null,
		firmName: asString(doc.firmName) || null,
		// The capabilities index only holds listings of verified firms (isCapabilityRowPublic).
		verified: true,
		updatedAt: asNumber(doc.updatedAt),
	}
}

/** A demand search document (search/documents/demand.ts) as the matcher sees it. */
export function demandFromDocument(doc: Record<string, unknown>): MatchDemand {
	const value = asNumber(doc.quantityValue)
	return {
		id: String(doc.id),
		title: asString(doc.title),
		description: asString(doc.description),
		requiredCertifications: asStrings(doc.requiredCertifications),
		quantity: value !== null ? `${value}${asString(doc.quantityUnit)}` : '',
		region: asString(doc.regionCode) || null,
		cluster: asString(doc.clusterSlug) || asString(doc.clusterName) || null,
		chainNodeId: asString(doc.chainNodeId) || null,
		chainNodeName: asString(doc.chainNodeName) || null,
		firmId: asString(doc.firmId) || null,
		firmName: asString(doc.firmName) || null,
		verified: true,
		updatedAt: asNumber(doc.updatedAt),
	}
}

/** Suggested capabilities for a demand: the plan's searches on `deps.indexUid` (a capabilities index), re-ranked. */
export async function matchDemand(demand: MatchDemand, deps: MatchDeps): Promise<MatchResult> {
	const context = deps.context ?? defaultMatchContext()
	const prepared = prepareDemand(demand, context)
	const plan = planQueries(prepared, {
		segment: deps.segment ?? segmentQuery,
		filter: deps.filter,
		certifications: prepared.requiredCertifications,
	})
	const { hits, background } = await runPlan(plan, deps)
	const prepare = (hit: Hit) =>
		cached(hit, 'capability', () => prepareCapability(capabilityFromDocument(hit), context), !deps.context)
	const candidates: Candidate<PreparedCapability>[] = [...hits.values()].map(({ hit, score }) => ({
		prepared: prepare(hit),
		meili: score,
	}))
	const suggestions = rankCapabilities(prepared, candidates, {
		weights: deps.weights,
		k: deps.k ?? 10,
		now: deps.now,
		background: background.map(prepare),
	})
	return { suggestions, plan, candidates: candidates.length }
}

/** Open demands a capability could serve: the plan's searches on `deps.indexUid` (a demands index), re-ranked. */
export async function matchCapability(capability: MatchCapability, deps: MatchDeps): Promise<MatchResult> {
	const context = deps.context ?? defaultMatchContext()
	const prepared = prepareCapability(capability, context)
	const open = deps.now ? [`deadline IS NULL OR deadline >= ${Math.floor(deps.now / 1000)}`] : []
	const plan = planQueries(prepared, {
		segment: deps.segment ?? segmentQuery,
		filter: [...open, ...(deps.filter ?? [])],
	})
	const { hits, background } = await runPlan(plan, deps)
	const prepare = (hit: Hit) =>
		cached(hit, 'demand', () => prepareDemand(demandFromDocument(hit), context), !deps.context)
	const candidates: Candidate<PreparedDemand>[] = [...hits.values()].map(({ hit, score }) => ({
		prepared: prepare(hit),
		meili: score,
	}))
	const suggestions = rankDemands(prepared, candidates, {
		weights: deps.weights,
		k: deps.k ?? 10,
		now: deps.now,
		background: background.map(prepare),
	})
	return { suggestions, plan, candidates: candidates.length }
}
