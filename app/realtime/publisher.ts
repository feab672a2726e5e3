import type { NotificationPayload } from './events'

/** What loaders and actions may do with the realtime server (given through the load context). */
export type RealtimePublisher = {
	toUser: (userId: string, event: 'notification:created', payload: NotificationPayload) => void
	/** Disconnects the sockets opened with one session (logout). */
	endSession: (sessionId: string) => void
}
