// The typed Socket.io contract shared by server/ and the browser.

export type NotificationPayload = {
	id: string
	kind: string
	title: string
	body: string
	link: string
	createdAt: string
}

export type DockingSideName = 'BUYER' | 'SUPPLIER' | 'BUREAU'

export type AttachmentPayload = { id: string; kind: 'IMAGE' | 'PDF'; originalName: string; bytes: number }

/** A stored chat message as every client sees it; `seq` is gap-free per session, in commit order. */
export type MessagePayload = {
	id: string
	sessionId: string
	seq: number
	clientId: string
	kind: 'TEXT' | 'SYSTEM'
	body: string
	meta: Record<string, unknown>
	side: DockingSideName | null
	sender: { id: string; name: string } | null
	attachments: AttachmentPayload[]
	createdAt: string
}

export type ReadPayload = { sessionId: string; userId: string; side: DockingSideName; seq: number }

/** Error replies carry an i18n key the client translates (`err.*`). */
export type Failure = { ok: false; error: string }

export type JoinReply =
	| {
			ok: true
			messages: MessagePayload[]
			/** True when more than the returned page came after `afterSeq`: the client asks again. */
			more: boolean
			reads: ReadPayload[]
			lastSeq: number
	  }
	| Failure

export type SendInput = { sessionId: string; clientId: string; body: string; attachmentIds?: string[] }
export type SendReply = { ok: true; message: MessagePayload; duplicate: boolean } | Failure

export type ServerToClientEvents = {
	'notification:created': (payload: NotificationPayload) => void
	'docking:message': (payload: MessagePayload) => void
	'docking:read': (payload: ReadPayload) => void
	'docking:typing': (payload: { sessionId: string; userId: string; name: string; typing: boolean }) => void
	/** Who is online in the session room: up to 20 of them, and how many in all. */
	'docking:presence': (payload: {
		sessionId: string
		online: Array<{ userId: string; side: DockingSideName }>
		count: number
	}) => void
	/** Status, stage, membership or consent changed: pages reload their data. */
	'docking:updated': (payload: { sessionId: string; status: string; stage: string }) => void
	/** A new announcement in an event's live lobby (线上对接会大厅). */
	'event:announcement': (payload: EventAnnouncementPayload) => void
	/** How many distinct users are in the event's lobby, on every instance (throttled). */
	'event:presence': (payload: { eventId: string; count: number }) => void
	/** Meetings, no-shows or check-ins of the event changed: lobby pages reload their data. */
	'event:updated': (payload: { eventId: string }) => void
}

export type EventAnnouncementPayload = { eventId: string; id: string; body: string; createdAt: string }

export type EventJoinReply = { ok: true; count: number } | Failure

export type ClientToServerEvents = {
	'presence:ping': (ack: (reply: { ok: true; userId: string; at: string }) => void) => void
	'docking:join': (input: { sessionId: string; afterSeq: number }, ack: (reply: JoinReply) => void) => void
	'docking:leave': (input: { sessionId: string }) => void
	'docking:send': (input: SendInput, ack: (reply: SendReply) => void) => void
	'docking:typing': (input: { sessionId: string; typing: boolean }) => void
	'docking:read': (
		input: { sessionId: string; seq: number },
		ack?: (reply: { ok: true; seq: number } | Failure) => void,
	) => void
	/** Enter an event's lobby (bureau, or a user of a firm approved at the event). */
	'event:join': (input: { eventId: string }, ack: (reply: EventJoinReply) => void) => void
	'event:leave': (input: { eventId: string }) => void
}

export type InterServerEvents = Record<string, never>

export type SocketData = {
	userId: string
	sessionId: string
	name: string
	role: 'SUPPLIER' | 'BUYER' | 'BUREAU' | 'ADMIN' | 'AUDITOR'
	firmId: string | null
	/** The side this socket takes in each docking session it joined (read by presence on any instance). */
	sides?: Record<string, DockingSideName>
}

export const rooms = {
	user: (userId: string) => `user:${userId}`,
	session: (sessionId: string) => `session:${sessionId}`,
	docking: (dockingId: string) => `docking:${dockingId}`,
	/** An event's live lobby: everyone allowed in it. */
	event: (eventId: string) => `event:${eventId}`,
	/** The bureau staff in an event's lobby (check-ins and no-shows concern them, not every firm). */
	eventStaff: (eventId: string) => `event-staff:${eventId}`,
}
