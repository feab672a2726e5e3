import { execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { init } from '#app/utils/env.server'

// npm run backup -- --out <dir>
// A pg_dump (custom format) of DATABASE_URL into <dir>/database.dump, plus <dir>/manifest.json with
// the row count of every table, the applied migrations and the time, all taken from the same
// snapshot as the dump. The search indexes are not backed up: `npm run restore` rebuilds them from
// the database. Restore with `npm run restore -- --from <dir>` (scripts/restore.ts).

export const DUMP_FILE = 'database.dump'
export const MANIFEST_FILE = 'manifest.json'
export const MANIFEST_FORMAT = 'xnwh-backup/1'

export type Manifest = {
	format: typeof MANIFEST_FORMAT
	createdAt: string
	serverVersion: string
	pgDumpVersion: string
	dumpFile: string
	dumpBytes: number
	dumpSha256: string
	migrations: string[]
	tables: Record<string, number>
}

const run = promisify(execFile)

export class BackupError extends Error {}

/** The embedded PGlite (PostgreSQL 17 in this process, one connection) cannot be dumped by pg_dump. */
export const PGLITE_MESSAGE =
	'DATABASE_URL is not set: the app runs on the embedded PGlite, which pg_dump cannot back up ' +
	'(PGlite serves one connection and speaks PostgreSQL 17, newer than the installed pg_dump). ' +
	'Back it up as files instead: stop the app (npm stop) and copy the whole DATA_DIR (pg/ and meili/), ' +
	'or move to PostgreSQL (DATABASE_URL) and use npm run backup / npm run restore.'

export function parseArgs(argv: string[], flags: string[], options: string[]) {
	const values: Record<string, string | true> = {}
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!
		const name = arg.replace(/^--/, '').split('=')[0]!
		if (!arg.startsWith('--') || ![...flags, ...options].includes(name))
			throw new BackupError(`unknown argument: ${arg}`)
		if (flags.includes(name)) values[name] = true
		else if (arg.includes('=')) values[name] = arg.slice(arg.indexOf('=') + 1)
		else if (argv[i + 1] !== undefined) values[name] = argv[++i]!
		else throw new BackupError(`${arg} needs a value`)
	}
	return values
}

/** libpq environment for a connection URL, so that the password never appears on a command line. */
export function libpqEnv(url: string): Record<string, string> {
	const u = new URL(url)
	const env: Record<string, string> = {
		PATH: process.env.PATH ?? '',
		HOME: process.env.HOME ?? '',
		PGHOST: decodeURIComponent(u.hostname) || '127.0.0.1',
		PGPORT: u.port || '5432',
		PGDATABASE: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
		PGCONNECT_TIMEOUT: '10',
	}
	if (u.username) env.PGUSER = decodeURIComponent(u.username)
	if (u.password) env.PGPASSWORD = decodeURIComponent(u.password)
	const sslmode = u.searchParams.get('sslmode')
	if (sslmode) env.PGSSLMODE = sslmode
	const host = u.searchParams.get('host')
	if (host) env.PGHOST = host
	return env
}

/** Major version of a PostgreSQL client tool (`pg_dump (PostgreSQL) 15.20 …` → 15). */
async function toolVersion(bin: string): Promise<{ major: number; text: string } | null> {
	try {
		const { stdout } = await run(bin, ['--version'])
		const match = /(\d+)(?:\.\d+)?/.exec(stdout)
		return match ? { major: Number(match[1]), text: stdout.trim() } : null
	} catch {
		return null
	}
}

/**
 * The newest `tool` (pg_dump or pg_restore) found in PG_BINDIR, /usr/lib/postgresql/<n>/bin,
 * `pg_config --bindir` and PATH; refuses one older than the server (pg_dump would abort).
 */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', serverMajor: number) {
	const dirs: string[] = []
	if (process.env.PG_BINDIR) dirs.push(process.env.PG_BINDIR)
	try {
		const versions = await readdir('/usr/lib/postgresql')
		for (const v of versions.sort((a, b) => Number(b) - Number(a))) dirs.push(`/usr/lib/postgresql/${v}/bin`)
	} catch {
		// not a Debian layout
	}
	try {
		dirs.push((await run('pg_config', ['--bindir'])).stdout.trim())
	} catch {
		// no pg_config
	}
	const candidates = [...dirs.map((d) => path.join(d, tool)), tool]
	let best: { bin: string; major: number; text: string } | undefined
	for (const bin of candidates) {
		const version = await toolVersion(bin)
		if (version && (!best || version.major > best.major)) best = { bin, ...version }
	}
	if (!best) throw new BackupError(`${tool} not found: install the PostgreSQL client tools or set PG_BINDIR`)
	if (best.major < serverMajor)
		throw new BackupError(
			`${best.text} is older than the server (PostgreSQL ${serverMajor}): install the version ${serverMajor} client tools or set PG_BINDIR`,
		)
	return best
}

