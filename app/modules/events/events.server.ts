import { randomBytes } from 'node:crypto'
import { Prisma, type Role } from '@prisma/client'
import type { z } from 'zod'
import { audit } from '#app/modules/audit/audit.server'
import type { RequestMeta } from '#app/modules/auth/auth.server'
import { queueMail } from '#app/modules/mail/mail.server'
import {
	createNotifications,
	publishNotifications,
	type NewNotification,
} from '#app/modules/notifications/notifications.server'
import { prisma, type Tx } from '#app/utils/db.server'
import { enqueueSearchSync } from '#search/outbox/enqueue.server'
import { kickSearchOutbox } from '#search/outbox/kick.server'
import {
	eventPhase,
	registrationOpen,
	requestsOpen,
	sidesFor,
	type EventInput,
	type MeetingRequestSchema,
	type OutcomeSchema,
	type RegisterSchema,
	type RespondRequestSchema,
} from './rules'
import { scheduleMeetings, type ScheduleResult } from './scheduler'
import { buildSlots, formatLocal, type EventSlot } from './slots'

/** A refusal the user can act on; `key` is an i18n message key. */
export class EventError extends Error {
	constructor(
		public key: string,
		public status = 400,
	) {
		super(key)
	}
}

export type EventViewer = {
	id: string
	role: Role
	name: string
	firmId: string | null
	firm?: { id: string; name: string; kind: 'SUPPLIER' | 'BUYER' | 'BOTH'; verificationStatus: string } | null
}

export function isBureau(viewer: { role: Role }) {
	return viewer.role === 'BUREAU' || viewer.role === 'ADMIN'
}

function requireBureau(viewer: EventViewer) {
	if (!isBureau(viewer)) throw new EventError('err.eventForbidden', 403)
}

const SIDE_LABEL = { BUYER: '采购方', SUPPLIER: '供应方' } as const
const PRIORITY_LABEL = { MUST: '必须见', MEET: '希望见' } as const

const token = (bytes: number) => randomBytes(bytes).toString('base64url')

/** Meetings firms see: the published agenda. DRAFT is the organizer's alone. */
export const PUBLISHED_MEETING = ['SCHEDULED', 'HELD', 'NO_SHOW', 'NEEDS_RESCHEDULE'] as const
/** Meetings that hold a slot for both firms. */
const ACTIVE_MEETING = ['DRAFT', 'SCHEDULED', 'HELD', 'NO_SHOW'] as const

async function notifyFirms(
	tx: Tx,
	firmIds: string[],
	note: Omit<NewNotification, 'userId'>,
	mail?: { subject: string; text: string },
) {
	if (firmIds.length === 0) return []
	const users = await tx.user.findMany({
		where: { firmId: { in: firmIds } },
		select: { id: true, email: true },
	})
	if (mail && users.length) await queueMail(tx, { to: users.map((u) => u.email), ...mail })
	return createNotifications(
		tx,
		users.map((u) => ({ ...note, userId: u.id })),
	)
}

async function loadEvent(tx: Tx, eventId: string) {
	const event = await tx.event.findUnique({ where: { id: eventId } })
	if (!event) throw new EventError('err.eventNotFound', 404)
	return event
}

// ---- organizer: create, edit, publish -----------------------------------------------------------

function eventData(input: EventInput) {
	const slots = buildSlots(input)
	return {
		title: input.title.trim(),
		description: input.description,
		format: input.format,
		venue: input.format === 'HYBRID' ? input.venue.trim() : '',
		days: [...new Set(input.days)].sort(),
		dayStart: input.dayStart,
		dayEnd: input.dayEnd,
		meetingMinutes: input.meetingMinutes,
		gapMinutes: input.gapMinutes,
		breaks: input.breaks,
		capacity: input.capacity,
		minMeetings: input.minMeetings,
		maxMeetings: input.maxMeetings,
		registrationOpensAt: input.registrationOpensAt,
		registrationClosesAt: input.registrationClosesAt,
		requestsCloseAt: input.requestsCloseAt,
		startsAt: slots[0]!.start,
		endsAt: slots.at(-1)!.end,
	}
}

async function clusterIds(tx: Tx, slugs: string[]) {
	const clusters = await tx.cluster.findMany({ where: { slug: { in: slugs } }, select: { id: true } })
	if (clusters.length !== new Set(slugs).size) throw new EventError('err.eventClusters')
	return clusters
}

export async function createEvent(actor: EventViewer, input: EventInput, meta: RequestMeta) {
	requireBureau(actor)
	return prisma.$transaction(async (tx) => {
		const clusters = await clusterIds(tx, input.clusterSlugs)
		const event = await tx.event.create({
			data: { ...eventData(input), hostId: actor.id, clusters: { connect: clusters } },
			select: { id: true, title: true },
		})
		await audit(tx, {
			actor,
			action: 'event.create',
			targetType: 'Event',
			targetId: event.id,
			ip: meta.ip,
			detail: { title: event.title },
		})
		return event
	})
}

export type EditResult = { rebook: number; retimed: number }

/**
 * Saves an edit. Slots are derived from the grid: a booked meeting whose slot no longer exists is
 * never deleted — it becomes 待重新安排 and both firms are told; a slot whose end moved keeps its
 * meetings with the new times, and the firms are told too.
 */
