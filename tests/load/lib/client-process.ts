/**
 * Load-generator child processes driven over IPC, one command at a time: chat-clients.ts for
 * chat.bench.ts, soak-clients.ts for soak.bench.ts. `stop` closes the channel (the child then closes
 * its sockets and exits) and, if it has not exited within a bound, kills it by its handle.
 */
import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command, ResultOf } from './chat-protocol'

const HERE = path.dirname(fileURLToPath(import.meta.url))

type IpcReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }

/** Forks `entry` (a file next to this one) with tsx and returns a typed `call` over its IPC channel. */
export async function forkIpcChild<Cmd>({
	entry,
	label,
	maxOldSpaceMb,
}: {
	entry: string
	label: string
	maxOldSpaceMb: number
}) {
	const child: ChildProcess = fork(path.join(HERE, entry), [], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${maxOldSpaceMb}` },
		serialization: 'advanced',
	})
	await new Promise<void>((resolve, reject) => {
		child.once('spawn', () => resolve())
		child.once('error', reject)
	})
	const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
	let nextId = 1
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	child.on('message', (reply: IpcReply) => {
		const w = waiting.get(reply.id)
		if (!w) return
		waiting.delete(reply.id)
		if (reply.ok) w.resolve(reply.result)
		else w.reject(new Error(`${label}: ${reply.error}`))
	})
	child.once('exit', (code, signal) => {
		for (const w of waiting.values()) w.reject(new Error(`${label} exited (code ${code}, signal ${signal})`))
		waiting.clear()
	})
	return {
		pid: child.pid!,
		/** Sends one command; resolves with the child's result (typed by the caller's protocol). */
		send(command: Cmd): Promise<unknown> {
			return new Promise<unknown>((resolve, reject) => {
				if (!child.connected) return reject(new Error(`${label} is gone`))
				const id = nextId++
				waiting.set(id, { resolve, reject })
				child.send({ id, command })
			})
		},
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return
			if (child.connected) child.disconnect()
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
			await exited
			clearTimeout(timer)
		},
	}
}

export type ClientProcess = {
	pid: number
	call: <C extends Command>(command: C) => Promise<ResultOf<C>>
	stop: () => Promise<void>
}

export async function startClientProcess(): Promise<ClientProcess> {
	// Plenty of room for 2,000 sockets and the lobby's presence payloads.
	const child = await forkIpcChild<Command>({
		entry: 'chat-clients.ts',
		label: 'client process',
		maxOldSpaceMb: 4096,
	})
	return {
		pid: child.pid,
		call: <C extends Command>(command: C) => child.send(command) as Promise<ResultOf<C>>,
		stop: child.stop,
	}
}
