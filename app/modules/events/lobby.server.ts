import type { Role } from '@prisma/client'
import { isBureau } from './events.server'
import QRCode from 'qrcode'
import { z } from 'zod'
import { audit } from '#app/modules/audit/audit.server'
import { createNotifications, publishNotifications } from '#app/modules/notifications/notifications.server'
import { rooms, type EventAnnouncementPayload } from '#app/realtime/events'
import { getRealtimePublisher } from '#app/realtime/registry.server'
import { prisma, type Tx } from '#app/utils/db.server'
import { wellFormedText } from '#app/utils/text'
import { AnnouncementSchema, eventPhase, ROOM_OPENS_BEFORE_MS } from './rules'
import { buildSlots, formatLocal, type EventSlot } from './slots'

// The on-the-day side of a matchmaking event (线上对接会大厅): announcements pushed live over
// Socket.io, the current and next slot's meetings, no-show marking and on-site QR check-in.

/** A refusal the user can act on; `key` is an i18n message key, `field` the form field it belongs to. */
export class LobbyError extends Error {
	constructor(
		public key: string,
		public status = 400,
		public field?: string,
	) {
		super(key)
	}
}

export type LobbyViewer = { id: string; role: Role; firmId: string | null }
type Actor = { id: string; role: Role }
type Meta = { ip?: string | null }

export const ANNOUNCEMENT_LIST_SIZE = 50
/** Statuses of a published agenda's meetings; DRAFT, CANCELLED and NEEDS_RESCHEDULE are not in the lobby. */
const PLANNED = ['SCHEDULED', 'HELD', 'NO_SHOW'] as const
const NO_SHOW_FROM = ['SCHEDULED', 'HELD', 'NO_SHOW'] as const

function requireBureau(actor: { role: Role }) {
	// Firms are told "not found", as for any page they may not see.
	if (!isBureau(actor)) throw new LobbyError('err.eventsLobbyNotFound', 404)
}

const EVENT_SELECT = {
	id: true,
	title: true,
	format: true,
	venue: true,
	status: true,
	days: true,
	dayStart: true,
	dayEnd: true,
	meetingMinutes: true,
	gapMinutes: true,
	breaks: true,
	registrationOpensAt: true,
	registrationClosesAt: true,
	requestsCloseAt: true,
	startsAt: true,
	endsAt: true,
} as const

/**
 * The event and the viewer's standing in its lobby: bureau staff see every event; a firm user only
 * a published (or closed, cancelled) event their firm is APPROVED at. Anything else is "not found".
 */
async function lobbyAccess(viewer: LobbyViewer, eventId: string) {
	if (!eventId || eventId.length > 40) throw new LobbyError('err.eventsLobbyNotFound', 404)
	const event = await prisma.event.findUnique({ where: { id: eventId }, select: EVENT_SELECT })
	if (!event) throw new LobbyError('err.eventsLobbyNotFound', 404)
	if (isBureau(viewer)) return { event, bureau: true as const, registration: null }
	if (!viewer.firmId || event.status === 'DRAFT') throw new LobbyError('err.eventsLobbyNotFound', 404)
	const registration = await prisma.eventRegistration.findUnique({
		where: { eventId_firmId: { eventId, firmId: viewer.firmId } },
		select: { id: true, status: true, side: true, checkInToken: true, checkedInAt: true },
	})
	if (registration?.status !== 'APPROVED') throw new LobbyError('err.eventsLobbyNotFound', 404)
	return { event, bureau: false as const, registration }
}

/** For the socket handler: may this user enter the event's lobby, and as staff? null when not. */
export async function lobbyMembership(viewer: LobbyViewer, eventId: string) {
	try {
		const found = await lobbyAccess(viewer, eventId)
		return { staff: found.bureau }
	} catch (error) {
		if (error instanceof LobbyError) return null
		throw error
	}
}

// ---- realtime (after commit) ---------------------------------------------------------------------

function publishUpdated(eventId: string, extraUserIds: string[] = []) {
	getRealtimePublisher()?.toRooms(
		[rooms.eventStaff(eventId), ...extraUserIds.map(rooms.user)],
		'event:updated',
		{
			eventId,
		},
	)
}

async function firmUserIds(firmIds: string[]) {
	const users = await prisma.user.findMany({ where: { firmId: { in: firmIds } }, select: { id: true } })
	return users.map((u) => u.id)
}

