import { createHash, randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import type { Role } from '@prisma/client'
import { prisma } from '#app/utils/db.server'
import { ABSOLUTE_SESSION_MS, IDLE_TIMEOUT_MS, SESSION_COOKIE, SESSION_TOUCH_MS } from './constants'

const isProduction = process.env.NODE_ENV === 'production'

// The cookie carries a random token; the database keeps only its hash, so a leaked table is useless.
export const sessionCookie = createCookie(SESSION_COOKIE, {
	httpOnly: true,
	sameSite: 'lax',
	secure: isProduction,
	path: '/',
})

export function hashToken(token: string) {
	return createHash('sha256').update(token).digest('hex')
}

export type SessionUser = {
	sessionId: string
	id: string
	email: string
	name: string
	role: Role
	locale: string
	firmId: string | null
	firm: {
		id: string
		name: string
		kind: 'SUPPLIER' | 'BUYER' | 'BOTH'
		verificationStatus: 'PENDING' | 'VERIFIED' | 'REJECTED'
	} | null
}

export async function createSession(
	userId: string,
	meta: { ip?: string | null; userAgent?: string | null; replaceSessionId?: string | null },
): Promise<string> {
	const token = randomBytes(32).toString('base64url')
	const now = Date.now()
	await prisma.$transaction(async (tx) => {
		// Rotation: a fresh token on every login, the previous one in this browser revoked.
		if (meta.replaceSessionId) await tx.session.deleteMany({ where: { id: meta.replaceSessionId } })
		await tx.session.create({
			data: {
				id: hashToken(token),
				userId,
				lastSeenAt: new Date(now),
				expiresAt: new Date(now + ABSOLUTE_SESSION_MS),
				ip: meta.ip?.slice(0, 64) ?? null,
				userAgent: meta.userAgent?.slice(0, 256) ?? null,
			},
		})
		await tx.user.update({ where: { id: userId }, data: { lastLoginAt: new Date(now) } })
	})
	return sessionCookie.serialize(token, { maxAge: ABSOLUTE_SESSION_MS / 1000 })
}

export async function readSessionToken(cookieHeader: string | null | undefined): Promise<string | null> {
	if (!cookieHeader) return null
	const value = (await sessionCookie.parse(cookieHeader)) as unknown
	return typeof value === 'string' && value.length >= 32 && value.length <= 64 ? value : null
}

/**
 * Resolves the cookie to a live session, enforcing the idle timeout for the user's role and the
 * absolute lifetime; expired sessions are deleted.
 */
export async function getSessionUserFromCookie(
	cookieHeader: string | null | undefined,
	now = Date.now(),
): Promise<SessionUser | null> {
	const token = await readSessionToken(cookieHeader)
	if (!token) return null
	const id = hashToken(token)
	const session = await prisma.session.findUnique({
		where: { id },
		select: {
			id: true,
			lastSeenAt: true,
			expiresAt: true,
			user: {
				select: {
					id: true,
					email: true,
					name: true,
					role: true,
					locale: true,
					firmId: true,
					firm: { select: { id: true, name: true, kind: true, verificationStatus: true } },
				},
			},
		},
	})
	if (!session) return null
	const idleLimit = IDLE_TIMEOUT_MS[session.user.role]
	if (session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > idleLimit) {
		await prisma.session.deleteMany({ where: { id } })
		return null
	}
	if (now - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
		await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: new Date(now) } })
	}
	return { sessionId: id, ...session.user }
}

export async function destroySessionByCookie(cookieHeader: string | null | undefined) {
	const token = await readSessionToken(cookieHeader)
	if (token) await prisma.session.deleteMany({ where: { id: hashToken(token) } })
	return sessionCookie.serialize('', { maxAge: 0 })
}

export async function destroyUserSessions(userId: string) {
	const { count } = await prisma.session.deleteMany({ where: { userId } })
	return count
}
