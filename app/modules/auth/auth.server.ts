import { Prisma, type Role } from '@prisma/client'
import type { z } from 'zod'
import { audit } from '#app/modules/audit/audit.server'
import { prisma } from '#app/utils/db.server'
import { isLocked, registerFailure } from './lockout'
import { hashPassword, verifyPassword } from './password.server'
import { passwordContextProblem } from './password-rules'
import type { RegisterSchema } from './schemas'
import { createSession } from './session.server'

export type RequestMeta = { ip?: string | null; userAgent?: string | null; replaceSessionId?: string | null }

export type LoginResult =
	{ ok: true; setCookie: string; role: Role } | { ok: false; reason: 'invalid' | 'locked' }

/**
 * Same answer and similar time whether or not the account exists; failures are counted per
 * login name so a lockout reveals nothing either.
 */
export async function login(email: string, password: string, meta: RequestMeta): Promise<LoginResult> {
	const key = email.trim().toLowerCase()
	const now = new Date()
	const throttle = await prisma.loginThrottle.findUnique({ where: { key } })
	const user = await prisma.user.findUnique({
		where: { email: key },
		select: { id: true, passwordHash: true, role: true, deletedAt: true },
	})
	if (isLocked(throttle, now)) {
		await verifyPassword(null, password)
		return { ok: false, reason: 'locked' }
	}
	const ok = await verifyPassword(user?.passwordHash, password)
	if (!ok || !user || user.deletedAt) {
		const next = registerFailure(throttle, now)
		await prisma.loginThrottle.upsert({
			where: { key },
			create: { key, ...next },
			update: next,
		})
		return { ok: false, reason: next.lockedUntil ? 'locked' : 'invalid' }
	}
	if (throttle) await prisma.loginThrottle.deleteMany({ where: { key } })
	const setCookie = await createSession(user.id, meta)
	return { ok: true, setCookie, role: user.role }
}

export type FieldErrors = Record<string, string[]>

export class FieldError extends Error {
	constructor(public fieldErrors: FieldErrors) {
		super('field errors')
	}
}

export function uniqueViolationTarget(error: unknown): string[] | null {
	if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
		const target = (error.meta?.target ??
			(error.meta as { driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } })
				?.driverAdapterError?.cause?.constraint?.fields) as string[] | string | undefined
		if (Array.isArray(target)) return target.map((t) => t.replace(/"/g, ''))
		if (typeof target === 'string') return [target]
		return []
	}
	return null
}

export async function registerFirm(input: z.output<typeof RegisterSchema>, meta: RequestMeta) {
	const [existingFirm, existingUser] = await Promise.all([
		prisma.firm.findUnique({ where: { uscc: input.uscc }, select: { id: true } }),
		prisma.user.findUnique({ where: { email: input.email }, select: { id: true } }),
	])
	const errors: FieldErrors = {}
	if (existingFirm) errors.uscc = ['err.usccTaken']
	if (existingUser) errors.email = ['err.emailTaken']
	if (Object.keys(errors).length) throw new FieldError(errors)

	const passwordHash = await hashPassword(input.password)
	let userId: string
	try {
		userId = await prisma.$transaction(async (tx) => {
			const firm = await tx.firm.create({
				data: {
					name: input.firmName,
					uscc: input.uscc,
					kind: input.kind,
					regionCode: input.regionCode,
					contactName: input.contactName,
					contactPhone: input.contactPhone,
					contactEmail: input.email,
				},
			})
			const user = await tx.user.create({
				data: { email: input.email, name: input.name, passwordHash, role: input.kind, firmId: firm.id },
			})
			await audit(tx, {
				actor: { id: user.id, role: user.role },
				action: 'firm.register',
				targetType: 'Firm',
				targetId: firm.id,
				ip: meta.ip,
			})
			return user.id
		})
	} catch (error) {
		const target = uniqueViolationTarget(error)
		if (target) {
			throw new FieldError(
				target.includes('email') ? { email: ['err.emailTaken'] } : { uscc: ['err.usccTaken'] },
			)
		}
		throw error
	}
	return createSession(userId, meta)
}

/**
 * Changes the password after checking the current one; every other session of the user is
 * revoked and the browser gets a fresh one (rotation). Throws FieldError with i18n keys.
 */
export async function changePassword(
	userId: string,
	input: { currentPassword: string; password: string },
	meta: RequestMeta,
): Promise<string> {
	const user = await prisma.user.findUniqueOrThrow({
		where: { id: userId },
		select: { id: true, email: true, role: true, passwordHash: true },
	})
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
		throw new FieldError({ currentPassword: ['err.passwordCurrent'] })
	}
	const problem = passwordContextProblem(input.password, user.email)
	if (problem) throw new FieldError({ password: [problem] })
	const passwordHash = await hashPassword(input.password)
	await prisma.$transaction(async (tx) => {
		await tx.user.update({ where: { id: user.id }, data: { passwordHash } })
		await tx.session.deleteMany({ where: { userId: user.id } })
		await audit(tx, {
			actor: { id: user.id, role: user.role },
			action: 'user.password.change',
			targetType: 'User',
			targetId: user.id,
			ip: meta.ip,
		})
	})
	return createSession(user.id, { ...meta, replaceSessionId: null })
}

/**
 * The one way a user's role or firm changes: the change is audited and every session of the user
 * is revoked, so the next request signs in again with the new rights (等保: rotation on role change).
 */
export async function changeUserRole(
	userId: string,
	change: { role?: Role; firmId?: string | null },
	actor: { id: string; role: Role } | null,
	meta: { ip?: string | null; via?: string } = {},
) {
	const before = await prisma.user.findUniqueOrThrow({
		where: { id: userId },
		select: { role: true, firmId: true },
	})
	await prisma.$transaction(async (tx) => {
		await tx.user.update({ where: { id: userId }, data: change })
		await tx.session.deleteMany({ where: { userId } })
		await audit(tx, {
			actor,
			action: 'user.role.change',
			targetType: 'User',
			targetId: userId,
			ip: meta.ip,
			detail: {
				from: { role: before.role, firmId: before.firmId },
				to: {
					role: change.role ?? before.role,
					firmId: change.firmId === undefined ? before.firmId : change.firmId,
				},
				...(meta.via ? { via: meta.via } : {}),
			},
		})
	})
}
