// The query plan: what to ask Meilisearch for one demand (or one capability). A whole RFQ text as `q` finds nothing
// (Meilisearch keeps 10 words and drops from the end), so the plan runs several short searches in one multi-search:
// the title, the key terms chosen with jieba and the dictionary, one search per main concept written the ways the
// other side writes it, and — when certifications are required — the key terms among listings that hold them.
// The union of the hits is the candidate set the re-ranker scores.

import { INDUSTRY_TERMS } from '#search/dictionary/terms'
import { canonicalCertification } from '#search/dictionary/certifications'
import { type ConceptOccurrence, type PreparedSide } from './features'
import { CJK_CHAR, normalizeText } from './text'

export type PlannedQuery = {
	/** Why this search is in the plan (title, keyterms, concept:光模块, certified). */
	purpose: string
	q: string
	matchingStrategy: 'all' | 'last' | 'frequency'
	/** Meilisearch filter expressions, combined with AND. */
	filter: string[]
	limit: number
}

export type QueryPlan = {
	keyTerms: string[]
	/** The concepts searched for, each with the spellings the plan uses. */
	expansions: { concept: string; terms: string[] }[]
	queries: PlannedQuery[]
}

export type PlanOptions = {
	/** Word segmentation (jieba with the industry dictionary in the app). */
	segment: (text: string) => string[]
	/** Hits per search. */
	limit?: number
	/** How many key words get a search of their own. */
	wordQueries?: number
	maxConceptQueries?: number
	spellingsPerConcept?: number
	/** Filters every search must respect (hard constraints such as open demands only). */
	filter?: string[]
	/** Canonical certifications to look for among candidates (the demand's requirements). */
	certifications?: readonly string[]
}

// Words of an RFQ that say nothing about the item: procurement verbs, quantities, politeness, delivery terms.
const STOP_WORDS = new Set([
	'采购',
	'需要',
	'需求',
	'要求',
	'供应',
	'供应商',
	'供货',
	'我司',
	'我方',
	'具备',
	'具有',
	'提供',
	'能力',
	'相关',
	'满足',
	'通过',
	'认证',
	'体系',
	'以上',
	'以下',
	'以内',
	'左右',
	'年需求',
	'月需求',
	'用量',
	'年用量',
	'月用量',
	'首批',
	'批量',
	'进行',
	'完成',
	'可以',
	'能够',
	'希望',
	'优先',
	'寻找',
	'寻求',
	'合作',
	'项目',
	'公司',
	'企业',
	'产品',
	'及其',
	'以及',
	'或者',
	'其中',
	'包括',
	'主要',
	'支持',
	'交期',
	'交货',
	'交付',
	'质保',
	'培训',
	'配套',
	'外包',
	'外协',
	'代工',
	'委托',
	'新建',
	'新款',
	'预计',
])

const INDUSTRY = new Set(INDUSTRY_TERMS.map((t) => normalizeText(t)))

function isKeyWord(word: string): boolean {
	if (STOP_WORDS.has(word)) return false
	if (/^[\d.%~～\-+×*/]+[a-z]?$/.test(word)) return false
	const cjk = [...word].filter((c) => CJK_CHAR.test(c)).length
	return cjk >= 2 || (cjk === 0 && /[a-z]/.test(word) && word.length >= 2)
}

/**
 * The words that best say what is needed: jieba words of the title and description, stop words and bare numbers
 * removed, ranked by where they appear (title first, head-final), whether the industry dictionary knows them, and
 * length.
 */
export function keyTerms(
	side: Pick<PreparedSide, 'title' | 'text'>,
	segment: PlanOptions['segment'],
	max = 8,
): string[] {
	const scores = new Map<string, number>()
	const titleWords = segment(side.title)
		.map((w) => normalizeText(w))
		.filter(isKeyWord)
	titleWords.forEach((word, i) => {
		const score = 4 + (2 * (i + 1)) / titleWords.length
		scores.set(word, Math.max(scores.get(word) ?? 0, score))
	})
	for (const word of segment(side.text.slice(side.title.length))
		.map((w) => normalizeText(w))
		.filter(isKeyWord)) {
		const score = 1 + (INDUSTRY.has(word) ? 1.5 : 0) + Math.min(1, word.length / 4)
		scores.set(word, (scores.get(word) ?? 0) + score * 0.5)
	}
	for (const [word, score] of scores) if (INDUSTRY.has(word)) scores.set(word, score + 1)
	return [...scores]
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
		.slice(0, max)
		.map(([word]) => word)
}

