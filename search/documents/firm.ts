import type { Prisma } from '@prisma/client'
import { areaOf, certificationKeys, toUnixSeconds, type Segmenter } from './shared'

export const firmDocumentSelect = {
	id: true,
	name: true,
	kind: true,
	regionCode: true,
	description: true,
	certifications: true,
	isChainLeader: true,
	verificationStatus: true,
	updatedAt: true,
	clusters: { select: { slug: true, name: true } },
	chainNodes: { select: { name: true } },
} satisfies Prisma.FirmSelect

export type FirmRow = Prisma.FirmGetPayload<{ select: typeof firmDocumentSelect }>

export function isFirmRowPublic(row: Pick<FirmRow, 'verificationStatus'>) {
	return row.verificationStatus === 'VERIFIED'
}

/** Contact person and phone are never indexed. */
export function buildFirmDocument(row: FirmRow, segment: Segmenter) {
	return {
		id: row.id,
		name: row.name,
		kind: row.kind,
		regionCode: row.regionCode,
		area: areaOf(row.regionCode),
		description: row.description,
		certifications: row.certifications,
		certificationKeys: certificationKeys(row.certifications),
		isChainLeader: row.isChainLeader,
		clusterSlugs: row.clusters.map((c) => c.slug),
		clusterNames: row.clusters.map((c) => c.name),
		chainNodeNames: row.chainNodes.map((n) => n.name),
		updatedAt: toUnixSeconds(row.updatedAt),
		segmented: segment([row.name, row.description].join('\n')),
	}
}

export type FirmDocument = ReturnType<typeof buildFirmDocument>
