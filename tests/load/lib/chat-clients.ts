/**
 * The client side of chat.bench.ts, run as a child process (`fork`, IPC channel), one per server:
 * it holds that server's client sockets, so the servers' event loop (in the parent) is not also
 * the load generator's, and a flood from one server cannot starve the other's clients. The same
 * code drives the app and the bare relay; only the URL and the cookies differ. Send and receive
 * times of a message are taken here, with one clock (performance.now).
 *
 * It exits when the parent goes away (IPC disconnect), closing its sockets.
 */
import { performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import type {
	ClientToServerEvents,
	MessagePayload,
	SendReply,
	ServerToClientEvents,
} from '#app/realtime/events'
import {
	body,
	type Command,
	type ConnectCommand,
	type ConnectResult,
	type DisconnectCommand,
	type DisconnectResult,
	type JoinCommand,
	type JoinResult,
	type LobbySendCommand,
	type LobbySendResult,
	type Reply,
	type Request,
	type RoomsCommand,
	type RoomsResult,
	type SettleCommand,
	type SettleResult,
} from './chat-protocol'

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let sockets: Array<ClientSocket | undefined> = []
/** Unexpected disconnects since the last `connect`. */
let dropped = 0
let onMessage: ((index: number, message: MessagePayload, at: number) => void) | null = null
let presenceEvents = 0
let lastPresenceAt = 0

function countError(errors: Record<string, number>, key: string) {
	errors[key] = (errors[key] ?? 0) + 1
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` in flight. */
async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>) {
	let next = 0
	const lanes = Array.from({ length: Math.min(concurrency, n) }, async () => {
		while (next < n) await task(next++)
	})
	await Promise.all(lanes)
}

function cpuMs(since: NodeJS.CpuUsage) {
	const used = process.cpuUsage(since)
	return (used.user + used.system) / 1000
}

async function connect(command: ConnectCommand): Promise<ConnectResult> {
	const started = performance.now()
	const errors: Record<string, number> = {}
	const first = sockets.length
	if (first === 0) {
		dropped = 0
		presenceEvents = 0
		lastPresenceAt = 0
	}
	// Holes stay where a socket failed, so indices match the command's order.
	sockets.length = first + command.cookies.length
	let failed = 0
	await pool(command.cookies.length, command.concurrency, async (k) => {
		const i = first + k
		const cookie = command.cookies[k]
		const socket: ClientSocket = io(command.url, {
			transports: ['websocket'],
			// One engine per socket, as separate browsers would have (no multiplexing).
			forceNew: true,
			reconnection: false,
			timeout: command.timeoutMs,
			...(cookie ? { extraHeaders: { cookie } } : {}),
		})
		const ok = await new Promise<boolean>((resolve) => {
			socket.once('connect', () => resolve(true))
			socket.once('connect_error', (error) => {
				countError(errors, error.message)
				resolve(false)
			})
		})
		if (!ok) {
			failed++
			socket.close()
			return
		}
		socket.on('docking:message', (message) => {
			const at = performance.now()
			onMessage?.(i, message, at)
		})
		socket.on('docking:presence', () => {
			presenceEvents++
			lastPresenceAt = performance.now()
		})
		socket.on('disconnect', (reason) => {
			if (reason !== 'io client disconnect') dropped++
		})
		sockets[i] = socket
	})
	return {
		first,
		connected: command.cookies.length - failed,
		failed,
		errors,
		ms: performance.now() - started,
	}
}

async function join(command: JoinCommand): Promise<JoinResult> {
	const started = performance.now()
	const errors: Record<string, number> = {}
	const ackMs: number[] = []
	const ackBytes: number[] = []
	let ok = 0
	await pool(command.sessionIds.length, command.concurrency, async (i) => {
		const socket = sockets[command.first + i]
		if (!socket) return countError(errors, 'not connected')
		const sentAt = performance.now()
		await new Promise<void>((resolve) => {
			socket
				.timeout(command.timeoutMs)
				.emit('docking:join', { sessionId: command.sessionIds[i]!, afterSeq: 0 }, (error, reply) => {
					if (error) countError(errors, 'ack timeout')
					else if (!reply.ok) countError(errors, reply.error)
					else {
						ok++
						ackMs.push(performance.now() - sentAt)
						ackBytes.push(Buffer.byteLength(JSON.stringify(reply)))
					}
					resolve()
				})
		})
	})
	return {
		ok,
		failed: command.sessionIds.length - ok,
		errors,
		ms: performance.now() - started,
		ackMs,
		ackBytes,
	}
}

async function rooms(command: RoomsCommand): Promise<RoomsResult> {
	const cpu = process.cpuUsage()
	const total = command.warmupMs + command.measureMs
	const roomOf = new Map<number, number>()
	command.rooms.forEach((members, r) => members.forEach((i) => roomOf.set(i, r)))
	// The whole schedule up front: room r sends at offset r/R of the interval, then every interval.
	const events: Array<{ t: number; room: number; k: number }> = []
	command.rooms.forEach((_, room) => {
		const offset = (room / command.rooms.length) * command.intervalMs
		for (let k = 0; offset + k * command.intervalMs < total; k++)
			events.push({ t: offset + k * command.intervalMs, room, k })
	})
	events.sort((a, b) => a.t - b.t)

	type Pending = { sentAt: number; sender: number; room: number; measured: boolean }
	const pending = new Map<string, Pending>()
	const deliver: number[] = []
	const ack: number[] = []
	const sendLag: number[] = []
	const ackErrors: Record<string, number> = {}
	let sent = 0
	let acked = 0
	let expected = 0
	let delivered = 0
	let stray = 0
	let acksOutstanding = 0
	let totalSent = 0

	// Unloaded: one message at a time, each awaited by its room (and its ack) before the next.
	const probeLast: number[] = []
	const probeAck: number[] = []
	for (let j = 0; j < command.probe; j++) {
		const room = j % command.rooms.length
		const members = command.rooms[room]!
		const sender = members[Math.floor(j / command.rooms.length) % members.length]!
		const socket = sockets[sender]
		if (!socket?.connected) continue
		const clientId = `${command.tag}-p${j}`
		totalSent++
		const receivers = members.filter((m) => m !== sender && sockets[m]?.connected).length
		let got = 0
		let lastAt = 0
		let ackAt = 0
		const sentAt = performance.now()
		onMessage = (index, message, at) => {
			if (message.clientId !== clientId || index === sender) return
			got++
			lastAt = at
		}
		socket
			.timeout(command.drainMs)
			.emit(
				'docking:send',
				{ sessionId: command.sessionIds[room]!, clientId, body: body(j), attachmentIds: [] },
				(error: Error | null, reply: SendReply) => {
					ackAt = error || !reply.ok ? -1 : performance.now()
				},
			)
		while ((got < receivers || ackAt === 0) && performance.now() - sentAt < command.drainMs) await sleep(1)
		if (got === receivers) probeLast.push(lastAt - sentAt)
		if (ackAt > 0) probeAck.push(ackAt - sentAt)
		await sleep(20)
	}

	onMessage = (index, message, at) => {
		const p = pending.get(message.clientId)
		if (!p || index === p.sender) return
		if (roomOf.get(index) !== p.room) stray++
		if (!p.measured) return
		delivered++
		deliver.push(at - p.sentAt)
	}
	const start = performance.now()
	let next = 0
	while (next < events.length) {
		const elapsed = performance.now() - start
		const event = events[next]!
		if (event.t > elapsed) {
			await sleep(event.t - elapsed)
			continue
		}
		next++
		const members = command.rooms[event.room]!
		const sender = members[event.k % members.length]!
		const socket = sockets[sender]
		if (!socket?.connected) continue
		const measured = event.t >= command.warmupMs
		const clientId = `${command.tag}-${event.room}-${event.k}`
		const sentAt = performance.now()
		pending.set(clientId, { sentAt, sender, room: event.room, measured })
		if (measured) {
			sent++
			expected += members.filter((m) => m !== sender && sockets[m]?.connected).length
			sendLag.push(sentAt - start - event.t)
		}
		acksOutstanding++
		totalSent++
		socket
			.timeout(command.drainMs)
			.emit(
				'docking:send',
				{ sessionId: command.sessionIds[event.room]!, clientId, body: body(event.k), attachmentIds: [] },
				(error: Error | null, reply: SendReply) => {
					acksOutstanding--
					if (!measured) return
					if (error) countError(ackErrors, 'ack timeout')
					else if (!reply.ok) countError(ackErrors, reply.error)
					else {
						acked++
						ack.push(performance.now() - sentAt)
					}
				},
			)
	}
	const measuredSeconds = (performance.now() - start - command.warmupMs) / 1000
	// Bounded drain: every ack in, and every delivery of an acknowledged message (or time is up).
	const drainStart = performance.now()
	const acceptedShare = () => (sent ? acked / sent : 1)
	while (performance.now() - drainStart < command.drainMs) {
		if (acksOutstanding === 0 && delivered >= Math.floor(expected * acceptedShare())) break
		await sleep(5)
	}
	const drainMs = performance.now() - drainStart
	onMessage = null
	return {
		probeLast,
		probeAck,
		deliver,
		ack,
		sendLag,
		sent,
		totalSent,
		acked,
		ackErrors,
		expected,
		delivered,
		stray,
		measuredSeconds,
		drainMs,
		dropped,
		cpuMs: cpuMs(cpu),
	}
}

async function settle(command: SettleCommand): Promise<SettleResult> {
	// The app pushes docking:presence (debounced per room) while sockets join: wait for it to go quiet.
	const started = performance.now()
	while (performance.now() - started < command.maxMs) {
		if (performance.now() - Math.max(lastPresenceAt, started) >= command.quietMs) break
		await sleep(20)
	}
	return { ms: performance.now() - started, presenceEvents, dropped }
}

async function lobbySend(command: LobbySendCommand): Promise<LobbySendResult> {
	const cpu = process.cpuUsage()
	const sender = command.sender
	const socket = sockets[sender]
	if (!socket?.connected) throw new Error(`lobby sender ${sender} is not connected`)
	const end = command.first + command.count
	let receivers = 0
	for (let i = command.first; i < end; i++) if (i !== sender && sockets[i]?.connected) receivers++
	let got = 0
	let stray = 0
	let lastAt = 0
	const each: number[] = []
	let ack: number | null = null
	let ackError: string | null = null
	let acknowledged = false
	const sentAt = performance.now()
	onMessage = (index, message, at) => {
		if (message.clientId !== command.clientId || index === sender) return
		if (index < command.first || index >= end) {
			stray++
			return
		}
		got++
		lastAt = at
		each.push(at - sentAt)
	}
	socket
		.timeout(command.timeoutMs)
		.emit(
			'docking:send',
			{ sessionId: command.sessionId, clientId: command.clientId, body: command.body, attachmentIds: [] },
			(error: Error | null, reply: SendReply) => {
				acknowledged = true
				if (error) ackError = 'ack timeout'
				else if (!reply.ok) ackError = reply.error
				else ack = performance.now() - sentAt
			},
		)
	while ((got < receivers || !acknowledged) && performance.now() - sentAt < command.timeoutMs) await sleep(1)
	onMessage = null
	return {
		receivers,
		got,
		stray,
		last: got > 0 ? lastAt - sentAt : null,
		each,
		ack,
		ackError,
		cpuMs: cpuMs(cpu),
	}
}

async function disconnect(command: DisconnectCommand): Promise<DisconnectResult> {
	const started = performance.now()
	onMessage = null
	const all = command.first === undefined
	const from = command.first ?? 0
	const to = all ? sockets.length : from + (command.count ?? 0)
	let closed = 0
	for (let i = from; i < Math.min(to, sockets.length); i++) {
		const socket = sockets[i]
		if (!socket) continue
		socket.disconnect()
		sockets[i] = undefined
		closed++
	}
	if (all || sockets.every((s) => !s)) sockets = []
	// Let the close frames go out before the parent counts the server side.
	await sleep(50)
	return { closed, dropped, ms: performance.now() - started }
}

async function handle(command: Command): Promise<unknown> {
	switch (command.cmd) {
		case 'connect':
			return connect(command)
		case 'join':
			return join(command)
		case 'rooms':
			return rooms(command)
		case 'settle':
			return settle(command)
		case 'lobby-send':
			return lobbySend(command)
		case 'disconnect':
			return disconnect(command)
	}
}

process.on('message', (request: Request) => {
	handle(request.command).then(
		(result) => process.send?.({ id: request.id, ok: true, result } satisfies Reply),
		(error: Error) =>
			process.send?.({ id: request.id, ok: false, error: error.stack ?? error.message } satisfies Reply),
	)
})
// The parent went away (or closed the channel): close the sockets and leave.
process.on('disconnect', () => {
	for (const socket of sockets) socket?.disconnect()
	process.exit(0)
})
