import type { Socket } from 'socket.io'
import { getSessionUserFromCookie } from '#app/modules/auth/session.server'

export function isAllowedOrigin(
	origin: string | undefined,
	host: string | undefined,
	allowed: string[],
): boolean {
	// Non-browser clients send no Origin; browsers always do on WebSocket and CORS requests.
	if (!origin) return true
	try {
		const url = new URL(origin)
		if (host && url.host === host) return true
		return allowed.includes(url.origin)
	} catch {
		return false
	}
}

/** Sockets carry the same session cookie as pages; no valid session, no connection. */
export async function authenticateSocket(socket: Socket, next: (error?: Error) => void) {
	try {
		const user = await getSessionUserFromCookie(socket.handshake.headers.cookie)
		if (!user) return next(new Error('unauthorized'))
		socket.data = {
			userId: user.id,
			sessionId: user.sessionId,
			name: user.name,
			role: user.role,
			firmId: user.firmId,
		}
		next()
	} catch {
		next(new Error('unavailable'))
	}
}
