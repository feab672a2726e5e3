// Concepts from the synonym dictionary: every merged group of equivalent terms is one concept, so 光模块 in a demand
// and 收发一体器件 in a listing meet on the same concept. The matcher finds concepts in normalised text by scanning
// from each character (terms bucketed by their first character), with word boundaries on latin edges.

import { ALL_SYNONYM_GROUPS, normalizeTerm, SYNONYMS_BY_SOURCE } from '#search/dictionary/groups'
import { mergeSynonymGroups } from '#search/dictionary/index'
import { containsTerm } from './text'

export type Concept = {
	id: number
	/** Display name: the first term of the first source group that defines it (光模块, 线控转向 …). */
	label: string
	terms: readonly string[]
	/** Dictionary sources (cluster slugs or 'general') that list the concept. */
	sources: readonly string[]
}

export type ConceptHit = {
	concept: Concept
	/** The term as found (normalised) and where. */
	term: string
	at: number
}

export type ConceptIndex = {
	concepts: readonly Concept[]
	find: (normalizedText: string) => ConceptHit[]
	/** The dictionary's own spelling of a normalised term (r-fpc → R-FPC), for display. */
	display: (term: string) => string
}

const LATIN = /[a-z0-9]/

export function buildConceptIndex(groups: readonly (readonly string[])[] = ALL_SYNONYM_GROUPS): ConceptIndex {
	const merged = mergeSynonymGroups(groups)
	const labelOf = new Map<string, string>()
	const spelling = new Map<string, string>()
	for (const group of groups)
		for (const term of group) if (!spelling.has(normalizeTerm(term))) spelling.set(normalizeTerm(term), term)
	const sourcesOf = new Map<string, Set<string>>()
	for (const [source, sourceGroups] of Object.entries(SYNONYMS_BY_SOURCE)) {
		for (const group of sourceGroups) {
			for (const term of group) {
				const key = normalizeTerm(term)
				if (!labelOf.has(key)) labelOf.set(key, group[0] as string)
				sourcesOf.set(key, (sourcesOf.get(key) ?? new Set()).add(source))
			}
		}
	}
	const concepts: Concept[] = merged.map((terms, id) => {
		const sources = new Set<string>()
		for (const term of terms) for (const s of sourcesOf.get(term) ?? []) sources.add(s)
		const first = terms.find((t) => labelOf.has(t))
		return {
			id,
			label: first ? (labelOf.get(first) as string) : (terms[0] as string),
			terms,
			sources: [...sources],
		}
	})
	const byFirstChar = new Map<string, { term: string; concept: Concept }[]>()
	for (const concept of concepts) {
		for (const term of concept.terms) {
			const first = term[0] as string
			byFirstChar.set(first, [...(byFirstChar.get(first) ?? []), { term, concept }])
		}
	}
	for (const list of byFirstChar.values()) list.sort((a, b) => b.term.length - a.term.length)

	function find(text: string): ConceptHit[] {
		const hits: ConceptHit[] = []
		for (let at = 0; at < text.length; at++) {
			const candidates = byFirstChar.get(text[at] as string)
			if (!candidates) continue
			if (LATIN.test(text[at] as string) && at > 0 && LATIN.test(text[at - 1] as string)) continue
			for (const { term, concept } of candidates) {
				if (!text.startsWith(term, at)) continue
				// containsTerm on the slice checks the latin edge after the term.
				if (!containsTerm(text.slice(at, at + term.length + 1), term)) continue
				hits.push({ concept, term, at })
			}
		}
		return hits
	}

	return { concepts, find, display: (term) => spelling.get(term) ?? term }
}
