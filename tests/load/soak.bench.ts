/**
 * Soak benchmark (issue 8): an event day on loopback against the app running as its own process,
 * as production runs it, and what it looks like at the end compared with the start.
 *
 *   npm run bench:soak -- [--quick] [--minutes=<n>]
 *   (node --expose-gc --import tsx tests/load/soak.bench.ts …)
 *
 * Full run: 20 minutes of load (--minutes=<n> for another length; --quick: 60 s, fewer sockets):
 *   - 2,000 sockets (--quick 1,000), one per user, each with a login session (cookie), in its own
 *     docking room (4 users a room, 2 per side) and in the live lobby of a published event;
 *   - 200 active docking rooms (--quick 100): one message per room every 10 s (--quick 5 s), the
 *     sender rotating through the members; measured send → received by each other member;
 *   - presence heartbeats: presence:ping from every socket every 30 s (--quick 15 s);
 *   - the event lobby: every socket is in it; 1 socket a second leaves and enters again, so the
 *     app counts the lobby and pushes event:presence to everyone in it (throttled);
 *   - 20 searches/s: GET /api/v1/capabilities|demands?q= and the SSR search pages
 *     /capabilities?q=, /demands?q= (signed in), over the seeded listings (Meilisearch);
 *   - 10 page views/s: SSR pages as a signed-in user (home, dashboard, docking list and room,
 *     events, event page and lobby, notifications, listing and firm pages).
 * The sockets live in child processes (whole rooms each, so a message's send and receive times
 * come from one clock), the HTTP load in another (tests/load/lib/soak-clients.ts).
 *
 * Baseline, same run: before the load, with every socket connected and idle, the app's event-loop
 * delay over a quiet window, chat messages one at a time, and every search and page one at a time;
 * the figures under load are printed as ratios against these.
 *
 * The app's own figures come from GET /internal/metrics (server/control.ts, loopback + control
 * token): event-loop delay (perf_hooks monitorEventLoopDelay) over the measured window, RSS at the
 * end of the warm-up (start) and at the end of the load (end). Unexpected disconnects: every
 * socket disconnect the client did not ask for. The app's stderr is its error log, summed up.
 *
 * Arrangement: the app's own production build (tests/load/lib/soak-build.ts, in tests/.tmp, as
 * the shared build/ may be a test-mode build of a Playwright run); a fresh PostgreSQL database
 * (CREATE DATABASE xnwh_bench_<random> on 127.0.0.1:5432, or on BENCH_DATABASE_URL's server;
 * dropped at the end), which the app seeds at start (SEED_ON_START=true); its embedded
 * Meilisearch child; free loopback ports; a temporary data directory (deleted at the end, the
 * app's log kept in the temp dir). Every process is stopped by its PID / handle.
 *
 * Not part of `npm test`. It measures and prints; it asserts nothing. The BENCH line is the last line.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { percentile } from './lib/chat-protocol'
import type { HttpRequestSpec, HttpSample, SoakRunResult } from './lib/soak-protocol'
import type { AppMetrics, SoakApp, SoakClient } from './lib/soak-process'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
process.chdir(ROOT)
// Set before any app module is loaded (hence the dynamic imports below), as in the other benches.
process.env.NODE_ENV = 'production'

const QUICK = process.argv.includes('--quick')
const minutesArg = process.argv.find((a) => a.startsWith('--minutes='))
const MINUTES = minutesArg ? Math.max(1, Number(minutesArg.split('=')[1]) || 20) : 20
const LOAD_MS = QUICK ? 60_000 : MINUTES * 60_000
const SIZES = QUICK
	? {
			users: 1_000,
			activeRooms: 100,
			roomIntervalMs: 5_000,
			pingIntervalMs: 15_000,
			socketProcesses: 2,
			warmupMs: 10_000,
			chatProbes: 20,
			sampleEveryMs: 5_000,
		}
	: {
			users: 2_000,
			activeRooms: 200,
			roomIntervalMs: 10_000,
			pingIntervalMs: 30_000,
			socketProcesses: 4,
			warmupMs: Math.min(60_000, LOAD_MS / 5),
			chatProbes: 40,
			sampleEveryMs: 30_000,
		}
const SEARCH_PER_SECOND = 20
const PAGE_PER_SECOND = 10
const LOBBY_CHURN_PER_SECOND = 1
const IDLE_WINDOW_MS = QUICK ? 5_000 : 15_000
const DRAIN_MS = 10_000
const HTTP_TIMEOUT_MS = 15_000
const GOALS = { loopP99Ms: 50, rssDriftPct: 10, disconnects: 0 }

const sleep = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay))
const ms = (v: number | null | undefined) =>
	v !== null && v !== undefined && Number.isFinite(v) ? v.toFixed(1) : 'n/a'
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a')
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
const p = (values: number[], q: number) => percentile(values, q)
/** Percent, floored to 2 decimals so that anything short of everything never prints as 100. */
const percent = (part: number, whole: number) =>
	whole > 0 ? (Math.floor((10_000 * part) / whole) / 100).toFixed(2) : 'n/a'
