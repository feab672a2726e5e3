import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export type AppProcess = {
	name: string
	pid: number
	port: number
	url: string
	/** Everything the process wrote so far (stdout and stderr interleaved, prefixed). */
	output: () => string
	/** Only what it wrote to stderr (errors: console.error and logger.error). */
	errors: () => string
	exited: () => boolean
	/** Resolves once the process is gone, with its exit code or signal. */
	exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
	/** `kill -9`: no shutdown hooks run, sockets are reset by the kernel. */
	crash: () => Promise<void>
	/** SIGTERM (graceful shutdown), SIGKILL if it has not exited within `graceMs`. */
	stop: (graceMs?: number) => Promise<void>
}

const live = new Set<ChildProcess>()

/** Signals a process by its id; one that is already gone is not an error. */
function sendSignal(pid: number, sig: NodeJS.Signals) {
	try {
		process.kill(pid, sig)
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
	}
}
let exitHookInstalled = false

/** Last resort if the test worker goes away without running afterAll: no orphaned app processes. */
function installExitHook() {
	if (exitHookInstalled) return
	exitHookInstalled = true
	process.once('exit', () => {
		for (const child of live)
			if (child.pid && child.exitCode === null && child.signalCode === null) sendSignal(child.pid, 'SIGKILL')
	})
}

/**
 * Spawns the real app (`node --import tsx server/index.ts`, as `npm start` does after its build
 * check; needs build/index.js) with NODE_ENV=test, HOST=127.0.0.1, PORT=`port` and only the given
 * environment otherwise, and waits for its "ready on" line.
 */
export async function startAppProcess({
	name,
	port,
	env,
	readyTimeoutMs = 60_000,
}: {
	name: string
	port: number
	env: Record<string, string>
	readyTimeoutMs?: number
}): Promise<AppProcess> {
	installExitHook()
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: path.resolve('.'),
		// Not this worker's environment; LOG_LEVEL=info for the "ready on" line.
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			...env,
			NODE_ENV: 'test',
			PORT: String(port),
			HOST: '127.0.0.1',
			LOG_LEVEL: 'info',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	if (!child.pid) throw new Error(`${name}: spawn failed`)
	live.add(child)
	const pid = child.pid
	const spawnedAt = Date.now()
	let out = ''
	let err = ''
	const prefix = (chunk: string, tag: string) =>
		chunk.replace(/^(?=.)/gm, `[${tag} +${Date.now() - spawnedAt}ms] `)
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += prefix(chunk, name)))
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		err += chunk
		out += prefix(chunk, `${name}!`)
	})
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => {
			live.delete(child)
			resolve({ code, signal })
		}),
	)
	const exited = () => child.exitCode !== null || child.signalCode !== null

	const url = `http://127.0.0.1:${port}`
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup()
			reject(new Error(`${name} not ready within ${readyTimeoutMs} ms:\n${out}`))
		}, readyTimeoutMs)
		const onData = () => {
			if (out.includes(`ready on ${url}`)) {
				cleanup()
				resolve()
			}
		}
		const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
			cleanup()
			reject(new Error(`${name} exited before ready (code ${code}, signal ${signal}):\n${out}`))
		}
		const cleanup = () => {
			clearTimeout(timer)
			child.stdout!.off('data', onData)
			child.off('exit', onExit)
		}
		child.stdout!.on('data', onData)
		child.once('exit', onExit)
	}).catch(async (error: unknown) => {
		if (!exited()) {
			sendSignal(pid, 'SIGKILL')
			await exit
		}
		throw error
	})

	return {
		name,
		pid,
		port,
		url,
		output: () => out,
		errors: () => err,
		exited,
		exit,
		async crash() {
			if (exited()) return
			sendSignal(pid, 'SIGKILL')
			await exit
		},
		async stop(graceMs = 10_000) {
			if (exited()) return
			sendSignal(pid, 'SIGTERM')
			const timer = setTimeout(() => {
				if (!exited()) sendSignal(pid, 'SIGKILL')
			}, graceMs)
			await exit
			clearTimeout(timer)
		},
	}
}
