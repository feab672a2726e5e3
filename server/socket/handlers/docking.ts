import type { Socket } from 'socket.io'
import {
	DockingError,
	getAccess,
	listMessages,
	markRead,
	readStates,
	sendMessage,
} from '#app/modules/docking/docking.server'
import {
	JoinSchema,
	LeaveSchema,
	ReadSchema,
	SendSchema,
	TypingSchema,
	type Access,
} from '#app/modules/docking/rules'
import { audit } from '#app/modules/audit/audit.server'
import type {
	ClientToServerEvents,
	InterServerEvents,
	ServerToClientEvents,
	SocketData,
} from '#app/realtime/events'
import { rooms } from '#app/realtime/events'
import { prisma } from '#app/utils/db.server'
import type { IoServer } from '../io'
import { consume, type SocketLimits } from '../rate-limit'

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

const BACKFILL_LIMIT = 200
const PRESENCE_DEBOUNCE_MS = 300
const PRESENCE_LIST_MAX = 20

function failure(error: unknown) {
	if (error instanceof DockingError) return { ok: false as const, error: error.key }
	console.error(`[docking] ${(error as Error).message}`)
	return { ok: false as const, error: 'err.dockingUnavailable' }
}

/** Who is online in a session room, per user (any instance), pushed at most every 300 ms per room. */
function presenceBroadcaster(io: IoServer) {
	const timers = new Map<string, NodeJS.Timeout>()
	return (sessionId: string) => {
		if (timers.has(sessionId)) return
		timers.set(
			sessionId,
			setTimeout(async () => {
				timers.delete(sessionId)
				try {
					const sockets = await io.in(rooms.docking(sessionId)).fetchSockets()
					const online = new Map<string, 'BUYER' | 'SUPPLIER' | 'BUREAU'>()
					for (const s of sockets) {
						const side = s.data.sides?.[sessionId]
						if (side) online.set(s.data.userId, side)
					}
					io.to(rooms.docking(sessionId)).emit('docking:presence', {
						sessionId,
						// A large room (an event lobby) gets a count and a sample, not every name to every socket.
						online: [...online].slice(0, PRESENCE_LIST_MAX).map(([userId, side]) => ({ userId, side })),
						count: online.size,
					})
				} catch {
					// Another instance did not answer in time; the next join or leave retries.
				}
			}, PRESENCE_DEBOUNCE_MS),
		)
	}
}

export function registerDockingHandlers(io: IoServer, limits: SocketLimits) {
	const presence = presenceBroadcaster(io)
	return (socket: AppSocket) => {
		// Access per session this socket joined: the side never changes; whether writing is allowed
		// is checked again by the database on every send.
		const joined = new Map<string, Access>()
		const viewer = () => ({
			id: socket.data.userId,
			role: socket.data.role,
			firmId: socket.data.firmId,
			name: socket.data.name,
		})

		socket.on('docking:join', async (raw, ack) => {
			if (typeof ack !== 'function') return
			const input = JoinSchema.safeParse(raw)
			if (!input.success) return ack({ ok: false, error: 'err.invalid' })
			try {
				const found = await getAccess(input.data.sessionId, viewer())
				// Rooms are joined only after the database confirms the user may read the session.
				if (!found) return ack({ ok: false, error: 'err.dockingNotFound' })
				if (found.access.isBureau && !joined.has(input.data.sessionId)) {
					await prisma.$transaction((tx) =>
						audit(tx, {
							actor: { id: socket.data.userId, role: socket.data.role },
							action: 'docking.viewed',
							targetType: 'DockingSession',
							targetId: input.data.sessionId,
							ip: socket.handshake.address,
							detail: { via: 'socket' },
						}),
					)
				}
				joined.set(input.data.sessionId, found.access)
				if (found.access.side)
					socket.data.sides = { ...socket.data.sides, [input.data.sessionId]: found.access.side }
				await socket.join(rooms.docking(input.data.sessionId))
				const [page, reads] = await Promise.all([
					listMessages(input.data.sessionId, { after: input.data.afterSeq, limit: BACKFILL_LIMIT }),
					readStates(input.data.sessionId),
				])
				ack({
					ok: true,
					messages: page.messages,
					more: page.more,
					reads,
					lastSeq: found.session.lastMessageSeq,
				})
				presence(input.data.sessionId)
			} catch (error) {
				ack(failure(error))
			}
		})

		socket.on('docking:leave', async (raw) => {
			const input = LeaveSchema.safeParse(raw)
			if (!input.success) return
			joined.delete(input.data.sessionId)
			if (socket.data.sides) delete socket.data.sides[input.data.sessionId]
			await socket.leave(rooms.docking(input.data.sessionId))
			presence(input.data.sessionId)
		})

		socket.on('docking:send', async (raw, ack) => {
			if (typeof ack !== 'function') return
			const input = SendSchema.safeParse(raw)
			if (!input.success)
				return ack({
					ok: false,
					error: input.error.issues[0]?.message.startsWith('err.')
						? input.error.issues[0].message
						: 'err.invalid',
				})
			if (!(await consume(limits.messages, socket.data.userId)))
				return ack({ ok: false, error: 'err.dockingRateLimited' })
			try {
				const known = joined.get(input.data.sessionId)
				const result = await sendMessage(viewer(), input.data, known ? { access: known } : undefined)
				ack({ ok: true, message: result.message, duplicate: result.duplicate })
			} catch (error) {
				ack(failure(error))
			}
		})

		socket.on('docking:typing', async (raw) => {
			const input = TypingSchema.safeParse(raw)
			if (!input.success) return
			const access = joined.get(input.data.sessionId)
			if (!access?.canWrite) return
			if (!(await consume(limits.typing, socket.data.userId))) return
			socket.to(rooms.docking(input.data.sessionId)).emit('docking:typing', {
				sessionId: input.data.sessionId,
				userId: socket.data.userId,
				name: socket.data.name,
				typing: input.data.typing,
			})
		})

		socket.on('docking:read', async (raw, ack) => {
			const input = ReadSchema.safeParse(raw)
			const reply = typeof ack === 'function' ? ack : () => {}
			if (!input.success) return reply({ ok: false, error: 'err.invalid' })
			const access = joined.get(input.data.sessionId)
			if (!access) return reply({ ok: false, error: 'err.dockingNotFound' })
			try {
				const result = await markRead(viewer(), input.data.sessionId, input.data.seq, { access })
				reply({ ok: true, seq: result?.seq ?? input.data.seq })
			} catch (error) {
				reply(failure(error))
			}
		})

		socket.on('disconnect', () => {
			for (const sessionId of joined.keys()) presence(sessionId)
		})
	}
}
