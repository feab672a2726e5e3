import { createHash, randomBytes } from 'node:crypto'
import type { Prisma } from '@prisma/client'
import type { z } from 'zod'
import { audit, type Actor } from '#app/modules/audit/audit.server'
import { FieldError, type RequestMeta } from '#app/modules/auth/auth.server'
import { INVITATION_TTL_MS } from '#app/modules/auth/constants'
import { hashPassword } from '#app/modules/auth/password.server'
import { passwordContextProblem } from '#app/modules/auth/password-rules'
import { createSession } from '#app/modules/auth/session.server'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { queueMail } from '#app/modules/mail/mail.server'
import { enqueueSearchSync } from '#search/outbox/enqueue.server'
import { kickSearchOutbox } from '#search/outbox/kick.server'
import { maskEmail, maskName, maskPhone } from './mask'
import type { FirmProfileSchema } from './schemas'

export class DomainError extends Error {
	constructor(
		public code: 'not_found' | 'forbidden' | 'conflict' | 'expired',
		message: string = code,
	) {
		super(message)
	}
}

const CLUSTER_CACHE_MS = 30_000
let clusterCache: { at: number; value: ReturnType<typeof loadClusters> } | null = null

/** The cluster tree changes rarely (seed, bureau edits); pages read it on every request. */
export function listClusters() {
	if (!clusterCache || Date.now() - clusterCache.at > CLUSTER_CACHE_MS) {
		const value = loadClusters()
		clusterCache = { at: Date.now(), value }
		value.catch(() => {
			clusterCache = null
		})
	}
	return clusterCache.value
}

function loadClusters() {
	return prisma.cluster.findMany({
		orderBy: { sortOrder: 'asc' },
		select: {
			id: true,
			slug: true,
			name: true,
			nameEn: true,
			summary: true,
			chainNodes: {
				orderBy: [{ stage: 'asc' }, { sortOrder: 'asc' }],
				select: { id: true, name: true, stage: true, parentId: true },
			},
			_count: { select: { firms: { where: { verificationStatus: 'VERIFIED' } } } },
		},
	})
}

export async function getOwnFirm(actor: FirmUser) {
	const firm = await prisma.firm.findUnique({
		where: { id: actor.firmId },
		include: {
			clusters: { select: { id: true, name: true } },
			chainNodes: { select: { id: true, name: true, clusterId: true } },
			verifiedBy: { select: { name: true } },
		},
	})
	if (!firm) throw new DomainError('not_found')
	return firm
}

/** Name changes on a verified firm send it back to review; USCC is fixed at registration. */
export async function updateFirmProfile(actor: FirmUser, input: z.output<typeof FirmProfileSchema>, meta: RequestMeta) {
	const firm = await prisma.firm.findUnique({ where: { id: actor.firmId }, select: { name: true, verificationStatus: true } })
	if (!firm) throw new DomainError('not_found')

	const nodes = await prisma.chainNode.findMany({
		where: { id: { in: input.chainNodeIds } },
		select: { id: true, clusterId: true },
	})
	const clusters = await prisma.cluster.findMany({ where: { id: { in: input.clusterIds } }, select: { id: true } })
	if (clusters.length !== new Set(input.clusterIds).size) throw new FieldError({ clusterIds: ['err.invalidChoice'] })
	if (nodes.length !== new Set(input.chainNodeIds).size || nodes.some((n) => !input.clusterIds.includes(n.clusterId))) {
		throw new FieldError({ chainNodeIds: ['err.nodeOutsideCluster'] })
	}
	const extra = input.otherCertifications
		.split(/[,，、;；\n]/)
		.map((s) => s.trim())
		.filter(Boolean)
	if (extra.some((c) => c.length > 40)) throw new FieldError({ otherCertifications: ['err.certTooLong'] })
	const certifications = [...new Set([...input.certifications, ...extra])].slice(0, 30)

	const resubmit = firm.verificationStatus === 'REJECTED' || (firm.verificationStatus === 'VERIFIED' && firm.name !== input.name)
	const data: Prisma.FirmUpdateInput = {
		name: input.name,
		regionCode: input.regionCode,
		address: input.address,
		description: input.description,
		website: input.website,
		contactName: input.contactName,
		contactPhone: input.contactPhone,
		contactEmail: input.contactEmail,
		certifications,
		clusters: { set: input.clusterIds.map((id) => ({ id })) },
		chainNodes: { set: input.chainNodeIds.map((id) => ({ id })) },
		...(resubmit
			? { verificationStatus: 'PENDING', submittedAt: new Date(), verificationNote: '', verifiedAt: null, verifiedBy: { disconnect: true } }
			: {}),
	}
	await prisma.$transaction(async (tx) => {
		await tx.firm.update({ where: { id: actor.firmId }, data })
		await audit(tx, {
			actor: { id: actor.id, role: actor.role },
			action: resubmit ? 'firm.resubmit' : 'firm.update',
			targetType: 'Firm',
			targetId: actor.firmId,
			ip: meta.ip,
		})
		await enqueueSearchSync(tx, 'firm', actor.firmId)
	})
	kickSearchOutbox()
	return { resubmitted: resubmit }
}