export async function updateEvent(
	actor: EventViewer,
	eventId: string,
	input: EventInput,
	meta: RequestMeta,
): Promise<EditResult> {
	requireBureau(actor)
	const result = await prisma.$transaction(async (tx) => {
		await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`
		const before = await loadEvent(tx, eventId)
		if (before.status === 'CANCELLED' || before.status === 'CLOSED')
			throw new EventError('err.eventEnded', 409)
		const clusters = await clusterIds(tx, input.clusterSlugs)
		const data = eventData(input)
		await tx.event.update({
			where: { id: eventId },
			data: { ...data, clusters: { set: clusters } },
		})
		const slots = new Map(buildSlots(data).map((s) => [s.id, s]))
		const meetings = await tx.meeting.findMany({
			where: { eventId, status: { in: ['DRAFT', 'SCHEDULED'] } },
			select: {
				id: true,
				slotId: true,
				status: true,
				startsAt: true,
				endsAt: true,
				buyerFirmId: true,
				supplierFirmId: true,
			},
		})
		const toldFirms = new Set<string>()
		let rebook = 0
		let retimed = 0
		for (const m of meetings) {
			const slot = slots.get(m.slotId)
			if (!slot) {
				if (m.status === 'DRAFT') {
					// A draft was never shown to the firms: drop it, the next scheduler run places the request again.
					await tx.meeting.delete({ where: { id: m.id } })
					continue
				}
				rebook++
				await tx.meeting.update({
					where: { id: m.id },
					data: { status: 'NEEDS_RESCHEDULE', locked: false },
				})
				if (m.status === 'SCHEDULED') [m.buyerFirmId, m.supplierFirmId].forEach((f) => toldFirms.add(f))
			} else if (slot.end.getTime() !== m.endsAt.getTime() || slot.start.getTime() !== m.startsAt.getTime()) {
				retimed++
				await tx.meeting.update({
					where: { id: m.id },
					data: { startsAt: slot.start, endsAt: slot.end, remindedDayAt: null, remindedSoonAt: null },
				})
				if (m.status === 'SCHEDULED') [m.buyerFirmId, m.supplierFirmId].forEach((f) => toldFirms.add(f))
			}
		}
		await audit(tx, {
			actor,
			action: 'event.update',
			targetType: 'Event',
			targetId: eventId,
			ip: meta.ip,
			detail: { rebook, retimed },
		})
		const rows = await notifyFirms(
			tx,
			[...toldFirms],
			{
				kind: 'event.agendaChanged',
				title: `对接会「${data.title}」时间安排有调整`,
				body: '主办方调整了会谈时段，您的部分会谈需要重新安排或时间已变更，请查看议程。',
				link: `/events/${eventId}/agenda`,
			},
			{
				subject: `【产业链供需对接平台】对接会「${data.title}」时间安排有调整`,
				text: `主办方调整了对接会「${data.title}」的会谈时段。您的部分会谈需要重新安排或时间已变更，请登录平台查看“我的议程”，如需改约请与主办方联系。`,
			},
		)
		const regs = await tx.eventRegistration.findMany({ where: { eventId }, select: { id: true } })
		await enqueueSearchSync(
			tx,
			'registration',
			regs.map((r) => r.id),
		)
		return { rebook, retimed, rows }
	})
	publishNotifications(result.rows)
	kickSearchOutbox()
	return { rebook: result.rebook, retimed: result.retimed }
}

export async function setEventStatus(
	actor: EventViewer,
	eventId: string,
	status: 'PUBLISHED' | 'CANCELLED' | 'CLOSED',
	meta: RequestMeta,
) {
	requireBureau(actor)
	const rows = await prisma.$transaction(async (tx) => {
		const event = await loadEvent(tx, eventId)
		const allowed =
			(status === 'PUBLISHED' && event.status === 'DRAFT') ||
			(status === 'CANCELLED' && (event.status === 'DRAFT' || event.status === 'PUBLISHED')) ||
			(status === 'CLOSED' && event.status === 'PUBLISHED')
		if (!allowed) throw new EventError('err.eventStatus', 409)
		await tx.event.update({
			where: { id: eventId },
			data: { status, ...(status === 'PUBLISHED' ? { publishedAt: new Date() } : {}) },
		})
		await audit(tx, {
			actor,
			action: `event.${status.toLowerCase()}`,
			targetType: 'Event',
			targetId: eventId,
			ip: meta.ip,
		})
		const regs = await tx.eventRegistration.findMany({
			where: { eventId },
			select: { id: true, firmId: true, status: true },
		})
		await enqueueSearchSync(
			tx,
			'registration',
			regs.map((r) => r.id),
		)
		if (status !== 'CANCELLED') return []
		await tx.meeting.deleteMany({ where: { eventId, status: 'DRAFT' } })
		await tx.meeting.updateMany({
			where: { eventId, status: { in: ['SCHEDULED', 'NEEDS_RESCHEDULE'] } },
			data: { status: 'CANCELLED' },
		})
		await tx.meetingRequest.updateMany({
			where: { eventId, status: 'PENDING' },
			data: { status: 'WITHDRAWN' },
		})
		return notifyFirms(
			tx,
			regs.filter((r) => r.status !== 'REJECTED' && r.status !== 'WITHDRAWN').map((r) => r.firmId),
			{ kind: 'event.cancelled', title: `对接会「${event.title}」已取消`, link: `/events/${eventId}` },
			{
				subject: `【产业链供需对接平台】对接会「${event.title}」已取消`,
				text: `很抱歉，主办方已取消对接会「${event.title}」。已安排的会谈随之取消。`,
			},
		)
	})
	publishNotifications(rows)
	kickSearchOutbox()
}

// ---- reading ------------------------------------------------------------------------------------

export async function listEvents(viewer: EventViewer | null) {
	const bureau = viewer ? isBureau(viewer) : false
	const events = await prisma.event.findMany({
		where: bureau ? {} : { status: { in: ['PUBLISHED', 'CLOSED'] } },
		orderBy: [{ startsAt: 'desc' }],
		take: 100,
		select: {
			id: true,
			title: true,
			format: true,
			venue: true,
			status: true,
			startsAt: true,
			endsAt: true,
			registrationOpensAt: true,
			registrationClosesAt: true,
			requestsCloseAt: true,
			capacity: true,
			clusters: { select: { slug: true, name: true }, orderBy: { sortOrder: 'asc' } },
			_count: { select: { registrations: { where: { status: 'APPROVED' } } } },
			registrations: viewer?.firmId
				? { where: { firmId: viewer.firmId }, select: { status: true, side: true } }
				: { where: { id: '' }, select: { status: true, side: true } },
		},
	})
	const now = new Date()
	return events.map(({ registrations, _count, ...e }) => ({
		...e,
		phase: eventPhase(e, now),
		approved: _count.registrations,
		mine: registrations[0] ?? null,
	}))
}

export async function getEventDetail(viewer: EventViewer | null, eventId: string) {
	const event = await prisma.event.findUnique({
		where: { id: eventId },
		include: {
			clusters: { select: { slug: true, name: true }, orderBy: { sortOrder: 'asc' } },
			host: { select: { name: true } },
		},
	})
	if (!event || (event.status === 'DRAFT' && !(viewer && isBureau(viewer)))) return null
	const [counts, mine] = await Promise.all([
		prisma.eventRegistration.groupBy({ by: ['status', 'side'], where: { eventId }, _count: true }),
		viewer?.firmId
			? prisma.eventRegistration.findUnique({ where: { eventId_firmId: { eventId, firmId: viewer.firmId } } })
			: null,
	])
	const approved = { BUYER: 0, SUPPLIER: 0 }
	let taken = 0
	for (const c of counts) {
		if (c.status === 'APPROVED' && c.side !== 'BUREAU') approved[c.side] += c._count
		if (c.status === 'APPROVED' || c.status === 'PENDING') taken += c._count
	}
	return {
		event,
		slots: buildSlots(event),
		phase: eventPhase(event, new Date()),
		approved,
		seatsLeft: Math.max(0, event.capacity - taken),
		mine,
	}
}

/** What the registration form offers a firm: its sides and its published listings. */
export async function registrationOptions(firmId: string) {
	const [capabilities, demands] = await Promise.all([
		prisma.capability.findMany({
			where: { firmId, status: 'PUBLISHED', hiddenAt: null },
			select: { id: true, title: true },
			orderBy: { updatedAt: 'desc' },
			take: 50,
		}),
		prisma.demand.findMany({
			where: { firmId, status: 'PUBLISHED', hiddenAt: null },
			select: { id: true, title: true },
			orderBy: { updatedAt: 'desc' },
			take: 50,
		}),
	])
	return { capabilities, demands }
}

// ---- registration -------------------------------------------------------------------------------

export async function registerForEvent(
	actor: EventViewer & { firmId: string },
	eventId: string,
	input: z.output<typeof RegisterSchema>,
	meta: RequestMeta,
) {
	const firm = await prisma.firm.findUnique({
		where: { id: actor.firmId },
		select: { id: true, name: true, kind: true, verificationStatus: true },
	})
	if (!firm) throw new EventError('err.eventForbidden', 403)
	if (firm.verificationStatus !== 'VERIFIED') throw new EventError('err.eventFirmNotVerified', 403)
	if (!sidesFor(firm.kind).includes(input.side)) throw new EventError('err.eventSideKind')
	const result = await prisma.$transaction(async (tx) => {
		await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`
		const event = await loadEvent(tx, eventId)
		const existing = await tx.eventRegistration.findUnique({
			where: { eventId_firmId: { eventId, firmId: firm.id } },
		})
		const phase = eventPhase(event, new Date())
		const invited = existing?.status === 'INVITED'
		if (event.status !== 'PUBLISHED') throw new EventError('err.eventNotOpen', 409)
		// Invited firms may still accept after the public window, until meeting requests close.
		// …and a firm already registered (pending or approved) may still edit its registration.
		const registered = existing?.status === 'PENDING' || existing?.status === 'APPROVED'
		if (!registrationOpen(phase) && !((invited || registered) && requestsOpen(phase)))
			throw new EventError('err.eventRegistrationClosed', 409)
		if (
			existing &&
			(existing.status === 'REJECTED' || existing.status === 'APPROVED') &&
			existing.side !== input.side
		)
			throw new EventError('err.eventSideLocked', 409)
		const slotIds = new Set(buildSlots(event).map((s) => s.id))
		const available = input.availableSlots.filter((s) => slotIds.has(s))
		if (available.length === 0) throw new EventError('err.eventAvailability')
		const own = await Promise.all([
			tx.capability.count({ where: { id: { in: input.capabilityIds }, firmId: firm.id } }),
			tx.demand.count({ where: { id: { in: input.demandIds }, firmId: firm.id } }),
		])
		if (own[0] !== new Set(input.capabilityIds).size || own[1] !== new Set(input.demandIds).size)
			throw new EventError('err.eventListingNotOwn')
		const isNew = !existing || existing.status === 'WITHDRAWN'
		if (isNew && !invited) {
			const taken = await tx.eventRegistration.count({
				where: { eventId, status: { in: ['APPROVED', 'PENDING'] } },
			})
			if (taken >= event.capacity) throw new EventError('err.eventFull', 409)
		}
		if (existing?.status === 'REJECTED') throw new EventError('err.eventRejected', 409)
		const data = {
			side: input.side,
			pitch: input.pitch.trim(),
			capabilityIds: input.side === 'SUPPLIER' ? [...new Set(input.capabilityIds)] : [],
			demandIds: input.side === 'BUYER' ? [...new Set(input.demandIds)] : [],
			unavailableSlots: [...slotIds].filter((s) => !available.includes(s)),
			maxMeetings: input.maxMeetings ?? null,
			registeredById: actor.id,
		}
		const status = invited || existing?.status === 'APPROVED' ? 'APPROVED' : 'PENDING'
		const reg = existing
			? await tx.eventRegistration.update({ where: { id: existing.id }, data: { ...data, status } })
			: await tx.eventRegistration.create({
					data: {
						...data,
						eventId,
						firmId: firm.id,
						status,
						checkInToken: token(18),
						calendarToken: token(24),
					},
				})
		await enqueueSearchSync(tx, 'registration', reg.id)
		await audit(tx, {
			actor,
			action: existing ? 'event.registration.update' : 'event.register',
			targetType: 'EventRegistration',
			targetId: reg.id,
			ip: meta.ip,
			detail: { eventId, side: input.side, status },
		})
		const rows =
			isNew && status === 'PENDING' && event.hostId
				? await createNotifications(tx, [
						{
							userId: event.hostId,
							kind: 'event.registered',
							title: `${firm.name} 报名了「${event.title}」`,
							body: `${SIDE_LABEL[input.side]}，待审核`,
							link: `/events/${eventId}/manage`,
						},
					])
				: []
		return { reg, rows }
	})
	publishNotifications(result.rows)
	kickSearchOutbox()
	return result.reg
}

