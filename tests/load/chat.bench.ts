/**
 * Chat benchmark (docking sessions over Socket.io): the real app against a bare Socket.io relay
 * (tests/load/lib/bare-relay.ts: same socket.io, same event names and reply shapes, no auth, no
 * database), driven by the same client script (tests/load/lib/chat-clients.ts), in one run:
 *
 *   npm run bench:chat -- [--quick] [--rate=<msg/s>]
 *   (node --expose-gc --import tsx tests/load/chat.bench.ts …)
 *
 * Users: 2,000 (--quick: 400), half in a verified buyer firm, half in a verified supplier firm,
 * each with a login session (cookie) and one WebSocket per server, opened once and used by all
 * three cases.
 *
 * (c) heap per idle socket, first: V8 heapUsed of the server process (after forced GCs) with
 *     every user's socket connected and idle, minus before, / N. The app's sockets are
 *     authenticated by their session cookie (and sit in their user and session rooms); the
 *     relay's are just connected.
 * (a) rooms: 500 ACTIVE docking sessions × 4 members, 2 per side (--quick: 100). Open loop:
 *     --rate messages per second over all rooms (default 50), i.e. each room sends every
 *     rooms / rate seconds (10 s; --quick 2 s), staggered over the rooms, the sender rotating
 *     through the members, so a user sends once per 4 room intervals, far below the limit of 20
 *     per 10 s (which a rate above rooms × 8 msg/s would hit). The app persists each message (transaction, per-session seq under the row
 *     lock) before it broadcasts and acks. Measured: send → deliver to each of the 3 other
 *     members (p50/p99), send → ack, delivered % = deliveries / (3 × sends); and, before the
 *     load, a few messages one at a time (unloaded latency).
 * (b) lobby: one session of which every user is a member; all sockets join it. 10 members take
 *     turns sending one message at a time. Measured: send → the last of the other N − 1 sockets
 *     received it (p50/p99), and delivered %. The app's and the relay's rooms are open at the
 *     same time and the messages alternate between them, so both see the same conditions.
 *
 * Arrangement: the app (startServer, as `npm start` runs it without REDIS_URL: the in-memory
 * Socket.io adapter, like the relay's) and the bare relay both run in this process; (c) and (a) are
 * measured for the relay first, then for the app, (b) interleaved. The client sockets live in
 * child processes, one per server (tests/load/lib/client-process.ts), so the servers' event loop
 * is not the load generator's, and one server's traffic cannot starve the other's clients. The database is a fresh PostgreSQL database (CREATE DATABASE
 * xnwh_bench_<random> on 127.0.0.1:5432, or on BENCH_DATABASE_URL's server; dropped at the end)
 * or, when PostgreSQL does not answer, the embedded PGlite (in this process). Meilisearch is the
 * embedded child (idle: no listing is written). Loopback only, on free ports. Everything is
 * stopped, the database dropped and the temporary data directory deleted at the end; the BENCH
 * line is the last line. The report also shows where the CPU went during each case (this
 * process, the client process, the bench database's PostgreSQL backends, the rest of the box).
 *
 * Not part of `npm test`. It measures and prints; it asserts nothing.
 */
import { existsSync, readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import pg from 'pg'
import type { RunningServer } from '#server/start'
import type { BareRelay } from './lib/bare-relay'
import { body, percentile, type JoinResult, type RoomsResult } from './lib/chat-protocol'
import type { ClientProcess } from './lib/client-process'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
process.chdir(ROOT)
// Set before any app module is loaded (hence the dynamic imports below), as in the other benches.
process.env.NODE_ENV = 'production'

const QUICK = process.argv.includes('--quick')
const rateArg = process.argv.find((a) => a.startsWith('--rate='))
/** Messages per second over all rooms of (a); each room sends every rooms / RATE seconds. */
const RATE = rateArg ? Math.max(1, Number(rateArg.split('=')[1]) || 50) : 50
const SIZES = QUICK
	? {
			rooms: 100,
			probes: 10,
			warmupMs: 1_500,
			measureMs: 6_000,
			lobbyWarmup: 2,
			lobbyMessages: 15,
			settleMaxMs: 20_000,
		}
	: {
			rooms: 500,
			probes: 30,
			warmupMs: 4_000,
			measureMs: 30_000,
			lobbyWarmup: 5,
			lobbyMessages: 60,
			settleMaxMs: 90_000,
		}
const ROOM_INTERVAL_MS = (SIZES.rooms * 1000) / RATE
const LOBBY_SENDERS = 10
const LOBBY_TIMEOUT_MS = 10_000
const DRAIN_MS = QUICK ? 5_000 : 10_000
const CONNECT_CONCURRENCY = 100
const JOIN_CONCURRENCY = 50

const sleep = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay))
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a')
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a')
/** Percent, floored to 2 decimals so that anything short of everything never prints as 100. */
const percent = (part: number, whole: number) =>
	whole > 0 ? (Math.floor((10_000 * part) / whole) / 100).toFixed(2) : 'n/a'