export async function listVerificationQueue(status: 'PENDING' | 'VERIFIED' | 'REJECTED' = 'PENDING') {
	return prisma.firm.findMany({
		where: { verificationStatus: status },
		orderBy: status === 'PENDING' ? { submittedAt: 'asc' } : { updatedAt: 'desc' },
		take: 200,
		select: {
			id: true,
			name: true,
			uscc: true,
			kind: true,
			regionCode: true,
			contactName: true,
			contactPhone: true,
			submittedAt: true,
			verificationNote: true,
			verifiedAt: true,
			verifiedBy: { select: { name: true } },
			clusters: { select: { name: true } },
		},
	})
}

export async function decideVerification(
	actor: Actor,
	decision: { firmId: string; approve: true } | { firmId: string; approve: false; reason: string },
	meta: RequestMeta,
) {
	if (actor.role !== 'BUREAU' && actor.role !== 'ADMIN') throw new DomainError('forbidden')
	await prisma.$transaction(async (tx) => {
		const firm = await tx.firm.findUnique({
			where: { id: decision.firmId },
			select: { id: true, name: true, verificationStatus: true, users: { select: { email: true } } },
		})
		if (!firm) throw new DomainError('not_found')
		const now = new Date()
		await tx.firm.update({
			where: { id: firm.id },
			data: decision.approve
				? { verificationStatus: 'VERIFIED', verificationNote: '', verifiedAt: now, verifiedById: actor.id }
				: { verificationStatus: 'REJECTED', verificationNote: decision.reason, verifiedAt: null, verifiedById: actor.id },
		})
		await audit(tx, {
			actor,
			action: decision.approve ? 'firm.verify.approve' : 'firm.verify.reject',
			targetType: 'Firm',
			targetId: firm.id,
			ip: meta.ip,
			detail: decision.approve ? { from: firm.verificationStatus } : { from: firm.verificationStatus, reason: decision.reason },
		})
		await queueMail(tx, {
			to: firm.users.map((u) => u.email),
			subject: decision.approve ? `【产业链供需对接平台】${firm.name} 已通过认证` : `【产业链供需对接平台】${firm.name} 认证未通过`,
			text: decision.approve
				? `您的企业 ${firm.name} 已通过主管部门认证，现在可以发布能力和需求。`
				: `您的企业 ${firm.name} 认证未通过，原因：${decision.reason}\n请修改企业资料后重新提交。`,
		})
		await enqueueSearchSync(tx, 'firm', firm.id)
	})
	kickSearchOutbox()
}

export async function listFirmMembers(actor: FirmUser) {
	const [members, invitations] = await Promise.all([
		prisma.user.findMany({
			where: { firmId: actor.firmId },
			orderBy: { createdAt: 'asc' },
			select: { id: true, name: true, email: true, role: true, lastLoginAt: true },
		}),
		prisma.invitation.findMany({
			where: { firmId: actor.firmId, acceptedAt: null, expiresAt: { gt: new Date() } },
			orderBy: { createdAt: 'desc' },
			select: { id: true, email: true, expiresAt: true, invitedBy: { select: { name: true } } },
		}),
	])
	return { members, invitations }
}

function tokenHash(token: string) {
	return createHash('sha256').update(token).digest('hex')
}

