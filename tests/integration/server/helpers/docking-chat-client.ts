import { randomUUID } from 'node:crypto'
import { io, type Socket } from 'socket.io-client'
import type {
	ClientToServerEvents,
	JoinReply,
	MessagePayload,
	ServerToClientEvents,
} from '#app/realtime/events'

const JOIN_TIMEOUT_MS = 5_000
const SEND_TIMEOUT_MS = 5_000
/** A seq that arrives ahead of its predecessor usually just overtook it (another instance's broadcast). */
const GAP_FILL_DELAY_MS = 500
const RETRY_MS = 500
const RATE_LIMITED_RETRY_MS = 1_000

type Outgoing = { clientId: string; body: string; attempts: number }

/**
 * A docking chat client over a real socket.io-client, with the resume rules a browser tab needs so
 * that nothing is lost when an app instance dies:
 * - on every `connect` (the first and each reconnect) it emits `docking:join` with the highest seq
 *   it holds without a gap (not the highest seen: a seq that overtook a late or never-broadcast one
 *   must not hide it), and merges the backfill (asking again while `more`);
 * - messages from acks, broadcasts and backfill are merged by seq (a seq seen twice is dropped);
 * - a gap (seq n+2 without n+1) is filled by joining again with the last gap-free seq;
 * - written messages wait in an outbox until acknowledged and are sent one at a time, in order,
 *   each attempt with the same clientId (the server answers a repeat with the stored message).
 */
export class DockingChatClient {
	readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>
	/** What the user sees: one entry per seq, in seq order. */
	readonly list: MessagePayload[] = []
	/** The clientIds this client wrote, in the order written. */
	readonly written: string[] = []
	/** clientId → the stored message the server acknowledged it as. */
	readonly acked = new Map<string, MessagePayload>()
	/** Anything that should not happen (refused join or send, two messages with one seq). */
	readonly errors: string[] = []
	/** When each (re)join completed, and when each connection was lost (epoch ms). */
	readonly joinedAt: number[] = []
	readonly disconnectedAt: number[] = []
	readonly stats = {
		connects: 0,
		joins: 0,
		/** Send attempts after the first one for the same clientId (lost connection or no ack in time). */
		resends: 0,
		/** Resends the server answered with the already stored message. */
		duplicateAcks: 0,
		rateLimited: 0,
		/** Sends and joins answered err.dockingUnavailable (a passing server-side failure; retried). */
		unavailable: 0,
		gapFills: 0,
		/** New messages by how they first reached this client. */
		live: 0,
		backfill: 0,
		ack: 0,
		/** Deliveries of a seq already held (dropped by the merge). */
		repeats: 0,
	}

	private readonly bySeq = new Map<number, MessagePayload>()
	private readonly outbox = new Map<string, Outgoing>()
	private contiguous: number
	private joined = false
	private inFlight = false
	/** Bumped on every disconnect: callbacks of an older connection are ignored. */
	private generation = 0
	private gapTimer?: NodeJS.Timeout
	private retryTimer?: NodeJS.Timeout

	constructor(
		readonly name: string,
		url: string,
		private readonly options: { cookie: string; sessionId: string; afterSeq?: number },
	) {
		this.contiguous = options.afterSeq ?? 0
		this.socket = io(url, {
			transports: ['websocket'],
			forceNew: true,
			autoConnect: false,
			extraHeaders: { cookie: options.cookie },
		})
		this.socket.on('connect', () => {
			this.stats.connects++
			void this.sync(this.generation)
		})
		this.socket.on('disconnect', () => {
			this.generation++
			this.joined = false
			this.inFlight = false
			this.disconnectedAt.push(Date.now())
		})
		this.socket.on('docking:message', (message) => this.merge([message], 'live'))
	}

	/** Connects and resolves once the first join completed. */
	async connect(timeoutMs = 10_000) {
		this.socket.connect()
		await waitFor(() => this.joined, timeoutMs, `${this.name} joined`)
	}

	/**
	 * Writes a message: it goes out now if joined, else after the next join. Returns its clientId
	 * (a given one: a retry of something this user wrote before, e.g. in an earlier page load).
	 */
	send(body: string, clientId = `${this.name}-${randomUUID()}`) {
		this.outbox.set(clientId, { clientId, body, attempts: 0 })
		this.written.push(clientId)
		this.pump()
		return clientId
	}

	get isJoined() {
		return this.joined
	}
	/** The highest seq up to which this client holds every message. */
	get lastSeq() {
		return this.contiguous
	}
	get unacked() {
		return this.outbox.size
	}

