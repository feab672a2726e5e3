import { execFile } from 'node:child_process'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { MIGRATIONS_DIR } from '#server/db/migrate'
import { startEmbeddedPostgres } from '#server/embedded/pglite'

// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL from the schema as of the
// last migration (prisma/migrations/schema-snapshot.prisma) to prisma/schema.prisma, then moves the
// snapshot forward. Prisma's shadow database, --from-url and db pull do not work with a driver
// adapter, so the diff is between two datamodels; the CLI still wants a reachable database, which a
// throw-away in-memory PGlite provides.
const run = promisify(execFile)
const SNAPSHOT = path.join(MIGRATIONS_DIR, 'schema-snapshot.prisma')

export async function diffSchemas(from: string | null, to: string) {
	const pg = await startEmbeddedPostgres({ dataDir: 'memory://' })
	try {
		const fromArgs = from ? ['--from-schema-datamodel', from] : ['--from-empty']
		const { stdout } = await run('npx', ['prisma', 'migrate', 'diff', ...fromArgs, '--to-schema-datamodel', to, '--script'], {
			env: { ...process.env, DATABASE_URL: pg.url, CHECKPOINT_DISABLE: '1' },
			maxBuffer: 16 << 20,
		})
		return stdout
	} finally {
		await pg.stop()
	}
}

export function isEmptyMigration(sql: string) {
	return !sql.trim() || /^-- This is an empty migration/m.test(sql)
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const name = process.argv[2]
	if (!name || !/^[a-z0-9_]+$/.test(name)) {
		console.error('usage: npm run db:new-migration -- <snake_case_name>')
		process.exit(2)
	}
	const sql = await diffSchemas(SNAPSHOT, 'prisma/schema.prisma')
	if (isEmptyMigration(sql)) {
		console.log('schema.prisma matches the last migration: nothing to do')
	} else {
		const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
		const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`)
		await mkdir(dir, { recursive: true })
		await writeFile(path.join(dir, 'migration.sql'), sql)
		await copyFile('prisma/schema.prisma', SNAPSHOT)
		console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it before committing`)
	}
}
