import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type { Env } from '#app/utils/env.server'
import { setRealtimePublisher } from '#app/realtime/registry.server'
import { configureDatabase, disconnectDatabase, prisma } from '#app/utils/db.server'
import { applyAllSettings } from '#search/apply-settings.server'
import { configureSearch, searchHealth } from '#search/client.server'
import { startSearchOutboxWorker } from '#search/outbox/worker.server'
import { onSearchIndexed } from '#search/outbox/kick.server'
import { refreshAfterIndexing } from '#app/modules/matching/matching.server'
import { createExpressApp, type HealthReport } from './app'
import { withDatabaseOutagePages } from './database-outage'
import { createHttpLimits } from './http-rate-limit'
import { migrate } from './db/migrate'
import { startEmbeddedMeilisearch, type EmbeddedMeili } from './embedded/meilisearch'
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded/pglite'
import { createControlRouter, writeRuntimeFile } from './control'
import { createRealtime, type Realtime } from './socket/io'
import { startDockingWorker } from './workers/docking'
import { startEventsWorker } from './workers/events'
import { startMailWorker } from './workers/mail'

export type Logger = { info: (msg: string) => void; error: (msg: string) => void }

export type RunningServer = {
	url: string
	port: number
	realtime: Realtime
	embedded: { postgres?: EmbeddedPostgres; meili?: EmbeddedMeili }
	databaseUrl: string
	stop: () => Promise<void>
}

const BUILD_PATH = path.resolve('build/index.js')

async function importBuild(bust = false): Promise<ServerBuild> {
	const url = pathToFileURL(BUILD_PATH).href + (bust ? `?t=${Date.now()}` : '')
	return (await import(url)) as ServerBuild
}

/**
 * Starts the whole platform in this process, in the order the parts depend on each other, and
 * returns a `stop` that takes them down in reverse.
 */