export async function withdrawRegistration(
	actor: EventViewer & { firmId: string },
	eventId: string,
	meta: RequestMeta,
) {
	await prisma.$transaction(async (tx) => {
		const reg = await tx.eventRegistration.findUnique({
			where: { eventId_firmId: { eventId, firmId: actor.firmId } },
		})
		if (!reg || reg.status === 'WITHDRAWN' || reg.status === 'REJECTED')
			throw new EventError('err.eventNotRegistered', 409)
		const booked = await tx.meeting.count({
			where: {
				eventId,
				status: { in: ['SCHEDULED', 'DRAFT', 'NEEDS_RESCHEDULE'] },
				OR: [{ buyerFirmId: actor.firmId }, { supplierFirmId: actor.firmId }],
			},
		})
		if (booked > 0) throw new EventError('err.eventWithdrawBooked', 409)
		await tx.eventRegistration.update({ where: { id: reg.id }, data: { status: 'WITHDRAWN' } })
		await tx.meetingRequest.updateMany({
			where: { eventId, status: 'PENDING', OR: [{ fromFirmId: actor.firmId }, { toFirmId: actor.firmId }] },
			data: { status: 'WITHDRAWN' },
		})
		await enqueueSearchSync(tx, 'registration', reg.id)
		await audit(tx, {
			actor,
			action: 'event.withdraw',
			targetType: 'EventRegistration',
			targetId: reg.id,
			ip: meta.ip,
		})
	})
	kickSearchOutbox()
}

