import type { FirmKind, Role } from '@prisma/client'
import { login } from '#app/modules/auth/auth.server'
import { hashPassword } from '#app/modules/auth/password.server'
import { getSessionUserFromCookie, type SessionUser } from '#app/modules/auth/session.server'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { makeUscc, uniqueEmail } from './firms'

export const TEST_PASSWORD = 'Duijie2026test'

let passwordHash: Promise<string> | undefined

/** One argon2 hash for every user a test creates (hashing is the slow part). */
function testPasswordHash() {
	passwordHash ??= hashPassword(TEST_PASSWORD)
	return passwordHash
}

export type SignedIn = { cookie: string; user: SessionUser }

/** Logs in through the real login (argon2 verify, session row) and returns the cookie pair and the session user. */
export async function signIn(email: string, password: string): Promise<SignedIn> {
	const result = await login(email, password, { ip: '127.0.0.1' })
	if (!result.ok) throw new Error(`login failed for ${email}: ${result.reason}`)
	const cookie = result.setCookie.split(';')[0]!
	const user = await getSessionUserFromCookie(cookie)
	if (!user) throw new Error(`no session user for ${email}`)
	return { cookie, user }
}

/** The session user of a firm user, typed as the domain functions want it. */
export function asFirmUser(user: SessionUser): FirmUser {
	if (!user.firmId || !user.firm) throw new Error(`${user.email} has no firm`)
	return user as FirmUser
}

/** A user of an existing firm (a colleague), created directly and signed in. */
export async function createFirmUser(
	firmId: string,
	{ name, role, prefix = 'colleague' }: { name: string; role: Role; prefix?: string },
) {
	const email = uniqueEmail(prefix)
	await prisma.user.create({ data: { email, name, role, firmId, passwordHash: await testPasswordHash() } })
	return signIn(email, TEST_PASSWORD)
}

/** A firm of its own (any kind and verification status) with one signed-in user. */
export async function createFirmWithUser({
	firmName,
	kind,
	verified,
	userName,
	role,
}: {
	firmName: string
	kind: FirmKind
	verified: boolean
	userName: string
	role: Role
}) {
	const firm = await prisma.firm.create({
		data: {
			name: firmName,
			uscc: makeUscc(),
			kind,
			regionCode: '421202',
			contactName: userName,
			contactPhone: '13900008888',
			verificationStatus: verified ? 'VERIFIED' : 'PENDING',
			verifiedAt: verified ? new Date() : null,
		},
		select: { id: true, name: true },
	})
	const signedIn = await createFirmUser(firm.id, { name: userName, role, prefix: 'firm' })
	return { firm, ...signedIn }
}

/** Published, visible listings of a firm, oldest first (stable across runs of the seed). */
export async function publishedDemands(firmId: string) {
	return prisma.demand.findMany({
		where: { firmId, status: 'PUBLISHED', hiddenAt: null },
		orderBy: { id: 'asc' },
		select: { id: true, title: true },
	})
}

export async function publishedCapabilities(firmId: string) {
	return prisma.capability.findMany({
		where: { firmId, status: 'PUBLISHED', hiddenAt: null },
		orderBy: { id: 'asc' },
		select: { id: true, title: true },
	})
}
