import { randomBytes, randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest'
import { login } from '#app/modules/auth/auth.server'
import { sendMessage } from '#app/modules/docking/docking.server'
import { getRealtimePublisher } from '#app/realtime/registry.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { findFreePort } from '#server/utils/ports'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'
import { startAppProcess, type AppProcess } from '#tests/integration/server/helpers/app-process'
import { DockingChatClient, waitFor } from '#tests/integration/server/helpers/docking-chat-client'
import { startTcpProxy, type TcpProxy } from '#tests/integration/server/helpers/tcp-proxy'

// Two real app processes on one PostgreSQL database and the real Redis, a loopback TCP proxy as
// the load balancer, and chat clients that behave like the browser's: a `kill -9` of one process
// mid-conversation loses, duplicates and reorders nothing.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
/** Per client; two clients per user stay under the 20 messages / 10 s per-user limit. */
const SEND_INTERVAL_MS = 1_500
const MESSAGES_PER_CLIENT = 8
/** a-buyer's message with which process A is killed (once it is stored, before its ack gets out). */
const KILL_AFTER_MESSAGE = 3
const RESUME_BUDGET_MS = 8_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let db: TestDatabase
let tmpDir: string
let proxy: TcpProxy | undefined
const apps: { a?: AppProcess; b?: AppProcess } = {}
/** Every process started, for their logs when a test fails. */
const spawned: AppProcess[] = []
/** A started again after the kill (as an orchestrator would), once its clients moved to B. */
let restartingA: Promise<AppProcess> | undefined
let restartRequestedAt = 0
let restartReadyAt = 0
let appEnv: (name: string) => Record<string, string>
let ports: { a: number; b: number }
let sessionId: string
const cookies: { buyer: string[]; supplier: string[] } = { buyer: [], supplier: [] }
const clients: DockingChatClient[] = []
/** Figures of the kill -9 case, printed as the SUITE line. */
const figures = { sent: 0, lost: -1, duplicated: -1, resumeS: Number.NaN }

function client(name: string, url: string, cookie: string) {
	const c = new DockingChatClient(name, url, { cookie, sessionId })
	clients.push(c)
	return c
}

async function cookieFor(email: string) {
	const result = await login(email, DEMO_PASSWORD, {})
	if (!result.ok) throw new Error(`demo login failed for ${email}`)
	return result.setCookie.split(';')[0]!
}

async function startApp(name: string, port: number, dataDir: string) {
	const app = await startAppProcess({ name, port, env: appEnv(dataDir) })
	spawned.push(app)
	return app
}

async function twoFreePorts() {
	const a = await findFreePort()
	let b = await findFreePort()
	while (b === a) b = await findFreePort()
	return { a, b }
}

beforeAll(async () => {
	db = await setupTestDatabase()
	if (db.kind !== 'postgres')
		throw new Error('docking-cluster needs the real PostgreSQL (integration-postgres project)')
	const tag = randomBytes(4).toString('hex')
	tmpDir = path.resolve('tests/.tmp', `docking-cluster-${tag}`)
	appEnv = (name) => ({
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `dc${tag}_`,
		REDIS_URL,
		SEED_ON_START: 'false',
		DATA_DIR: path.join(tmpDir, name),
	})
	ports = await twoFreePorts()
	// The processes start while this one seeds the demo data (they do not read it before serving).
	// All settled before going on, so that afterAll stops whichever process did start.
	const started = await Promise.allSettled([
		startApp('A', ports.a, 'a').then((app) => (apps.a = app)),
		startApp('B', ports.b, 'b').then((app) => (apps.b = app)),
		seed({ log: () => {} }),
	])
	for (const result of started) if (result.status === 'rejected') throw result.reason
	proxy = await startTcpProxy([ports.a, ports.b])

	const buyer = await prisma.user.findUniqueOrThrow({
		where: { email: 'buyer@demo.xnwh.cn' },
		select: { id: true, firmId: true },
	})
	const supplier = await prisma.user.findUniqueOrThrow({
		where: { email: 'supplier@demo.xnwh.cn' },
		select: { id: true, firmId: true },
	})
	const now = new Date()
	const session = await prisma.dockingSession.create({
		data: {
			buyerFirmId: buyer.firmId!,
			supplierFirmId: supplier.firmId!,
			initiatorSide: 'BUYER',
			initiatedById: buyer.id,
			status: 'ACTIVE',
			respondedAt: now,
			respondedById: supplier.id,
			expiresAt: new Date(now.getTime() + 7 * 24 * 3600 * 1000),
			members: {
				create: [
					{ userId: buyer.id, side: 'BUYER' },
					{ userId: supplier.id, side: 'SUPPLIER' },
				],
			},
		},
		select: { id: true },
	})
	sessionId = session.id
	// Each client is its own login (a second device), like two browsers per person.
	for (let i = 0; i < 3; i++) {
		cookies.buyer.push(await cookieFor('buyer@demo.xnwh.cn'))
		cookies.supplier.push(await cookieFor('supplier@demo.xnwh.cn'))
	}
})

afterEach((context) => {
	// The app processes' own logs, to see what they did when a test failed.
	if (context.task.result?.state === 'fail') console.log(spawned.map((app) => app.output()).join('\n'))
})

afterAll(async () => {
	console.log(
		`SUITE fault-cluster sent=${figures.sent} lost=${figures.lost} duplicated=${figures.duplicated} resume_s=${figures.resumeS.toFixed(2)}`,
	)
	for (const c of clients) c.close()
	await proxy?.close()
	if (restartingA) await restartingA.then((app) => (apps.a = app)).catch(() => {})
	// Graceful for a live process, SIGKILL after 5 s; by PID, also when a test failed.
	await Promise.all([apps.a?.stop(5_000), apps.b?.stop(5_000)])
	for (const app of [apps.a, apps.b])
		if (app && !app.exited()) throw new Error(`${app.name} (pid ${app.pid}) still running`)
	await db?.stop()
	if (tmpDir) await rm(tmpDir, { recursive: true, force: true })
})

async function waitUntilStored(clientId: string, timeoutMs = 5_000) {
	const deadline = Date.now() + timeoutMs
	while (
		!(await prisma.message.findUnique({
			where: { sessionId_clientId: { sessionId, clientId } },
			select: { id: true },
		}))
	) {
		if (Date.now() > deadline) throw new Error(`${clientId} not stored within ${timeoutMs} ms`)
		await sleep(20)
	}
}

/** Every message in the session, as stored. */
function storedMessages() {
	return prisma.message.findMany({
		where: { sessionId },
		orderBy: { seq: 'asc' },
		select: { id: true, seq: true, clientId: true, body: true },
	})
}

describe('docking chat across two app processes (real PostgreSQL + Redis)', () => {
	let aBuyer: DockingChatClient
	let aSupplier: DockingChatClient
	let bBuyer: DockingChatClient
	let bSupplier: DockingChatClient

	test('a message sent by a client of process A reaches a client of process B', async () => {
		// Through the proxy: both land on A (first live backend); directly on B.
		aBuyer = client('a-buyer', proxy!.url, cookies.buyer[0]!)
		aSupplier = client('a-supplier', proxy!.url, cookies.supplier[0]!)
		bBuyer = client('b-buyer', apps.b!.url, cookies.buyer[1]!)
		bSupplier = client('b-supplier', apps.b!.url, cookies.supplier[1]!)
		await Promise.all([aBuyer, aSupplier, bBuyer, bSupplier].map((c) => c.connect()))
		expect(proxy!.routes).toEqual([ports.a, ports.a])

		const clientId = aBuyer.send('您好，我司对贵司的 PCB 贴片加工能力很感兴趣，能否先报个价？')
		await waitFor(
			() => [aSupplier, bBuyer, bSupplier].every((c) => c.lastSeq >= 1),
			5_000,
			'first message everywhere',
		)
		expect(aBuyer.acked.get(clientId)).toMatchObject({ seq: 1, clientId })
		expect(bSupplier.list).toEqual([
			expect.objectContaining({
				seq: 1,
				clientId,
				body: expect.stringContaining('PCB'),
				sender: expect.objectContaining({ name: '陈工' }),
			}),
		])
		// Broadcast over the Redis Streams adapter, not fetched by a backfill.
		expect(bSupplier.stats.live).toBe(1)
		expect(bBuyer.stats.live).toBe(1)
	})

	test('kill -9 of process A mid-conversation: clients resume on B, nothing lost, duplicated or out of order', async () => {
		const everyone = [aBuyer, aSupplier, bBuyer, bSupplier]
		const movers = [aBuyer, aSupplier]
		let killedAt = 0
		let unackedAtKill = 0
		const started = Date.now()

		// A is started again (as an orchestrator would) once its clients are back, on B, while the
		// conversation goes on; the last test uses it.
		const restartOnceMoved = async () => {
			await waitFor(() => killedAt > 0, 20_000, 'the kill')
			await waitFor(
				() => movers.every((c) => c.joinedAt.some((t) => t > killedAt)),
				RESUME_BUDGET_MS + 2_000,
				'a-* clients re-joined',
			)
			restartRequestedAt = Date.now()
			restartingA = startApp('A2', ports.a, 'a').then((app) => {
				restartReadyAt = Date.now()
				return app
			})
			restartingA.catch(() => {}) // awaited (and reported) by the restart test
		}
		// Each client writes a message every 1.5 s (staggered). With a-buyer's third message, A's
		// replies stall in the proxy: the message is committed on A, but its ack (and A's broadcasts
		// to a-supplier) never arrive, because A is then killed.
		await Promise.all([
			restartOnceMoved(),
			...everyone.map(async (c, i) => {
				await sleep((i * SEND_INTERVAL_MS) / everyone.length)
				for (let n = 1; n <= MESSAGES_PER_CLIENT; n++) {
					const crash = c === aBuyer && n === KILL_AFTER_MESSAGE
					if (crash) proxy!.holdReplies(ports.a)
					const clientId = c.send(`${c.name} 第 ${n} 条：交期与报价确认`)
					if (crash) {
						await waitUntilStored(clientId)
						unackedAtKill = movers.reduce((sum, m) => sum + m.unacked, 0)
						killedAt = Date.now()
						await apps.a!.crash()
					}
					await sleep(SEND_INTERVAL_MS)
				}
			}),
		])
		expect(killedAt).toBeGreaterThan(0)
		expect(await apps.a!.exit).toEqual({ code: null, signal: 'SIGKILL' })

		// Every message written is eventually acknowledged ...
		await waitFor(() => everyone.every((c) => c.unacked === 0), 15_000, 'all outboxes empty')
		const stored = await storedMessages()
		const lastSeq = stored.at(-1)?.seq ?? 0
		// ... and every client eventually holds every stored message.
		await waitFor(() => everyone.every((c) => c.lastSeq >= lastSeq), 10_000, `every client at seq ${lastSeq}`)
		const finishedAt = Date.now()

		// Resume: reconnected through the proxy (to B) and joined again, within the budget.
		const resumeMs = movers.map((c) => (c.joinedAt.find((t) => t > killedAt) ?? Infinity) - killedAt)
		const written = everyone.reduce((n, c) => n + c.written.length, 0)
		const sum = (key: keyof DockingChatClient['stats']) => everyone.reduce((n, c) => n + c.stats[key], 0)
		console.log(
			[
				`[docking-cluster] kill -9 of A (pid ${apps.a!.pid}) at +${killedAt - started} ms with ${unackedAtKill} unacked message(s) on its clients (a-buyer's last one committed)`,
				`[docking-cluster] resume (reconnect via proxy to B + re-join): ${movers.map((c, i) => `${c.name} ${resumeMs[i]} ms`).join(', ')}`,
				`[docking-cluster] messages: ${written} written (incl. the first one), ${stored.length} stored (seq 1..${lastSeq}), resends ${sum('resends')}, ` +
					`duplicate acks ${sum('duplicateAcks')}, rate-limited ${sum('rateLimited')}, gap fills ${sum('gapFills')}, repeats dropped ${sum('repeats')}`,
				...everyone.map(
					(c) =>
						`[docking-cluster]   ${c.name}: connects ${c.stats.connects}, joins ${c.stats.joins}, received live ${c.stats.live} / backfill ${c.stats.backfill} / ack ${c.stats.ack}`,
				),
				`[docking-cluster] conversation took ${finishedAt - started} ms`,
			].join('\n'),
		)

		for (const c of everyone) expect(c.errors, c.name).toEqual([])
		// The message committed on A whose ack was lost came back, on B, as the stored one.
		expect(aBuyer.stats.duplicateAcks).toBeGreaterThanOrEqual(1)
		for (const [i, c] of movers.entries()) {
			expect(
				c.disconnectedAt.some((t) => t >= killedAt),
				c.name,
			).toBe(true)
			expect(resumeMs[i], `${c.name} resume time`).toBeLessThan(RESUME_BUDGET_MS)
		}
		// The proxy sent their new connections to B; clients of B never lost theirs.
		expect(proxy!.routes.slice(2)).toEqual(proxy!.routes.slice(2).map(() => ports.b))
		expect(proxy!.routes.length).toBeGreaterThanOrEqual(4)
		for (const c of [bBuyer, bSupplier]) expect(c.stats.connects, c.name).toBe(1)

		// 0 lost: every message written was acknowledged and is stored with the acknowledged seq.
		const byClientId = new Map(stored.map((m) => [m.clientId, m]))
		const writtenIds = everyone.flatMap((c) => c.written)
		figures.sent = written
		figures.lost = writtenIds.filter((id) => !byClientId.has(id)).length
		figures.duplicated = stored.length - byClientId.size
		figures.resumeS = Math.max(...resumeMs) / 1000
		expect(figures.lost).toBe(0)
		expect(figures.duplicated).toBe(0)
		expect(stored.length).toBe(written)
		for (const c of everyone) {
			expect(c.acked.size, c.name).toBe(c.written.length)
			for (const clientId of c.written) {
				const ack = c.acked.get(clientId)
				expect(ack, `${c.name} ${clientId} acked`).toBeDefined()
				expect(byClientId.get(clientId), `${c.name} ${clientId} stored`).toMatchObject({
					id: ack!.id,
					seq: ack!.seq,
				})
			}
		}
		// 0 duplicates in the database: one row per clientId, seqs 1..n without gaps.
		expect(byClientId.size).toBe(stored.length)
		expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1))

		for (const c of everyone) {
			// Every client's final list: exactly the stored messages, once each, in seq order.
			expect(
				c.list.map((m) => ({ id: m.id, seq: m.seq, clientId: m.clientId, body: m.body })),
				c.name,
			).toEqual(stored)
			// Its own messages in the order it wrote them.
			const own = c.list.filter((m) => m.clientId.startsWith(`${c.name}-`)).map((m) => m.clientId)
			expect(own, `${c.name} own order`).toEqual(c.written)
		}
		expect(apps.b!.errors(), 'process B logged errors').toBe('')
	})

	test('a message stored by a process that died before broadcasting it still reaches every client', async () => {
		const everyone = [aBuyer, aSupplier, bBuyer, bSupplier]
		const buyer = await prisma.user.findUniqueOrThrow({
			where: { email: 'buyer@demo.xnwh.cn' },
			select: { id: true, role: true, firmId: true, name: true },
		})
		// Committed the way the dying process did it, and never broadcast: this process has no publisher.
		expect(getRealtimePublisher()).toBeNull()
		const body = '样品已寄出，顺丰单号稍后补充。'
		const clientId = `b-buyer-${randomUUID()}`
		const { message } = await sendMessage(buyer, { sessionId, clientId, body, attachmentIds: [] })
		// The user's client still had it unacknowledged and retries it (same clientId) on B.
		bBuyer.send(body, clientId)
		await waitFor(() => bBuyer.acked.has(clientId), 5_000, 'the retry acknowledged')
		expect(bBuyer.acked.get(clientId)).toEqual(message)
		expect(bBuyer.stats.duplicateAcks).toBeGreaterThanOrEqual(1)
		// The conversation goes on; whoever missed the stored one sees a gap and fills it.
		const reply = bSupplier.send('收到，谢谢！')
		await waitFor(() => bSupplier.acked.has(reply), 5_000, 'the reply acknowledged')
		const stored = await storedMessages()
		await waitFor(
			() => everyone.every((c) => c.lastSeq >= stored.length),
			5_000,
			`every client at seq ${stored.length}`,
		)
		for (const c of everyone) {
			expect(c.errors, c.name).toEqual([])
			expect(
				c.list.map((m) => m.id),
				c.name,
			).toEqual(stored.map((m) => m.id))
		}
		expect(stored.at(-2)).toMatchObject({ id: message.id, clientId })
	})

	test('the killed process restarts and serves clients again', async () => {
		expect(restartingA, 'A was restarted').toBeDefined()
		apps.a = await restartingA!
		const startedMs = restartReadyAt - restartRequestedAt
		// New connections through the proxy go to the first live backend: A again.
		const routed = proxy!.routes.length
		const back = client('a2-buyer', proxy!.url, cookies.buyer[2]!)
		const direct = client('a2-supplier', apps.a.url, cookies.supplier[2]!)
		await Promise.all([back.connect(), direct.connect()])
		expect(proxy!.routes.slice(routed)).toEqual([ports.a])

		// The join backfilled the whole history.
		const before = await storedMessages()
		expect(back.list.map((m) => m.seq)).toEqual(before.map((m) => m.seq))

		// A → B and B → A again, through the adapter.
		const fromA = back.send('重启后的 A 上发出的消息')
		const fromB = bSupplier.send('B 上的回复：收到')
		const everyone = [aBuyer, aSupplier, bBuyer, bSupplier, back, direct]
		const target = before.length + 2
		await waitFor(
			() => everyone.every((c) => c.unacked === 0 && c.lastSeq >= target),
			10_000,
			`every client at seq ${target}`,
		)
		const after = await storedMessages()
		expect(after.map((m) => m.seq)).toEqual(after.map((_, i) => i + 1))
		expect(
			after
				.map((m) => m.clientId)
				.slice(-2)
				.sort(),
		).toEqual([fromA, fromB].sort())
		for (const c of everyone) {
			expect(c.errors, c.name).toEqual([])
			expect(
				c.list.map((m) => m.id),
				c.name,
			).toEqual(after.map((m) => m.id))
		}
		// Each reached the other process's clients.
		expect(bSupplier.list.find((m) => m.clientId === fromA)).toBeDefined()
		expect(back.list.find((m) => m.clientId === fromB)).toBeDefined()
		console.log(
			`[docking-cluster] A restarted (pid ${apps.a.pid}), ready ${startedMs} ms after the restart began; a new client through the proxy landed on it`,
		)
		expect(apps.a.errors(), 'restarted A logged errors').toBe('')
	})
})
