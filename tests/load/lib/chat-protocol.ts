/**
 * What chat.bench.ts (the parent: app + bare relay) and chat-clients.ts (the child process that
 * holds every client socket) say to each other over the IPC channel of `fork`. Plain data only.
 */

export type ConnectCommand = {
	cmd: 'connect'
	url: string
	/** One entry per socket (appended to those already open): the Cookie header to send, or null (bare relay). */
	cookies: Array<string | null>
	/** Connections in flight at once. */
	concurrency: number
	timeoutMs: number
}
/** The new sockets are appended: indices [first, first + cookies.length). */
export type ConnectResult = {
	first: number
	connected: number
	failed: number
	errors: Record<string, number>
	ms: number
}

export type JoinCommand = {
	cmd: 'join'
	/** The docking session each socket joins: socket first + i joins sessionIds[i]. */
	first: number
	sessionIds: string[]
	concurrency: number
	timeoutMs: number
}
export type JoinResult = {
	ok: number
	failed: number
	errors: Record<string, number>
	ms: number
	ackMs: number[]
	ackBytes: number[]
}

/** (a) many small rooms: an open-loop schedule, one message per room every `intervalMs`, the sender rotating. */
export type RoomsCommand = {
	cmd: 'rooms'
	/** Socket indices of each room's members; the first one sends first. */
	rooms: number[][]
	sessionIds: string[]
	intervalMs: number
	warmupMs: number
	measureMs: number
	/** Bound on the wait for late deliveries after the last send. */
	drainMs: number
	/** Before the schedule: this many messages one at a time (unloaded latency), in rooms 0, 1, … */
	probe: number
	/** Makes client ids unique per run (the app refuses a reused clientId in a session). */
	tag: string
}
export type RoomsResult = {
	/** The unloaded probe: send → the last of the other members, and send → ack, ms. */
	probeLast: number[]
	probeAck: number[]
	/** send → deliver, ms, one entry per (measured message, other member) that arrived. */
	deliver: number[]
	/** send → ack, ms, per measured message that was acked ok. */
	ack: number[]
	/** How late each send left against its schedule, ms (the client's own health). */
	sendLag: number[]
	sent: number
	/** All messages of the run: probe, warm-up and measured. */
	totalSent: number
	acked: number
	ackErrors: Record<string, number>
	expected: number
	delivered: number
	/** Deliveries to a socket that was not a member of the room (should stay 0). */
	stray: number
	measuredSeconds: number
	drainMs: number
	/** Sockets the server closed (or that were lost) since they connected, at the end of the run. */
	dropped: number
	cpuMs: number
}

/** (b), before the first message: wait until no docking:presence arrived for `quietMs` (bounded). */
export type SettleCommand = { cmd: 'settle'; quietMs: number; maxMs: number }
/** `presenceEvents`: docking:presence received by all sockets since they connected. */
export type SettleResult = { ms: number; presenceEvents: number; dropped: number }

/** (b) one message into a large room, awaited by every other connected socket of [first, first + count). */
export type LobbySendCommand = {
	cmd: 'lobby-send'
	sessionId: string
	first: number
	count: number
	sender: number
	clientId: string
	body: string
	timeoutMs: number
}
export type LobbySendResult = {
	/** Connected sockets of the range other than the sender when the message left. */
	receivers: number
	got: number
	/** Deliveries to sockets outside the range (should stay 0). */
	stray: number
	/** send → the last receipt, ms (null if none arrived). */
	last: number | null
	/** send → each receipt, ms. */
	each: number[]
	/** send → ack, ms (null when refused or timed out; see ackError). */
	ack: number | null
	ackError: string | null
	cpuMs: number
}

/** Closes sockets [first, first + count), or all of them (then indices start at 0 again). */
export type DisconnectCommand = { cmd: 'disconnect'; first?: number; count?: number }
/** `dropped`: sockets the server closed (or that were lost) since the first connect, over all sockets. */
export type DisconnectResult = { closed: number; dropped: number; ms: number }

export type Command =
	ConnectCommand | JoinCommand | RoomsCommand | SettleCommand | LobbySendCommand | DisconnectCommand
export type ResultOf<C extends Command> = C extends ConnectCommand
	? ConnectResult
	: C extends JoinCommand
		? JoinResult
		: C extends RoomsCommand
			? RoomsResult
			: C extends SettleCommand
				? SettleResult
				: C extends LobbySendCommand
					? LobbySendResult
					: DisconnectResult
export type Request = { id: number; command: Command }
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }

/** The text of message n (same length for the app and the relay). */
export function body(n: number) {
	return `压测消息 #${n}：请确认第 ${n % 97} 批次的报价、交期与样品安排，收到请回复。`
}

export function percentile(values: number[], p: number) {
	if (values.length === 0) return NaN
	const sorted = Float64Array.from(values).sort()
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