const kib = (bytes: number) => (bytes / 1024).toFixed(1)
const errorList = (errors: Record<string, number>) =>
	Object.entries(errors)
		.map(([k, n]) => `${k} ×${n}`)
		.join(', ') || 'none'

// Forced GC for (c): the flag can be set at run time; a new context then sees `gc`.
v8.setFlagsFromString('--expose-gc')
// Forced GCs age bytecode: after 5 of them V8 flushes functions not run since (start-up code),
// which would shrink the heap between the two readings. Keep it all for the whole run.
v8.setFlagsFromString('--no-flush-bytecode')
const forceGc = (globalThis.gc ?? (vm.runInNewContext('gc') as () => void)) as () => void

async function settleHeap() {
	for (let i = 0; i < 4; i++) {
		forceGc()
		await sleep(50)
	}
}

function tcpConnections(server: {
	getConnections: (callback: (error: Error | null, count: number) => void) => void
}) {
	return new Promise<number>((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)))
}

async function waitFor(what: string, condition: () => boolean, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
		await sleep(20)
	}
}

/** Busy and total jiffies of the whole box (all CPUs), from /proc/stat; null elsewhere. */
function boxCpu(): { busy: number; total: number } | null {
	try {
		const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
		const total = fields.reduce((a, b) => a + b, 0)
		const idle = (fields[3] ?? 0) + (fields[4] ?? 0)
		return { busy: total - idle, total }
	} catch {
		return null
	}
}

type Window = {
	wallMs: number
	serverCpuMs: number
	boxCpuMs: number | null
	loopP99: number
	loopMax: number
}

/** Server-process CPU, whole-box CPU and this event loop's delay over a measured stretch. */
function measureWindow() {
	const started = performance.now()
	const cpu = process.cpuUsage()
	const box = boxCpu()
	const loop = monitorEventLoopDelay({ resolution: 5 })
	loop.enable()
	return (): Window => {
		loop.disable()
		const wallMs = performance.now() - started
		const used = process.cpuUsage(cpu)
		const boxEnd = boxCpu()
		const cpus = os.availableParallelism()
		const boxCpuMs =
			box && boxEnd
				? ((boxEnd.busy - box.busy) / Math.max(1, boxEnd.total - box.total)) * cpus * wallMs
				: null
		return {
			wallMs,
			serverCpuMs: (used.user + used.system) / 1000,
			boxCpuMs,
			loopP99: loop.percentile(99) / 1e6,
			loopMax: loop.max / 1e6,
		}
	}
}

/** startServer imports build/index.js, so one has to exist (no page is rendered: any build does). */
function ensureBuild() {
	if (existsSync(path.resolve('build/index.js'))) return
	console.log('build/index.js is missing: running `npx remix build`')
	const built = spawnSync('npx', ['remix', 'build'], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production' },
	})
	if (built.status !== 0) throw new Error(`remix build failed:\n${built.stdout}${built.stderr}`)
}

type Database = {
	url?: string
	kind: 'postgresql' | 'pglite'
	/** CPU time (ms) used so far by each server backend connected to the bench database, by pid; null if unknown. */
	backendCpu: () => Promise<Map<number, number> | null>
	/**
	 * Starts committing a one-row INSERT every 100 ms on a connection of its own (a WAL flush each,
	 * like a chat message's transaction); the returned function stops and gives the latencies (ms).
	 * Shows whether PostgreSQL or the disk stalled during a run. Null without PostgreSQL.
	 */
	commitProbe: () => Promise<(() => Promise<number[]>) | null>
	drop: () => Promise<void>
}

/** utime + stime of a process in ms, from /proc (CLK_TCK 100). */
function processCpuMs(pid: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
		return (Number(fields[11]) + Number(fields[12])) * 10
	} catch {
		return null
	}
}

