import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Event, MeetingPriority } from '@prisma/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { isMessageKey } from '#app/i18n/i18n'
import { zh } from '#app/i18n/zh'
import {
	createEvent,
	decideRegistration,
	EventError,
	firmAgenda,
	inviteFirms,
	placeMeeting,
	publishAgenda,
	recordOutcome,
	registerForEvent,
	removeDraftMeeting,
	requestMeeting,
	respondMeetingRequest,
	runScheduler,
	setEventStatus,
	updateEvent,
	withdrawMeetingRequest,
	withdrawRegistration,
} from '#app/modules/events/events.server'
import {
	DecisionSchema,
	EventSchema,
	MeetingRequestSchema,
	OutcomeSchema,
	RegisterSchema,
	RespondRequestSchema,
} from '#app/modules/events/rules'
import { buildSlots, localInstant, toLocalInput } from '#app/modules/events/slots'
import { prisma } from '#app/utils/db.server'
import { wellFormedText } from '#app/utils/text'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import {
	asFirmUser,
	createFirmWithUser,
	publishedCapabilities,
	publishedDemands,
	signIn,
	type SignedIn,
} from '#tests/factories/docking'
import { dayFromNow } from '#tests/factories/events'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// The matchmaking events module (线上产销对接会) on a real database, walked through its own functions
// as the routes call them: forms parsed by the zod schemas, demo users signed in through the real
// login. The database is written directly only to move clocks (registration and request windows)
// into the past. Every test makes its own event; the demo firms take part in many of them.

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const meta = { ip: '127.0.0.1' }
const ACTIVE = ['DRAFT', 'SCHEDULED', 'HELD', 'NO_SHOW'] as const

let db: TestDatabase
let bureau: SignedIn // 市经信局 李科长
let supplier: SignedIn // 张经理 (SUPPLIER)
let supplier2: SignedIn // 刘经理 (SUPPLIER)
let buyer: SignedIn // 陈工 (BUYER, 链主)
let buyer2: SignedIn // 赵工 (BUYER)
let xs1: SignedIn // extra verified suppliers and buyers
let xs2: SignedIn
let xb1: SignedIn
let xb2: SignedIn
let unverified: SignedIn // a supplier still waiting for verification

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	const demo = (name: string) => signIn(`${name}@demo.xnwh.cn`, DEMO_PASSWORD)
	;[bureau, supplier, supplier2, buyer, buyer2] = await Promise.all([
		demo('bureau'),
		demo('supplier'),
		demo('supplier2'),
		demo('buyer'),
		demo('buyer2'),
	])
	const firm = (firmName: string, kind: 'SUPPLIER' | 'BUYER', userName: string, verified = true) =>
		createFirmWithUser({ firmName, kind, verified, userName, role: kind })
	xs1 = await firm('咸宁恒瑞精密五金有限公司', 'SUPPLIER', '何经理')
	xs2 = await firm('通山县瑞丰新材料有限公司', 'SUPPLIER', '吴经理')
	xb1 = await firm('武汉锐科光电器件有限公司', 'BUYER', '郑工')
	xb2 = await firm('武汉华星智造装备有限公司', 'BUYER', '冯工')
	unverified = await firm('崇阳县待审电子有限公司', 'SUPPLIER', '孙经理', false)
})

afterAll(async () => {
	await db?.stop()
})

// ---- helpers -------------------------------------------------------------------------------------------

const firmOf = (who: SignedIn) => who.user.firmId!
const firmUser = (who: SignedIn) => asFirmUser(who.user)
const slotIds = (event: Event) => buildSlots(event).map((s) => s.id)
const reload = (id: string) => prisma.event.findUniqueOrThrow({ where: { id } })
const meetingOf = (requestId: string) => prisma.meeting.findUniqueOrThrow({ where: { requestId } })

let serial = 0

/** The event form as the browser posts it (every value a string), for a 2-hour day 10 days ahead. */
function eventForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	serial++
	const now = Date.now()
	return {
		title: `咸宁—武汉光电子信息产销对接会（第${serial}场）`,
		description:
			'围绕光模块外壳、精密连接器与线束，组织咸宁供应企业与武汉链主企业一对一线上洽谈。\n每场 30 分钟，请按议程准时进入会谈室。',
		clusterSlugs: ['electronics', 'equipment'],
		format: 'ONLINE',
		venue: '',
		days: dayFromNow(10),
		dayStart: '09:00',
		dayEnd: '11:00',
		meetingMinutes: '30',
		gapMinutes: '0',
		breaks: '',
		capacity: '60',
		minMeetings: '0',
		maxMeetings: '6',
		registrationOpensAt: toLocalInput(new Date(now - DAY)),
		registrationClosesAt: toLocalInput(new Date(now + 3 * DAY)),
		requestsCloseAt: toLocalInput(new Date(now + 5 * DAY)),
		...overrides,
	}
}

type OpenEvent = Event & { form: Record<string, unknown> }

/** Created by the organizer through the module; DRAFT. */
async function newEvent(form: Record<string, unknown> = eventForm()): Promise<OpenEvent> {
	const { id } = await createEvent(bureau.user, EventSchema.parse(form), meta)
	return Object.assign(await reload(id), { form })
}

/** Created and published. */
async function openEvent(overrides: Record<string, unknown> = {}): Promise<OpenEvent> {
	const event = await newEvent(eventForm(overrides))
	await setEventStatus(bureau.user, event.id, 'PUBLISHED', meta)
	return Object.assign(await reload(event.id), { form: event.form })
}

/** Moves the public registration window into the past: the event is then taking meeting requests only. */
async function closeRegistration(eventId: string) {
	const now = Date.now()
	await prisma.event.update({
		where: { id: eventId },
		data: { registrationOpensAt: new Date(now - 2 * DAY), registrationClosesAt: new Date(now - HOUR) },
	})
}

type JoinOptions = {
	unavailable?: string[]
	maxMeetings?: number
	pitch?: string
	side?: 'BUYER' | 'SUPPLIER'
}

function registerForm(event: Event, side: 'BUYER' | 'SUPPLIER', opts: JoinOptions = {}) {
	return RegisterSchema.parse({
		side,
		pitch:
			opts.pitch ??
			(side === 'BUYER'
				? '采购光模块外壳与精密连接器，年需求约 20 万件，希望对接咸宁本地配套企业'
				: '供应精密结构件与线束，可小批量打样，7 天交付'),
		availableSlots: slotIds(event).filter((s) => !opts.unavailable?.includes(s)),
		maxMeetings: opts.maxMeetings === undefined ? '' : String(opts.maxMeetings),
	})
}

function sideOf(who: SignedIn): 'BUYER' | 'SUPPLIER' {
	return who.user.firm!.kind === 'BUYER' ? 'BUYER' : 'SUPPLIER'
}

async function register(event: Event, who: SignedIn, opts: JoinOptions = {}) {
	return registerForEvent(firmUser(who), event.id, registerForm(event, opts.side ?? sideOf(who), opts), meta)
}

async function approve(event: Event, registrationId: string) {
	await decideRegistration(bureau.user, event.id, { registrationId, decision: 'approve', note: '' }, meta)
}

/** Registered and approved. */
async function join(event: Event, who: SignedIn, opts: JoinOptions = {}) {
	const reg = await register(event, who, opts)
	await approve(event, reg.id)
	return reg
}

async function ask(
	event: Event,
	from: SignedIn,
	to: SignedIn,
	priority: MeetingPriority = 'MUST',
	message = '希望就光模块外壳批量供货与打样周期进行洽谈',
) {
	const input = MeetingRequestSchema.parse({ toFirmId: firmOf(to), priority, message })
	return requestMeeting(from.user, event.id, input, meta)
}

async function accept(event: Event, who: SignedIn, requestId: string) {
	const input = RespondRequestSchema.parse({ decision: 'accept', requestId })
	await respondMeetingRequest(who.user, event.id, input, meta)
}

/** A request made by `from` and accepted by `to`. */
async function agreed(event: Event, from: SignedIn, to: SignedIn, priority: MeetingPriority = 'MUST') {
	const request = await ask(event, from, to, priority)
	await accept(event, to, request.id)
	return request
}

