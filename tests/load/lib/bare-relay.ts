/**
 * The baseline of chat.bench.ts: a bare Socket.io relay with the app's event names and reply
 * shapes, and nothing else: the same socket.io version, its default in-memory adapter, no
 * authentication, no database, no connection-state recovery, no presence, no rate limit.
 *
 *   docking:join  → joins `docking:<id>` and acks an empty backfill
 *   docking:send  → emits docking:message (a MessagePayload of the same shape) to the room, then acks
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import type { ClientToServerEvents, MessagePayload, ServerToClientEvents } from '#app/realtime/events'
import { rooms } from '#app/realtime/events'

export type BareRelay = {
	url: string
	io: Server<ClientToServerEvents, ServerToClientEvents>
	stop: () => Promise<void>
}

export async function startBareRelay(): Promise<BareRelay> {
	const httpServer = http.createServer()
	const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
		serveClient: false,
		maxHttpBufferSize: 256 * 1024,
	})
	const seqs = new Map<string, number>()
	let ids = 0
	io.on('connection', (socket) => {
		socket.on('docking:join', async (input, ack) => {
			if (typeof ack !== 'function') return
			await socket.join(rooms.docking(input.sessionId))
			ack({ ok: true, messages: [], more: false, reads: [], lastSeq: seqs.get(input.sessionId) ?? 0 })
		})
		socket.on('docking:send', (input, ack) => {
			if (typeof ack !== 'function') return
			const seq = (seqs.get(input.sessionId) ?? 0) + 1
			seqs.set(input.sessionId, seq)
			const message: MessagePayload = {
				id: `bare${(ids++).toString(36).padStart(21, '0')}`,
				sessionId: input.sessionId,
				seq,
				clientId: input.clientId,
				kind: 'TEXT',
				body: input.body,
				meta: {},
				side: 'BUYER',
				sender: { id: 'bare-sender-000000000000', name: '压测用户' },
				attachments: [],
				createdAt: new Date().toISOString(),
			}
			io.to(rooms.docking(input.sessionId)).emit('docking:message', message)
			ack({ ok: true, message, duplicate: false })
		})
	})
	await new Promise<void>((resolve, reject) => {
		httpServer.once('error', reject)
		httpServer.listen(0, '127.0.0.1', () => resolve())
	})
	const { port } = httpServer.address() as AddressInfo
	return {
		url: `http://127.0.0.1:${port}`,
		io,
		async stop() {
			io.disconnectSockets(true)
			await new Promise<void>((resolve) => io.close(() => resolve()))
			httpServer.closeAllConnections()
		},
	}
}
