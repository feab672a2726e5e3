import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login } from '#app/modules/auth/auth.server'
import { parseEnv } from '#app/utils/env.server'
import { prisma } from '#app/utils/db.server'
import { seed, DEMO_PASSWORD } from '#prisma/seed'
import { startServer, type RunningServer } from '#server/start'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let server: RunningServer
let cookie: string
const sockets: Socket[] = []

beforeAll(async () => {
	db = await setupTestDatabase()
	const env = parseEnv({
		NODE_ENV: 'test',
		PORT: '0',
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: db.kind === 'pglite' ? '1' : '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `srv${Date.now()}_`,
		SEED_ON_START: 'false',
		LOG_LEVEL: 'silent',
	})
	server = await startServer(env, { logger: { info: () => {}, error: () => {} } })
	await seed({ log: () => {} })
	const result = await login('supplier@demo.xnwh.cn', DEMO_PASSWORD, {})
	if (!result.ok) throw new Error('demo login failed')
	cookie = result.setCookie.split(';')[0]!
})

afterAll(async () => {
	for (const s of sockets) s.disconnect()
	await server?.stop()
	await db?.stop()
})

function open(headers: Record<string, string>) {
	const socket = connect(server.url, { transports: ['websocket'], reconnection: false, extraHeaders: headers })
	sockets.push(socket)
	return socket
}

function outcome(socket: Socket) {
	return new Promise<{ connected: boolean; error?: string }>((resolve) => {
		socket.once('connect', () => resolve({ connected: true }))
		socket.once('connect_error', (error) => resolve({ connected: false, error: error.message }))
	})
}

describe(`server (${process.env.TEST_DB_KIND})`, () => {
	test('/healthz reports database, search and realtime adapter', async () => {
		const res = await fetch(`${server.url}/healthz`)
		expect(res.status).toBe(200)
		expect(await res.json()).toMatchObject({
			status: 'ok',
			database: { ok: true },
			search: { ok: true, kind: 'external' },
			realtime: { ok: true, adapter: 'memory' },
		})
	})

	test('pages render in Chinese with security headers and a script nonce', async () => {
		const res = await fetch(`${server.url}/`)
		expect(res.status).toBe(200)
		const html = await res.text()
		expect(html).toContain('九大产业链群')
		expect(html).toContain('低碳冶金产业集群')
		const csp = res.headers.get('content-security-policy') ?? ''
		const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
		expect(nonce).toBeTruthy()
		expect(csp).toContain("frame-ancestors 'none'")
		expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
		expect(res.headers.get('x-content-type-options')).toBe('nosniff')
		for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`)
	})

	test('a bureau page answers 403 to a firm user and redirects an anonymous one to login', async () => {
		const firm = await fetch(`${server.url}/bureau/verifications`, { headers: { cookie }, redirect: 'manual' })
		expect(firm.status).toBe(403)
		const anon = await fetch(`${server.url}/bureau/verifications`, { redirect: 'manual' })
		expect(anon.status).toBe(302)
		expect(anon.headers.get('location')).toContain('/login?redirectTo=')
	})

	test('a state-changing request from another origin is refused', async () => {
		const res = await fetch(`${server.url}/logout`, { method: 'POST', headers: { cookie, origin: 'http://evil.example' } })
		expect(res.status).toBe(403)
		expect(await prisma.session.count()).toBeGreaterThan(0)
	})

	test('a socket with the session cookie connects and is acked as that user', async () => {
		const socket = open({ cookie })
		expect(await outcome(socket)).toEqual({ connected: true })
		const ack = await socket.emitWithAck('presence:ping')
		const user = await prisma.user.findUniqueOrThrow({ where: { email: 'supplier@demo.xnwh.cn' } })
		expect(ack).toMatchObject({ ok: true, userId: user.id })
	})

	test('a socket without a session, or from a foreign origin, is refused', async () => {
		expect(await outcome(open({}))).toEqual({ connected: false, error: 'unauthorized' })
		expect(await outcome(open({ cookie: 'xnwh_session=%22' + 'x'.repeat(43) + '%22' }))).toEqual({ connected: false, error: 'unauthorized' })
		const foreign = await outcome(open({ cookie, origin: 'http://evil.example' }))
		expect(foreign.connected).toBe(false)
	})

	test('logging out disconnects that session’s sockets', async () => {
		const result = await login('supplier@demo.xnwh.cn', DEMO_PASSWORD, {})
		if (!result.ok) throw new Error('login failed')
		const own = result.setCookie.split(';')[0]!
		const socket = open({ cookie: own })
		expect(await outcome(socket)).toEqual({ connected: true })
		const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)))
		const res = await fetch(`${server.url}/logout`, { method: 'POST', headers: { cookie: own }, redirect: 'manual' })
		expect(res.status).toBe(302)
		expect(await disconnected).toBe('io server disconnect')
	})
})
