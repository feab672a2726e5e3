import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { zh } from '#app/i18n/zh'
import {
	checkIn,
	checkInPreview,
	checkInQrSvg,
	checkInUrl,
	LobbyError,
	lobbyView,
	markHeld,
	markNoShow,
	postAnnouncement,
	tokenFromInput,
} from '#app/modules/events/lobby.server'
import { buildSlots } from '#app/modules/events/slots'
import type { ClientToServerEvents, ServerToClientEvents } from '#app/realtime/events'
import { setRealtimePublisher } from '#app/realtime/registry.server'
import { action as checkInAction, loader as checkInLoader } from '#app/routes/events.$eventId_.check-in'
import { action as liveAction, loader as liveLoader } from '#app/routes/events.$eventId_.live'
import { prisma } from '#app/utils/db.server'
import { wellFormedText } from '#app/utils/text'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { createRealtime, type Realtime } from '#server/socket/io'
import { createFirmUser, createFirmWithUser, signIn, type SignedIn } from '#tests/factories/docking'
import { createEventRow, createMeetingRow, dayFromNow, registerFirmRow } from '#tests/factories/events'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// The live lobby of a matchmaking event (线上对接会大厅) end to end: the lobby module on a real
// database, the event socket handlers through real socket.io-client connections (one realtime
// server on a bare HTTP server), and the lobby and check-in routes' loaders and actions.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0]
type EventRow = Awaited<ReturnType<typeof createEventRow>>

const MINUTE = 60 * 1000

let db: TestDatabase
let http: Server
let realtime: Realtime
let url: string
const opened: ClientSocket[] = []

let bureau: SignedIn // 市经信局 李科长
let county: SignedIn // 咸安区科经局 周主任 (bureau too)
let supplier: SignedIn // 张经理 (supplier firm, APPROVED at the event)
let supplier2: SignedIn // 刘经理 (supplier firm, APPROVED)
let buyer: SignedIn // 陈工 (buyer firm, APPROVED)
let buyer2: SignedIn // 赵工 (buyer firm, registration PENDING)
let outsider: SignedIn // a firm that never registered
let colleague: SignedIn // a second user of the supplier firm

let event: EventRow // hybrid, ten days ahead, 09:00–12:00 in 30-minute slots
let meetingA: { id: string } // slot 0: buyer ↔ supplier
let meetingB: { id: string } // slot 1: buyer ↔ supplier2
let draftMeeting: { id: string } // slot 0, DRAFT: never in the lobby
let tokens: { buyer: string; supplier: string; supplier2: string; buyer2: string }

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	http = createServer()
	realtime = await createRealtime(http, { allowedOrigins: [], logger: { info: () => {}, error: () => {} } })
	setRealtimePublisher(realtime.publisher)
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
	url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
	const demo = (name: string) => signIn(`${name}@demo.xnwh.cn`, DEMO_PASSWORD)
	;[bureau, county, supplier, supplier2, buyer, buyer2] = await Promise.all([
		demo('bureau'),
		demo('county'),
		demo('supplier'),
		demo('supplier2'),
		demo('buyer'),
		demo('buyer2'),
	])
	outsider = await createFirmWithUser({
		firmName: '通山县未报名机电有限公司',
		kind: 'SUPPLIER',
		verified: true,
		userName: '吴经理',
		role: 'SUPPLIER',
	})
	colleague = await createFirmUser(supplier.user.firmId!, { name: '王工', role: 'SUPPLIER' })

	event = await createEventRow(bureau.user.id, {
		title: '光电子信息产业链线上产销对接会',
		format: 'HYBRID',
		venue: '咸宁国际会展中心 B 馆',
		days: [dayFromNow(10)],
	})
	const regs = await Promise.all([
		registerFirmRow(event.id, buyer.user.firmId!, 'BUYER'),
		registerFirmRow(event.id, supplier.user.firmId!, 'SUPPLIER'),
		registerFirmRow(event.id, supplier2.user.firmId!, 'SUPPLIER'),
		registerFirmRow(event.id, buyer2.user.firmId!, 'BUYER', { status: 'PENDING' }),
	])
	tokens = {
		buyer: regs[0].checkInToken,
		supplier: regs[1].checkInToken,
		supplier2: regs[2].checkInToken,
		buyer2: regs[3].checkInToken,
	}
	meetingA = await createMeetingRow(event, buyer.user.firmId!, supplier.user.firmId!, { slotIndex: 0 })
	meetingB = await createMeetingRow(event, buyer.user.firmId!, supplier2.user.firmId!, { slotIndex: 1 })
	draftMeeting = await createMeetingRow(event, buyer2.user.firmId!, supplier2.user.firmId!, {
		slotIndex: 0,
		status: 'DRAFT',
	})
})

afterAll(async () => {
	for (const s of opened) s.disconnect()
	setRealtimePublisher(null)
	await realtime?.close()
	await new Promise((r) => http?.close(r))
	await db?.stop()
})

// ---- helpers -----------------------------------------------------------------------------------------

