/**
 * soak.bench.ts's two kinds of child process: the load generators (soak-clients.ts, over IPC, one
 * command at a time, as client-process.ts does for chat.bench.ts) and the app itself, spawned as
 * production runs it (`node --import tsx server/index.ts`, NODE_ENV=production, its own production
 * build from soak-build.ts), so its event-loop delay and memory are its own. Both are stopped by their handle / PID.
 */
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { forkIpcChild } from './client-process'
import type { SoakCommand, SoakResultOf } from './soak-protocol'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export type SoakClient = {
	pid: number
	call: <C extends SoakCommand>(command: C) => Promise<SoakResultOf<C>>
	stop: () => Promise<void>
}

export async function startSoakClient(): Promise<SoakClient> {
	const child = await forkIpcChild<SoakCommand>({
		entry: 'soak-clients.ts',
		label: 'soak client',
		maxOldSpaceMb: 2048,
	})
	return {
		pid: child.pid,
		call: <C extends SoakCommand>(command: C) => child.send(command) as Promise<SoakResultOf<C>>,
		stop: child.stop,
	}
}

/** What GET /internal/metrics (server/control.ts) answers. */
export type AppMetrics = {
	pid: number
	uptimeSeconds: number
	memory: { rss: number; heapUsed: number; heapTotal: number; external: number }
	loopDelayMs: {
		count: number
		mean: number | null
		p50: number | null
		p99: number | null
		max: number | null
	}
}

export type SoakApp = {
	pid: number
	url: string
	/** Lines the app wrote to stderr (its error log), so far. */
	errorLines: () => string[]
	/** GET /internal/metrics; `reset` starts a new event-loop delay window after the reading. */
	metrics: (reset?: boolean) => Promise<AppMetrics>
	health: () => Promise<{ status: string; search?: { outboxPending?: number | null } }>
	exited: () => boolean
	/** SIGTERM (graceful shutdown), SIGKILL after `graceMs`. */
	stop: (graceMs?: number) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Spawns the app with NODE_ENV=production on 127.0.0.1:`port` with only the given environment
 * (plus PATH and HOME) and waits for its "ready on" line. stdout and stderr go to `logFile`.
 */
export async function startSoakApp({
	port,
	env,
	logFile,
	dataDir,
	cwd,
	readyTimeoutMs = 180_000,
}: {
	port: number
	/** The working directory: the app loads `<cwd>/build/index.js` (see soak-build.ts). */
	cwd: string
	env: Record<string, string>
	logFile: string
	dataDir: string
	readyTimeoutMs?: number
}): Promise<SoakApp> {
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/index.ts')], {
		cwd,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			// tsx reads the repository's tsconfig (path aliases, JSX) whatever the working directory.
			TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
			...env,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			DATA_DIR: dataDir,
			// info: for the "ready on" line; the app logs no request lines below debug.
			LOG_LEVEL: 'info',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	if (!child.pid) throw new Error('app: spawn failed')
	const pid = child.pid
	const log = createWriteStream(logFile)
	let out = ''
	const errors: string[] = []
	let partial = ''
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		log.write(chunk)
		if (out.length < 100_000) out += chunk
	})
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		log.write(`[stderr] ${chunk}`)
		const lines = (partial + chunk).split('\n')
		partial = lines.pop() ?? ''
		for (const line of lines) if (line.trim()) errors.push(line)
	})
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => {
			log.end()
			resolve({ code, signal })
		}),
	)
	const exited = () => child.exitCode !== null || child.signalCode !== null
	const signal = (sig: NodeJS.Signals) => {
		try {
			process.kill(pid, sig)
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
		}
	}
	const url = `http://127.0.0.1:${port}`
	const stop = async (graceMs = 15_000) => {
		if (!exited()) {
			signal('SIGTERM')
			const timer = setTimeout(() => {
				if (!exited()) signal('SIGKILL')
			}, graceMs)
			const result = await exit
			clearTimeout(timer)
			return result
		}
		return exit
	}
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`app not ready within ${readyTimeoutMs} ms`)),
				readyTimeoutMs,
			)
			const check = () => {
				if (out.includes(`ready on ${url}`)) {
					clearTimeout(timer)
					child.stdout.off('data', check)
					resolve()
				}
			}
			child.stdout.on('data', check)
			child.once('exit', (code, sig) => {
				clearTimeout(timer)
				reject(new Error(`app exited before ready (code ${code}, signal ${sig}):\n${errors.join('\n')}`))
			})
		})
	} catch (error) {
		await stop(2_000)
		throw error
	}
	const token = (await readFile(path.join(dataDir, 'control-token'), 'utf8')).trim()
	return {
		pid,
		url,
		errorLines: () => [...errors, ...(partial.trim() ? [partial] : [])],
		async metrics(reset = false) {
			const res = await fetch(`${url}/internal/metrics${reset ? '?reset=1' : ''}`, {
				headers: { authorization: `Bearer ${token}` },
				// A starved event loop answers late; that is a figure, not a failure.
				signal: AbortSignal.timeout(60_000),
			})
			if (!res.ok) throw new Error(`GET /internal/metrics: HTTP ${res.status}`)
			return (await res.json()) as AppMetrics
		},
		async health() {
			const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) })
			return (await res.json()) as { status: string; search?: { outboxPending?: number | null } }
		},
		exited,
		stop,
	}
}
