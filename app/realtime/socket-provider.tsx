import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, NotificationPayload, ServerToClientEvents } from './events'

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>

type RealtimeState = {
	socket: AppSocket | null
	unread: number
	recent: NotificationPayload[]
	docking: { unread: number; pending: number }
	/** Re-reads the docking badge (after the user read a session); failures keep the old figures. */
	refreshDocking: () => void
}

const RealtimeContext = createContext<RealtimeState>({
	socket: null,
	unread: 0,
	recent: [],
	docking: { unread: 0, pending: 0 },
	refreshDocking: () => {},
})

/**
 * One socket per tab for signed-in users, authenticated by the page session cookie. It keeps the
 * unread-notification count live; the server's count from the loader is the starting point.
 */
export function SocketProvider({
	enabled,
	userId,
	unread: initialUnread,
	docking: initialDocking,
	children,
}: {
	enabled: boolean
	userId: string | null
	unread: number
	docking: { unread: number; pending: number }
	children: ReactNode
}) {
	const [socket, setSocket] = useState<AppSocket | null>(null)
	const [unread, setUnread] = useState(initialUnread)
	const [recent, setRecent] = useState<NotificationPayload[]>([])
	const [docking, setDocking] = useState(initialDocking)

	useEffect(() => setUnread(initialUnread), [initialUnread])
	useEffect(
		() => setDocking({ unread: initialDocking.unread, pending: initialDocking.pending }),
		[initialDocking.unread, initialDocking.pending],
	)
	const refreshDocking = useCallback(() => {
		fetch('/resources/docking-badge', { headers: { accept: 'application/json' } })
			.then(async (res) => {
				if (!res.ok) return
				const figures = (await res.json()) as { unread: number; pending: number }
				setDocking({ unread: figures.unread, pending: figures.pending })
			})
			.catch(() => {})
	}, [])

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
			setDocking((d) => ({ ...d, unread: d.unread + 1 }))
		})
		// A new request or an answer changes the pending count.
		s.on('notification:created', (n) => {
			if (n.kind.startsWith('docking.')) refreshDocking()
		})
		setSocket(s)
		return () => {
			s.disconnect()
			setSocket(null)
		}
	}, [enabled, userId, refreshDocking])

	return (
		<RealtimeContext.Provider value={{ socket, unread, recent, docking, refreshDocking }}>
			{children}
		</RealtimeContext.Provider>
	)
}

export function useRealtime() {
	return useContext(RealtimeContext)
}
