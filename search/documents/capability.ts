import type { Prisma } from '@prisma/client'
import { areaOf, capacityPerYear, certificationKeys, specsText, toUnixSeconds, type Segmenter } from './shared'

export const capabilityDocumentSelect = {
	id: true,
	title: true,
	description: true,
	tags: true,
	specs: true,
	certifications: true,
	capacityValue: true,
	capacityUnit: true,
	capacityPeriod: true,
	moqValue: true,
	moqUnit: true,
	leadTimeDays: true,
	priceMin: true,
	priceMax: true,
	priceUnit: true,
	status: true,
	hiddenAt: true,
	publishedAt: true,
	updatedAt: true,
	chainNodeId: true,
	cluster: { select: { slug: true, name: true } },
	chainNode: { select: { name: true, stage: true } },
	firm: { select: { id: true, name: true, regionCode: true, verificationStatus: true } },
} satisfies Prisma.CapabilitySelect

export type CapabilityRow = Prisma.CapabilityGetPayload<{ select: typeof capabilityDocumentSelect }>

export function isCapabilityRowPublic(row: Pick<CapabilityRow, 'status' | 'hiddenAt' | 'firm'>) {
	return row.status === 'PUBLISHED' && !row.hiddenAt && row.firm.verificationStatus === 'VERIFIED'
}

export function buildCapabilityDocument(row: CapabilityRow, segment: Segmenter) {
	const specs = specsText(row.specs)
	return {
		id: row.id,
		title: row.title,
		description: row.description,
		tags: row.tags,
		specsText: specs,
		certifications: row.certifications,
		certificationKeys: certificationKeys(row.certifications),
		firmId: row.firm.id,
		firmName: row.firm.name,
		regionCode: row.firm.regionCode,
		area: areaOf(row.firm.regionCode),
		clusterSlug: row.cluster?.slug ?? null,
		clusterName: row.cluster?.name ?? null,
		chainNodeId: row.chainNodeId,
		chainNodeName: row.chainNode?.name ?? null,
		chainStage: row.chainNode?.stage ?? null,
		capacityValue: row.capacityValue,
		capacityUnit: row.capacityUnit,
		capacityPeriod: row.capacityPeriod,
		capacityPerYear: capacityPerYear(row.capacityValue, row.capacityPeriod),
		moqValue: row.moqValue,
		moqUnit: row.moqUnit,
		leadTimeDays: row.leadTimeDays,
		priceMin: row.priceMin,
		priceMax: row.priceMax,
		priceUnit: row.priceUnit,
		publishedAt: toUnixSeconds(row.publishedAt),
		updatedAt: toUnixSeconds(row.updatedAt),
		segmented: segment([row.title, row.tags.join(' '), row.chainNode?.name ?? '', specs, row.description].join('\n')),
	}
}

export type CapabilityDocument = ReturnType<typeof buildCapabilityDocument>
