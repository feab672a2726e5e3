/**
 * The event day of soak.bench.ts, written straight into the (fresh, seeded) bench database: the
 * users, login sessions and docking rooms of chat-data.ts (one room per 4 users, a verified buyer
 * and a verified supplier firm), plus a published online event happening today at which both
 * firms are APPROVED, so every user may enter its lobby; and the ids of seeded listings and firms
 * for the page views and the search terms.
 */
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '@prisma/client'
import { createChatData, MEMBERS_PER_ROOM, type BenchData } from './chat-data'

export type SoakData = BenchData & {
	eventId: string
	capabilityIds: string[]
	demandIds: string[]
	firmIds: string[]
}

const NOW = `(now() AT TIME ZONE 'UTC')`

export async function createSoakData(prisma: PrismaClient, { users }: { users: number }): Promise<SoakData> {
	const chat = await createChatData(prisma, { rooms: Math.ceil(users / MEMBERS_PER_ROOM) })
	const eventId = 'soakevent'
	const today = new Date().toISOString().slice(0, 10)
	await prisma.$executeRawUnsafe(
		`INSERT INTO "Event" (id, title, description, format, days, "dayStart", "dayEnd", "meetingMinutes", capacity,
			"registrationOpensAt", "registrationClosesAt", "requestsCloseAt", "startsAt", "endsAt", status, "publishedAt", "updatedAt")
		 VALUES ($1, '咸宁–武汉产业链线上对接会（压测）', '压测用的线上对接会', 'ONLINE', ARRAY[$2]::text[], '08:00', '20:00', 20, 500,
			${NOW} - interval '7 days', ${NOW} - interval '2 days', ${NOW} - interval '1 day', ${NOW} - interval '1 hour',
			${NOW} + interval '10 hours', 'PUBLISHED', ${NOW} - interval '7 days', ${NOW})`,
		eventId,
		today,
	)
	for (const [firmId, side] of [
		['cbbuyer', 'BUYER'],
		['cbsupplier', 'SUPPLIER'],
	] as const) {
		await prisma.$executeRawUnsafe(
			`INSERT INTO "EventRegistration" (id, "eventId", "firmId", side, status, "checkInToken", "calendarToken", "decidedAt", "updatedAt")
			 VALUES ($1, $2, $3, $4::"DockingSide", 'APPROVED', $5, $6, ${NOW}, ${NOW})`,
			`soakreg${side.toLowerCase()}`,
			eventId,
			firmId,
			side,
			randomBytes(16).toString('hex'),
			randomBytes(16).toString('hex'),
		)
	}
	const ids = async (sql: string) =>
		(await prisma.$queryRawUnsafe<Array<{ id: string }>>(sql)).map((r) => r.id)
	return {
		...chat,
		eventId,
		capabilityIds: await ids(`SELECT id FROM "Capability" WHERE status = 'PUBLISHED' ORDER BY id LIMIT 30`),
		demandIds: await ids(`SELECT id FROM "Demand" WHERE status = 'PUBLISHED' ORDER BY id LIMIT 30`),
		firmIds: await ids(`SELECT id FROM "Firm" WHERE "verificationStatus" = 'VERIFIED' ORDER BY id LIMIT 30`),
	}
}

/** Search terms of the seeded clusters (products, processes, materials), and an empty box. */
export const SEARCH_TERMS = [
	'光模块',
	'连接器',
	'钢',
	'铝型材',
	'青砖茶',
	'茶饮料',
	'风电',
	'储能',
	'数控',
	'精密加工',
	'医用',
	'无纺布',
	'电子级',
	'涂料',
	'碳纤维',
	'包装',
	'',
]
