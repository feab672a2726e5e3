import path from 'node:path'
import { configureDatabase, disconnectDatabase } from '#app/utils/db.server'
import { init } from '#app/utils/env.server'
import { configureSearch } from '#search/client.server'
import { INDEXED_ENTITIES } from '#search/indexes/index'
import { checkIndex, reindex, type IndexCheck } from '#search/maintenance.server'
import { migrate } from '#server/db/migrate'
import { readRuntime } from '#server/control'
import { startEmbeddedMeilisearch } from '#server/embedded/meilisearch'
import { startEmbeddedPostgres } from '#server/embedded/pglite'

// npm run search:reindex [-- capability|demand|firm|registration]   npm run search:check [-- …]
// With DATABASE_URL the command talks to the databases itself; with the embedded PGlite it asks
// the running server (whose process owns the PGlite files), or starts the embedded parts itself.
const [command, only] = process.argv.slice(2)
if ((command !== 'reindex' && command !== 'check') || (only && !INDEXED_ENTITIES.some((e) => e === only))) {
	console.error(`usage: search/cli.ts reindex|check [${INDEXED_ENTITIES.join('|')}]`)
	process.exit(2)
}
const entities = INDEXED_ENTITIES.filter((e) => !only || e === only)
const env = init()
const dataDir = path.resolve(env.DATA_DIR)

function bar(entity: string, done: number, total: number) {
	const width = 30
	const filled = total ? Math.round((done / total) * width) : width
	process.stderr.write(`\r${entity.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`)
	if (done >= total) process.stderr.write('\n')
}

let problems = 0
function report(check: IndexCheck) {
	const bad = check.missing.length + check.stale.length + check.extra.length
	problems += bad
	console.log(
		`${check.index}: database ${check.database}, index ${check.indexed}, missing ${check.missing.length}, stale ${check.stale.length}, extra ${check.extra.length}` +
			(bad ? `\n  missing: ${check.missing.slice(0, 10).join(' ')}\n  stale: ${check.stale.slice(0, 10).join(' ')}\n  extra: ${check.extra.slice(0, 10).join(' ')}` : ''),
	)
}

const runtime = env.DATABASE_URL ? null : await readRuntime(dataDir)
if (runtime) {
	for (const entity of entities) {
		const res = await fetch(`${runtime.url}/internal/search/${command}?entity=${entity}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${runtime.token}` },
		})
		if (!res.ok || !res.body) throw new Error(`server answered ${res.status}`)
		let buffer = ''
		for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
			buffer += Buffer.from(chunk).toString('utf8')
			let nl: number
			while ((nl = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, nl)
				buffer = buffer.slice(nl + 1)
				const [kind, ...rest] = line.split(' ')
				if (kind === 'progress') bar(rest[0]!, Number(rest[1]), Number(rest[2]))
				else if (kind === 'result' && command === 'check') report(JSON.parse(rest.join(' ')) as IndexCheck)
				else if (kind === 'result') console.log(rest.join(' '))
				else if (kind === 'error') {
					console.error(rest.join(' '))
					process.exitCode = 1
				}
			}
		}
	}
} else {
	const stops: Array<() => Promise<void>> = []
	let url = env.DATABASE_URL
	if (!url) {
		const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg') })
		stops.push(pg.stop)
		url = pg.url
	}
	await migrate(url)
	configureDatabase({ url, max: env.DATABASE_URL ? env.DATABASE_POOL_MAX : 1 })
	if (env.MEILI_URL && env.MEILI_MASTER_KEY) {
		configureSearch({ url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, indexPrefix: env.MEILI_INDEX_PREFIX })
	} else {
		const meili = await startEmbeddedMeilisearch({ dataDir, logger: { info: () => {}, error: console.error } })
		stops.push(meili.stop)
		configureSearch({ url: meili.url, apiKey: meili.masterKey, indexPrefix: env.MEILI_INDEX_PREFIX })
	}
	try {
		for (const entity of entities) {
			if (command === 'reindex') console.log(JSON.stringify(await reindex(entity, (d, t) => bar(entity, d, t))))
			else report(await checkIndex(entity))
		}
	} finally {
		await disconnectDatabase()
		for (const stop of stops.reverse()) await stop()
	}
}
if (command === 'check' && problems > 0) process.exitCode = 1
