import type { Prisma } from '@prisma/client'
import { audit, type Actor } from '#app/modules/audit/audit.server'
import { FieldError, type RequestMeta } from '#app/modules/auth/auth.server'
import { DomainError } from '#app/modules/firms/firms.server'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma, type Tx } from '#app/utils/db.server'
import { enqueueSearchSync } from '#search/outbox/enqueue.server'
import { kickSearchOutbox } from '#search/outbox/kick.server'
import type { CapabilityInput } from './schemas'

/** Cluster and chain node must exist and agree; returns the cluster implied by the node. */
export async function resolveTaxonomy(db: Tx | typeof prisma, clusterId?: string, chainNodeId?: string) {
	if (chainNodeId) {
		const node = await db.chainNode.findUnique({ where: { id: chainNodeId }, select: { clusterId: true } })
		if (!node) throw new FieldError({ chainNodeId: ['err.invalidChoice'] })
		if (clusterId && node.clusterId !== clusterId) throw new FieldError({ chainNodeId: ['err.nodeOutsideCluster'] })
		return { clusterId: node.clusterId, chainNodeId }
	}
	if (clusterId) {
		const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true } })
		if (!cluster) throw new FieldError({ clusterId: ['err.invalidChoice'] })
	}
	return { clusterId: clusterId ?? null, chainNodeId: null }
}

export function capabilityData(input: CapabilityInput) {
	const certifications = [...new Set([...input.certifications, ...input.otherCertifications])].slice(0, 30)
	return {
		title: input.title,
		description: input.description,
		tags: input.tags,
		specs: input.specs as Prisma.InputJsonValue,
		certifications,
		capacityValue: input.capacityValue ?? null,
		capacityUnit: input.capacityUnit,
		capacityPeriod: input.capacityPeriod ?? null,
		moqValue: input.moqValue ?? null,
		moqUnit: input.moqUnit,
		leadTimeDays: input.leadTimeDays ?? null,
		priceMin: input.priceMin ?? null,
		priceMax: input.priceMax ?? null,
		priceUnit: input.priceUnit,
	}
}

/**
 * Links uploads to a listing in the given order; every upload must belong to the acting firm and
 * be of the right kind. Uploads no longer listed are detached (their files stay until cleanup).
 */
export async function attachUploads(
	tx: Tx,
	actor: FirmUser,
	target: { capabilityId: string } | { demandId: string },
	uploadIds: string[],
	kind: 'IMAGE' | 'ANY',
	field: string,
) {
	const unique = [...new Set(uploadIds)]
	const uploads = await tx.upload.findMany({ where: { id: { in: unique } }, select: { id: true, firmId: true, kind: true } })
	if (uploads.length !== unique.length || uploads.some((u) => u.firmId !== actor.firmId || (kind === 'IMAGE' && u.kind !== 'IMAGE'))) {
		throw new FieldError({ [field]: ['err.invalidUpload'] })
	}
	await tx.upload.updateMany({ where: { ...target, id: { notIn: unique } }, data: { capabilityId: null, demandId: null } })
	for (const [sortOrder, id] of unique.entries()) {
		await tx.upload.update({ where: { id }, data: { ...target, sortOrder } })
	}
}

export async function assertFirmOwnsCapability(actor: FirmUser, capabilityId: string, db: Tx | typeof prisma = prisma) {
	const capability = await db.capability.findUnique({ where: { id: capabilityId }, select: { id: true, firmId: true, status: true } })
	if (!capability || capability.firmId !== actor.firmId) throw new DomainError('not_found')
	return capability
}

function assertSupplier(actor: FirmUser) {
	if (actor.role !== 'SUPPLIER' || actor.firm.kind === 'BUYER') throw new DomainError('forbidden')
}

export async function createCapability(actor: FirmUser, input: CapabilityInput) {
	assertSupplier(actor)
	const created = await prisma.$transaction(async (tx) => {
		const taxonomy = await resolveTaxonomy(tx, input.clusterId, input.chainNodeId)
		const capability = await tx.capability.create({
			data: { ...capabilityData(input), ...taxonomy, firmId: actor.firmId, externalRef: input.externalRef || null },
			select: { id: true },
		})
		if (input.imageIds.length) await attachUploads(tx, actor, { capabilityId: capability.id }, input.imageIds, 'IMAGE', 'imageIds')
		await enqueueSearchSync(tx, 'capability', capability.id)
		return capability
	})
	kickSearchOutbox()
	return created
}