async function refused(promise: Promise<unknown>, key: string) {
	const error = await promise.then(
		() => null,
		(e: unknown) => e,
	)
	expect(error, `expected ${key}`).toBeInstanceOf(EventError)
	expect((error as EventError).key).toBe(key)
}

type Parsed =
	{ success: true } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }

/** A parse's issues as [field, message key] pairs. */
function errorsOf(result: Parsed): Array<[string, string]> {
	if (result.success) return []
	return result.error.issues.map((i) => [i.path.map(String).join('.'), i.message])
}

function usersOf(firmId: string) {
	return prisma.user.findMany({ where: { firmId }, select: { id: true, email: true } })
}

function notices(eventId: string, kind: string, firmId: string) {
	return prisma.notification.findMany({
		where: { kind, link: { startsWith: `/events/${eventId}` }, user: { firmId } },
		orderBy: { createdAt: 'asc' },
	})
}

/** No firm has two meetings that hold the same slot; returns the meetings holding slots. */
async function expectNoDoubleBooking(eventId: string) {
	const meetings = await prisma.meeting.findMany({ where: { eventId, status: { in: [...ACTIVE] } } })
	const seen = new Set<string>()
	for (const m of meetings) {
		for (const firmId of [m.buyerFirmId, m.supplierFirmId]) {
			const key = `${firmId}@${m.slotId}`
			expect(seen.has(key), `double booking ${key}`).toBe(false)
			seen.add(key)
		}
	}
	return meetings
}

function hhmm(date: Date) {
	return toLocalInput(date).slice(11)
}

// ---- 1. creating events ------------------------------------------------------------------------------

describe('creating an event', () => {
	test('the organizer creates an event from the form; a firm user cannot', async () => {
		const day1 = dayFromNow(10)
		const day2 = dayFromNow(11)
		const form = eventForm({
			format: 'HYBRID',
			venue: '  咸宁高新区科技企业孵化器 3 楼路演厅  ',
			days: `${day2}，${day1}`,
			breaks: '10:00-10:30',
			minMeetings: '1',
		})
		const input = EventSchema.parse(form)
		const created = await createEvent(bureau.user, input, meta)
		const row = await prisma.event.findUniqueOrThrow({
			where: { id: created.id },
			include: { clusters: { select: { slug: true } } },
		})
		expect(row).toMatchObject({
			title: form.title,
			description: form.description,
			format: 'HYBRID',
			venue: '咸宁高新区科技企业孵化器 3 楼路演厅',
			days: [day1, day2],
			dayStart: '09:00',
			dayEnd: '11:00',
			meetingMinutes: 30,
			breaks: ['10:00-10:30'],
			capacity: 60,
			minMeetings: 1,
			maxMeetings: 6,
			status: 'DRAFT',
			agendaStatus: 'NONE',
			hostId: bureau.user.id,
		})
		expect(row.clusters.map((c) => c.slug).sort()).toEqual(['electronics', 'equipment'])
		// 09:00, 09:30, (10:00–10:30 break), 10:30 on each day.
		expect(buildSlots(row).map((s) => s.id)).toEqual([
			`${day1}T09:00`,
			`${day1}T09:30`,
			`${day1}T10:30`,
			`${day2}T09:00`,
			`${day2}T09:30`,
			`${day2}T10:30`,
		])
		expect(row.startsAt).toEqual(localInstant(day1, '09:00'))
		expect(row.endsAt).toEqual(localInstant(day2, '11:00'))
		expect(row.requestsCloseAt).toEqual(new Date(`${String(form.requestsCloseAt)}:00+08:00`))
		const log = await prisma.auditLog.findFirstOrThrow({
			where: { action: 'event.create', targetId: row.id },
		})
		expect(log).toMatchObject({ actorId: bureau.user.id, targetType: 'Event' })

		await refused(createEvent(supplier.user, input, meta), 'err.eventForbidden')
		await refused(createEvent(buyer.user, input, meta), 'err.eventForbidden')
		expect(await prisma.event.count({ where: { title: String(form.title) } })).toBe(1)
		// A theme that does not exist.
		await refused(
			createEvent(bureau.user, EventSchema.parse(eventForm({ clusterSlugs: ['no-such-cluster'] })), meta),
			'err.eventClusters',
		)
	})

	test('bad input is refused with an error naming the field', () => {
		const day = dayFromNow(10)
		const cases: Array<[string, Record<string, unknown>, [string, string]]> = [
			['title empty', { title: '   ' }, ['title', 'err.eventTitle']],
			['title missing', { title: undefined }, ['title', 'err.eventTitle']],
			['venue missing for HYBRID', { format: 'HYBRID', venue: '' }, ['venue', 'err.eventVenue']],
			['venue blank for HYBRID', { format: 'HYBRID', venue: ' \u3000 ' }, ['venue', 'err.eventVenue']],
			['dayEnd before dayStart', { dayStart: '14:00', dayEnd: '09:00' }, ['dayEnd', 'err.eventDayEnd']],
			['min greater than max', { minMeetings: '7', maxMeetings: '6' }, ['minMeetings', 'err.eventMinMax']],
			[
				'requests close after the first slot',
				{ requestsCloseAt: `${day}T09:10` },
				['requestsCloseAt', 'err.eventRequestsBeforeStart'],
			],
			['break ends before it starts', { breaks: '10:30-10:00' }, ['breaks', 'err.eventBreaks']],
			[
				'no slot fits (120-minute meetings in a 1-hour day)',
				{ dayStart: '09:00', dayEnd: '10:00', meetingMinutes: '120' },
				['meetingMinutes', 'err.eventNoSlots'],
			],
			[
				'meeting length not a number',
				{ meetingMinutes: '半小时' },
				['meetingMinutes', 'err.eventMeetingMinutes'],
			],
			['no day', { days: '' }, ['days', 'err.eventDays']],
			['capacity below 2', { capacity: '1' }, ['capacity', 'err.eventCapacity']],
			[
				'registration closes before it opens',
				{
					registrationOpensAt: toLocalInput(new Date(Date.now() + 2 * DAY)),
					registrationClosesAt: toLocalInput(new Date(Date.now() + DAY)),
				},
				['registrationClosesAt', 'err.eventRegistrationOrder'],
			],
			[
				'registration opening not a date',
				{ registrationOpensAt: '下周一' },
				['registrationOpensAt', 'err.eventRegistrationOpens'],
			],
			['no theme', { clusterSlugs: undefined }, ['clusterSlugs', 'err.eventClusters']],
		]
		for (const [label, overrides, expected] of cases) {
			const result = EventSchema.safeParse(eventForm(overrides))
			expect(result.success, label).toBe(false)
			expect(errorsOf(result), label).toContainEqual(expected)
		}
		expect(EventSchema.safeParse(eventForm()).success).toBe(true)
	})

	test('malformed breaks and days are refused on their own field, not with a crash', () => {
		// A break that does not match HH:MM-HH:MM fails the regex, and zod still runs the object's
		// superRefine, which splits the break and builds the slot grid from it. The form shows errors
		// by field name ("breaks", "days"), so an error on "breaks.0" would be shown nowhere.
		const cases: Array<[Record<string, unknown>, [string, string]]> = [
			[{ breaks: '12:00~13:00' }, ['breaks', 'err.eventBreaks']],
			[{ breaks: '午休' }, ['breaks', 'err.eventBreaks']],
			[{ breaks: '12:00' }, ['breaks', 'err.eventBreaks']],
			[{ breaks: '12:00-13:00, 25:00-26:00' }, ['breaks', 'err.eventBreaks']],
			[{ days: '2026-02-30' }, ['days', 'err.eventDays']],
			[{ days: `${dayFromNow(10)} 12月10日` }, ['days', 'err.eventDays']],
		]
		for (const [overrides, expected] of cases) {
			const label = JSON.stringify(overrides)
			let thrown: unknown = null
			let errors: Array<[string, string]> = []
			try {
				errors = errorsOf(EventSchema.safeParse(eventForm(overrides)))
			} catch (e) {
				thrown = e
			}
			expect(thrown, label).toBeNull()
			// Exactly the field's own error: no follow-up errors computed from the malformed grid.
			expect(errors, label).toEqual([expected])
		}
	})

	test('every validation error of the event form is a Chinese message', () => {
		const day = dayFromNow(10)
		const bad: Array<Record<string, unknown>> = [
			{ title: '' },
			{ title: '会'.repeat(101) },
			{ description: '说明'.repeat(2001) },
			{ format: 'OFFLINE' },
			{ format: 'HYBRID', venue: '' },
			{ venue: '场'.repeat(201) },
			{ days: '2026-13-40' },
			{ days: Array.from({ length: 8 }, (_, i) => dayFromNow(10 + i)) },
			{ dayStart: '9点' },
			{ dayEnd: '08:00' },
			{ meetingMinutes: '5' },
			{ gapMinutes: '90' },
			{ breaks: '11:00-10:00' },
			{ capacity: '0' },
			{ minMeetings: '50' },
			{ maxMeetings: '0' },
			{ minMeetings: '7', maxMeetings: '6' },
			{ registrationOpensAt: '' },
			{ registrationClosesAt: '' },
			{ requestsCloseAt: '' },
			{ requestsCloseAt: `${day}T10:00` },
			{ dayStart: '09:00', dayEnd: '10:00', meetingMinutes: '120' },
			{ clusterSlugs: [] },
		]
		for (const overrides of bad) {
			const errors = errorsOf(EventSchema.safeParse(eventForm(overrides)))
			expect(errors.length, JSON.stringify(overrides)).toBeGreaterThan(0)
			for (const [field, key] of errors) {
				expect(isMessageKey(key), `${field}: ${key} has no message`).toBe(true)
				if (isMessageKey(key)) expect(zh[key], key).toMatch(/[\u4e00-\u9fff]/)
			}
		}
	})
})

