import { randomBytes } from 'node:crypto'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { zh } from '#app/i18n/zh'
import { respondToRequest, startDocking } from '#app/modules/docking/docking.server'
import { RespondSchema, StartSchema } from '#app/modules/docking/rules'
import type { ClientToServerEvents, ServerToClientEvents } from '#app/realtime/events'
import { prisma } from '#app/utils/db.server'
import { parseEnv } from '#app/utils/env.server'
import { seed, DEMO_PASSWORD } from '#prisma/seed'
import { DEFAULT_HTTP_LIMITS } from '#server/http-rate-limit'
import { MESSAGE_POINTS } from '#server/socket/rate-limit'
import { startServer, type RunningServer } from '#server/start'
import { asFirmUser, publishedDemands, signIn, type SignedIn } from '#tests/factories/docking'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

const LIMITS = { login: 5, register: 3, search: 10 }
const ROUNDS = 20

let db: TestDatabase
let server: RunningServer
let supplier: SignedIn
let buyer: SignedIn
const sockets: Socket[] = []
const figures: Record<string, number | string> = {}

beforeAll(async () => {
	db = await setupTestDatabase()
	const env = parseEnv({
		NODE_ENV: 'test',
		PORT: '0',
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `rl${Date.now()}_`,
		SEED_ON_START: 'false',
		LOG_LEVEL: 'silent',
		RATE_LIMIT_LOGIN_PER_MIN: String(LIMITS.login),
		RATE_LIMIT_REGISTER_PER_HOUR: String(LIMITS.register),
		RATE_LIMIT_SEARCH_PER_MIN: String(LIMITS.search),
	})
	server = await startServer(env, { logger: { info: () => {}, error: () => {} } })
	await seed({ log: () => {} })
	supplier = await signIn('supplier@demo.xnwh.cn', DEMO_PASSWORD)
	buyer = await signIn('buyer@demo.xnwh.cn', DEMO_PASSWORD)
})

afterAll(async () => {
	for (const s of sockets) s.disconnect()
	await server?.stop()
	await db?.stop()
	const line = Object.entries(figures)
		.map(([k, v]) => `${k}=${v}`)
		.join(' ')
	console.log(`SUITE rate-limits ${line}`)
})

const CHINESE = /[\u4e00-\u9fff]/

/** Sends until the first 429 (at most ROUNDS); how many went through, and the 429 itself. */
async function until429(send: (i: number) => Promise<Response>) {
	for (let i = 0; i < ROUNDS; i++) {
		const res = await send(i)
		if (res.status === 429) return { passed: i, res }
		await res.arrayBuffer()
	}
	return { passed: ROUNDS, res: null }
}

function expectRetryAfter(res: Response, maxSeconds: number) {
	const retry = Number(res.headers.get('retry-after'))
	expect(retry).toBeGreaterThanOrEqual(1)
	expect(retry).toBeLessThanOrEqual(maxSeconds)
	return retry
}

const formPost = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
	fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(fields),
		redirect: 'manual',
	})

