/**
 * The load generator of soak.bench.ts, run as child processes (`fork`, IPC channel), so the app's
 * event loop and this one are not the same, and no single generator loop has to carry all of it:
 *
 *   socket processes: each holds a slice of the sockets (whole docking rooms, so a message's send
 *     and receive times come from one clock), sends the chat of its active rooms, the presence
 *     heartbeats of its sockets and the event-lobby churn (leave, enter again), open loop;
 *   the HTTP process: searches and page views, open loop, with a bound on requests in flight.
 *
 * It exits when the parent goes away (IPC disconnect), closing its sockets.
 */
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import type {
	ClientToServerEvents,
	MessagePayload,
	SendReply,
	ServerToClientEvents,
} from '#app/realtime/events'
import { body } from './chat-protocol'
import type {
	HttpProbeCommand,
	HttpProbeResult,
	HttpRequestSpec,
	HttpRunCommand,
	HttpRunResult,
	HttpSample,
	SoakChatProbeCommand,
	SoakChatProbeResult,
	SoakCloseResult,
	SoakCommand,
	SoakConnectCommand,
	SoakConnectResult,
	SoakJoinCommand,
	SoakJoinResult,
	SoakReply,
	SoakRequest,
	SoakRunCommand,
	SoakRunResult,
	SoakStatusResult,
} from './soak-protocol'

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let sockets: Array<ClientSocket | undefined> = []
const dropped: Record<string, number> = {}
let droppedTotal = 0
let onMessage: ((index: number, message: MessagePayload, at: number) => void) | null = null
let eventPresence = 0

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

/**
 * Calls `fire(k, measured)` at start + k × periodMs for every k with k × periodMs < totalMs (open
 * loop: a late tick fires at once, and its lateness is recorded in `lag`).
 */
async function openLoop(
	start: number,
	periodMs: number,
	totalMs: number,
	warmupMs: number,
	lag: number[],
	fire: (k: number, measured: boolean) => void,
) {
	if (!(periodMs > 0) || !Number.isFinite(periodMs)) return
	for (let k = 0; k * periodMs < totalMs; k++) {
		const t = k * periodMs
		const wait = t - (performance.now() - start)
		if (wait > 1) await sleep(wait)
		const measured = t >= warmupMs
		if (measured) lag.push(Math.max(0, performance.now() - start - t))
		fire(k, measured)
	}
}

