import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createDemand } from '#app/modules/demands/demands.server'
import { buildSlots } from '#app/modules/events/slots'
import { RespondSchema, StartSchema } from '#app/modules/docking/rules'
import { respondToRequest, sendMessage, startDocking } from '#app/modules/docking/docking.server'
import { inviteColleague } from '#app/modules/firms/firms.server'
import { createCapability } from '#app/modules/listings/listings.server'
import { createList } from '#app/modules/targets/targets.server'
import { saveUpload } from '#app/modules/uploads/uploads.server'
import type { ClientToServerEvents, ServerToClientEvents } from '#app/realtime/events'
import { parseEnv } from '#app/utils/env.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_EVENT_TITLE, DEMO_PASSWORD, DEMO_TARGET_LIST_TITLE, seed } from '#prisma/seed'
import { startServer, type RunningServer } from '#server/start'
import {
	asFirmUser,
	createFirmWithUser,
	publishedCapabilities,
	publishedDemands,
	signIn,
	type SignedIn,
} from '#tests/factories/docking'
import { createEventRow, createMeetingRow, registerFirmRow } from '#tests/factories/events'
import { capabilityInput, demandInput } from '#tests/factories/listings'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'
import {
	ACTORS,
	pdf as pdfBytes,
	ROUTES,
	SOCKET_EVENTS,
	type Actor,
	type Fixtures,
	type RouteRow,
} from './authz-matrix'

// Runs every cell of the authorization matrix (./authz-matrix.ts) against the app started in this
// process: real HTTP with the cookies of real logins, real socket.io-client connections, and ids of
// rows owned by firm A. Loaders first (concurrently, read-only), then socket events, then actions one
// at a time, the denied actors of each row before the allowed ones, each denial proven by re-reading.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
type Verdict = 'allow' | 'deny' | 'error'
type Cell = { where: string; actor: Actor; expected: 'allow' | 'deny'; got: Verdict; detail: string }

const EMAILS: Record<Exclude<Actor, 'anonymous'>, string> = {
	supplierA: 'supplier@demo.xnwh.cn',
	supplierB: 'supplier2@demo.xnwh.cn',
	buyerA: 'buyer@demo.xnwh.cn',
	buyerB: 'buyer2@demo.xnwh.cn',
	bureau: 'bureau@demo.xnwh.cn',
	admin: 'admin@demo.xnwh.cn',
}
const meta = { ip: '127.0.0.1' }
const DENY_STATUSES = new Set([401, 403, 404, 405])
const GET_CONCURRENCY = 4

let db: TestDatabase
let server: RunningServer
let f: Fixtures
const signed = {} as Record<Exclude<Actor, 'anonymous'>, SignedIn>
const sockets: ClientSocket[] = []
const cells: Cell[] = []
const started = Date.now()

beforeAll(async () => {
	db = await setupTestDatabase()
	const env = parseEnv({
		NODE_ENV: 'test',
		PORT: '0',
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `authz${Date.now()}_`,
		SEED_ON_START: 'false',
		LOG_LEVEL: 'silent',
	})
	server = await startServer(env, { logger: { info: () => {}, error: () => {} } })
	await seed({ log: () => {} })
	for (const [actor, email] of Object.entries(EMAILS))
		signed[actor as keyof typeof EMAILS] = await signIn(email, DEMO_PASSWORD)
	f = await makeFixtures()
}, 180_000)

afterAll(async () => {
	for (const s of sockets) s.disconnect()
	await server?.stop()
	await db?.stop()
	// AUTHZ_DUMP=<file> writes every cell with its status, for reviewing the matrix by eye.
	if (process.env.AUTHZ_DUMP) writeFileSync(process.env.AUTHZ_DUMP, JSON.stringify(cells, null, 1))
	const wrongAllows = cells.filter((c) => c.expected === 'deny' && c.got !== 'deny').length
	const wrongDenies = cells.filter((c) => c.expected === 'allow' && c.got !== 'allow').length
	const endpoints = new Set(ROUTES.map((r) => `${r.method} ${r.file}`)).size
	console.log(
		`SUITE authz cells=${cells.length} wrong_allows=${wrongAllows} wrong_denies=${wrongDenies} ` +
			`errors=${cells.filter((c) => c.got === 'error').length} routes=${endpoints} ` +
			`route_rows=${ROUTES.length} socket_events=${SOCKET_EVENTS.length} seconds=${Math.round((Date.now() - started) / 1000)}`,
	)
})