/** Row count of every table in the public schema (Prisma's `_prisma_migrations` included). */
export async function countRows(client: pg.Client | pg.PoolClient): Promise<Record<string, number>> {
	const { rows } = await client.query<{ tablename: string }>(
		`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
	)
	const counts: Record<string, number> = {}
	for (const { tablename } of rows) {
		const quoted = `"${tablename.replace(/"/g, '""')}"`
		const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${quoted}`)
		counts[tablename] = Number(result.rows[0]!.n)
	}
	return counts
}

export async function appliedMigrations(client: pg.Client): Promise<string[]> {
	const exists = await client.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`)
	if (!exists.rows[0].ok) return []
	const { rows } = await client.query<{ migration_name: string }>(
		`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
	)
	return rows.map((r) => r.migration_name)
}

export async function sha256File(file: string) {
	const hash = createHash('sha256')
	for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
	return hash.digest('hex')
}

export async function serverMajor(client: pg.Client) {
	const { rows } = await client.query<{ v: string; s: string }>(
		`SELECT current_setting('server_version_num') AS v, current_setting('server_version') AS s`,
	)
	return { major: Math.floor(Number(rows[0]!.v) / 10000), text: rows[0]!.s }
}

/** Runs a PostgreSQL tool; rejects with its stderr when it fails. */
export function runTool(bin: string, args: string[], env: Record<string, string>) {
	return new Promise<void>((resolve, reject) => {
		const child = spawn(bin, args, {
			env: { ...env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
			stdio: ['ignore', 'ignore', 'pipe'],
		})
		let stderr = ''
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
		child.once('error', reject)
		child.once('exit', (code, signal) => {
			if (code === 0) resolve()
			else
				reject(
					new BackupError(`${path.basename(bin)} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`),
				)
		})
	})
}

export async function backup({ url, out }: { url: string; out: string }): Promise<Manifest> {
	const dir = path.resolve(out)
	await mkdir(dir, { recursive: true })
	const existing = (await readdir(dir)).filter((f) => f === DUMP_FILE || f === MANIFEST_FILE)
	if (existing.length) throw new BackupError(`${dir} already holds a backup (${existing.join(', ')})`)

	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		const server = await serverMajor(client)
		const pgDump = await findPgTool('pg_dump', server.major)
		// One snapshot for the counts, the migration list and the dump: the manifest describes the dump exactly.
		await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
		const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id
		const createdAt = new Date().toISOString()
		const tables = await countRows(client)
		const migrations = await appliedMigrations(client)
		const partial = path.join(dir, `${DUMP_FILE}.partial`)
		await rm(partial, { force: true })
		await runTool(
			pgDump.bin,
			['--format=custom', '--no-owner', '--no-acl', `--snapshot=${snapshot}`, `--file=${partial}`],
			libpqEnv(url),
		)
		await client.query('COMMIT')
		const dumpFile = path.join(dir, DUMP_FILE)
		await rename(partial, dumpFile)
		const manifest: Manifest = {
			format: MANIFEST_FORMAT,
			createdAt,
			serverVersion: server.text,
			pgDumpVersion: pgDump.text,
			dumpFile: DUMP_FILE,
			dumpBytes: (await stat(dumpFile)).size,
			dumpSha256: await sha256File(dumpFile),
			migrations,
			tables,
		}
		await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, '\t') + '\n')
		return manifest
	} finally {
		await client.end()
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2), [], ['out'])
	if (typeof args.out !== 'string') throw new BackupError('usage: npm run backup -- --out <dir>')
	const env = init()
	if (!env.DATABASE_URL) throw new BackupError(PGLITE_MESSAGE)
	const manifest = await backup({ url: env.DATABASE_URL, out: args.out })
	const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0)
	console.log(
		`backup written to ${path.resolve(args.out)}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ` +
			`${manifest.migrations.length} migrations, ${manifest.dumpBytes} bytes (${manifest.pgDumpVersion})`,
	)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	main().catch((error: unknown) => {
		console.error(error instanceof BackupError ? `backup: ${error.message}` : error)
		process.exitCode = 1
	})
}