export async function updateCapability(actor: FirmUser, capabilityId: string, input: CapabilityInput) {
	assertSupplier(actor)
	await prisma.$transaction(async (tx) => {
		await assertFirmOwnsCapability(actor, capabilityId, tx)
		const taxonomy = await resolveTaxonomy(tx, input.clusterId, input.chainNodeId)
		await tx.capability.update({ where: { id: capabilityId }, data: { ...capabilityData(input), ...taxonomy } })
		await attachUploads(tx, actor, { capabilityId }, input.imageIds, 'IMAGE', 'imageIds')
		await enqueueSearchSync(tx, 'capability', capabilityId)
	})
	kickSearchOutbox()
}

export type CapabilityTransition = 'publish' | 'archive' | 'unpublish'

/** Only verified firms publish; archiving and returning to draft are always allowed. */
export async function transitionCapability(actor: FirmUser, capabilityId: string, transition: CapabilityTransition) {
	assertSupplier(actor)
	await prisma.$transaction(async (tx) => {
		const capability = await assertFirmOwnsCapability(actor, capabilityId, tx)
		if (transition === 'publish') {
			const firm = await tx.firm.findUniqueOrThrow({ where: { id: actor.firmId }, select: { verificationStatus: true } })
			if (firm.verificationStatus !== 'VERIFIED') throw new DomainError('forbidden', 'listing.publishNeedsVerification')
		}
		const status = transition === 'publish' ? 'PUBLISHED' : transition === 'archive' ? 'ARCHIVED' : 'DRAFT'
		await tx.capability.update({
			where: { id: capability.id },
			data: { status, ...(transition === 'publish' ? { publishedAt: new Date() } : {}) },
		})
		await enqueueSearchSync(tx, 'capability', capability.id)
	})
	kickSearchOutbox()
}

/** Bureau moderation: hidden items leave search at once; the owner sees the reason. */
export async function setCapabilityHidden(actor: Actor, capabilityId: string, hide: { reason: string } | null, meta: RequestMeta) {
	if (actor.role !== 'BUREAU' && actor.role !== 'ADMIN') throw new DomainError('forbidden')
	await prisma.$transaction(async (tx) => {
		const exists = await tx.capability.findUnique({ where: { id: capabilityId }, select: { id: true } })
		if (!exists) throw new DomainError('not_found')
		await tx.capability.update({
			where: { id: capabilityId },
			data: hide ? { hiddenAt: new Date(), hiddenReason: hide.reason, hiddenById: actor.id } : { hiddenAt: null, hiddenReason: '', hiddenById: null },
		})
		await audit(tx, {
			actor,
			action: hide ? 'capability.hide' : 'capability.unhide',
			targetType: 'Capability',
			targetId: capabilityId,
			ip: meta.ip,
			detail: hide ? { reason: hide.reason } : {},
		})
		await enqueueSearchSync(tx, 'capability', capabilityId)
	})
	kickSearchOutbox()
}

export const CAPABILITY_DETAIL_SELECT = {
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
	publishedAt: true,
	hiddenAt: true,
	hiddenReason: true,
	externalRef: true,
	updatedAt: true,
	clusterId: true,
	chainNodeId: true,
	cluster: { select: { id: true, slug: true, name: true } },
	chainNode: { select: { id: true, name: true, stage: true } },
	firm: { select: { id: true, name: true, regionCode: true, verificationStatus: true, isChainLeader: true } },
	images: { orderBy: { sortOrder: 'asc' }, select: { id: true, width: true, height: true, originalName: true } },
} satisfies Prisma.CapabilitySelect

export function isCapabilityPublic(c: { status: string; hiddenAt: Date | null; firm: { verificationStatus: string } }) {
	return c.status === 'PUBLISHED' && !c.hiddenAt && c.firm.verificationStatus === 'VERIFIED'
}

/**
 * A capability as `viewer` may see it: public items for everyone; drafts, archived and hidden
 * ones only for the owning firm and bureau staff. Null means "not found" for this viewer.
 */
export async function getCapabilityForViewer(capabilityId: string, viewer: { firmId: string | null; role: string } | null) {
	const capability = await prisma.capability.findUnique({ where: { id: capabilityId }, select: { ...CAPABILITY_DETAIL_SELECT, firmId: true } })
	if (!capability) return null
	const isOwner = !!viewer?.firmId && viewer.firmId === capability.firmId
	const isStaff = viewer?.role === 'BUREAU' || viewer?.role === 'ADMIN'
	if (!isCapabilityPublic(capability) && !isOwner && !isStaff) return null
	return { capability, isOwner, isStaff }
}

export async function listOwnCapabilities(actor: FirmUser) {
	return prisma.capability.findMany({
		where: { firmId: actor.firmId },
		orderBy: { updatedAt: 'desc' },
		select: { id: true, title: true, status: true, hiddenAt: true, hiddenReason: true, updatedAt: true, externalRef: true, cluster: { select: { name: true } } },
	})
}
