import { cp, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { MIGRATIONS_DIR, migrate, readMigrations } from '#server/db/migrate'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let dir: string

beforeAll(async () => {
	db = await setupTestDatabase()
	dir = await mkdtemp(path.join(os.tmpdir(), 'xnwh-migrations-'))
	await cp(MIGRATIONS_DIR, dir, { recursive: true })
})
afterAll(async () => {
	await db.stop()
	await rm(dir, { recursive: true, force: true })
})

async function query<T extends pg.QueryResultRow>(sql: string) {
	const client = new pg.Client({ connectionString: db.url })
	await client.connect()
	try {
		return (await client.query<T>(sql)).rows
	} finally {
		await client.end()
	}
}

describe(`migrations (${process.env.TEST_DB_KIND})`, () => {
	test('every migration is recorded as prisma migrate deploy records it', async () => {
		const local = await readMigrations()
		const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; id: string }>(
			'SELECT id, migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
		)
		expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name))
		for (const [i, row] of rows.entries()) {
			expect(row.checksum).toBe(local[i]!.checksum)
			expect(row.checksum).toMatch(/^[0-9a-f]{64}$/)
			expect(row.id).toMatch(/^[0-9a-f-]{36}$/)
			expect(row.finished_at).toBeInstanceOf(Date)
			expect(row.applied_steps_count).toBe(1)
		}
	})

	test('running again applies nothing', async () => {
		expect(await migrate(db.url, { dir })).toEqual([])
	})

	test('a new migration is applied once, in its own transaction', async () => {
		await cp(path.join(dir, '20261127000000_init'), path.join(dir, '29990101000000_probe'), { recursive: true })
		await writeFile(path.join(dir, '29990101000000_probe', 'migration.sql'), 'CREATE TABLE "Probe" ("id" TEXT PRIMARY KEY);')
		expect(await migrate(db.url, { dir })).toEqual(['29990101000000_probe'])
		expect(await query('SELECT * FROM "Probe"')).toEqual([])
		expect(await migrate(db.url, { dir })).toEqual([])
	})

	test('refuses to run when an applied migration file changed', async () => {
		await appendFile(path.join(dir, '29990101000000_probe', 'migration.sql'), '\n-- edited after the fact\n')
		await expect(migrate(db.url, { dir })).rejects.toThrow(/29990101000000_probe was changed after it was applied/)
	})

	test('a failing migration leaves nothing half-written', async () => {
		await writeFile(path.join(dir, '29990101000000_probe', 'migration.sql'), 'CREATE TABLE "Probe" ("id" TEXT PRIMARY KEY);')
		await cp(path.join(dir, '29990101000000_probe'), path.join(dir, '29990102000000_broken'), { recursive: true })
		await writeFile(
			path.join(dir, '29990102000000_broken', 'migration.sql'),
			'CREATE TABLE "HalfDone" ("id" TEXT);\nSELECT * FROM "NoSuchTable";',
		)
		await expect(migrate(db.url, { dir })).rejects.toThrow(/29990102000000_broken failed and was rolled back/)
		const tables = await query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'HalfDone'`)
		expect(tables[0]!.n).toBe(0)
		const recorded = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = '29990102000000_broken'`)
		expect(recorded[0]!.n).toBe(0)
	})
})
