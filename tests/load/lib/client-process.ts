/**
 * Starts chat-clients.ts as a child process and calls it over IPC, one command at a time.
 * `stop` closes the channel (the child then closes its sockets and exits) and, if it has not
 * exited within a bound, kills it by its handle.
 */
import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command, Reply, ResultOf } from './chat-protocol'

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'chat-clients.ts')

export type ClientProcess = {
	pid: number
	call: <C extends Command>(command: C) => Promise<ResultOf<C>>
	stop: () => Promise<void>
}

export async function startClientProcess(): Promise<ClientProcess> {
	const child: ChildProcess = fork(ENTRY, [], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		// Plenty of room for 2,000 sockets and the lobby's presence payloads.
		env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
		serialization: 'advanced',
	})
	await new Promise<void>((resolve, reject) => {
		child.once('spawn', () => resolve())
		child.once('error', reject)
	})
	const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
	let nextId = 1
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	child.on('message', (reply: Reply) => {
		const w = waiting.get(reply.id)
		if (!w) return
		waiting.delete(reply.id)
		if (reply.ok) w.resolve(reply.result)
		else w.reject(new Error(`client process: ${reply.error}`))
	})
	child.once('exit', (code, signal) => {
		for (const w of waiting.values())
			w.reject(new Error(`client process exited (code ${code}, signal ${signal})`))
		waiting.clear()
	})
	return {
		pid: child.pid!,
		call<C extends Command>(command: C) {
			return new Promise<ResultOf<C>>((resolve, reject) => {
				if (!child.connected) return reject(new Error('client process is gone'))
				const id = nextId++
				waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
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
