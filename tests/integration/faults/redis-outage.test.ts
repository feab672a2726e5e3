import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest'
import { prisma } from '#app/utils/db.server'
import { seed } from '#prisma/seed'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'
import { startAppProcess, type AppProcess } from '#tests/integration/server/helpers/app-process'
import { DockingChatClient, waitFor } from '#tests/integration/server/helpers/docking-chat-client'
import {
	cookieFor,
	createDockingSession,
	distinctFreePorts,
	sleep,
	startRedisServer,
	timedFetch,
	type RedisServer,
} from './helpers/fixtures'

// Two app processes on a private redis-server. Redis stopped: each instance goes on serving pages and
// delivering chat between its own clients (rate limits count in memory, /healthz says degraded);
// Redis started again: both reconnect by themselves and messages cross instances again.

const LOCAL_MESSAGES = 5
const DELIVERY_BUDGET_MS = 3_000
const RECONNECT_BUDGET_MS = 15_000

/** App start-up (tsx, migrations check, Remix build import) on a busy 2-core machine. */
const READY_TIMEOUT_MS = 150_000

let db: TestDatabase
let redis: RedisServer | undefined
let tmpDir: string
const apps: AppProcess[] = []
const clients: DockingChatClient[] = []
let sessionId: string
const figures = {
	localDelivered: 0,
	localMaxMs: 0,
	pagesOk: 0,
	pagesRun: 0,
	healthDuring: '',
	reconnectS: Number.NaN,
	crossAfter: false,
	lost: -1,
}

beforeAll(async () => {
	db = await setupTestDatabase()
	if (db.kind !== 'postgres') throw new Error('needs the real PostgreSQL')
	const tag = randomBytes(4).toString('hex')
	tmpDir = path.resolve('tests/.tmp', `fault-redis-${tag}`)
	const [redisPort, portA, portB] = await distinctFreePorts(3)
	redis = await startRedisServer(redisPort!)
	const env = (name: string) => ({
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `fr${tag}_`,
		REDIS_URL: redis!.url,
		SEED_ON_START: 'false',
		DATA_DIR: path.join(tmpDir, name),
	})
	const started = await Promise.allSettled([
		startAppProcess({ name: 'A', port: portA!, env: env('a'), readyTimeoutMs: READY_TIMEOUT_MS }).then((a) =>
			apps.push(a),
		),
		startAppProcess({ name: 'B', port: portB!, env: env('b'), readyTimeoutMs: READY_TIMEOUT_MS }).then((b) =>
			apps.push(b),
		),
		seed({ log: () => {} }),
	])
	for (const result of started) if (result.status === 'rejected') throw result.reason
	apps.sort((x, y) => x.name.localeCompare(y.name))
	sessionId = await createDockingSession()
}, 300_000)

afterEach((context) => {
	if (context.task.result?.state === 'fail') console.log(apps.map((app) => app.output()).join('\n'))
})

afterAll(async () => {
	console.log(
		`SUITE fault-redis local_delivered=${figures.localDelivered}/${LOCAL_MESSAGES} local_max_ms=${figures.localMaxMs} ` +
			`pages_ok=${figures.pagesOk}/${figures.pagesRun} healthz_during=${figures.healthDuring || 'n/a'} ` +
			`reconnect_s=${figures.reconnectS.toFixed(1)} cross_instance_after=${figures.crossAfter} lost=${figures.lost}`,
	)
	for (const c of clients) c.close()
	await Promise.all(apps.map((app) => app.stop(5_000)))
	for (const app of apps) if (!app.exited()) throw new Error(`${app.name} (pid ${app.pid}) still running`)
	await redis?.stop()
	await db?.stop()
	if (tmpDir) await rm(tmpDir, { recursive: true, force: true })
})

function client(name: string, url: string, cookie: string) {
	const c = new DockingChatClient(name, url, { cookie, sessionId })
	clients.push(c)
	return c
}

async function health(app: AppProcess) {
	const res = await timedFetch(`${app.url}/healthz`)
	return {
		...res,
		json: res.status ? (JSON.parse(res.body) as { status: string; realtime: { ok: boolean } }) : null,
	}
}

