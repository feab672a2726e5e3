import type { Meeting } from '@prisma/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getAccess } from '#app/modules/docking/docking.server'
import { unescapeText, unfold } from '#app/modules/events/ics'
import {
	dueReminder,
	processEventReminders,
	REMIND_DAY_LATEST_MS,
} from '#app/modules/events/reminders.server'
import {
	MeetingRoomError,
	openDueMeetingRooms,
	openMeetingRoom,
	roomIsOpen,
} from '#app/modules/events/rooms.server'
import { REMIND_DAY_MS, REMIND_SOON_MS, ROOM_OPENS_BEFORE_MS } from '#app/modules/events/rules'
import { formatLocal } from '#app/modules/events/slots'
import { loader as icsLoader } from '#app/routes/resources.events.$eventId.agenda[.]ics'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { createFirmUser, signIn, type SignedIn } from '#tests/factories/docking'
import { createEventRow, createMeetingRow, dayFromNow, registerFirmRow } from '#tests/factories/events'
import { makeUscc } from '#tests/factories/firms'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// Calendar export, meeting reminders and meeting rooms on a real database: the .ics resource route
// called as Remix calls it, the reminder pass and the room opener called with a given `now`, also
// several at once as several app instances would.

const HOUR = 60 * 60 * 1000
const MINUTE = 60 * 1000

let db: TestDatabase
let supplier: SignedIn // 张经理 (SUPPLIER)
let supplier2: SignedIn // 刘经理 (SUPPLIER)
let buyer: SignedIn // 陈工 (BUYER)
let buyer2: SignedIn // 赵工 (BUYER)
let bureau: SignedIn
let colleague: SignedIn // a second user of the supplier firm

const firmOf = (who: SignedIn) => who.user.firmId!

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	const demo = (name: string) => signIn(`${name}@demo.xnwh.cn`, DEMO_PASSWORD)
	;[supplier, supplier2, buyer, buyer2, bureau] = await Promise.all([
		demo('supplier'),
		demo('supplier2'),
		demo('buyer'),
		demo('buyer2'),
		demo('bureau'),
	])
	colleague = await createFirmUser(firmOf(supplier), { name: '王工', role: 'SUPPLIER' })
})

afterAll(async () => {
	await db?.stop()
})

async function firmName(who: SignedIn) {
	return (await prisma.firm.findUniqueOrThrow({ where: { id: firmOf(who) }, select: { name: true } })).name
}

// ---- .ics -------------------------------------------------------------------------------------------

