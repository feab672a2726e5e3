import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, NotificationPayload, ServerToClientEvents } from './events'

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>

type RealtimeState = {
	socket: AppSocket | null
	unread: number
	recent: NotificationPayload[]
	dockingUnread: number
}

const RealtimeContext = createContext<RealtimeState>({
	socket: null,
	unread: 0,
	recent: [],
	dockingUnread: 0,
})

/**
 * One socket per tab for signed-in users, authenticated by the page session cookie. It keeps the
 * unread-notification count live; the server's count from the loader is the starting point.
 */
export function SocketProvider({
	enabled,
	userId,
	unread: initialUnread,
	dockingUnread: initialDockingUnread,
	children,
}: {
	enabled: boolean
	userId: string | null
	unread: number
	dockingUnread: number
	children: ReactNode
}) {
	const [socket, setSocket] = useState<AppSocket | null>(null)
	const [unread, setUnread] = useState(initialUnread)
	const [recent, setRecent] = useState<NotificationPayload[]>([])
	const [dockingUnread, setDockingUnread] = useState(initialDockingUnread)

	useEffect(() => setUnread(initialUnread), [initialUnread])
	useEffect(() => setDockingUnread(initialDockingUnread), [initialDockingUnread])

	useEffect(() => {
		if (!enabled) return
		const s: AppSocket = io({ transports: ['websocket', 'polling'], withCredentials: true })
		s.on('notification:created', (n) => {
			setUnread((c) => c + 1)
			setRecent((list) => [n, ...list].slice(0, 5))
		})
		// Messages from others in sessions the user is not looking at raise the nav badge.
		s.on('docking:message', (m) => {
			if (m.sender?.id === userId) return
			if (window.location.pathname === `/docking/${m.sessionId}` && document.visibilityState === 'visible')
				return
			setDockingUnread((c) => c + 1)
		})
		setSocket(s)
		return () => {
			s.disconnect()
			setSocket(null)
		}
	}, [enabled, userId])

	return (
		<RealtimeContext.Provider value={{ socket, unread, recent, dockingUnread }}>
			{children}
		</RealtimeContext.Provider>
	)
}

export function useRealtime() {
	return useContext(RealtimeContext)
}
