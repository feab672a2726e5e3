// The industry-jargon dictionary for search: synonym groups per cluster, certification equivalents and the terms
// jieba must keep whole. See meilisearchSynonyms for the Meilisearch `synonyms` setting.

import { ALL_SYNONYM_GROUPS, normalizeTerm, type SynonymGroups } from './groups'

export { ALL_SYNONYM_GROUPS, normalizeTerm, SYNONYMS_BY_SOURCE, type SynonymGroups } from './groups'

/**
 * Meilisearch only expands a query word into at most this many synonym phrases (MAX_SYNONYM_PHRASE_COUNT in milli),
 * so a merged group of more terms would be cut silently.
 */
export const MEILISEARCH_MAX_SYNONYMS_PER_TERM = 50

/** Groups that share a term are one set of equivalents: merge them (union–find over normalised terms). */
export function mergeSynonymGroups(groups: SynonymGroups): string[][] {
	const parent = new Map<string, string>()
	const find = (term: string): string => {
		let root = term
		while (parent.get(root) !== root) root = parent.get(root) as string
		let node = term
		while (node !== root) {
			const next = parent.get(node) as string
			parent.set(node, root)
			node = next
		}
		return root
	}
	for (const group of groups) {
		const terms = [...new Set(group.map(normalizeTerm).filter((term) => term !== ''))]
		for (const term of terms) if (!parent.has(term)) parent.set(term, term)
		for (const term of terms.slice(1)) {
			const a = find(terms[0] as string)
			const b = find(term)
			if (a !== b) parent.set(b, a)
		}
	}
	const components = new Map<string, string[]>()
	for (const term of parent.keys()) {
		const root = find(term)
		components.set(root, [...(components.get(root) ?? []), term])
	}
	return [...components.values()]
		.filter((terms) => terms.length > 1)
		.map((terms) => terms.sort(compare))
		.sort((a, b) => compare(a[0] as string, b[0] as string))
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The Meilisearch `synonyms` setting for the groups: every term (normalised: NFKC, lowercase latin, single spaces)
 * maps to all the other terms of its merged group, never to itself. Keys and values are sorted by code unit, so the
 * output is stable and can be compared with the index's current setting.
 */
export function meilisearchSynonyms(groups: SynonymGroups = ALL_SYNONYM_GROUPS): Record<string, string[]> {
	const entries: [string, string[]][] = []
	for (const terms of mergeSynonymGroups(groups)) {
		for (const term of terms) entries.push([term, terms.filter((other) => other !== term)])
	}
	entries.sort(([a], [b]) => compare(a, b))
	return Object.fromEntries(entries)
}

export {
	canonicalCertification,
	certificationsCover,
	CERTIFICATION_EQUIVALENTS,
	CERTIFICATION_IMPLIES,
	normalizeCertificationName,
} from './certifications'
export { INDUSTRY_TERMS, isJiebaWord, isMultiCharCjkTerm, JIEBA_USER_FREQ, jiebaUserDict } from './terms'
