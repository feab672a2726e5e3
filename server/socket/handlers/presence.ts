import type { Socket } from 'socket.io'
import type {
	ClientToServerEvents,
	InterServerEvents,
	ServerToClientEvents,
	SocketData,
} from '#app/realtime/events'
import type { IoServer } from '../io'

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

export function registerPresenceHandlers(_io: IoServer, socket: AppSocket) {
	socket.on('presence:ping', (ack) => {
		if (typeof ack !== 'function') return
		ack({ ok: true, userId: socket.data.userId, at: new Date().toISOString() })
	})
}
