import type { Prisma } from '@prisma/client'
import { audit, type Actor } from '#app/modules/audit/audit.server'
import type { RequestMeta } from '#app/modules/auth/auth.server'
import { DomainError } from '#app/modules/firms/firms.server'
import { attachUploads, resolveTaxonomy } from '#app/modules/listings/listings.server'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma, type Tx } from '#app/utils/db.server'
import { enqueueSearchSync } from '#search/outbox/enqueue.server'
import { kickSearchOutbox } from '#search/outbox/kick.server'
import type { DemandInput } from './schemas'

export function demandData(input: DemandInput) {
	return {
		title: input.title,
		description: input.description,
		quantityValue: input.quantityValue ?? null,
		quantityUnit: input.quantityUnit,
		budgetMin: input.budgetMin ?? null,
		budgetMax: input.budgetMax ?? null,
		budgetUnit: input.budgetUnit,
		requiredCertifications: [...new Set([...input.requiredCertifications, ...input.otherCertifications])].slice(0, 30),
		deliveryRegionCode: input.deliveryRegionCode ?? null,
		deadline: input.deadline ?? null,
	}
}

export async function assertFirmOwnsDemand(actor: FirmUser, demandId: string, db: Tx | typeof prisma = prisma) {
	const demand = await db.demand.findUnique({ where: { id: demandId }, select: { id: true, firmId: true, status: true } })
	if (!demand || demand.firmId !== actor.firmId) throw new DomainError('not_found')
	return demand
}

function assertBuyer(actor: FirmUser) {
	if (actor.role !== 'BUYER' || actor.firm.kind === 'SUPPLIER') throw new DomainError('forbidden')
}

export async function createDemand(actor: FirmUser, input: DemandInput, source: 'MANUAL' | 'IMPORT' | 'CHAIN_LEADER_LIST' = 'MANUAL') {
	assertBuyer(actor)
	const created = await prisma.$transaction(async (tx) => {
		const taxonomy = await resolveTaxonomy(tx, input.clusterId, input.chainNodeId)
		const demand = await tx.demand.create({
			data: { ...demandData(input), ...taxonomy, firmId: actor.firmId, source, externalRef: input.externalRef || null },
			select: { id: true },
		})
		if (input.attachmentIds.length) await attachUploads(tx, actor, { demandId: demand.id }, input.attachmentIds, 'ANY', 'attachmentIds')
		await enqueueSearchSync(tx, 'demand', demand.id)
		return demand
	})
	kickSearchOutbox()
	return created
}

export async function updateDemand(actor: FirmUser, demandId: string, input: DemandInput) {
	assertBuyer(actor)
	await prisma.$transaction(async (tx) => {
		await assertFirmOwnsDemand(actor, demandId, tx)
		const taxonomy = await resolveTaxonomy(tx, input.clusterId, input.chainNodeId)
		await tx.demand.update({ where: { id: demandId }, data: { ...demandData(input), ...taxonomy } })
		await attachUploads(tx, actor, { demandId }, input.attachmentIds, 'ANY', 'attachmentIds')
		await enqueueSearchSync(tx, 'demand', demandId)
	})
	kickSearchOutbox()
}

export type DemandTransition = 'publish' | 'close' | 'unpublish'

export async function transitionDemand(actor: FirmUser, demandId: string, transition: DemandTransition) {
	assertBuyer(actor)
	await prisma.$transaction(async (tx) => {
		const demand = await assertFirmOwnsDemand(actor, demandId, tx)
		if (transition === 'publish') {
			const firm = await tx.firm.findUniqueOrThrow({ where: { id: actor.firmId }, select: { verificationStatus: true } })
			if (firm.verificationStatus !== 'VERIFIED') throw new DomainError('forbidden', 'listing.publishNeedsVerification')
		}
		const now = new Date()
		await tx.demand.update({
			where: { id: demand.id },
			data:
				transition === 'publish'
					? { status: 'PUBLISHED', publishedAt: now, closedAt: null }
					: transition === 'close'
						? { status: 'CLOSED', closedAt: now }
						: { status: 'DRAFT', closedAt: null },
		})
		await enqueueSearchSync(tx, 'demand', demand.id)
	})
	kickSearchOutbox()
}

export async function setDemandHidden(actor: Actor, demandId: string, hide: { reason: string } | null, meta: RequestMeta) {
	if (actor.role !== 'BUREAU' && actor.role !== 'ADMIN') throw new DomainError('forbidden')
	await prisma.$transaction(async (tx) => {
		const exists = await tx.demand.findUnique({ where: { id: demandId }, select: { id: true } })
		if (!exists) throw new DomainError('not_found')
		await tx.demand.update({
			where: { id: demandId },
			data: hide ? { hiddenAt: new Date(), hiddenReason: hide.reason, hiddenById: actor.id } : { hiddenAt: null, hiddenReason: '', hiddenById: null },
		})
		await audit(tx, {
			actor,
			action: hide ? 'demand.hide' : 'demand.unhide',
			targetType: 'Demand',
			targetId: demandId,
			ip: meta.ip,
			detail: hide ? { reason: hide.reason } : {},
		})
		await enqueueSearchSync(tx, 'demand', demandId)
	})
	kickSearchOutbox()
}

export const DEMAND_DETAIL_SELECT = {
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
	publishedAt: true,
	closedAt: true,
	hiddenAt: true,
	hiddenReason: true,
	externalRef: true,
	updatedAt: true,
	clusterId: true,
	chainNodeId: true,
	cluster: { select: { id: true, slug: true, name: true } },
	chainNode: { select: { id: true, name: true, stage: true } },
	firm: { select: { id: true, name: true, regionCode: true, verificationStatus: true, isChainLeader: true } },
	attachments: { orderBy: { sortOrder: 'asc' }, select: { id: true, originalName: true, bytes: true, kind: true } },
} satisfies Prisma.DemandSelect

export function isDemandPublic(d: { status: string; hiddenAt: Date | null; firm: { verificationStatus: string } }) {
	return d.status === 'PUBLISHED' && !d.hiddenAt && d.firm.verificationStatus === 'VERIFIED'
}

export async function getDemandForViewer(demandId: string, viewer: { firmId: string | null; role: string } | null) {
	const demand = await prisma.demand.findUnique({ where: { id: demandId }, select: { ...DEMAND_DETAIL_SELECT, firmId: true } })
	if (!demand) return null
	const isOwner = !!viewer?.firmId && viewer.firmId === demand.firmId
	const isStaff = viewer?.role === 'BUREAU' || viewer?.role === 'ADMIN'
	if (!isDemandPublic(demand) && !isOwner && !isStaff) return null
	return { demand, isOwner, isStaff }
}

export async function listOwnDemands(actor: FirmUser) {
	return prisma.demand.findMany({
		where: { firmId: actor.firmId },
		orderBy: { updatedAt: 'desc' },
		select: { id: true, title: true, status: true, source: true, hiddenAt: true, hiddenReason: true, updatedAt: true, deadline: true, externalRef: true, cluster: { select: { name: true } } },
	})
}
