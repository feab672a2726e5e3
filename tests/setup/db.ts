import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { configureDatabase, disconnectDatabase } from '#app/utils/db.server'
import { configureSearch } from '#search/client.server'
import { migrate } from '#server/db/migrate'
import { startEmbeddedPostgres } from '#server/embedded/pglite'

export type TestDatabase = { url: string; kind: 'pglite' | 'postgres'; stop: () => Promise<void> }

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a copy of the migrated
 * template on the real PostgreSQL. The shared Prisma client and search client point at it.
 */
export async function setupTestDatabase(): Promise<TestDatabase> {
	const kind = process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite'
	const prefix = `t${randomBytes(4).toString('hex')}_`
	configureSearch({ url: inject('meiliUrl'), apiKey: inject('meiliKey'), indexPrefix: prefix })
	if (kind === 'pglite') {
		const embedded = await startEmbeddedPostgres({ dataDir: 'memory://' })
		await migrate(embedded.url)
		configureDatabase({ url: embedded.url, max: 1 })
		return {
			url: embedded.url,
			kind,
			async stop() {
				await disconnectDatabase()
				await embedded.stop()
			},
		}
	}
	const adminUrl = inject('pgAdminUrl')
	const name = `xnwh_test_${randomBytes(6).toString('hex')}`
	const admin = new pg.Client({ connectionString: adminUrl })
	await admin.connect()
	await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`)
	await admin.end()
	const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString()
	configureDatabase({ url, max: 4 })
	return {
		url,
		kind,
		async stop() {
			await disconnectDatabase()
			const a = new pg.Client({ connectionString: adminUrl })
			await a.connect()
			await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
			await a.end()
		},
	}
}
