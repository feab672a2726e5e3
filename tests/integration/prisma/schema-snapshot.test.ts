import { readdir } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { MIGRATIONS_DIR, readMigrations } from '#server/db/migrate'
import { diffSchemas, isEmptyMigration } from '../../../scripts/new-migration'

describe('schema, snapshot and migrations agree', () => {
	test('schema.prisma has no change that lacks a migration', async () => {
		const sql = await diffSchemas(`${MIGRATIONS_DIR}/schema-snapshot.prisma`, 'prisma/schema.prisma')
		expect(isEmptyMigration(sql), sql).toBe(true)
	})

	test('the first migration is exactly what the diff from empty produced, and names sort in order', async () => {
		const migrations = await readMigrations()
		expect(migrations.length).toBeGreaterThan(0)
		const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name)
		expect(names).toEqual([...names].sort())
		for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/)
		if (migrations.length === 1) {
			expect(migrations[0]!.sql).toBe(await diffSchemas(null, 'prisma/schema.prisma'))
		}
	})
})
