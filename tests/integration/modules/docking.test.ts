import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { Prisma } from '@prisma/client'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
	changeStage,
	DockingError,
	dockingBadge,
	getSessionView,
	grantContactConsent,
	inviteBureau,
	joinSide,
	listMessages,
	listSessions,
	markRead,
	processRequestTimers,
	respondToRequest,
	searchMessages,
	sendMessage,
	sendUnreadDigests,
	startDocking,
	toMessagePayload,
	withdrawRequest,
} from '#app/modules/docking/docking.server'
import {
	CONSENT_TEXT_VERSION,
	REQUEST_TTL_MS,
	RespondSchema,
	SendSchema,
	StageSchema,
	StartSchema,
} from '#app/modules/docking/rules'
import type { ClientToServerEvents, MessagePayload, ServerToClientEvents } from '#app/realtime/events'
import { setRealtimePublisher } from '#app/realtime/registry.server'
import { loader as sessionPageLoader } from '#app/routes/docking.$sessionId'
import { loader as historyLoader } from '#app/routes/resources.docking-messages.$sessionId'
import { prisma } from '#app/utils/db.server'
import { wellFormedText } from '#app/utils/text'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { createRealtime, type Realtime } from '#server/socket/io'
import { MESSAGE_POINTS } from '#server/socket/rate-limit'
import {
	asFirmUser,
	createFirmUser,
	createFirmWithUser,
	publishedCapabilities,
	publishedDemands,
	signIn,
	TEST_PASSWORD,
	type SignedIn,
} from '#tests/factories/docking'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// Docking sessions (对接) end to end: the domain module on a real database, the Socket.io handlers
// through real socket.io-client connections (one realtime server on a bare HTTP server, no Remix
// build needed), and the session page's and history resource's loaders called as Remix calls them.
// Tests run in order and build on each other's sessions.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0]

const DAY = 24 * 60 * 60 * 1000
const MINUTE = 60 * 1000
const meta = { ip: '127.0.0.1' }

let db: TestDatabase
let http: Server
let realtime: Realtime
let url: string
const opened: ClientSocket[] = []

let supplier: SignedIn // 张经理, 赤壁车联电子有限公司 (SUPPLIER, VERIFIED)
let supplier2: SignedIn // 刘经理, 赤壁安迅应急装备有限公司 (SUPPLIER, VERIFIED)
let buyer: SignedIn // 陈工, 武汉光澜通信技术有限公司 (BUYER, VERIFIED)
let buyer2: SignedIn // 赵工, 武汉曜辉激光装备有限公司 (BUYER, VERIFIED)
let bureau: SignedIn // 市经信局 李科长
let county: SignedIn // 咸安区科经局 周主任 (bureau, never invited)
let colleague: SignedIn // a second user of the supplier firm
let buyerSocket: ClientSocket
let supplierSocket: ClientSocket
let colleagueSocket: ClientSocket

