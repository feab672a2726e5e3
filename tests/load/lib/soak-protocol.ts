/**
 * What soak.bench.ts (the parent) and soak-clients.ts (its load-generating child processes) say to
 * each other over the IPC channel of `fork`. Plain data only. A socket process holds a slice of the
 * sockets (whole docking rooms, so a message's send and receive times come from one clock); the
 * HTTP process sends the searches and page views.
 */

export type SoakConnectCommand = {
	cmd: 'connect'
	url: string
	/** One Cookie header per socket. */
	cookies: string[]
	concurrency: number
	timeoutMs: number
}
export type SoakConnectResult = {
	connected: number
	failed: number
	errors: Record<string, number>
	ms: number
}

export type SoakJoinCommand = {
	cmd: 'join'
	/** The docking session socket i joins (its own room). */
	sessionIds: string[]
	/** The event lobby every socket enters. */
	eventId: string
	concurrency: number
	timeoutMs: number
}
export type SoakJoinResult = {
	docking: number
	lobby: number
	failed: number
	errors: Record<string, number>
	ms: number
}

/** Unloaded chat latency: `count` messages one at a time, each awaited by the 3 other members. */
export type SoakChatProbeCommand = {
	cmd: 'chat-probe'
	rooms: number[][]
	sessionIds: string[]
	count: number
	tag: string
	timeoutMs: number
}
export type SoakChatProbeResult = { last: number[]; failed: number }

/** The event-day load of one socket process, for `warmupMs + measureMs`. */
export type SoakRunCommand = {
	cmd: 'run'
	/** Socket indices of each active room's members (one message per room every `roomIntervalMs`). */
	rooms: number[][]
	sessionIds: string[]
	roomIntervalMs: number
	/** presence:ping per socket every `pingIntervalMs` (spread over the interval). */
	pingIntervalMs: number
	/** Sockets of this process that leave the event lobby and enter it again, per second. */
	lobbyChurnPerSecond: number
	eventId: string
	warmupMs: number
	measureMs: number
	drainMs: number
	tag: string
}
export type SoakRunResult = {
	/** send → delivered to each other member, ms (measured part). */
	deliver: number[]
	/** send → ack, ms. */
	ack: number[]
	sent: number
	acked: number
	ackErrors: Record<string, number>
	expected: number
	delivered: number
	/** presence:ping → ack, ms. */
	ping: number[]
	pingFailed: number
	lobbyRejoins: number
	lobbyErrors: Record<string, number>
	eventPresence: number
	/** Client send lag p99 input: how late each scheduled action left, ms. */
	lag: number[]
	cpuMs: number
}

export type SoakStatusCommand = { cmd: 'status' }
export type SoakStatusResult = {
	connected: number
	/** Disconnects not initiated by this process, by reason, since connect. */
	dropped: Record<string, number>
	droppedTotal: number
}

/**
 * `from`: the loopback address the request leaves from (127.0.0.x), one per simulated user, so
 * per-address limits (server/http-rate-limit.ts) see many visitors, as on an event day, not one.
 */
export type HttpRequestSpec = { kind: string; url: string; cookie: string | null; from: string }

/** Sequential requests, one at a time (the idle baseline). */
export type HttpProbeCommand = { cmd: 'http-probe'; requests: HttpRequestSpec[]; timeoutMs: number }
export type HttpSample = { kind: string; ms: number; status: number; error: string | null; bytes: number }
export type HttpProbeResult = { samples: HttpSample[] }

/** Open loop: `searches` at `searchPerSecond`, `pages` at `pagePerSecond`, round-robin over the lists. */
export type HttpRunCommand = {
	cmd: 'http-run'
	searches: HttpRequestSpec[]
	pages: HttpRequestSpec[]
	searchPerSecond: number
	pagePerSecond: number
	warmupMs: number
	measureMs: number
	timeoutMs: number
	/** Requests in flight at most; a tick that finds them all busy is counted as skipped. */
	maxInFlight: number
}
export type HttpRunResult = {
	/** Measured samples only. */
	samples: HttpSample[]
	skipped: number
	lag: number[]
	cpuMs: number
}

export type SoakCloseCommand = { cmd: 'close' }
export type SoakCloseResult = { closed: number; dropped: Record<string, number>; droppedTotal: number }

export type SoakCommand =
	| SoakConnectCommand
	| SoakJoinCommand
	| SoakChatProbeCommand
	| SoakRunCommand
	| SoakStatusCommand
	| HttpProbeCommand
	| HttpRunCommand
	| SoakCloseCommand

export type SoakResultOf<C extends SoakCommand> = C extends SoakConnectCommand
	? SoakConnectResult
	: C extends SoakJoinCommand
		? SoakJoinResult
		: C extends SoakChatProbeCommand
			? SoakChatProbeResult
			: C extends SoakRunCommand
				? SoakRunResult
				: C extends SoakStatusCommand
					? SoakStatusResult
					: C extends HttpProbeCommand
						? HttpProbeResult
						: C extends HttpRunCommand
							? HttpRunResult
							: SoakCloseResult

export type SoakRequest = { id: number; command: SoakCommand }
export type SoakReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }
