import { z } from 'zod'
import { wellFormedText } from '#app/utils/text'
import { BREAK_RE, buildSlots, isRealDay, MAX_SLOTS, minutesOf, parseLocalDateTime, TIME_RE } from './slots'

// Pure rules and input shapes of matchmaking events (线上产销对接会). Error messages are i18n keys
// that name the field.

export const OUTCOMES = ['NO_INTENT', 'INTENT', 'SAMPLE', 'CONTRACT'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const PRIORITIES = ['MUST', 'MEET'] as const
export type Priority = (typeof PRIORITIES)[number]

/** Reminders before a meeting: one day and fifteen minutes. */
export const REMIND_DAY_MS = 24 * 60 * 60 * 1000
export const REMIND_SOON_MS = 15 * 60 * 1000
/** A meeting's docking room opens this long before the meeting starts. */
export const ROOM_OPENS_BEFORE_MS = 15 * 60 * 1000

const text = (max: number) => z.string().max(max, `err.tooLong${max}`).transform(wellFormedText)
const required = (max: number, key: string) =>
	z
		.string({ error: key })
		.max(max, `err.tooLong${max}`)
		.transform(wellFormedText)
		.pipe(z.string().trim().min(1, key))
const int = (min: number, max: number, key: string) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v),
		z.number({ error: key }).int(key).min(min, key).max(max, key),
	)
const localDateTime = (key: string) =>
	z.string({ error: key }).transform((v, ctx) => {
		const d = parseLocalDateTime(v.trim())
		if (!d) {
			ctx.addIssue({ code: 'custom', message: key })
			return z.NEVER
		}
		return d
	})
const list = (value: unknown) =>
	typeof value === 'string'
		? value
				.split(/[\s,，、;；]+/)
				.map((s) => s.trim())
				.filter(Boolean)
		: value

export const EventSchema = z
	.object({
		title: required(100, 'err.eventTitle'),
		description: text(4000).default(''),
		clusterSlugs: z.preprocess(
			(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
			z.array(z.string().max(60)).min(1, 'err.eventClusters').max(9, 'err.eventClusters'),
		),
		format: z.enum(['ONLINE', 'HYBRID'], { error: 'err.eventFormat' }),
		venue: text(200).default(''),
		days: z.preprocess(
			list,
			z
				.array(z.string(), { error: 'err.eventDays' })
				.min(1, 'err.eventDays')
				.max(7, 'err.eventDaysMax')
				.refine((days) => days.every(isRealDay), 'err.eventDays'),
		),
		dayStart: z.string({ error: 'err.eventDayStart' }).regex(TIME_RE, 'err.eventDayStart'),
		dayEnd: z.string({ error: 'err.eventDayEnd' }).regex(TIME_RE, 'err.eventDayEnd'),
		meetingMinutes: int(10, 120, 'err.eventMeetingMinutes'),
		gapMinutes: int(0, 60, 'err.eventGapMinutes').default(0),
		breaks: z.preprocess(
			(v) => (v === undefined ? [] : list(v)),
			z
				.array(z.string())
				.max(10, 'err.eventBreaks')
				.refine((breaks) => breaks.every((b) => BREAK_RE.test(b)), 'err.eventBreaks'),
		),
		capacity: int(2, 5000, 'err.eventCapacity'),
		minMeetings: int(0, 40, 'err.eventMinMeetings').default(0),
		maxMeetings: int(1, 40, 'err.eventMaxMeetings'),
		registrationOpensAt: localDateTime('err.eventRegistrationOpens'),
		registrationClosesAt: localDateTime('err.eventRegistrationCloses'),
		requestsCloseAt: localDateTime('err.eventRequestsClose'),
	})
	.superRefine((v, ctx) => {
		if (v.format === 'HYBRID' && !v.venue.trim())
			ctx.addIssue({ code: 'custom', message: 'err.eventVenue', path: ['venue'] })
		if (v.minMeetings > v.maxMeetings)
			ctx.addIssue({ code: 'custom', message: 'err.eventMinMax', path: ['minMeetings'] })
		if (v.registrationClosesAt <= v.registrationOpensAt)
			ctx.addIssue({ code: 'custom', message: 'err.eventRegistrationOrder', path: ['registrationClosesAt'] })
		if (v.requestsCloseAt < v.registrationClosesAt)
			ctx.addIssue({ code: 'custom', message: 'err.eventRequestsOrder', path: ['requestsCloseAt'] })
		// A regex failure does not stop zod from refining: the grid is checked only when its parts are
		// well formed (each malformed part has its own error already).
		const gridOk =
			TIME_RE.test(v.dayStart) &&
			TIME_RE.test(v.dayEnd) &&
			v.breaks.every((b) => BREAK_RE.test(b)) &&
			v.days.every(isRealDay)
		if (!gridOk) return
		if (minutesOf(v.dayEnd) <= minutesOf(v.dayStart))
			ctx.addIssue({ code: 'custom', message: 'err.eventDayEnd', path: ['dayEnd'] })
		for (const b of v.breaks) {
			const [from, to] = b.split('-')
			if (minutesOf(to!) <= minutesOf(from!))
				ctx.addIssue({ code: 'custom', message: 'err.eventBreaks', path: ['breaks'] })
		}
		const slots = buildSlots({ ...v, gapMinutes: v.gapMinutes })
		if (slots.length === 0)
			ctx.addIssue({ code: 'custom', message: 'err.eventNoSlots', path: ['meetingMinutes'] })
		else if (slots.length >= MAX_SLOTS)
			ctx.addIssue({ code: 'custom', message: 'err.eventTooManySlots', path: ['meetingMinutes'] })
		else if (v.requestsCloseAt > slots[0]!.start)
			ctx.addIssue({ code: 'custom', message: 'err.eventRequestsBeforeStart', path: ['requestsCloseAt'] })
	})
export type EventInput = z.output<typeof EventSchema>

export const RegisterSchema = z.object({
	side: z.enum(['BUYER', 'SUPPLIER'], { error: 'err.eventSide' }),
	pitch: required(1000, 'err.eventPitch'),
	capabilityIds: z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z.array(z.string().max(40)).max(50),
	),
	demandIds: z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z.array(z.string().max(40)).max(50),
	),
	availableSlots: z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z.array(z.string().max(20)).min(1, 'err.eventAvailability'),
	),
	maxMeetings: z.preprocess(
		(v) => (v === '' || v === undefined ? undefined : Number(v)),
		z
			.number({ error: 'err.eventMaxMeetings' })
			.int('err.eventMaxMeetings')
			.min(1, 'err.eventMaxMeetings')
			.max(40, 'err.eventMaxMeetings')
			.optional(),
	),
})

