// All synonym files in one place: the nine clusters of clusters.ts (by slug) plus the cross-cluster 'general' file.

import { SYNONYMS as biomedicine } from './synonyms/biomedicine'
import { SYNONYMS as cleanEnergy } from './synonyms/clean-energy'
import { SYNONYMS as electronics } from './synonyms/electronics'
import { SYNONYMS as equipment } from './synonyms/equipment'
import { SYNONYMS as foodBeverage } from './synonyms/food-beverage'
import { SYNONYMS as general } from './synonyms/general'
import { SYNONYMS as lowAltitudeTesting } from './synonyms/low-altitude-testing'
import { SYNONYMS as lowCarbonMetallurgy } from './synonyms/low-carbon-metallurgy'
import { SYNONYMS as modernChemicals } from './synonyms/modern-chemicals'
import { SYNONYMS as newMaterials } from './synonyms/new-materials'

export type SynonymGroups = readonly (readonly string[])[]

/** Synonym groups per cluster slug (clusters.ts order), then 'general'. */
export const SYNONYMS_BY_SOURCE: Readonly<Record<string, SynonymGroups>> = {
	'low-carbon-metallurgy': lowCarbonMetallurgy,
	electronics,
	equipment,
	'food-beverage': foodBeverage,
	'modern-chemicals': modernChemicals,
	biomedicine,
	'clean-energy': cleanEnergy,
	'new-materials': newMaterials,
	'low-altitude-testing': lowAltitudeTesting,
	general,
}

/** The form in which two terms count as the same: NFKC (full-width → ASCII), lowercase, single spaces. */
export function normalizeTerm(term: string): string {
	return term.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

function dedupeGroups(groups: readonly SynonymGroups[]): SynonymGroups {
	const cleaned: { terms: string[]; keys: Set<string> }[] = []
	for (const group of groups.flat()) {
		const keys = new Set<string>()
		const terms: string[] = []
		for (const term of group) {
			const key = normalizeTerm(term)
			if (key === '' || keys.has(key)) continue
			keys.add(key)
			terms.push(term.trim())
		}
		if (terms.length > 1) cleaned.push({ terms, keys })
	}
	const isSubset = (a: Set<string>, b: Set<string>) => a.size <= b.size && [...a].every((key) => b.has(key))
	// Drop a group that repeats an earlier one or is contained in another group (it would add nothing when merged).
	return cleaned
		.filter(
			(group, i) =>
				!cleaned.some(
					(other, j) =>
						j !== i && isSubset(group.keys, other.keys) && (group.keys.size < other.keys.size || j < i),
				),
		)
		.map((group) => group.terms)
}

/** Every synonym group of the nine clusters and 'general', without empty or repeated terms and without repeated groups. */
export const ALL_SYNONYM_GROUPS: SynonymGroups = dedupeGroups(Object.values(SYNONYMS_BY_SOURCE))