export async function decideRegistration(
	actor: EventViewer,
	eventId: string,
	input: { registrationId: string; decision: 'approve' | 'reject'; note: string },
	meta: RequestMeta,
) {
	requireBureau(actor)
	if (input.decision === 'reject' && input.note.trim().length < 2) throw new EventError('err.eventRejectNote')
	const rows = await prisma.$transaction(async (tx) => {
		const reg = await tx.eventRegistration.findFirst({
			where: { id: input.registrationId, eventId },
			include: { event: { select: { title: true } } },
		})
		if (!reg) throw new EventError('err.eventNotFound', 404)
		if (reg.status !== 'PENDING' && !(reg.status === 'APPROVED' && input.decision === 'reject'))
			throw new EventError('err.eventDecided', 409)
		const status = input.decision === 'approve' ? 'APPROVED' : 'REJECTED'
		await tx.eventRegistration.update({
			where: { id: reg.id },
			data: { status, decisionNote: input.note.trim(), decidedById: actor.id, decidedAt: new Date() },
		})
		const counterparts: string[] = []
		if (status === 'REJECTED') {
			const theirs = { OR: [{ buyerFirmId: reg.firmId }, { supplierFirmId: reg.firmId }] }
			await tx.meetingRequest.updateMany({
				where: {
					eventId,
					status: { in: ['PENDING', 'ACCEPTED'] },
					OR: [{ fromFirmId: reg.firmId }, { toFirmId: reg.firmId }],
				},
				data: { status: 'WITHDRAWN' },
			})
			await tx.meeting.deleteMany({ where: { eventId, status: 'DRAFT', ...theirs } })
			// Published meetings are never deleted: they are cancelled and the other firm is told.
			const booked = await tx.meeting.findMany({
				where: { eventId, status: { in: ['SCHEDULED', 'NEEDS_RESCHEDULE'] }, ...theirs },
				select: { id: true, buyerFirmId: true, supplierFirmId: true },
			})
			await tx.meeting.updateMany({
				where: { id: { in: booked.map((m) => m.id) } },
				data: { status: 'CANCELLED' },
			})
			for (const m of booked)
				counterparts.push(m.buyerFirmId === reg.firmId ? m.supplierFirmId : m.buyerFirmId)
		}
		await enqueueSearchSync(tx, 'registration', reg.id)
		await audit(tx, {
			actor,
			action: `event.registration.${input.decision}`,
			targetType: 'EventRegistration',
			targetId: reg.id,
			ip: meta.ip,
			detail: { eventId, note: input.note },
		})
		const approved = status === 'APPROVED'
		const firm = await tx.firm.findUnique({ where: { id: reg.firmId }, select: { name: true } })
		const cancelled = await notifyFirms(tx, [...new Set(counterparts)], {
			kind: 'event.meetingCancelled',
			title: `「${reg.event.title}」中与 ${firm?.name ?? ''} 的会谈已取消`,
			body: '对方已不再参加本次对接会，相应时段已空出。',
			link: `/events/${eventId}/agenda`,
		})
		const told = await notifyFirms(
			tx,
			[reg.firmId],
			{
				kind: approved ? 'event.approved' : 'event.rejected',
				title: approved ? `您已成功报名「${reg.event.title}」` : `「${reg.event.title}」报名未通过`,
				body: approved ? '现在可以浏览参会企业并发起会谈请求。' : input.note.trim(),
				link: `/events/${eventId}`,
			},
			{
				subject: `【产业链供需对接平台】对接会「${reg.event.title}」报名${approved ? '已通过' : '未通过'}`,
				text: approved
					? `贵公司报名的对接会「${reg.event.title}」已通过审核。请登录平台浏览参会企业，在截止前发起会谈请求。`
					: `贵公司报名的对接会「${reg.event.title}」未通过审核。原因：${input.note.trim()}`,
			},
		)
		return [...cancelled, ...told]
	})
	publishNotifications(rows)
	kickSearchOutbox()
}

/** Invites firms by name or 统一社会信用代码, one per line; unknown lines are reported back. */
export async function inviteFirms(actor: EventViewer, eventId: string, lines: string[], meta: RequestMeta) {
	requireBureau(actor)
	const unique = [...new Set(lines.map((l) => l.trim()).filter(Boolean))]
	const result = await prisma.$transaction(async (tx) => {
		const event = await loadEvent(tx, eventId)
		if (event.status === 'CANCELLED' || event.status === 'CLOSED') throw new EventError('err.eventEnded', 409)
		const firms = await tx.firm.findMany({
			where: {
				verificationStatus: 'VERIFIED',
				OR: [{ uscc: { in: unique.map((l) => l.toUpperCase()) } }, { name: { in: unique } }],
			},
			select: { id: true, name: true, uscc: true, kind: true },
		})
		const found = new Set<string>()
		for (const f of firms) {
			found.add(f.name)
			found.add(f.uscc)
		}
		const unknown = unique.filter((l) => !found.has(l) && !found.has(l.toUpperCase()))
		const existing = await tx.eventRegistration.findMany({
			where: { eventId, firmId: { in: firms.map((f) => f.id) } },
			select: { firmId: true },
		})
		const already = new Set(existing.map((r) => r.firmId))
		const fresh = firms.filter((f) => !already.has(f.id))
		for (const f of fresh) {
			const reg = await tx.eventRegistration.create({
				data: {
					eventId,
					firmId: f.id,
					side: f.kind === 'BUYER' ? 'BUYER' : 'SUPPLIER',
					status: 'INVITED',
					invitedById: actor.id,
					checkInToken: token(18),
					calendarToken: token(24),
				},
			})
			await enqueueSearchSync(tx, 'registration', reg.id)
		}
		await audit(tx, {
			actor,
			action: 'event.invite',
			targetType: 'Event',
			targetId: eventId,
			ip: meta.ip,
			detail: { invited: fresh.length, unknown: unknown.length },
		})
		const rows = await notifyFirms(
			tx,
			fresh.map((f) => f.id),
			{
				kind: 'event.invited',
				title: `诚邀参加「${event.title}」`,
				body: `会期 ${formatLocal(event.startsAt)} 起，请确认参会并填写参会信息。`,
				link: `/events/${eventId}`,
			},
			{
				subject: `【产业链供需对接平台】诚邀参加对接会「${event.title}」`,
				text: `主办方诚邀贵公司参加对接会「${event.title}」（${formatLocal(event.startsAt)} 起）。请登录平台，在活动页面确认参会并填写供需信息与可参会时段。`,
			},
		)
		return {
			invited: fresh.map((f) => f.name),
			already: firms.filter((f) => already.has(f.id)).map((f) => f.name),
			unknown,
			rows,
		}
	})
	publishNotifications(result.rows)
	kickSearchOutbox()
	return { invited: result.invited, already: result.already, unknown: result.unknown }
}

// ---- meeting requests ---------------------------------------------------------------------------

async function approvedRegistration(tx: Tx, eventId: string, firmId: string) {
	return tx.eventRegistration.findFirst({
		where: { eventId, firmId, status: 'APPROVED' },
		include: { firm: { select: { id: true, name: true } } },
	})
}

