import { createHash, randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url))

// Same lock id as `prisma migrate deploy`, so the two never run at once against one database.
const ADVISORY_LOCK_ID = 72707369

export type LocalMigration = { name: string; sql: string; checksum: string }

export class MigrationError extends Error {}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<LocalMigration[]> {
	const entries = await readdir(dir, { withFileTypes: true })
	const names = entries
		.filter((e) => e.isDirectory())
		.map((e) => e.name)
		.sort()
	return Promise.all(
		names.map(async (name) => {
			const bytes = await readFile(path.join(dir, name, 'migration.sql'))
			return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') }
		}),
	)
}

type AppliedRow = {
	migration_name: string
	checksum: string
	finished_at: Date | null
	rolled_back_at: Date | null
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
	"id" VARCHAR(36) PRIMARY KEY NOT NULL,
	"checksum" VARCHAR(64) NOT NULL,
	"finished_at" TIMESTAMPTZ,
	"migration_name" VARCHAR(255) NOT NULL,
	"logs" TEXT,
	"rolled_back_at" TIMESTAMPTZ,
	"started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
	"applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`

/**
 * Applies pending migrations in name order, each in its own transaction, recording them in
 * `_prisma_migrations` as `prisma migrate deploy` does. Refuses to run when an applied migration's
 * file has changed or a previous migration failed.
 */
export async function migrate(
	connectionString: string,
	{ dir = MIGRATIONS_DIR, log = (_line: string) => {} }: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
	const local = await readMigrations(dir)
	const client = new pg.Client({ connectionString })
	await client.connect()
	try {
		await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_ID])
		await client.query(CREATE_TABLE)
		const { rows } = await client.query<AppliedRow>(
			'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
		)
		const applied = new Map<string, AppliedRow>()
		for (const row of rows) {
			if (row.rolled_back_at) continue
			if (!row.finished_at) {
				throw new MigrationError(
					`Migration ${row.migration_name} failed earlier and is recorded as unfinished; fix the database and mark it rolled back before migrating again.`,
				)
			}
			applied.set(row.migration_name, row)
		}
		for (const m of local) {
			const row = applied.get(m.name)
			if (row && row.checksum !== m.checksum) {
				throw new MigrationError(
					`Migration ${m.name} was changed after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ${m.checksum.slice(0, 12)}… on disk). Applied migrations must never be edited; create a new one instead.`,
				)
			}
		}
		const done: string[] = []
		for (const m of local) {
			if (applied.has(m.name)) continue
			const id = randomUUID()
			await client.query('BEGIN')
			try {
				await client.query(
					'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
					[id, m.checksum, m.name],
				)
				await client.query(m.sql)
				await client.query(
					'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
					[id],
				)
				await client.query('COMMIT')
			} catch (error) {
				await client.query('ROLLBACK')
				throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${(error as Error).message}`)
			}
			log(`applied migration ${m.name}`)
			done.push(m.name)
		}
		return done
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_ID]).catch(() => {})
		await client.end()
	}
}
