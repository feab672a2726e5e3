// The typed Socket.io contract shared by server/ and the browser.

export type NotificationPayload = { id: string; kind: string; title: string; body: string; link: string; createdAt: string }

export type ServerToClientEvents = {
	'notification:created': (payload: NotificationPayload) => void
}

export type ClientToServerEvents = {
	'presence:ping': (ack: (reply: { ok: true; userId: string; at: string }) => void) => void
}

export type InterServerEvents = Record<string, never>

export type SocketData = {
	userId: string
	sessionId: string
	role: 'SUPPLIER' | 'BUYER' | 'BUREAU' | 'ADMIN'
	firmId: string | null
}

export const rooms = {
	user: (userId: string) => `user:${userId}`,
	session: (sessionId: string) => `session:${sessionId}`,
}