/** Expires unanswered requests once requests close (before the scheduler runs). */
export async function expireMeetingRequests(now = new Date(), eventId?: string) {
	const { count } = await prisma.meetingRequest.updateMany({
		where: { status: 'PENDING', event: { requestsCloseAt: { lte: now } }, ...(eventId ? { eventId } : {}) },
		data: { status: 'EXPIRED' },
	})
	return count
}

/**
 * A firm asks another firm (of the other side) for a 1:1 meeting; bureau staff may do it for a
 * firm (`onBehalfOf`, audited).
 */
export async function requestMeeting(
	actor: EventViewer,
	eventId: string,
	input: z.output<typeof MeetingRequestSchema>,
	meta: RequestMeta,
	onBehalfOf?: string,
) {
	const fromFirmId = onBehalfOf ?? actor.firmId
	if (onBehalfOf) requireBureau(actor)
	else if (!actor.firmId || isBureau(actor)) throw new EventError('err.eventForbidden', 403)
	if (!fromFirmId) throw new EventError('err.eventForbidden', 403)
	if (fromFirmId === input.toFirmId) throw new EventError('err.eventRequestSelf')
	const result = await prisma.$transaction(async (tx) => {
		const event = await loadEvent(tx, eventId)
		if (!requestsOpen(eventPhase(event, new Date()))) throw new EventError('err.eventRequestsClosed', 409)
		const [from, to] = await Promise.all([
			approvedRegistration(tx, eventId, fromFirmId),
			approvedRegistration(tx, eventId, input.toFirmId),
		])
		if (!from) throw new EventError('err.eventNotRegistered', 403)
		if (!to) throw new EventError('err.eventRequestTarget', 404)
		if (from.side === to.side) throw new EventError('err.eventRequestSameSide')
		const buyerFirmId = from.side === 'BUYER' ? from.firmId : to.firmId
		const supplierFirmId = from.side === 'SUPPLIER' ? from.firmId : to.firmId
		const existing = await tx.meetingRequest.findUnique({
			where: { eventId_buyerFirmId_supplierFirmId: { eventId, buyerFirmId, supplierFirmId } },
		})
		if (existing && (existing.status === 'PENDING' || existing.status === 'ACCEPTED'))
			throw new EventError('err.eventRequestExists', 409)
		const data = {
			fromFirmId,
			toFirmId: input.toFirmId,
			priority: input.priority,
			message: input.message.trim(),
			status: 'PENDING' as const,
			declineReason: '',
			createdById: actor.id,
			onBehalfById: onBehalfOf ? actor.id : null,
			respondedAt: null,
			respondedById: null,
		}
		const request = existing
			? await tx.meetingRequest.update({ where: { id: existing.id }, data })
			: await tx.meetingRequest.create({ data: { ...data, eventId, buyerFirmId, supplierFirmId } })
		await audit(tx, {
			actor,
			action: onBehalfOf ? 'event.request.onBehalf' : 'event.request',
			targetType: 'MeetingRequest',
			targetId: request.id,
			ip: meta.ip,
			detail: { eventId, fromFirmId, toFirmId: input.toFirmId, priority: input.priority },
		})
		const rows = await notifyFirms(
			tx,
			[input.toFirmId],
			{
				kind: 'event.requested',
				title: `${from.firm.name} 希望在「${event.title}」与您会谈`,
				body: `${PRIORITY_LABEL[input.priority]}：${input.message.trim()}`,
				link: `/events/${eventId}/agenda`,
			},
			{
				subject: `【产业链供需对接平台】${from.firm.name} 邀请您在对接会上会谈`,
				text: `${from.firm.name}（${SIDE_LABEL[from.side as 'BUYER' | 'SUPPLIER']}）希望在对接会「${event.title}」上与贵公司进行一对一会谈：\n\n${input.message.trim()}\n\n请在 ${formatLocal(event.requestsCloseAt)} 前登录平台接受或婉拒，逾期请求自动失效。`,
			},
		)
		return { request, rows }
	})
	publishNotifications(result.rows)
	return result.request
}

export async function respondMeetingRequest(
	actor: EventViewer,
	eventId: string,
	input: z.output<typeof RespondRequestSchema>,
	meta: RequestMeta,
	onBehalf = false,
) {
	if (onBehalf) requireBureau(actor)
	else if (!actor.firmId || isBureau(actor)) throw new EventError('err.eventForbidden', 403)
	const rows = await prisma.$transaction(async (tx) => {
		const request = await tx.meetingRequest.findFirst({
			where: { id: input.requestId, eventId },
			include: { event: true },
		})
		// Firms never learn of other firms' requests: not theirs reads as not found.
		if (!request || (!onBehalf && request.toFirmId !== actor.firmId))
			throw new EventError('err.eventRequestNotFound', 404)
		if (request.status !== 'PENDING') throw new EventError('err.eventRequestAnswered', 409)
		if (!requestsOpen(eventPhase(request.event, new Date())))
			throw new EventError('err.eventRequestsClosed', 409)
		const accepted = input.decision === 'accept'
		const updated = await tx.meetingRequest.updateMany({
			where: { id: request.id, status: 'PENDING' },
			data: {
				status: accepted ? 'ACCEPTED' : 'DECLINED',
				declineReason: accepted ? '' : input.reason.trim(),
				respondedAt: new Date(),
				respondedById: actor.id,
			},
		})
		if (updated.count !== 1) throw new EventError('err.eventRequestAnswered', 409)
		await audit(tx, {
			actor,
			action: `event.request.${input.decision}${onBehalf ? '.onBehalf' : ''}`,
			targetType: 'MeetingRequest',
			targetId: request.id,
			ip: meta.ip,
		})
		const to = await tx.firm.findUnique({ where: { id: request.toFirmId }, select: { name: true } })
		return notifyFirms(tx, [request.fromFirmId], {
			kind: accepted ? 'event.requestAccepted' : 'event.requestDeclined',
			title: accepted
				? `${to?.name ?? ''} 接受了您在「${request.event.title}」的会谈请求`
				: `${to?.name ?? ''} 婉拒了您在「${request.event.title}」的会谈请求`,
			body: accepted
				? '主办方排期后，会谈时间将出现在您的议程中。'
				: input.decision === 'decline'
					? input.reason.trim()
					: '',
			link: `/events/${eventId}/agenda`,
		})
	})
	publishNotifications(rows)
}

export async function withdrawMeetingRequest(
	actor: EventViewer,
	eventId: string,
	requestId: string,
	meta: RequestMeta,
) {
	if (!actor.firmId) throw new EventError('err.eventForbidden', 403)
	const { count } = await prisma.meetingRequest.updateMany({
		where: { id: requestId, eventId, fromFirmId: actor.firmId, status: 'PENDING' },
		data: { status: 'WITHDRAWN' },
	})
	if (count !== 1) throw new EventError('err.eventRequestNotFound', 404)
	await prisma.$transaction((tx) =>
		audit(tx, {
			actor,
			action: 'event.request.withdraw',
			targetType: 'MeetingRequest',
			targetId: requestId,
			ip: meta.ip,
		}),
	)
}

