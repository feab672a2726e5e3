import { randomBytes } from 'node:crypto'
import { audit } from '#app/modules/audit/audit.server'
import { FieldError, type RequestMeta } from '#app/modules/auth/auth.server'
import { hashPassword, verifyPassword } from '#app/modules/auth/password.server'
import { prisma } from '#app/utils/db.server'

/** What a closed account's name becomes; the firm's records that mention the user keep the row. */
export const DELETED_USER_NAME = '已注销用户'

const OPEN_DOCKING = ['PENDING', 'ACTIVE'] as const

/**
 * Everything personal the platform holds about one user (PIPL art. 45): profile, sessions,
 * contact consents, messages they wrote, notifications, and audit entries by or about them.
 * The export itself is audited.
 */
export async function exportPersonalData(userId: string, meta: RequestMeta) {
	const user = await prisma.user.findUniqueOrThrow({
		where: { id: userId },
		select: {
			id: true,
			email: true,
			phone: true,
			name: true,
			role: true,
			locale: true,
			lastLoginAt: true,
			createdAt: true,
			updatedAt: true,
			firm: { select: { id: true, name: true } },
		},
	})
	const [
		sessions,
		consents,
		messages,
		notifications,
		auditEntries,
		uploads,
		matchFeedback,
		dockingMemberships,
	] = await Promise.all([
		prisma.session.findMany({
			where: { userId },
			select: { createdAt: true, lastSeenAt: true, expiresAt: true, ip: true, userAgent: true },
			orderBy: { createdAt: 'desc' },
		}),
		prisma.contactConsent.findMany({
			where: { userId },
			select: { sessionId: true, firmId: true, textVersion: true, ip: true, grantedAt: true },
		}),
		prisma.message.findMany({
			where: { senderId: userId },
			select: { sessionId: true, seq: true, kind: true, body: true, createdAt: true },
			orderBy: [{ sessionId: 'asc' }, { seq: 'asc' }],
		}),
		prisma.notification.findMany({
			where: { userId },
			select: { kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
			orderBy: { createdAt: 'desc' },
		}),
		prisma.auditLog.findMany({
			where: { OR: [{ actorId: userId }, { targetType: 'User', targetId: userId }] },
			select: { action: true, targetType: true, targetId: true, ip: true, createdAt: true, actorId: true },
			orderBy: { createdAt: 'desc' },
		}),
		prisma.upload.findMany({
			where: { uploaderId: userId },
			select: { id: true, kind: true, mime: true, bytes: true, originalName: true, createdAt: true },
		}),
		prisma.matchFeedback.findMany({ where: { userId }, select: { action: true, createdAt: true } }),
		prisma.dockingMember.findMany({
			where: { userId },
			select: { sessionId: true, side: true, joinedAt: true },
		}),
	])
	await prisma.$transaction((tx) =>
		audit(tx, {
			actor: { id: user.id, role: user.role },
			action: 'user.data.export',
			targetType: 'User',
			targetId: user.id,
			ip: meta.ip,
		}),
	)
	return {
		exportedAt: new Date().toISOString(),
		profile: user,
		sessions,
		contactConsents: consents,
		messages,
		notifications,
		auditEntries: auditEntries.map(({ actorId, ...e }) => ({ ...e, byMe: actorId === userId })),
		uploads,
		matchFeedback,
		dockingMemberships,
	}
}

/**
 * Closes the account (PIPL art. 47): name becomes 已注销用户, email and phone are freed, the
 * password becomes unusable, sessions end and the user's contact consents are withdrawn. Business
 * records (listings, dockings, messages) stay with the firm. Refused for staff, and for the last
 * member of a firm that still has open dockings (someone must answer them).
 */
export async function deleteAccount(userId: string, currentPassword: string, meta: RequestMeta) {
	const user = await prisma.user.findUniqueOrThrow({
		where: { id: userId },
		select: { id: true, role: true, passwordHash: true, firmId: true, deletedAt: true },
	})
	if (!(await verifyPassword(user.passwordHash, currentPassword))) {
		throw new FieldError({ currentPassword: ['err.passwordCurrent'] })
	}
	if (user.role !== 'SUPPLIER' && user.role !== 'BUYER')
		throw new FieldError({ '': ['account.delete.staff'] })
	if (user.firmId) {
		const firmId = user.firmId
		const [others, open] = await Promise.all([
			prisma.user.count({ where: { firmId, id: { not: user.id }, deletedAt: null } }),
			prisma.dockingSession.count({
				where: {
					status: { in: [...OPEN_DOCKING] },
					OR: [{ buyerFirmId: firmId }, { supplierFirmId: firmId }],
				},
			}),
		])
		if (others === 0 && open > 0) throw new FieldError({ '': ['account.delete.lastMember'] })
	}
	// A hash of random bytes nobody knows: the password can never match again.
	const unusable = await hashPassword(randomBytes(32).toString('base64url'))
	await prisma.$transaction(async (tx) => {
		const withdrawn = await tx.contactConsent.deleteMany({ where: { userId } })
		await tx.session.deleteMany({ where: { userId } })
		await tx.notification.deleteMany({ where: { userId } })
		await tx.invitation.deleteMany({ where: { invitedById: userId, acceptedAt: null } })
		await tx.user.update({
			where: { id: userId },
			data: {
				name: DELETED_USER_NAME,
				email: `deleted-${userId}@deleted.invalid`,
				phone: null,
				passwordHash: unusable,
				deletedAt: new Date(),
			},
		})
		await audit(tx, {
			actor: { id: userId, role: user.role },
			action: 'user.delete',
			targetType: 'User',
			targetId: userId,
			ip: meta.ip,
			detail: { consentsWithdrawn: withdrawn.count },
		})
	})
}