// ---- 2. slot-safe editing ----------------------------------------------------------------------------

describe('editing the slot grid of an event with a published agenda', () => {
	test('a vanished slot sends its meeting to rebooking, a changed length retimes, the organizer rebooks', async () => {
		const event = await openEvent()
		const [s0, s1, s2, s3] = slotIds(event) as [string, string, string, string]
		// Nobody of the supplier and supplier2 can attend at 10:30: no meeting goes there.
		await join(event, buyer)
		await join(event, supplier, { unavailable: [s3] })
		await join(event, supplier2, { unavailable: [s3] })
		const a = await agreed(event, buyer, supplier)
		const b = await agreed(event, supplier2, buyer, 'MEET')
		const report = await runScheduler(bureau.user, event.id, meta)
		expect(report.stats.placed).toBe(2)
		await publishAgenda(bureau.user, event.id, meta)
		const before = { a: await meetingOf(a.id), b: await meetingOf(b.id) }
		expect(before.a.status).toBe('SCHEDULED')
		expect(before.b.status).toBe('SCHEDULED')
		expect([s0, s1, s2]).toContain(before.a.slotId)
		expect([s0, s1, s2]).toContain(before.b.slotId)
		expect(before.a.slotId).not.toBe(before.b.slotId) // the buyer is in both

		const users = {
			buyer: await usersOf(firmOf(buyer)),
			supplier: await usersOf(firmOf(supplier)),
			supplier2: await usersOf(firmOf(supplier2)),
		}
		const changed = async (who: SignedIn) =>
			(await notices(event.id, 'event.agendaChanged', firmOf(who))).length
		const subject = `【产业链供需对接平台】对接会「${String(event.form.title)}」时间安排有调整`

		// Edit 1: a break exactly over meeting A's slot removes that slot and nothing else.
		const aStart = hhmm(before.a.startsAt)
		const aEnd = hhmm(before.a.endsAt)
		const edit1 = { ...event.form, breaks: `${aStart}-${aEnd}` }
		expect(await updateEvent(bureau.user, event.id, EventSchema.parse(edit1), meta)).toEqual({
			rebook: 1,
			retimed: 0,
		})
		const afterEdit1 = { a: await meetingOf(a.id), b: await meetingOf(b.id) }
		expect(afterEdit1.a).toMatchObject({
			id: before.a.id,
			status: 'NEEDS_RESCHEDULE',
			slotId: before.a.slotId,
		})
		expect(afterEdit1.b).toMatchObject({
			status: 'SCHEDULED',
			slotId: before.b.slotId,
			startsAt: before.b.startsAt,
			endsAt: before.b.endsAt,
		})
		expect(slotIds(await reload(event.id))).not.toContain(before.a.slotId)
		expect(await changed(buyer)).toBe(users.buyer.length)
		expect(await changed(supplier)).toBe(users.supplier.length)
		expect(await changed(supplier2)).toBe(0)
		const mails1 = await prisma.mailOutbox.findMany({ where: { subject } })
		expect(mails1.map((m) => m.to).sort()).toEqual(
			[...users.buyer, ...users.supplier].map((u) => u.email).sort(),
		)
		// Both firms see the meeting waiting to be rebooked.
		const agenda = await firmAgenda(firmUser(supplier), event.id)
		expect(agenda!.meetings.map((m) => [m.id, m.status])).toEqual([[before.a.id, 'NEEDS_RESCHEDULE']])

		// Edit 2: same starts (every 30 minutes), 20-minute meetings: B keeps its slot with a new end.
		const edit2 = { ...edit1, meetingMinutes: '20', gapMinutes: '10' }
		expect(await updateEvent(bureau.user, event.id, EventSchema.parse(edit2), meta)).toEqual({
			rebook: 0,
			retimed: 1,
		})
		const afterEdit2 = await meetingOf(b.id)
		expect(afterEdit2).toMatchObject({
			id: before.b.id,
			status: 'SCHEDULED',
			slotId: before.b.slotId,
			startsAt: before.b.startsAt,
			endsAt: new Date(before.b.startsAt.getTime() + 20 * MINUTE),
		})
		expect(await changed(buyer)).toBe(2 * users.buyer.length)
		expect(await changed(supplier2)).toBe(users.supplier2.length)
		expect(await changed(supplier)).toBe(users.supplier.length)
		expect(await prisma.mailOutbox.count({ where: { subject } })).toBe(
			2 * users.buyer.length + users.supplier.length + users.supplier2.length,
		)

		// Rebooking A: the buyer is busy in B's slot; the supplier cannot attend at 10:30.
		await refused(
			placeMeeting(bureau.user, event.id, { requestId: a.id, slotId: before.b.slotId }, meta),
			'err.eventSlotTaken',
		)
		await refused(
			placeMeeting(bureau.user, event.id, { requestId: a.id, slotId: s3 }, meta),
			'err.eventSlotUnavailable',
		)
		await refused(
			placeMeeting(bureau.user, event.id, { requestId: a.id, slotId: before.a.slotId }, meta),
			'err.eventSlotUnknown',
		)
		await refused(
			placeMeeting(supplier.user, event.id, { requestId: a.id, slotId: s3 }, meta),
			'err.eventForbidden',
		)
		const free = [s0, s1, s2].find((s) => s !== before.a.slotId && s !== before.b.slotId)!
		await placeMeeting(bureau.user, event.id, { requestId: a.id, slotId: free }, meta)
		const slot = buildSlots(await reload(event.id)).find((s) => s.id === free)!
		expect(await meetingOf(a.id)).toMatchObject({
			id: before.a.id,
			status: 'SCHEDULED',
			locked: true,
			slotId: free,
			startsAt: slot.start,
			endsAt: slot.end,
		})
		expect(slot.end.getTime() - slot.start.getTime()).toBe(20 * MINUTE)
		expect((await notices(event.id, 'event.meetingMoved', firmOf(buyer))).length).toBe(users.buyer.length)
		expect((await notices(event.id, 'event.meetingMoved', firmOf(supplier))).length).toBe(
			users.supplier.length,
		)
		expect((await notices(event.id, 'event.meetingMoved', firmOf(supplier2))).length).toBe(0)
		await expectNoDoubleBooking(event.id)
	})

	test('an edit that removes the slot of a draft meeting shows the firms nothing', async () => {
		const event = await openEvent()
		await join(event, buyer2)
		await join(event, xs1)
		const request = await agreed(event, buyer2, xs1)
		await runScheduler(bureau.user, event.id, meta)
		const draft = await meetingOf(request.id)
		expect(draft.status).toBe('DRAFT')
		const edit = { ...event.form, breaks: `${hhmm(draft.startsAt)}-${hhmm(draft.endsAt)}` }
		await updateEvent(bureau.user, event.id, EventSchema.parse(edit), meta)
		// The agenda was never published: neither firm has been told of this meeting, nor may see it.
		for (const who of [buyer2, xs1]) {
			const agenda = await firmAgenda(firmUser(who), event.id)
			expect(agenda!.meetings, who.user.email).toEqual([])
			expect(await notices(event.id, 'event.agendaChanged', firmOf(who))).toEqual([])
		}
		// The next run places the request again, in a slot that exists.
		await runScheduler(bureau.user, event.id, meta)
		const again = await meetingOf(request.id)
		expect(again.status).toBe('DRAFT')
		expect(slotIds(await reload(event.id))).toContain(again.slotId)
		expect((await firmAgenda(firmUser(buyer2), event.id))!.meetings).toEqual([])
	})
})