	close() {
		clearTimeout(this.gapTimer)
		clearTimeout(this.retryTimer)
		this.socket.disconnect()
	}

	private async join(generation: number): Promise<boolean> {
		for (;;) {
			const from = this.contiguous
			let reply: JoinReply
			try {
				reply = await this.socket
					.timeout(JOIN_TIMEOUT_MS)
					.emitWithAck('docking:join', { sessionId: this.options.sessionId, afterSeq: from })
			} catch {
				return false // disconnected meanwhile, or no answer in time
			}
			if (generation !== this.generation) return false
			if (!reply.ok && reply.error === 'err.dockingUnavailable') {
				this.stats.unavailable++
				return false // retried by sync()
			}
			if (!reply.ok) {
				this.errors.push(`join refused: ${reply.error}`)
				return false
			}
			this.merge(reply.messages, 'backfill')
			if (!reply.more || this.contiguous === from) return true
		}
	}

	/** (Re)joins the session on the current connection, then flushes the outbox. */
	private async sync(generation: number) {
		const ok = await this.join(generation)
		if (generation !== this.generation) return
		if (!ok) {
			// Still connected (no answer in time, or refused): try again; a reconnect joins anyway.
			setTimeout(() => {
				if (generation === this.generation && this.socket.connected) void this.sync(generation)
			}, RETRY_MS)
			return
		}
		if (!this.joined) {
			this.joined = true
			this.stats.joins++
			this.joinedAt.push(Date.now())
		}
		this.pump()
	}

	private later(ms: number) {
		clearTimeout(this.retryTimer)
		this.retryTimer = setTimeout(() => this.pump(), ms)
	}

	private pump() {
		if (this.inFlight || !this.joined || !this.socket.connected) return
		const item = this.outbox.values().next().value
		if (!item) return
		const generation = this.generation
		this.inFlight = true
		if (item.attempts > 0) this.stats.resends++
		item.attempts++
		this.socket
			.timeout(SEND_TIMEOUT_MS)
			.emit(
				'docking:send',
				{ sessionId: this.options.sessionId, clientId: item.clientId, body: item.body },
				(error, reply) => {
					// The connection was lost meanwhile: the next join sends it again.
					if (generation !== this.generation) return
					this.inFlight = false
					if (error) return this.later(RETRY_MS)
					if (reply.ok) {
						this.outbox.delete(item.clientId)
						this.acked.set(item.clientId, reply.message)
						if (reply.duplicate) this.stats.duplicateAcks++
						this.merge([reply.message], 'ack')
						return this.pump()
					}
					if (reply.error === 'err.dockingRateLimited') {
						this.stats.rateLimited++
						return this.later(RATE_LIMITED_RETRY_MS)
					}
					// A passing server-side failure: it stays queued (as in the browser).
					if (reply.error === 'err.dockingUnavailable') {
						this.stats.unavailable++
						return this.later(RETRY_MS)
					}
					this.errors.push(`send ${item.clientId} refused: ${reply.error}`)
					this.outbox.delete(item.clientId)
					this.pump()
				},
			)
	}

	private merge(messages: MessagePayload[], via: 'live' | 'backfill' | 'ack') {
		for (const message of messages) {
			if (message.sessionId !== this.options.sessionId) continue
			const held = this.bySeq.get(message.seq)
			if (held) {
				this.stats.repeats++
				if (held.id !== message.id)
					this.errors.push(`seq ${message.seq} is both ${held.id} and ${message.id}`)
				continue
			}
			this.bySeq.set(message.seq, message)
			this.stats[via]++
			// Mostly in order: insert scanning from the end.
			let i = this.list.length
			while (i > 0 && this.list[i - 1]!.seq > message.seq) i--
			this.list.splice(i, 0, message)
		}
		while (this.bySeq.has(this.contiguous + 1)) this.contiguous++
		if (this.hasGap()) this.scheduleGapFill()
	}

	private hasGap() {
		const last = this.list.at(-1)
		return last !== undefined && last.seq > this.contiguous
	}

	private scheduleGapFill() {
		if (this.gapTimer) return
		this.gapTimer = setTimeout(() => {
			this.gapTimer = undefined
			if (!this.hasGap() || !this.joined) return
			this.stats.gapFills++
			void this.sync(this.generation)
		}, GAP_FILL_DELAY_MS)
	}
}

/** Polls `check` every 25 ms until it holds; rejects after `timeoutMs` naming `what`. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string) {
	const deadline = Date.now() + timeoutMs
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`)
		await new Promise((r) => setTimeout(r, 25))
	}
}