// ---- announcements --------------------------------------------------------------------------------

/** Bureau only: stores the announcement, notifies every user of an approved firm, pushes it to the lobby. */
export async function postAnnouncement(actor: Actor, eventId: string, body: unknown, meta: Meta = {}) {
	requireBureau(actor)
	const input = AnnouncementSchema.safeParse({ body })
	if (!input.success)
		throw new LobbyError(input.error.issues[0]?.message ?? 'err.eventAnnouncement', 400, 'body')
	// Validated by the shape (not blank, at most 1000); stored as typed, surrounding whitespace and
	// line breaks included, with only wellFormedText's normalisation.
	const text = wellFormedText(String(body))
	const event = await prisma.event.findUnique({ where: { id: eventId }, select: { id: true, title: true } })
	if (!event) throw new LobbyError('err.eventsLobbyNotFound', 404)
	const link = `/events/${event.id}/live`
	const result = await prisma.$transaction(async (tx) => {
		const announcement = await tx.announcement.create({
			data: { eventId: event.id, authorId: actor.id, body: text },
			select: { id: true, body: true, createdAt: true },
		})
		await audit(tx, {
			actor,
			action: 'event.announcement.posted',
			targetType: 'Event',
			targetId: event.id,
			ip: meta.ip,
			detail: { announcementId: announcement.id, length: announcement.body.length },
		})
		const recipients = await tx.user.findMany({
			where: { firm: { eventRegistrations: { some: { eventId: event.id, status: 'APPROVED' } } } },
			select: { id: true },
		})
		const notifications = await createNotifications(
			tx,
			recipients.map((u) => ({
				userId: u.id,
				kind: 'event.announcement',
				title: `「${event.title}」发布了新公告`,
				body: announcement.body,
				link,
			})),
		)
		return { announcement, notifications }
	})
	const payload: EventAnnouncementPayload = {
		eventId: event.id,
		id: result.announcement.id,
		body: result.announcement.body,
		createdAt: result.announcement.createdAt.toISOString(),
	}
	getRealtimePublisher()?.toRooms([rooms.event(event.id)], 'event:announcement', payload)
	publishNotifications(result.notifications)
	return { announcement: payload, notified: result.notifications.length }
}

// ---- the lobby page -------------------------------------------------------------------------------

export type LobbyFirm = { id: string; name: string; checkedInAt: string | null; noShow: boolean }
export type LobbyMeeting = {
	id: string
	slotId: string
	startsAt: string
	endsAt: string
	status: 'SCHEDULED' | 'HELD' | 'NO_SHOW'
	buyer: LobbyFirm
	supplier: LobbyFirm
	dockingSessionId: string | null
	dockingLink: string | null
	/** When the docking room opens (15 minutes before the start). */
	roomOpensAt: string
	hasOutcome: boolean
	/** Whether the bureau may mark a no-show now (the slot has started). */
	started: boolean
}
export type LobbySlot = {
	id: string
	day: string
	label: string
	start: string
	end: string
	meetings: LobbyMeeting[]
}

function slotOut(slot: EventSlot) {
	return {
		id: slot.id,
		day: slot.day,
		label: slot.label,
		start: slot.start.toISOString(),
		end: slot.end.toISOString(),
	}
}

/**
 * What the lobby shows at `now`: the event, the latest announcements, and the current and next slot
 * with their meetings (all of them for the bureau, only the firm's own for a firm user).
 */