// ---- 3. registration -----------------------------------------------------------------------------------

describe('registration', () => {
	test('verification, side, listings and capacity are checked', async () => {
		const event = await openEvent({ capacity: '2' })
		await refused(register(event, unverified), 'err.eventFirmNotVerified')
		// A BUYER firm cannot take the supplier side.
		await refused(register(event, buyer, { side: 'SUPPLIER' }), 'err.eventSideKind')
		// Listings must be the firm's own.
		const othersCapability = (await publishedCapabilities(firmOf(supplier2)))[0]!
		await refused(
			registerForEvent(
				firmUser(supplier),
				event.id,
				{ ...registerForm(event, 'SUPPLIER'), capabilityIds: [othersCapability.id] },
				meta,
			),
			'err.eventListingNotOwn',
		)
		const capabilities = (await publishedCapabilities(firmOf(supplier))).slice(0, 2)
		const demands = (await publishedDemands(firmOf(buyer))).slice(0, 2)
		const reg = await registerForEvent(
			firmUser(supplier),
			event.id,
			{ ...registerForm(event, 'SUPPLIER'), capabilityIds: capabilities.map((c) => c.id) },
			meta,
		)
		expect(reg).toMatchObject({
			status: 'PENDING',
			side: 'SUPPLIER',
			capabilityIds: capabilities.map((c) => c.id),
		})
		expect(reg.unavailableSlots).toEqual([])
		const host = await prisma.notification.findMany({
			where: { userId: bureau.user.id, kind: 'event.registered', link: `/events/${event.id}/manage` },
		})
		expect(host).toHaveLength(1)
		const second = await registerForEvent(
			firmUser(buyer),
			event.id,
			{ ...registerForm(event, 'BUYER'), demandIds: demands.map((d) => d.id) },
			meta,
		)
		expect(second.status).toBe('PENDING')
		// Two seats, two pending registrations: full.
		await refused(register(event, supplier2), 'err.eventFull')
		expect(await prisma.eventRegistration.count({ where: { eventId: event.id } })).toBe(2)
	})

	test('invited firms (by name or USCC) register straight to approved, even when the event is full', async () => {
		const event = await openEvent({ capacity: '2' })
		await register(event, supplier)
		await register(event, buyer)
		const xs1Firm = await prisma.firm.findUniqueOrThrow({
			where: { id: firmOf(xs1) },
			select: { uscc: true, name: true },
		})
		const buyer2Name = buyer2.user.firm!.name
		const unverifiedName = unverified.user.firm!.name
		const result = await inviteFirms(
			bureau.user,
			event.id,
			[buyer2Name, ` ${xs1Firm.uscc.toLowerCase()} `, '不存在的公司', unverifiedName, ''],
			meta,
		)
		expect(result.invited.sort()).toEqual([buyer2Name, xs1Firm.name].sort())
		expect(result.already).toEqual([])
		// Unknown and unverified firms are reported back as they were typed.
		expect(result.unknown.sort()).toEqual(['不存在的公司', unverifiedName].sort())
		const invitedRegs = await prisma.eventRegistration.findMany({
			where: { eventId: event.id, status: 'INVITED' },
		})
		expect(invitedRegs.map((r) => r.firmId).sort()).toEqual([firmOf(buyer2), firmOf(xs1)].sort())
		expect(await notices(event.id, 'event.invited', firmOf(buyer2))).toHaveLength(
			(await usersOf(firmOf(buyer2))).length,
		)
		// Inviting again reports them as already there.
		const again = await inviteFirms(bureau.user, event.id, [buyer2Name], meta)
		expect(again).toEqual({ invited: [], already: [buyer2Name], unknown: [] })

		const reg = await register(event, buyer2)
		expect(reg.status).toBe('APPROVED')
		expect((await register(event, xs1)).status).toBe('APPROVED')
		// Public registration stays full.
		await refused(register(event, supplier2), 'err.eventFull')
		await refused(inviteFirms(supplier.user, event.id, [buyer2Name], meta), 'err.eventForbidden')
	})

	test('registration outside the window is refused; invited firms may accept until requests close', async () => {
		const early = await openEvent({
			registrationOpensAt: toLocalInput(new Date(Date.now() + DAY)),
			registrationClosesAt: toLocalInput(new Date(Date.now() + 3 * DAY)),
		})
		await refused(register(early, supplier), 'err.eventRegistrationClosed')

		const event = await openEvent()
		await inviteFirms(bureau.user, event.id, [supplier2.user.firm!.name], meta)
		await closeRegistration(event.id)
		await refused(register(event, buyer), 'err.eventRegistrationClosed')
		expect((await register(event, supplier2)).status).toBe('APPROVED')

		// A draft event takes no registrations.
		const draft = await newEvent()
		await refused(register(draft, supplier), 'err.eventNotOpen')
	})

	test('a firm that withdrew cannot come back after the registration window has closed', async () => {
		const event = await openEvent()
		await register(event, xb1)
		await withdrawRegistration(firmUser(xb1), event.id, meta)
		await closeRegistration(event.id)
		await refused(register(event, xb1), 'err.eventRegistrationClosed')
		const reg = await prisma.eventRegistration.findFirstOrThrow({
			where: { eventId: event.id, firmId: firmOf(xb1) },
		})
		expect(reg.status).toBe('WITHDRAWN')
	})

	test('rejection needs a note; a rejected firm cannot register again', async () => {
		const event = await openEvent()
		const reg = await register(event, xs2)
		const decide = (note: string) =>
			decideRegistration(bureau.user, event.id, { registrationId: reg.id, decision: 'reject', note }, meta)
		await refused(decide(''), 'err.eventRejectNote')
		await refused(decide('  否 '), 'err.eventRejectNote')
		await refused(
			decideRegistration(
				supplier.user,
				event.id,
				{ registrationId: reg.id, decision: 'approve', note: '' },
				meta,
			),
			'err.eventForbidden',
		)
		await decide('  主营产品与本场光电子主题不符，建议报名新材料专场  ')
		const row = await prisma.eventRegistration.findUniqueOrThrow({ where: { id: reg.id } })
		expect(row).toMatchObject({
			status: 'REJECTED',
			decisionNote: '主营产品与本场光电子主题不符，建议报名新材料专场',
			decidedById: bureau.user.id,
		})
		const rejected = await notices(event.id, 'event.rejected', firmOf(xs2))
		expect(rejected.map((n) => n.body)).toEqual(['主营产品与本场光电子主题不符，建议报名新材料专场'])
		expect(
			await prisma.mailOutbox.count({
				where: { subject: { contains: `「${String(event.form.title)}」报名未通过` } },
			}),
		).toBe(1)
		// Decided is decided.
		await refused(decide('再次拒绝的意见'), 'err.eventDecided')
		await refused(register(event, xs2), 'err.eventRejected')
		expect((await prisma.eventRegistration.findUniqueOrThrow({ where: { id: reg.id } })).status).toBe(
			'REJECTED',
		)
	})

	test('a firm with booked meetings cannot withdraw; one without can, and its pending requests go', async () => {
		const event = await openEvent()
		await join(event, buyer)
		await join(event, supplier)
		await join(event, supplier2)
		await agreed(event, buyer, supplier)
		const pending = await ask(event, buyer, supplier2, 'MEET')
		await runScheduler(bureau.user, event.id, meta)
		await refused(withdrawRegistration(firmUser(buyer), event.id, meta), 'err.eventWithdrawBooked')
		await refused(withdrawRegistration(firmUser(supplier), event.id, meta), 'err.eventWithdrawBooked')
		await publishAgenda(bureau.user, event.id, meta)
		await refused(withdrawRegistration(firmUser(supplier), event.id, meta), 'err.eventWithdrawBooked')
		await withdrawRegistration(firmUser(supplier2), event.id, meta)
		expect(
			(
				await prisma.eventRegistration.findFirstOrThrow({
					where: { eventId: event.id, firmId: firmOf(supplier2) },
				})
			).status,
		).toBe('WITHDRAWN')
		expect((await prisma.meetingRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe(
			'WITHDRAWN',
		)
		await refused(withdrawRegistration(firmUser(supplier2), event.id, meta), 'err.eventNotRegistered')
		await refused(withdrawRegistration(firmUser(xb2), event.id, meta), 'err.eventNotRegistered')
	})
})

// ---- 4. meeting requests and who sees what --------------------------------------------------------------

describe('meeting requests', () => {
	test('between approved firms of opposite sides, once per pair', async () => {
		const event = await openEvent()
		await join(event, buyer)
		await join(event, buyer2)
		await join(event, supplier)
		await join(event, supplier2)
		await register(event, xs1) // pending, not approved

		const request = await ask(event, buyer, supplier, 'MUST', '  希望了解贵司线束产品的车规认证情况  ')
		expect(request).toMatchObject({
			fromFirmId: firmOf(buyer),
			toFirmId: firmOf(supplier),
			buyerFirmId: firmOf(buyer),
			supplierFirmId: firmOf(supplier),
			priority: 'MUST',
			status: 'PENDING',
			message: '希望了解贵司线束产品的车规认证情况',
			onBehalfById: null,
		})
		const told = await notices(event.id, 'event.requested', firmOf(supplier))
		expect(told).toHaveLength((await usersOf(firmOf(supplier))).length)
		expect(told[0]!.body).toBe('必须见：希望了解贵司线束产品的车规认证情况')

		await refused(ask(event, buyer, buyer2), 'err.eventRequestSameSide')
		await refused(ask(event, buyer, buyer), 'err.eventRequestSelf')
		await refused(ask(event, buyer, supplier, 'MEET'), 'err.eventRequestExists')
		// The pair is one pair whoever asks.
		await refused(ask(event, supplier, buyer), 'err.eventRequestExists')
		await refused(ask(event, buyer, xs1), 'err.eventRequestTarget')
		await refused(ask(event, xs1, buyer), 'err.eventNotRegistered')
		await refused(ask(event, buyer, xs2), 'err.eventRequestTarget')
		await refused(
			requestMeeting(
				bureau.user,
				event.id,
				MeetingRequestSchema.parse({ toFirmId: firmOf(supplier), priority: 'MEET', message: '主办方推荐' }),
				meta,
			),
			'err.eventForbidden',
		)
		expect(
			errorsOf(
				MeetingRequestSchema.safeParse({ toFirmId: firmOf(supplier), priority: 'MEET', message: '  ' }),
			),
		).toEqual([['message', 'err.eventRequestMessage']])
		expect(
			errorsOf(
				MeetingRequestSchema.safeParse({ toFirmId: firmOf(supplier), priority: 'SOON', message: '你好' }),
			),
		).toEqual([['priority', 'err.eventPriority']])

		// A declined request may be asked again.
		const second = await ask(event, supplier2, buyer, 'MEET')
		await respondMeetingRequest(
			buyer.user,
			event.id,
			RespondRequestSchema.parse({
				decision: 'decline',
				requestId: second.id,
				reason: '  本期暂无该品类需求  ',
			}),
			meta,
		)
		expect(await prisma.meetingRequest.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
			status: 'DECLINED',
			declineReason: '本期暂无该品类需求',
			respondedById: buyer.user.id,
		})
		const declined = await notices(event.id, 'event.requestDeclined', firmOf(supplier2))
		expect(declined.map((n) => n.body)).toContain('本期暂无该品类需求')
		const third = await ask(event, supplier2, buyer, 'MUST')
		expect(third.id).toBe(second.id)
		expect(third).toMatchObject({ status: 'PENDING', declineReason: '', priority: 'MUST', respondedAt: null })
		await refused(
			respondMeetingRequest(
				buyer.user,
				event.id,
				RespondRequestSchema.parse({ decision: 'accept', requestId: request.id }),
				meta,
			),
			'err.eventRequestNotFound',
		)
		await accept(event, supplier, request.id)
		await refused(
			respondMeetingRequest(
				supplier.user,
				event.id,
				RespondRequestSchema.parse({ decision: 'accept', requestId: request.id }),
				meta,
			),
			'err.eventRequestAnswered',
		)
		await refused(ask(event, buyer, supplier), 'err.eventRequestExists')
	})

	test('a firm cannot answer, withdraw or see a request addressed to another firm', async () => {
		const event = await openEvent()
		for (const who of [buyer, buyer2, supplier, supplier2]) await join(event, who)
		const toSupplier = await ask(event, buyer, supplier)
		const mine = await ask(event, buyer2, supplier2, 'MEET')

		// supplier2 answering the buyer's request to supplier: reads as not found, no hint it exists.
		await refused(
			respondMeetingRequest(
				supplier2.user,
				event.id,
				RespondRequestSchema.parse({ decision: 'accept', requestId: toSupplier.id }),
				meta,
			),
			'err.eventRequestNotFound',
		)
		await refused(
			respondMeetingRequest(
				supplier2.user,
				event.id,
				RespondRequestSchema.parse({ decision: 'decline', requestId: toSupplier.id, reason: '不感兴趣' }),
				meta,
			),
			'err.eventRequestNotFound',
		)
		// …and the same for a request id that does not exist at all.
		await refused(
			respondMeetingRequest(
				supplier2.user,
				event.id,
				RespondRequestSchema.parse({ decision: 'accept', requestId: 'cnosuchrequest000000000000' }),
				meta,
			),
			'err.eventRequestNotFound',
		)
		await refused(
			withdrawMeetingRequest(supplier2.user, event.id, toSupplier.id, meta),
			'err.eventRequestNotFound',
		)
		await refused(
			withdrawMeetingRequest(supplier.user, event.id, toSupplier.id, meta),
			'err.eventRequestNotFound',
		)
		expect((await prisma.meetingRequest.findUniqueOrThrow({ where: { id: toSupplier.id } })).status).toBe(
			'PENDING',
		)

		const agenda = await firmAgenda(firmUser(supplier2), event.id)
		expect(agenda!.requests.map((r) => r.id)).toEqual([mine.id])
		expect(agenda!.requests[0]).toMatchObject({
			incoming: true,
			counterpart: { id: firmOf(buyer2), name: buyer2.user.firm!.name },
		})
		const buyerAgenda = await firmAgenda(firmUser(buyer), event.id)
		expect(buyerAgenda!.requests.map((r) => [r.id, r.incoming])).toEqual([[toSupplier.id, false]])
		// A firm not approved for the event has no agenda.
		expect(await firmAgenda(firmUser(xs1), event.id)).toBeNull()

		// The sender may withdraw its own request.
		await withdrawMeetingRequest(buyer2.user, event.id, mine.id, meta)
		expect((await prisma.meetingRequest.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe(
			'WITHDRAWN',
		)
	})

	test('firms never see draft meetings: the agenda appears once it is published', async () => {
		const event = await openEvent()
		for (const who of [buyer, supplier, supplier2]) await join(event, who)
		const request = await agreed(event, buyer, supplier)
		const report = await runScheduler(bureau.user, event.id, meta)
		expect(report.stats).toMatchObject({ accepted: 1, placed: 1 })
		const draft = await meetingOf(request.id)
		expect(draft.status).toBe('DRAFT')
		expect((await reload(event.id)).agendaStatus).toBe('DRAFT')
		for (const who of [buyer, supplier])
			expect((await firmAgenda(firmUser(who), event.id))!.meetings).toEqual([])

		await publishAgenda(bureau.user, event.id, meta)
		const agenda = await firmAgenda(firmUser(buyer), event.id)
		expect(agenda!.meetings).toHaveLength(1)
		expect(agenda!.meetings[0]).toMatchObject({
			id: draft.id,
			status: 'SCHEDULED',
			slotId: draft.slotId,
			counterpart: { id: firmOf(supplier), name: supplier.user.firm!.name },
		})
		expect((await firmAgenda(firmUser(supplier2), event.id))!.meetings).toEqual([])
		expect(await notices(event.id, 'event.agendaPublished', firmOf(buyer))).toHaveLength(
			(await usersOf(firmOf(buyer))).length,
		)
		expect((await reload(event.id)).agendaStatus).toBe('PUBLISHED')
		// Nothing new to publish.
		await refused(publishAgenda(bureau.user, event.id, meta), 'err.eventNoDraft')
	})

	test('requests still pending when requests close expire at the scheduler run and are not scheduled', async () => {
		const event = await openEvent()
		for (const who of [buyer, buyer2, supplier, supplier2]) await join(event, who)
		const accepted = await agreed(event, buyer, supplier)
		const pending1 = await ask(event, buyer2, supplier)
		const pending2 = await ask(event, supplier2, buyer, 'MEET')
		const now = Date.now()
		await prisma.event.update({
			where: { id: event.id },
			data: {
				registrationOpensAt: new Date(now - 3 * DAY),
				registrationClosesAt: new Date(now - 2 * DAY),
				requestsCloseAt: new Date(now - HOUR),
			},
		})
		// Requests are closed for everyone now.
		await refused(
			respondMeetingRequest(
				supplier.user,
				event.id,
				RespondRequestSchema.parse({ decision: 'accept', requestId: pending1.id }),
				meta,
			),
			'err.eventRequestsClosed',
		)
		await refused(ask(event, buyer2, supplier2), 'err.eventRequestsClosed')

		const report = await runScheduler(bureau.user, event.id, meta)
		for (const id of [pending1.id, pending2.id]) {
			expect((await prisma.meetingRequest.findUniqueOrThrow({ where: { id } })).status).toBe('EXPIRED')
			expect(await prisma.meeting.findUnique({ where: { requestId: id } })).toBeNull()
		}
		expect((await prisma.meetingRequest.findUniqueOrThrow({ where: { id: accepted.id } })).status).toBe(
			'ACCEPTED',
		)
		expect((await meetingOf(accepted.id)).status).toBe('DRAFT')
		expect(report.stats).toMatchObject({ requests: 1, accepted: 1, placed: 1 })
		expect(report.unplaced).toEqual([])
	})

	test('bureau staff may ask on behalf of a firm (audited); a firm user may not', async () => {
		const event = await openEvent()
		for (const who of [buyer, supplier, supplier2]) await join(event, who)
		const input = MeetingRequestSchema.parse({
			toFirmId: firmOf(supplier),
			priority: 'MUST',
			message: '主办方代为预约：链主企业希望了解线束产能',
		})
		const request = await requestMeeting(bureau.user, event.id, input, meta, firmOf(buyer))
		expect(request).toMatchObject({
			fromFirmId: firmOf(buyer),
			toFirmId: firmOf(supplier),
			onBehalfById: bureau.user.id,
			createdById: bureau.user.id,
			status: 'PENDING',
		})
		const log = await prisma.auditLog.findFirstOrThrow({
			where: { action: 'event.request.onBehalf', targetId: request.id },
		})
		expect(log).toMatchObject({ actorId: bureau.user.id, actorRole: 'BUREAU', targetType: 'MeetingRequest' })
		expect(log.detail).toMatchObject({
			eventId: event.id,
			fromFirmId: firmOf(buyer),
			toFirmId: firmOf(supplier),
		})

		// A firm user passing onBehalfOf (for itself or another firm) is refused.
		const other = MeetingRequestSchema.parse({
			toFirmId: firmOf(buyer),
			priority: 'MEET',
			message: '代为预约',
		})
		await refused(
			requestMeeting(supplier.user, event.id, other, meta, firmOf(supplier2)),
			'err.eventForbidden',
		)
		await refused(
			requestMeeting(supplier2.user, event.id, other, meta, firmOf(supplier2)),
			'err.eventForbidden',
		)
		expect(await prisma.meetingRequest.count({ where: { eventId: event.id } })).toBe(1)
		// The organizer may answer on behalf of the asked firm too (audited).
		await respondMeetingRequest(
			bureau.user,
			event.id,
			RespondRequestSchema.parse({ decision: 'accept', requestId: request.id }),
			meta,
			true,
		)
		expect(
			await prisma.auditLog.count({
				where: { action: 'event.request.accept.onBehalf', targetId: request.id },
			}),
		).toBe(1)
		await refused(
			respondMeetingRequest(
				supplier.user,
				event.id,
				RespondRequestSchema.parse({ decision: 'accept', requestId: request.id }),
				meta,
				true,
			),
			'err.eventForbidden',
		)
	})
})

// ---- 5. the scheduler ---------------------------------------------------------------------------------

describe('scheduling', () => {
	test('several firms: no double booking, availability and maxima respected, published meetings kept', async () => {
		const event = await openEvent({ maxMeetings: '3' })
		const [s0] = slotIds(event) as [string]
		await join(event, buyer, { maxMeetings: 2 })
		await join(event, supplier, { unavailable: [s0] })
		for (const who of [buyer2, xb1, supplier2, xs1, xs2]) await join(event, who)
		// Every pair of three buyers and three suppliers, and xb1 with xs1: the buyer has 3 accepted
		// requests for at most 2 meetings, xb1 has 4 for at most 3.
		const pairs: Array<[SignedIn, SignedIn]> = []
		for (const b of [buyer, buyer2, xb1]) for (const s of [supplier, supplier2, xs2]) pairs.push([b, s])
		pairs.push([xb1, xs1])
		for (const [i, [b, s]] of pairs.entries()) {
			const priority = i % 3 === 0 ? 'MEET' : 'MUST'
			// Alternate who asks.
			if (i % 2 === 0) await agreed(event, b, s, priority)
			else await agreed(event, s, b, priority)
		}

		const report = await runScheduler(bureau.user, event.id, meta)
		const max = new Map<string, number>(
			[buyer, buyer2, xb1, xb2, supplier, supplier2, xs1, xs2].map((w) => [firmOf(w), w === buyer ? 2 : 3]),
		)
		const check = async () => {
			const meetings = await expectNoDoubleBooking(event.id)
			for (const m of meetings) {
				expect(
					m.supplierFirmId === firmOf(supplier) && m.slotId === s0,
					'supplier cannot attend slot 0',
				).toBe(false)
				const slot = buildSlots(event).find((s) => s.id === m.slotId)
				expect(slot, m.slotId).toBeDefined()
				expect([m.startsAt, m.endsAt]).toEqual([slot!.start, slot!.end])
			}
			for (const [firmId, limit] of max) {
				const count = meetings.filter((m) => m.buyerFirmId === firmId || m.supplierFirmId === firmId).length
				expect(count, `meetings of ${firmId}`).toBeLessThanOrEqual(limit)
			}
			return meetings
		}
		const drafts = await check()
		expect(drafts.every((m) => m.status === 'DRAFT' && !m.locked)).toBe(true)
		expect(report.stats).toMatchObject({ requests: 10, accepted: 10, firms: 7, slots: 4 })
		expect(report.stats.placed).toBe(drafts.length)
		// At most 2 + 3 + 3 meetings for the three buyers.
		expect(drafts.length).toBeGreaterThanOrEqual(6)
		expect(drafts.length).toBeLessThanOrEqual(8)
		expect(report.unplaced).toHaveLength(10 - drafts.length)
		const names = new Set([buyer, buyer2, xb1, supplier, supplier2, xs1, xs2].map((w) => w.user.firm!.name))
		for (const u of report.unplaced) {
			expect(['FIRM_AT_MAX', 'SLOTS_TAKEN', 'NO_COMMON_SLOT']).toContain(u.reason)
			expect(u.detail).toMatch(/[\u4e00-\u9fff]/)
			expect(names.has(u.buyer), u.buyer).toBe(true)
			expect(names.has(u.supplier), u.supplier).toBe(true)
			expect(await prisma.meeting.findUnique({ where: { requestId: u.requestId } })).toBeNull()
		}
		const stored = (await reload(event.id)).schedulerReport as {
			unplaced: unknown[]
			stats: { placed: number }
		}
		expect(stored.stats.placed).toBe(drafts.length)
		expect(stored.unplaced).toHaveLength(report.unplaced.length)

		await publishAgenda(bureau.user, event.id, meta)
		const published = new Map(
			(await prisma.meeting.findMany({ where: { eventId: event.id } })).map((m) => [m.id, m]),
		)
		expect([...published.values()].every((m) => m.status === 'SCHEDULED')).toBe(true)

		// A late firm joins after publishing and two more requests are accepted; a second run adds
		// meetings around the booked ones (xs1 has at most one meeting, xb2 none: a common slot is free).
		await join(event, xb2)
		const late = [await agreed(event, xb2, xs1, 'MUST'), await agreed(event, xs2, xb2, 'MEET')]
		const second = await runScheduler(bureau.user, event.id, meta)
		expect(second.stats.accepted).toBe(12)
		const after = await check()
		for (const [id, m] of published) {
			const kept = after.find((x) => x.id === id)
			expect(kept, `published meeting ${id} kept`).toBeDefined()
			expect(kept).toMatchObject({
				status: 'SCHEDULED',
				slotId: m.slotId,
				startsAt: m.startsAt,
				requestId: m.requestId,
			})
		}
		const fresh = after.filter((m) => !published.has(m.id))
		expect(fresh.every((m) => m.status === 'DRAFT')).toBe(true)
		expect(fresh.map((m) => m.requestId)).toContain(late[0]!.id)
		expect(second.stats.placed).toBe(after.length)
		expect((await reload(event.id)).agendaStatus).toBe('PUBLISHED')
	})

	test('hand placement locks a draft meeting and the next run keeps it; only drafts can be removed', async () => {
		const event = await openEvent()
		for (const who of [buyer, buyer2, supplier, supplier2]) await join(event, who)
		const requests = [
			await agreed(event, buyer, supplier),
			await agreed(event, buyer, supplier2, 'MEET'),
			await agreed(event, supplier, buyer2),
			await agreed(event, buyer2, supplier2, 'MEET'),
		]
		await runScheduler(bureau.user, event.id, meta)
		const drafts = await expectNoDoubleBooking(event.id)
		expect(drafts).toHaveLength(4)
		const moved = drafts.find((m) => m.requestId === requests[0]!.id)!
		const busy = new Set(
			drafts
				.filter((m) => m.id !== moved.id)
				.filter((m) =>
					[m.buyerFirmId, m.supplierFirmId].some(
						(f) => f === moved.buyerFirmId || f === moved.supplierFirmId,
					),
				)
				.map((m) => m.slotId),
		)
		const target = slotIds(event).find((s) => s !== moved.slotId && !busy.has(s))!
		expect(target).toBeDefined()
		await placeMeeting(bureau.user, event.id, { requestId: moved.requestId, slotId: target }, meta)
		expect(await meetingOf(moved.requestId)).toMatchObject({
			id: moved.id,
			status: 'DRAFT',
			locked: true,
			slotId: target,
		})
		// Draft moves tell nobody.
		expect(await notices(event.id, 'event.meetingMoved', firmOf(buyer))).toEqual([])

		await runScheduler(bureau.user, event.id, meta)
		expect(await meetingOf(moved.requestId)).toMatchObject({
			id: moved.id,
			status: 'DRAFT',
			locked: true,
			slotId: target,
		})
		expect(await expectNoDoubleBooking(event.id)).toHaveLength(4)

		// Removing an unlocked draft: the request stays accepted and is unplaced until the next run.
		const other = await meetingOf(requests[3]!.id)
		await refused(removeDraftMeeting(buyer2.user, event.id, other.id, meta), 'err.eventForbidden')
		await removeDraftMeeting(bureau.user, event.id, other.id, meta)
		expect(await prisma.meeting.findUnique({ where: { id: other.id } })).toBeNull()
		expect((await prisma.meetingRequest.findUniqueOrThrow({ where: { id: requests[3]!.id } })).status).toBe(
			'ACCEPTED',
		)
		await runScheduler(bureau.user, event.id, meta)
		expect(await expectNoDoubleBooking(event.id)).toHaveLength(4)
		expect(await meetingOf(moved.requestId)).toMatchObject({ locked: true, slotId: target })

		await publishAgenda(bureau.user, event.id, meta)
		const scheduled = await meetingOf(requests[1]!.id)
		expect(scheduled.status).toBe('SCHEDULED')
		await refused(removeDraftMeeting(bureau.user, event.id, scheduled.id, meta), 'err.eventMeetingNotDraft')
		expect(await prisma.meeting.findUnique({ where: { id: scheduled.id } })).not.toBeNull()
		await refused(
			removeDraftMeeting(bureau.user, event.id, 'cnosuchmeeting000000000000', meta),
			'err.eventMeetingNotDraft',
		)
	})

	test('the unplaced report names firms by their names, not their database ids', async () => {
		const event = await openEvent()
		await join(event, xb1, { maxMeetings: 1 })
		await join(event, supplier)
		await join(event, supplier2)
		await agreed(event, xb1, supplier)
		await agreed(event, xb1, supplier2)
		const report = await runScheduler(bureau.user, event.id, meta)
		expect(report.stats.placed).toBe(1)
		expect(report.unplaced).toHaveLength(1)
		const [u] = report.unplaced
		expect(u).toMatchObject({ reason: 'FIRM_AT_MAX', buyer: xb1.user.firm!.name })
		// The organizer reads this sentence on the manage page.
		expect(u!.detail).toContain(xb1.user.firm!.name)
		for (const id of [firmOf(xb1), firmOf(supplier), firmOf(supplier2)]) expect(u!.detail).not.toContain(id)
	})
})

// ---- 6. outcomes --------------------------------------------------------------------------------------

describe('meeting outcomes', () => {
	test('recorded by a firm of the meeting once it has started, with a contract amount', async () => {
		const event = await openEvent()
		for (const who of [buyer, supplier, supplier2]) await join(event, who)
		const request = await agreed(event, buyer, supplier)
		const [s0] = slotIds(event) as [string]
		await placeMeeting(bureau.user, event.id, { requestId: request.id, slotId: s0 }, meta)
		const draft = await meetingOf(request.id)
		const afterStart = new Date(draft.startsAt.getTime() + 10 * MINUTE)
		const outcome = (data: Record<string, unknown>) => OutcomeSchema.parse({ meetingId: draft.id, ...data })
		// A draft is nobody's meeting yet.
		await refused(
			recordOutcome(supplier.user, event.id, outcome({ outcome: 'INTENT' }), meta, afterStart),
			'err.eventMeetingNotFound',
		)
		await publishAgenda(bureau.user, event.id, meta)

		await refused(
			recordOutcome(buyer.user, event.id, outcome({ outcome: 'INTENT' }), meta),
			'err.eventOutcomeEarly',
		)
		await refused(
			recordOutcome(
				buyer.user,
				event.id,
				outcome({ outcome: 'INTENT' }),
				meta,
				new Date(draft.startsAt.getTime() - MINUTE),
			),
			'err.eventOutcomeEarly',
		)
		await refused(
			recordOutcome(supplier2.user, event.id, outcome({ outcome: 'INTENT' }), meta, afterStart),
			'err.eventMeetingNotFound',
		)

		expect(
			errorsOf(OutcomeSchema.safeParse({ meetingId: draft.id, outcome: 'CONTRACT', amount: '一百万' })),
		).toEqual([['amount', 'err.eventAmount']])
		expect(
			errorsOf(OutcomeSchema.safeParse({ meetingId: draft.id, outcome: 'CONTRACT', amount: '' })),
		).toEqual([['amount', 'err.eventAmount']])
		expect(
			errorsOf(OutcomeSchema.safeParse({ meetingId: draft.id, outcome: 'CONTRACT', amount: '0' })),
		).toEqual([['amount', 'err.eventAmount']])
		expect(
			errorsOf(OutcomeSchema.safeParse({ meetingId: draft.id, outcome: 'CONTRACT', amount: '12.345' })),
		).toEqual([['amount', 'err.eventAmount']])
		expect(errorsOf(OutcomeSchema.safeParse({ meetingId: draft.id, outcome: 'DEAL' }))).toEqual([
			['outcome', 'err.eventOutcome'],
		])

		const contract = outcome({
			outcome: 'CONTRACT',
			amount: '1,250,000.50',
			note: '  已签订框架采购协议，首批 5 万件  ',
		})
		await recordOutcome(supplier.user, event.id, contract, meta, afterStart)
		const held = await meetingOf(request.id)
		expect(held).toMatchObject({
			status: 'HELD',
			outcome: 'CONTRACT',
			outcomeNote: '已签订框架采购协议，首批 5 万件',
			outcomeById: supplier.user.id,
			outcomeAt: afterStart,
		})
		expect(held.dealAmount?.toFixed(2)).toBe('1250000.50')
		expect(held.dealAmount?.equals('1250000.5')).toBe(true)
		const agenda = await firmAgenda(firmUser(buyer), event.id)
		expect(agenda!.meetings[0]).toMatchObject({
			id: held.id,
			status: 'HELD',
			outcome: 'CONTRACT',
			dealAmount: '1250000.50',
		})
		expect(
			await prisma.auditLog.count({ where: { action: 'event.meeting.outcome', targetId: held.id } }),
		).toBe(1)

		// The other firm corrects it: no contract, so no amount.
		await recordOutcome(buyer.user, event.id, outcome({ outcome: 'SAMPLE', amount: '300' }), meta, afterStart)
		expect(await meetingOf(request.id)).toMatchObject({
			status: 'HELD',
			outcome: 'SAMPLE',
			dealAmount: null,
			outcomeNote: '',
		})
		// A held meeting cannot be moved any more.
		await refused(
			placeMeeting(bureau.user, event.id, { requestId: request.id, slotId: slotIds(event)[1]! }, meta),
			'err.eventMeetingFinal',
		)
	})
})

// ---- 7. naughty strings -------------------------------------------------------------------------------

describe(`free text of events with the Big List of Naughty Strings (${process.env.TEST_DB_KIND})`, () => {
	test('every free-text field stores the well-formed text, or refuses blank and too long input', async () => {
		const blns = JSON.parse(readFileSync(path.resolve('../shared/data/blns/blns.json'), 'utf8')) as string[]
		expect(blns).toHaveLength(515)
		// Every 20th string, plus the control characters, the invisible and bidi marks, a BOM alone, Thai
		// combining marks, zalgo text and an ideographic space.
		const extra = [93, 96, 97, 113, 178, 434]
		const sample = blns.filter((_, i) => i % 20 === 0 || extra.includes(i))
		expect(sample.length).toBeGreaterThanOrEqual(30)
		expect(sample.some((s) => wellFormedText(s) !== s)).toBe(true)
		expect(sample.some((s) => s.trim() === '')).toBe(true)
		expect(sample.some((s) => [...s].length > 200)).toBe(true)
		const blank = (s: string) => wellFormedText(s).trim() === ''
		const trimmed = (s: string) => wellFormedText(s).trim()
		// zod measures length in code points.
		const length = (s: string) => [...s].length

		// Title, description and venue, through the form and createEvent.
		for (const s of sample) {
			const titleError = length(s) > 100 ? 'err.tooLong100' : blank(s) ? 'err.eventTitle' : null
			const venueError = length(s) > 200 ? 'err.tooLong200' : blank(s) ? 'err.eventVenue' : null
			const naughty = EventSchema.safeParse(
				eventForm({ title: s, description: s, venue: s, format: 'HYBRID' }),
			)
			const expected: Array<[string, string]> = []
			if (titleError) expected.push(['title', titleError])
			if (venueError) expected.push(['venue', venueError])
			expect(errorsOf(naughty).sort(), JSON.stringify(s)).toEqual(expected.sort())

			const form = eventForm({
				title: titleError ? '备用名称' : s,
				description: s,
				venue: venueError ? '咸宁市会展中心' : s,
				format: 'HYBRID',
			})
			const { id } = await createEvent(bureau.user, EventSchema.parse(form), meta)
			const row = await reload(id)
			expect(row.title, JSON.stringify(s)).toBe(titleError ? '备用名称' : trimmed(s))
			expect(row.description, JSON.stringify(s)).toBe(wellFormedText(s))
			expect(row.venue, JSON.stringify(s)).toBe(venueError ? '咸宁市会展中心' : trimmed(s))
		}

		const event = await openEvent()
		const ids = slotIds(event)
		for (const who of [buyer, supplier, supplier2]) await join(event, who)
		// A published meeting for the outcome notes.
		const met = await agreed(event, buyer, supplier2)
		await placeMeeting(bureau.user, event.id, { requestId: met.id, slotId: ids[0]! }, meta)
		await publishAgenda(bureau.user, event.id, meta)
		const meeting = await meetingOf(met.id)
		const afterStart = new Date(meeting.startsAt.getTime() + MINUTE)

		let pitches = 0
		let messages = 0
		let reasons = 0
		for (const s of sample) {
			const label = JSON.stringify(s)
			// Pitch: the supplier edits its registration.
			const registration = RegisterSchema.safeParse({ side: 'SUPPLIER', pitch: s, availableSlots: ids })
			if (blank(s)) {
				expect(errorsOf(registration), label).toEqual([['pitch', 'err.eventPitch']])
			} else {
				expect(registration.success, label).toBe(true)
				const reg = await registerForEvent(firmUser(supplier), event.id, registration.data!, meta)
				expect(reg.pitch, label).toBe(trimmed(s))
				expect(reg.status).toBe('APPROVED')
				pitches++
			}

			// Request message, then the decline reason.
			const asked = MeetingRequestSchema.safeParse({
				toFirmId: firmOf(supplier),
				priority: 'MEET',
				message: s,
			})
			if (blank(s)) expect(errorsOf(asked), label).toEqual([['message', 'err.eventRequestMessage']])
			const request = await requestMeeting(
				buyer.user,
				event.id,
				asked.success
					? asked.data
					: MeetingRequestSchema.parse({ toFirmId: firmOf(supplier), priority: 'MEET', message: '希望洽谈' }),
				meta,
			)
			if (asked.success) {
				messages++
				expect(
					(await prisma.meetingRequest.findUniqueOrThrow({ where: { id: request.id } })).message,
					label,
				).toBe(trimmed(s))
			}
			const decline = RespondRequestSchema.safeParse({
				decision: 'decline',
				requestId: request.id,
				reason: s,
			})
			if (trimmed(s).length < 2)
				expect(errorsOf(decline), label).toEqual([['reason', 'err.eventDeclineReason']])
			await respondMeetingRequest(
				supplier.user,
				event.id,
				decline.success
					? decline.data
					: RespondRequestSchema.parse({ decision: 'decline', requestId: request.id, reason: '暂不需要' }),
				meta,
			)
			const declined = await prisma.meetingRequest.findUniqueOrThrow({ where: { id: request.id } })
			expect(declined.status).toBe('DECLINED')
			if (decline.success) {
				reasons++
				expect(declined.declineReason, label).toBe(trimmed(s))
			}

			// Decision note: buyer2 registers, is approved with the note, and withdraws again.
			const pending = await registerForEvent(firmUser(buyer2), event.id, registerForm(event, 'BUYER'), meta)
			const decision = DecisionSchema.parse({ registrationId: pending.id, decision: 'approve', note: s })
			await decideRegistration(bureau.user, event.id, decision, meta)
			const decided = await prisma.eventRegistration.findUniqueOrThrow({ where: { id: pending.id } })
			expect(decided.status).toBe('APPROVED')
			expect(decided.decisionNote, label).toBe(trimmed(s))
			await withdrawRegistration(firmUser(buyer2), event.id, meta)

			// Outcome note.
			await recordOutcome(
				buyer.user,
				event.id,
				OutcomeSchema.parse({ meetingId: meeting.id, outcome: 'INTENT', note: s }),
				meta,
				afterStart,
			)
			expect((await meetingOf(met.id)).outcomeNote, label).toBe(trimmed(s))
		}
		expect(pitches).toBeGreaterThan(25)
		expect(messages).toBe(pitches)
		expect(reasons).toBeGreaterThan(20)
	})
})