// ---- scheduling ---------------------------------------------------------------------------------

export type SchedulerReport = {
	at: string
	stats: ScheduleResult['stats'] & { firms: number; slots: number }
	unplaced: Array<{ requestId: string; reason: string; detail: string; buyer: string; supplier: string }>
	belowMin: Array<{ firm: string; meetings: number; min: number }>
}

/** Best match score (0–100) between a buyer's demands and a supplier's capabilities, by pair. */
async function pairScores(tx: Tx, pairs: Array<{ buyerFirmId: string; supplierFirmId: string }>) {
	if (pairs.length === 0) return new Map<string, number>()
	const buyers = [...new Set(pairs.map((p) => p.buyerFirmId))]
	const suppliers = [...new Set(pairs.map((p) => p.supplierFirmId))]
	const rows = await tx.matchSuggestion.findMany({
		where: { demand: { firmId: { in: buyers } }, capability: { firmId: { in: suppliers } } },
		select: { score: true, demand: { select: { firmId: true } }, capability: { select: { firmId: true } } },
	})
	const best = new Map<string, number>()
	for (const r of rows) {
		const key = `${r.demand.firmId}|${r.capability.firmId}`
		const score = r.score <= 1 ? r.score * 100 : r.score
		best.set(key, Math.max(best.get(key) ?? 0, Math.min(100, score)))
	}
	return best
}

/**
 * Builds a draft agenda from accepted requests: published meetings are kept where they are
 * (booked), hand-placed draft meetings too; everything else in the draft is computed afresh.
 * Firms see nothing until the organizer publishes.
 */
export async function runScheduler(actor: EventViewer, eventId: string, meta: RequestMeta, now = new Date()) {
	requireBureau(actor)
	await expireMeetingRequests(now, eventId)
	return prisma.$transaction(
		async (tx) => {
			await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`
			const event = await loadEvent(tx, eventId)
			if (event.status !== 'PUBLISHED') throw new EventError('err.eventNotOpen', 409)
			const slots = buildSlots(event)
			const regs = await tx.eventRegistration.findMany({
				where: { eventId, status: 'APPROVED' },
				include: { firm: { select: { name: true, isChainLeader: true } } },
			})
			const requests = await tx.meetingRequest.findMany({
				where: { eventId, status: 'ACCEPTED' },
				include: { meeting: true },
			})
			const scores = await pairScores(tx, requests)
			const locked = requests
				.filter(
					(r) =>
						r.meeting &&
						(r.meeting.status === 'SCHEDULED' ||
							r.meeting.status === 'HELD' ||
							r.meeting.status === 'NO_SHOW' ||
							(r.meeting.status === 'DRAFT' && r.meeting.locked)),
				)
				.map((r) => ({ requestId: r.id, slotId: r.meeting!.slotId }))
			const result = scheduleMeetings({
				slots: slots.map((s) => ({ id: s.id, start: s.start.toISOString(), end: s.end.toISOString() })),
				firms: regs.map((r) => ({
					id: r.firmId,
					side: r.side === 'BUYER' ? 'BUYER' : 'SUPPLIER',
					chainLeader: r.firm.isChainLeader,
					available: slots.map((s) => s.id).filter((id) => !r.unavailableSlots.includes(id)),
					minMeetings: event.minMeetings,
					maxMeetings: r.maxMeetings ?? event.maxMeetings,
				})),
				requests: requests.map((r) => ({
					id: r.id,
					from: r.fromFirmId,
					to: r.toFirmId,
					priority: r.priority,
					matchScore: scores.get(`${r.buyerFirmId}|${r.supplierFirmId}`) ?? 0,
					accepted: true,
				})),
				locked,
			})
			const slotById = new Map(slots.map((s) => [s.id, s]))
			const byRequest = new Map(requests.map((r) => [r.id, r]))
			// Unlocked drafts are recomputed; booked meetings and hand placements stay as they are.
			const placed = new Set(result.meetings.map((m) => m.requestId))
			await tx.meeting.deleteMany({
				where: { eventId, status: 'DRAFT', locked: false, requestId: { notIn: [...placed] } },
			})
			for (const m of result.meetings) {
				if (m.locked) continue
				const slot = slotById.get(m.slotId)!
				const existing = byRequest.get(m.requestId)!.meeting
				const data = {
					slotId: m.slotId,
					startsAt: slot.start,
					endsAt: slot.end,
					status: 'DRAFT' as const,
					locked: false,
					remindedDayAt: null,
					remindedSoonAt: null,
				}
				if (existing) await tx.meeting.update({ where: { id: existing.id }, data })
				else
					await tx.meeting.create({
						data: {
							...data,
							eventId,
							requestId: m.requestId,
							buyerFirmId: m.buyerId,
							supplierFirmId: m.supplierId,
						},
					})
			}
			const names = new Map(regs.map((r) => [r.firmId, r.firm.name]))
			const report: SchedulerReport = {
				at: now.toISOString(),
				stats: { ...result.stats, firms: regs.length, slots: slots.length },
				unplaced: result.unplaced.map((u) => {
					const r = byRequest.get(u.requestId)
					// The scheduler knows firms by id; the organizer reads names.
					let detail = u.detail
					for (const [id, name] of names) detail = detail.split(id).join(name)
					return {
						...u,
						detail,
						buyer: r ? (names.get(r.buyerFirmId) ?? '') : '',
						supplier: r ? (names.get(r.supplierFirmId) ?? '') : '',
					}
				}),
				belowMin: result.belowMin.map((b) => ({
					firm: names.get(b.firmId) ?? b.firmId,
					meetings: b.meetings,
					min: b.min,
				})),
			}
			await tx.event.update({
				where: { id: eventId },
				data: {
					schedulerReport: report as unknown as Prisma.InputJsonObject,
					agendaStatus: event.agendaStatus === 'PUBLISHED' ? 'PUBLISHED' : 'DRAFT',
				},
			})
			await audit(tx, {
				actor,
				action: 'event.schedule',
				targetType: 'Event',
				targetId: eventId,
				ip: meta.ip,
				detail: { placed: result.stats.placed, accepted: result.stats.accepted },
			})
			return report
		},
		{ timeout: 30_000 },
	)
}

async function firmBusy(
	tx: Tx,
	eventId: string,
	firmIds: string[],
	slotId: string,
	exceptMeetingId?: string,
) {
	return tx.meeting.count({
		where: {
			eventId,
			slotId,
			status: { in: [...ACTIVE_MEETING] },
			OR: [{ buyerFirmId: { in: firmIds } }, { supplierFirmId: { in: firmIds } }],
			...(exceptMeetingId ? { id: { not: exceptMeetingId } } : {}),
		},
	})
}

async function checkSlotFor(
	tx: Tx,
	event: Parameters<typeof buildSlots>[0] & { id: string },
	buyerFirmId: string,
	supplierFirmId: string,
	slotId: string,
	exceptMeetingId?: string,
): Promise<EventSlot> {
	const slot = buildSlots(event).find((s) => s.id === slotId)
	if (!slot) throw new EventError('err.eventSlotUnknown')
	if (await firmBusy(tx, event.id, [buyerFirmId, supplierFirmId], slotId, exceptMeetingId))
		throw new EventError('err.eventSlotTaken', 409)
	const regs = await tx.eventRegistration.findMany({
		where: { eventId: event.id, firmId: { in: [buyerFirmId, supplierFirmId] } },
		select: { unavailableSlots: true },
	})
	if (regs.some((r) => r.unavailableSlots.includes(slotId)))
		throw new EventError('err.eventSlotUnavailable', 409)
	return slot
}

/**
 * The organizer moves a meeting (draft, to be rebooked, or published) or places an accepted request
 * by hand; the placement is locked so the next scheduler run keeps it. Firms of a published meeting
 * are told of the new time.
 */
export async function placeMeeting(
	actor: EventViewer,
	eventId: string,
	input: { requestId: string; slotId: string },
	meta: RequestMeta,
) {
	requireBureau(actor)
	const rows = await prisma.$transaction(async (tx) => {
		await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`
		const event = await loadEvent(tx, eventId)
		const request = await tx.meetingRequest.findFirst({
			where: { id: input.requestId, eventId, status: 'ACCEPTED' },
			include: { meeting: true },
		})
		if (!request) throw new EventError('err.eventRequestNotFound', 404)
		const meeting = request.meeting
		if (
			meeting &&
			(meeting.status === 'HELD' || meeting.status === 'NO_SHOW' || meeting.status === 'CANCELLED')
		)
			throw new EventError('err.eventMeetingFinal', 409)
		const slot = await checkSlotFor(
			tx,
			event,
			request.buyerFirmId,
			request.supplierFirmId,
			input.slotId,
			meeting?.id,
		)
		const published =
			meeting?.status === 'SCHEDULED' ||
			(meeting?.status === 'NEEDS_RESCHEDULE' && event.agendaStatus === 'PUBLISHED')
		const data = {
			slotId: slot.id,
			startsAt: slot.start,
			endsAt: slot.end,
			locked: true,
			status: published ? ('SCHEDULED' as const) : ('DRAFT' as const),
			remindedDayAt: null,
			remindedSoonAt: null,
		}
		const saved = meeting
			? await tx.meeting.update({ where: { id: meeting.id }, data })
			: await tx.meeting.create({
					data: {
						...data,
						eventId,
						requestId: request.id,
						buyerFirmId: request.buyerFirmId,
						supplierFirmId: request.supplierFirmId,
					},
				})
		await audit(tx, {
			actor,
			action: 'event.meeting.place',
			targetType: 'Meeting',
			targetId: saved.id,
			ip: meta.ip,
			detail: { slotId: slot.id, from: meeting?.slotId ?? null },
		})
		if (!published) return []
		return notifyFirms(
			tx,
			[request.buyerFirmId, request.supplierFirmId],
			{
				kind: 'event.meetingMoved',
				title: `「${event.title}」会谈时间已调整为 ${formatLocal(slot.start)}`,
				link: `/events/${eventId}/agenda`,
			},
			{
				subject: `【产业链供需对接平台】对接会会谈时间调整`,
				text: `您在对接会「${event.title}」的一场会谈已调整到 ${formatLocal(slot.start)}（${slot.label}）。请查看“我的议程”。`,
			},
		)
	})
	publishNotifications(rows)
}

