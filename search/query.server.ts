import type { MultiSearchQuery, SearchResponse } from 'meilisearch'
import { z } from 'zod'
import { getSearchClient, indexName } from './client.server'
import { canonicalCertification } from './dictionary/certifications'
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, highlightTerms } from './highlight'
import { CAPABILITIES_INDEX, DEMANDS_INDEX } from './indexes/index'
import { segmentQuery } from './segment.server'

export const PAGE_SIZE = 20

const list = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean).slice(0, 10)))
	.pipe(z.array(z.string().max(80)))

/** Query parameters shared by the pages and the JSON API. */
export const ListingSearchSchema = z.object({
	q: z.string().max(200, 'err.queryTooLong').optional().default(''),
	cluster: list,
	node: list,
	region: list,
	cert: list,
	sort: z.enum(['relevance', 'newest', 'deadline']).catch('relevance').default('relevance'),
	page: z.coerce.number().int().min(1).max(250).catch(1).default(1),
})

export type ListingSearchParams = z.output<typeof ListingSearchSchema>

export function searchParamsToObject(params: URLSearchParams) {
	const out: Record<string, string | string[]> = {}
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key)
		out[key] = values.length > 1 ? values : values[0]!
	}
	return out
}

const FACETS = { cluster: 'clusterSlug', node: 'chainNodeId', region: 'regionCode', cert: 'certificationKeys' } as const
type FacetParam = keyof typeof FACETS

function quote(value: string) {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

function filterFor(params: ListingSearchParams, except?: FacetParam): string[] {
	const filters: string[] = []
	for (const [param, attribute] of Object.entries(FACETS) as Array<[FacetParam, string]>) {
		if (param === except) continue
		const values = param === 'cert' ? params.cert.map(canonicalCertification) : params[param]
		if (values.length) filters.push(`${attribute} IN [${values.map(quote).join(', ')}]`)
	}
	return filters
}

export type SearchResult<T> = {
	hits: Array<T & { _formatted?: Partial<Record<keyof T, unknown>> }>
	total: number
	page: number
	pageCount: number
	facets: Record<FacetParam, Record<string, number>>
	processingTimeMs: number
}

/**
 * One multi-search: the page of hits with every filter, plus one query per active facet without
 * its own filter, so each facet shows the counts a user would get by changing it (disjunctive facets).
 */
async function searchIndex<T extends Record<string, unknown>>(
	base: string,
	params: ListingSearchParams,
	options: { sort: string[]; highlight: string[]; crop: string[] },
): Promise<SearchResult<T>> {
	const uid = indexName(base)
	const terms = params.q ? segmentQuery(params.q) : []
	// Short queries must match every word (光模块 is 光 + 模块 to Meilisearch; 光 alone finds 光稳定剂);
	// long ones may drop trailing words, or a sentence would find nothing.
	const matchingStrategy: MultiSearchQuery['matchingStrategy'] = terms.length <= 3 ? 'all' : 'last'
	const main: MultiSearchQuery = {
		indexUid: uid,
		q: params.q,
		matchingStrategy,
		filter: filterFor(params),
		facets: Object.values(FACETS),
		hitsPerPage: PAGE_SIZE,
		page: params.page,
		sort: options.sort.length ? options.sort : undefined,
		attributesToHighlight: options.highlight,
		attributesToCrop: options.crop,
		cropLength: 60,
		highlightPreTag: HIGHLIGHT_PRE,
		highlightPostTag: HIGHLIGHT_POST,
		attributesToRetrieve: ['*'],
	}
	const active = (Object.keys(FACETS) as FacetParam[]).filter((p) => params[p].length > 0)
	const queries: MultiSearchQuery[] = [
		main,
		...active.map((p) => ({ indexUid: uid, q: params.q, matchingStrategy, filter: filterFor(params, p), facets: [FACETS[p]], limit: 0 })),
	]
	const { results } = await getSearchClient().multiSearch<{ queries: MultiSearchQuery[] }, T>({ queries })
	const first = results[0] as SearchResponse<T> & { totalHits?: number; totalPages?: number }
	const facets = {} as Record<FacetParam, Record<string, number>>
	for (const p of Object.keys(FACETS) as FacetParam[]) facets[p] = first.facetDistribution?.[FACETS[p]] ?? {}
	active.forEach((p, i) => {
		facets[p] = results[i + 1]?.facetDistribution?.[FACETS[p]] ?? {}
	})
	const hits = first.hits as SearchResult<T>['hits']
	if (terms.length) {
		for (const hit of hits) {
			const formatted = hit._formatted as Record<string, unknown> | undefined
			if (!formatted) continue
			for (const field of options.highlight) {
				if (typeof formatted[field] === 'string') formatted[field] = highlightTerms(formatted[field], terms)
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

export type CapabilityHit = {
	id: string
	title: string
	description: string
	tags: string[]
	firmId: string
	firmName: string
	regionCode: string
	clusterSlug: string | null
	clusterName: string | null
	chainNodeId: string | null
	chainNodeName: string | null
	certifications: string[]
	capacityValue: number | null
	capacityUnit: string
	capacityPeriod: string | null
	leadTimeDays: number | null
	publishedAt: number | null
}

export function searchCapabilities(params: ListingSearchParams) {
	return searchIndex<CapabilityHit>(CAPABILITIES_INDEX.uid, params, {
		sort: params.sort === 'newest' ? ['publishedAt:desc'] : [],
		highlight: ['title', 'description', 'tags'],
		crop: ['description'],
	})
}

export type DemandHit = {
	id: string
	title: string
	description: string
	firmId: string
	firmName: string
	isChainLeader: boolean
	regionCode: string
	clusterSlug: string | null
	clusterName: string | null
	chainNodeId: string | null
	chainNodeName: string | null
	requiredCertifications: string[]
	quantityValue: number | null
	quantityUnit: string
	budgetMin: number | null
	budgetMax: number | null
	budgetUnit: string
	deadline: number | null
	publishedAt: number | null
}

export function searchDemands(params: ListingSearchParams) {
	return searchIndex<DemandHit>(DEMANDS_INDEX.uid, params, {
		sort: params.sort === 'newest' ? ['publishedAt:desc'] : params.sort === 'deadline' ? ['deadline:asc'] : [],
		highlight: ['title', 'description'],
		crop: ['description'],
	})
}