/** Returns the invitation link path; the token itself is only ever in the mail. */
export async function inviteColleague(actor: FirmUser, email: string, meta: RequestMeta & { origin: string }) {
	const existing = await prisma.user.findUnique({ where: { email }, select: { firmId: true } })
	if (existing) throw new FieldError({ email: [existing.firmId === actor.firmId ? 'err.alreadyMember' : 'err.emailTaken'] })
	const token = randomBytes(24).toString('base64url')
	const path = `/invite/${token}`
	await prisma.$transaction(async (tx) => {
		await tx.invitation.updateMany({
			where: { firmId: actor.firmId, email, acceptedAt: null },
			data: { expiresAt: new Date() },
		})
		const invitation = await tx.invitation.create({
			data: {
				firmId: actor.firmId,
				email,
				tokenHash: tokenHash(token),
				invitedById: actor.id,
				expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
			},
		})
		await audit(tx, {
			actor: { id: actor.id, role: actor.role },
			action: 'firm.invite',
			targetType: 'Invitation',
			targetId: invitation.id,
			ip: meta.ip,
			detail: { email: maskEmail(email) },
		})
		await queueMail(tx, {
			to: email,
			subject: `【产业链供需对接平台】${actor.name} 邀请您加入 ${actor.firm.name}`,
			text: `${actor.name} 邀请您作为同事加入 ${actor.firm.name}。\n请在 7 天内打开以下链接设置姓名和密码：\n${meta.origin}${path}`,
		})
	})
	return path
}

export async function getInvitation(token: string) {
	const invitation = await prisma.invitation.findUnique({
		where: { tokenHash: tokenHash(token) },
		select: { id: true, email: true, expiresAt: true, acceptedAt: true, firm: { select: { id: true, name: true, kind: true } } },
	})
	if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() < Date.now()) return null
	return invitation
}

export async function acceptInvitation(token: string, input: { name: string; password: string }, meta: RequestMeta) {
	const invitation = await getInvitation(token)
	if (!invitation) throw new DomainError('expired')
	const problem = passwordContextProblem(input.password, invitation.email)
	if (problem) throw new FieldError({ password: [problem] })
	const passwordHash = await hashPassword(input.password)
	const role = invitation.firm.kind === 'BUYER' ? 'BUYER' : 'SUPPLIER'
	const userId = await prisma.$transaction(async (tx) => {
		const claimed = await tx.invitation.updateMany({
			where: { id: invitation.id, acceptedAt: null },
			data: { acceptedAt: new Date() },
		})
		if (claimed.count !== 1) throw new DomainError('expired')
		if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
			throw new FieldError({ name: ['err.emailTaken'] })
		}
		const user = await tx.user.create({
			data: { email: invitation.email, name: input.name, passwordHash, role, firmId: invitation.firm.id },
		})
		await audit(tx, {
			actor: { id: user.id, role },
			action: 'firm.invite.accept',
			targetType: 'Invitation',
			targetId: invitation.id,
			ip: meta.ip,
		})
		return user.id
	})
	return createSession(userId, meta)
}

const PUBLIC_FIRM_SELECT = {
	id: true,
	name: true,
	kind: true,
	regionCode: true,
	description: true,
	website: true,
	certifications: true,
	isChainLeader: true,
	verificationStatus: true,
	verifiedAt: true,
	contactName: true,
	contactPhone: true,
	clusters: { select: { id: true, slug: true, name: true } },
	chainNodes: { select: { id: true, name: true, stage: true } },
} satisfies Prisma.FirmSelect

/**
 * A firm as anyone may see it: contact person and phone masked (PIPL) until a later docking
 * acceptance reveals them to the counterpart.
 */
export async function getPublicFirm(firmId: string) {
	const firm = await prisma.firm.findUnique({ where: { id: firmId }, select: PUBLIC_FIRM_SELECT })
	if (!firm) return null
	const { contactName, contactPhone, ...rest } = firm
	return { ...rest, contactNameMasked: maskName(contactName), contactPhoneMasked: maskPhone(contactPhone) }
}

export async function listPublicFirms(filter: { clusterSlug?: string; regionCode?: string; kind?: 'SUPPLIER' | 'BUYER' }) {
	const firms = await prisma.firm.findMany({
		where: {
			verificationStatus: 'VERIFIED',
			...(filter.kind ? { kind: filter.kind } : {}),
			...(filter.regionCode ? { regionCode: filter.regionCode } : {}),
			...(filter.clusterSlug ? { clusters: { some: { slug: filter.clusterSlug } } } : {}),
		},
		orderBy: [{ isChainLeader: 'desc' }, { name: 'asc' }],
		take: 200,
		select: {
			id: true,
			name: true,
			kind: true,
			regionCode: true,
			isChainLeader: true,
			description: true,
			clusters: { select: { slug: true, name: true } },
		},
	})
	return firms
}
