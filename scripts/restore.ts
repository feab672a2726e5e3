import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { configureDatabase, disconnectDatabase } from '#app/utils/db.server'
import { init } from '#app/utils/env.server'
import { configureSearch } from '#search/client.server'
import { INDEXED_ENTITIES } from '#search/indexes/index'
import { reindex } from '#search/maintenance.server'
import { readRuntime } from '#server/control'
import { migrate, readMigrations } from '#server/db/migrate'
import { startEmbeddedMeilisearch } from '#server/embedded/meilisearch'
import {
	BackupError,
	countRows,
	findPgTool,
	libpqEnv,
	MANIFEST_FILE,
	MANIFEST_FORMAT,
	parseArgs,
	PGLITE_MESSAGE,
	runTool,
	serverMajor,
	sha256File,
	type Manifest,
} from './backup'

// npm run restore -- --from <dir> [--force] [--no-search]
// Restores a backup written by `npm run backup` into DATABASE_URL, which must be empty (no tables in
// the public schema) unless --force, which drops the public schema first. Then applies any newer
// migrations, checks the row count of every table against the manifest and rebuilds every
// Meilisearch index (MEILI_URL / MEILI_MASTER_KEY / MEILI_INDEX_PREFIX, or the embedded one under
// DATA_DIR) from the restored database, as `npm run search:reindex` does.

async function readManifest(dir: string): Promise<Manifest> {
	let manifest: Manifest
	try {
		manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest
	} catch (error) {
		throw new BackupError(`${path.join(dir, MANIFEST_FILE)}: ${(error as Error).message}`)
	}
	if (manifest.format !== MANIFEST_FORMAT) throw new BackupError(`unknown backup format ${manifest.format}`)
	const sha = await sha256File(path.join(dir, manifest.dumpFile)).catch((error: Error) => {
		throw new BackupError(`${manifest.dumpFile}: ${error.message}`)
	})
	if (sha !== manifest.dumpSha256) throw new BackupError(`${manifest.dumpFile} is damaged (checksum differs)`)
	const known = new Set((await readMigrations()).map((m) => m.name))
	const unknown = manifest.migrations.filter((m) => !known.has(m))
	if (unknown.length)
		throw new BackupError(
			`the backup comes from a newer version of the app (migrations ${unknown.join(', ')}): update the app first`,
		)
	return manifest
}

export type RestoreResult = {
	tables: Record<string, { expected: number; restored: number }>
	mismatches: string[]
	search: Array<{ index: string; documents: number }>
}

export async function restore({
	url,
	from,
	force = false,
	search = true,
	log = () => {},
}: {
	url: string
	from: string
	force?: boolean
	search?: boolean
	log?: (line: string) => void
}): Promise<RestoreResult> {
	const dir = path.resolve(from)
	const manifest = await readManifest(dir)
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	const result: RestoreResult = { tables: {}, mismatches: [], search: [] }
	try {
		const server = await serverMajor(client)
		const pgRestore = await findPgTool('pg_restore', server.major)
		const { rows } = await client.query<{ n: string }>(
			`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`,
		)
		if (Number(rows[0]!.n) > 0) {
			if (!force)
				throw new BackupError(
					`the target database is not empty (${rows[0]!.n} tables): restore into an empty database, or pass --force to replace its contents`,
				)
			log('--force: dropping the public schema of the target database')
			await client.query('DROP SCHEMA public CASCADE')
			await client.query('CREATE SCHEMA public')
		}
		log(`restoring ${manifest.dumpFile} (${manifest.createdAt}) with ${pgRestore.text}`)
		const env = libpqEnv(url)
		await runTool(
			pgRestore.bin,
			[
				'--no-owner',
				'--no-acl',
				'--exit-on-error',
				'--single-transaction',
				// The connection comes from the PG* variables (no password on the command line).
				`--dbname=${env.PGDATABASE}`,
				path.join(dir, manifest.dumpFile),
			],
			env,
		)
		const applied = await migrate(url)
		if (applied.length) log(`applied ${applied.length} newer migration(s): ${applied.join(', ')}`)

		const restored = await countRows(client)
		for (const [table, expected] of Object.entries(manifest.tables)) {
			const count = restored[table] ?? -1
			result.tables[table] = { expected, restored: count }
			// Newer migrations may add rows to _prisma_migrations (and only there).
			const ok = table === '_prisma_migrations' ? count === expected + applied.length : count === expected
			if (!ok) result.mismatches.push(`${table}: backup ${expected}, restored ${count}`)
		}
	} finally {
		await client.end()
	}
	if (result.mismatches.length) throw new BackupError(`row counts differ: ${result.mismatches.join('; ')}`)

	if (search) {
		configureDatabase({ url, max: 2 })
		try {
			for (const entity of INDEXED_ENTITIES) {
				const { index, documents } = await reindex(entity)
				result.search.push({ index, documents })
				log(`search index ${index}: ${documents} documents`)
			}
		} finally {
			await disconnectDatabase()
		}
	}
	return result
}

async function main() {
	const args = parseArgs(process.argv.slice(2), ['force', 'no-search'], ['from'])
	if (typeof args.from !== 'string')
		throw new BackupError('usage: npm run restore -- --from <dir> [--force] [--no-search]')
	const env = init()
	if (!env.DATABASE_URL) throw new BackupError(PGLITE_MESSAGE)
	const running = await readRuntime(path.resolve(env.DATA_DIR))
	if (running)
		throw new BackupError(`the app is running (pid ${running.pid}, ${running.url}): stop it before restoring`)
	const search = args['no-search'] !== true
	let stopMeili: (() => Promise<void>) | undefined
	if (search) {
		if (env.MEILI_URL && env.MEILI_MASTER_KEY) {
			configureSearch({
				url: env.MEILI_URL,
				apiKey: env.MEILI_MASTER_KEY,
				indexPrefix: env.MEILI_INDEX_PREFIX,
			})
		} else {
			const meili = await startEmbeddedMeilisearch({
				dataDir: path.resolve(env.DATA_DIR),
				logger: { info: () => {}, error: console.error },
			})
			stopMeili = meili.stop
			configureSearch({ url: meili.url, apiKey: meili.masterKey, indexPrefix: env.MEILI_INDEX_PREFIX })
		}
	}
	try {
		const result = await restore({
			url: env.DATABASE_URL,
			from: args.from,
			force: args.force === true,
			search,
			log: console.log,
		})
		const tables = Object.keys(result.tables).length
		const rows = Object.values(result.tables).reduce((n, t) => n + t.restored, 0)
		console.log(`restored ${tables} tables, ${rows} rows; row counts equal to the backup's`)
	} finally {
		await stopMeili?.()
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	main().catch((error: unknown) => {
		console.error(error instanceof BackupError ? `restore: ${error.message}` : error)
		process.exitCode = 1
	})
}
