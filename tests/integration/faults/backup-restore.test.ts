import { randomBytes } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { seed } from '#prisma/seed'
import { configureSearch } from '#search/client.server'
import { ListingSearchSchema, searchCapabilities } from '#search/query.server'
import { countRows, type Manifest } from '../../../scripts/backup'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'
import { runScript } from './helpers/run-script'

// The backup drill: the demo seeded into a fresh database, `npm run backup`, `npm run restore` into
// another fresh database and a fresh Meilisearch index prefix; every table has the same row count
// and a search for a seeded demo product finds it in the rebuilt index.

let db: TestDatabase
const tag = randomBytes(4).toString('hex')
const tmpDir = path.resolve('tests/.tmp', `backup-${tag}`)
const targetName = `xnwh_restore_${tag}`
let targetUrl: string
const restoredPrefix = `rs${tag}_`
const figures = { tables: 0, rows: 0, equal: false, searchHits: 0, backupMs: 0, restoreMs: 0 }

async function adminQuery(sql: string) {
	const admin = new pg.Client({ connectionString: inject('pgAdminUrl') })
	await admin.connect()
	try {
		await admin.query(sql)
	} finally {
		await admin.end()
	}
}

async function countsOf(url: string) {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		return await countRows(client)
	} finally {
		await client.end()
	}
}

beforeAll(async () => {
	db = await setupTestDatabase()
	if (db.kind !== 'postgres') throw new Error('the backup drill needs the real PostgreSQL')
	await seed({ log: () => {} })
	// An empty database (no tables), as a new server would have.
	await adminQuery(`CREATE DATABASE "${targetName}" TEMPLATE template0`)
	targetUrl = Object.assign(new URL(inject('pgAdminUrl')), { pathname: `/${targetName}` }).toString()
})

afterAll(async () => {
	console.log(
		`SUITE backup tables=${figures.tables} rows=${figures.rows} equal=${figures.equal} search_hits=${figures.searchHits} backup_ms=${figures.backupMs} restore_ms=${figures.restoreMs}`,
	)
	await db?.stop()
	await adminQuery(`DROP DATABASE IF EXISTS "${targetName}" WITH (FORCE)`).catch(() => {})
	await rm(tmpDir, { recursive: true, force: true })
})

// Each step spawns a script (tsx start-up, pg_dump/pg_restore, the reindex): minutes on a loaded machine.
describe('backup and restore drill (pg_dump + reindex)', { timeout: 240_000 }, () => {
	const out = path.join(tmpDir, 'backup')
	const restoreEnv = () => ({
		DATABASE_URL: targetUrl,
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: restoredPrefix,
		DATA_DIR: path.join(tmpDir, 'data'),
	})

	test('npm run backup writes a custom-format dump and a manifest of the demo', async () => {
		const result = await runScript('scripts/backup.ts', ['--out', out], {
			DATABASE_URL: db.url,
			DATA_DIR: path.join(tmpDir, 'data'),
		})
		figures.backupMs = result.ms
		expect(result.stderr).toBe('')
		expect(result.code).toBe(0)
		const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest
		const dump = await readFile(path.join(out, manifest.dumpFile))
		// pg_dump's custom format starts with "PGDMP".
		expect(dump.subarray(0, 5).toString('latin1')).toBe('PGDMP')
		expect(dump.length).toBe(manifest.dumpBytes)
		expect(manifest.tables).toEqual(await countsOf(db.url))
		expect(manifest.tables.Capability).toBeGreaterThan(10)
		expect(manifest.tables._prisma_migrations).toBe(manifest.migrations.length)
		expect(Date.now() - Date.parse(manifest.createdAt)).toBeLessThan(5 * 60_000)

		// A second backup into the same directory is refused (nothing is overwritten).
		const again = await runScript('scripts/backup.ts', ['--out', out], { DATABASE_URL: db.url })
		expect(again.code).toBe(1)
		expect(again.stderr).toContain('already holds a backup')

		// The embedded PGlite (no DATABASE_URL) is refused with directions, not half backed up.
		const embedded = await runScript('scripts/backup.ts', ['--out', path.join(tmpDir, 'pglite')], {
			DATA_DIR: path.join(tmpDir, 'data'),
		})
		expect(embedded.code).toBe(1)
		expect(embedded.stderr).toContain('PGlite')
		expect(embedded.stderr).toContain('DATA_DIR')
	})

	test('npm run restore into an empty database: equal row counts, and search works from the rebuilt index', async () => {
		const result = await runScript('scripts/restore.ts', ['--from', out], restoreEnv())
		figures.restoreMs = result.ms
		expect(result.stderr).toBe('')
		expect(result.code).toBe(0)
		const source = await countsOf(db.url)
		const restored = await countsOf(targetUrl)
		figures.tables = Object.keys(restored).length
		figures.rows = Object.values(restored).reduce((a, b) => a + b, 0)
		figures.equal = JSON.stringify(source) === JSON.stringify(restored)
		expect(restored).toEqual(source)
		expect(figures.tables).toBeGreaterThan(20)

		configureSearch({ url: inject('meiliUrl'), apiKey: inject('meiliKey'), indexPrefix: restoredPrefix })
		const found = await searchCapabilities(ListingSearchSchema.parse({ q: '立式加工中心' }))
		figures.searchHits = found.hits.length
		expect(found.hits.map((h) => h.title)).toContain('立式加工中心 VMC850')
	})

	test('restore refuses a non-empty database unless --force', async () => {
		const refused = await runScript('scripts/restore.ts', ['--from', out, '--no-search'], restoreEnv())
		expect(refused.code).toBe(1)
		expect(refused.stderr).toContain('not empty')
		const forced = await runScript(
			'scripts/restore.ts',
			['--from', out, '--force', '--no-search'],
			restoreEnv(),
		)
		expect(forced.stderr).toBe('')
		expect(forced.code).toBe(0)
		expect(await countsOf(targetUrl)).toEqual(await countsOf(db.url))
	})

	test('a damaged dump is refused before anything is touched', async () => {
		const manifestFile = path.join(out, 'manifest.json')
		const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Manifest
		await writeFile(manifestFile, JSON.stringify({ ...manifest, dumpSha256: '0'.repeat(64) }))
		const refused = await runScript('scripts/restore.ts', ['--from', out, '--force'], restoreEnv())
		expect(refused.code).toBe(1)
		expect(refused.stderr).toContain('damaged')
		expect(await countsOf(targetUrl)).toEqual(await countsOf(db.url))
	})
})