describe('agenda.ics', () => {
	let event: Awaited<ReturnType<typeof createEventRow>>
	let other: Awaited<ReturnType<typeof createEventRow>>
	let tokens: Record<'buyer' | 'supplier' | 'supplier2' | 'buyer2Other', string>
	let meetings: Record<'scheduled' | 'draft' | 'cancelled' | 'held' | 'rebook' | 'notMine', Meeting>

	beforeAll(async () => {
		event = await createEventRow(bureau.user.id, {
			title: '光芯屏端网, 专场; 第一场',
			days: [dayFromNow(10)],
			agendaStatus: 'PUBLISHED',
			agendaPublishedAt: new Date(),
		})
		other = await createEventRow(bureau.user.id, {
			title: '另一场对接会',
			days: [dayFromNow(11)],
			agendaStatus: 'PUBLISHED',
		})
		const regs = {
			buyer: await registerFirmRow(event.id, firmOf(buyer), 'BUYER'),
			supplier: await registerFirmRow(event.id, firmOf(supplier), 'SUPPLIER'),
			supplier2: await registerFirmRow(event.id, firmOf(supplier2), 'SUPPLIER'),
			buyer2: await registerFirmRow(event.id, firmOf(buyer2), 'BUYER', { status: 'PENDING' }),
			buyer2Other: await registerFirmRow(other.id, firmOf(buyer2), 'BUYER'),
		}
		tokens = {
			buyer: regs.buyer.calendarToken,
			supplier: regs.supplier.calendarToken,
			supplier2: regs.supplier2.calendarToken,
			buyer2Other: regs.buyer2Other.calendarToken,
		}
		const extra = async (name: string) =>
			(
				await prisma.firm.create({
					data: {
						name,
						uscc: makeUscc(),
						kind: 'SUPPLIER',
						regionCode: '421202',
						contactName: '联系人',
						contactPhone: '13900001111',
					},
					select: { id: true },
				})
			).id
		meetings = {
			scheduled: await createMeetingRow(event, firmOf(buyer), firmOf(supplier), { slotIndex: 0 }),
			draft: await createMeetingRow(event, firmOf(buyer), firmOf(supplier2), {
				slotIndex: 1,
				status: 'DRAFT',
			}),
			cancelled: await createMeetingRow(event, firmOf(buyer), await extra('咸安精工, 有限公司'), {
				slotIndex: 2,
				status: 'CANCELLED',
			}),
			held: await createMeetingRow(event, firmOf(buyer), await extra('通山石材'), {
				slotIndex: 3,
				status: 'HELD',
			}),
			rebook: await createMeetingRow(event, firmOf(buyer), await extra('崇阳线缆'), {
				slotIndex: 4,
				status: 'NEEDS_RESCHEDULE',
			}),
			notMine: await createMeetingRow(event, firmOf(buyer2), firmOf(supplier), { slotIndex: 1 }),
		}
	})

	const call = (eventId: string, { token, cookie }: { token?: string; cookie?: string }) =>
		icsLoader({
			request: new Request(
				`http://xnwh.test/resources/events/${eventId}/agenda.ics${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`,
				{ headers: cookie ? { cookie } : {} },
			),
			params: { eventId },
			context: { cspNonce: 'test', realtime: null as never },
		})

	function uids(body: string) {
		return unfold(body)
			.filter((l) => l.startsWith('UID:'))
			.map((l) => l.slice(4).replace('@xnwh', ''))
	}
	function statusOf(body: string, meetingId: string) {
		const lines = unfold(body)
		const at = lines.indexOf(`UID:${meetingId}@xnwh`)
		return lines.slice(at).find((l) => l.startsWith('STATUS:'))
	}

	test('by subscription token: the firm’s published meetings, cancelled ones as CANCELLED, never drafts', async () => {
		const res = await call(event.id, { token: tokens.buyer })
		expect(res.status).toBe(200)
		expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
		expect(res.headers.get('Cache-Control')).toBe('private, max-age=300')
		expect(res.headers.get('Content-Disposition')).toMatch(
			/^attachment; filename="agenda\.ics"; filename\*=UTF-8''/,
		)
		const body = await res.text()
		expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
		expect(uids(body).sort()).toEqual(
			[meetings.scheduled.id, meetings.cancelled.id, meetings.held.id, meetings.rebook.id].sort(),
		)
		expect(statusOf(body, meetings.scheduled.id)).toBe('STATUS:CONFIRMED')
		expect(statusOf(body, meetings.held.id)).toBe('STATUS:CONFIRMED')
		expect(statusOf(body, meetings.cancelled.id)).toBe('STATUS:CANCELLED')
		expect(statusOf(body, meetings.rebook.id)).toBe('STATUS:CANCELLED')
		const lines = unfold(body)
		expect(lines.map(unescapeText)).toContain(`SUMMARY:对接会会谈：${await firmName(supplier)}`)
		expect(lines).toContain('SUMMARY:对接会会谈：咸安精工\\, 有限公司（已取消）')
		expect(lines.find((l) => l.startsWith('X-WR-CALNAME:'))).toContain('光芯屏端网\\, 专场\\; 第一场')
		expect(lines).toContain(`URL:http://xnwh.test/events/${event.id}/agenda#meeting-${meetings.scheduled.id}`)
		for (const line of body.slice(0, -2).split('\r\n'))
			expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
	})

	test('the other side of a meeting sees it too, with the buyer as counterpart', async () => {
		const body = await (await call(event.id, { token: tokens.supplier })).text()
		expect(uids(body).sort()).toEqual([meetings.scheduled.id, meetings.notMine.id].sort())
		expect(unfold(body).map(unescapeText)).toContain(`SUMMARY:对接会会谈：${await firmName(buyer)}`)
		// supplier2 has only a draft meeting: an empty calendar, not an error.
		const empty = await call(event.id, { token: tokens.supplier2 })
		expect(empty.status).toBe(200)
		expect(uids(await empty.text())).toEqual([])
	})

	test('by cookie: the signed-in firm user of an approved registration gets the same agenda', async () => {
		const byToken = await (await call(event.id, { token: tokens.buyer })).text()
		const res = await call(event.id, { cookie: buyer.cookie })
		expect(res.status).toBe(200)
		const body = await res.text()
		expect(uids(body)).toEqual(uids(byToken))
		// A colleague of the supplier firm sees the supplier firm's meetings.
		expect(uids(await (await call(event.id, { cookie: colleague.cookie })).text()).sort()).toEqual(
			[meetings.scheduled.id, meetings.notMine.id].sort(),
		)
	})

	test('outsiders get 404', async () => {
		// A firm's token of another event, an unknown token, an empty one.
		expect((await call(event.id, { token: tokens.buyer2Other })).status).toBe(404)
		expect((await call(other.id, { token: tokens.buyer })).status).toBe(404)
		expect((await call(event.id, { token: 'x'.repeat(32) })).status).toBe(404)
		expect((await call(event.id, { token: '' })).status).toBe(404)
		expect((await call('no-such-event', { token: tokens.buyer })).status).toBe(404)
		// A valid token wins over nobody's cookie but never over the event in the path.
		expect((await call(other.id, { token: tokens.buyer, cookie: buyer.cookie })).status).toBe(404)
		// Another firm's cookie (registration only pending), the bureau (no firm), a firm not registered.
		expect((await call(event.id, { cookie: buyer2.cookie })).status).toBe(404)
		expect((await call(event.id, { cookie: bureau.cookie })).status).toBe(404)
		expect((await call(other.id, { cookie: supplier.cookie })).status).toBe(404)
		// A withdrawn registration's subscription stops working.
		await prisma.eventRegistration.update({
			where: { calendarToken: tokens.supplier2 },
			data: { status: 'WITHDRAWN' },
		})
		expect((await call(event.id, { token: tokens.supplier2 })).status).toBe(404)
	})

	test('without token or session: the login redirect', async () => {
		const thrown = await call(event.id, {}).then(
			() => null,
			(e: unknown) => e,
		)
		expect(thrown).toBeInstanceOf(Response)
		expect((thrown as Response).status).toBe(302)
		expect((thrown as Response).headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
	})
})

// ---- reminders --------------------------------------------------------------------------------------

describe('reminders', () => {
	test('dueReminder: the day reminder only while about a day ahead, the soon one before the start', () => {
		const startsAt = new Date('2026-12-10T01:00:00Z')
		const none = { startsAt, remindedDayAt: null, remindedSoonAt: null }
		const at = (ms: number) => new Date(startsAt.getTime() - ms)
		expect(dueReminder(none, at(REMIND_DAY_MS + MINUTE))).toBeNull()
		expect(dueReminder(none, at(REMIND_DAY_MS))).toBe('day')
		expect(dueReminder(none, at(REMIND_DAY_LATEST_MS + MINUTE))).toBe('day')
		expect(dueReminder(none, at(2 * HOUR))).toBeNull()
		expect(dueReminder(none, at(REMIND_SOON_MS))).toBe('soon')
		expect(dueReminder(none, at(MINUTE))).toBe('soon')
		expect(dueReminder(none, at(0))).toBeNull()
		expect(dueReminder(none, at(-MINUTE))).toBeNull()
		expect(dueReminder({ ...none, remindedDayAt: new Date() }, at(20 * HOUR))).toBeNull()
		expect(dueReminder({ ...none, remindedSoonAt: new Date() }, at(MINUTE))).toBeNull()
	})

	let event: Awaited<ReturnType<typeof createEventRow>>
	let a: Meeting // buyer – supplier, SCHEDULED
	let late: Meeting // buyer2 – supplier2, published two hours before
	let draft: Meeting // buyer – supplier2, DRAFT
	let unpublished: Meeting // an event whose agenda is still a draft

	const notes = (userId: string) =>
		prisma.notification.findMany({ where: { userId, kind: 'event.reminder' }, orderBy: { createdAt: 'asc' } })
	const mails = (to: string) =>
		prisma.mailOutbox.findMany({
			where: { to, subject: { contains: '会谈' } },
			orderBy: { createdAt: 'asc' },
		})
	const sum = (results: Array<{ day: number; soon: number }>) =>
		results.reduce((s, r) => ({ day: s.day + r.day, soon: s.soon + r.soon }), { day: 0, soon: 0 })

	beforeAll(async () => {
		event = await createEventRow(bureau.user.id, {
			title: '车谷配套专场',
			days: [dayFromNow(20)],
			agendaStatus: 'PUBLISHED',
			agendaPublishedAt: new Date(),
		})
		a = await createMeetingRow(event, firmOf(buyer), firmOf(supplier), { slotIndex: 0 })
		late = await createMeetingRow(event, firmOf(buyer2), firmOf(supplier2), { slotIndex: 1, status: 'DRAFT' })
		draft = await createMeetingRow(event, firmOf(buyer), firmOf(supplier2), { slotIndex: 2, status: 'DRAFT' })
		const draftAgenda = await createEventRow(bureau.user.id, {
			days: [dayFromNow(20)],
			agendaStatus: 'DRAFT',
		})
		unpublished = await createMeetingRow(draftAgenda, firmOf(buyer), firmOf(supplier), { slotIndex: 3 })
	})

	test('nothing more than a day ahead', async () => {
		expect(await processEventReminders(new Date(a.startsAt.getTime() - REMIND_DAY_MS - MINUTE))).toEqual({
			day: 0,
			soon: 0,
		})
	})

	test('the day reminder fires once for every user of both firms, even from three instances at once', async () => {
		const now = new Date(a.startsAt.getTime() - REMIND_DAY_MS + 5 * MINUTE)
		const results = await Promise.all([
			processEventReminders(now),
			processEventReminders(now),
			processEventReminders(now),
		])
		expect(sum(results)).toEqual({ day: 1, soon: 0 })
		expect(await processEventReminders(now)).toEqual({ day: 0, soon: 0 })
		expect(await processEventReminders(new Date(now.getTime() + 2 * HOUR))).toEqual({ day: 0, soon: 0 })

		const row = await prisma.meeting.findUniqueOrThrow({ where: { id: a.id } })
		expect(row.remindedDayAt).toEqual(now)
		expect(row.remindedSoonAt).toBeNull()
		const time = `${formatLocal(a.startsAt)}–${formatLocal(a.endsAt).slice(11)}`
		for (const [who, counterpart] of [
			[buyer, await firmName(supplier)],
			[supplier, await firmName(buyer)],
			[colleague, await firmName(buyer)],
		] as const) {
			const list = await notes(who.user.id)
			expect(list).toHaveLength(1)
			expect(list[0]).toMatchObject({
				title: `会谈提醒：${time} 与 ${counterpart} 会谈`,
				link: `/events/${event.id}/agenda`,
			})
			expect(list[0]!.body).toContain('车谷配套专场')
			const mail = await mails(who.user.email)
			expect(mail).toHaveLength(1)
			expect(mail[0]!.subject).toContain(counterpart)
			expect(mail[0]!.text).toContain(`对方企业：${counterpart}`)
			expect(mail[0]!.text).toContain(`时间：${time}（北京时间）`)
			expect(mail[0]!.text).toContain(`/events/${event.id}/agenda`)
		}
		// The firms of the draft meetings and of the unpublished agenda heard nothing.
		expect(await notes(buyer2.user.id)).toHaveLength(0)
		expect(await notes(supplier2.user.id)).toHaveLength(0)
		for (const m of [draft, unpublished, late])
			expect(await prisma.meeting.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({
				remindedDayAt: null,
				remindedSoonAt: null,
			})
	})

	test('the fifteen-minute reminder fires once; none once the meeting has started', async () => {
		const now = new Date(a.startsAt.getTime() - 10 * MINUTE)
		const results = await Promise.all([processEventReminders(now), processEventReminders(now)])
		expect(sum(results)).toEqual({ day: 0, soon: 1 })
		expect(await processEventReminders(new Date(now.getTime() + MINUTE))).toEqual({ day: 0, soon: 0 })
		for (const who of [buyer, supplier, colleague]) {
			const list = await notes(who.user.id)
			expect(list).toHaveLength(2)
			expect(list[1]!.title).toMatch(/^会谈将于 10 分钟后开始：与 /)
			expect(await mails(who.user.email)).toHaveLength(2)
		}
		// A meeting that has started gets nothing, even if it was never reminded.
		await prisma.meeting.update({ where: { id: a.id }, data: { remindedSoonAt: null } })
		expect(await processEventReminders(new Date(a.startsAt.getTime() + MINUTE))).toEqual({ day: 0, soon: 0 })
		await prisma.meeting.update({ where: { id: a.id }, data: { remindedSoonAt: now } })
	})

	test('a meeting published two hours before gets only the fifteen-minute reminder', async () => {
		await prisma.meeting.update({ where: { id: late.id }, data: { status: 'SCHEDULED' } })
		expect(await processEventReminders(new Date(late.startsAt.getTime() - 2 * HOUR))).toEqual({
			day: 0,
			soon: 0,
		})
		expect(await processEventReminders(new Date(late.startsAt.getTime() - REMIND_SOON_MS))).toEqual({
			day: 0,
			soon: 1,
		})
		for (const who of [buyer2, supplier2]) {
			const list = await notes(who.user.id)
			expect(list).toHaveLength(1)
			expect(list[0]!.title).toMatch(/^会谈将于 15 分钟后开始/)
		}
		const row = await prisma.meeting.findUniqueOrThrow({ where: { id: late.id } })
		expect(row.remindedDayAt).toBeNull()
		expect(row.remindedSoonAt).not.toBeNull()
	})
})

// ---- meeting rooms ----------------------------------------------------------------------------------

describe('meeting rooms', () => {
	let event: Awaited<ReturnType<typeof createEventRow>>
	let m: Meeting // buyer – supplier2
	let due: Meeting // buyer2 – supplier
	let draft: Meeting
	let cancelled: Meeting

	beforeAll(async () => {
		event = await createEventRow(bureau.user.id, {
			title: '应急装备专场',
			days: [dayFromNow(30)],
			agendaStatus: 'PUBLISHED',
			agendaPublishedAt: new Date(),
		})
		m = await createMeetingRow(event, firmOf(buyer), firmOf(supplier2), { slotIndex: 0 })
		due = await createMeetingRow(event, firmOf(buyer2), firmOf(supplier), { slotIndex: 1 })
		draft = await createMeetingRow(event, firmOf(buyer), firmOf(supplier), { slotIndex: 2, status: 'DRAFT' })
		cancelled = await createMeetingRow(event, firmOf(buyer2), firmOf(supplier2), {
			slotIndex: 3,
			status: 'CANCELLED',
		})
	})

	test('roomIsOpen from fifteen minutes before the start, for published meetings only', () => {
		expect(roomIsOpen(m, new Date(m.startsAt.getTime() - ROOM_OPENS_BEFORE_MS - 1))).toBe(false)
		expect(roomIsOpen(m, new Date(m.startsAt.getTime() - ROOM_OPENS_BEFORE_MS))).toBe(true)
		expect(roomIsOpen({ ...m, status: 'CANCELLED' }, m.startsAt)).toBe(false)
	})

	test('opened twice at once: one ACTIVE docking session of the event, with its first system message', async () => {
		const [first, second] = await Promise.all([
			openMeetingRoom(m.id),
			openMeetingRoom(m.id, { firmId: firmOf(buyer) }),
		])
		expect(first).toBe(second)
		expect(await openMeetingRoom(m.id, { firmId: firmOf(supplier2) })).toBe(first)
		const sessions = await prisma.dockingSession.findMany({
			where: { eventId: event.id, buyerFirmId: firmOf(buyer), supplierFirmId: firmOf(supplier2) },
			include: { messages: true, stageChanges: true },
		})
		expect(sessions).toHaveLength(1)
		const s = sessions[0]!
		expect(s).toMatchObject({
			id: first,
			status: 'ACTIVE',
			stage: 'INTENT',
			initiatorSide: 'BUYER',
			lastMessageSeq: 1,
			expiresAt: m.endsAt,
		})
		expect(s.respondedAt).not.toBeNull()
		expect(s.requestMessage).toContain('应急装备专场')
		expect(s.requestMessage).toContain(formatLocal(m.startsAt))
		expect(s.stageChanges).toMatchObject([{ toStage: 'INTENT', toStatus: 'ACTIVE' }])
		expect(s.messages).toHaveLength(1)
		expect(s.messages[0]).toMatchObject({ seq: 1, kind: 'SYSTEM', senderId: null })
		expect(s.messages[0]!.body).toContain(await firmName(buyer))
		expect(s.messages[0]!.body).toContain(await firmName(supplier2))
		expect((await prisma.meeting.findUniqueOrThrow({ where: { id: m.id } })).dockingSessionId).toBe(first)

		// Both firms read it through the docking rules; a third firm does not.
		for (const who of [buyer, supplier2])
			expect((await getAccess(first, who.user))?.access).toMatchObject({ canRead: true, canWrite: true })
		expect(await getAccess(first, supplier.user)).toBeNull()
		expect(await getAccess(first, buyer2.user)).toBeNull()
	})

	test('only a firm of the meeting may open it; drafts and cancelled meetings have no room', async () => {
		const refused = (p: Promise<unknown>) =>
			p.then(
				() => null,
				(e: unknown) => e as MeetingRoomError,
			)
		const notMine = await refused(openMeetingRoom(m.id, { firmId: firmOf(supplier) }))
		expect(notMine).toBeInstanceOf(MeetingRoomError)
		expect(notMine).toMatchObject({ key: 'err.eventsCalendarRoomNotFound', status: 404 })
		expect(await refused(openMeetingRoom('no-such-meeting'))).toMatchObject({ status: 404 })
		for (const x of [draft, cancelled])
			expect(await refused(openMeetingRoom(x.id))).toMatchObject({
				key: 'err.eventsCalendarRoomUnavailable',
				status: 409,
			})
		expect(await prisma.dockingSession.count({ where: { eventId: event.id } })).toBe(1)
	})

	test('the worker pass opens rooms from fifteen minutes before, once, also from two instances', async () => {
		const before = new Date(due.startsAt.getTime() - ROOM_OPENS_BEFORE_MS - MINUTE)
		await openDueMeetingRooms(before)
		expect((await prisma.meeting.findUniqueOrThrow({ where: { id: due.id } })).dockingSessionId).toBeNull()

		const now = new Date(due.startsAt.getTime() - ROOM_OPENS_BEFORE_MS + MINUTE)
		const sessionsBefore = await prisma.dockingSession.count()
		const opened = await Promise.all([openDueMeetingRooms(now), openDueMeetingRooms(now)])
		const sessionsAfter = await prisma.dockingSession.count()
		expect(opened[0]! + opened[1]!).toBe(sessionsAfter - sessionsBefore)
		const row = await prisma.meeting.findUniqueOrThrow({ where: { id: due.id } })
		expect(row.dockingSessionId).not.toBeNull()
		expect(
			await prisma.dockingSession.count({ where: { eventId: event.id, buyerFirmId: firmOf(buyer2) } }),
		).toBe(1)
		expect(await prisma.message.count({ where: { sessionId: row.dockingSessionId! } })).toBe(1)
		expect(await openDueMeetingRooms(now)).toBe(0)
		// Drafts and cancelled meetings stay without a room.
		for (const x of [draft, cancelled])
			expect((await prisma.meeting.findUniqueOrThrow({ where: { id: x.id } })).dockingSessionId).toBeNull()
		expect(await prisma.dockingSession.count({ where: { eventId: event.id } })).toBe(2)
	})
})