export const MeetingRequestSchema = z.object({
	toFirmId: z.string({ error: 'err.eventRequestTarget' }).min(1, 'err.eventRequestTarget').max(40),
	priority: z.enum(PRIORITIES, { error: 'err.eventPriority' }),
	message: required(500, 'err.eventRequestMessage'),
})

export const RespondRequestSchema = z.discriminatedUnion('decision', [
	z.object({ decision: z.literal('accept'), requestId: z.string().min(1).max(40) }),
	z.object({
		decision: z.literal('decline'),
		requestId: z.string().min(1).max(40),
		reason: z
			.string({ error: 'err.eventDeclineReason' })
			.max(500, 'err.tooLong500')
			.transform(wellFormedText)
			.pipe(z.string().trim().min(2, 'err.eventDeclineReason')),
	}),
])

export const OutcomeSchema = z
	.object({
		meetingId: z.string().min(1).max(40),
		outcome: z.enum(OUTCOMES, { error: 'err.eventOutcome' }),
		amount: z.preprocess(
			(v) => (typeof v === 'string' ? v.replace(/[,，\s]/g, '') : v),
			z.union([z.literal(''), z.string().regex(/^\d{1,14}(\.\d{1,2})?$/, 'err.eventAmount')]).optional(),
		),
		note: text(1000).default(''),
	})
	.superRefine((v, ctx) => {
		if (v.outcome === 'CONTRACT' && (!v.amount || Number(v.amount) <= 0))
			ctx.addIssue({ code: 'custom', message: 'err.eventAmount', path: ['amount'] })
	})

export const AnnouncementSchema = z.object({ body: required(1000, 'err.eventAnnouncement') })

export const DecisionSchema = z.object({
	registrationId: z.string().min(1).max(40),
	decision: z.enum(['approve', 'reject']),
	note: text(500).default(''),
})

export const InviteSchema = z.object({
	firms: z
		.string({ error: 'err.eventInviteList' })
		.max(20000, 'err.eventInviteList')
		.transform((v) =>
			wellFormedText(v)
				.split(/\r?\n/)
				.map((s) => s.trim())
				.filter(Boolean),
		)
		.pipe(z.array(z.string()).min(1, 'err.eventInviteList').max(500, 'err.eventInviteList')),
})

// ---- pure rules -----------------------------------------------------------------------------------

export type Phase =
	'draft' | 'before' | 'registration' | 'requests' | 'scheduling' | 'live' | 'ended' | 'cancelled'

/** Where an event stands at `now`: drives which actions the pages offer. */
export function eventPhase(
	event: {
		status: string
		registrationOpensAt: Date
		registrationClosesAt: Date
		requestsCloseAt: Date
		startsAt: Date
		endsAt: Date
	},
	now: Date,
): Phase {
	if (event.status === 'CANCELLED') return 'cancelled'
	if (event.status === 'DRAFT') return 'draft'
	if (event.status === 'CLOSED' || now >= event.endsAt) return 'ended'
	if (now >= event.startsAt) return 'live'
	if (now < event.registrationOpensAt) return 'before'
	if (now < event.registrationClosesAt) return 'registration'
	if (now < event.requestsCloseAt) return 'requests'
	return 'scheduling'
}

export function registrationOpen(phase: Phase) {
	return phase === 'registration'
}

/** Meeting requests may be made and answered until requests close. */
export function requestsOpen(phase: Phase) {
	return phase === 'registration' || phase === 'requests'
}

/** The side a firm can take: a BOTH firm picks one per event. */
export function sidesFor(kind: 'SUPPLIER' | 'BUYER' | 'BOTH'): Array<'BUYER' | 'SUPPLIER'> {
	return kind === 'BOTH' ? ['SUPPLIER', 'BUYER'] : [kind]
}

/** The docking stage a recorded outcome moves the meeting's docking session to. */
export function stageForOutcome(outcome: Outcome) {
	return outcome === 'CONTRACT'
		? 'SIGNED'
		: outcome === 'SAMPLE'
			? 'SAMPLING'
			: outcome === 'INTENT'
				? 'NEGOTIATION'
				: 'CLOSED'
}