/** Other spellings of a concept to search for: CJK spellings first, then latin codes, shortest first. */
function spellings(occurrence: ConceptOccurrence, max: number): string[] {
	const others = occurrence.concept.terms
		.filter(
			(t) =>
				t !== occurrence.term && (CJK_CHAR.test(t) || /^[a-z0-9][a-z0-9\-/+.]*$/.test(t)) && t.length >= 2,
		)
		.sort((a, b) => Number(!CJK_CHAR.test(a)) - Number(!CJK_CHAR.test(b)) || a.length - b.length)
	return [occurrence.term, ...others].slice(0, max)
}

function conceptRank(o: ConceptOccurrence): number {
	const general = o.concept.sources.length > 0 && o.concept.sources.every((s) => s === 'general')
	return (
		(o.inTitle ? 2 + o.titleWeight : 1) *
		(o.contained ? 0.5 : 1) *
		(o.contextOnly ? 0.5 : 1) *
		(general ? 0.3 : 1)
	)
}

function quote(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** Hits of the background search, which only feeds the lexical statistics of the re-ranker. */
export const BACKGROUND_LIMIT = 100

/**
 * The plan for one side (a demand looking for capabilities, or a capability looking for demands): one short search
 * per key word and per main concept spelling, one among holders of the required certifications, and a background
 * sample for the re-ranker's statistics. Short searches matter for Chinese: Meilisearch cuts long queries and, with
 * matchingStrategy 'last', never drops a query's first word.
 */
export function planQueries(side: PreparedSide, options: PlanOptions): QueryPlan {
	const limit = options.limit ?? 30
	const base = options.filter ?? []
	const queries: PlannedQuery[] = []
	const seen = new Set<string>()
	const push = (query: PlannedQuery) => {
		const key = `${query.q}\u0000${query.filter.join('&')}`
		if (seen.has(key) || (query.q.trim() === '' && query.purpose !== 'background')) return
		seen.add(key)
		queries.push(query)
	}

	// One search per key word: with several words Meilisearch never drops the first one, so a first word that no
	// listing uses (精加工) would empty the whole search.
	const terms = keyTerms(side, options.segment)
	for (const term of terms.slice(0, options.wordQueries ?? 5)) {
		push({ purpose: `word:${term}`, q: term, matchingStrategy: 'last', filter: base, limit })
	}

	const concepts = [...side.concepts.values()]
		.filter((o) => conceptRank(o) >= 0.5)
		.sort((a, b) => conceptRank(b) - conceptRank(a))
		.slice(0, options.maxConceptQueries ?? 3)
	const expansions: QueryPlan['expansions'] = []
	for (const occurrence of concepts) {
		const written = spellings(occurrence, options.spellingsPerConcept ?? 2)
		expansions.push({ concept: occurrence.concept.label, terms: written })
		for (const term of written) {
			push({
				purpose: `concept:${occurrence.concept.label}`,
				q: term,
				matchingStrategy: 'last',
				filter: base,
				limit,
			})
		}
	}

	const certifications = [...new Set((options.certifications ?? []).map(canonicalCertification))]
	if (certifications.length > 0) {
		push({
			purpose: 'certified',
			q: terms[0] ?? '',
			matchingStrategy: 'last',
			filter: [...base, `certificationKeys IN [${certifications.map(quote).join(', ')}]`],
			limit,
		})
	}
	push({ purpose: 'background', q: '', matchingStrategy: 'last', filter: base, limit: BACKGROUND_LIMIT })
	return { keyTerms: terms, expansions, queries }
}