/** Takes a draft meeting out of the draft agenda (the request goes back to unplaced). */
export async function removeDraftMeeting(
	actor: EventViewer,
	eventId: string,
	meetingId: string,
	meta: RequestMeta,
) {
	requireBureau(actor)
	await prisma.$transaction(async (tx) => {
		const { count } = await tx.meeting.deleteMany({ where: { id: meetingId, eventId, status: 'DRAFT' } })
		if (count !== 1) throw new EventError('err.eventMeetingNotDraft', 409)
		await audit(tx, {
			actor,
			action: 'event.meeting.remove',
			targetType: 'Meeting',
			targetId: meetingId,
			ip: meta.ip,
		})
	})
}

/** Publishes the draft: firms see their meetings and are told (in-app and email). */
export async function publishAgenda(actor: EventViewer, eventId: string, meta: RequestMeta) {
	requireBureau(actor)
	const rows = await prisma.$transaction(async (tx) => {
		await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`
		const event = await loadEvent(tx, eventId)
		if (event.status !== 'PUBLISHED') throw new EventError('err.eventNotOpen', 409)
		const drafts = await tx.meeting.findMany({
			where: { eventId, status: 'DRAFT' },
			select: { buyerFirmId: true, supplierFirmId: true },
		})
		if (drafts.length === 0 && event.agendaStatus !== 'DRAFT') throw new EventError('err.eventNoDraft', 409)
		await tx.meeting.updateMany({ where: { eventId, status: 'DRAFT' }, data: { status: 'SCHEDULED' } })
		await tx.event.update({
			where: { id: eventId },
			data: { agendaStatus: 'PUBLISHED', agendaPublishedAt: new Date() },
		})
		await audit(tx, {
			actor,
			action: 'event.agenda.publish',
			targetType: 'Event',
			targetId: eventId,
			ip: meta.ip,
			detail: { meetings: drafts.length },
		})
		const count = new Map<string, number>()
		for (const d of drafts)
			for (const f of [d.buyerFirmId, d.supplierFirmId]) count.set(f, (count.get(f) ?? 0) + 1)
		const users = await tx.user.findMany({
			where: { firmId: { in: [...count.keys()] } },
			select: { id: true, email: true, firmId: true },
		})
		for (const [firmId, n] of count) {
			const to = users.filter((u) => u.firmId === firmId).map((u) => u.email)
			if (to.length)
				await queueMail(tx, {
					to,
					subject: `【产业链供需对接平台】「${event.title}」会谈议程已发布`,
					text: `对接会「${event.title}」的会谈议程已发布，贵公司新增 ${n} 场一对一会谈。请登录平台查看“我的议程”，可导出到日历；会前 1 天和 15 分钟会再次提醒。`,
				})
		}
		return createNotifications(
			tx,
			users.map((u) => ({
				userId: u.id,
				kind: 'event.agendaPublished',
				title: `「${event.title}」会谈议程已发布`,
				body: `新增 ${count.get(u.firmId!) ?? 0} 场会谈`,
				link: `/events/${eventId}/agenda`,
			})),
		)
	})
	publishNotifications(rows)
}

// ---- firm agenda and outcomes -------------------------------------------------------------------

const MEETING_SELECT = {
	id: true,
	slotId: true,
	startsAt: true,
	endsAt: true,
	status: true,
	locked: true,
	dockingSessionId: true,
	noShowFirmIds: true,
	outcome: true,
	dealAmount: true,
	outcomeNote: true,
	buyerFirmId: true,
	supplierFirmId: true,
	requestId: true,
} satisfies Prisma.MeetingSelect

export async function firmAgenda(viewer: EventViewer & { firmId: string }, eventId: string) {
	const reg = await prisma.eventRegistration.findUnique({
		where: { eventId_firmId: { eventId, firmId: viewer.firmId } },
	})
	if (!reg || reg.status !== 'APPROVED') return null
	const firmId = viewer.firmId
	const [requests, meetings] = await Promise.all([
		prisma.meetingRequest.findMany({
			where: { eventId, OR: [{ fromFirmId: firmId }, { toFirmId: firmId }] },
			orderBy: { createdAt: 'desc' },
			select: {
				id: true,
				fromFirmId: true,
				toFirmId: true,
				priority: true,
				message: true,
				status: true,
				declineReason: true,
				createdAt: true,
				onBehalfById: true,
			},
		}),
		prisma.meeting.findMany({
			where: {
				eventId,
				status: { in: [...PUBLISHED_MEETING] },
				OR: [{ buyerFirmId: firmId }, { supplierFirmId: firmId }],
			},
			orderBy: { startsAt: 'asc' },
			select: MEETING_SELECT,
		}),
	])
	const firmIds = [
		...new Set([
			...requests.flatMap((r) => [r.fromFirmId, r.toFirmId]),
			...meetings.flatMap((m) => [m.buyerFirmId, m.supplierFirmId]),
		]),
	]
	const firms = await prisma.firm.findMany({
		where: { id: { in: firmIds } },
		select: { id: true, name: true },
	})
	const name = new Map(firms.map((f) => [f.id, f.name]))
	return {
		registration: reg,
		requests: requests.map((r) => ({
			...r,
			incoming: r.toFirmId === firmId,
			counterpart: {
				id: r.fromFirmId === firmId ? r.toFirmId : r.fromFirmId,
				name: name.get(r.fromFirmId === firmId ? r.toFirmId : r.fromFirmId) ?? '',
			},
		})),
		meetings: meetings.map((m) => ({
			...m,
			dealAmount: m.dealAmount?.toFixed(2) ?? null,
			counterpart: {
				id: m.buyerFirmId === firmId ? m.supplierFirmId : m.buyerFirmId,
				name: name.get(m.buyerFirmId === firmId ? m.supplierFirmId : m.buyerFirmId) ?? '',
			},
		})),
	}
}

/** A firm of the meeting (or bureau staff) records what came of it once it has started. */
export async function recordOutcome(
	actor: EventViewer,
	eventId: string,
	input: z.output<typeof OutcomeSchema>,
	meta: RequestMeta,
	now = new Date(),
) {
	await prisma.$transaction(async (tx) => {
		const meeting = await tx.meeting.findFirst({ where: { id: input.meetingId, eventId } })
		const mine =
			meeting &&
			actor.firmId &&
			(meeting.buyerFirmId === actor.firmId || meeting.supplierFirmId === actor.firmId)
		if (!meeting || (!mine && !isBureau(actor)) || meeting.status === 'DRAFT')
			throw new EventError('err.eventMeetingNotFound', 404)
		if (meeting.status !== 'SCHEDULED' && meeting.status !== 'HELD')
			throw new EventError('err.eventMeetingFinal', 409)
		if (meeting.startsAt > now) throw new EventError('err.eventOutcomeEarly', 409)
		await tx.meeting.update({
			where: { id: meeting.id },
			data: {
				status: 'HELD',
				outcome: input.outcome,
				dealAmount: input.outcome === 'CONTRACT' && input.amount ? new Prisma.Decimal(input.amount) : null,
				outcomeNote: input.note.trim(),
				outcomeById: actor.id,
				outcomeAt: now,
			},
		})
		await audit(tx, {
			actor,
			action: 'event.meeting.outcome',
			targetType: 'Meeting',
			targetId: meeting.id,
			ip: meta.ip,
			detail: { outcome: input.outcome, amount: input.amount ?? null },
		})
	})
}

/** The meeting a docking room belongs to, for the outcome panel in the room. */
export async function meetingOfSession(sessionId: string) {
	return prisma.meeting.findUnique({
		where: { dockingSessionId: sessionId },
		select: { ...MEETING_SELECT, eventId: true, event: { select: { title: true } } },
	})
}

// ---- organizer workspace ------------------------------------------------------------------------

export async function manageView(actor: EventViewer, eventId: string) {
	requireBureau(actor)
	const event = await prisma.event.findUnique({
		where: { id: eventId },
		include: { clusters: { select: { slug: true, name: true } } },
	})
	if (!event) return null
	const [registrations, requests, meetings] = await Promise.all([
		prisma.eventRegistration.findMany({
			where: { eventId },
			orderBy: [{ status: 'asc' }, { createdAt: 'asc' }],
			include: { firm: { select: { id: true, name: true, isChainLeader: true, regionCode: true } } },
		}),
		prisma.meetingRequest.findMany({ where: { eventId }, orderBy: { createdAt: 'asc' } }),
		prisma.meeting.findMany({
			where: { eventId },
			orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
			select: MEETING_SELECT,
		}),
	])
	const name = new Map(registrations.map((r) => [r.firmId, r.firm.name]))
	const meetingByRequest = new Map(meetings.map((m) => [m.requestId, m]))
	return {
		event,
		slots: buildSlots(event),
		phase: eventPhase(event, new Date()),
		registrations,
		requests: requests.map((r) => ({
			...r,
			from: name.get(r.fromFirmId) ?? '',
			to: name.get(r.toFirmId) ?? '',
			buyer: name.get(r.buyerFirmId) ?? '',
			supplier: name.get(r.supplierFirmId) ?? '',
			meetingStatus: meetingByRequest.get(r.id)?.status ?? null,
		})),
		meetings: meetings.map((m) => ({
			...m,
			dealAmount: m.dealAmount?.toFixed(2) ?? null,
			buyer: name.get(m.buyerFirmId) ?? '',
			supplier: name.get(m.supplierFirmId) ?? '',
		})),
		report: (event.schedulerReport ?? null) as SchedulerReport | null,
	}
}

/** The 9 clusters an event's theme is chosen from. */
export function clusterChoices() {
	return prisma.cluster.findMany({ orderBy: { sortOrder: 'asc' }, select: { slug: true, name: true } })
}
