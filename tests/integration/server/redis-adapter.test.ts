import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login } from '#app/modules/auth/auth.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { createRealtime, type Realtime } from '#server/socket/io'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
let db: TestDatabase
const servers: Array<{ http: Server; realtime: Realtime; url: string }> = []
const sockets: Socket[] = []

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	for (let i = 0; i < 2; i++) {
		const http = createServer()
		const realtime = await createRealtime(http, { redisUrl: REDIS_URL, allowedOrigins: [], logger: { info: () => {}, error: () => {} } })
		await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
		servers.push({ http, realtime, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` })
	}
})

afterAll(async () => {
	for (const s of sockets) s.disconnect()
	for (const s of servers) {
		await s.realtime.close()
		await new Promise((r) => s.http.close(r))
	}
	await db.stop()
})

describe('Socket.io over the Redis Streams adapter', () => {
	test('a notification published on one instance reaches the user’s socket on the other', async () => {
		const result = await login('buyer@demo.xnwh.cn', DEMO_PASSWORD, {})
		if (!result.ok) throw new Error('login failed')
		const socket = connect(servers[1]!.url, { transports: ['websocket'], extraHeaders: { cookie: result.setCookie.split(';')[0]! } })
		sockets.push(socket)
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve())
			socket.once('connect_error', reject)
		})
		expect(await servers[0]!.realtime.status()).toMatchObject({ ok: true, adapter: 'redis-streams' })
		const user = await prisma.user.findUniqueOrThrow({ where: { email: 'buyer@demo.xnwh.cn' } })
		const received = new Promise((resolve) => socket.once('notification:created', resolve))
		// The adapter needs a moment to register the remote room membership.
		await new Promise((r) => setTimeout(r, 200))
		servers[0]!.realtime.publisher.toUser(user.id, 'notification:created', { id: 'n1', kind: 'match.suggested', title: '新的推荐供应商', body: '', link: '/notifications', createdAt: new Date().toISOString() })
		expect(await received).toMatchObject({ id: 'n1', title: '新的推荐供应商' })
	})
})
