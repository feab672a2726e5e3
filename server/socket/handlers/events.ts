import type { Socket } from 'socket.io'
import { z } from 'zod'
import { lobbyMembership } from '#app/modules/events/lobby.server'
import type {
	ClientToServerEvents,
	InterServerEvents,
	ServerToClientEvents,
	SocketData,
} from '#app/realtime/events'
import { rooms } from '#app/realtime/events'
import type { IoServer } from '../io'

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

/** Presence of a lobby is counted and pushed at most this often per event (per instance), trailing. */
export const EVENT_PRESENCE_THROTTLE_MS = 500

const EventIdSchema = z.object({ eventId: z.string().min(1).max(40) })

/**
 * Distinct users in an event lobby, counted across instances (fetchSockets asks every instance
 * through the adapter). A burst of joins shares one count: the first join schedules it, the rest
 * within the window wait for the same result, so 2,000 joins cost a handful of counts and pushes.
 */
function presenceCounter(io: IoServer) {
	const pending = new Map<string, Promise<number>>()
	const count = async (eventId: string) => {
		const room = rooms.event(eventId)
		let sockets: Array<{ data: SocketData }>
		try {
			sockets = await io.in(room).fetchSockets()
		} catch {
			// Another instance did not answer in time: count this instance's sockets rather than nothing.
			sockets = await io.local.in(room).fetchSockets()
		}
		return new Set(sockets.map((s) => s.data.userId)).size
	}
	return (eventId: string): Promise<number> => {
		const scheduled = pending.get(eventId)
		if (scheduled) return scheduled
		const next = new Promise<number>((resolve) => {
			setTimeout(() => {
				pending.delete(eventId)
				count(eventId)
					.then((n) => {
						io.to(rooms.event(eventId)).emit('event:presence', { eventId, count: n })
						resolve(n)
					})
					.catch(() => resolve(0))
			}, EVENT_PRESENCE_THROTTLE_MS)
		})
		pending.set(eventId, next)
		return next
	}
}

export function registerEventHandlers(io: IoServer) {
	const presence = presenceCounter(io)
	return (socket: AppSocket) => {
		const joined = new Set<string>()

		socket.on('event:join', async (raw, ack) => {
			if (typeof ack !== 'function') return
			const input = EventIdSchema.safeParse(raw)
			if (!input.success) return ack({ ok: false, error: 'err.invalid' })
			const { eventId } = input.data
			try {
				const membership = await lobbyMembership(
					{ id: socket.data.userId, role: socket.data.role, firmId: socket.data.firmId },
					eventId,
				)
				// Rooms are joined only after the database confirms the user may be in the lobby.
				if (!membership) return ack({ ok: false, error: 'err.eventsLobbyNotFound' })
				await socket.join(
					membership.staff ? [rooms.event(eventId), rooms.eventStaff(eventId)] : [rooms.event(eventId)],
				)
				joined.add(eventId)
				// The joining user is in the room, so the count is at least one even if counting failed.
				ack({ ok: true, count: Math.max(await presence(eventId), 1) })
			} catch (error) {
				console.error(`[events] ${(error as Error).message}`)
				ack({ ok: false, error: 'err.eventsLobbyUnavailable' })
			}
		})

		socket.on('event:leave', async (raw) => {
			const input = EventIdSchema.safeParse(raw)
			if (!input.success || !joined.has(input.data.eventId)) return
			const { eventId } = input.data
			joined.delete(eventId)
			await socket.leave(rooms.event(eventId))
			await socket.leave(rooms.eventStaff(eventId))
			void presence(eventId)
		})

		socket.on('disconnect', () => {
			for (const eventId of joined) void presence(eventId)
		})
	}
}