/** A fresh database on the PostgreSQL server when it answers; otherwise none (startServer then embeds PGlite). */
async function createDatabase(): Promise<Database> {
	const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
	const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 })
	try {
		await admin.connect()
	} catch {
		return {
			kind: 'pglite',
			backendCpu: async () => null,
			commitProbe: async () => null,
			drop: async () => {},
		}
	}
	admin.on('error', () => {})
	const name = `xnwh_bench_${randomBytes(6).toString('hex')}`
	try {
		await admin.query(`CREATE DATABASE "${name}"`)
	} catch (error) {
		await admin.end()
		throw error
	}
	// The admin connection stays open for the backend CPU readings (it is not in the bench database).
	const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(adminUrl).hostname)
	const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString()
	return {
		url,
		kind: 'postgresql',
		async commitProbe() {
			const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
			probe.on('error', () => {})
			await probe.connect()
			// A table of the bench's own in the bench database (dropped with it).
			await probe.query(
				'CREATE TABLE IF NOT EXISTS bench_commit_probe (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())',
			)
			const latencies: number[] = []
			let running = true
			const loop = (async () => {
				while (running) {
					const t0 = performance.now()
					await probe.query('INSERT INTO bench_commit_probe DEFAULT VALUES')
					latencies.push(performance.now() - t0)
					await sleep(100)
				}
			})()
			return async () => {
				running = false
				await loop.catch(() => {})
				await probe.end().catch(() => {})
				return latencies
			}
		},
		async backendCpu() {
			if (!local) return null
			const { rows } = await admin.query<{ pid: number }>(
				'SELECT pid FROM pg_stat_activity WHERE datname = $1',
				[name],
			)
			const cpu = new Map<number, number>()
			for (const { pid } of rows) {
				const used = processCpuMs(pid)
				if (used !== null) cpu.set(pid, used)
			}
			return cpu
		},
		async drop() {
			await admin.end().catch(() => {})
			const a = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
			await a.connect()
			try {
				await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
			} finally {
				await a.end()
			}
		},
	}
}

type Label = 'bare' | 'app'
type Target = {
	label: Label
	url: string
	/** This server's own client process. */
	client: ClientProcess
	/** Sockets connected to this server's default namespace, as the server counts them. */
	count: () => number
	/** Open TCP connections of the server's HTTP server (a closed socket's TCP/WebSocket teardown ends later). */
	connections: () => Promise<number>
	/** The Cookie header per user (null for the bare relay: no authentication). */
	cookie: (cookie: string) => string | null
}

