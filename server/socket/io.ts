import type { Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import { createClient, type RedisClientType } from 'redis'
import { Server } from 'socket.io'
import type {
	ClientToServerEvents,
	InterServerEvents,
	ServerToClientEvents,
	SocketData,
} from '#app/realtime/events'
import { rooms } from '#app/realtime/events'
import type { RealtimePublisher } from '#app/realtime/publisher'
import { authenticateSocket, isAllowedOrigin } from './auth'
import { registerDockingHandlers } from './handlers/docking'
import { registerEventHandlers } from './handlers/events'
import { registerPresenceHandlers } from './handlers/presence'
import { createSocketLimits } from './rate-limit'

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

export type Realtime = {
	io: IoServer
	publisher: RealtimePublisher
	adapter: 'redis-streams' | 'memory'
	status: () => Promise<{ ok: boolean; adapter: string; sockets: number; detail?: string }>
	close: () => Promise<void>
}

/** Client calls that are not Redis commands: they work whether or not Redis is connected. */
const CLIENT_METHODS = new Set<PropertyKey>([
	'duplicate',
	'connect',
	'disconnect',
	'quit',
	'close',
	'destroy',
	'on',
	'once',
	'off',
	'addListener',
	'removeListener',
	'removeAllListeners',
	'emit',
	'listenerCount',
])

/**
 * The adapter's publishing client, whose commands fail at once while Redis is away instead of
 * waiting in node-redis's offline queue: the adapter publishes a broadcast to Redis before it
 * delivers it to this instance's own sockets, so a queued publish would hold every local message
 * until Redis came back. Its stream readers (duplicates of the real client) still wait and resume.
 */
export function failFastWhileDisconnected(client: RedisClientType): RedisClientType {
	return new Proxy(client, {
		get(target, prop) {
			const value = Reflect.get(target, prop, target) as unknown
			if (typeof value !== 'function') return value
			const method = value as (...args: unknown[]) => unknown
			if (CLIENT_METHODS.has(prop)) return method.bind(target)
			return (...args: unknown[]) =>
				target.isReady ? method.apply(target, args) : Promise.reject(new Error('Redis is not connected'))
		},
	})
}

export async function createRealtime(
	httpServer: HttpServer,
	{
		redisUrl,
		allowedOrigins,
		logger = console,
	}: { redisUrl?: string; allowedOrigins: string[]; logger?: Pick<Console, 'info' | 'error'> },
): Promise<Realtime> {
	let redis: RedisClientType | undefined
	// The adapter blocks its connection reading the stream; rate-limit counters use a second one.
	let counters: RedisClientType | undefined
	if (redisUrl) {
		redis = createClient({
			url: redisUrl,
			socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 5000) },
		})
		redis.on('error', (error: Error) => logger.error(`[redis] ${error.message}`))
		await redis.connect()
		counters = redis.duplicate()
		counters.on('error', () => {})
		await counters.connect()
	}
	const io: IoServer = new Server(httpServer, {
		serveClient: false,
		adapter: redis ? createAdapter(failFastWhileDisconnected(redis)) : undefined,
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
		// CORS alone does not stop cross-site WebSocket hijacking; the Origin is checked here.
		allowRequest: (req, callback) =>
			callback(null, isAllowedOrigin(req.headers.origin, req.headers.host, allowedOrigins)),
		maxHttpBufferSize: 256 * 1024,
	})
	io.use(authenticateSocket)
	const docking = registerDockingHandlers(io, createSocketLimits(counters))
	const events = registerEventHandlers(io)
	io.on('connection', (socket) => {
		void socket.join([rooms.user(socket.data.userId), rooms.session(socket.data.sessionId)])
		registerPresenceHandlers(io, socket)
		docking(socket)
		events(socket)
	})

	const publisher: RealtimePublisher = {
		toUser: (userId, event, ...args) => {
			io.to(rooms.user(userId)).emit(event, ...args)
		},
		toRooms: (roomNames, event, ...args) => {
			if (roomNames.length) io.to(roomNames).emit(event, ...args)
		},
		isOnline: async (userId) => {
			try {
				return (await io.in(rooms.user(userId)).fetchSockets()).length > 0
			} catch {
				// Unknown (another instance did not answer): treat as online, so no digest is sent twice.
				return true
			}
		},
		endSession: (sessionId) => {
			io.in(rooms.session(sessionId)).disconnectSockets(true)
		},
	}

	return {
		io,
		publisher,
		adapter: redis ? 'redis-streams' : 'memory',
		async status() {
			const sockets = io.engine.clientsCount
			if (!redis) return { ok: true, adapter: 'memory', sockets }
			// Not a PING queued until Redis returns: /healthz answers at once while it is away.
			if (!redis.isReady)
				return { ok: false, adapter: 'redis-streams', sockets, detail: 'Redis is not connected' }
			try {
				await failFastWhileDisconnected(redis).ping()
				return { ok: true, adapter: 'redis-streams', sockets }
			} catch (error) {
				return { ok: false, adapter: 'redis-streams', sockets, detail: (error as Error).message }
			}
		},
		async close() {
			io.disconnectSockets(true)
			await new Promise<void>((resolve) => io.close(() => resolve()))
			if (counters?.isOpen) await counters.quit().catch(() => counters?.destroy())
			if (redis?.isOpen) await redis.quit().catch(() => redis?.destroy())
		},
	}
}
