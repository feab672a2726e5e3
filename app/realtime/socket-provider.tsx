import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, NotificationPayload, ServerToClientEvents } from './events'

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>

type RealtimeState = { socket: AppSocket | null; unread: number; recent: NotificationPayload[] }

const RealtimeContext = createContext<RealtimeState>({ socket: null, unread: 0, recent: [] })

/**
 * One socket per tab for signed-in users, authenticated by the page session cookie. It keeps the
 * unread-notification count live; the server's count from the loader is the starting point.
 */
export function SocketProvider({ enabled, unread: initialUnread, children }: { enabled: boolean; unread: number; children: ReactNode }) {
	const [socket, setSocket] = useState<AppSocket | null>(null)
	const [unread, setUnread] = useState(initialUnread)
	const [recent, setRecent] = useState<NotificationPayload[]>([])

	useEffect(() => setUnread(initialUnread), [initialUnread])

	useEffect(() => {
		if (!enabled) return
		const s: AppSocket = io({ transports: ['websocket', 'polling'], withCredentials: true })
		s.on('notification:created', (n) => {
			setUnread((c) => c + 1)
			setRecent((list) => [n, ...list].slice(0, 5))
		})
		setSocket(s)
		return () => {
			s.disconnect()
			setSocket(null)
		}
	}, [enabled])

	return <RealtimeContext.Provider value={{ socket, unread, recent }}>{children}</RealtimeContext.Provider>
}

export function useRealtime() {
	return useContext(RealtimeContext)
}
