/**
 * The accounts and docking sessions of chat.bench.ts, written straight into the (fresh) bench
 * database: a verified buyer firm and a verified supplier firm, `rooms × 4` users (half per
 * firm), a login Session row per user (the cookie carries a random token whose SHA-256 is the
 * row id, as a real login makes; no argon2), and ACTIVE docking sessions:
 *
 *   rooms: `rooms` sessions between the two firms, 4 members each (2 per side, alternating)
 *   lobby: one session between the same firms whose members are all the users
 *
 * So one socket per user serves (c), (a) and (b) without reconnecting.
 *
 * The rows go in with a few raw INSERT … SELECT FROM unnest(arrays) statements rather than
 * createMany: that is quicker, and Prisma keeps the plan of a big createMany (thousands of
 * objects) alive for a while after it ran, which would be freed in the middle of the heap
 * readings of (c).
 */
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '@prisma/client'
import { ABSOLUTE_SESSION_MS } from '#app/modules/auth/constants'
import { hashToken, sessionCookie } from '#app/modules/auth/session.server'
import { makeUscc } from '#tests/factories/firms'

/** `cookies[i]` is the Cookie header of user i; room r's members are users 4r … 4r + 3. */
export type BenchData = { cookies: string[]; roomSessionIds: string[]; lobbySessionId: string; firms: number }

export const MEMBERS_PER_ROOM = 4

/** Timestamps as Prisma writes them: timestamp(3) without time zone, in UTC. */
const NOW = `(now() AT TIME ZONE 'UTC')`

export async function createChatData(prisma: PrismaClient, { rooms }: { rooms: number }): Promise<BenchData> {
	const firms = [
		{ id: 'cbbuyer', name: '武汉压测采购有限公司', kind: 'BUYER', region: '420100' },
		{ id: 'cbsupplier', name: '咸宁压测供应有限公司', kind: 'SUPPLIER', region: '421202' },
	]
	for (const f of firms) {
		await prisma.$executeRawUnsafe(
			`INSERT INTO "Firm" (id, name, uscc, kind, "regionCode", "contactName", "contactPhone", "verificationStatus", "verifiedAt", "updatedAt")
			 VALUES ($1, $2, $3, $4::"FirmKind", $5, '压测联系人', '13900000000', 'VERIFIED', ${NOW}, ${NOW})`,
			f.id,
			f.name,
			makeUscc(f.region),
			f.kind,
			f.region,
		)
	}

	const n = rooms * MEMBERS_PER_ROOM
	const userIds: string[] = []
	const roles: string[] = []
	const firmIds: string[] = []
	const sessionIds: string[] = []
	const cookies: string[] = []
	for (let i = 0; i < n; i++) {
		const buyer = i % 2 === 0
		userIds.push(`cbu${i}`)
		roles.push(buyer ? 'BUYER' : 'SUPPLIER')
		firmIds.push(buyer ? 'cbbuyer' : 'cbsupplier')
		const token = randomBytes(32).toString('base64url')
		sessionIds.push(hashToken(token))
		// The Cookie request header: only name=value of the Set-Cookie a login would send.
		cookies.push((await sessionCookie.serialize(token)).split(';')[0]!)
	}
	await prisma.$executeRawUnsafe(
		`INSERT INTO "User" (id, email, name, "passwordHash", role, "firmId", "updatedAt")
		 SELECT u.id, u.id || '@chat-bench.invalid', '压测用户' || u.id, 'bench-no-login', u.role::"Role", u.firm, ${NOW}
		 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, role, firm)`,
		userIds,
		roles,
		firmIds,
	)
	await prisma.$executeRawUnsafe(
		`INSERT INTO "Session" (id, "userId", "lastSeenAt", "expiresAt", "updatedAt")
		 SELECT s.id, s.uid, ${NOW}, ${NOW} + make_interval(secs => $3), ${NOW}
		 FROM unnest($1::text[], $2::text[]) AS s(id, uid)`,
		sessionIds,
		userIds,
		ABSOLUTE_SESSION_MS / 1000,
	)

	const roomSessionIds = Array.from({ length: rooms }, (_, r) => `cbroom${r}`)
	const lobbySessionId = 'cblobby'
	await prisma.$executeRawUnsafe(
		`INSERT INTO "DockingSession" (id, "buyerFirmId", "supplierFirmId", "initiatorSide", status, "requestMessage", "respondedAt", "expiresAt", "updatedAt")
		 SELECT d.id, 'cbbuyer', 'cbsupplier', 'BUYER', 'ACTIVE', '压测对接', ${NOW}, ${NOW} + interval '7 days', ${NOW}
		 FROM unnest($1::text[]) AS d(id)`,
		[...roomSessionIds, lobbySessionId],
	)
	// Each user: a member of their room and of the lobby, on their firm's side.
	await prisma.$executeRawUnsafe(
		`INSERT INTO "DockingMember" ("sessionId", "userId", side)
		 SELECT m.session, m.uid, m.side::"DockingSide"
		 FROM unnest($1::text[], $2::text[], $3::text[]) AS m(session, uid, side)`,
		[
			...userIds.map((_, i) => roomSessionIds[Math.floor(i / MEMBERS_PER_ROOM)]!),
			...userIds.map(() => lobbySessionId),
		],
		[...userIds, ...userIds],
		[...roles, ...roles],
	)
	return { cookies, roomSessionIds, lobbySessionId, firms: firms.length }
}