export async function startServer(env: Env, { logger = console as Logger, dev = false } = {}): Promise<RunningServer> {
	const started = Date.now()
	const stack: Array<() => Promise<void>> = []
	const stopAll = async () => {
		for (const stop of stack.reverse()) await stop().catch((error: Error) => logger.error(error.message))
		stack.length = 0
	}
	try {
		const dataDir = path.resolve(env.DATA_DIR)

		// Database: external PostgreSQL or the embedded PGlite.
		let postgres: EmbeddedPostgres | undefined
		let databaseUrl = env.DATABASE_URL
		if (!databaseUrl) {
			postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: env.PGLITE_PORT })
			stack.push(() => postgres!.stop())
			databaseUrl = postgres.url
			logger.info(`embedded PGlite at ${path.join(dataDir, 'pg')}`)
		}
		const applied = await migrate(databaseUrl, { log: logger.info })
		if (applied.length) logger.info(`migrations applied: ${applied.length}`)
		configureDatabase({ url: databaseUrl, max: postgres ? 1 : env.DATABASE_POOL_MAX })
		stack.push(() => disconnectDatabase())

		// Search: external Meilisearch or the embedded child.
		let meili: EmbeddedMeili | undefined
		if (env.MEILI_URL && env.MEILI_MASTER_KEY) {
			configureSearch({ url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, indexPrefix: env.MEILI_INDEX_PREFIX })
		} else {
			meili = await startEmbeddedMeilisearch({ dataDir, port: env.MEILI_PORT, logger })
			stack.push(() => meili!.stop())
			configureSearch({ url: meili.url, apiKey: meili.masterKey, indexPrefix: env.MEILI_INDEX_PREFIX })
			logger.info(`embedded Meilisearch at ${meili.url}`)
		}

		// Settings are idempotent; when Meilisearch is unreachable the app still starts and the
		// outbox worker catches up once it answers.
		await applyAllSettings().catch((error: Error) => logger.error(`search settings not applied: ${error.message}`))

		if (env.SEED_ON_START === 'true' || (env.SEED_ON_START === 'auto' && (await prisma.cluster.count()) === 0)) {
			const { seed } = await import('#prisma/seed')
			await seed({ log: logger.info })
		}

		let build = await importBuild()
		const httpServer = http.createServer()
		const realtime = await createRealtime(httpServer, { redisUrl: env.REDIS_URL, allowedOrigins: env.ALLOWED_ORIGINS, logger })
		stack.push(() => realtime.close())
		setRealtimePublisher(realtime.publisher)
		stack.push(async () => setRealtimePublisher(null))

		/** A short probe after a failed page: a 503 with a Chinese message rather than a 500 while the database is away. */
		const databaseAvailable = () =>
			Promise.race([
				prisma.$queryRaw`SELECT 1`.then(() => true),
				new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000).unref()),
			])

		const health = async (): Promise<HealthReport> => {
			const [database, search, adapter] = await Promise.all([
				prisma.$queryRaw`SELECT 1`.then(
					() => ({ ok: true, kind: postgres ? 'pglite' : 'postgresql' }),
					(error: Error) => ({ ok: false, kind: postgres ? 'pglite' : 'postgresql', detail: error.message }),
				),
				Promise.all([searchHealth(), prisma.searchOutbox.count({ where: { processedAt: null } }).catch(() => null)]).then(([s, outboxPending]) => ({
					...s,
					kind: meili ? 'embedded' : 'external',
					outboxPending,
				})),
				realtime.status(),
			])
			const ok = database.ok && search.ok && adapter.ok
			return { status: ok ? 'ok' : 'degraded', database, search, realtime: adapter, uptimeSeconds: Math.round(process.uptime()) }
		}

		const rateLimits = await createHttpLimits({
			redisUrl: env.REDIS_URL,
			config: {
				loginPerMinute: env.RATE_LIMIT_LOGIN_PER_MIN,
				registerPerHour: env.RATE_LIMIT_REGISTER_PER_HOUR,
				searchPerMinute: env.RATE_LIMIT_SEARCH_PER_MIN,
			},
		})
		stack.push(() => rateLimits.close())
		const app = createExpressApp({
			build: async () => withDatabaseOutagePages(build, databaseAvailable),
			mode: env.NODE_ENV,
			realtime: () => realtime.publisher,
			allowedOrigins: env.ALLOWED_ORIGINS,
			health,
			control: await createControlRouter(dataDir),
			trustProxy: env.TRUST_PROXY === 'true',
			logRequests: env.LOG_LEVEL === 'debug' || (dev && env.LOG_LEVEL === 'info'),
			rateLimits,
		})
		httpServer.on('request', app)

		const mail = startMailWorker({ smtpUrl: env.SMTP_URL, logger })
		stack.push(() => mail.stop())
		const docking = startDockingWorker({ isOnline: realtime.publisher.isOnline, logger })
		stack.push(() => docking.stop())
		const events = startEventsWorker({ logger })
		stack.push(() => events.stop())
		const unhookMatching = onSearchIndexed(refreshAfterIndexing)
		stack.push(async () => {
			unhookMatching()
		})
		const outbox = startSearchOutboxWorker({ logger })
		stack.push(() => outbox.stop())
		const { resumeImports } = await import('#app/modules/imports/imports.server')
		const resumed = await resumeImports()
		if (resumed) logger.info(`resumed ${resumed} interrupted import(s)`)

		await new Promise<void>((resolve, reject) => {
			httpServer.once('error', reject)
			httpServer.listen(env.PORT, env.HOST, () => resolve())
		})
		stack.push(
			() =>
				new Promise<void>((resolve) => {
					httpServer.close(() => resolve())
					httpServer.closeAllConnections()
				}),
		)
		const { port } = httpServer.address() as { port: number }
		const url = `http://${env.HOST}:${port}`
		logger.info(`ready on ${url} in ${Date.now() - started} ms`)
		stack.push(await writeRuntimeFile(dataDir, { url, pid: process.pid, embedded: Boolean(postgres) }))

		if (dev) {
			const { watchBuild } = await import('./dev')
			const watcher = watchBuild(BUILD_PATH, async () => {
				build = await importBuild(true)
				return build
			}, logger)
			stack.push(async () => watcher.close())
		}

		return {
			url,
			port,
			realtime,
			embedded: { postgres, meili },
			databaseUrl,
			stop: stopAll,
		}
	} catch (error) {
		await stopAll()
		throw error
	}
}

