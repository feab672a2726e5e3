import { appendFirstSystemMessage } from '#app/modules/docking/docking.server'
import { prisma } from '#app/utils/db.server'
import { ROOM_OPENS_BEFORE_MS } from './rules'
import { formatLocal } from './slots'

// Each meeting of a published agenda gets its docking room (对接会谈室): an ACTIVE docking session of
// the two firms, tied to the event, created once — by the worker when the room opens, or earlier
// when a firm enters it from the agenda. The meeting row's lock makes concurrent openings agree.

/** A refusal the page can show; `key` is an i18n message key. */
export class MeetingRoomError extends Error {
	constructor(
		public key: string,
		public status = 400,
	) {
		super(key)
	}
}

/** Meetings whose room may exist: a published, not withdrawn meeting. */
const ROOM_STATUSES = ['SCHEDULED', 'HELD', 'NO_SHOW']

/** When a meeting's room opens for the firms (the agenda page offers 进入会谈室 from then on). */
export function roomOpensAt(startsAt: Date) {
	return new Date(startsAt.getTime() - ROOM_OPENS_BEFORE_MS)
}

export function roomIsOpen(meeting: { startsAt: Date; status: string }, now: Date) {
	return ROOM_STATUSES.includes(meeting.status) && now >= roomOpensAt(meeting.startsAt)
}

async function openRoom(meetingId: string, firmId?: string) {
	return prisma.$transaction(async (tx) => {
		const [locked] = await tx.$queryRaw<
			Array<{ id: string; dockingSessionId: string | null; buyerFirmId: string; supplierFirmId: string }>
		>`SELECT id, "dockingSessionId", "buyerFirmId", "supplierFirmId" FROM "Meeting" WHERE id = ${meetingId} FOR UPDATE`
		if (!locked || (firmId && locked.buyerFirmId !== firmId && locked.supplierFirmId !== firmId))
			throw new MeetingRoomError('err.eventsCalendarRoomNotFound', 404)
		if (locked.dockingSessionId) return { id: locked.dockingSessionId, created: false }
		const meeting = await tx.meeting.findUniqueOrThrow({
			where: { id: meetingId },
			select: {
				status: true,
				startsAt: true,
				endsAt: true,
				eventId: true,
				event: { select: { title: true, status: true } },
			},
		})
		if (!ROOM_STATUSES.includes(meeting.status) || meeting.event.status !== 'PUBLISHED')
			throw new MeetingRoomError('err.eventsCalendarRoomUnavailable', 409)
		const firms = await tx.firm.findMany({
			where: { id: { in: [locked.buyerFirmId, locked.supplierFirmId] } },
			select: { id: true, name: true },
		})
		const nameOf = (id: string) => firms.find((f) => f.id === id)?.name ?? ''
		const time = `${formatLocal(meeting.startsAt)}–${formatLocal(meeting.endsAt).slice(11)}`
		const now = new Date()
		const session = await tx.dockingSession.create({
			data: {
				buyerFirmId: locked.buyerFirmId,
				supplierFirmId: locked.supplierFirmId,
				eventId: meeting.eventId,
				initiatorSide: 'BUYER',
				status: 'ACTIVE',
				stage: 'INTENT',
				requestMessage: `对接会「${meeting.event.title}」一对一会谈，时段 ${time}（北京时间）`,
				expiresAt: meeting.endsAt,
				respondedAt: now,
				stageChanges: { create: { toStage: 'INTENT', toStatus: 'ACTIVE' } },
			},
			select: { id: true },
		})
		await appendFirstSystemMessage(
			tx,
			session.id,
			`对接会「${meeting.event.title}」会谈室已开放：${nameOf(locked.buyerFirmId)}（采购方）与 ${nameOf(locked.supplierFirmId)}（供应方），时段 ${time}（北京时间）。双方可在此交流，会后请在议程中记录会谈结果。`,
			{ event: 'meetingRoom', eventId: meeting.eventId, meetingId },
		)
		await tx.meeting.update({ where: { id: meetingId }, data: { dockingSessionId: session.id } })
		return { id: session.id, created: true }
	})
}

/**
 * The meeting's docking session id, creating the session on first call. With `firmId`, only a firm
 * of the meeting may open it (404 otherwise). Throws MeetingRoomError when the meeting has no room
 * (draft, cancelled, to be rebooked, or its event not running).
 */
export async function openMeetingRoom(meetingId: string, { firmId }: { firmId?: string } = {}) {
	return (await openRoom(meetingId, firmId)).id
}

const BATCH = 100

/** Opens the rooms due at `now` (SCHEDULED meetings of published agendas); returns how many it created. */
export async function openDueMeetingRooms(now = new Date()) {
	const due = await prisma.meeting.findMany({
		where: {
			status: 'SCHEDULED',
			dockingSessionId: null,
			startsAt: { lte: new Date(now.getTime() + ROOM_OPENS_BEFORE_MS) },
			event: { status: 'PUBLISHED', agendaStatus: 'PUBLISHED' },
		},
		orderBy: { startsAt: 'asc' },
		select: { id: true },
		take: BATCH,
	})
	let opened = 0
	for (const m of due) {
		try {
			if ((await openRoom(m.id)).created) opened++
		} catch (error) {
			// Changed between the query and the lock (cancelled, rebooked): nothing to open.
			if (!(error instanceof MeetingRoomError)) throw error
		}
	}
	return opened
}
