import { execFile } from 'node:child_process'
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type PrivatePostgres = {
	url: string
	port: number
	/** The postmaster's PID (from postmaster.pid), while it runs. */
	pid: () => Promise<number | undefined>
	stop: (mode?: 'fast' | 'immediate') => Promise<void>
	start: () => Promise<void>
	/** Stops the server and removes its directory. */
	destroy: () => Promise<void>
	log: () => Promise<string>
}

async function binDir() {
	try {
		return (await run('pg_config', ['--bindir'])).stdout.trim()
	} catch {
		const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a))
		return `/usr/lib/postgresql/${versions[0]}/bin`
	}
}

/**
 * A private PostgreSQL cluster (initdb into a temporary directory owned by the postgres user, trust
 * authentication, loopback on `port`), so that a test may stop and start it without touching the
 * shared server. Commands run as the postgres user through `runuser` when this process is root.
 */
export async function startPrivatePostgres(port: number): Promise<PrivatePostgres> {
	const bin = await binDir()
	const dir = await mkdtemp(path.join(tmpdir(), 'xnwh-pg-'))
	const data = path.join(dir, 'data')
	const logFile = path.join(dir, 'server.log')
	const root = process.getuid?.() === 0
	let uid = 0
	let gid = 0
	if (root) {
		uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim())
		gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim())
		await chown(dir, uid, gid)
	}
	const as = (tool: string, args: string[]) =>
		root
			? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args])
			: run(path.join(bin, tool), args)

	await as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'])
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`
	const start = async () => {
		await as('pg_ctl', ['-D', data, '-o', options, '-l', logFile, '-w', '-t', '30', 'start'])
	}
	const pid = async () => {
		try {
			const n = Number((await readFile(path.join(data, 'postmaster.pid'), 'utf8')).split('\n')[0])
			return Number.isInteger(n) && n > 1 ? n : undefined
		} catch {
			return undefined
		}
	}
	const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
		if (!(await pid())) return
		await as('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop'])
	}
	await start()
	return {
		url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
		port,
		pid,
		stop,
		start,
		log: () => readFile(logFile, 'utf8').catch(() => ''),
		async destroy() {
			await stop('immediate').catch(async () => {
				// pg_ctl failed: the postmaster by its PID.
				const p = await pid()
				if (p) process.kill(p, 'SIGKILL')
			})
			await rm(dir, { recursive: true, force: true })
		},
	}
}