const errorList = (errors: Record<string, number>) =>
	Object.entries(errors)
		.map(([k, n]) => `${k} ×${n}`)
		.join(', ') || 'none'
const addErrors = (into: Record<string, number>, from: Record<string, number>) => {
	for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n
}
const met = (ok: boolean) => (ok ? 'pass' : 'MISS')

/**
 * The app's own production build in `outDir/build`: a copy of the shared build/index.js when that
 * is a production build (no JSX dev runtime in it), otherwise a fresh one (tests/load/lib/soak-build.ts):
 * the shared build/ may be a test-mode build of a Playwright run, whose JSX fails under production.
 */
async function buildApp(outDir: string): Promise<string> {
	const started = performance.now()
	const target = path.join(outDir, 'build/index.js')
	await mkdir(path.dirname(target), { recursive: true })
	const copied = await copyFile(path.resolve('build/index.js'), target).then(
		() => !readFileSync(target, 'utf8').includes('jsxDEV'),
		() => false,
	)
	if (copied) return `copied the shared production build in ${ms(performance.now() - started)} ms`
	const built = spawnSync(process.execPath, ['--import', 'tsx', 'tests/load/lib/soak-build.ts', outDir], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production' },
		timeout: 15 * 60_000,
	})
	if (built.status !== 0) throw new Error(`production build failed:\n${built.stdout}${built.stderr}`)
	return `the shared build is not a production build: built one in ${ms(performance.now() - started)} ms`
}

/** utime + stime of a process in ms, from /proc (CLK_TCK 100); null elsewhere. */
function processCpuMs(pid: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
		return (Number(fields[11]) + Number(fields[12])) * 10
	} catch {
		return null
	}
}

