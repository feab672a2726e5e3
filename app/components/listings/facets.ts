import type { Locale } from '#app/i18n/i18n'
import type { FacetOption } from './facet-list'
import { regionName } from './format'

type ClusterInfo = { slug: string; name: string; nameEn: string; nodes: Array<{ id: string; name: string }> }
type RawFacets = Record<'cluster' | 'node' | 'region' | 'cert', Record<string, number>>
type Selected = Record<'cluster' | 'node' | 'region' | 'cert', string[]>

/**
 * Turns facet distributions (slugs, ids, codes, canonical keys) into labelled options. Values the
 * user selected stay listed with a zero count so they can be unchecked.
 */
// Certification facet values are canonical names (e.g. "ISO 9001"), readable as they are.
export function labelFacets(raw: RawFacets, selected: Selected, clusters: ClusterInfo[], locale: Locale) {
	const clusterNames = new Map(clusters.map((c) => [c.slug, locale === 'en' ? c.nameEn : c.name]))
	const nodeNames = new Map(clusters.flatMap((c) => c.nodes.map((n) => [n.id, n.name] as const)))
	const options = (facet: keyof RawFacets, label: (value: string) => string | undefined) => {
		const counts = { ...raw[facet] }
		for (const value of selected[facet]) counts[value] ??= 0
		return Object.entries(counts)
			.filter(([value, count]) => count > 0 || selected[facet].includes(value))
			.map(([value, count]) => ({ value, count, label: label(value) ?? value }))
			.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN')) satisfies FacetOption[]
	}
	return {
		cluster: options('cluster', (v) => clusterNames.get(v)),
		node: options('node', (v) => nodeNames.get(v)),
		region: options('region', (v) => regionName(v, locale)),
		cert: options('cert', (v) => v),
	}
}

export type LabelledFacets = ReturnType<typeof labelFacets>