describe('Redis stopped and started again under two app instances', { timeout: 180_000 }, () => {
	let aBuyer: DockingChatClient
	let aSupplier: DockingChatClient
	let bSupplier: DockingChatClient

	test('with Redis: a message crosses instances', async () => {
		const [a, b] = apps
		aBuyer = client('a-buyer', a!.url, await cookieFor('buyer@demo.xnwh.cn'))
		aSupplier = client('a-supplier', a!.url, await cookieFor('supplier@demo.xnwh.cn'))
		bSupplier = client('b-supplier', b!.url, await cookieFor('supplier@demo.xnwh.cn'))
		await Promise.all([aBuyer, aSupplier, bSupplier].map((c) => c.connect()))
		aBuyer.send('Redis 正常时的消息')
		await waitFor(() => bSupplier.lastSeq >= 1 && aSupplier.lastSeq >= 1, 5_000, 'first message everywhere')
		expect(bSupplier.stats.live).toBe(1)
		expect((await health(a!)).json?.status).toBe('ok')
	})

	test('Redis down: chat on one instance, pages and health go on', async () => {
		const [a] = apps
		await redis!.stop()
		await sleep(500)
		// Messages between two clients of A still arrive live, promptly.
		for (let i = 1; i <= LOCAL_MESSAGES; i++) {
			const before = aSupplier.lastSeq
			const sentAt = Date.now()
			const clientId = aBuyer.send(`Redis 停机时的第 ${i} 条消息`)
			await waitFor(
				() => aBuyer.acked.has(clientId) && aSupplier.lastSeq > before,
				10_000,
				`local message ${i}`,
			)
			const ms = Date.now() - sentAt
			figures.localMaxMs = Math.max(figures.localMaxMs, ms)
			if (ms <= DELIVERY_BUDGET_MS) figures.localDelivered++
		}
		// Pages (and the login rate limit, now counted in memory) answer without waiting for Redis.
		const pages = [
			await timedFetch(`${a!.url}/`),
			await timedFetch(`${a!.url}/capabilities?q=${encodeURIComponent('数控')}`),
			await timedFetch(`${a!.url}/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: a!.url },
				body: 'email=nobody%40demo.xnwh.cn&password=wrong-password-1',
			}),
		]
		figures.pagesRun = pages.length
		figures.pagesOk = pages.filter((p) => p.status > 0 && p.status < 500).length
		const hz = await health(a!)
		figures.healthDuring = hz.json?.status ?? `http ${hz.status}`
		expect(figures.localDelivered, `slowest ${figures.localMaxMs} ms`).toBe(LOCAL_MESSAGES)
		expect(pages.slice(0, 2).map((p) => p.status)).toEqual([200, 200])
		// The wrong password is refused as such (not a 5xx, not a hang).
		expect(pages[2]!.status).toBeGreaterThanOrEqual(200)
		expect(pages[2]!.status).toBeLessThan(500)
		expect(pages[2]!.body).not.toContain('    at ')
		expect(hz.status).toBe(503)
		expect(hz.json).toMatchObject({ status: 'degraded', realtime: { ok: false } })
		expect(hz.ms).toBeLessThan(5_000)
	})

	test('Redis back: both instances reconnect by themselves and messages cross again', async () => {
		const [a, b] = apps
		await redis!.start()
		const restartedAt = Date.now()
		for (;;) {
			const [ha, hb] = await Promise.all([health(a!), health(b!)])
			if (ha.json?.status === 'ok' && hb.json?.status === 'ok') break
			if (Date.now() - restartedAt > RECONNECT_BUDGET_MS) break
			await sleep(200)
		}
		// Cross-instance delivery works again (the adapter's stream reader is back).
		for (;;) {
			const before = bSupplier.stats.live
			aBuyer.send('Redis 恢复后的消息')
			const ok = await waitFor(() => bSupplier.stats.live > before, 1_500, 'cross').then(
				() => true,
				() => false,
			)
			if (ok) break
			if (Date.now() - restartedAt > RECONNECT_BUDGET_MS) break
		}
		figures.reconnectS = (Date.now() - restartedAt) / 1000
		figures.crossAfter = figures.reconnectS * 1000 < RECONNECT_BUDGET_MS
		expect(figures.crossAfter, `reconnected after ${figures.reconnectS} s`).toBe(true)

		// Nothing lost: every client ends with every stored message (B's client fills its gap on join).
		await waitFor(() => [aBuyer, aSupplier].every((c) => c.unacked === 0), 10_000, 'all acked')
		const stored = await prisma.message.findMany({
			where: { sessionId },
			orderBy: { seq: 'asc' },
			select: { id: true },
		})
		await waitFor(
			() => [aBuyer, aSupplier, bSupplier].every((c) => c.lastSeq >= stored.length),
			10_000,
			'every client has every message',
		)
		const written = aBuyer.written
		figures.lost = written.filter((id) => !aBuyer.acked.has(id)).length
		expect(figures.lost).toBe(0)
		expect(stored.length).toBe(written.length)
		for (const c of [aBuyer, aSupplier, bSupplier]) {
			expect(c.errors, c.name).toEqual([])
			expect(
				c.list.map((m) => m.id),
				c.name,
			).toEqual(stored.map((m) => m.id))
		}
	})
})