/** A fresh database on the PostgreSQL server (as chat.bench.ts makes it); dropped by `drop`. */
async function createDatabase() {
	const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
	const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
	await admin.connect()
	const name = `xnwh_bench_${randomBytes(6).toString('hex')}`
	try {
		await admin.query(`CREATE DATABASE "${name}"`)
	} finally {
		await admin.end()
	}
	return {
		url: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString(),
		async drop() {
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

/** The first 160 characters of each distinct error line, with counts, most frequent first. */
function summarizeErrors(lines: string[]) {
	const counts = new Map<string, number>()
	for (const line of lines) {
		const key = line
			.trim()
			.replace(/\b[0-9a-f]{8,}\b|\b\d{3,}\b/gi, '…')
			.slice(0, 160)
		counts.set(key, (counts.get(key) ?? 0) + 1)
	}
	return [...counts].sort((a, b) => b[1] - a[1])
}

/** What the app's connections to the bench database are doing (a diagnostic for the progress lines). */
async function pgActivity(client: pg.Client) {
	const { rows } = await client.query<{
		total: number
		active: number
		idle_tx: number
		lock_waits: number
		longest_ms: number | null
		longest_query: string | null
	}>(
		`SELECT count(*)::int AS total,
			count(*) FILTER (WHERE state = 'active')::int AS active,
			count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS idle_tx,
			count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS lock_waits,
			(extract(epoch FROM max(now() - query_start) FILTER (WHERE state = 'active')) * 1000)::float8 AS longest_ms,
			(array_agg(left(regexp_replace(query, '\\s+', ' ', 'g'), 90) ORDER BY query_start) FILTER (WHERE state = 'active'))[1] AS longest_query
		 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
	)
	const r = rows[0]!
	return `pg ${r.active}/${r.total} active, ${r.idle_tx} idle in tx, ${r.lock_waits} lock waits${r.longest_ms ? `, longest ${ms(r.longest_ms)} ms: ${r.longest_query}` : ''}`
}

async function main() {
	const { findFreePort } = await import('#server/utils/ports')
	const { configureDatabase, disconnectDatabase, prisma } = await import('#app/utils/db.server')
	const { createSoakData, SEARCH_TERMS } = await import('./lib/soak-data')
	const { MEMBERS_PER_ROOM } = await import('./lib/chat-data')
	const { startSoakApp, startSoakClient } = await import('./lib/soak-process')

	const benchStarted = performance.now()
	const loadBefore = os.loadavg()
	const progress = (line: string) =>
		console.log(`  … ${ms((performance.now() - benchStarted) / 1000).padStart(7)} s  ${line}`)
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'xnwh-bench-soak-'))
	// Inside the repository (gitignored), so the bundle resolves its packages from node_modules.
	await mkdir(path.resolve('tests/.tmp'), { recursive: true })
	const buildDir = await mkdtemp(path.resolve('tests/.tmp/soak-build-'))
	let database: Awaited<ReturnType<typeof createDatabase>> | undefined
	let app: SoakApp | undefined
	const clients: SoakClient[] = []
	const cleanup: string[] = []
	let benchLine = ''
	let closeProbe = async () => {}
	const onSignal = () => {
		// Fails the commands in flight; the finally below stops the rest.
		for (const c of clients) void c.stop()
	}
	process.once('SIGINT', onSignal)
	process.once('SIGTERM', onSignal)
	try {
		progress(`app build (${path.relative(ROOT, buildDir)}): ${await buildApp(buildDir)}`)
		database = await createDatabase()
		const port = await findFreePort()
		const startedAt = performance.now()
		app = await startSoakApp({
			port,
			dataDir,
			cwd: buildDir,
			logFile: path.join(dataDir, 'app.log'),
			env: {
				DATABASE_URL: database.url,
				SEED_ON_START: 'true',
				MEILI_INDEX_PREFIX: 'soak_',
			},
		})
		const server = app
		progress(
			`app (pid ${server.pid}) ready on ${server.url} in ${ms(performance.now() - startedAt)} ms (seeded)`,
		)

		configureDatabase({ url: database.url, max: 2 })
		const data = await createSoakData(prisma, { users: SIZES.users })
		await disconnectDatabase()
		const pgProbe = new pg.Client({ connectionString: database.url, connectionTimeoutMillis: 5_000 })
		pgProbe.on('error', () => {})
		await pgProbe.connect()
		closeProbe = () => pgProbe.end()
		const users = data.cookies.length
		progress(
			`data: ${users} users with sessions, ${data.roomSessionIds.length} docking rooms, event ${data.eventId}; seeded ${data.capabilityIds.length}+ capabilities, ${data.demandIds.length}+ demands`,
		)

		// ---- load generators: whole rooms per socket process, one HTTP process -------------------
		const P = SIZES.socketProcesses
		const perProcess = Math.ceil(users / P / MEMBERS_PER_ROOM) * MEMBERS_PER_ROOM
		const activePerProcess = Math.ceil(SIZES.activeRooms / P)
		const slices = Array.from({ length: P }, (_, k) => {
			const first = k * perProcess
			const count = Math.max(0, Math.min(perProcess, users - first))
			const roomCount = count / MEMBERS_PER_ROOM
			const firstRoom = first / MEMBERS_PER_ROOM
			const active = Math.min(activePerProcess, roomCount)
			return {
				first,
				count,
				cookies: data.cookies.slice(first, first + count),
				sessionIds: Array.from(
					{ length: count },
					(_, i) => data.roomSessionIds[Math.floor((first + i) / MEMBERS_PER_ROOM)]!,
				),
				// Local socket indices of the active rooms' members.
				rooms: Array.from({ length: active }, (_, r) =>
					Array.from({ length: MEMBERS_PER_ROOM }, (_, m) => r * MEMBERS_PER_ROOM + m),
				),
				roomSessionIds: Array.from({ length: active }, (_, r) => data.roomSessionIds[firstRoom + r]!),
			}
		}).filter((s) => s.count > 0)
		const socketClients: SoakClient[] = []
		for (let k = 0; k < slices.length; k++) {
			const c = await startSoakClient()
			clients.push(c)
			socketClients.push(c)
		}
		const http = await startSoakClient()
		clients.push(http)
		const activeRooms = slices.reduce((n, s) => n + s.rooms.length, 0)

		const connectStarted = performance.now()
		const connected = await Promise.all(
			socketClients.map((c, k) =>
				c.call({
					cmd: 'connect',
					url: server.url,
					cookies: slices[k]!.cookies,
					concurrency: 50,
					timeoutMs: 30_000,
				}),
			),
		)
		const connectErrors: Record<string, number> = {}
		for (const r of connected) addErrors(connectErrors, r.errors)
		const socketsOpen = connected.reduce((n, r) => n + r.connected, 0)
		progress(
			`${socketsOpen}/${users} sockets connected in ${ms(performance.now() - connectStarted)} ms over ${slices.length} client processes (failed: ${errorList(connectErrors)})`,
		)
		const joined = await Promise.all(
			socketClients.map((c, k) =>
				c.call({
					cmd: 'join',
					sessionIds: slices[k]!.sessionIds,
					eventId: data.eventId,
					concurrency: 25,
					timeoutMs: 30_000,
				}),
			),
		)
		const joinErrors: Record<string, number> = {}
		for (const r of joined) addErrors(joinErrors, r.errors)
		progress(
			`joined: ${joined.reduce((n, r) => n + r.docking, 0)} docking rooms, ${joined.reduce((n, r) => n + r.lobby, 0)} into the event lobby in ${ms(Math.max(...joined.map((r) => r.ms)))} ms (failed: ${errorList(joinErrors)})`,
		)

		// The seeded listings reach Meilisearch through the outbox (the sockets connected meanwhile):
		// wait for it to drain before the baseline (bounded).
		const indexDeadline = Date.now() + 120_000
		for (;;) {
			const h = await server.health().catch(() => null)
			if (h?.search?.outboxPending === 0) break
			if (Date.now() > indexDeadline) {
				console.log(`    search outbox not drained after 120 s (${JSON.stringify(h?.search)})`)
				break
			}
			await sleep(500)
		}
		progress('search outbox drained')

		// ---- HTTP request lists ---------------------------------------------------------------
		const enc = encodeURIComponent
		/** User u's loopback address: 127.0.0.10 … 127.0.0.209. */
		const from = (u: number) => `127.0.0.${10 + (u % 200)}`
		const searches: HttpRequestSpec[] = []
		SEARCH_TERMS.forEach((term, t) => {
			const u = (t * 37) % users
			const cookie = data.cookies[u]!
			searches.push({
				kind: 'search api',
				url: `${server.url}/api/v1/capabilities?q=${enc(term)}`,
				cookie: null,
				from: from(4 * t),
			})
			searches.push({
				kind: 'search api',
				url: `${server.url}/api/v1/demands?q=${enc(term)}`,
				cookie: null,
				from: from(4 * t + 1),
			})
			searches.push({
				kind: 'search page',
				url: `${server.url}/capabilities?q=${enc(term)}`,
				cookie,
				from: from(u),
			})
			searches.push({
				kind: 'search page',
				url: `${server.url}/demands?q=${enc(term)}`,
				cookie,
				from: from(u + 1),
			})
		})
		const pagePaths = (u: number, k: number) => [
			'/',
			'/dashboard',
			'/docking',
			`/docking/${data.roomSessionIds[Math.floor(u / MEMBERS_PER_ROOM)]}`,
			'/events',
			`/events/${data.eventId}`,
			`/events/${data.eventId}/live`,
			'/notifications',
			...(data.capabilityIds.length
				? [`/capabilities/${data.capabilityIds[k % data.capabilityIds.length]}`]
				: []),
			...(data.demandIds.length ? [`/demands/${data.demandIds[k % data.demandIds.length]}`] : []),
			...(data.firmIds.length ? [`/firms/${data.firmIds[k % data.firmIds.length]}`] : []),
		]
		const pages: HttpRequestSpec[] = []
		for (let k = 0; k < 4; k++) {
			const u = (k * 211 + 5) % users
			for (const route of pagePaths(u, k))
				pages.push({
					kind: `page ${route.split('/')[1] || 'home'}`,
					url: `${server.url}${route}`,
					cookie: data.cookies[u]!,
					from: from(u),
				})
		}

		// ---- idle baseline: every socket connected, no load -------------------------------------
		// First pass warms the code paths up (and shows what each request answers).
		const firstPass = await http.call({
			cmd: 'http-probe',
			requests: [...searches, ...pages],
			timeoutMs: HTTP_TIMEOUT_MS,
		})
		const failing = new Map<string, string>()
		for (const s of firstPass.samples) if (s.status !== 200) failing.set(s.kind, `${s.status || s.error}`)
		// Kept in the load all the same: their failures show in the success rates.
		if (failing.size)
			console.log(`    not 200 at idle: ${[...failing].map(([k, v]) => `${k} → ${v}`).join(', ')}`)
		const searchList = searches
		await sleep(2_000)
		await server.metrics(true)
		await sleep(IDLE_WINDOW_MS)
		const idleMetrics = await server.metrics(true)
		const idleChat = await socketClients[0]!.call({
			cmd: 'chat-probe',
			rooms: slices[0]!.rooms,
			sessionIds: slices[0]!.roomSessionIds,
			count: SIZES.chatProbes,
			tag: `idle${randomBytes(3).toString('hex')}`,
			timeoutMs: 10_000,
		})
		const idleHttp = await http.call({
			cmd: 'http-probe',
			requests: [...searchList, ...pages],
			timeoutMs: HTTP_TIMEOUT_MS,
		})
		const idleSearch = idleHttp.samples
			.filter((s) => s.kind.startsWith('search') && s.status === 200)
			.map((s) => s.ms)
		const idlePages = idleHttp.samples
			.filter((s) => s.kind.startsWith('page') && s.status === 200)
			.map((s) => s.ms)
		progress(
			`idle baseline: loop p99 ${ms(idleMetrics.loopDelayMs.p99)} ms, RSS ${mib(idleMetrics.memory.rss)} MiB, chat p99 ${ms(p(idleChat.last, 99))} ms, search p95 ${ms(p(idleSearch, 95))} ms, page p95 ${ms(p(idlePages, 95))} ms`,
		)

		// ---- the load ----------------------------------------------------------------------------
		const total = SIZES.warmupMs + (LOAD_MS - SIZES.warmupMs)
		const measureMs = LOAD_MS - SIZES.warmupMs
		progress(
			`load: ${socketsOpen} sockets, ${activeRooms} active rooms (${ms((activeRooms * 1000) / SIZES.roomIntervalMs)} msg/s), ${SEARCH_PER_SECOND} searches/s, ${PAGE_PER_SECOND} pages/s, pings every ${SIZES.pingIntervalMs / 1000} s, lobby churn ${LOBBY_CHURN_PER_SECOND}/s; ${total / 1000} s (${SIZES.warmupMs / 1000} s warm-up)`,
		)
		const tag = `soak${randomBytes(3).toString('hex')}`
		const loadStarted = performance.now()
		const runs = Promise.all(
			socketClients.map((c, k) =>
				c.call({
					cmd: 'run',
					rooms: slices[k]!.rooms,
					sessionIds: slices[k]!.roomSessionIds,
					roomIntervalMs: SIZES.roomIntervalMs,
					pingIntervalMs: SIZES.pingIntervalMs,
					lobbyChurnPerSecond: LOBBY_CHURN_PER_SECOND / socketClients.length,
					eventId: data.eventId,
					warmupMs: SIZES.warmupMs,
					measureMs,
					drainMs: DRAIN_MS,
					tag: `${tag}${k}`,
				}),
			),
		)
		const httpRun = http.call({
			cmd: 'http-run',
			searches: searchList,
			pages,
			searchPerSecond: SEARCH_PER_SECOND,
			pagePerSecond: PAGE_PER_SECOND,
			warmupMs: SIZES.warmupMs,
			measureMs,
			timeoutMs: HTTP_TIMEOUT_MS,
			maxInFlight: 64,
		})
		// Fail fast if a generator dies; otherwise these settle after the load.
		const everything = Promise.all([runs, httpRun])
		everything.catch(() => {})

		const until = async (atMs: number) => {
			const wait = loadStarted + atMs - performance.now()
			if (wait > 0) await Promise.race([sleep(wait), everything.then(() => {})])
		}
		await until(SIZES.warmupMs)
		const startMetrics = await server.metrics(true)
		const appCpuStart = processCpuMs(server.pid)
		const measureStarted = performance.now()
		progress(`warm-up over: RSS ${mib(startMetrics.memory.rss)} MiB (start); measuring`)
		const samples: Array<{ at: number; m: AppMetrics }> = []
		for (let at = SIZES.warmupMs + SIZES.sampleEveryMs; at < total; at += SIZES.sampleEveryMs) {
			await until(at)
			const m = await server.metrics().catch(() => null)
			if (!m) {
				progress(`t=${(at / 1000).toFixed(0)} s: /internal/metrics did not answer within 60 s`)
				continue
			}
			samples.push({ at, m })
			const status = await Promise.all(socketClients.map((c) => c.call({ cmd: 'status' })))
			const activity = await pgActivity(pgProbe).catch((error: Error) => `pg: ${error.message}`)
			progress(
				`t=${(at / 1000).toFixed(0)} s: RSS ${mib(m.memory.rss)} MiB, heap ${mib(m.memory.heapUsed)} MiB, loop p99 so far ${ms(m.loopDelayMs.p99)} ms (max ${ms(m.loopDelayMs.max)}), sockets ${status.reduce((n, s) => n + s.connected, 0)}, dropped ${status.reduce((n, s) => n + s.droppedTotal, 0)}, app stderr lines ${server.errorLines().length}; ${activity}`,
			)
		}
		await until(total)
		const endMetrics = await server.metrics()
		const appCpuEnd = processCpuMs(server.pid)
		const measuredWallMs = performance.now() - measureStarted
		const [runResults, httpResult] = await everything
		progress('load over, drained')
		const status = await Promise.all(socketClients.map((c) => c.call({ cmd: 'status' })))
		const droppedBy: Record<string, number> = {}
		for (const s of status) addErrors(droppedBy, s.dropped)
		const disconnects =
			status.reduce((n, s) => n + s.droppedTotal, 0) + connected.reduce((n, r) => n + r.failed, 0)
		await Promise.all(socketClients.map((c) => c.call({ cmd: 'close' })))
		progress('sockets closed')

		// ---- figures ---------------------------------------------------------------------------
		const chat: SoakRunResult = {
			deliver: [],
			ack: [],
			sent: 0,
			acked: 0,
			ackErrors: {},
			expected: 0,
			delivered: 0,
			ping: [],
			pingFailed: 0,
			lobbyRejoins: 0,
			lobbyErrors: {},
			eventPresence: 0,
			lag: [],
			cpuMs: 0,
		}
		for (const r of runResults) {
			for (const v of r.deliver) chat.deliver.push(v)
			for (const v of r.ack) chat.ack.push(v)
			for (const v of r.ping) chat.ping.push(v)
			for (const v of r.lag) chat.lag.push(v)
			chat.sent += r.sent
			chat.acked += r.acked
			chat.expected += r.expected
			chat.delivered += r.delivered
			chat.pingFailed += r.pingFailed
			chat.lobbyRejoins += r.lobbyRejoins
			chat.eventPresence += r.eventPresence
			chat.cpuMs += r.cpuMs
			addErrors(chat.ackErrors, r.ackErrors)
			addErrors(chat.lobbyErrors, r.lobbyErrors)
		}
		const byKind = new Map<string, HttpSample[]>()
		for (const s of httpResult.samples) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s])
		const ok = (list: HttpSample[]) => list.filter((s) => s.status === 200).map((s) => s.ms)
		const searchSamples = httpResult.samples.filter((s) => s.kind.startsWith('search'))
		const pageSamples = httpResult.samples.filter((s) => s.kind.startsWith('page'))
		const httpFailures: Record<string, number> = {}
		for (const s of httpResult.samples)
			if (s.status !== 200)
				httpFailures[`${s.kind} ${s.status || s.error}`] =
					(httpFailures[`${s.kind} ${s.status || s.error}`] ?? 0) + 1

		const chatP99 = p(chat.deliver, 99)
		// Every request counts, a failed one (timeout, 5xx) at the time it took: an overloaded app must
		// not look fast because only its successes are measured. Success rates are printed as well.
		const all = (list: HttpSample[]) => list.map((s) => s.ms)
		const searchP95 = p(all(searchSamples), 95)
		const pageP95 = p(all(pageSamples), 95)
		const searchOk = percent(ok(searchSamples).length, searchSamples.length)
		const pageOk = percent(ok(pageSamples).length, pageSamples.length)
		const appErrorLines = server.errorLines().filter((line) => !/^\s*at /.test(line)).length
		const loopP99 = endMetrics.loopDelayMs.p99 ?? NaN
		const rssStart = startMetrics.memory.rss
		const rssEnd = endMetrics.memory.rss
		const rssDrift = (100 * (rssEnd - rssStart)) / rssStart
		const rssSeries = [startMetrics, ...samples.map((s) => s.m), endMetrics].map((m) => m.memory.rss)
		const heapStart = startMetrics.memory.heapUsed
		const heapEnd = endMetrics.memory.heapUsed
		const measuredS = measureMs / 1000
		const appCpu = appCpuStart !== null && appCpuEnd !== null ? appCpuEnd - appCpuStart : null

		const row = (label: string, loaded: string, idle: string, r = '', goal = '') =>
			console.log(
				`  ${label.padEnd(36)}${loaded.padStart(16)}${idle.padStart(14)}${r.padStart(9)}   ${goal}`.trimEnd(),
			)
		console.log('')
		console.log(
			`Soak: ${measuredS} s measured after ${SIZES.warmupMs / 1000} s warm-up; ${socketsOpen} sockets in ${slices.length} client processes, ${activeRooms} active rooms, ${SEARCH_PER_SECOND} searches/s, ${PAGE_PER_SECOND} page views/s; app pid ${server.pid} (NODE_ENV=production, own process)`,
		)
		row('', 'under load', 'idle', 'ratio', 'goal')
		row(
			'app event-loop delay p99',
			`${ms(loopP99)} ms`,
			`${ms(idleMetrics.loopDelayMs.p99)} ms`,
			`${ratio(loopP99, idleMetrics.loopDelayMs.p99 ?? NaN)}×`,
			`≤ ${GOALS.loopP99Ms} ms: ${met(loopP99 <= GOALS.loopP99Ms)}`,
		)
		row(
			'app event-loop delay max / mean',
			`${ms(endMetrics.loopDelayMs.max)} / ${ms(endMetrics.loopDelayMs.mean)}`,
			`${ms(idleMetrics.loopDelayMs.max)} / ${ms(idleMetrics.loopDelayMs.mean)}`,
		)
		row(
			'chat send → received p99',
			`${ms(chatP99)} ms`,
			`${ms(p(idleChat.last, 99))} ms`,
			`${ratio(chatP99, p(idleChat.last, 99))}×`,
			'(idle: one at a time, send → last of 3)',
		)
		row(
			'chat send → received p50',
			`${ms(p(chat.deliver, 50))} ms`,
			`${ms(p(idleChat.last, 50))} ms`,
			`${ratio(p(chat.deliver, 50), p(idleChat.last, 50))}×`,
		)
		row('chat send → ack p50 / p99', `${ms(p(chat.ack, 50))} / ${ms(p(chat.ack, 99))}`, '')
		row(
			`search p95 (API + pages; ${searchOk} % ok)`,
			`${ms(searchP95)} ms`,
			`${ms(p(idleSearch, 95))} ms`,
			`${ratio(searchP95, p(idleSearch, 95))}×`,
		)
		for (const kind of ['search api', 'search page']) {
			const loaded = all(byKind.get(kind) ?? [])
			const idle = idleHttp.samples.filter((s) => s.kind === kind && s.status === 200).map((s) => s.ms)
			row(
				`  ${kind} p50 / p95 (${percent(ok(byKind.get(kind) ?? []).length, loaded.length)} % ok)`,
				`${ms(p(loaded, 50))} / ${ms(p(loaded, 95))}`,
				`${ms(p(idle, 50))} / ${ms(p(idle, 95))}`,
			)
		}
		row(
			`page view p95 (${pageOk} % ok)`,
			`${ms(pageP95)} ms`,
			`${ms(p(idlePages, 95))} ms`,
			`${ratio(pageP95, p(idlePages, 95))}×`,
		)
		row('presence:ping → ack p50 / p99', `${ms(p(chat.ping, 50))} / ${ms(p(chat.ping, 99))}`, '')
		row(
			'app RSS start → end',
			`${mib(rssStart)} → ${mib(rssEnd)} MiB`,
			`${mib(idleMetrics.memory.rss)} MiB`,
			'',
			`drift ${rssDrift.toFixed(1)} % ≤ ${GOALS.rssDriftPct} %: ${met(Math.abs(rssDrift) <= GOALS.rssDriftPct)}`,
		)
		row(
			'app heapUsed start → end (info)',
			`${mib(heapStart)} → ${mib(heapEnd)} MiB`,
			`${mib(idleMetrics.memory.heapUsed)} MiB`,
		)
		row(
			'unexpected disconnects',
			String(disconnects),
			'',
			'',
			`= ${GOALS.disconnects}: ${met(disconnects === GOALS.disconnects)}${disconnects ? ` (${errorList(droppedBy)}; connect failures ${connected.reduce((n, r) => n + r.failed, 0)})` : ''}`,
		)
		console.log(
			`    RSS samples (MiB): ${rssSeries.map(mib).join(' ')}; min ${mib(Math.min(...rssSeries))}, max ${mib(Math.max(...rssSeries))}`,
		)
		console.log(
			`    chat: ${chat.sent} messages sent, ${chat.acked} acked (refused: ${errorList(chat.ackErrors)}), ${chat.delivered}/${chat.expected} deliveries (${percent(chat.delivered, chat.expected)} %); idle probe ${idleChat.last.length}/${SIZES.chatProbes} ok`,
		)
		console.log(
			`    presence: ${chat.ping.length} pings acked, ${chat.pingFailed} failed; lobby: ${chat.lobbyRejoins} re-entries (errors: ${errorList(chat.lobbyErrors)}), ${chat.eventPresence} event:presence received`,
		)
		console.log(
			`    http: ${searchSamples.length} searches (${(searchSamples.length / measuredS).toFixed(1)}/s), ${pageSamples.length} page views (${(pageSamples.length / measuredS).toFixed(1)}/s), ${httpResult.skipped} skipped (in-flight bound); not 200: ${errorList(httpFailures)}`,
		)
		for (const [kind, list] of [...byKind].sort()) {
			if (!kind.startsWith('page')) continue
			const v = all(list)
			console.log(
				`      ${kind.padEnd(22)} n=${String(list.length).padStart(5)}  ok ${percent(ok(list).length, list.length)} %  p50 ${ms(p(v, 50))} ms  p95 ${ms(p(v, 95))} ms`,
			)
		}
		console.log(
			`    load generators: schedule lag p99 ${ms(p(chat.lag, 99))} ms (sockets), ${ms(p(httpResult.lag, 99))} ms (http); CPU ${Math.round((100 * chat.cpuMs) / (total + DRAIN_MS))}% + ${Math.round((100 * httpResult.cpuMs) / total)}% of one core`,
		)
		if (appCpu !== null)
			console.log(
				`    app process CPU over the measured window: ${Math.round((100 * appCpu) / measuredWallMs)}% of one core; load average ${os
					.loadavg()
					.map((l) => l.toFixed(1))
					.join(' ')}`,
			)

		const cores = os.availableParallelism()
		const loadAfter = os.loadavg()[0]!
		console.log(
			`    box: ${cores} cores, load average ${loadBefore[0]!.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end${
				Math.max(loadBefore[0]!, loadAfter) > cores
					? ' — oversubscribed by other work: the app waited for a CPU, so its loop delay and latencies include that wait'
					: ''
			}`,
		)

		const stopped = await server.stop()
		cleanup.push(`app stopped (${stopped.signal ?? `exit ${stopped.code}`})`)
		const logged = summarizeErrors(server.errorLines())
		console.log(
			`    app error log (stderr) over the run: ${
				logged.length
					? logged
							.slice(0, 8)
							.map(([line, n]) => `${n}× ${line}`)
							.join(' | ')
					: 'empty'
			}`,
		)

		benchLine =
			`BENCH soak loop_p99_ms=${ms(loopP99)} chat_p99_ms=${ms(chatP99)} search_p95_ms=${ms(searchP95)} rss_drift_pct=${rssDrift.toFixed(1)} disconnects=${disconnects}` +
			` loop_p99_ratio=${ratio(loopP99, idleMetrics.loopDelayMs.p99 ?? NaN)} chat_p99_ratio=${ratio(chatP99, p(idleChat.last, 99))} search_p95_ratio=${ratio(searchP95, p(idleSearch, 95))}` +
			` page_p95_ms=${ms(pageP95)} rss_start_mib=${mib(rssStart)} rss_end_mib=${mib(rssEnd)} chat_delivered=${percent(chat.delivered, chat.expected)}` +
			` sockets=${socketsOpen} rooms=${activeRooms} searches=${searchSamples.length} pages=${pageSamples.length} search_ok_pct=${searchOk} page_ok_pct=${pageOk} app_errors=${appErrorLines}` +
			` goals=${met(loopP99 <= GOALS.loopP99Ms && Math.abs(rssDrift) <= GOALS.rssDriftPct && disconnects === 0)} measured_s=${measuredS} mode=${QUICK ? 'quick' : `${MINUTES}min`}`
	} finally {
		process.off('SIGINT', onSignal)
		process.off('SIGTERM', onSignal)
		for (const c of clients) {
			await c
				.stop()
				.catch((error: Error) => console.error(`stopping client process ${c.pid}: ${error.message}`))
			cleanup.push(`client ${c.pid} exited`)
		}
		if (app && !app.exited()) {
			await app.stop().catch((error: Error) => console.error(`stopping the app: ${error.message}`))
			cleanup.push('app stopped')
		}
		if (database) {
			await database
				.drop()
				.catch((error: Error) => console.error(`dropping the bench database: ${error.message}`))
			cleanup.push('bench database dropped')
		}
		await closeProbe().catch(() => {})
		// The app's log outlives the run (it is what to read when a figure looks wrong).
		const keptLog = path.join(
			os.tmpdir(),
			`xnwh-bench-soak-app-${new Date().toISOString().replace(/[:.]/g, '-')}.log`,
		)
		if (
			await copyFile(path.join(dataDir, 'app.log'), keptLog).then(
				() => true,
				() => false,
			)
		)
			cleanup.push(`app log kept at ${keptLog}`)
		await rm(dataDir, { recursive: true, force: true })
		await rm(buildDir, { recursive: true, force: true })
		cleanup.push(`${dataDir} and ${path.relative(ROOT, buildDir)} removed`)
	}
	console.log('')
	console.log(
		`mode ${QUICK ? 'quick' : 'full'}; wall time ${ms((performance.now() - benchStarted) / 1000)} s (${cleanup.join(', ')})`,
	)
	console.log(benchLine)
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`soak bench failed: ${error.stack ?? error.message}`)
		process.exit(1)
	},
)