async function main() {
	ensureBuild()
	const { init } = await import('#app/utils/env.server')
	const { startServer } = await import('#server/start')
	const { prisma } = await import('#app/utils/db.server')
	const { createChatData, MEMBERS_PER_ROOM } = await import('./lib/chat-data')
	const { startBareRelay } = await import('./lib/bare-relay')
	const { startClientProcess } = await import('./lib/client-process')

	const benchStarted = performance.now()
	const loadBefore = os.loadavg()
	const progress = (line: string) =>
		console.log(`  … ${ms((performance.now() - benchStarted) / 1000).padStart(6)} s  ${line}`)
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'xnwh-bench-chat-'))
	let database: Database | undefined
	let server: RunningServer | undefined
	let bare: BareRelay | undefined
	const clients: ClientProcess[] = []
	let benchLine = ''
	let interrupted = false
	const onSignal = () => {
		interrupted = true
		// Fails the commands in flight; the finally below stops the rest.
		for (const c of clients) void c.stop()
	}
	process.once('SIGINT', onSignal)
	process.once('SIGTERM', onSignal)
	const cleanup: string[] = []
	const originalConsoleError = console.error
	const appErrors = new Map<string, number>()
	try {
		database = await createDatabase()
		const db = database
		const env = init({
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: '0',
			DATA_DIR: dataDir,
			...(db.url ? { DATABASE_URL: db.url } : {}),
			SEED_ON_START: 'false',
			LOG_LEVEL: 'warn',
			MEILI_INDEX_PREFIX: 'bench_',
		})
		const logger = { info: () => {}, error: (msg: string) => console.error(msg) }
		const startedAt = performance.now()
		server = await startServer(env, { logger })
		const app = server
		const startMs = performance.now() - startedAt
		// From here on the app's own error logging (e.g. a stack per refused message) is counted
		// and summed up in the report instead of flooding it.
		console.error = (...args: unknown[]) => {
			const first = args
				.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a)))
				.join(' ')
				.trim()
				.split('\n')[0]!
				.slice(0, 160)
			appErrors.set(first, (appErrors.get(first) ?? 0) + 1)
		}
		bare = await startBareRelay()
		const relay = bare

		const dataStarted = performance.now()
		const data = await createChatData(prisma, { rooms: SIZES.rooms })
		const dataMs = performance.now() - dataStarted
		const users = data.cookies.length
		const bareClient = await startClientProcess()
		clients.push(bareClient)
		const appClient = await startClientProcess()
		clients.push(appClient)

		console.log(
			`chat bench (${QUICK ? 'quick' : 'full'}): app on ${app.url} (${db.kind === 'postgresql' ? 'a fresh PostgreSQL database' : 'embedded PGlite, in this process'}, Socket.io adapter ${app.realtime.adapter}, connection-state recovery on; Meilisearch embedded pid ${app.embedded.meili?.pid() ?? 'external'}, idle), started and migrated in ${ms(startMs)} ms`,
		)
		console.log(`  bare relay on ${relay.url}; app and relay both in this process (pid ${process.pid})`)
		console.log(
			`  clients: one child process per server (relay: pid ${bareClient.pid}, app: pid ${appClient.pid}), socket.io-client over WebSocket only, one connection per user; send and receive times on the client's clock`,
		)
		console.log(
			`  data: ${data.firms} verified firms, ${users} users with sessions, ${SIZES.rooms} + 1 ACTIVE docking sessions, written in ${ms(dataMs)} ms; ${os.availableParallelism()} CPUs shared by everything (load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} at the start)`,
		)

		// Relay first: its heap reading happens before the app has done anything with sockets.
		const targets: Target[] = [
			{
				label: 'bare',
				url: relay.url,
				client: bareClient,
				count: () => relay.io.of('/').sockets.size,
				connections: () => tcpConnections(relay.io.httpServer),
				cookie: () => null,
			},
			{
				label: 'app',
				url: app.url,
				client: appClient,
				count: () => app.realtime.io.of('/').sockets.size,
				connections: () => tcpConnections(app.realtime.io.httpServer),
				cookie: (c) => c,
			},
		]
		const check = () => {
			if (interrupted) throw new Error('interrupted')
		}
		/** Connects one socket per cookie to the target and waits until the server counts them all. */
		const connect = async (target: Target, cookies: string[]) => {
			const before = target.count()
			const result = await target.client.call({
				cmd: 'connect',
				url: target.url,
				cookies: cookies.map(target.cookie),
				concurrency: CONNECT_CONCURRENCY,
				timeoutMs: 60_000,
			})
			await waitFor(
				`${target.label}: ${result.connected} sockets on the server`,
				() => target.count() === before + result.connected,
				30_000,
			)
			if (result.failed)
				console.log(
					`    ${target.label}: ${result.failed} of ${cookies.length} sockets did not connect (${errorList(result.errors)})`,
				)
			return result
		}
		/** Closes all the target's sockets and waits until the server has torn down every connection. */
		const disconnect = async (target: Target) => {
			const result = await target.client.call({ cmd: 'disconnect' })
			await waitFor(`${target.label}: sockets closed on the server`, () => target.count() === 0, 30_000)
			const deadline = Date.now() + 10_000
			while ((await target.connections()) > 0 && Date.now() < deadline) await sleep(20)
			return result
		}
		/** Window plus the CPU the bench database's PostgreSQL backends used meanwhile. */
		const measure = async () => {
			const pgBefore = await db.backendCpu()
			const stopProbe = await db.commitProbe()
			const end = measureWindow()
			return async () => {
				const window = end()
				const commits = stopProbe ? await stopProbe() : []
				const pgAfter = await db.backendCpu()
				let pgCpuMs: number | null = null
				if (pgBefore && pgAfter) {
					pgCpuMs = 0
					for (const [pid, used] of pgAfter) pgCpuMs += used - (pgBefore.get(pid) ?? 0)
				}
				return { ...window, pgCpuMs, commits }
			}
		}
		type Measured = Awaited<ReturnType<Awaited<ReturnType<typeof measure>>>>

		// ---- per server: (c) heap per idle socket, then (a) rooms on the same sockets --------------
		// The sockets stay open afterwards for (b).
		type Heap = { sockets: number; heapPerSocket: number; externalPerSocket: number; connectMs: number }
		type RoomsRun = { join: JoinResult; result: RoomsResult; window: Measured }
		const heap: Partial<Record<Label, Heap>> = {}
		const roomsRuns: Partial<Record<Label, RoomsRun>> = {}
		for (const target of targets) {
			check()
			// Warm-up (JIT, lazily created structures, the auth middleware's first queries): V8's own
			// bookkeeping settles only after a few rounds (readings move by 1-2 MB before that). The
			// relay goes first and gets two full rounds (cheap); the app then runs warm code paths.
			const warmups = target.label === 'bare' ? [data.cookies, data.cookies] : [data.cookies.slice(0, 100)]
			for (const cookies of warmups) {
				await connect(target, cookies)
				await disconnect(target)
			}
			// Every connection of the app's pool busy once now, so none closes idle (30 s) in the
			// middle of the reading (a closing pg client frees a few hundred KiB).
			await Promise.all(
				Array.from(
					{ length: env.DATABASE_POOL_MAX },
					() => prisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.05)`,
				),
			)
			await sleep(200)
			await settleHeap()
			const before = process.memoryUsage()
			const connected = await connect(target, data.cookies)
			await sleep(500)
			await settleHeap()
			const after = process.memoryUsage()
			const n = Math.max(1, connected.connected)
			heap[target.label] = {
				sockets: connected.connected,
				heapPerSocket: (after.heapUsed - before.heapUsed) / n,
				externalPerSocket: (after.external - before.external) / n,
				connectMs: connected.ms,
			}
			progress(
				`${target.label}: ${connected.connected} sockets connected in ${ms(connected.ms)} ms, heap read`,
			)

			check()
			const join = await target.client.call({
				cmd: 'join',
				first: 0,
				sessionIds: data.cookies.map((_, i) => data.roomSessionIds[Math.floor(i / MEMBERS_PER_ROOM)]!),
				concurrency: JOIN_CONCURRENCY,
				timeoutMs: 60_000,
			})
			if (join.failed)
				console.log(`    ${target.label}: ${join.failed} room joins failed (${errorList(join.errors)})`)
			progress(`${target.label}: ${join.ok} sockets joined their rooms in ${ms(join.ms)} ms; (a) running`)
			const end = await measure()
			const result = await target.client.call({
				cmd: 'rooms',
				rooms: data.roomSessionIds.map((_, r) =>
					Array.from({ length: MEMBERS_PER_ROOM }, (_, k) => r * MEMBERS_PER_ROOM + k),
				),
				sessionIds: data.roomSessionIds,
				intervalMs: ROOM_INTERVAL_MS,
				warmupMs: SIZES.warmupMs,
				measureMs: SIZES.measureMs,
				drainMs: DRAIN_MS,
				probe: SIZES.probes,
				tag: `${target.label}${randomBytes(3).toString('hex')}`,
			})
			roomsRuns[target.label] = { join, result, window: await end() }
		}

		// ---- (b) the lobby: every user joins it, on both servers; messages alternate between them --
		const lobbyJoins: Partial<Record<Label, JoinResult>> = {}
		for (const target of targets) {
			check()
			const join = await target.client.call({
				cmd: 'join',
				first: 0,
				sessionIds: data.cookies.map(() => data.lobbySessionId),
				concurrency: JOIN_CONCURRENCY,
				timeoutMs: 120_000,
			})
			if (join.failed)
				console.log(`    ${target.label}: ${join.failed} lobby joins failed (${errorList(join.errors)})`)
			lobbyJoins[target.label] = join
			progress(`${target.label}: ${join.ok} sockets joined the lobby in ${ms(join.ms)} ms`)
		}
		check()
		const settled = {
			bare: await bareClient.call({ cmd: 'settle', quietMs: 1_000, maxMs: SIZES.settleMaxMs }),
			app: await appClient.call({ cmd: 'settle', quietMs: 1_000, maxMs: SIZES.settleMaxMs }),
		}
		progress(`lobby quiet (no docking:presence for 1 s) after ${ms(settled.app.ms)} ms; (b) running`)
		type LobbyStats = {
			last: number[]
			each: number[]
			ack: number[]
			ackErrors: Record<string, number>
			expected: number
			delivered: number
			stray: number
			timeouts: number
			clientCpuMs: number
		}
		const lobby: Record<Label, LobbyStats> = {
			bare: {
				last: [],
				each: [],
				ack: [],
				ackErrors: {},
				expected: 0,
				delivered: 0,
				stray: 0,
				timeouts: 0,
				clientCpuMs: 0,
			},
			app: {
				last: [],
				each: [],
				ack: [],
				ackErrors: {},
				expected: 0,
				delivered: 0,
				stray: 0,
				timeouts: 0,
				clientCpuMs: 0,
			},
		}
		const tag = `lobby${randomBytes(3).toString('hex')}`
		const endLobby = await measure()
		for (let k = 0; k < SIZES.lobbyWarmup + SIZES.lobbyMessages; k++) {
			check()
			for (const target of k % 2 === 0 ? targets : [...targets].reverse()) {
				const r = await target.client.call({
					cmd: 'lobby-send',
					sessionId: data.lobbySessionId,
					first: 0,
					count: users,
					// Members taking turns, both sides (the limit is 20 messages per 10 s per user).
					sender: (k % LOBBY_SENDERS) * 3,
					clientId: `${tag}-${k}`,
					body: body(k),
					timeoutMs: LOBBY_TIMEOUT_MS,
				})
				const out = lobby[target.label]
				out.clientCpuMs += r.cpuMs
				if (k >= SIZES.lobbyWarmup) {
					out.expected += r.receivers
					out.delivered += r.got
					out.stray += r.stray
					if (r.got < r.receivers) out.timeouts++
					if (r.last !== null) out.last.push(r.last)
					out.each.push(...r.each)
					if (r.ack !== null) out.ack.push(r.ack)
					if (r.ackError) out.ackErrors[r.ackError] = (out.ackErrors[r.ackError] ?? 0) + 1
				}
				await sleep(50)
			}
		}
		const lobbyWindow = await endLobby()
		const closed = { bare: await disconnect(targets[0]!), app: await disconnect(targets[1]!) }
		progress('all sockets closed')

		// ---- report --------------------------------------------------------------------------------
		const A = { app: roomsRuns.app!, bare: roomsRuns.bare! }
		const B = lobby
		const C = { app: heap.app!, bare: heap.bare! }
		const p = (values: number[], q: number) => percentile(values, q)
		const row = (label: string, app: string, base: string, r = '', goal = '') =>
			console.log(
				`  ${label.padEnd(34)}${app.padStart(16)}${base.padStart(16)}${r.padStart(9)}   ${goal}`.trimEnd(),
			)
		/** Shares of one core over the window: this process, the client process(es), the bench database's backends, everything else. */
		const cpuLine = (w: Measured, clientCpuMs: number) => {
			const share = (cpuMs: number) => `${Math.round((100 * cpuMs) / w.wallMs)}%`
			const parts = [`server process ${share(w.serverCpuMs)}`, `clients ${share(clientCpuMs)}`]
			if (w.pgCpuMs !== null) parts.push(`PostgreSQL backends ${share(w.pgCpuMs)}`)
			if (w.boxCpuMs !== null)
				parts.push(`rest of the box ${share(w.boxCpuMs - w.serverCpuMs - clientCpuMs - (w.pgCpuMs ?? 0))}`)
			return parts.join(' · ')
		}

		/** The commit probe: PostgreSQL's own latency over the run (it also waits on this process's event loop). */
		const commitLine = (w: Measured) =>
			`PostgreSQL commit probe (1-row INSERT every 100 ms, own connection, from this process): p50 ${ms(p(w.commits, 50))} ms, p99 ${ms(p(w.commits, 99))} ms, max ${ms(Math.max(...w.commits))} ms (n = ${w.commits.length})`

		const aP50 = { app: p(A.app.result.deliver, 50), bare: p(A.bare.result.deliver, 50) }
		const aP99 = { app: p(A.app.result.deliver, 99), bare: p(A.bare.result.deliver, 99) }
		console.log('')
		console.log(
			`(a) ${SIZES.rooms} rooms × ${MEMBERS_PER_ROOM} members: one message per room every ${ms(ROOM_INTERVAL_MS / 1000)} s, open loop (${ms(RATE)} msg/s offered, ${ms(RATE * (MEMBERS_PER_ROOM - 1))} deliveries/s), ${SIZES.measureMs / 1000} s measured after ${SIZES.warmupMs / 1000} s warm-up; relay first, then app`,
		)
		row('', 'app', 'bare', 'ratio', 'goal')
		row('send → deliver p50', `${ms(aP50.app)} ms`, `${ms(aP50.bare)} ms`, `${ratio(aP50.app, aP50.bare)}×`)
		row(
			'send → deliver p99',
			`${ms(aP99.app)} ms`,
			`${ms(aP99.bare)} ms`,
			`${ratio(aP99.app, aP99.bare)}×`,
			`≤2× and ≤50 ms: ${aP99.app <= 50 && aP99.app <= 2 * aP99.bare ? 'met' : 'not met'}`,
		)
		row(
			'send → deliver max',
			`${ms(Math.max(...A.app.result.deliver))} ms`,
			`${ms(Math.max(...A.bare.result.deliver))} ms`,
		)
		row(
			'send → ack p50 / p99',
			`${ms(p(A.app.result.ack, 50))} / ${ms(p(A.app.result.ack, 99))}`,
			`${ms(p(A.bare.result.ack, 50))} / ${ms(p(A.bare.result.ack, 99))}`,
		)
		row(
			'delivered',
			`${percent(A.app.result.delivered, A.app.result.expected)} %`,
			`${percent(A.bare.result.delivered, A.bare.result.expected)} %`,
		)
		row(
			`unloaded, ${SIZES.probes} one at a time: p50`,
			`${ms(p(A.app.result.probeLast, 50))} ms`,
			`${ms(p(A.bare.result.probeLast, 50))} ms`,
			`${ratio(p(A.app.result.probeLast, 50), p(A.bare.result.probeLast, 50))}×`,
			'(info: send → last of the 3, before the load)',
		)
		for (const label of ['bare', 'app'] as const) {
			const { result: r, join, window: w } = A[label]
			console.log(
				`    ${label}: ${r.sent} messages sent, ${r.acked} acked ok (refused: ${errorList(r.ackErrors)}), ${r.delivered}/${r.expected} deliveries, ${r.stray} stray; client send lag p99 ${ms(p(r.sendLag, 99))} ms; drain ${ms(r.drainMs)} ms`,
			)
			console.log(
				`          join ${users} sockets ${ms(join.ms)} ms (ack p99 ${ms(p(join.ackMs, 99))} ms); server event-loop delay p99 ${ms(w.loopP99)} ms, max ${ms(w.loopMax)} ms`,
			)
			console.log(
				`          CPU over the run, in % of one core: ${cpuLine(w, r.cpuMs)}; server process ${ms(w.serverCpuMs / Math.max(1, r.totalSent))} ms per message`,
			)
			if (w.commits.length) console.log(`          ${commitLine(w)}`)
		}

		const bP50 = { app: p(B.app.last, 50), bare: p(B.bare.last, 50) }
		const bP99 = { app: p(B.app.last, 99), bare: p(B.bare.last, 99) }
		console.log('')
		console.log(
			`(b) one room of all ${users} sockets: ${SIZES.lobbyMessages} messages measured after ${SIZES.lobbyWarmup} warm-up, one at a time (${LOBBY_SENDERS} members taking turns), each awaited by all other connected sockets (≤ ${LOBBY_TIMEOUT_MS / 1000} s); app and relay rooms open together, messages alternating between them`,
		)
		row('', 'app', 'bare', 'ratio', 'goal')
		row(
			'send → last receiver p50',
			`${ms(bP50.app)} ms`,
			`${ms(bP50.bare)} ms`,
			`${ratio(bP50.app, bP50.bare)}×`,
			`≤1.25×: ${bP50.app <= 1.25 * bP50.bare ? 'met' : 'not met'}`,
		)
		row(
			'send → last receiver p99',
			`${ms(bP99.app)} ms`,
			`${ms(bP99.bare)} ms`,
			`${ratio(bP99.app, bP99.bare)}×`,
			`≤1.5×: ${bP99.app <= 1.5 * bP99.bare ? 'met' : 'not met'}`,
		)
		row('send → each receiver p50', `${ms(p(B.app.each, 50))} ms`, `${ms(p(B.bare.each, 50))} ms`)
		row('send → ack p50', `${ms(p(B.app.ack, 50))} ms`, `${ms(p(B.bare.ack, 50))} ms`)
		// Against every socket that was opened, so a socket the server dropped counts as missed.
		const lobbyExpected = SIZES.lobbyMessages * (users - 1)
		row(
			'delivered',
			`${percent(B.app.delivered, lobbyExpected)} %`,
			`${percent(B.bare.delivered, lobbyExpected)} %`,
			'',
			`100 %: ${B.app.delivered === lobbyExpected ? 'met' : 'not met'}`,
		)
		for (const label of ['bare', 'app'] as const) {
			const r = B[label]
			const join = lobbyJoins[label]!
			console.log(
				`    ${label}: join ${ms(join.ms)} ms (ack p50 ${ms(p(join.ackMs, 50))} ms, p99 ${ms(p(join.ackMs, 99))} ms, ${kib(p(join.ackBytes, 50))} KiB each); ${settled[label].presenceEvents} docking:presence received; ${r.delivered}/${lobbyExpected} deliveries (${r.expected} to sockets still connected), ${r.stray} stray, ${r.timeouts} messages incomplete after ${LOBBY_TIMEOUT_MS / 1000} s, refused: ${errorList(r.ackErrors)}; ${closed[label].dropped} sockets dropped by the server over the run`,
			)
		}
		console.log(
			`    server event-loop delay p99 ${ms(lobbyWindow.loopP99)} ms; CPU over the run (both rooms), in % of one core: ${cpuLine(lobbyWindow, B.app.clientCpuMs + B.bare.clientCpuMs)}`,
		)
		if (lobbyWindow.commits.length) console.log(`    ${commitLine(lobbyWindow)}`)

		console.log('')
		console.log(
			`(c) heap per idle connected socket (the sockets of (a) before they join), server process, after forced GCs`,
		)
		row('', 'app', 'bare', 'ratio', 'goal')
		row(
			`V8 heapUsed / socket (n = ${C.app.sockets})`,
			`${kib(C.app.heapPerSocket)} KiB`,
			`${kib(C.bare.heapPerSocket)} KiB`,
			`${ratio(C.app.heapPerSocket, C.bare.heapPerSocket)}×`,
			`≤1.5×: ${C.app.heapPerSocket <= 1.5 * C.bare.heapPerSocket ? 'met' : 'not met'}`,
		)
		row(
			'external / socket (info)',
			`${kib(C.app.externalPerSocket)} KiB`,
			`${kib(C.bare.externalPerSocket)} KiB`,
		)
		row('connect all (info)', `${ms(C.app.connectMs)} ms`, `${ms(C.bare.connectMs)} ms`)

		const logged = [...appErrors].sort((x, y) => y[1] - x[1])
		console.log('')
		console.log(
			`errors logged by the app during the run: ${logged.length ? logged.map(([line, n]) => `${n}× ${line}`).join('; ') : 'none'}`,
		)

		benchLine =
			`BENCH chat p50_ratio=${ratio(aP50.app, aP50.bare)} p99_ratio=${ratio(aP99.app, aP99.bare)} p99_ms=${ms(aP99.app)} delivered=${percent(A.app.result.delivered, A.app.result.expected)}` +
			` lobby_p50_ratio=${ratio(bP50.app, bP50.bare)} lobby_p99_ratio=${ratio(bP99.app, bP99.bare)} heap_ratio=${ratio(C.app.heapPerSocket, C.bare.heapPerSocket)}` +
			` p50_ms=${ms(aP50.app)} bare_p50_ms=${ms(aP50.bare)} bare_p99_ms=${ms(aP99.bare)} lobby_p50_ms=${ms(bP50.app)} lobby_p99_ms=${ms(bP99.app)} lobby_delivered=${percent(B.app.delivered, lobbyExpected)}` +
			` heap_kib=${kib(C.app.heapPerSocket)} bare_heap_kib=${kib(C.bare.heapPerSocket)} rooms=${SIZES.rooms} lobby=${users} msg_per_s=${Math.round(RATE)} db=${db.kind}`
	} finally {
		console.error = originalConsoleError
		process.off('SIGINT', onSignal)
		process.off('SIGTERM', onSignal)
		for (const c of clients) {
			await c
				.stop()
				.catch((error: Error) => console.error(`stopping client process ${c.pid}: ${error.message}`))
			cleanup.push(`client process ${c.pid} exited`)
		}
		await bare?.stop().catch((error: Error) => console.error(`stopping the bare relay: ${error.message}`))
		if (server) {
			await server.stop()
			cleanup.push('app and Meilisearch stopped')
		}
		if (database) {
			await database
				.drop()
				.catch((error: Error) => console.error(`dropping the bench database: ${error.message}`))
			if (database.kind === 'postgresql') cleanup.push('bench database dropped')
		}
		await rm(dataDir, { recursive: true, force: true })
		cleanup.push(`${dataDir} removed`)
	}
	// Printed after everything has stopped, so the BENCH line is the last line.
	console.log('')
	console.log(
		`mode ${QUICK ? 'quick' : 'full'}; wall time ${ms((performance.now() - benchStarted) / 1000)} s; load average ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')} at the end (${cleanup.join(', ')})`,
	)
	console.log(benchLine)
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`chat bench failed: ${error.stack ?? error.message}`)
		process.exit(1)
	},
)