// ---- fixtures owned by firm A -------------------------------------------------------------------

async function makeFixtures(): Promise<Fixtures> {
	const sa = asFirmUser(signed.supplierA.user)
	const sb = asFirmUser(signed.supplierB.user)
	const ba = asFirmUser(signed.buyerA.user)
	const bb = asFirmUser(signed.buyerB.user)
	const [capPub, capToHide] = await publishedCapabilities(sa.firmId)
	const [demPub, demToHide] = await publishedDemands(ba.firmId)
	const [capOfB] = await publishedCapabilities(sb.firmId)
	if (!capPub || !capToHide || !demPub || !demToHide || !capOfB)
		throw new Error('the seed has too few listings')

	const capDraftTitle = 'AUTHZ 草稿能力甲'
	const capDraft = await createCapability(sa, capabilityInput({ title: capDraftTitle }))
	const capToPublish = await createCapability(sa, capabilityInput({ title: 'AUTHZ 待发布能力甲' }))
	const capMine = await createCapability(sa, capabilityInput({ title: 'AUTHZ 列表发布能力甲' }))
	const demDraftTitle = 'AUTHZ 草稿需求甲'
	const demDraft = await createDemand(ba, demandInput({ title: demDraftTitle }))
	const demToPublish = await createDemand(ba, demandInput({ title: 'AUTHZ 待发布需求甲' }))
	const demMine = await createDemand(ba, demandInput({ title: 'AUTHZ 列表发布需求甲' }))

	const suggestion = await prisma.matchSuggestion.upsert({
		where: { demandId_capabilityId: { demandId: demPub.id, capabilityId: capOfB.id } },
		create: { demandId: demPub.id, capabilityId: capOfB.id, score: 0.61 },
		update: { status: 'SUGGESTED' },
	})

	const pdf = pdfBytes()
	const upload = await saveUpload(sa, { name: 'authz-私有附件.pdf', bytes: pdf }, 'docking-attachment')

	const docking = await startDocking(
		{ ...ba, name: ba.name },
		StartSchema.parse({ demandId: demPub.id, capabilityId: capPub.id, message: 'AUTHZ 对接请求' }),
		meta,
	)
	const sessionRow = await prisma.dockingSession.findUniqueOrThrow({ where: { id: docking.id } })
	if (sessionRow.status !== 'ACTIVE')
		await respondToRequest(sa, docking.id, RespondSchema.parse({ intent: 'accept' }), meta)
	const chatUpload = await saveUpload(sa, { name: 'authz-洽谈附件.pdf', bytes: pdf }, 'docking-attachment')
	await sendMessage(sa, {
		sessionId: docking.id,
		clientId: 'authz-fixture-0001',
		body: 'AUTHZ 对接消息',
		attachmentIds: [chatUpload.id],
	})

	const bureauId = signed.bureau.user.id
	const event = await createEventRow(bureauId, { title: 'AUTHZ 权限矩阵对接会' })
	const regA = await registerFirmRow(event.id, sa.firmId, 'SUPPLIER')
	await registerFirmRow(event.id, ba.firmId, 'BUYER')
	const meeting = await createMeetingRow(event, ba.firmId, sa.firmId)
	const eventOpen = await createEventRow(bureauId, { title: 'AUTHZ 报名用对接会' })
	const eventDraft = await createEventRow(bureauId, {
		title: 'AUTHZ 草稿对接会',
		status: 'DRAFT',
		publishedAt: null,
	})
	const demoEvent = await prisma.event.findFirstOrThrow({
		where: { title: DEMO_EVENT_TITLE },
		select: { id: true },
	})
	const request = (toFirmId: string) =>
		prisma.meetingRequest.create({
			data: {
				eventId: demoEvent.id,
				fromFirmId: ba.firmId,
				toFirmId,
				buyerFirmId: ba.firmId,
				supplierFirmId: toFirmId,
				priority: 'MUST',
				message: '权限矩阵测试会谈请求',
			},
		})
	const requestToB = await request(sb.firmId)
	const requestToA = await request(sa.firmId)

	const targetDraftTitle = 'AUTHZ 草稿目标清单甲'
	const targetDraft = await createList(
		ba,
		{ title: targetDraftTitle, description: '权限矩阵', clusterId: '' },
		meta,
	)
	const item = await prisma.targetListItem.findFirstOrThrow({
		where: { list: { title: DEMO_TARGET_LIST_TITLE } },
		select: { id: true },
	})

	const jobMineFile = 'AUTHZ-甲方导入.xlsx'
	const job = (fileName: string) =>
		prisma.importJob.create({ data: { kind: 'CAPABILITY', firmId: sa.firmId, actorId: sa.id, fileName } })
	const jobMine = await job(jobMineFile)
	const jobBureau = await job('AUTHZ-代导入.xlsx')
	const notification = await prisma.notification.create({
		data: { userId: sa.id, kind: 'system', title: 'AUTHZ 通知甲', body: '权限矩阵', link: '/' },
	})
	const pending = await createFirmWithUser({
		firmName: 'AUTHZ 待审核企业',
		kind: 'SUPPLIER',
		verified: false,
		userName: '王审核',
		role: 'SUPPLIER',
	})
	const invitePath = await inviteColleague(sa, `authz.invite.${Date.now()}@example.com`, {
		...meta,
		origin: server.url,
	})
	const cluster = await prisma.cluster.findUniqueOrThrow({
		where: { slug: 'electronics' },
		select: { id: true },
	})

	return {
		origin: server.url,
		firms: {
			supplierA: sa.firmId,
			supplierB: sb.firmId,
			buyerA: ba.firmId,
			buyerB: bb.firmId,
			pending: pending.firm.id,
		},
		users: { supplierA: sa.id, buyerA: ba.id },
		capPub: capPub.id,
		capPubTitle: capPub.title,
		capDraft: capDraft.id,
		capDraftTitle,
		capToPublish: capToPublish.id,
		capMine: capMine.id,
		capToHide: capToHide.id,
		demPub: demPub.id,
		demDraft: demDraft.id,
		demDraftTitle,
		demToPublish: demToPublish.id,
		demMine: demMine.id,
		demToHide: demToHide.id,
		suggestion: suggestion.id,
		capOfB: capOfB.id,
		upload: upload.id,
		chatUpload: chatUpload.id,
		session: docking.id,
		event: event.id,
		meeting: meeting.id,
		checkInToken: regA.checkInToken,
		calendarToken: regA.calendarToken,
		eventOpen: eventOpen.id,
		openSlot: buildSlots(eventOpen)[0]!.id,
		eventDraft: eventDraft.id,
		demoEvent: demoEvent.id,
		requestToB: requestToB.id,
		requestToA: requestToA.id,
		targetDraft: targetDraft.id,
		targetDraftTitle,
		followUpItem: item.id,
		jobMine: jobMine.id,
		jobMineFile,
		jobBureau: jobBureau.id,
		notification: notification.id,
		invitePath,
		chainSlug: 'electronics',
		chainCluster: cluster.id,
	}
}