/** A socket.io client with the user's session cookie; forceNew, or every client shares the first connection. */
async function connectAs(who: SignedIn): Promise<ClientSocket> {
	const socket: ClientSocket = connect(url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		extraHeaders: { cookie: who.cookie },
	})
	opened.push(socket)
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve())
		socket.once('connect_error', reject)
	})
	return socket
}

class Recorder<T> {
	items: T[] = []
	private waiters: Array<() => void> = []
	push(item: T) {
		this.items.push(item)
		for (const w of [...this.waiters]) w()
	}
	async until(predicate: (items: T[]) => boolean, what: string, ms = 10_000) {
		if (predicate(this.items)) return
		await new Promise<void>((resolve, reject) => {
			const check = () => {
				if (!predicate(this.items)) return
				cleanup()
				resolve()
			}
			const timer = setTimeout(() => {
				cleanup()
				reject(
					new Error(
						`timed out waiting for ${what}; received ${this.items.length}: ${JSON.stringify(this.items).slice(0, 500)}`,
					),
				)
			}, ms)
			const cleanup = () => {
				clearTimeout(timer)
				this.waiters = this.waiters.filter((w) => w !== check)
			}
			this.waiters.push(check)
		})
	}
}

function record<E extends keyof ServerToClientEvents>(
	socket: ClientSocket,
	event: E,
	filter?: (payload: Payload<E>) => boolean,
) {
	const recorder = new Recorder<Payload<E>>()
	socket.on(event, ((payload: Payload<E>) => {
		if (!filter || filter(payload)) recorder.push(payload)
	}) as never)
	return recorder
}

/** Everything the server sent this socket before now has arrived once this round trip returns. */
async function flush(socket: ClientSocket) {
	await socket.emitWithAck('presence:ping')
}

async function join(socket: ClientSocket, eventId: string) {
	const reply = await socket.emitWithAck('event:join', { eventId })
	if (!reply.ok) throw new Error(`join refused: ${reply.error}`)
	return reply
}

/** The LobbyError a call is refused with, as { key, status }. */
async function refusal(promise: Promise<unknown>) {
	try {
		await promise
	} catch (error) {
		if (error instanceof LobbyError) return { key: error.key, status: error.status }
		throw error
	}
	throw new Error('expected a LobbyError, but the call succeeded')
}

const actor = (who: SignedIn) => ({ id: who.user.id, role: who.user.role })
const viewer = (who: SignedIn) => ({ id: who.user.id, role: who.user.role, firmId: who.user.firmId })
const slots = () => buildSlots(event)
const afterStartOf = (slotIndex: number) => new Date(slots()[slotIndex]!.start.getTime() + 5 * MINUTE)

