import { startEmbeddedPostgres } from '#server/embedded/pglite'
import { migrate } from '#server/db/migrate'
import { configureDatabase, disconnectDatabase } from '#app/utils/db.server'
import { init } from '#app/utils/env.server'
import path from 'node:path'
import { seed } from './seed'

// Seeds the configured PostgreSQL, or the embedded PGlite data directory when DATABASE_URL is unset
// (the app must not be running then: PGlite's files are single-process).
const env = init()
let stopEmbedded: (() => Promise<void>) | undefined
let url = env.DATABASE_URL
if (!url) {
	const pg = await startEmbeddedPostgres({ dataDir: path.resolve(env.DATA_DIR, 'pg') })
	url = pg.url
	stopEmbedded = pg.stop
}
await migrate(url, { log: console.log })
configureDatabase({ url, max: stopEmbedded ? 1 : 4 })
try {
	await seed()
} finally {
	await disconnectDatabase()
	await stopEmbedded?.()
}
