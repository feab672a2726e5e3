import type { Prisma } from '@prisma/client'
import { areaOf, certificationKeys, toUnixSeconds, type Segmenter } from './shared'

const PUBLIC_LISTING = { status: 'PUBLISHED', hiddenAt: null } as const

export const registrationDocumentSelect = {
	id: true,
	eventId: true,
	side: true,
	status: true,
	pitch: true,
	capabilityIds: true,
	demandIds: true,
	createdAt: true,
	updatedAt: true,
	event: { select: { status: true } },
	firm: {
		select: {
			id: true,
			name: true,
			kind: true,
			regionCode: true,
			isChainLeader: true,
			verificationStatus: true,
			certifications: true,
			clusters: { select: { slug: true, name: true } },
			chainNodes: { select: { name: true } },
			// Only published, visible listings: a draft's title never reaches the catalogue.
			capabilities: { where: PUBLIC_LISTING, select: { id: true, title: true } },
			demands: { where: PUBLIC_LISTING, select: { id: true, title: true } },
		},
	},
} satisfies Prisma.EventRegistrationSelect

export type RegistrationRow = Prisma.EventRegistrationGetPayload<{
	select: typeof registrationDocumentSelect
}>

/** The same rule as a Prisma filter, for counting and walking the public rows. */
export const PUBLIC_REGISTRATION = {
	status: 'APPROVED',
	event: { status: { notIn: ['DRAFT', 'CANCELLED'] } },
	firm: { verificationStatus: 'VERIFIED' },
} satisfies Prisma.EventRegistrationWhereInput

/** Only approved registrations of published (or closed) events by verified firms are in the catalogue. */
export function isRegistrationRowPublic(row: {
	status: RegistrationRow['status']
	event: { status: RegistrationRow['event']['status'] }
	firm: { verificationStatus: RegistrationRow['firm']['verificationStatus'] }
}) {
	return (
		row.status === 'APPROVED' &&
		row.event.status !== 'DRAFT' &&
		row.event.status !== 'CANCELLED' &&
		row.firm.verificationStatus === 'VERIFIED'
	)
}

/** The listings the firm shows at the event, in the order it chose them, public ones only. */
function shownListings(ids: string[], listings: Array<{ id: string; title: string }>) {
	const byId = new Map(listings.map((l) => [l.id, l]))
	return [...new Set(ids)].flatMap((id) => {
		const listing = byId.get(id)
		return listing ? [listing] : []
	})
}

/** Contact names and phones are never indexed (the firm select does not even load them). */
export function buildRegistrationDocument(row: RegistrationRow, segment: Segmenter) {
	const capabilities = shownListings(row.capabilityIds, row.firm.capabilities)
	const demands = shownListings(row.demandIds, row.firm.demands)
	const listings = [
		...capabilities.map((c) => ({ kind: 'capability' as const, id: c.id, title: c.title })),
		...demands.map((d) => ({ kind: 'demand' as const, id: d.id, title: d.title })),
	]
	const clusterNames = row.firm.clusters.map((c) => c.name)
	const chainNodeNames = row.firm.chainNodes.map((n) => n.name)
	return {
		id: row.id,
		eventId: row.eventId,
		side: row.side,
		firmId: row.firm.id,
		firmName: row.firm.name,
		firmKind: row.firm.kind,
		regionCode: row.firm.regionCode,
		area: areaOf(row.firm.regionCode),
		isChainLeader: row.firm.isChainLeader,
		clusterSlugs: row.firm.clusters.map((c) => c.slug),
		clusterNames,
		chainNodeNames,
		certifications: row.firm.certifications,
		certificationKeys: certificationKeys(row.firm.certifications),
		pitch: row.pitch,
		listings,
		listingTitles: listings.map((l) => l.title),
		registeredAt: toUnixSeconds(row.createdAt),
		updatedAt: toUnixSeconds(row.updatedAt),
		segmented: segment(
			[row.firm.name, row.pitch, ...listings.map((l) => l.title), ...chainNodeNames, ...clusterNames].join(
				'\n',
			),
		),
	}
}

export type RegistrationDocument = ReturnType<typeof buildRegistrationDocument>
