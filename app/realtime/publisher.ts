import type { ServerToClientEvents } from './events'

/** What loaders, actions and workers may do with the realtime server. */
export type RealtimePublisher = {
	toUser: <E extends keyof ServerToClientEvents>(
		userId: string,
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	) => void
	/** One emit to the union of rooms: a socket in several of them gets the event once. */
	toRooms: <E extends keyof ServerToClientEvents>(
		roomNames: string[],
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	) => void
	/** Disconnects the sockets opened with one session (logout). */
	endSession: (sessionId: string) => void
	/** Whether the user has a socket open on any instance. */
	isOnline: (userId: string) => Promise<boolean>
}
