import path from 'node:path'
import { init } from '#app/utils/env.server'
import { migrate } from '#server/db/migrate'
import { startEmbeddedPostgres } from '#server/embedded/pglite'

// Applies pending migrations to DATABASE_URL, or to the embedded PGlite data directory when unset.
const env = init()
let url = env.DATABASE_URL
let stop: (() => Promise<void>) | undefined
if (!url) {
	const pg = await startEmbeddedPostgres({ dataDir: path.resolve(env.DATA_DIR, 'pg') })
	url = pg.url
	stop = pg.stop
}
try {
	const applied = await migrate(url, { log: console.log })
	console.log(applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date')
} catch (error) {
	console.error((error as Error).message)
	process.exitCode = 1
} finally {
	await stop?.()
}