async function callLoader(
	loader: (args: LoaderFunctionArgs) => Promise<Response>,
	pathname: string,
	who?: SignedIn,
) {
	const request = new Request(`http://localhost${pathname}`, { headers: who ? { cookie: who.cookie } : {} })
	try {
		return await loader({
			request,
			params: { eventId: event.id },
			context: { cspNonce: 'test', realtime: realtime.publisher },
		})
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

async function callAction(
	action: (args: ActionFunctionArgs) => Promise<Response | undefined>,
	pathname: string,
	fields: Record<string, string>,
	who?: SignedIn,
) {
	const request = new Request(`http://localhost${pathname}`, {
		method: 'POST',
		headers: who ? { cookie: who.cookie } : {},
		body: new URLSearchParams(fields),
	})
	try {
		return (await action({
			request,
			params: { eventId: event.id },
			context: { cspNonce: 'test', realtime: realtime.publisher },
		}))!
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

// ---- 1. who may enter, and what each one sees -------------------------------------------------------

describe('lobby view', () => {
	test('the bureau sees every planned meeting of the current and next slot; a firm only its own', async () => {
		const now = afterStartOf(0)
		const staff = await lobbyView(viewer(bureau), event.id, now)
		expect(staff.viewer.isBureau).toBe(true)
		expect(staff.event).toMatchObject({ id: event.id, format: 'HYBRID', phase: 'live' })
		expect(staff.current?.id).toBe(slots()[0]!.id)
		expect(staff.next?.id).toBe(slots()[1]!.id)
		expect(staff.refreshAt).toBe(slots()[0]!.end.toISOString())
		// The DRAFT meeting of slot 0 is the organizer's scheduler draft, not part of the lobby.
		expect(staff.current?.meetings.map((m) => m.id)).toEqual([meetingA.id])
		expect(staff.next?.meetings.map((m) => m.id)).toEqual([meetingB.id])
		expect(staff.current?.meetings[0]).toMatchObject({
			status: 'SCHEDULED',
			buyer: { id: buyer.user.firmId, name: buyer.user.firm!.name, checkedInAt: null, noShow: false },
			supplier: {
				id: supplier.user.firmId,
				name: supplier.user.firm!.name,
				checkedInAt: null,
				noShow: false,
			},
			dockingSessionId: null,
			dockingLink: null,
			started: true,
		})
		expect(staff.stats).toEqual({ approved: 3, checkedIn: 0 })
		expect(staff.checkIn).toBeNull()

		const own = await lobbyView(viewer(supplier), event.id, now)
		expect(own.viewer).toEqual({ isBureau: false, firmId: supplier.user.firmId, side: 'SUPPLIER' })
		expect(own.current?.meetings.map((m) => m.id)).toEqual([meetingA.id])
		expect(own.next?.meetings).toEqual([])
		expect(own.stats).toBeNull()
		// A hybrid event: the firm's own QR check-in code.
		expect(own.checkIn).toEqual({ token: tokens.supplier, checkedInAt: null })
		const other = await lobbyView(viewer(supplier2), event.id, now)
		expect(other.current?.meetings).toEqual([])
		expect(other.next?.meetings.map((m) => m.id)).toEqual([meetingB.id])
	})

	test('the docking room link appears once the meeting has its room', async () => {
		const session = await prisma.dockingSession.create({
			data: {
				buyerFirmId: buyer.user.firmId!,
				supplierFirmId: supplier.user.firmId!,
				initiatorSide: 'BUYER',
				status: 'ACTIVE',
				eventId: event.id,
				expiresAt: new Date(Date.now() + 7 * 24 * 60 * MINUTE),
			},
			select: { id: true },
		})
		await prisma.meeting.update({ where: { id: meetingA.id }, data: { dockingSessionId: session.id } })
		const own = await lobbyView(viewer(buyer), event.id, afterStartOf(0))
		expect(own.current?.meetings[0]).toMatchObject({
			dockingSessionId: session.id,
			dockingLink: `/docking/${session.id}`,
		})
		expect(own.next?.meetings[0]).toMatchObject({ id: meetingB.id, dockingLink: null, started: false })
	})

	test('before the first slot there is no current slot; after the last, neither', async () => {
		const early = await lobbyView(viewer(bureau), event.id, new Date(slots()[0]!.start.getTime() - MINUTE))
		expect(early.current).toBeNull()
		expect(early.next?.id).toBe(slots()[0]!.id)
		expect(early.event.phase).not.toBe('live')
		const late = await lobbyView(viewer(bureau), event.id, new Date(slots().at(-1)!.end.getTime() + MINUTE))
		expect(late).toMatchObject({ current: null, next: null, refreshAt: null })
		expect(late.event.phase).toBe('ended')
	})

	test('a firm that is not approved at the event, or has none, is told "not found"', async () => {
		for (const who of [buyer2, outsider]) {
			expect(await refusal(lobbyView(viewer(who), event.id))).toEqual({
				key: 'err.eventsLobbyNotFound',
				status: 404,
			})
		}
		expect(await refusal(lobbyView(viewer(bureau), 'no-such-event'))).toEqual({
			key: 'err.eventsLobbyNotFound',
			status: 404,
		})
		const draft = await createEventRow(bureau.user.id, { status: 'DRAFT', publishedAt: null })
		await registerFirmRow(draft.id, supplier.user.firmId!, 'SUPPLIER')
		expect(await refusal(lobbyView(viewer(supplier), draft.id))).toEqual({
			key: 'err.eventsLobbyNotFound',
			status: 404,
		})
		expect((await lobbyView(viewer(county), draft.id)).viewer.isBureau).toBe(true)
	})

	test('the lobby page answers 404 to outsiders and sends anonymous users to login', async () => {
		const page = `/events/${event.id}/live`
		const own = await callLoader(liveLoader, page, supplier)
		expect(own.status).toBe(200)
		const data = (await own.json()) as { view: { event: { id: string } }; qrSvg: string | null }
		expect(data.view.event.id).toBe(event.id)
		expect(data.qrSvg).toMatch(/^<svg[\s\S]*<path[^>]* d="M/)
		expect((await callLoader(liveLoader, page, outsider)).status).toBe(404)
		expect((await callLoader(liveLoader, page, buyer2)).status).toBe(404)
		const anonymous = await callLoader(liveLoader, page)
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(page)}`)
	})
})

// ---- 2. announcements and presence over real sockets -----------------------------------------------

describe('announcements and presence over sockets', () => {
	test('an outsider firm cannot join the lobby and hears nothing from it', async () => {
		const outsiderSocket = await connectAs(outsider)
		const pendingSocket = await connectAs(buyer2)
		for (const s of [outsiderSocket, pendingSocket]) {
			expect(await s.emitWithAck('event:join', { eventId: event.id })).toEqual({
				ok: false,
				error: 'err.eventsLobbyNotFound',
			})
		}
		expect(await outsiderSocket.emitWithAck('event:join', { eventId: '' })).toEqual({
			ok: false,
			error: 'err.invalid',
		})
		expect(
			await outsiderSocket.emitWithAck('event:join', { eventId: 42 } as unknown as { eventId: string }),
		).toEqual({ ok: false, error: 'err.invalid' })
		const heard = record(outsiderSocket, 'event:announcement')
		const pendingHeard = record(pendingSocket, 'event:announcement')
		await postAnnouncement(actor(bureau), event.id, '外人听不到的公告')
		await flush(outsiderSocket)
		await flush(pendingSocket)
		expect(heard.items).toEqual([])
		expect(pendingHeard.items).toEqual([])
		// Not approved, so not notified either.
		expect(
			await prisma.notification.count({ where: { userId: buyer2.user.id, kind: 'event.announcement' } }),
		).toBe(0)
		outsiderSocket.disconnect()
		pendingSocket.disconnect()
	})

	test('an announcement reaches two firm sockets in the lobby, is stored, audited and notified', async () => {
		const [buyerSocket, supplierSocket] = await Promise.all([connectAs(buyer), connectAs(supplier)])
		await join(buyerSocket, event.id)
		await join(supplierSocket, event.id)
		const atBuyer = record(buyerSocket, 'event:announcement')
		const atSupplier = record(supplierSocket, 'event:announcement')
		const buyerNotified = record(buyerSocket, 'notification:created', (n) => n.kind === 'event.announcement')
		const body = '各位嘉宾：下午 14:00 起进入第二轮对接，请提前 5 分钟进入会谈室。'
		const result = await postAnnouncement(actor(bureau), event.id, body, { ip: '10.0.0.8' })
		await atBuyer.until((i) => i.length === 1, 'announcement at the buyer')
		await atSupplier.until((i) => i.length === 1, 'announcement at the supplier')
		expect(atBuyer.items[0]).toEqual({
			eventId: event.id,
			id: result.announcement.id,
			body,
			createdAt: result.announcement.createdAt,
		})
		expect(atSupplier.items[0]).toEqual(atBuyer.items[0])

		const stored = await prisma.announcement.findUniqueOrThrow({ where: { id: result.announcement.id } })
		expect(stored).toMatchObject({ eventId: event.id, authorId: bureau.user.id, body })
		const audit = await prisma.auditLog.findFirst({
			where: { action: 'event.announcement.posted', targetId: event.id },
			orderBy: { createdAt: 'desc' },
		})
		expect(audit).toMatchObject({ actorId: bureau.user.id, actorRole: 'BUREAU', ip: '10.0.0.8' })

		// In-app notifications for every user of an approved firm (the supplier's colleague too).
		const approvedUsers = await prisma.user.findMany({
			where: { firmId: { in: [buyer.user.firmId!, supplier.user.firmId!, supplier2.user.firmId!] } },
			select: { id: true },
		})
		expect(result.notified).toBe(approvedUsers.length)
		const rows = await prisma.notification.findMany({
			where: { kind: 'event.announcement', body },
			select: { userId: true, link: true, title: true },
		})
		expect(rows.map((r) => r.userId).sort()).toEqual(approvedUsers.map((u) => u.id).sort())
		expect(rows.map((r) => r.userId)).toContain(colleague.user.id)
		for (const r of rows) {
			expect(r.link).toBe(`/events/${event.id}/live`)
			expect(r.title).toContain(event.title)
		}
		await buyerNotified.until((i) => i.some((n) => n.body === body), 'the notification at the buyer')

		// Newest first in the lobby.
		const view = await lobbyView(viewer(supplier), event.id, afterStartOf(0))
		expect(view.announcements[0]).toEqual({
			id: result.announcement.id,
			body,
			createdAt: result.announcement.createdAt,
		})
		expect(view.announcements[1]?.body).toBe('外人听不到的公告')
		buyerSocket.disconnect()
		supplierSocket.disconnect()
	})

	test('only the bureau posts, and a blank or too long body is refused naming the field', async () => {
		for (const who of [supplier, buyer2, outsider]) {
			expect(await refusal(postAnnouncement(actor(who), event.id, '我也想发公告'))).toEqual({
				key: 'err.eventsLobbyNotFound',
				status: 404,
			})
		}
		for (const body of ['', '   \n\t ', '\u3000', undefined, 42]) {
			await expect(postAnnouncement(actor(bureau), event.id, body)).rejects.toMatchObject({
				key: 'err.eventAnnouncement',
				field: 'body',
			})
		}
		await expect(postAnnouncement(actor(bureau), event.id, '长'.repeat(1001))).rejects.toMatchObject({
			key: 'err.tooLong1000',
			field: 'body',
		})
		expect(await refusal(postAnnouncement(actor(bureau), 'no-such-event', '公告'))).toEqual({
			key: 'err.eventsLobbyNotFound',
			status: 404,
		})
		expect(
			await prisma.announcement.count({ where: { body: { in: ['我也想发公告', '长'.repeat(1001)] } } }),
		).toBe(0)
	})

	test('the lobby form: a blank announcement gets a Chinese error on the field; firms get 404', async () => {
		const page = `/events/${event.id}/live`
		const blank = await callAction(liveAction, page, { intent: 'announce', body: '  ' }, bureau)
		expect(blank.status).toBe(400)
		const reply = (await blank.json()) as { intent: string; result: { error: Record<string, string[]> } }
		expect(reply.intent).toBe('announce')
		expect(reply.result.error.body).toEqual(['err.eventAnnouncement'])
		expect(zh['err.eventAnnouncement']).toMatch(/公告/)
		const posted = await callAction(
			liveAction,
			page,
			{ intent: 'announce', body: '  表单发布的公告\n第二行  ' },
			bureau,
		)
		expect(posted.status).toBe(302)
		expect(
			await prisma.announcement.count({ where: { eventId: event.id, body: '  表单发布的公告\n第二行  ' } }),
		).toBe(1)
		const firm = await callAction(liveAction, page, { intent: 'announce', body: '企业发布' }, supplier)
		expect(firm.status).toBe(404)
	})

	test('presence: the count of distinct users goes 1 → 2 → 1 as users join and leave', async () => {
		const presenceEvent = await createEventRow(bureau.user.id, { days: [dayFromNow(11)] })
		await Promise.all([
			registerFirmRow(presenceEvent.id, buyer.user.firmId!, 'BUYER'),
			registerFirmRow(presenceEvent.id, supplier.user.firmId!, 'SUPPLIER'),
		])
		const [a, b, b2] = await Promise.all([connectAs(buyer), connectAs(supplier), connectAs(colleague)])
		const atA = record(a, 'event:presence', (p) => p.eventId === presenceEvent.id)
		expect(await join(a, presenceEvent.id)).toEqual({ ok: true, count: 1 })
		await atA.until((i) => i.at(-1)?.count === 1, 'count 1')

		expect(await join(b, presenceEvent.id)).toEqual({ ok: true, count: 2 })
		await atA.until((i) => i.at(-1)?.count === 2, 'count 2 at the first user')

		// A second user of the same firm is a third user; a second tab of a user is not.
		const sameUserTab = await connectAs(supplier)
		expect(await join(sameUserTab, presenceEvent.id)).toEqual({ ok: true, count: 2 })
		expect(await join(b2, presenceEvent.id)).toEqual({ ok: true, count: 3 })
		await atA.until((i) => i.at(-1)?.count === 3, 'count 3 at the first user')
		sameUserTab.disconnect()
		b2.emit('event:leave', { eventId: presenceEvent.id })
		await atA.until((i) => i.at(-1)?.count === 2, 'back to 2')

		b.emit('event:leave', { eventId: presenceEvent.id })
		await atA.until((i) => i.at(-1)?.count === 1, 'back to 1 after a leave')
		// A disconnect counts as leaving too.
		expect(await join(b, presenceEvent.id)).toEqual({ ok: true, count: 2 })
		await atA.until((i) => i.at(-1)?.count === 2, '2 again')
		b.disconnect()
		await atA.until((i) => i.at(-1)?.count === 1, 'back to 1 after a disconnect')
		a.disconnect()
		b2.disconnect()
	})

	test('a burst of joins is counted together, not pushed once per join', async () => {
		const burstEvent = await createEventRow(bureau.user.id, { days: [dayFromNow(12)] })
		await registerFirmRow(burstEvent.id, supplier.user.firmId!, 'SUPPLIER')
		const observer = await connectAs(bureau)
		await join(observer, burstEvent.id)
		const pushes = record(observer, 'event:presence', (p) => p.eventId === burstEvent.id)
		const people = [
			supplier,
			colleague,
			...(await Promise.all(
				[1, 2, 3].map((i) =>
					createFirmUser(supplier.user.firmId!, { name: `参会同事${i}`, role: 'SUPPLIER' }),
				),
			)),
		]
		// Six tabs per person: 30 joins of 5 distinct users (plus the observer).
		const sockets = await Promise.all(people.flatMap((p) => Array.from({ length: 6 }, () => connectAs(p))))
		const replies = await Promise.all(sockets.map((s) => join(s, burstEvent.id)))
		expect(replies.every((r) => r.ok)).toBe(true)
		await pushes.until((i) => i.at(-1)?.count === 6, 'six distinct users')
		// The replies came from shared counts: many joins, few pushes.
		expect(pushes.items.length).toBeLessThan(sockets.length)
		expect(Math.max(...replies.map((r) => (r.ok ? r.count : 0)))).toBe(6)
		for (const s of sockets) s.disconnect()
		await pushes.until((i) => i.at(-1)?.count === 1, 'only the observer left')
		observer.disconnect()
	})
})

// ---- 3. no-shows ------------------------------------------------------------------------------------

describe('no-show marking', () => {
	test('only the bureau, only after the slot started, only the meeting\u2019s own firms', async () => {
		const started = afterStartOf(0)
		for (const who of [supplier, buyer, outsider]) {
			expect(await refusal(markNoShow(actor(who), meetingA.id, [supplier.user.firmId!], started))).toEqual({
				key: 'err.eventsLobbyNotFound',
				status: 404,
			})
		}
		const beforeStart = new Date(slots()[0]!.start.getTime() - MINUTE)
		expect(
			await refusal(markNoShow(actor(bureau), meetingA.id, [supplier.user.firmId!], beforeStart)),
		).toEqual({
			key: 'err.eventsLobbyNoShowTooEarly',
			status: 409,
		})
		expect(await refusal(markNoShow(actor(bureau), meetingA.id, [supplier2.user.firmId!], started))).toEqual({
			key: 'err.eventsLobbyNoShowFirms',
			status: 400,
		})
		expect(await refusal(markNoShow(actor(bureau), meetingA.id, [], started))).toEqual({
			key: 'err.eventsLobbyNoShowFirms',
			status: 400,
		})
		expect(
			await refusal(markNoShow(actor(bureau), draftMeeting.id, [supplier2.user.firmId!], started)),
		).toEqual({
			key: 'err.eventsLobbyNoShowStatus',
			status: 409,
		})
		expect(
			await refusal(markNoShow(actor(bureau), 'no-such-meeting', [supplier.user.firmId!], started)),
		).toEqual({
			key: 'err.eventsLobbyNotFound',
			status: 404,
		})
		const row = await prisma.meeting.findUniqueOrThrow({ where: { id: meetingA.id } })
		expect(row).toMatchObject({ status: 'SCHEDULED', noShowFirmIds: [] })
	})

	test('marks add up, are audited and pushed to the staff and the two firms; undo makes it held', async () => {
		const staffSocket = await connectAs(county)
		await join(staffSocket, event.id)
		const [supplierSocket, bystanderSocket] = await Promise.all([connectAs(supplier), connectAs(supplier2)])
		await join(supplierSocket, event.id)
		await join(bystanderSocket, event.id)
		const atStaff = record(staffSocket, 'event:updated')
		const atSupplier = record(supplierSocket, 'event:updated')
		const atBystander = record(bystanderSocket, 'event:updated')

		const started = afterStartOf(0)
		expect(await markNoShow(actor(bureau), meetingA.id, [supplier.user.firmId!], started)).toEqual({
			eventId: event.id,
			status: 'NO_SHOW',
			noShowFirmIds: [supplier.user.firmId],
		})
		await atStaff.until((i) => i.length === 1, 'event:updated at the staff')
		await atSupplier.until((i) => i.length === 1, 'event:updated at the supplier')
		expect(atStaff.items[0]).toEqual({ eventId: event.id })
		// A firm not in the meeting is not disturbed by it.
		await flush(bystanderSocket)
		expect(atBystander.items).toEqual([])

		// The buyer too, later: both are recorded, buyer first as in the meeting.
		const both = await markNoShow(actor(county), meetingA.id, [buyer.user.firmId!], started, {
			ip: '10.1.1.1',
		})
		expect(both.noShowFirmIds).toEqual([buyer.user.firmId, supplier.user.firmId])
		const view = await lobbyView(viewer(bureau), event.id, started)
		expect(view.current?.meetings[0]).toMatchObject({
			status: 'NO_SHOW',
			buyer: { noShow: true },
			supplier: { noShow: true },
		})
		const audits = await prisma.auditLog.findMany({
			where: { action: 'event.meeting.noShow', targetId: meetingA.id },
			orderBy: { createdAt: 'asc' },
		})
		expect(audits.map((a) => a.actorId)).toEqual([bureau.user.id, county.user.id])
		expect(audits[1]?.ip).toBe('10.1.1.1')

		// Undo (a mistaken mark): held, no firms marked.
		expect(await refusal(markHeld(actor(supplier), meetingA.id, started))).toEqual({
			key: 'err.eventsLobbyNotFound',
			status: 404,
		})
		expect(await markHeld(actor(bureau), meetingA.id, started)).toEqual({ eventId: event.id, status: 'HELD' })
		expect(await prisma.meeting.findUniqueOrThrow({ where: { id: meetingA.id } })).toMatchObject({
			status: 'HELD',
			noShowFirmIds: [],
		})
		expect(await refusal(markHeld(actor(bureau), meetingA.id, started))).toEqual({
			key: 'err.eventsLobbyHeldStatus',
			status: 409,
		})

		// A meeting with a recorded outcome was held: no no-show.
		await prisma.meeting.update({ where: { id: meetingA.id }, data: { outcome: 'INTENT' } })
		expect(await refusal(markNoShow(actor(bureau), meetingA.id, [buyer.user.firmId!], started))).toEqual({
			key: 'err.eventsLobbyNoShowHasOutcome',
			status: 409,
		})
		staffSocket.disconnect()
		supplierSocket.disconnect()
		bystanderSocket.disconnect()
	})

	test('the lobby action marks a no-show for the bureau and refuses a firm', async () => {
		// meetingB's slot (slot 1) starts ten days from now: too early through the page's clock.
		const page = `/events/${event.id}/live`
		const early = await callAction(
			liveAction,
			page,
			{ intent: 'no-show', meetingId: meetingB.id, firmIds: supplier2.user.firmId! },
			bureau,
		)
		expect(early.status).toBe(409)
		expect(await early.json()).toMatchObject({ error: 'err.eventsLobbyNoShowTooEarly' })
		const firm = await callAction(
			liveAction,
			page,
			{ intent: 'no-show', meetingId: meetingB.id, firmIds: buyer.user.firmId! },
			buyer,
		)
		expect(firm.status).toBe(404)
		const missing = await callAction(liveAction, page, { intent: 'no-show', meetingId: meetingB.id }, bureau)
		expect(missing.status).toBe(400)
		expect(await missing.json()).toMatchObject({ error: 'err.eventsLobbyNoShowFirms' })
	})
})

// ---- 4. check-in ------------------------------------------------------------------------------------

describe('on-site check-in', () => {
	test('bureau only; an unknown, foreign or unapproved code is refused', async () => {
		for (const who of [supplier, buyer, outsider]) {
			expect(await refusal(checkIn(actor(who), tokens.supplier))).toEqual({
				key: 'err.eventsLobbyNotFound',
				status: 404,
			})
			expect(await refusal(checkInPreview(actor(who), tokens.supplier))).toEqual({
				key: 'err.eventsLobbyNotFound',
				status: 404,
			})
		}
		for (const token of ['', '   ', 'not-a-token', 'x'.repeat(200)]) {
			expect(await refusal(checkIn(actor(bureau), token))).toEqual({
				key: 'err.eventsLobbyCheckInToken',
				status: 400,
			})
		}
		const other = await createEventRow(bureau.user.id, {
			format: 'HYBRID',
			venue: '赤壁会场',
			days: [dayFromNow(13)],
		})
		expect(await refusal(checkIn(actor(bureau), tokens.supplier, { eventId: other.id }))).toEqual({
			key: 'err.eventsLobbyCheckInToken',
			status: 400,
		})
		expect(await refusal(checkIn(actor(bureau), tokens.buyer2))).toEqual({
			key: 'err.eventsLobbyCheckInNotApproved',
			status: 409,
		})
		const online = await createEventRow(bureau.user.id, { format: 'ONLINE', days: [dayFromNow(14)] })
		const onlineReg = await registerFirmRow(online.id, supplier.user.firmId!, 'SUPPLIER')
		expect(await refusal(checkIn(actor(bureau), onlineReg.checkInToken))).toEqual({
			key: 'err.eventsLobbyCheckInOnline',
			status: 409,
		})
		expect(await prisma.eventRegistration.count({ where: { checkedInAt: { not: null } } })).toBe(0)
	})

	test('checks in once: a second scan says 已签到 with the time and changes nothing', async () => {
		const staffSocket = await connectAs(bureau)
		await join(staffSocket, event.id)
		const updates = record(staffSocket, 'event:updated')

		const preview = await checkInPreview(actor(bureau), tokens.supplier, event.id)
		expect(preview).toMatchObject({
			firm: { name: supplier.user.firm!.name },
			side: 'SUPPLIER',
			checkedInAt: null,
			already: false,
		})
		expect(
			(await prisma.eventRegistration.findFirstOrThrow({ where: { checkInToken: tokens.supplier } }))
				.checkedInAt,
		).toBeNull()

		const at = new Date('2030-01-01T01:02:03Z')
		const first = await checkIn(actor(bureau), tokens.supplier, {
			eventId: event.id,
			now: at,
			ip: '10.2.2.2',
		})
		expect(first).toMatchObject({
			already: false,
			firm: { id: supplier.user.firmId, name: supplier.user.firm!.name },
			checkedInAt: at.toISOString(),
			checkedInAtLocal: '2030-01-01 09:02',
		})
		await updates.until((i) => i.length === 1, 'event:updated after the check-in')
		// Scanned again (another desk, the full URL this time): same time, no second audit record.
		const again = await checkIn(
			actor(county),
			checkInUrl('https://xnwh.example.cn', event.id, tokens.supplier),
			{
				now: new Date('2030-01-01T02:00:00Z'),
			},
		)
		expect(again).toMatchObject({
			already: true,
			checkedInAt: at.toISOString(),
			checkedInAtLocal: '2030-01-01 09:02',
		})
		const audits = await prisma.auditLog.findMany({ where: { action: 'event.checkedIn' } })
		expect(audits).toHaveLength(1)
		expect(audits[0]).toMatchObject({ actorId: bureau.user.id, ip: '10.2.2.2' })

		const view = await lobbyView(viewer(bureau), event.id, afterStartOf(0))
		expect(view.current?.meetings[0]?.supplier.checkedInAt).toBe(at.toISOString())
		expect(view.current?.meetings[0]?.buyer.checkedInAt).toBeNull()
		expect(view.stats).toEqual({ approved: 3, checkedIn: 1 })
		const own = await lobbyView(viewer(colleague), event.id, afterStartOf(0))
		expect(own.checkIn).toEqual({ token: tokens.supplier, checkedInAt: at.toISOString() })
		staffSocket.disconnect()
	})

	test('the check-in page: GET shows the firm and changes nothing, POST checks in; firms get 404', async () => {
		const page = `/events/${event.id}/check-in?token=${encodeURIComponent(tokens.buyer)}`
		const shown = await callLoader(checkInLoader, page, bureau)
		expect(shown.status).toBe(200)
		expect(await shown.json()).toMatchObject({
			preview: { firm: { name: buyer.user.firm!.name }, checkedInAt: null },
			token: tokens.buyer,
			error: null,
		})
		expect(
			(await prisma.eventRegistration.findFirstOrThrow({ where: { checkInToken: tokens.buyer } }))
				.checkedInAt,
		).toBeNull()

		const bad = await callLoader(checkInLoader, `/events/${event.id}/check-in?token=nope`, bureau)
		expect(await bad.json()).toMatchObject({ preview: null, error: 'err.eventsLobbyCheckInToken' })

		for (const who of [buyer, supplier, outsider]) {
			expect((await callLoader(checkInLoader, page, who)).status).toBe(404)
			expect((await callAction(checkInAction, page, { token: tokens.buyer }, who)).status).toBe(404)
		}
		const anonymous = await callLoader(checkInLoader, page)
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=/)

		const done = await callAction(checkInAction, page, { token: tokens.buyer }, county)
		expect(done.status).toBe(302)
		expect(done.headers.get('location')).toBe(
			`/events/${event.id}/check-in?token=${encodeURIComponent(tokens.buyer)}`,
		)
		const after = await callLoader(checkInLoader, page, bureau)
		expect(await after.json()).toMatchObject({
			preview: { already: true },
			stats: { checkedIn: 2, approved: 3 },
		})
		const notApproved = await callAction(checkInAction, page, { token: tokens.buyer2 }, bureau)
		expect(notApproved.status).toBe(409)
		expect(await notApproved.json()).toEqual({ error: 'err.eventsLobbyCheckInNotApproved' })
	})

	test('a check-in code can be typed as the token or pasted as the whole link', () => {
		expect(tokenFromInput(`  ${tokens.buyer} `)).toBe(tokens.buyer)
		expect(tokenFromInput(checkInUrl('http://127.0.0.1:3000/', 'evt1', tokens.buyer))).toBe(tokens.buyer)
		expect(tokenFromInput('https://example.cn/events/x/check-in')).toBe('')
	})

	test('the QR code is an SVG of the check-in URL; anything but http(s) is refused', async () => {
		const link = checkInUrl('https://xnwh.example.cn', event.id, tokens.supplier)
		expect(link).toBe(
			`https://xnwh.example.cn/events/${event.id}/check-in?token=${encodeURIComponent(tokens.supplier)}`,
		)
		const svg = await checkInQrSvg(link)
		expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/)
		expect(svg).toMatch(/<path [^>]*d="M[0-9 .hvmMHV-]+/)
		expect(svg.trim().endsWith('</svg>')).toBe(true)
		// A different URL gives a different code.
		expect(await checkInQrSvg(checkInUrl('https://xnwh.example.cn', event.id, tokens.buyer))).not.toBe(svg)
		for (const bad of [
			'javascript:alert(1)',
			'ftp://xnwh.example.cn/x',
			'data:text/html,<b>x</b>',
			'/events/x/check-in',
			'',
		]) {
			await expect(checkInQrSvg(bad)).rejects.toMatchObject({ key: 'err.eventsLobbyQrUrl' })
		}
	})
})

// ---- 5. naughty strings ------------------------------------------------------------------------------

describe(`announcements with the Big List of Naughty Strings (${process.env.TEST_DB_KIND})`, () => {
	test('every string is stored, pushed and listed byte-exact, or refused as blank', async () => {
		const blns = JSON.parse(readFileSync(path.resolve('../shared/data/blns/blns.json'), 'utf8')) as string[]
		expect(blns).toHaveLength(515)
		// An event with no approved firm: this is about the text, not 515 × N notifications.
		const naughty = await createEventRow(bureau.user.id, { days: [dayFromNow(15)] })
		const staffSocket = await connectAs(bureau)
		await join(staffSocket, naughty.id)
		const pushed = record(staffSocket, 'event:announcement', (a) => a.eventId === naughty.id)

		const expected: string[] = []
		let blank = 0
		for (const s of blns) {
			const stored = wellFormedText(s)
			if (stored.trim() === '') {
				blank++
				await expect(postAnnouncement(actor(bureau), naughty.id, s)).rejects.toMatchObject({
					key: 'err.eventAnnouncement',
				})
				continue
			}
			const result = await postAnnouncement(actor(bureau), naughty.id, s)
			expect(result.announcement.body).toBe(stored)
			expected.push(stored)
		}
		expect(blank).toBeGreaterThan(0)
		expect(expected.length + blank).toBe(515)

		await pushed.until((i) => i.length === expected.length, 'every announcement pushed')
		expect(pushed.items.map((a) => a.body)).toEqual(expected)
		const rows = await prisma.announcement.findMany({
			where: { eventId: naughty.id },
			orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
			select: { body: true },
		})
		expect(rows.map((r) => r.body).sort()).toEqual([...expected].sort())
		// The lobby lists the newest 50, byte-exact.
		const view = await lobbyView(viewer(bureau), naughty.id)
		expect(view.announcements).toHaveLength(50)
		const pushedById = new Map(pushed.items.map((a) => [a.id, a.body]))
		for (const a of view.announcements) expect(a.body).toBe(pushedById.get(a.id))
		staffSocket.disconnect()
	}, 240_000)
})