// ---- what exists in the code ----------------------------------------------------------------------

function routeEndpoints() {
	const dir = path.resolve('app/routes')
	const out: string[] = []
	for (const file of readdirSync(dir).sort()) {
		const source = readFileSync(path.join(dir, file), 'utf8')
		const exported = (name: string) =>
			new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${name}\\b`).test(source)
		if (exported('loader') || /export\s+default\b/.test(source)) out.push(`GET ${file}`)
		if (exported('action')) out.push(`POST ${file}`)
	}
	const app = readFileSync(path.resolve('server/app.ts'), 'utf8')
	if (app.includes("app.get('/healthz'")) out.push('GET server:healthz')
	if (app.includes("app.use('/internal'")) out.push('POST server:internal')
	return out
}

function socketEventNames() {
	const contract = readFileSync(path.resolve('app/realtime/events.ts'), 'utf8')
	const block = /export type ClientToServerEvents = \{([\s\S]*?)\n\}/.exec(contract)?.[1] ?? ''
	const fromContract = [...block.matchAll(/^\t'([^']+)':/gm)].map((m) => m[1]!)
	const dir = path.resolve('server/socket/handlers')
	const fromHandlers = readdirSync(dir).flatMap((file) =>
		[...readFileSync(path.join(dir, file), 'utf8').matchAll(/socket\.on\(\s*'([^']+)'/g)]
			.map((m) => m[1]!)
			.filter((name) => name !== 'disconnect'),
	)
	return { fromContract: [...new Set(fromContract)].sort(), fromHandlers: [...new Set(fromHandlers)].sort() }
}

// ---- running one HTTP cell ------------------------------------------------------------------------

function judge(row: RouteRow, res: Response, text: string): { got: Verdict; detail: string } {
	// A single-fetch action answers a redirect with 202 and the target inside its turbo-stream body.
	const dataRedirect = res.status === 202 ? (/"(\/[^"]*)"/.exec(text)?.[1] ?? '?') : null
	const location = dataRedirect ?? res.headers.get('location') ?? ''
	const detail = `${res.status}${location ? ` → ${location}` : ''}`
	if (res.status >= 500) return { got: 'error', detail }
	if (DENY_STATUSES.has(res.status)) return { got: 'deny', detail }
	if ((res.status >= 300 && res.status < 400) || dataRedirect) {
		if (location.startsWith('/login')) return { got: 'deny', detail }
		return { got: row.redirect ?? 'allow', detail }
	}
	if (res.status < 300 && row.marker) {
		const shown = text.includes(row.marker(f))
		return { got: shown ? 'allow' : 'deny', detail: `${detail} ${shown ? 'shows' : 'without'} A’s data` }
	}
	return { got: 'allow', detail }
}

/**
 * A POST goes to the route's action the way the app's own forms submit it with single fetch
 * (`<path>.data`, `?index` for an index route): a document POST would answer with the page's
 * loaders after the action, hiding the action's own answer.
 */
function actionUrl(row: RouteRow) {
	const url = new URL(row.path(f), server.url)
	if (row.method !== 'POST' || row.file.startsWith('server:')) return `${url.pathname}${url.search}`
	url.pathname = url.pathname === '/' ? '/_root.data' : `${url.pathname}.data`
	if (/(^|\.)_index\.tsx?$/.test(row.file)) url.searchParams.set('index', '')
	return `${url.pathname}${url.search}`
}

async function send(row: RouteRow, actor: Actor, cookie: string | null) {
	const headers: Record<string, string> = {}
	if (cookie) headers.cookie = cookie
	let body: FormData | URLSearchParams | undefined
	if (row.method === 'POST') {
		headers.origin = server.url
		const raw = row.body?.(f, actor) ?? {}
		if (raw instanceof FormData) body = raw
		else {
			body = new URLSearchParams()
			for (const [key, value] of Object.entries(raw))
				for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
		}
	}
	const res = await fetch(`${server.url}${actionUrl(row)}`, {
		method: row.method,
		headers,
		body,
		redirect: 'manual',
	})
	return { res, text: await res.text() }
}

async function runCell(row: RouteRow, actor: Actor) {
	const expected = row.allow.includes(actor) ? 'allow' : 'deny'
	const where = `${row.method} ${row.path(f)} [${row.file}${row.variant ? ` ${row.variant}` : ''}]`
	try {
		cells.push({ where, actor, expected, ...(await cell(row, actor, expected)) })
	} catch (error) {
		cells.push({ where, actor, expected, got: 'error', detail: (error as Error).message.slice(0, 300) })
	}
}

async function cell(row: RouteRow, actor: Actor, expected: 'allow' | 'deny') {
	let cookie = actor === 'anonymous' ? null : signed[actor].cookie
	await row.prepare?.(f)
	if (row.freshSession && actor !== 'anonymous') cookie = (await signIn(EMAILS[actor], DEMO_PASSWORD)).cookie
	const before = row.probe ? await row.probe(f) : undefined
	const { res, text } = await send(row, actor, cookie)
	let { got, detail } = judge(row, res, text)
	if (row.probe && got !== 'error') {
		const changed = !isDeepStrictEqual(before, await row.probe(f))
		if (row.scoped) got = changed ? 'allow' : 'deny'
		else if (changed && expected === 'deny') got = 'allow'
		if (changed) detail += ' (probed state changed)'
	}
	const leaked = (row.hidden?.(f) ?? []).filter((s) => text.includes(s))
	if (leaked.length) {
		got = 'allow'
		detail += ` leaked ${leaked.join(', ')}`
	}
	return { got, detail }
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
	let next = 0
	await Promise.all(
		Array.from({ length: size }, async () => {
			while (next < items.length) await work(items[next++]!)
		}),
	)
}

// ---- running socket cells -------------------------------------------------------------------------

function openSocket(cookie: string | null) {
	const socket: ClientSocket = connect(server.url, {
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: cookie ? { cookie } : {},
	})
	sockets.push(socket)
	return new Promise<ClientSocket | null>((resolve) => {
		socket.once('connect', () => resolve(socket))
		socket.once('connect_error', () => resolve(null))
	})
}

async function alive(socket: ClientSocket) {
	const reply = await socket
		.timeout(3000)
		.emitWithAck('presence:ping')
		.catch(() => null)
	return reply?.ok === true && socket.connected
}

async function join(socket: ClientSocket) {
	return socket
		.timeout(3000)
		.emitWithAck('docking:join', { sessionId: f.session, afterSeq: 0 })
		.catch(() => ({ ok: false as const, error: 'timeout' }))
}

type SocketRun = (socket: ClientSocket, actor: Actor) => Promise<{ got: Verdict; detail: string }>

function socketRunners(listener: ClientSocket): Record<keyof ClientToServerEvents, SocketRun> {
	const acked = (reply: { ok: boolean; error?: string }) => ({
		got: reply.ok ? ('allow' as const) : ('deny' as const),
		detail: reply.ok ? 'ok' : (reply.error ?? 'refused'),
	})
	const messages = () => prisma.message.count({ where: { sessionId: f.session } })
	return {
		'presence:ping': async (s) =>
			(await alive(s)) ? { got: 'allow', detail: 'ok' } : { got: 'deny', detail: 'no ack' },
		'docking:join': async (s) => acked(await join(s)),
		'docking:leave': async (s) => {
			s.emit('docking:leave', { sessionId: f.session })
			return (await alive(s))
				? { got: 'allow', detail: 'handled' }
				: { got: 'error', detail: 'socket dropped' }
		},
		'docking:send': async (s, actor) => {
			const before = await messages()
			const reply = await s
				.timeout(3000)
				.emitWithAck('docking:send', {
					sessionId: f.session,
					clientId: `authz-${actor}-send`,
					body: `权限矩阵 ${actor}`,
				})
				.catch(() => ({ ok: false as const, error: 'timeout' }))
			const verdict = acked(reply)
			if (verdict.got === 'deny' && (await messages()) !== before)
				return { got: 'allow', detail: 'message stored' }
			return verdict
		},
		'docking:typing': async (s, actor) => {
			await join(s)
			const userId = actor === 'anonymous' ? '' : signed[actor].user.id
			const heard = new Promise<boolean>((resolve) => {
				const timer = setTimeout(() => {
					listener.off('docking:typing', onTyping)
					resolve(false)
				}, 800)
				const onTyping = (p: { userId: string }) => {
					if (p.userId !== userId) return
					clearTimeout(timer)
					listener.off('docking:typing', onTyping)
					resolve(true)
				}
				listener.on('docking:typing', onTyping)
			})
			s.emit('docking:typing', { sessionId: f.session, typing: true })
			return (await heard) ? { got: 'allow', detail: 'reached the room' } : { got: 'deny', detail: 'dropped' }
		},
		'docking:read': async (s) => {
			await join(s)
			const reads = () =>
				prisma.dockingMember.findMany({ where: { sessionId: f.session }, orderBy: { userId: 'asc' } })
			const before = await reads()
			const reply = await s
				.timeout(3000)
				.emitWithAck('docking:read', { sessionId: f.session, seq: 1 })
				.catch(() => ({ ok: false as const, error: 'timeout' }))
			const verdict = acked(reply)
			if (verdict.got === 'deny' && !isDeepStrictEqual(before, await reads()))
				return { got: 'allow', detail: 'read state changed' }
			return verdict
		},
		'event:join': async (s) =>
			acked(
				await s
					.timeout(3000)
					.emitWithAck('event:join', { eventId: f.event })
					.catch(() => ({ ok: false as const, error: 'timeout' })),
			),
		'event:leave': async (s) => {
			s.emit('event:leave', { eventId: f.event })
			return (await alive(s))
				? { got: 'allow', detail: 'handled' }
				: { got: 'error', detail: 'socket dropped' }
		},
	}
}

// ---- the suite ------------------------------------------------------------------------------------

describe('authorization matrix', () => {
	test('every route, endpoint and socket event has a row, and every row names something that exists', () => {
		const existing = routeEndpoints()
		const covered = new Set(ROUTES.map((r) => `${r.method} ${r.file}`))
		expect(
			existing.filter((e) => !covered.has(e)),
			'routes without a row',
		).toEqual([])
		expect(
			[...covered].filter((c) => !existing.includes(c)),
			'rows naming no route',
		).toEqual([])
		const { fromContract, fromHandlers } = socketEventNames()
		const rows = SOCKET_EVENTS.map((s) => s.event as string).sort()
		expect(
			fromContract.filter((e) => !rows.includes(e)),
			'contract events without a row',
		).toEqual([])
		expect(
			fromHandlers.filter((e) => !rows.includes(e)),
			'handled events without a row',
		).toEqual([])
		expect(
			rows.filter((e) => !fromContract.includes(e) || !fromHandlers.includes(e)),
			'rows naming no event',
		).toEqual([])
		expect(new Set(rows).size).toBe(rows.length)
		// A denied action is proven harmless by re-reading what it would change.
		const unprobed = ROUTES.filter((r) => r.method === 'POST' && r.allow.length < ACTORS.length && !r.probe)
		expect(
			unprobed.map((r) => r.file),
			'actions with a denied actor but no probe',
		).toEqual([])
	})

	test('every cell answers as the matrix says', { timeout: 600_000 }, async () => {
		// Loaders: read-only, a few at a time.
		const gets = ROUTES.filter((r) => r.method === 'GET').flatMap((row) =>
			ACTORS.map((actor) => ({ row, actor })),
		)
		await pool(gets, GET_CONCURRENCY, ({ row, actor }) => runCell(row, actor))

		// Socket events: one connection per actor (anonymous is refused at the handshake).
		const listener = await openSocket((await signIn(EMAILS.supplierA, DEMO_PASSWORD)).cookie)
		if (!listener || !(await join(listener)).ok) throw new Error('listener socket could not join A’s session')
		const runners = socketRunners(listener)
		for (const actor of ACTORS) {
			const socket = await openSocket(actor === 'anonymous' ? null : signed[actor].cookie)
			for (const row of SOCKET_EVENTS) {
				const expected = row.allow.includes(actor) ? 'allow' : 'deny'
				const result = socket
					? await runners[row.event](socket, actor)
					: { got: 'deny' as const, detail: 'handshake refused' }
				cells.push({ where: `socket ${row.event}`, actor, expected, ...result })
			}
		}

		// Actions: one at a time; in each row the actors expected to be denied go first.
		for (const row of ROUTES.filter((r) => r.method === 'POST')) {
			const order = [...ACTORS].sort((a, b) => Number(row.allow.includes(a)) - Number(row.allow.includes(b)))
			for (const actor of order) await runCell(row, actor)
		}

		const wrong = cells
			.filter((c) => c.expected !== c.got)
			.map((c) => `${c.where} ${c.actor}: expected ${c.expected}, got ${c.got} (${c.detail})`)
		expect(cells.length).toBe((ROUTES.length + SOCKET_EVENTS.length) * ACTORS.length)
		expect(wrong, 'wrong cells').toEqual([])
	})
})