export async function lobbyView(viewer: LobbyViewer, eventId: string, now = new Date()) {
	const { event, bureau, registration } = await lobbyAccess(viewer, eventId)
	const slots = buildSlots(event)
	const current = slots.find((s) => s.start <= now && now < s.end) ?? null
	const next = slots.find((s) => s.start > now) ?? null
	const slotIds = [current?.id, next?.id].filter((id): id is string => Boolean(id))

	const [announcements, meetings] = await Promise.all([
		prisma.announcement.findMany({
			where: { eventId: event.id },
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			take: ANNOUNCEMENT_LIST_SIZE,
			select: { id: true, body: true, createdAt: true },
		}),
		slotIds.length
			? prisma.meeting.findMany({
					where: {
						eventId: event.id,
						slotId: { in: slotIds },
						status: { in: [...PLANNED] },
						...(bureau ? {} : { OR: [{ buyerFirmId: viewer.firmId! }, { supplierFirmId: viewer.firmId! }] }),
					},
					orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
					select: {
						id: true,
						slotId: true,
						startsAt: true,
						endsAt: true,
						status: true,
						buyerFirmId: true,
						supplierFirmId: true,
						dockingSessionId: true,
						noShowFirmIds: true,
						outcome: true,
					},
				})
			: Promise.resolve([]),
	])

	const firmIds = [...new Set(meetings.flatMap((m) => [m.buyerFirmId, m.supplierFirmId]))]
	const registrations = firmIds.length
		? await prisma.eventRegistration.findMany({
				where: { eventId: event.id, firmId: { in: firmIds } },
				select: { firmId: true, checkedInAt: true, firm: { select: { name: true } } },
			})
		: []
	const byFirm = new Map(registrations.map((r) => [r.firmId, r]))
	const firmOut = (firmId: string, noShowFirmIds: string[]): LobbyFirm => {
		const r = byFirm.get(firmId)
		return {
			id: firmId,
			name: r?.firm.name ?? '',
			checkedInAt: r?.checkedInAt?.toISOString() ?? null,
			noShow: noShowFirmIds.includes(firmId),
		}
	}
	const meetingsOf = (slotId: string): LobbyMeeting[] =>
		meetings
			.filter((m) => m.slotId === slotId)
			.map((m) => ({
				id: m.id,
				slotId: m.slotId,
				startsAt: m.startsAt.toISOString(),
				endsAt: m.endsAt.toISOString(),
				status: m.status as LobbyMeeting['status'],
				buyer: firmOut(m.buyerFirmId, m.noShowFirmIds),
				supplier: firmOut(m.supplierFirmId, m.noShowFirmIds),
				dockingSessionId: m.dockingSessionId,
				dockingLink: m.dockingSessionId ? `/docking/${m.dockingSessionId}` : null,
				roomOpensAt: new Date(m.startsAt.getTime() - ROOM_OPENS_BEFORE_MS).toISOString(),
				hasOutcome: m.outcome !== null,
				started: m.startsAt <= now,
			}))

	// The page reloads itself when the current slot ends or the next one starts.
	const boundaries = [current?.end, next?.start].filter((d): d is Date => Boolean(d)).map((d) => d.getTime())
	const checkIn =
		!bureau && registration && event.format === 'HYBRID'
			? { token: registration.checkInToken, checkedInAt: registration.checkedInAt?.toISOString() ?? null }
			: null
	const stats = bureau ? await checkInStats(event.id) : null

	return {
		event: {
			id: event.id,
			title: event.title,
			format: event.format,
			venue: event.venue,
			status: event.status,
			startsAt: event.startsAt.toISOString(),
			endsAt: event.endsAt.toISOString(),
			startsAtLocal: formatLocal(event.startsAt),
			endsAtLocal: formatLocal(event.endsAt),
			phase: eventPhase(event, now),
		},
		viewer: { isBureau: bureau, firmId: bureau ? null : viewer.firmId, side: registration?.side ?? null },
		announcements: announcements.map((a) => ({
			id: a.id,
			body: a.body,
			createdAt: a.createdAt.toISOString(),
		})),
		current: current ? { ...slotOut(current), meetings: meetingsOf(current.id) } : null,
		next: next ? { ...slotOut(next), meetings: meetingsOf(next.id) } : null,
		refreshAt: boundaries.length ? new Date(Math.min(...boundaries)).toISOString() : null,
		checkIn,
		stats,
	}
}

export type LobbyView = Awaited<ReturnType<typeof lobbyView>>

// ---- no-shows --------------------------------------------------------------------------------------

export const NoShowSchema = z.object({
	meetingId: z.string({ error: 'err.eventsLobbyNotFound' }).min(1, 'err.eventsLobbyNotFound').max(40),
	firmIds: z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z
			.array(z.string().max(40), { error: 'err.eventsLobbyNoShowFirms' })
			.min(1, 'err.eventsLobbyNoShowFirms')
			.max(2, 'err.eventsLobbyNoShowFirms'),
	),
})

