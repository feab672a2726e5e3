import type { Prisma } from '@prisma/client'
import { areaOf, certificationKeys, toUnixSeconds, type Segmenter } from './shared'

export const demandDocumentSelect = {
	id: true,
	title: true,
	description: true,
	quantityValue: true,
	quantityUnit: true,
	budgetMin: true,
	budgetMax: true,
	budgetUnit: true,
	requiredCertifications: true,
	deliveryRegionCode: true,
	deadline: true,
	status: true,
	source: true,
	hiddenAt: true,
	publishedAt: true,
	updatedAt: true,
	chainNodeId: true,
	cluster: { select: { slug: true, name: true } },
	chainNode: { select: { name: true, stage: true } },
	firm: { select: { id: true, name: true, regionCode: true, verificationStatus: true, isChainLeader: true } },
} satisfies Prisma.DemandSelect

export type DemandRow = Prisma.DemandGetPayload<{ select: typeof demandDocumentSelect }>

export function isDemandRowPublic(row: Pick<DemandRow, 'status' | 'hiddenAt' | 'firm'>) {
	return row.status === 'PUBLISHED' && !row.hiddenAt && row.firm.verificationStatus === 'VERIFIED'
}

export function buildDemandDocument(row: DemandRow, segment: Segmenter) {
	const regionCode = row.deliveryRegionCode ?? row.firm.regionCode
	return {
		id: row.id,
		title: row.title,
		description: row.description,
		requiredCertifications: row.requiredCertifications,
		certificationKeys: certificationKeys(row.requiredCertifications),
		firmId: row.firm.id,
		firmName: row.firm.name,
		isChainLeader: row.firm.isChainLeader,
		regionCode,
		area: areaOf(regionCode),
		clusterSlug: row.cluster?.slug ?? null,
		clusterName: row.cluster?.name ?? null,
		chainNodeId: row.chainNodeId,
		chainNodeName: row.chainNode?.name ?? null,
		chainStage: row.chainNode?.stage ?? null,
		quantityValue: row.quantityValue,
		quantityUnit: row.quantityUnit,
		budgetMin: row.budgetMin,
		budgetMax: row.budgetMax,
		budgetUnit: row.budgetUnit,
		source: row.source,
		deadline: toUnixSeconds(row.deadline),
		publishedAt: toUnixSeconds(row.publishedAt),
		updatedAt: toUnixSeconds(row.updatedAt),
		segmented: segment([row.title, row.chainNode?.name ?? '', row.description].join('\n')),
	}
}

export type DemandDocument = ReturnType<typeof buildDemandDocument>
