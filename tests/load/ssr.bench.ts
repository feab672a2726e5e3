/**
 * SSR throughput benchmark (research note S7): the server-rendered capability search page under
 * autocannon, against a bare Express 4 "hello" route measured in the same run on the same box.
 *
 *   node --import tsx tests/load/ssr.bench.ts [--quick]
 *
 * Not part of `npm test`. Loopback only; the app (embedded PGlite + Meilisearch child), the
 * baseline server and the load generator are all started by this script and stopped at the end;
 * the data directory is deleted.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import type http from 'node:http'
import path from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import type { RunningServer } from '#server/start'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
process.chdir(ROOT)
// React and Remix pick their production builds from process.env at first import, so this has to
// be set before any app module is loaded (hence the dynamic imports below).
process.env.NODE_ENV = 'production'

const QUICK = process.argv.includes('--quick')
const DURATION_S = QUICK ? 5 : 10
const WARMUP_S = 2
const CONNECTIONS = 20
const QUERY = '光模块'
const PAGE_PATH = `/capabilities?q=${encodeURIComponent(QUERY)}`
const DATA_DIR = 'tests/.tmp/bench-ssr'

// autocannon 8 ships no type declarations (and @types/autocannon is not installed): the part used here.
type AutocannonResult = {
	requests: { average: number; total: number }
	latency: { p50: number; p99: number; average: number; max: number }
	throughput: { average: number }
	errors: number
	timeouts: number
	non2xx: number
	duration: number
}
type Autocannon = (options: {
	url: string
	connections: number
	duration: number
	workers?: number
}) => Promise<AutocannonResult>

const ms = (v: number) => v.toFixed(1)

/**
 * The app must run a production build: a development build (left by `remix dev`, or by a build
 * run with NODE_ENV=development) calls jsxDEV, which React's production runtime lacks. Such a build
 * is replaced by `npx remix build` with NODE_ENV=production, as `npm run build` would produce
 * (a production build also runs under NODE_ENV=test or development).
 */
function ensureProductionBuild() {
	const file = path.resolve('build/index.js')
	const reason = !existsSync(file)
		? 'missing'
		: readFileSync(file, 'utf8').includes('react/jsx-dev-runtime')
			? 'a development build'
			: null
	if (!reason) return
	console.log(`build/index.js is ${reason}: running \`npx remix build\``)
	const built = spawnSync('npx', ['remix', 'build'], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production' },
	})
	if (built.status !== 0) throw new Error(`remix build failed:\n${built.stdout}${built.stderr}`)
}

async function main() {
	ensureProductionBuild()
	const specifier = 'autocannon'
	const autocannon = ((await import(specifier)) as { default: Autocannon }).default
	const express = (await import('express')).default
	const { init } = await import('#app/utils/env.server')
	const { startServer } = await import('#server/start')
	const { prisma } = await import('#app/utils/db.server')

	await rm(DATA_DIR, { recursive: true, force: true })
	// init = parseEnv plus registering the result, so app code calling getServerEnv() sees it too.
	const env = init({
		NODE_ENV: 'production',
		PORT: '0',
		DATA_DIR,
		SEED_ON_START: 'true',
		LOG_LEVEL: 'warn',
		MEILI_INDEX_PREFIX: 'bench_',
	})
	const logger = { info: () => {}, error: (msg: string) => console.error(msg) }

	const benchStarted = performance.now()
	let benchLine = ''
	let server: RunningServer | undefined
	let hello: http.Server | undefined
	try {
		server = await startServer(env, { logger })
		// The page searches Meilisearch: wait until the outbox worker has indexed the demo data.
		const drainDeadline = Date.now() + 60_000
		while ((await prisma.searchOutbox.count({ where: { processedAt: null } })) > 0) {
			if (Date.now() > drainDeadline) throw new Error('search outbox did not drain')
			await new Promise((resolve) => setTimeout(resolve, 100))
		}

		const app = express()
		app.get('/hello', (_req, res) => res.send('hello'))
		hello = await new Promise<http.Server>((resolve, reject) => {
			const s = app.listen(0, '127.0.0.1', () => resolve(s))
			s.once('error', reject)
		})
		const helloUrl = `http://127.0.0.1:${(hello.address() as { port: number }).port}/hello`
		const pageUrl = `${server.url}${PAGE_PATH}`
		console.log(
			`app on ${server.url} (demo data indexed), bare Express 4 on ${helloUrl}; ready in ${ms((performance.now() - benchStarted) / 1000)} s`,
		)

		// The page must really render the search: 200, the query echoed, no "search unavailable".
		const check = await fetch(pageUrl)
		const html = await check.text()
		if (check.status !== 200 || !html.includes(QUERY))
			throw new Error(
				`${PAGE_PATH} answered ${check.status}${html.includes(QUERY) ? '' : ' without the query'}`,
			)
		const helloCheck = await fetch(helloUrl)
		if (helloCheck.status !== 200 || (await helloCheck.text()) !== 'hello')
			throw new Error('/hello check failed')
		console.log(
			`check: GET ${PAGE_PATH} → 200, ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB of HTML containing “${QUERY}”`,
		)

		// The load generator runs in a worker thread of this process (autocannon's `workers`), so the
		// servers' event loop is not also the generator's; both targets get the same treatment.
		const load = async (url: string, label: string) => {
			await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, workers: 1 })
			const loop = monitorEventLoopDelay({ resolution: 10 })
			loop.enable()
			const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, workers: 1 })
			loop.disable()
			const failures = result.errors + result.timeouts + result.non2xx
			console.log(
				`  ${label}: ${Math.round(result.requests.average)} req/s (${result.requests.total} in ${result.duration} s), latency p50 ${ms(result.latency.p50)} ms p99 ${ms(result.latency.p99)} ms max ${ms(result.latency.max)} ms, ` +
					`${(result.throughput.average / 1024 / 1024).toFixed(1)} MB/s, errors ${result.errors} timeouts ${result.timeouts} non-2xx ${result.non2xx}; server event-loop delay p99 ${ms(loop.percentile(99) / 1e6)} ms`,
			)
			return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures }
		}
		console.log(
			`autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each after a ${WARMUP_S} s warm-up (no Accept-Encoding, so no gzip):`,
		)
		const page = await load(pageUrl, `app  GET ${PAGE_PATH}`)
		const base = await load(helloUrl, 'bare GET /hello')
		console.log(
			`ratio app/hello: ${(page.rps / base.rps).toFixed(3)} (research note S7 listing page: target ≥0.06, floor ≥0.02)`,
		)
		benchLine = `BENCH ssr ratio=${(page.rps / base.rps).toFixed(3)} rps=${Math.round(page.rps)} hello_rps=${Math.round(base.rps)} p50_ms=${ms(page.p50)} p99_ms=${ms(page.p99)} errors=${page.failures}`
	} finally {
		if (hello) {
			const h = hello
			await new Promise<void>((resolve) => {
				h.close(() => resolve())
				h.closeAllConnections()
			})
		}
		await server?.stop()
		await rm(DATA_DIR, { recursive: true, force: true })
	}
	// Printed after everything has stopped, so the BENCH line is the last line.
	console.log(
		`mode ${QUICK ? 'quick' : 'full'}; wall time ${ms((performance.now() - benchStarted) / 1000)} s (servers stopped, ${DATA_DIR} removed)`,
	)
	console.log(benchLine)
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`ssr bench failed: ${error.stack ?? error.message}`)
		process.exit(1)
	},
)