async function connect(command: SoakConnectCommand): Promise<SoakConnectResult> {
	const started = performance.now()
	const errors: Record<string, number> = {}
	sockets = new Array<ClientSocket | undefined>(command.cookies.length)
	let failed = 0
	await pool(command.cookies.length, command.concurrency, async (i) => {
		const socket: ClientSocket = io(command.url, {
			transports: ['websocket'],
			// One engine per socket, as separate browsers would have.
			forceNew: true,
			reconnection: false,
			timeout: command.timeoutMs,
			extraHeaders: { cookie: command.cookies[i]! },
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
		socket.on('docking:message', (message) => onMessage?.(i, message, performance.now()))
		socket.on('event:presence', () => eventPresence++)
		socket.on('disconnect', (reason) => {
			// Only what this process did not ask for counts (server close, transport error, ping timeout).
			if (reason === 'io client disconnect') return
			countError(dropped, reason)
			droppedTotal++
		})
		sockets[i] = socket
	})
	return { connected: command.cookies.length - failed, failed, errors, ms: performance.now() - started }
}

function emitJoinDocking(socket: ClientSocket, sessionId: string, timeoutMs: number) {
	return new Promise<string | null>((resolve) => {
		socket.timeout(timeoutMs).emit('docking:join', { sessionId, afterSeq: 0 }, (error, reply) => {
			resolve(error ? 'ack timeout' : reply.ok ? null : reply.error)
		})
	})
}

function emitJoinLobby(socket: ClientSocket, eventId: string, timeoutMs: number) {
	return new Promise<string | null>((resolve) => {
		socket.timeout(timeoutMs).emit('event:join', { eventId }, (error, reply) => {
			resolve(error ? 'ack timeout' : reply.ok ? null : reply.error)
		})
	})
}

async function join(command: SoakJoinCommand): Promise<SoakJoinResult> {
	const started = performance.now()
	const errors: Record<string, number> = {}
	let docking = 0
	let lobby = 0
	let failed = 0
	await pool(sockets.length, command.concurrency, async (i) => {
		const socket = sockets[i]
		if (!socket?.connected) {
			failed++
			return countError(errors, 'not connected')
		}
		const a = await emitJoinDocking(socket, command.sessionIds[i]!, command.timeoutMs)
		if (a) countError(errors, `docking:join ${a}`)
		else docking++
		const b = await emitJoinLobby(socket, command.eventId, command.timeoutMs)
		if (b) countError(errors, `event:join ${b}`)
		else lobby++
		if (a || b) failed++
	})
	return { docking, lobby, failed, errors, ms: performance.now() - started }
}

function send(socket: ClientSocket, sessionId: string, clientId: string, text: string, timeoutMs: number) {
	return new Promise<{ at: number; error: string | null }>((resolve) => {
		socket
			.timeout(timeoutMs)
			.emit(
				'docking:send',
				{ sessionId, clientId, body: text, attachmentIds: [] },
				(error: Error | null, reply: SendReply) =>
					resolve({ at: performance.now(), error: error ? 'ack timeout' : reply.ok ? null : reply.error }),
			)
	})
}

async function chatProbe(command: SoakChatProbeCommand): Promise<SoakChatProbeResult> {
	const last: number[] = []
	let failed = 0
	for (let j = 0; j < command.count; j++) {
		const room = j % command.rooms.length
		const members = command.rooms[room]!
		const sender = members[Math.floor(j / command.rooms.length) % members.length]!
		const socket = sockets[sender]
		if (!socket?.connected) {
			failed++
			continue
		}
		const clientId = `${command.tag}-p${j}`
		const receivers = members.filter((m) => m !== sender && sockets[m]?.connected).length
		let got = 0
		let lastAt = 0
		onMessage = (index, message, at) => {
			if (message.clientId !== clientId || index === sender) return
			got++
			lastAt = at
		}
		const sentAt = performance.now()
		const acked = send(socket, command.sessionIds[room]!, clientId, body(j), command.timeoutMs)
		while (got < receivers && performance.now() - sentAt < command.timeoutMs) await sleep(1)
		const reply = await acked
		if (got === receivers && !reply.error) last.push(lastAt - sentAt)
		else failed++
		await sleep(20)
	}
	onMessage = null
	return { last, failed }
}

async function run(command: SoakRunCommand): Promise<SoakRunResult> {
	const cpu = process.cpuUsage()
	const total = command.warmupMs + command.measureMs
	const roomOf = new Map<number, number>()
	command.rooms.forEach((members, r) => members.forEach((i) => roomOf.set(i, r)))
	const pending = new Map<string, { sentAt: number; sender: number; measured: boolean }>()
	const result: SoakRunResult = {
		deliver: [],
		ack: [],
		sent: 0,
		acked: 0,
		ackErrors: {},
		expected: 0,
		delivered: 0,
		ping: [],
		pingFailed: 0,
		lobbyRejoins: 0,
		lobbyErrors: {},
		eventPresence: 0,
		lag: [],
		cpuMs: 0,
	}
	const presenceBefore = eventPresence
	onMessage = (index, message, at) => {
		const p = pending.get(message.clientId)
		if (!p || index === p.sender || !p.measured) return
		result.delivered++
		result.deliver.push(at - p.sentAt)
	}
	const inFlight = new Set<Promise<unknown>>()
	const track = (promise: Promise<unknown>) => {
		inFlight.add(promise)
		void promise.finally(() => inFlight.delete(promise))
	}
	const start = performance.now()
	const rooms = command.rooms.length
	const chat = openLoop(
		start,
		command.roomIntervalMs / Math.max(1, rooms),
		total,
		command.warmupMs,
		result.lag,
		(k, measured) => {
			const room = k % rooms
			const round = Math.floor(k / rooms)
			const members = command.rooms[room]!
			const sender = members[round % members.length]!
			const socket = sockets[sender]
			if (!socket?.connected) return
			const clientId = `${command.tag}-${room}-${round}`
			const sentAt = performance.now()
			pending.set(clientId, { sentAt, sender, measured })
			if (measured) {
				result.sent++
				result.expected += members.filter((m) => m !== sender && sockets[m]?.connected).length
			}
			track(
				send(socket, command.sessionIds[room]!, clientId, body(round), command.drainMs).then((reply) => {
					if (!measured) return
					if (reply.error) countError(result.ackErrors, reply.error)
					else {
						result.acked++
						result.ack.push(reply.at - sentAt)
					}
				}),
			)
		},
	)
	const n = sockets.length
	const pings = openLoop(
		start,
		command.pingIntervalMs / Math.max(1, n),
		total,
		command.warmupMs,
		[],
		(k, measured) => {
			const socket = sockets[k % n]
			if (!socket?.connected) return
			const sentAt = performance.now()
			track(
				new Promise<void>((resolve) => {
					socket.timeout(10_000).emit('presence:ping', (error: Error | null) => {
						if (measured) {
							if (error) result.pingFailed++
							else result.ping.push(performance.now() - sentAt)
						}
						resolve()
					})
				}),
			)
		},
	)
	const churn = openLoop(
		start,
		1000 / Math.max(1e-9, command.lobbyChurnPerSecond),
		command.lobbyChurnPerSecond > 0 ? total : 0,
		command.warmupMs,
		[],
		(k) => {
			// Spread over the sockets: a different one each time.
			const socket = sockets[(k * 7919) % n]
			if (!socket?.connected) return
			socket.emit('event:leave', { eventId: command.eventId })
			track(
				sleep(1_000).then(async () => {
					if (!socket.connected) return
					const error = await emitJoinLobby(socket, command.eventId, 10_000)
					if (error) countError(result.lobbyErrors, error)
					else result.lobbyRejoins++
				}),
			)
		},
	)
	await Promise.all([chat, pings, churn])
	// Bounded drain: every ack in and every delivery of the measured messages (or time is up).
	const drainStart = performance.now()
	while (performance.now() - drainStart < command.drainMs) {
		if (inFlight.size === 0 && result.delivered >= result.expected) break
		await sleep(10)
	}
	onMessage = null
	result.eventPresence = eventPresence - presenceBefore
	result.cpuMs = cpuMsSince(cpu)
	return result
}

function cpuMsSince(since: NodeJS.CpuUsage) {
	const used = process.cpuUsage(since)
	return (used.user + used.system) / 1000
}

// Keep-alive connections, pooled per local address (the agent's pool key includes it).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })

/** One GET as a browser sends it (gzip accepted, no redirects followed); the body is read to its end. */
function request(spec: HttpRequestSpec, timeoutMs: number): Promise<HttpSample> {
	const started = performance.now()
	return new Promise<HttpSample>((resolve) => {
		const done = (status: number, error: string | null, bytes: number) =>
			resolve({ kind: spec.kind, ms: performance.now() - started, status, error, bytes })
		const req = http.get(
			spec.url,
			{
				agent,
				localAddress: spec.from,
				headers: { 'accept-encoding': 'gzip', ...(spec.cookie ? { cookie: spec.cookie } : {}) },
			},
			(res) => {
				let bytes = 0
				res.on('data', (chunk: Buffer) => (bytes += chunk.length))
				res.on('end', () => {
					clearTimeout(timer)
					done(res.statusCode ?? 0, null, bytes)
				})
				res.on('error', (error) => {
					clearTimeout(timer)
					done(0, error.message, bytes)
				})
			},
		)
		const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs)
		req.on('error', (error) => {
			clearTimeout(timer)
			done(0, error.message, 0)
		})
	})
}

async function httpProbe(command: HttpProbeCommand): Promise<HttpProbeResult> {
	const samples: HttpSample[] = []
	for (const spec of command.requests) samples.push(await request(spec, command.timeoutMs))
	return { samples }
}

async function httpRun(command: HttpRunCommand): Promise<HttpRunResult> {
	const cpu = process.cpuUsage()
	const total = command.warmupMs + command.measureMs
	const samples: HttpSample[] = []
	const lag: number[] = []
	let skipped = 0
	let inFlight = 0
	const outstanding = new Set<Promise<void>>()
	const start = performance.now()
	const fire = (list: HttpRequestSpec[]) => (k: number, measured: boolean) => {
		if (list.length === 0) return
		if (inFlight >= command.maxInFlight) {
			if (measured) skipped++
			return
		}
		inFlight++
		const done = request(list[k % list.length]!, command.timeoutMs).then((sample) => {
			inFlight--
			if (measured) samples.push(sample)
		})
		outstanding.add(done)
		void done.finally(() => outstanding.delete(done))
	}
	await Promise.all([
		openLoop(start, 1000 / command.searchPerSecond, total, command.warmupMs, lag, fire(command.searches)),
		openLoop(start, 1000 / command.pagePerSecond, total, command.warmupMs, lag, fire(command.pages)),
	])
	await Promise.all(outstanding)
	return { samples, skipped, lag, cpuMs: cpuMsSince(cpu) }
}

function status(): SoakStatusResult {
	return { connected: sockets.filter((s) => s?.connected).length, dropped: { ...dropped }, droppedTotal }
}

async function close(): Promise<SoakCloseResult> {
	onMessage = null
	let closed = 0
	for (const socket of sockets) {
		if (!socket) continue
		socket.disconnect()
		closed++
	}
	sockets = []
	await sleep(50)
	return { closed, dropped: { ...dropped }, droppedTotal }
}

async function handle(command: SoakCommand): Promise<unknown> {
	switch (command.cmd) {
		case 'connect':
			return connect(command)
		case 'join':
			return join(command)
		case 'chat-probe':
			return chatProbe(command)
		case 'run':
			return run(command)
		case 'status':
			return status()
		case 'http-probe':
			return httpProbe(command)
		case 'http-run':
			return httpRun(command)
		case 'close':
			return close()
	}
}

process.on('message', (request: SoakRequest) => {
	handle(request.command).then(
		(result) => process.send?.({ id: request.id, ok: true, result } satisfies SoakReply),
		(error: Error) =>
			process.send?.({ id: request.id, ok: false, error: error.stack ?? error.message } satisfies SoakReply),
	)
})
// The parent went away (or closed the channel): close the sockets and leave.
process.on('disconnect', () => {
	for (const socket of sockets) socket?.disconnect()
	process.exit(0)
})
