import { getRegion } from '#app/modules/firms/regions'
import { canonicalCertification } from '#search/dictionary/certifications'

export type Segmenter = (text: string) => string

export function toUnixSeconds(date: Date | null | undefined): number | null {
	return date ? Math.floor(date.getTime() / 1000) : null
}

export function certificationKeys(names: string[]): string[] {
	return [...new Set(names.map(canonicalCertification))]
}

export function specsText(specs: unknown): string {
	if (!Array.isArray(specs)) return ''
	return specs
		.filter((s): s is { key: string; value: string } => !!s && typeof s === 'object' && 'key' in s && 'value' in s)
		.map((s) => `${s.key}：${s.value}`)
		.join('；')
}

export function areaOf(regionCode: string | null | undefined) {
	return regionCode ? (getRegion(regionCode)?.area ?? null) : null
}

const PER_YEAR = { DAY: 300, MONTH: 12, YEAR: 1 } as const

/** Capacity normalised to a yearly figure in the listing's own unit (300 working days a year). */
export function capacityPerYear(value: number | null, period: 'DAY' | 'MONTH' | 'YEAR' | null): number | null {
	if (value === null || !period) return null
	return value * PER_YEAR[period]
}