async function lockedMeeting(tx: Tx, meetingId: string) {
	// Row lock to commit: two staff marking the two firms of one meeting at once both count.
	await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${meetingId} FOR UPDATE`
	return tx.meeting.findUnique({
		where: { id: meetingId },
		select: {
			id: true,
			eventId: true,
			status: true,
			startsAt: true,
			buyerFirmId: true,
			supplierFirmId: true,
			noShowFirmIds: true,
			outcome: true,
		},
	})
}

/**
 * Bureau only: the named firm(s) of a started meeting did not come. Marks add up (the buyer now,
 * the supplier later); the meeting becomes NO_SHOW. A meeting with a recorded outcome was held.
 */
export async function markNoShow(
	actor: Actor,
	meetingId: string,
	firmIds: string[],
	now = new Date(),
	meta: Meta = {},
) {
	requireBureau(actor)
	const wanted = [...new Set(firmIds)]
	const result = await prisma.$transaction(async (tx) => {
		const meeting = await lockedMeeting(tx, meetingId)
		if (!meeting) throw new LobbyError('err.eventsLobbyNotFound', 404)
		if (!(NO_SHOW_FROM as readonly string[]).includes(meeting.status))
			throw new LobbyError('err.eventsLobbyNoShowStatus', 409)
		if (meeting.startsAt > now) throw new LobbyError('err.eventsLobbyNoShowTooEarly', 409)
		if (meeting.outcome !== null) throw new LobbyError('err.eventsLobbyNoShowHasOutcome', 409)
		const parties = [meeting.buyerFirmId, meeting.supplierFirmId]
		if (wanted.length === 0 || wanted.some((id) => !parties.includes(id)))
			throw new LobbyError('err.eventsLobbyNoShowFirms', 400, 'firmIds')
		const noShowFirmIds = parties.filter((id) => wanted.includes(id) || meeting.noShowFirmIds.includes(id))
		await tx.meeting.update({ where: { id: meeting.id }, data: { status: 'NO_SHOW', noShowFirmIds } })
		await audit(tx, {
			actor,
			action: 'event.meeting.noShow',
			targetType: 'Meeting',
			targetId: meeting.id,
			ip: meta.ip,
			detail: { eventId: meeting.eventId, firmIds: wanted, from: meeting.status },
		})
		return { eventId: meeting.eventId, noShowFirmIds, parties }
	})
	publishUpdated(result.eventId, await firmUserIds(result.parties))
	return { eventId: result.eventId, status: 'NO_SHOW' as const, noShowFirmIds: result.noShowFirmIds }
}

/** Bureau only: the started meeting took place (also undoes a no-show marked by mistake). */
export async function markHeld(actor: Actor, meetingId: string, now = new Date(), meta: Meta = {}) {
	requireBureau(actor)
	const result = await prisma.$transaction(async (tx) => {
		const meeting = await lockedMeeting(tx, meetingId)
		if (!meeting) throw new LobbyError('err.eventsLobbyNotFound', 404)
		if (meeting.status !== 'SCHEDULED' && meeting.status !== 'NO_SHOW')
			throw new LobbyError('err.eventsLobbyHeldStatus', 409)
		if (meeting.startsAt > now) throw new LobbyError('err.eventsLobbyNoShowTooEarly', 409)
		await tx.meeting.update({ where: { id: meeting.id }, data: { status: 'HELD', noShowFirmIds: [] } })
		await audit(tx, {
			actor,
			action: 'event.meeting.held',
			targetType: 'Meeting',
			targetId: meeting.id,
			ip: meta.ip,
			detail: { eventId: meeting.eventId, from: meeting.status },
		})
		return { eventId: meeting.eventId, parties: [meeting.buyerFirmId, meeting.supplierFirmId] }
	})
	publishUpdated(result.eventId, await firmUserIds(result.parties))
	return { eventId: result.eventId, status: 'HELD' as const }
}

// ---- on-site check-in (hybrid events) ------------------------------------------------------------------

/** The check-in token from what a scanner or a person typed: the token itself or the whole check-in URL. */
export function tokenFromInput(input: string) {
	const value = input.trim()
	if (/^https?:\/\//i.test(value)) {
		try {
			return new URL(value).searchParams.get('token')?.trim() ?? ''
		} catch {
			return ''
		}
	}
	return value
}

const REGISTRATION_SELECT = {
	id: true,
	eventId: true,
	firmId: true,
	side: true,
	status: true,
	checkedInAt: true,
	firm: { select: { name: true } },
	event: { select: { id: true, title: true, format: true, status: true } },
} as const

async function registrationByToken(token: string, eventId?: string) {
	const value = tokenFromInput(token)
	if (!value || value.length > 100) throw new LobbyError('err.eventsLobbyCheckInToken', 400, 'token')
	const registration = await prisma.eventRegistration.findUnique({
		where: { checkInToken: value },
		select: REGISTRATION_SELECT,
	})
	if (!registration || (eventId && registration.eventId !== eventId))
		throw new LobbyError('err.eventsLobbyCheckInToken', 400, 'token')
	return registration
}

function checkInOut(
	r: Awaited<ReturnType<typeof registrationByToken>>,
	checkedInAt: Date | null,
	already: boolean,
) {
	return {
		registrationId: r.id,
		eventId: r.eventId,
		event: r.event,
		firm: { id: r.firmId, name: r.firm.name },
		side: r.side,
		status: r.status,
		checkedInAt: checkedInAt?.toISOString() ?? null,
		checkedInAtLocal: checkedInAt ? formatLocal(checkedInAt) : null,
		already,
	}
}

/** Bureau only, changes nothing: whose check-in code this is (the page asks to confirm). */
export async function checkInPreview(actor: Actor, token: string, eventId?: string) {
	requireBureau(actor)
	const r = await registrationByToken(token, eventId)
	return checkInOut(r, r.checkedInAt, r.checkedInAt !== null)
}

/**
 * Bureau only: checks the firm in at the venue. Idempotent: a second scan changes nothing and says
 * when the firm was checked in. Only an APPROVED registration of a hybrid, published event.
 */
export async function checkIn(
	actor: Actor,
	token: string,
	opts: { eventId?: string; now?: Date; ip?: string | null } = {},
) {
	requireBureau(actor)
	const r = await registrationByToken(token, opts.eventId)
	if (r.status !== 'APPROVED') throw new LobbyError('err.eventsLobbyCheckInNotApproved', 409)
	if (r.event.format !== 'HYBRID') throw new LobbyError('err.eventsLobbyCheckInOnline', 409)
	if (r.event.status !== 'PUBLISHED') throw new LobbyError('err.eventsLobbyCheckInClosed', 409)
	const at = opts.now ?? new Date()
	const first = await prisma.$transaction(async (tx) => {
		const { count } = await tx.eventRegistration.updateMany({
			where: { id: r.id, checkedInAt: null, status: 'APPROVED' },
			data: { checkedInAt: at },
		})
		if (count === 0) return false
		await audit(tx, {
			actor,
			action: 'event.checkedIn',
			targetType: 'EventRegistration',
			targetId: r.id,
			ip: opts.ip,
			detail: { eventId: r.eventId, firmId: r.firmId },
		})
		return true
	})
	if (!first) {
		const row = await prisma.eventRegistration.findUniqueOrThrow({
			where: { id: r.id },
			select: { checkedInAt: true },
		})
		return checkInOut(r, row.checkedInAt, true)
	}
	publishUpdated(r.eventId, await firmUserIds([r.firmId]))
	return checkInOut(r, at, false)
}

/** Bureau only: the event a check-in page is for, with how many firms have checked in. */
export async function checkInDesk(actor: Actor, eventId: string) {
	requireBureau(actor)
	const event =
		eventId && eventId.length <= 40
			? await prisma.event.findUnique({
					where: { id: eventId },
					select: { id: true, title: true, format: true },
				})
			: null
	if (!event) throw new LobbyError('err.eventsLobbyNotFound', 404)
	return { event, stats: await checkInStats(event.id) }
}

/** How many approved firms of the event have checked in. */
export async function checkInStats(eventId: string) {
	const [approved, checkedIn] = await Promise.all([
		prisma.eventRegistration.count({ where: { eventId, status: 'APPROVED' } }),
		prisma.eventRegistration.count({ where: { eventId, status: 'APPROVED', checkedInAt: { not: null } } }),
	])
	return { approved, checkedIn }
}

/** The URL a firm's check-in QR code carries; staff scan it and confirm on the check-in page. */
export function checkInUrl(origin: string, eventId: string, token: string) {
	return `${origin.replace(/\/+$/, '')}/events/${encodeURIComponent(eventId)}/check-in?token=${encodeURIComponent(token)}`
}

/** An SVG QR code of a check-in URL (http or https only). */
export async function checkInQrSvg(url: string) {
	let parsed: URL
	try {
		parsed = new URL(url)
	} catch {
		throw new LobbyError('err.eventsLobbyQrUrl')
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
		throw new LobbyError('err.eventsLobbyQrUrl')
	return QRCode.toString(parsed.toString(), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}
