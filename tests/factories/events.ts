import { randomBytes } from 'node:crypto'
import type { DockingSide, MeetingOutcome, MeetingStatus, Prisma } from '@prisma/client'
import { buildSlots, localInstant } from '#app/modules/events/slots'
import { prisma } from '#app/utils/db.server'

// Rows of matchmaking events made directly in the database, for tests that need an event in a given
// state without walking every step through the module.

const DAY = 24 * 60 * 60 * 1000

/** A "YYYY-MM-DD" local day `daysFromNow` days after now. */
export function dayFromNow(daysFromNow: number) {
	return new Date(Date.now() + 8 * 60 * 60 * 1000 + daysFromNow * DAY).toISOString().slice(0, 10)
}

export async function createEventRow(
	hostId: string,
	overrides: Partial<Prisma.EventUncheckedCreateInput> & { clusterSlugs?: string[] } = {},
) {
	const { clusterSlugs = ['electronics'], ...rest } = overrides
	const days = (rest.days as string[] | undefined) ?? [dayFromNow(10)]
	const grid = {
		days,
		dayStart: (rest.dayStart as string | undefined) ?? '09:00',
		dayEnd: (rest.dayEnd as string | undefined) ?? '12:00',
		meetingMinutes: (rest.meetingMinutes as number | undefined) ?? 30,
		gapMinutes: (rest.gapMinutes as number | undefined) ?? 0,
		breaks: (rest.breaks as string[] | undefined) ?? [],
	}
	const slots = buildSlots(grid)
	const now = Date.now()
	const clusters = await prisma.cluster.findMany({
		where: { slug: { in: clusterSlugs } },
		select: { id: true },
	})
	return prisma.event.create({
		data: {
			title: '测试对接会',
			capacity: 100,
			maxMeetings: 8,
			registrationOpensAt: new Date(now - DAY),
			registrationClosesAt: new Date(now + 3 * DAY),
			requestsCloseAt: new Date(now + 5 * DAY),
			startsAt: slots[0]?.start ?? localInstant(days[0]!, grid.dayStart),
			endsAt: slots.at(-1)?.end ?? localInstant(days.at(-1)!, grid.dayEnd),
			status: 'PUBLISHED',
			publishedAt: new Date(),
			hostId,
			...rest,
			...grid,
			clusters: { connect: clusters },
		},
	})
}

export async function registerFirmRow(
	eventId: string,
	firmId: string,
	side: Exclude<DockingSide, 'BUREAU'>,
	overrides: Partial<Prisma.EventRegistrationUncheckedCreateInput> = {},
) {
	return prisma.eventRegistration.create({
		data: {
			eventId,
			firmId,
			side,
			status: 'APPROVED',
			pitch: side === 'BUYER' ? '采购光模块外壳与连接器' : '供应精密结构件与线束',
			checkInToken: randomBytes(16).toString('base64url'),
			calendarToken: randomBytes(24).toString('base64url'),
			...overrides,
		},
	})
}

/** An accepted request and, when `slotId` is given, its meeting. */
export async function createMeetingRow(
	event: {
		id: string
		days: string[]
		dayStart: string
		dayEnd: string
		meetingMinutes: number
		gapMinutes: number
		breaks: string[]
	},
	buyerFirmId: string,
	supplierFirmId: string,
	{
		slotIndex = 0,
		status = 'SCHEDULED',
		outcome,
		dealAmount,
		noShowFirmIds = [],
	}: {
		slotIndex?: number
		status?: MeetingStatus
		outcome?: MeetingOutcome
		dealAmount?: string
		noShowFirmIds?: string[]
	} = {},
) {
	const slot = buildSlots(event)[slotIndex]!
	const request = await prisma.meetingRequest.create({
		data: {
			eventId: event.id,
			fromFirmId: buyerFirmId,
			toFirmId: supplierFirmId,
			buyerFirmId,
			supplierFirmId,
			priority: 'MUST',
			message: '希望会谈',
			status: 'ACCEPTED',
			respondedAt: new Date(),
		},
	})
	return prisma.meeting.create({
		data: {
			eventId: event.id,
			requestId: request.id,
			buyerFirmId,
			supplierFirmId,
			slotId: slot.id,
			startsAt: slot.start,
			endsAt: slot.end,
			status,
			outcome: outcome ?? null,
			dealAmount: dealAmount ?? null,
			noShowFirmIds,
		},
	})
}
