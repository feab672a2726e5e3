import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login } from '#app/modules/auth/auth.server'
import { listNotifications, markRead, notifyUsers, unreadCount } from '#app/modules/notifications/notifications.server'
import { setRealtimePublisher } from '#app/realtime/registry.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { createRealtime, type Realtime } from '#server/socket/io'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let http: Server
let realtime: Realtime
let socket: Socket
let buyerId: string
let supplierId: string

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	http = createServer()
	realtime = await createRealtime(http, { allowedOrigins: [], logger: { info: () => {}, error: () => {} } })
	setRealtimePublisher(realtime.publisher)
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
	buyerId = (await prisma.user.findUniqueOrThrow({ where: { email: 'buyer@demo.xnwh.cn' } })).id
	supplierId = (await prisma.user.findUniqueOrThrow({ where: { email: 'supplier@demo.xnwh.cn' } })).id
	const result = await login('buyer@demo.xnwh.cn', DEMO_PASSWORD, {})
	if (!result.ok) throw new Error('login failed')
	socket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], extraHeaders: { cookie: result.setCookie.split(';')[0]! } })
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve())
		socket.once('connect_error', reject)
	})
})

afterAll(async () => {
	socket?.disconnect()
	setRealtimePublisher(null)
	await realtime?.close()
	await new Promise((r) => http?.close(r))
	await db?.stop()
})

describe(`notifications (${process.env.TEST_DB_KIND})`, () => {
	test('a notification is stored, pushed live to the user’s socket only, counted and marked read', async () => {
		const received = new Promise<{ title: string; link: string }>((resolve) => socket.once('notification:created', resolve))
		await notifyUsers([{ userId: buyerId, kind: 'match.suggested', title: '新的推荐供应商：400G 光模块', body: '3 家咸宁企业匹配您的需求', link: '/notifications' }])
		expect(await received).toMatchObject({ title: '新的推荐供应商：400G 光模块', link: '/notifications' })
		expect(await unreadCount(buyerId)).toBe(1)

		const [other] = await notifyUsers([{ userId: supplierId, kind: 'match.suggested', title: '给供应商的通知' }])
		// Another user's notification id changes nothing for this user.
		expect(await markRead(buyerId, { id: other!.id })).toBe(0)
		expect(await unreadCount(supplierId)).toBe(1)

		const { items } = await listNotifications(buyerId)
		expect(items.map((n) => n.title)).toEqual(['新的推荐供应商：400G 光模块'])
		expect(await markRead(buyerId, { id: items[0]!.id })).toBe(1)
		expect(await unreadCount(buyerId)).toBe(0)
		await notifyUsers([{ userId: buyerId, kind: 'x', title: 'a' }, { userId: buyerId, kind: 'x', title: 'b' }])
		expect(await markRead(buyerId, 'all')).toBe(2)
	})
})