describe('HTTP rate limits (per client address)', () => {
	test('the defaults are the documented ones and leave room for the e2e suites', () => {
		const env = parseEnv({} as NodeJS.ProcessEnv)
		expect(env.RATE_LIMIT_LOGIN_PER_MIN).toBe(DEFAULT_HTTP_LIMITS.loginPerMinute)
		expect(env.RATE_LIMIT_REGISTER_PER_HOUR).toBe(DEFAULT_HTTP_LIMITS.registerPerHour)
		expect(env.RATE_LIMIT_SEARCH_PER_MIN).toBe(DEFAULT_HTTP_LIMITS.searchPerMinute)
		expect(DEFAULT_HTTP_LIMITS.loginPerMinute).toBeGreaterThanOrEqual(20)
	})

	test('login: the attempt after the limit is 429 with Retry-After and a Chinese page, and never runs', async () => {
		const sessionsBefore = await prisma.session.count()
		// Unknown addresses: the per-account lockout must not be what answers.
		const { passed, res } = await until429((i) =>
			formPost('/login', {
				email: `nobody-${i}-${randomBytes(3).toString('hex')}@example.cn`,
				password: 'wrong-password-1',
			}),
		)
		figures.login_429_after = passed
		expect(passed).toBe(LIMITS.login)
		expect(res).not.toBeNull()
		figures.login_retry_after_s = expectRetryAfter(res!, 60)
		expect(res!.headers.get('content-type')).toContain('text/html')
		const html = await res!.text()
		expect(html).toContain('登录尝试过于频繁')
		expect(html).toContain('lang="zh-CN"')
		// The right password while limited: still 429, no session created.
		const right = await formPost('/login', { email: 'supplier@demo.xnwh.cn', password: DEMO_PASSWORD })
		expect(right.status).toBe(429)
		expect(right.headers.get('set-cookie')).toBeNull()
		expect(await prisma.session.count()).toBe(sessionsBefore)
		// A Remix data request (the form with JavaScript) gets the message as text for the route's error page.
		const data = await formPost('/login?index&_data=routes%2Flogin', { email: 'a@b.cn', password: 'x' })
		expect(data.status).toBe(429)
		expect(await data.text()).toMatch(CHINESE)
		// Reading the login page is not limited.
		expect((await fetch(`${server.url}/login`)).status).toBe(200)
	})

	test('registration: 429 after the hourly limit', async () => {
		const { passed, res } = await until429(() => formPost('/register', { email: 'not-an-email' }))
		figures.register_429_after = passed
		expect(passed).toBe(LIMITS.register)
		figures.register_retry_after_s = expectRetryAfter(res!, 3600)
		expect(await res!.text()).toContain('注册过于频繁')
	})

	test('search API and listing search pages share one budget: JSON for the API, a page for pages', async () => {
		const { passed, res } = await until429((i) =>
			fetch(`${server.url}/api/v1/capabilities?q=${encodeURIComponent(`电子${i}`)}`),
		)
		figures.search_429_after = passed
		expect(passed).toBe(LIMITS.search)
		figures.search_retry_after_s = expectRetryAfter(res!, 60)
		expect(res!.headers.get('content-type')).toContain('application/json')
		const body = (await res!.json()) as { error: { code: string; message: string; retryAfter: number } }
		expect(body.error.code).toBe('rate_limited')
		expect(body.error.message).toBe(
			zh['err.rateLimitedSearch'].replace('{seconds}', String(body.error.retryAfter)),
		)
		const page = await fetch(`${server.url}/demands?q=${encodeURIComponent('钢材')}`)
		expect(page.status).toBe(429)
		expect(page.headers.get('retry-after')).toBeTruthy()
		expect(await page.text()).toContain('搜索过于频繁')
		const data = await fetch(`${server.url}/firms?q=x&_data=routes%2Ffirms._index`)
		expect(data.status).toBe(429)
		expect(await data.text()).toMatch(CHINESE)
		// Browsing without a query, and other pages, go on.
		expect((await fetch(`${server.url}/capabilities`)).status).toBe(200)
		expect((await fetch(`${server.url}/`)).status).toBe(200)
	})
})

describe('socket message limit', () => {
	test(`the message after ${MESSAGE_POINTS} in the window is refused and not stored`, async () => {
		const [demand] = await publishedDemands(buyer.user.firmId!)
		const meta = { ip: '127.0.0.1' }
		const { id: sessionId } = await startDocking(
			asFirmUser(supplier.user),
			StartSchema.parse({ demandId: demand!.id, message: '您好，我们可以供货。' }),
			meta,
		)
		await respondToRequest(asFirmUser(buyer.user), sessionId, RespondSchema.parse({ intent: 'accept' }), meta)
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, {
			transports: ['websocket'],
			reconnection: false,
			extraHeaders: { cookie: supplier.cookie },
		})
		sockets.push(socket)
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve)
			socket.once('connect_error', reject)
		})
		const before = await prisma.message.count({ where: { sessionId } })
		let accepted = 0
		let refusedAt = -1
		for (let i = 0; i < MESSAGE_POINTS + 5; i++) {
			const reply = await socket.emitWithAck('docking:send', {
				sessionId,
				clientId: `flood-${String(i).padStart(4, '0')}`,
				body: `第 ${i + 1} 条`,
			})
			if (reply.ok) accepted++
			else {
				expect(reply.error).toBe('err.dockingRateLimited')
				if (refusedAt < 0) refusedAt = i
			}
		}
		figures.socket_refused_after = refusedAt
		figures.socket_accepted = accepted
		expect(refusedAt).toBe(MESSAGE_POINTS)
		expect(accepted).toBe(MESSAGE_POINTS)
		expect(await prisma.message.count({ where: { sessionId } })).toBe(before + MESSAGE_POINTS)
	})
})
