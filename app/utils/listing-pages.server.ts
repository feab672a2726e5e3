import { json } from '@remix-run/node'
import { isMessageKey, type Translate } from '#app/i18n/i18n'
import { listClusters } from '#app/modules/firms/firms.server'
import { getErrorMessage } from '#app/utils/misc'
import { splitHighlight, type HighlightPart } from '#search/highlight'
import {
	ListingSearchSchema,
	PAGE_SIZE,
	searchParamsToObject,
	type ListingSearchParams,
	type SearchResult,
} from '#search/query.server'

type Sort = ListingSearchParams['sort']

/**
 * Search parameters for a listing page. Invalid input falls back to an unfiltered search plus an
 * error key; an empty query sorted by relevance shows the newest items instead.
 */
export function parseSearchParams(request: Request, sorts: readonly Sort[]) {
	const parsed = ListingSearchSchema.safeParse(searchParamsToObject(new URL(request.url).searchParams))
	const params = parsed.success ? parsed.data : ListingSearchSchema.parse({})
	let sort: Sort = sorts.includes(params.sort) ? params.sort : 'relevance'
	if (!params.q && sort === 'relevance') sort = 'newest'
	const message = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'err.invalid')
	return {
		params: { ...params, sort },
		inputError: message === null ? null : isMessageKey(message) ? message : 'err.invalid',
	}
}

/** Null when Meilisearch cannot answer, so the page can say so instead of failing. */
export async function searchOrNull<T>(run: () => Promise<T>): Promise<T | null> {
	try {
		return await run()
	} catch (error) {
		console.warn(`search unavailable: ${getErrorMessage(error)}`)
		return null
	}
}

export function highlightParts(formatted: unknown, plain: string | null | undefined): HighlightPart[] {
	if (typeof formatted === 'string') return splitHighlight(formatted)
	return plain ? [{ text: plain, match: false }] : []
}

/** Clusters with their chain nodes, shaped for the listing forms' selects. */
export async function clusterOptions() {
	const clusters = await listClusters()
	return clusters.map((c) => ({
		id: c.id,
		name: c.name,
		nameEn: c.nameEn,
		nodes: c.chainNodes.map((n) => ({ id: n.id, name: n.name, stage: n.stage })),
	}))
}

/** Form defaults print numbers as typed text and absent values as empty inputs. */
export function numberText(value: number | null | undefined) {
	return value == null ? '' : String(value)
}

const NO_STORE = { 'Cache-Control': 'no-store' }

/**
 * The JSON API's search: 400 with the first invalid field (message in Chinese), 503 when search is
 * down, otherwise plain documents without highlight markup.
 */
export async function apiSearch<T extends Record<string, unknown>>(
	request: Request,
	search: (params: ListingSearchParams) => Promise<SearchResult<T>>,
	t: Translate,
) {
	const parsed = ListingSearchSchema.safeParse(searchParamsToObject(new URL(request.url).searchParams))
	if (!parsed.success) {
		const issue = parsed.error.issues[0]
		const message = issue?.message && isMessageKey(issue.message) ? t(issue.message) : t('err.invalid')
		return json(
			{ error: { field: issue?.path.join('.') || null, message } },
			{ status: 400, headers: NO_STORE },
		)
	}
	const result = await searchOrNull(() => search(parsed.data))
	if (!result)
		return json(
			{ error: { field: null, message: t('search.unavailable') } },
			{ status: 503, headers: { ...NO_STORE, 'Retry-After': '30' } },
		)
	const hits = result.hits.map((hit) => {
		const plain: Record<string, unknown> = {}
		for (const [key, value] of Object.entries(hit))
			if (!key.startsWith('_') && !INTERNAL_FIELDS.has(key)) plain[key] = value
		return plain
	})
	return json(
		{
			hits,
			facets: result.facets,
			total: result.total,
			page: result.page,
			pageCount: result.pageCount,
			pageSize: PAGE_SIZE,
		},
		{ headers: NO_STORE },
	)
}

// Search-only helpers inside the documents, not part of the API.
const INTERNAL_FIELDS = new Set(['segmented'])
