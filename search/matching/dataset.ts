// The JSON Lines format of the matching relevance sets (../shared/data/matching-dev): parsed into the shapes the app
// uses, so the evaluation indexes documents built by the app's own builder and matches with the app's own code path.

import { z } from 'zod'
import { type CapabilityRow } from '#search/documents/capability'
import { parseQuantities, type Period } from './capacity'
import { CLUSTER_NAMES, resolveClusterSlug } from './clusters'
import { resolveRegion } from './regions'
import { type MatchDemand } from './types'

export const DatasetCapabilitySchema = z.object({
	id: z.string().min(1),
	firm: z.string().default(''),
	county: z.string().default(''),
	cluster: z.string().default(''),
	title: z.string(),
	description: z.string().default(''),
	certifications: z.array(z.string()).default([]),
	capacity: z.string().default(''),
	moq: z.string().default(''),
})

export const DatasetDemandSchema = z.object({
	id: z.string().min(1),
	buyer: z.string().default(''),
	region: z.string().default(''),
	title: z.string(),
	description: z.string().default(''),
	requiredCertifications: z.array(z.string()).default([]),
	quantity: z.string().default(''),
})

export type DatasetCapability = z.output<typeof DatasetCapabilitySchema>
export type DatasetDemand = z.output<typeof DatasetDemandSchema>

/** Parses JSON Lines, naming the line of the first invalid record. */
export function parseJsonLines<T>(text: string, schema: z.ZodType<T>, what: string): T[] {
	const out: T[] = []
	text
		.replace(/^\uFEFF/, '')
		.split('\n')
		.forEach((line, i) => {
			if (line.trim() === '') return
			const parsed = schema.safeParse(JSON.parse(line))
			if (!parsed.success)
				throw new Error(`${what} line ${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
			out.push(parsed.data)
		})
	return out
}

const PERIOD_ENUM: Readonly<Record<Period, { period: 'DAY' | 'MONTH' | 'YEAR'; factor: number }>> = {
	day: { period: 'DAY', factor: 1 },
	week: { period: 'DAY', factor: 1 / 7 },
	month: { period: 'MONTH', factor: 1 },
	year: { period: 'YEAR', factor: 1 },
}

/**
 * The database row the app would hold for a listing of the set: structured capacity parsed from the free text (the
 * text itself kept as a spec, as a supplier would type it), the firm verified and the listing published.
 */
export function capabilityRowFromDataset(c: DatasetCapability): CapabilityRow {
	const rate = parseQuantities(c.capacity).find((q) => q.period !== null)
	const period = rate?.period ? PERIOD_ENUM[rate.period] : null
	const slug = resolveClusterSlug(c.cluster)
	const specs = [
		...(c.capacity ? [{ key: '产能', value: c.capacity }] : []),
		...(c.moq ? [{ key: '起订量', value: c.moq }] : []),
	]
	const row = {
		id: c.id,
		title: c.title,
		description: c.description,
		tags: [],
		specs,
		certifications: c.certifications,
		capacityValue: rate && period ? rate.value * period.factor : null,
		capacityUnit: rate?.unit ?? '',
		capacityPeriod: period?.period ?? null,
		moqValue: null,
		moqUnit: '',
		leadTimeDays: null,
		priceMin: null,
		priceMax: null,
		priceUnit: '',
		status: 'PUBLISHED',
		hiddenAt: null,
		publishedAt: null,
		updatedAt: null,
		chainNodeId: null,
		cluster: slug ? { slug, name: `${CLUSTER_NAMES[slug]}产业集群` } : null,
		chainNode: null,
		firm: {
			id: `firm:${c.firm || c.id}`,
			name: c.firm,
			regionCode: resolveRegion(c.county)?.code ?? null,
			verificationStatus: 'VERIFIED',
		},
	}
	return row as unknown as CapabilityRow
}

export function demandFromDataset(d: DatasetDemand): MatchDemand {
	return {
		id: d.id,
		title: d.title,
		description: d.description,
		requiredCertifications: d.requiredCertifications,
		quantity: d.quantity,
		region: d.region || null,
		firmName: d.buyer || null,
	}
}