let demands: Array<{ id: string; title: string }>
let capabilities: Array<{ id: string; title: string }>

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	http = createServer()
	realtime = await createRealtime(http, { allowedOrigins: [], logger: { info: () => {}, error: () => {} } })
	setRealtimePublisher(realtime.publisher)
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
	url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
	const demo = (name: string) => signIn(`${name}@demo.xnwh.cn`, DEMO_PASSWORD)
	;[supplier, supplier2, buyer, buyer2, bureau, county] = await Promise.all([
		demo('supplier'),
		demo('supplier2'),
		demo('buyer'),
		demo('buyer2'),
		demo('bureau'),
		demo('county'),
	])
	colleague = await createFirmUser(supplier.user.firmId!, { name: '王工', role: 'SUPPLIER' })
	demands = await publishedDemands(buyer.user.firmId!)
	capabilities = await publishedCapabilities(supplier.user.firmId!)
	expect(demands.length).toBeGreaterThanOrEqual(5)
	expect(capabilities.length).toBeGreaterThanOrEqual(2)
	;[buyerSocket, supplierSocket, colleagueSocket] = await Promise.all([
		connectAs(buyer),
		connectAs(supplier),
		connectAs(colleague),
	])
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
	async until(predicate: (items: T[]) => boolean, what: string, ms = 8000) {
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

/** Records one server event on a socket (optionally filtered) from now on. */
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

/** The DockingError a call is refused with, as { key, status }. */
async function refusal(promise: Promise<unknown>) {
	try {
		await promise
	} catch (error) {
		if (error instanceof DockingError) return { key: error.key, status: error.status }
		throw error
	}
	throw new Error('expected a DockingError, but the call succeeded')
}

function firstIssue(result: { success: boolean; error?: { issues: Array<{ message: string }> } }) {
	return result.success ? null : (result.error?.issues[0]?.message ?? null)
}

async function join(socket: ClientSocket, sessionId: string, afterSeq = 0) {
	const reply = await socket.emitWithAck('docking:join', { sessionId, afterSeq })
	if (!reply.ok) throw new Error(`join refused: ${reply.error}`)
	return reply
}

async function send(
	socket: ClientSocket,
	sessionId: string,
	body: string,
	clientId = `c-${crypto.randomUUID()}`,
) {
	return socket.emitWithAck('docking:send', { sessionId, clientId, body })
}

async function sendOk(socket: ClientSocket, sessionId: string, body: string, clientId?: string) {
	const reply = await send(socket, sessionId, body, clientId)
	if (!reply.ok) throw new Error(`send refused: ${reply.error}`)
	return reply
}

async function sessionRow(id: string) {
	return prisma.dockingSession.findUniqueOrThrow({ where: { id } })
}

async function lastSeq(id: string) {
	return (await sessionRow(id)).lastMessageSeq
}

/** A request started by one firm and accepted by the other. */
async function activeSession(
	initiator: SignedIn,
	recipient: SignedIn,
	listing: { demandId?: string; capabilityId?: string },
	message: string,
) {
	const { id } = await startDocking(
		asFirmUser(initiator.user),
		StartSchema.parse({ ...listing, message }),
		meta,
	)
	await respondToRequest(asFirmUser(recipient.user), id, RespondSchema.parse({ intent: 'accept' }), meta)
	return id
}

function firmUsersOf(firmId: string) {
	return prisma.user.findMany({
		where: { firmId },
		select: { id: true, email: true },
		orderBy: { id: 'asc' },
	})
}

/** Runs a route loader as Remix would for a GET with the cookie; a thrown Response (404, redirect) is returned. */
async function get(
	loader: (args: LoaderFunctionArgs) => Promise<Response>,
	path: string,
	sessionId: string,
	who?: SignedIn,
) {
	const request = new Request(`http://localhost${path}`, { headers: who ? { cookie: who.cookie } : {} })
	try {
		return await loader({
			request,
			params: { sessionId },
			context: { cspNonce: 'test', realtime: realtime.publisher },
		})
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

function expectContiguous(seqs: number[], from: number, count: number) {
	expect(seqs).toEqual(Array.from({ length: count }, (_, i) => from + i))
}

// ---- 1. request lifecycle -----------------------------------------------------------------------------

let s1 = '' // supplier → buyer's demands[0]; accepted; walks the stages
let s2 = '' // supplier → buyer's demands[1]; declined
let s3 = '' // buyer → supplier's capabilities[0]; accepted with consent; closed

describe(`docking request lifecycle (${process.env.TEST_DB_KIND})`, () => {
	test('a supplier starts from a buyer’s published demand: buyer firm notified live and mailed; a second start returns the same session', async () => {
		const demand = demands[0]!
		const buyerUsers = await firmUsersOf(buyer.user.firmId!)
		const live = record(buyerSocket, 'notification:created', (n) => n.kind === 'docking.requested')
		const mailsBefore = await prisma.mailOutbox.count()
		const badgeBefore = await dockingBadge(buyer.user)
		const supplierBadgeBefore = await dockingBadge(supplier.user)
		const message = '您好，我司可供应 800G 光模块配套组件，年产能 50 万套，能否约时间详谈？'

		const started = await startDocking(
			asFirmUser(supplier.user),
			StartSchema.parse({ demandId: demand.id, message, consent: 'on' }),
			meta,
		)
		expect(started.existing).toBe(false)
		s1 = started.id

		const session = await prisma.dockingSession.findUniqueOrThrow({
			where: { id: s1 },
			include: { members: true, stageChanges: true, consents: true, messages: true },
		})
		expect(session).toMatchObject({
			buyerFirmId: buyer.user.firmId,
			supplierFirmId: supplier.user.firmId,
			demandId: demand.id,
			capabilityId: null,
			initiatorSide: 'SUPPLIER',
			initiatedById: supplier.user.id,
			status: 'PENDING',
			stage: 'INTENT',
			requestMessage: message,
			lastMessageSeq: 1,
		})
		expect(Math.abs(session.expiresAt.getTime() - session.createdAt.getTime() - REQUEST_TTL_MS)).toBeLessThan(
			5000,
		)
		expect(session.members.map((m) => [m.userId, m.side])).toEqual([[supplier.user.id, 'SUPPLIER']])
		expect(session.stageChanges.map((c) => [c.toStage, c.toStatus, c.actorId])).toEqual([
			['INTENT', 'PENDING', supplier.user.id],
		])
		expect(session.messages.map((m) => [m.seq, m.kind, m.body, m.meta])).toEqual([
			[1, 'SYSTEM', message, { event: 'requested' }],
		])
		// The initiator's consent (ticked on the request form) is recorded with the wording's version.
		expect(session.consents).toMatchObject([
			{
				firmId: supplier.user.firmId,
				userId: supplier.user.id,
				textVersion: CONSENT_TEXT_VERSION,
				ip: '127.0.0.1',
			},
		])
		expect(CONSENT_TEXT_VERSION).toBe('contact-v1')

		// Every user of the buyer firm, and nobody else, gets a notification and a mail.
		const notes = await prisma.notification.findMany({
			where: { kind: 'docking.requested' },
			orderBy: { userId: 'asc' },
		})
		expect(notes.map((n) => n.userId)).toEqual(buyerUsers.map((u) => u.id))
		for (const n of notes) {
			expect(n.title).toBe('赤壁车联电子有限公司 向您发起对接请求')
			expect(n.body).toBe(`需求「${demand.title}」`)
			expect(n.link).toBe(`/docking/${s1}`)
		}
		const mails = await prisma.mailOutbox.findMany({ orderBy: { createdAt: 'asc' }, skip: mailsBefore })
		expect(mails.map((m) => m.to).sort()).toEqual(buyerUsers.map((u) => u.email).sort())
		for (const m of mails) {
			expect(m.subject).toBe('【产业链供需对接平台】赤壁车联电子有限公司 向您发起对接请求')
			expect(m.text).toContain(message)
		}
		await live.until((items) => items.length === 1, 'the live docking.requested notification')
		expect(live.items[0]).toMatchObject({
			title: '赤壁车联电子有限公司 向您发起对接请求',
			link: `/docking/${s1}`,
		})

		// The recipient firm sees a request awaiting its answer; the initiator does not, nor is its own request unread.
		expect(await dockingBadge(buyer.user)).toEqual({
			unread: badgeBefore.unread,
			pending: badgeBefore.pending + 1,
		})
		expect(await dockingBadge(supplier.user)).toEqual(supplierBadgeBefore)
		expect((await getSessionView(supplier.user, s1, meta)).unread).toBe(0)
		expect((await listSessions(buyer.user, 'pending')).find((s) => s.id === s1)).toMatchObject({
			awaitingMe: true,
			mySide: 'BUYER',
			counterpart: '赤壁车联电子有限公司',
		})
		expect((await listSessions(supplier.user, 'pending')).find((s) => s.id === s1)).toMatchObject({
			awaitingMe: false,
			mySide: 'SUPPLIER',
		})
		expect(await listSessions(supplier2.user, 'pending')).toEqual([])

		// Starting again (the same user or a colleague) returns the open session; nothing is written.
		const counts = async () => [
			await prisma.dockingSession.count(),
			await prisma.notification.count(),
			await prisma.mailOutbox.count(),
			await prisma.message.count(),
		]
		const before = await counts()
		expect(
			await startDocking(
				asFirmUser(supplier.user),
				StartSchema.parse({ demandId: demand.id, message: '再次发起' }),
				meta,
			),
		).toEqual({ id: s1, existing: true })
		expect(
			await startDocking(
				asFirmUser(colleague.user),
				StartSchema.parse({ demandId: demand.id, message: '同事发起' }),
				meta,
			),
		).toEqual({ id: s1, existing: true })
		expect(await counts()).toEqual(before)
	})

	test('contacts are never shown while the request is pending, even with the initiator’s consent', async () => {
		const asBuyer = await getSessionView(buyer.user, s1, meta)
		expect(asBuyer.session.status).toBe('PENDING')
		expect(asBuyer.session.supplier).toMatchObject({ consented: true, contact: null })
		// A firm always sees its own contact.
		expect(asBuyer.session.buyer.contact).toEqual({ name: expect.any(String), phone: expect.any(String) })
		const asSupplier = await getSessionView(supplier.user, s1, meta)
		expect(asSupplier.session.buyer).toMatchObject({ consented: false, contact: null })
		expect(asSupplier.access).toEqual({ canRead: true, canWrite: false, side: 'SUPPLIER', isBureau: false })
		// Nobody can chat before the request is accepted.
		expect(
			await refusal(
				sendMessage(supplier.user, {
					sessionId: s1,
					clientId: 'pending-0001',
					body: '在吗？',
					attachmentIds: [],
				}),
			),
		).toEqual({
			key: 'err.dockingReadOnly',
			status: 409,
		})
	})

	test('refusals: unverified firm, wrong kind, listing not own or not published, own listing only, same firm on both ends, bad input', async () => {
		const sessionsBefore = await prisma.dockingSession.count()
		const message = '希望与贵司建立合作'

		const pending = await createFirmWithUser({
			firmName: '咸宁待审电子科技有限公司',
			kind: 'SUPPLIER',
			verified: false,
			userName: '钱经理',
			role: 'SUPPLIER',
		})
		expect(
			await refusal(
				startDocking(
					asFirmUser(pending.user),
					StartSchema.parse({ demandId: demands[0]!.id, message }),
					meta,
				),
			),
		).toEqual({
			key: 'err.dockingFirmNotVerified',
			status: 403,
		})
		// Only its own capability, no counterpart's listing.
		expect(
			await refusal(
				startDocking(
					asFirmUser(supplier.user),
					StartSchema.parse({ capabilityId: capabilities[0]!.id, message }),
					meta,
				),
			),
		).toEqual({
			key: 'err.dockingNoListing',
			status: 400,
		})
		// A buyer's own demand only.
		expect(
			await refusal(
				startDocking(asFirmUser(buyer.user), StartSchema.parse({ demandId: demands[0]!.id, message }), meta),
			),
		).toEqual({
			key: 'err.dockingNoListing',
			status: 400,
		})
		// Another supplier's capability offered as one's own.
		const foreignCapability = (await publishedCapabilities(supplier2.user.firmId!))[0]!
		expect(
			await refusal(
				startDocking(
					asFirmUser(supplier.user),
					StartSchema.parse({ demandId: demands[1]!.id, capabilityId: foreignCapability.id, message }),
					meta,
				),
			),
		).toEqual({
			key: 'err.dockingListingNotOwn',
			status: 400,
		})
		// A buyer firm cannot answer another buyer's demand as a supplier.
		expect(
			await refusal(
				startDocking(asFirmUser(buyer2.user), StartSchema.parse({ demandId: demands[0]!.id, message }), meta),
			),
		).toEqual({
			key: 'err.dockingWrongKind',
			status: 403,
		})
		// A draft demand is not there for anyone but its firm.
		const draft = await prisma.demand.findFirstOrThrow({
			where: { firmId: buyer.user.firmId!, status: 'DRAFT' },
		})
		expect(
			await refusal(
				startDocking(asFirmUser(supplier.user), StartSchema.parse({ demandId: draft.id, message }), meta),
			),
		).toEqual({
			key: 'err.dockingListingGone',
			status: 404,
		})
		// A firm that both buys and supplies cannot dock with itself.
		const both = await createFirmWithUser({
			firmName: '咸宁双向智造有限公司',
			kind: 'BOTH',
			verified: true,
			userName: '孙总',
			role: 'SUPPLIER',
		})
		const ownDemand = await prisma.demand.create({
			data: { firmId: both.firm.id, title: '采购铝合金压铸件', status: 'PUBLISHED', publishedAt: new Date() },
		})
		const ownCapability = await prisma.capability.create({
			data: { firmId: both.firm.id, title: '铝合金压铸加工', status: 'PUBLISHED', publishedAt: new Date() },
		})
		expect(
			await refusal(
				startDocking(
					asFirmUser(both.user),
					StartSchema.parse({ demandId: ownDemand.id, capabilityId: ownCapability.id, message }),
					meta,
				),
			),
		).toEqual({
			key: 'err.dockingSelf',
			status: 400,
		})
		expect(await prisma.dockingSession.count()).toBe(sessionsBefore)

		// The request form's own rules.
		expect(firstIssue(StartSchema.safeParse({ demandId: demands[0]!.id, message: '   ' }))).toBe(
			'err.dockingRequestMessage',
		)
		expect(firstIssue(StartSchema.safeParse({ message }))).toBe('err.dockingNoListing')
	})

	test('the initiator cannot accept its own request; the recipient accepts and the initiator firm is told', async () => {
		expect(
			await refusal(
				respondToRequest(asFirmUser(supplier.user), s1, { intent: 'accept', consent: true }, meta),
			),
		).toEqual({ key: 'err.dockingNotRecipient', status: 403 })
		expect(
			await refusal(
				respondToRequest(asFirmUser(colleague.user), s1, { intent: 'accept', consent: true }, meta),
			),
		).toEqual({ key: 'err.dockingNotRecipient', status: 403 })
		expect(
			await refusal(respondToRequest(asFirmUser(buyer2.user), s1, { intent: 'accept', consent: true }, meta)),
		).toEqual({ key: 'err.dockingNotFound', status: 404 })
		expect((await sessionRow(s1)).status).toBe('PENDING')

		const supplierUsers = await firmUsersOf(supplier.user.firmId!)
		const mailsBefore = await prisma.mailOutbox.count()
		await respondToRequest(asFirmUser(buyer.user), s1, RespondSchema.parse({ intent: 'accept' }), meta)
		const session = await prisma.dockingSession.findUniqueOrThrow({
			where: { id: s1 },
			include: { members: { orderBy: { joinedAt: 'asc' } }, stageChanges: { orderBy: { createdAt: 'asc' } } },
		})
		expect(session).toMatchObject({
			status: 'ACTIVE',
			stage: 'INTENT',
			respondedById: buyer.user.id,
			lastMessageSeq: 2,
		})
		expect(session.members.map((m) => [m.userId, m.side])).toEqual([
			[supplier.user.id, 'SUPPLIER'],
			[buyer.user.id, 'BUYER'],
		])
		expect(session.stageChanges.map((c) => [c.fromStatus, c.toStatus])).toEqual([
			[null, 'PENDING'],
			['PENDING', 'ACTIVE'],
		])
		const [, accepted] = (await listMessages(s1)).messages
		expect(accepted).toMatchObject({
			seq: 2,
			kind: 'SYSTEM',
			body: '武汉光澜通信技术有限公司 接受了对接请求，双方可以开始洽谈。',
			meta: { event: 'accepted' },
			side: 'BUYER',
		})
		const notes = await prisma.notification.findMany({
			where: { kind: 'docking.accepted', link: `/docking/${s1}` },
			orderBy: { userId: 'asc' },
		})
		expect(notes.map((n) => n.userId)).toEqual(supplierUsers.map((u) => u.id))
		const mails = await prisma.mailOutbox.findMany({ orderBy: { createdAt: 'asc' }, skip: mailsBefore })
		expect(mails.map((m) => m.to).sort()).toEqual(supplierUsers.map((u) => u.email).sort())
		expect(
			mails.every((m) => m.subject === '【产业链供需对接平台】武汉光澜通信技术有限公司 接受了您的对接请求'),
		).toBe(true)

		expect(
			await refusal(respondToRequest(asFirmUser(buyer.user), s1, { intent: 'accept', consent: false }, meta)),
		).toEqual({ key: 'err.dockingNotPending', status: 409 })
		expect(await refusal(withdrawRequest(asFirmUser(supplier.user), s1))).toEqual({
			key: 'err.dockingNotPending',
			status: 409,
		})
	})

	test('declining needs a reason; a declined request is read-only and a new request may follow, which the initiator firm can withdraw', async () => {
		const demand = demands[1]!
		const { id } = await startDocking(
			asFirmUser(supplier.user),
			StartSchema.parse({ demandId: demand.id, message: '我司可提供光纤阵列组件样品', consent: true }),
			meta,
		)
		s2 = id
		expect(firstIssue(RespondSchema.safeParse({ intent: 'decline', reason: '' }))).toBe(
			'err.dockingDeclineReason',
		)
		expect(firstIssue(RespondSchema.safeParse({ intent: 'decline', reason: ' 否 ' }))).toBe(
			'err.dockingDeclineReason',
		)
		expect(firstIssue(RespondSchema.safeParse({ intent: 'decline' }))).not.toBeNull()

		const reason = '目前已有稳定供应商，暂不考虑新增。'
		await respondToRequest(
			asFirmUser(buyer.user),
			s2,
			RespondSchema.parse({ intent: 'decline', reason }),
			meta,
		)
		expect(await sessionRow(s2)).toMatchObject({
			status: 'DECLINED',
			declineReason: reason,
			respondedById: buyer.user.id,
		})
		const last = (await listMessages(s2)).messages.at(-1)
		expect(last).toMatchObject({
			kind: 'SYSTEM',
			body: `武汉光澜通信技术有限公司 婉拒了对接请求。理由：${reason}`,
			meta: { event: 'declined', reason },
		})
		expect(
			await prisma.notification.count({
				where: { kind: 'docking.declined', body: reason, userId: supplier.user.id },
			}),
		).toBe(1)
		// PIPL: the supplier had consented, but a declined request never shows contacts.
		expect((await getSessionView(buyer.user, s2, meta)).session.supplier).toMatchObject({
			consented: true,
			contact: null,
		})
		expect(
			await refusal(
				sendMessage(supplier.user, {
					sessionId: s2,
					clientId: 'declined-001',
					body: '能否再考虑一下？',
					attachmentIds: [],
				}),
			),
		).toEqual({
			key: 'err.dockingReadOnly',
			status: 409,
		})
		expect(
			await refusal(changeStage(asFirmUser(supplier.user), s2, StageSchema.parse({ stage: 'NEGOTIATION' }))),
		).toEqual({ key: 'err.dockingNotActive', status: 409 })

		// Declined is over: the same pair and listing can start afresh.
		const again = await startDocking(
			asFirmUser(supplier.user),
			StartSchema.parse({ demandId: demand.id, message: '我司新增了一条产线，想再沟通一次' }),
			meta,
		)
		expect(again.existing).toBe(false)
		expect(again.id).not.toBe(s2)
		// Only the initiating firm withdraws (here a colleague of the initiator).
		expect(await refusal(withdrawRequest(asFirmUser(buyer.user), again.id))).toEqual({
			key: 'err.dockingForbidden',
			status: 403,
		})
		expect(await refusal(withdrawRequest(asFirmUser(supplier2.user), again.id))).toEqual({
			key: 'err.dockingNotFound',
			status: 404,
		})
		await withdrawRequest(asFirmUser(colleague.user), again.id)
		const withdrawn = await sessionRow(again.id)
		expect(withdrawn.status).toBe('WITHDRAWN')
		expect(withdrawn.closedAt).toBeInstanceOf(Date)
		expect((await listMessages(again.id)).messages.at(-1)).toMatchObject({
			kind: 'SYSTEM',
			body: '赤壁车联电子有限公司 撤回了对接请求。',
			meta: { event: 'withdrawn' },
		})
		expect(
			await prisma.dockingStageChange.count({
				where: { sessionId: again.id, toStatus: 'WITHDRAWN', actorId: colleague.user.id },
			}),
		).toBe(1)
		expect(await refusal(withdrawRequest(asFirmUser(supplier.user), again.id))).toEqual({
			key: 'err.dockingNotPending',
			status: 409,
		})
		expect(
			await refusal(
				respondToRequest(asFirmUser(buyer.user), again.id, { intent: 'accept', consent: false }, meta),
			),
		).toEqual({ key: 'err.dockingNotPending', status: 409 })
	})
})

// ---- 2. PIPL contact reveal ----------------------------------------------------------------------------

describe(`docking contacts under PIPL (${process.env.TEST_DB_KIND})`, () => {
	test('an accepted session shows a firm’s contact to the other firm only with that firm’s own consent', async () => {
		const [supplierFirm, buyerFirm] = await Promise.all([
			prisma.firm.findUniqueOrThrow({ where: { id: supplier.user.firmId! } }),
			prisma.firm.findUniqueOrThrow({ where: { id: buyer.user.firmId! } }),
		])
		// s1 is ACTIVE; the supplier consented when starting, the buyer accepted without consent.
		const asBuyer = await getSessionView(buyer.user, s1, meta)
		expect(asBuyer.session.supplier.contact).toEqual({
			name: supplierFirm.contactName,
			phone: supplierFirm.contactPhone,
		})
		expect(asBuyer.session.supplier.contact).toEqual({ name: '李俊', phone: '13900000006' })
		const asSupplier = await getSessionView(supplier.user, s1, meta)
		expect(asSupplier.session.buyer).toMatchObject({ consented: false, contact: null })
		// A colleague of the supplier (not yet a member) reads the same, without the buyer's contact.
		const asColleague = await getSessionView(colleague.user, s1, meta)
		expect(asColleague).toMatchObject({
			isMember: false,
			access: { canRead: true, canWrite: true, side: 'SUPPLIER' },
		})
		expect(asColleague.session.buyer.contact).toBeNull()

		const seqBefore = await lastSeq(s1)
		await grantContactConsent(asFirmUser(buyer.user), s1, { ip: '10.0.0.8' })
		expect(
			await prisma.contactConsent.findUniqueOrThrow({
				where: { sessionId_firmId: { sessionId: s1, firmId: buyerFirm.id } },
			}),
		).toMatchObject({
			userId: buyer.user.id,
			textVersion: 'contact-v1',
			ip: '10.0.0.8',
		})
		expect((await getSessionView(supplier.user, s1, meta)).session.buyer).toEqual(
			expect.objectContaining({
				consented: true,
				contact: { name: buyerFirm.contactName, phone: buyerFirm.contactPhone },
			}),
		)
		expect((await listMessages(s1)).messages.at(-1)).toMatchObject({
			seq: seqBefore + 1,
			kind: 'SYSTEM',
			meta: { event: 'consent' },
			body: '武汉光澜通信技术有限公司 同意向对方展示联系人及电话。',
		})
		// Consent is given once per firm: a colleague granting again writes nothing.
		await grantContactConsent(asFirmUser(buyer.user), s1, meta)
		expect(await lastSeq(s1)).toBe(seqBefore + 1)
		expect(await prisma.contactConsent.count({ where: { sessionId: s1 } })).toBe(2)
	})

	test('consent given when accepting is recorded; the initiator without consent stays hidden', async () => {
		// The buyer starts from the supplier's capability (no consent); the supplier accepts with consent.
		const { id } = await startDocking(
			asFirmUser(buyer.user),
			StartSchema.parse({ capabilityId: capabilities[0]!.id, message: '需要车载摄像头模组，请报价。' }),
			meta,
		)
		s3 = id
		expect((await sessionRow(s3)).initiatorSide).toBe('BUYER')
		expect(
			await refusal(respondToRequest(asFirmUser(buyer.user), s3, { intent: 'accept', consent: true }, meta)),
		).toEqual({ key: 'err.dockingNotRecipient', status: 403 })
		await respondToRequest(
			asFirmUser(colleague.user),
			s3,
			RespondSchema.parse({ intent: 'accept', consent: 'on' }),
			meta,
		)
		const consents = await prisma.contactConsent.findMany({ where: { sessionId: s3 } })
		expect(consents).toMatchObject([
			{
				firmId: supplier.user.firmId,
				userId: colleague.user.id,
				textVersion: CONSENT_TEXT_VERSION,
				ip: '127.0.0.1',
			},
		])
		expect((await getSessionView(buyer.user, s3, meta)).session.supplier.contact).toEqual({
			name: '李俊',
			phone: '13900000006',
		})
		expect((await getSessionView(supplier.user, s3, meta)).session.buyer.contact).toBeNull()
	})
})

// ---- 3. stages -----------------------------------------------------------------------------------------

describe(`docking stages (${process.env.TEST_DB_KIND})`, () => {
	test('the form rules: 签约 needs a positive amount, 关闭 needs a reason', () => {
		expect(firstIssue(StageSchema.safeParse({ stage: 'SIGNED' }))).toBe('err.dockingAmount')
		expect(firstIssue(StageSchema.safeParse({ stage: 'SIGNED', amount: '' }))).toBe('err.dockingAmount')
		expect(firstIssue(StageSchema.safeParse({ stage: 'SIGNED', amount: '-5' }))).toBe('err.dockingAmount')
		expect(firstIssue(StageSchema.safeParse({ stage: 'SIGNED', amount: '十万' }))).toBe('err.dockingAmount')
		expect(firstIssue(StageSchema.safeParse({ stage: 'CLOSED' }))).toBe('err.dockingCloseReason')
		expect(firstIssue(StageSchema.safeParse({ stage: 'CLOSED', reason: ' 否 ' }))).toBe(
			'err.dockingCloseReason',
		)
		expect(StageSchema.safeParse({ stage: 'SIGNED', amount: '1234567.89' }).success).toBe(true)
	})

	test('INTENT → NEGOTIATION → SAMPLING → SIGNED, forward only, each a stage change and a system message; nothing moves after 签约', async () => {
		const steps: Array<{ actor: SignedIn; stage: 'NEGOTIATION' | 'SAMPLING'; body: string }> = [
			{ actor: buyer, stage: 'NEGOTIATION', body: '武汉光澜通信技术有限公司 将对接推进到「洽谈」。' },
			{ actor: supplier, stage: 'SAMPLING', body: '赤壁车联电子有限公司 将对接推进到「送样/考察」。' },
		]
		let from = 'INTENT'
		for (const step of steps) {
			const seq = await lastSeq(s1)
			await changeStage(asFirmUser(step.actor.user), s1, StageSchema.parse({ stage: step.stage }))
			expect((await sessionRow(s1)).stage).toBe(step.stage)
			const change = await prisma.dockingStageChange.findFirstOrThrow({
				where: { sessionId: s1, toStage: step.stage },
			})
			expect(change).toMatchObject({
				fromStage: from,
				fromStatus: 'ACTIVE',
				toStatus: 'ACTIVE',
				actorId: step.actor.user.id,
				amount: null,
			})
			expect((await listMessages(s1)).messages.at(-1)).toMatchObject({
				seq: seq + 1,
				kind: 'SYSTEM',
				body: step.body,
				meta: { event: 'stage', from, stage: step.stage },
				sender: { id: step.actor.user.id },
			})
			from = step.stage
			// No step back, no standing still.
			expect(
				await refusal(changeStage(asFirmUser(buyer.user), s1, StageSchema.parse({ stage: 'INTENT' }))),
			).toEqual({ key: 'err.dockingStageOrder', status: 409 })
			expect(
				await refusal(changeStage(asFirmUser(buyer.user), s1, StageSchema.parse({ stage: step.stage }))),
			).toEqual({ key: 'err.dockingStageOrder', status: 409 })
		}
		expect(
			await refusal(changeStage(asFirmUser(buyer.user), s1, StageSchema.parse({ stage: 'NEGOTIATION' }))),
		).toEqual({ key: 'err.dockingStageOrder', status: 409 })
		// Unrelated firms cannot move someone else's deal.
		expect(
			await refusal(
				changeStage(asFirmUser(supplier2.user), s1, StageSchema.parse({ stage: 'SIGNED', amount: 1 })),
			),
		).toEqual({ key: 'err.dockingNotFound', status: 404 })

		const seq = await lastSeq(s1)
		await changeStage(
			asFirmUser(buyer.user),
			s1,
			StageSchema.parse({ stage: 'SIGNED', amount: '1234567.89', notes: '首批 2000 套，分两期交付' }),
		)
		const signed = await sessionRow(s1)
		expect(signed.stage).toBe('SIGNED')
		expect(signed.dealAmount).toBeInstanceOf(Prisma.Decimal)
		expect(signed.dealAmount?.toString()).toBe('1234567.89')
		expect(signed.dealNotes).toBe('首批 2000 套，分两期交付')
		expect(signed.signedAt).toBeInstanceOf(Date)
		const change = await prisma.dockingStageChange.findFirstOrThrow({
			where: { sessionId: s1, toStage: 'SIGNED' },
		})
		expect(change.amount?.toString()).toBe('1234567.89')
		expect((await listMessages(s1)).messages.at(-1)).toMatchObject({
			seq: seq + 1,
			kind: 'SYSTEM',
			body: '武汉光澜通信技术有限公司 将对接推进到「签约」，合同金额 1,234,567.89 元。备注：首批 2000 套，分两期交付',
			meta: { event: 'stage', from: 'SAMPLING', stage: 'SIGNED', amount: '1234567.89' },
		})
		expect((await getSessionView(supplier.user, s1, meta)).session.dealAmount).toBe('1234567.89')

		// 签约 is final: neither closing nor any other move.
		for (const input of [
			{ stage: 'CLOSED', reason: '双方同意终止合作' },
			{ stage: 'SAMPLING' },
			{ stage: 'SIGNED', amount: 1 },
		]) {
			expect(await refusal(changeStage(asFirmUser(supplier.user), s1, StageSchema.parse(input)))).toEqual({
				key: 'err.dockingStageOrder',
				status: 409,
			})
		}
		const changes = await prisma.dockingStageChange.findMany({
			where: { sessionId: s1 },
			orderBy: { createdAt: 'asc' },
		})
		expect(changes.map((c) => `${c.toStatus}/${c.toStage}`)).toEqual([
			'PENDING/INTENT',
			'ACTIVE/INTENT',
			'ACTIVE/NEGOTIATION',
			'ACTIVE/SAMPLING',
			'ACTIVE/SIGNED',
		])
		expect(await lastSeq(s1)).toBe(seq + 1)
	})

	test('关闭 records the reason, ends all moves and makes the chat read-only, even for a socket that joined before', async () => {
		const joined = await join(supplierSocket, s3)
		expect(joined.lastSeq).toBe(await lastSeq(s3))
		await sendOk(supplierSocket, s3, '关闭前的最后一条报价：单价 86 元/套')
		// A step may be skipped (not every deal needs samples).
		await changeStage(asFirmUser(buyer.user), s3, StageSchema.parse({ stage: 'NEGOTIATION' }))
		const reason = '对方报价超出预算，双方同意终止。'
		await changeStage(asFirmUser(colleague.user), s3, StageSchema.parse({ stage: 'CLOSED', reason }))
		const closed = await sessionRow(s3)
		expect(closed).toMatchObject({ status: 'ACTIVE', stage: 'CLOSED', closeReason: reason, dealAmount: null })
		expect(closed.closedAt).toBeInstanceOf(Date)
		expect(
			await prisma.dockingStageChange.findFirstOrThrow({ where: { sessionId: s3, toStage: 'CLOSED' } }),
		).toMatchObject({ fromStage: 'NEGOTIATION', reason, actorId: colleague.user.id })
		expect((await listMessages(s3)).messages.at(-1)).toMatchObject({
			kind: 'SYSTEM',
			body: `赤壁车联电子有限公司 关闭了对接。理由：${reason}`,
			meta: { event: 'stage', from: 'NEGOTIATION', stage: 'CLOSED', reason },
		})
		for (const input of [
			{ stage: 'SAMPLING' },
			{ stage: 'SIGNED', amount: 100 },
			{ stage: 'CLOSED', reason: '再次关闭' },
		]) {
			expect(await refusal(changeStage(asFirmUser(buyer.user), s3, StageSchema.parse(input)))).toEqual({
				key: 'err.dockingStageOrder',
				status: 409,
			})
		}

		const seq = await lastSeq(s3)
		const textCount = await prisma.message.count({ where: { sessionId: s3, kind: 'TEXT' } })
		expect(
			await refusal(
				sendMessage(buyer.user, {
					sessionId: s3,
					clientId: 'closed-0001',
					body: '还能再谈谈吗？',
					attachmentIds: [],
				}),
			),
		).toEqual({ key: 'err.dockingReadOnly', status: 409 })
		// The socket remembered write access from its join; the database refuses the send anyway.
		expect(await send(supplierSocket, s3, '关闭后还能发吗？', 'closed-0002')).toEqual({
			ok: false,
			error: 'err.dockingReadOnly',
		})
		expect(await lastSeq(s3)).toBe(seq)
		expect(await prisma.message.count({ where: { sessionId: s3, kind: 'TEXT' } })).toBe(textCount)
		expect((await getSessionView(buyer.user, s3, meta)).access.canWrite).toBe(false)
		supplierSocket.emit('docking:leave', { sessionId: s3 })
	})
})

// ---- 4. sockets ------------------------------------------------------------------------------------------

let s4 = '' // supplier → buyer's demands[2]; chat between buyer, supplier and the supplier's colleague

describe(`docking over Socket.io (${process.env.TEST_DB_KIND})`, () => {
	const recorders = new Map<ClientSocket, Recorder<MessagePayload>>()
	const textAfter = (socket: ClientSocket, seq: number) =>
		recorders.get(socket)!.items.filter((m) => m.kind === 'TEXT' && m.seq > seq)

	beforeAll(async () => {
		s4 = await activeSession(
			supplier,
			buyer,
			{ demandId: demands[2]!.id },
			'我司可做 QSFP-DD 光模块壳体，欢迎询价。',
		)
		for (const socket of [buyerSocket, supplierSocket, colleagueSocket])
			recorders.set(
				socket,
				record(socket, 'docking:message', (m) => m.sessionId === s4),
			)
	})

	test('join answers with the backfill after a seq, read marks and the last seq; presence lists the users online', async () => {
		const presence = record(buyerSocket, 'docking:presence', (p) => p.sessionId === s4)
		const full = await join(buyerSocket, s4, 0)
		expect(full.messages.map((m) => [m.seq, m.kind, m.meta.event])).toEqual([
			[1, 'SYSTEM', 'requested'],
			[2, 'SYSTEM', 'accepted'],
		])
		expect(full).toMatchObject({ more: false, lastSeq: 2 })
		expect(full.messages).toEqual((await listMessages(s4)).messages)
		// Each side has read its own event (the request, the acceptance).
		expect(full.reads.map((r) => [r.userId, r.side, r.seq]).sort()).toEqual(
			[
				[supplier.user.id, 'SUPPLIER', 1],
				[buyer.user.id, 'BUYER', 2],
			].sort(),
		)
		const partial = await join(supplierSocket, s4, 1)
		expect(partial.messages.map((m) => m.seq)).toEqual([2])
		expect(partial.lastSeq).toBe(2)
		expect((await join(colleagueSocket, s4, 2)).messages).toEqual([])

		const online = [
			{ userId: buyer.user.id, side: 'BUYER' },
			{ userId: supplier.user.id, side: 'SUPPLIER' },
			{ userId: colleague.user.id, side: 'SUPPLIER' },
		].sort((a, b) => a.userId.localeCompare(b.userId))
		const sorted = (p: Payload<'docking:presence'>) =>
			[...p.online].sort((a, b) => a.userId.localeCompare(b.userId))
		await presence.until(
			(items) => items.some((p) => JSON.stringify(sorted(p)) === JSON.stringify(online)),
			'presence with all three users',
		)

		// Invalid input and unknown sessions are refused without joining anything.
		expect(await buyerSocket.emitWithAck('docking:join', { sessionId: s4, afterSeq: -1 })).toEqual({
			ok: false,
			error: 'err.invalid',
		})
		expect(
			await buyerSocket.emitWithAck('docking:join', { sessionId: 'no-such-session', afterSeq: 0 }),
		).toEqual({ ok: false, error: 'err.dockingNotFound' })
	})

	test('messages from three clients reach every client in order with gap-free seq; the ack carries the stored message', async () => {
		const base = await lastSeq(s4)
		const rounds: Array<[ClientSocket, SignedIn, string]> = [
			[buyerSocket, buyer, '请问壳体的表面处理工艺是什么？'],
			[supplierSocket, supplier, '阳极氧化，盐雾测试 96 小时。'],
			[colleagueSocket, colleague, '我是车联电子的王工，负责技术对接。'],
			[buyerSocket, buyer, '散热盖的平面度要求 ≤0.05mm，能做到吗？'],
			[supplierSocket, supplier, '可以，我们用精雕机加工。'],
			[colleagueSocket, colleague, '样品两周内可寄出。'],
		]
		const acked: MessagePayload[] = []
		for (const [socket, who, body] of rounds) {
			const clientId = `seq-${crypto.randomUUID()}`
			const reply = await sendOk(socket, s4, body, clientId)
			expect(reply.duplicate).toBe(false)
			expect(reply.message).toMatchObject({
				sessionId: s4,
				seq: base + acked.length + 1,
				clientId,
				kind: 'TEXT',
				body,
				sender: { id: who.user.id, name: who.user.name },
				attachments: [],
			})
			// The ack is exactly what is stored.
			const stored = await prisma.message.findUniqueOrThrow({
				where: { id: reply.message.id },
				select: {
					id: true,
					sessionId: true,
					seq: true,
					clientId: true,
					kind: true,
					body: true,
					meta: true,
					side: true,
					createdAt: true,
					sender: { select: { id: true, name: true } },
					attachments: {
						select: { id: true, kind: true, originalName: true, bytes: true },
						orderBy: { sortOrder: 'asc' },
					},
				},
			})
			expect(reply.message).toEqual(toMessagePayload(stored))
			acked.push(reply.message)
		}
		expect(acked.map((m) => m.side)).toEqual([
			'BUYER',
			'SUPPLIER',
			'SUPPLIER',
			'BUYER',
			'SUPPLIER',
			'SUPPLIER',
		])
		for (const socket of [buyerSocket, supplierSocket, colleagueSocket]) {
			await recorders
				.get(socket)!
				.until(() => textAfter(socket, base).length === rounds.length, 'six messages')
			// In send order, each exactly once, identical to the acks.
			expect(textAfter(socket, base)).toEqual(acked)
		}
		// Sending made the colleague a member of the supplier side, with everything up to the message read.
		expect(
			await prisma.dockingMember.findUniqueOrThrow({
				where: { sessionId_userId: { sessionId: s4, userId: colleague.user.id } },
			}),
		).toMatchObject({
			side: 'SUPPLIER',
			lastReadSeq: acked[5]!.seq,
		})

		// A concurrent burst: every seq is taken once, none is skipped, everybody gets everything.
		const burstBase = await lastSeq(s4)
		const burst = await Promise.all(
			[buyerSocket, supplierSocket, colleagueSocket].flatMap((socket, s) =>
				Array.from({ length: 5 }, (_, i) => sendOk(socket, s4, `并发消息 ${s}-${i}`)),
			),
		)
		const burstSeqs = burst.map((r) => r.message.seq).sort((a, b) => a - b)
		expectContiguous(burstSeqs, burstBase + 1, 15)
		for (const socket of [buyerSocket, supplierSocket, colleagueSocket]) {
			await recorders.get(socket)!.until(() => textAfter(socket, burstBase).length === 15, 'the burst')
			expect(
				textAfter(socket, burstBase)
					.map((m) => m.seq)
					.sort((a, b) => a - b),
			).toEqual(burstSeqs)
		}
		const all = await prisma.message.findMany({
			where: { sessionId: s4 },
			orderBy: { seq: 'asc' },
			select: { seq: true },
		})
		expectContiguous(
			all.map((m) => m.seq),
			1,
			await lastSeq(s4),
		)
		// History pages and search see the same messages.
		const page = await listMessages(s4, { before: base + 3, limit: 2 })
		expect(page.messages.map((m) => m.seq)).toEqual([base + 1, base + 2])
		expect(page.more).toBe(true)
		expect((await searchMessages(s4, '盐雾')).map((m) => m.id)).toEqual([acked[1]!.id])
	})

	test('a resend with the same clientId returns the stored message as a duplicate; nothing is written or broadcast twice', async () => {
		const clientId = 'retry-7f3a9c21'
		const first = await sendOk(supplierSocket, s4, '请确认样品寄送地址：武汉市东湖高新区光谷大道', clientId)
		const seq = await lastSeq(s4)
		const again = await sendOk(supplierSocket, s4, '请确认样品寄送地址：武汉市东湖高新区光谷大道', clientId)
		expect(again).toEqual({ ok: true, duplicate: true, message: first.message })
		// The retry is recognised by the id alone (the client resends what it had).
		expect(await sendOk(supplierSocket, s4, '改过的正文', clientId)).toMatchObject({
			duplicate: true,
			message: { id: first.message.id, body: first.message.body },
		})
		// Over the module, too.
		expect(
			await sendMessage(supplier.user, { sessionId: s4, clientId, body: 'x', attachmentIds: [] }),
		).toMatchObject({ duplicate: true, message: { id: first.message.id } })
		expect(await lastSeq(s4)).toBe(seq)
		expect(await prisma.message.count({ where: { sessionId: s4, clientId } })).toBe(1)
		// Another user cannot take over (or read back) someone else's client id.
		expect(await send(buyerSocket, s4, '冒用', clientId)).toEqual({ ok: false, error: 'err.dockingClientId' })
		expect(await lastSeq(s4)).toBe(seq)
		// Only the first send was broadcast: a later message arrives after it with the next seq.
		const next = await sendOk(buyerSocket, s4, '地址确认无误。')
		expect(next.message.seq).toBe(seq + 1)
		await recorders
			.get(colleagueSocket)!
			.until((items) => items.some((m) => m.id === next.message.id), 'the message after the retry')
		expect(recorders.get(colleagueSocket)!.items.filter((m) => m.clientId === clientId)).toHaveLength(1)

		// Input rules at the socket.
		expect(await send(buyerSocket, s4, '非法 id', 'bad id with spaces')).toEqual({
			ok: false,
			error: 'err.dockingClientId',
		})
		expect(await send(buyerSocket, s4, '短 id', 'short')).toEqual({ ok: false, error: 'err.invalid' })
		expect(await send(buyerSocket, s4, '', 'empty-body-01')).toEqual({
			ok: false,
			error: 'err.dockingMessageEmpty',
		})
		expect(await send(buyerSocket, s4, '长'.repeat(4001), 'too-long-0001')).toEqual({
			ok: false,
			error: 'err.dockingMessageTooLong',
		})
		expect(
			await buyerSocket.emitWithAck('docking:send', {
				sessionId: s4,
				clientId: 'attach-00001',
				body: '附件',
				attachmentIds: ['a', 'b', 'c', 'd', 'e', 'f'],
			}),
		).toEqual({
			ok: false,
			error: 'err.dockingTooManyAttachments',
		})
		// An attachment id that is not the sender's own unattached upload fails the whole message.
		expect(
			await buyerSocket.emitWithAck('docking:send', {
				sessionId: s4,
				clientId: 'attach-00002',
				body: '附件',
				attachmentIds: ['nosuchupload'],
			}),
		).toEqual({
			ok: false,
			error: 'err.dockingAttachment',
		})
		expect(await lastSeq(s4)).toBe(seq + 1)
	})

	test('read receipts reach the other side; a read mark never goes back or past the last message', async () => {
		const { message } = await sendOk(supplierSocket, s4, '报价单已发，请查收。')
		const seq = message.seq
		const onSupplier = record(
			supplierSocket,
			'docking:read',
			(r) => r.sessionId === s4 && r.userId === buyer.user.id,
		)
		expect(await buyerSocket.emitWithAck('docking:read', { sessionId: s4, seq })).toEqual({ ok: true, seq })
		await onSupplier.until((items) => items.length === 1, 'the buyer’s read receipt')
		expect(onSupplier.items[0]).toEqual({ sessionId: s4, userId: buyer.user.id, side: 'BUYER', seq })
		const member = () =>
			prisma.dockingMember.findUniqueOrThrow({
				where: { sessionId_userId: { sessionId: s4, userId: buyer.user.id } },
			})
		expect((await member()).lastReadSeq).toBe(seq)

		await buyerSocket.emitWithAck('docking:read', { sessionId: s4, seq: 1 })
		await buyerSocket.emitWithAck('docking:read', { sessionId: s4, seq: seq + 100 })
		expect((await member()).lastReadSeq).toBe(seq)
		await flush(supplierSocket)
		expect(onSupplier.items).toHaveLength(1)
		expect(await markRead(buyer.user, s4, seq + 100)).toBeNull()
	})

	test('typing reaches the others but not the sender', async () => {
		const typing = [buyerSocket, supplierSocket, colleagueSocket].map((socket) =>
			record(socket, 'docking:typing', (t) => t.sessionId === s4),
		)
		supplierSocket.emit('docking:typing', { sessionId: s4, typing: true })
		for (const r of [typing[0]!, typing[2]!]) await r.until((items) => items.length === 1, 'typing')
		expect(typing[0]!.items[0]).toEqual({
			sessionId: s4,
			userId: supplier.user.id,
			name: '张经理',
			typing: true,
		})
		await flush(supplierSocket)
		expect(typing[1]!.items).toEqual([])
	})

	test('a stage change reaches every client as a system message and docking:updated', async () => {
		const updated = [buyerSocket, supplierSocket, colleagueSocket].map((socket) =>
			record(socket, 'docking:updated', (u) => u.sessionId === s4),
		)
		const seq = await lastSeq(s4)
		await changeStage(asFirmUser(buyer.user), s4, StageSchema.parse({ stage: 'NEGOTIATION' }))
		for (const [socket, recorder] of recorders) {
			await recorder.until((items) => items.some((m) => m.seq === seq + 1), 'the stage message')
			expect(recorder.items.find((m) => m.seq === seq + 1)).toMatchObject({
				kind: 'SYSTEM',
				meta: { event: 'stage', stage: 'NEGOTIATION' },
			})
			expect(socket.connected).toBe(true)
		}
		for (const r of updated)
			await r.until(
				(items) => items.some((u) => u.stage === 'NEGOTIATION' && u.status === 'ACTIVE'),
				'docking:updated',
			)
	})

	test('leaving the room updates presence', async () => {
		const presence = record(buyerSocket, 'docking:presence', (p) => p.sessionId === s4)
		colleagueSocket.emit('docking:leave', { sessionId: s4 })
		await presence.until(
			(items) =>
				items.some((p) => p.online.length === 2 && !p.online.some((o) => o.userId === colleague.user.id)),
			'presence without the colleague',
		)
		await join(colleagueSocket, s4, await lastSeq(s4))
	})
})

// ---- 5. authorization ----------------------------------------------------------------------------------

describe(`docking authorization (${process.env.TEST_DB_KIND})`, () => {
	test('a user of an unrelated firm can neither join, send, read-mark, type nor view, and receives nothing', async () => {
		const outsider = await connectAs(buyer2)
		const received = record(outsider, 'docking:message')
		const seq = await lastSeq(s4)
		expect(await outsider.emitWithAck('docking:join', { sessionId: s4, afterSeq: 0 })).toEqual({
			ok: false,
			error: 'err.dockingNotFound',
		})
		expect(await send(outsider, s4, '我也想参与报价', 'outsider-0001')).toEqual({
			ok: false,
			error: 'err.dockingNotFound',
		})
		expect(await outsider.emitWithAck('docking:read', { sessionId: s4, seq: 1 })).toEqual({
			ok: false,
			error: 'err.dockingNotFound',
		})
		const typing = record(buyerSocket, 'docking:typing', (t) => t.userId === buyer2.user.id)
		outsider.emit('docking:typing', { sessionId: s4, typing: true })
		expect(await lastSeq(s4)).toBe(seq)
		expect(await prisma.dockingMember.count({ where: { sessionId: s4, userId: buyer2.user.id } })).toBe(0)

		// Messages in the session do not leak to the outsider's socket.
		await sendOk(buyerSocket, s4, '这条消息外人看不到。')
		await flush(outsider)
		await flush(buyerSocket)
		expect(received.items).toEqual([])
		expect(typing.items).toEqual([])

		for (const who of [buyer2, supplier2]) {
			expect(await refusal(getSessionView(who.user, s4, meta))).toEqual({
				key: 'err.dockingNotFound',
				status: 404,
			})
			expect(await refusal(grantContactConsent(asFirmUser(who.user), s4, meta))).toEqual({
				key: 'err.dockingNotFound',
				status: 404,
			})
			expect(await refusal(joinSide(asFirmUser(who.user), s4))).toEqual({
				key: 'err.dockingNotFound',
				status: 404,
			})
			expect(await refusal(inviteBureau(asFirmUser(who.user), s4, 'bureau@demo.xnwh.cn', meta))).toEqual({
				key: 'err.dockingNotFound',
				status: 404,
			})
			expect(await refusal(markRead(who.user, s4, 1))).toEqual({ key: 'err.dockingNotFound', status: 404 })
			expect((await listSessions(who.user, 'open')).map((s) => s.id)).not.toContain(s4)
		}
		expect(await refusal(getSessionView(buyer.user, 'no-such-session', meta))).toEqual({
			key: 'err.dockingNotFound',
			status: 404,
		})
	})

	test('the session page and the history resource answer 404 to outsiders and send anonymous users to login', async () => {
		const page = `/docking/${s4}`
		const history = `/resources/docking-messages/${s4}?after=0`
		const own = await get(sessionPageLoader, page, s4, buyer)
		expect(own.status).toBe(200)
		expect(((await own.json()) as { view: { session: { id: string } } }).view.session.id).toBe(s4)
		const ownHistory = await get(historyLoader, history, s4, colleague)
		expect(ownHistory.status).toBe(200)
		expect(((await ownHistory.json()) as { messages: MessagePayload[] }).messages[0]).toMatchObject({
			seq: 1,
			sessionId: s4,
		})
		for (const who of [buyer2, supplier2, county]) {
			expect((await get(sessionPageLoader, page, s4, who)).status).toBe(404)
			const res = await get(historyLoader, history, s4, who)
			expect(res.status).toBe(404)
			expect(await res.json()).toEqual({ error: 'err.dockingNotFound' })
		}
		for (const loader of [sessionPageLoader, historyLoader]) {
			const anonymous = await get(loader, page, s4)
			expect(anonymous.status).toBe(302)
			expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(page)}`)
		}
	})

	test('bureau staff read only after a firm invites them (audited); their socket views are audited and they never write', async () => {
		const bureauSocket = await connectAs(bureau)
		expect(await bureauSocket.emitWithAck('docking:join', { sessionId: s4, afterSeq: 0 })).toEqual({
			ok: false,
			error: 'err.dockingNotFound',
		})
		expect(await refusal(getSessionView(bureau.user, s4, meta))).toEqual({
			key: 'err.dockingNotFound',
			status: 404,
		})
		expect(await prisma.auditLog.count({ where: { targetId: s4 } })).toBe(0)
		// Only bureau or admin staff can be invited.
		expect(await refusal(inviteBureau(asFirmUser(buyer.user), s4, 'supplier2@demo.xnwh.cn', meta))).toEqual({
			key: 'err.dockingBureauNotFound',
			status: 400,
		})
		expect(await refusal(inviteBureau(asFirmUser(buyer.user), s4, 'nobody@demo.xnwh.cn', meta))).toEqual({
			key: 'err.dockingBureauNotFound',
			status: 400,
		})

		await inviteBureau(asFirmUser(buyer.user), s4, 'bureau@demo.xnwh.cn', meta)
		const invited = await prisma.auditLog.findMany({
			where: { targetId: s4, action: 'docking.bureau_invited' },
		})
		expect(invited).toMatchObject([
			{
				actorId: buyer.user.id,
				actorRole: 'BUYER',
				targetType: 'DockingSession',
				ip: '127.0.0.1',
				detail: { staffId: bureau.user.id },
			},
		])
		expect(
			await prisma.dockingMember.findUniqueOrThrow({
				where: { sessionId_userId: { sessionId: s4, userId: bureau.user.id } },
			}),
		).toMatchObject({
			side: 'BUREAU',
			invitedById: buyer.user.id,
		})
		expect(
			await prisma.notification.count({
				where: { userId: bureau.user.id, kind: 'docking.bureau_invited', link: `/docking/${s4}` },
			}),
		).toBe(1)
		expect((await listMessages(s4)).messages.at(-1)).toMatchObject({
			kind: 'SYSTEM',
			meta: { event: 'bureau_invited' },
			body: '武汉光澜通信技术有限公司 邀请主管部门工作人员 市经信局 李科长 查看本次对接。',
		})
		// Inviting again changes nothing.
		await inviteBureau(asFirmUser(supplier.user), s4, 'bureau@demo.xnwh.cn', meta)
		expect(await prisma.auditLog.count({ where: { targetId: s4, action: 'docking.bureau_invited' } })).toBe(1)

		const viewed = () =>
			prisma.auditLog.findMany({
				where: { targetId: s4, action: 'docking.viewed', actorId: bureau.user.id },
				orderBy: { createdAt: 'asc' },
			})
		const reply = await join(bureauSocket, s4, 0)
		expect(reply.lastSeq).toBe(await lastSeq(s4))
		expect(reply.messages.length).toBe(Math.min(200, reply.lastSeq))
		expect(await viewed()).toMatchObject([
			{ actorRole: 'BUREAU', targetType: 'DockingSession', detail: { via: 'socket' } },
		])
		// Re-joining on the same socket (a reconnect backfill) is the same viewing.
		await join(bureauSocket, s4, reply.lastSeq)
		expect(await viewed()).toHaveLength(1)
		const view = await getSessionView(bureau.user, s4, { ip: '10.1.2.3' })
		expect(view.access).toEqual({ canRead: true, canWrite: false, side: 'BUREAU', isBureau: true })
		expect(await viewed()).toMatchObject([{ detail: { via: 'socket' } }, { ip: '10.1.2.3' }])

		// Bureau staff read; they do not chat, move stages or act for a firm.
		const seq = await lastSeq(s4)
		expect(await send(bureauSocket, s4, '主管部门提醒：请注意合同条款。', 'bureau-00001')).toEqual({
			ok: false,
			error: 'err.dockingReadOnly',
		})
		expect(await lastSeq(s4)).toBe(seq)
		// A firm's messages reach the invited bureau socket live.
		const live = record(bureauSocket, 'docking:message', (m) => m.sessionId === s4)
		const msg = await sendOk(supplierSocket, s4, '感谢主管部门关注。')
		await live.until(
			(items) => items.some((m) => m.id === msg.message.id),
			'the message at the bureau socket',
		)
		// Staff who were not invited still see nothing.
		const countySocket = await connectAs(county)
		expect(await countySocket.emitWithAck('docking:join', { sessionId: s4, afterSeq: 0 })).toEqual({
			ok: false,
			error: 'err.dockingNotFound',
		})
		expect(await refusal(getSessionView(county.user, s4, meta))).toEqual({
			key: 'err.dockingNotFound',
			status: 404,
		})
		expect((await listSessions(bureau.user, 'open')).map((s) => s.id)).toEqual([s4])
		expect(await listSessions(county.user, 'open')).toEqual([])
		bureauSocket.disconnect()
		countySocket.disconnect()
	})
})

// ---- 6. naughty strings ------------------------------------------------------------------------------------

/**
 * Senders sending at the same moment. Every send is an interactive transaction; PGlite has one
 * connection, and a transaction that cannot start within Prisma's maxWait (2 s) fails, which 26
 * simultaneous senders provoke there. The limit is the database pool's, not the chat's.
 */
const CONCURRENT_SENDERS = 4

describe(`docking with the Big List of Naughty Strings (${process.env.TEST_DB_KIND})`, () => {
	test('all 515 strings sent over sockets are stored, acked and broadcast byte-exact', async () => {
		const blns = JSON.parse(readFileSync(path.resolve('../shared/data/blns/blns.json'), 'utf8')) as string[]
		expect(blns).toHaveLength(515)
		// The only normalisation is wellFormedText's (NUL, lone surrogates, the two search highlight
		// markers); in this list it touches exactly one string, the control-character line.
		const changed = blns.filter((s) => wellFormedText(s) !== s)
		expect(changed).toHaveLength(1)
		expect(wellFormedText(changed[0]!)).toBe(changed[0]!.replace(/[\u0002\u0003]/g, ''))

		// Two sessions (a demand alone, and the demand with the supplier's own capability): sends in
		// different sessions do not wait for each other's row lock.
		const sessions = [
			await activeSession(supplier, buyer, { demandId: demands[3]!.id }, '关于光模块可靠性试验的委外合作'),
			await activeSession(
				supplier,
				buyer,
				{ demandId: demands[3]!.id, capabilityId: capabilities[1]!.id },
				'以我司线束产品承接可靠性试验样品',
			),
		]
		const bases = await Promise.all(sessions.map((id) => lastSeq(id)))
		const received = record(
			buyerSocket,
			'docking:message',
			(m) => sessions.includes(m.sessionId) && m.kind === 'TEXT',
		)
		for (const [i, id] of sessions.entries()) await join(buyerSocket, id, bases[i]!)
		// The empty string is refused as an empty message; every other one is sent.
		expect(await send(buyerSocket, sessions[0]!, '', 'blns-empty')).toEqual({
			ok: false,
			error: 'err.dockingMessageEmpty',
		})
		const items = blns
			.map((body, i) => ({ body, clientId: `blns-${String(i).padStart(4, '0')}` }))
			.filter((x) => x.body !== '')
		expect(items).toHaveLength(514)

		// At most MESSAGE_POINTS messages per user per window: spread the strings over colleagues of
		// both firms, each sending its share to one of the sessions.
		const lanes = Math.ceil(items.length / MESSAGE_POINTS)
		const sessionOf = (lane: number) => sessions[lane % 2]!
		const senders = await Promise.all(
			Array.from({ length: lanes }, (_, i) =>
				Math.floor(i / 2) % 2 === 0
					? createFirmUser(supplier.user.firmId!, {
							name: `供方同事${i + 1}`,
							role: 'SUPPLIER',
							prefix: 'blns',
						})
					: createFirmUser(buyer.user.firmId!, { name: `采购同事${i + 1}`, role: 'BUYER', prefix: 'blns' }),
			),
		)
		const sockets = await Promise.all(senders.map((s) => connectAs(s)))
		const acks = new Map<string, MessagePayload>()
		const sentTo = new Map<string, string>()
		const sendLane = async (lane: number) => {
			for (const item of items.slice(lane * MESSAGE_POINTS, (lane + 1) * MESSAGE_POINTS)) {
				const reply = await send(sockets[lane]!, sessionOf(lane), item.body, item.clientId)
				if (!reply.ok)
					throw new Error(`${item.clientId} ${JSON.stringify(item.body)} refused: ${reply.error}`)
				acks.set(item.clientId, reply.message)
				sentTo.set(item.clientId, sessionOf(lane))
			}
			sockets[lane]!.disconnect()
		}
		// Several senders at once (seqs must stay gap-free), but not all 26: see CONCURRENT_SENDERS.
		for (let wave = 0; wave < lanes; wave += CONCURRENT_SENDERS) {
			await Promise.all(
				Array.from({ length: Math.min(CONCURRENT_SENDERS, lanes - wave) }, (_, i) => sendLane(wave + i)),
			)
		}

		await received.until((got) => got.length === items.length, 'all naughty strings at the buyer', 20_000)
		const live = new Map(received.items.map((m) => [m.clientId, m]))
		const stored = await prisma.message.findMany({
			where: { sessionId: { in: sessions }, kind: 'TEXT' },
			select: { sessionId: true, clientId: true, body: true, seq: true },
		})
		const rows = new Map(stored.map((m) => [m.clientId, m]))
		expect(rows.size).toBe(items.length)
		const mismatches: string[] = []
		for (const { body, clientId } of items) {
			const expected = wellFormedText(body)
			const bytes = (s: string | undefined) => Buffer.from(s ?? '\uFFFF', 'utf8')
			for (const [where, got] of [
				['ack', acks.get(clientId)?.body],
				['broadcast', live.get(clientId)?.body],
				['database', rows.get(clientId)?.body],
			] as const) {
				if (!bytes(got).equals(bytes(expected)))
					mismatches.push(`${clientId} (${where}): ${JSON.stringify(body)} → ${JSON.stringify(got)}`)
			}
			if (rows.get(clientId)?.sessionId !== sentTo.get(clientId))
				mismatches.push(`${clientId}: wrong session`)
		}
		expect(mismatches).toEqual([])
		// Seqs stayed gap-free with several concurrent senders, and the broadcast carried each one once.
		for (const [i, id] of sessions.entries()) {
			const seqs = stored
				.filter((m) => m.sessionId === id)
				.map((m) => m.seq)
				.sort((a, b) => a - b)
			expectContiguous(seqs, bases[i]! + 1, items.filter((x) => sentTo.get(x.clientId) === id).length)
		}
		await flush(buyerSocket)
		expect(received.items).toHaveLength(items.length)
		// Backfill comes in pages of 200; the rest is fetched with the next afterSeq.
		const first = await join(buyerSocket, sessions[0]!, bases[0]!)
		expect(first.messages).toHaveLength(200)
		expect(first.more).toBe(true)
		const second = await join(buyerSocket, sessions[0]!, first.messages.at(-1)!.seq)
		expect(second.messages[0]!.seq).toBe(bases[0]! + 201)
		expect(second.messages[0]!.body).toBe(
			wellFormedText(items.find((x) => x.clientId === second.messages[0]!.clientId)!.body),
		)
		expect(second.more).toBe(false)
		// Search treats the strings as text, not as SQL or LIKE patterns.
		for (const q of ["' OR '1'='1", '%', '_', '\\']) {
			const found = (await Promise.all(sessions.map((id) => searchMessages(id, q)))).flat()
			expect(found.length, q).toBeGreaterThan(0)
			expect(
				found.filter((m) => !m.body.toLowerCase().includes(q.toLowerCase())).map((m) => m.body),
				q,
			).toEqual([])
		}
		for (const id of sessions) buyerSocket.emit('docking:leave', { sessionId: id })
	})

	test('the socket schema keeps a lone surrogate as U+FFFD and drops NUL', () => {
		const parsed = SendSchema.parse({ sessionId: 's', clientId: 'client-0001', body: 'a\u0000b\uD800c' })
		expect(parsed.body).toBe('ab\uFFFDc')
	})
})

// ---- 7. rate limit --------------------------------------------------------------------------------------------

describe(`docking rate limit (${process.env.TEST_DB_KIND})`, () => {
	test('the 21st message within 10 s from one user (across two tabs) is refused and not stored', async () => {
		const first = await createFirmUser(supplier.user.firmId!, {
			name: '限流测试员',
			role: 'SUPPLIER',
			prefix: 'rate',
		})
		const secondTab = await signIn(first.user.email, TEST_PASSWORD)
		const [tabA, tabB] = await Promise.all([connectAs(first), connectAs(secondTab)])
		const seq = await lastSeq(s4)
		for (let i = 0; i < MESSAGE_POINTS; i++)
			await sendOk(i % 2 ? tabB : tabA, s4, `第 ${i + 1} 条报价明细`, `rate-${String(i).padStart(4, '0')}`)
		expect(MESSAGE_POINTS).toBe(20)
		expect(await send(tabA, s4, '第 21 条报价明细', 'rate-0020')).toEqual({
			ok: false,
			error: 'err.dockingRateLimited',
		})
		expect(await send(tabB, s4, '第 22 条报价明细', 'rate-0021')).toEqual({
			ok: false,
			error: 'err.dockingRateLimited',
		})
		expect(await prisma.message.count({ where: { sessionId: s4, senderId: first.user.id } })).toBe(
			MESSAGE_POINTS,
		)
		expect(
			await prisma.message.count({ where: { sessionId: s4, clientId: { in: ['rate-0020', 'rate-0021'] } } }),
		).toBe(0)
		expect(await lastSeq(s4)).toBe(seq + MESSAGE_POINTS)
		// The limit is per user: others go on.
		expect((await sendOk(supplierSocket, s4, '其他用户不受影响。')).message.seq).toBe(
			seq + MESSAGE_POINTS + 1,
		)
		tabA.disconnect()
		tabB.disconnect()
	})
})

// ---- 8/9. badge, timers and digests -----------------------------------------------------------------------

let timed = '' // supplier2 → buyer's demands[4]; left unanswered

describe(`docking badge, request timers and digests (${process.env.TEST_DB_KIND})`, () => {
	test('the badge counts unread messages and requests awaiting the firm’s answer', async () => {
		const before = await dockingBadge(buyer.user)
		const unreadS1 = (await getSessionView(buyer.user, s1, meta)).unread
		for (const body of ['合同扫描件已寄出', '请查收', '发票下周开具'])
			await sendMessage(supplier.user, {
				sessionId: s1,
				clientId: `badge-${crypto.randomUUID()}`,
				body,
				attachmentIds: [],
			})
		expect(await dockingBadge(buyer.user)).toEqual({ unread: before.unread + 3, pending: before.pending })
		expect((await getSessionView(buyer.user, s1, meta)).unread).toBe(unreadS1 + 3)
		const read = await markRead(buyer.user, s1, await lastSeq(s1))
		expect(read).toMatchObject({ userId: buyer.user.id, side: 'BUYER', seq: await lastSeq(s1) })
		expect(await dockingBadge(buyer.user)).toEqual({
			unread: before.unread - unreadS1,
			pending: before.pending,
		})

		// A request from another supplier waits for the buyer firm's answer, for every user of the firm.
		const supplier2Before = await dockingBadge(supplier2.user)
		const buyerColleague = await prisma.user.findFirstOrThrow({
			where: { firmId: buyer.user.firmId!, NOT: { id: buyer.user.id } },
			select: { id: true, role: true, firmId: true },
		})
		const colleagueBefore = await dockingBadge(buyerColleague)
		timed = (
			await startDocking(
				asFirmUser(supplier2.user),
				StartSchema.parse({
					demandId: demands[4]!.id,
					message: '我司可提供应急电源保障，用于可靠性试验室。',
				}),
				meta,
			)
		).id
		expect((await dockingBadge(buyer.user)).pending).toBe(before.pending + 1)
		expect((await dockingBadge(buyerColleague)).pending).toBe(colleagueBefore.pending + 1)
		expect(await dockingBadge(supplier2.user)).toEqual(supplier2Before)
		expect(await dockingBadge(bureau.user)).toMatchObject({ pending: 0 })
	})

	test('an unanswered request gets one reminder a day before it lapses and expires after 7 days', async () => {
		// Every other request of this file has been answered or withdrawn.
		expect(
			await prisma.dockingSession.findMany({ where: { status: 'PENDING' }, select: { id: true } }),
		).toEqual([{ id: timed }])
		const created = (await sessionRow(timed)).createdAt.getTime()
		const buyerUsers = await firmUsersOf(buyer.user.firmId!)
		const supplier2Users = await firmUsersOf(supplier2.user.firmId!)
		const reminderMails = () =>
			prisma.mailOutbox.findMany({
				where: { subject: '【产业链供需对接平台】赤壁安迅应急装备有限公司 的对接请求将在 24 小时内失效' },
			})
		const reminders = () =>
			prisma.notification.findMany({
				where: { kind: 'docking.expiring', link: `/docking/${timed}` },
				orderBy: { userId: 'asc' },
			})

		expect(await processRequestTimers(new Date(created + 5.5 * DAY))).toEqual({ reminded: 0, expired: 0 })
		expect(await reminders()).toEqual([])

		expect(await processRequestTimers(new Date(created + 6.5 * DAY))).toEqual({ reminded: 1, expired: 0 })
		expect((await sessionRow(timed)).reminderSentAt?.getTime()).toBe(created + 6.5 * DAY)
		expect((await reminders()).map((n) => n.userId)).toEqual(buyerUsers.map((u) => u.id))
		expect((await reminderMails()).map((m) => m.to).sort()).toEqual(buyerUsers.map((u) => u.email).sort())
		// Only once.
		expect(await processRequestTimers(new Date(created + 6.9 * DAY))).toEqual({ reminded: 0, expired: 0 })
		expect(await reminders()).toHaveLength(buyerUsers.length)
		expect(await reminderMails()).toHaveLength(buyerUsers.length)
		expect((await sessionRow(timed)).status).toBe('PENDING')

		// Past the deadline the request can no longer be accepted, even before the worker ran.
		const lapse = new Date(created + 7 * DAY + 1000)
		expect(
			await refusal(
				respondToRequest(asFirmUser(buyer.user), timed, { intent: 'accept', consent: false }, meta, lapse),
			),
		).toEqual({ key: 'err.dockingExpired', status: 409 })

		const seq = await lastSeq(timed)
		expect(await processRequestTimers(lapse)).toEqual({ reminded: 0, expired: 1 })
		expect(await sessionRow(timed)).toMatchObject({
			status: 'EXPIRED',
			closedAt: lapse,
			lastMessageSeq: seq + 1,
		})
		expect((await listMessages(timed)).messages.at(-1)).toMatchObject({
			seq: seq + 1,
			kind: 'SYSTEM',
			sender: null,
			side: null,
			body: '对方 7 天内未答复，对接请求已失效。',
			meta: { event: 'expired' },
		})
		expect(
			await prisma.dockingStageChange.count({
				where: { sessionId: timed, fromStatus: 'PENDING', toStatus: 'EXPIRED', actorId: null },
			}),
		).toBe(1)
		const expiredNotes = await prisma.notification.findMany({
			where: { kind: 'docking.expired', link: `/docking/${timed}` },
			orderBy: { userId: 'asc' },
		})
		expect(expiredNotes.map((n) => n.userId)).toEqual(supplier2Users.map((u) => u.id))
		expect(expiredNotes[0]!.title).toBe('您向 武汉光澜通信技术有限公司 发起的对接请求已失效')
		expect(await processRequestTimers(new Date(created + 8 * DAY))).toEqual({ reminded: 0, expired: 0 })
		expect(
			await refusal(
				respondToRequest(asFirmUser(buyer.user), timed, { intent: 'accept', consent: false }, meta),
			),
		).toEqual({ key: 'err.dockingNotPending', status: 409 })
		expect((await listSessions(supplier2.user, 'ended')).find((s) => s.id === timed)).toMatchObject({
			status: 'EXPIRED',
		})
	})

	test('unread digests: one mail per offline member with unread messages older than 10 minutes, not again for the same messages; online users get none', async () => {
		// The buyer goes offline; the supplier's colleague stays online.
		buyerSocket.disconnect()
		const isOnline = realtime.publisher.isOnline
		for (let i = 0; (await isOnline(buyer.user.id)) && i < 50; i++)
			await new Promise((r) => setTimeout(r, 20))
		expect(await isOnline(buyer.user.id)).toBe(false)
		expect(await isOnline(colleague.user.id)).toBe(true)
		const asked: string[] = []
		const online = async (userId: string) => {
			asked.push(userId)
			return isOnline(userId)
		}
		const digestMails = (email: string) =>
			prisma.mailOutbox.findMany({
				where: { to: email, subject: { contains: '条未读对接消息' } },
				orderBy: { createdAt: 'asc' },
			})

		await sendMessage(supplier.user, {
			sessionId: s1,
			clientId: `digest-${crypto.randomUUID()}`,
			body: '验收报告已上传，请查看。',
			attachmentIds: [],
		})
		const buyerUnread = (await dockingBadge(buyer.user)).unread
		const colleagueUnread = (await dockingBadge(colleague.user)).unread
		const bureauUnread = (await dockingBadge(bureau.user)).unread
		expect(buyerUnread).toBeGreaterThan(0)
		expect(colleagueUnread).toBeGreaterThan(0)
		expect(bureauUnread).toBeGreaterThan(0)

		// Nothing is older than 10 minutes yet.
		expect(await sendUnreadDigests(online, new Date())).toBe(0)
		expect(await digestMails(buyer.user.email)).toEqual([])

		const later = new Date(Date.now() + 11 * MINUTE)
		expect(await sendUnreadDigests(online, later)).toBeGreaterThan(0)
		const [mail, ...extra] = await digestMails(buyer.user.email)
		expect(extra).toEqual([])
		expect(mail!.subject).toBe(`【产业链供需对接平台】您有 ${buyerUnread} 条未读对接消息`)
		expect(mail!.text).toContain(`- 与 赤壁车联电子有限公司 的对接：1 条未读消息（/docking/${s1}）`)
		// Online: asked, and no mail. Bureau members are not mailed digests at all.
		expect(asked).toContain(colleague.user.id)
		expect(await digestMails(colleague.user.email)).toEqual([])
		expect(asked).not.toContain(bureau.user.id)
		expect(await digestMails(bureau.user.email)).toEqual([])
		// Not again for the same messages; reading is not needed for that.
		expect(await sendUnreadDigests(online, new Date(later.getTime() + MINUTE))).toBe(0)
		expect(await digestMails(buyer.user.email)).toHaveLength(1)
		expect((await dockingBadge(buyer.user)).unread).toBe(buyerUnread)

		// A new message is digested on its own, once it is old enough.
		await sendMessage(supplier.user, {
			sessionId: s1,
			clientId: `digest-${crypto.randomUUID()}`,
			body: '尾款已支付。',
			attachmentIds: [],
		})
		expect(await sendUnreadDigests(online, new Date())).toBe(0)
		expect(await sendUnreadDigests(online, new Date(Date.now() + 11 * MINUTE))).toBe(1)
		const mails = await digestMails(buyer.user.email)
		expect(mails).toHaveLength(2)
		expect(mails[1]!.subject).toBe('【产业链供需对接平台】您有 1 条未读对接消息')

		// Once the colleague goes offline too, their unread messages are mailed.
		colleagueSocket.disconnect()
		for (let i = 0; (await isOnline(colleague.user.id)) && i < 50; i++)
			await new Promise((r) => setTimeout(r, 20))
		expect(await sendUnreadDigests(online, new Date(Date.now() + 11 * MINUTE))).toBe(1)
		expect((await digestMails(colleague.user.email)).map((m) => m.subject)).toEqual([
			`【产业链供需对接平台】您有 ${colleagueUnread} 条未读对接消息`,
		])
	})
})
