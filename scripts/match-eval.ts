// npm run match:eval -- --capabilities FILE --demands FILE [--qrels FILE] [--k 10]
//
// Loads a relevance set into a fresh, isolated index (the app's capabilities settings, documents built by the app's
// builder and segmentation), runs the app's matcher for every demand and prints one JSON line per demand. With
// --qrels it also prints metrics for the matcher and for a baseline (plain search of the demand title in an index
// with default settings). Uses MEILI_URL + MEILI_MASTER_KEY when set, otherwise an embedded Meilisearch under
// tests/.tmp/match-eval-<pid>; removes its indexes (and the embedded data) before exiting.

import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { applyIndexSettings } from '#search/apply-settings.server'
import { configureSearch, getSearchClient } from '#search/client.server'
import { buildCapabilityDocument } from '#search/documents/capability'
import { CAPABILITIES_INDEX } from '#search/indexes/capabilities'
import {
	capabilityRowFromDataset,
	DatasetCapabilitySchema,
	DatasetDemandSchema,
	demandFromDataset,
	parseJsonLines,
} from '#search/matching/dataset'
import { matchDemand, meiliSearchFn } from '#search/matching/match.server'
import { meanMetrics, parseQrels, type Metrics } from '#search/matching/metrics'
import { segmentForIndex } from '#search/segment.server'
import { startEmbeddedMeilisearch, type EmbeddedMeili } from '#server/embedded/meilisearch'

const TASK_TIMEOUT_MS = 60_000

function usage(message: string): never {
	process.stderr.write(
		`${message}\nusage: npm run match:eval -- --capabilities FILE --demands FILE [--qrels FILE] [--k 10]\n`,
	)
	process.exit(2)
}

function metricLine(name: string, m: Metrics): string {
	const f = (v: number) => v.toFixed(4)
	return `METRIC ${name} ndcg@10=${f(m.ndcg)} recall@10=${f(m.recall)} p@1=${f(m.p1)} mrr=${f(m.mrr)} queries=${m.queries} gain=2^g-1`
}

async function main() {
	const { values } = parseArgs({
		options: {
			capabilities: { type: 'string' },
			demands: { type: 'string' },
			qrels: { type: 'string' },
			k: { type: 'string', default: '10' },
		},
		strict: true,
	})
	if (!values.capabilities || !values.demands) usage('--capabilities and --demands are required')
	const k = Number(values.k)
	if (!Number.isInteger(k) || k < 1) usage('--k must be a positive integer')

	const started = Date.now()
	const capabilities = parseJsonLines(
		await readFile(values.capabilities, 'utf8'),
		DatasetCapabilitySchema,
		values.capabilities,
	)
	const demands = parseJsonLines(await readFile(values.demands, 'utf8'), DatasetDemandSchema, values.demands)
	const qrels = values.qrels ? parseQrels(await readFile(values.qrels, 'utf8')) : null

	if (process.env.MEILI_URL && !process.env.MEILI_MASTER_KEY)
		usage('MEILI_URL is set but MEILI_MASTER_KEY is not')
	let embedded: EmbeddedMeili | undefined
	const dataDir = path.resolve('tests/.tmp', `match-eval-${process.pid}`)
	const run = `match-eval-${process.pid}-${randomBytes(4).toString('hex')}`
	const matcherUid = `${run}-capabilities`
	const baselineUid = `${run}-baseline`
	let indexed = false

	try {
		if (process.env.MEILI_URL && process.env.MEILI_MASTER_KEY) {
			configureSearch({ url: process.env.MEILI_URL, apiKey: process.env.MEILI_MASTER_KEY, indexPrefix: '' })
		} else {
			// A hex key: the embedded server's generated base64url key can start with '-', which its CLI reads as a flag.
			await mkdir(dataDir, { recursive: true })
			await writeFile(path.join(dataDir, 'meili-master-key'), `${randomBytes(24).toString('hex')}\n`, {
				mode: 0o600,
			})
			embedded = await startEmbeddedMeilisearch({
				dataDir,
				logger: { info: (m) => process.stderr.write(`${m}\n`), error: (m) => process.stderr.write(`${m}\n`) },
			})
			configureSearch({ url: embedded.url, apiKey: embedded.masterKey, indexPrefix: '' })
		}
		const client = getSearchClient()
		indexed = true
		const documents = capabilities.map((c) =>
			buildCapabilityDocument(capabilityRowFromDataset(c), segmentForIndex),
		)
		await applyIndexSettings(CAPABILITIES_INDEX, matcherUid)
		await client.createIndex(baselineUid, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS })
		for (const uid of [matcherUid, baselineUid]) {
			const task = await client
				.index(uid)
				.addDocuments(documents, { primaryKey: 'id' })
				.waitTask({ timeout: TASK_TIMEOUT_MS })
			if (task.status !== 'succeeded')
				throw new Error(`indexing ${uid} failed: ${task.error?.message ?? task.status}`)
		}

		const search = meiliSearchFn(client)
		const matcher = new Map<string, string[]>()
		for (const demand of demands) {
			const { suggestions } = await matchDemand(demandFromDataset(demand), {
				search,
				indexUid: matcherUid,
				k,
			})
			const ranked = suggestions.map((s) => s.id)
			matcher.set(demand.id, ranked)
			process.stdout.write(`${JSON.stringify({ demandId: demand.id, ranked })}\n`)
		}

		if (qrels) {
			const baseline = new Map<string, string[]>()
			const { results } = await client.multiSearch({
				queries: demands.map((d) => ({
					indexUid: baselineUid,
					q: d.title,
					limit: 10,
					attributesToRetrieve: ['id'],
				})),
			})
			results.forEach((result, i) =>
				baseline.set(
					(demands[i] as { id: string }).id,
					result.hits.map((h) => String(h.id)),
				),
			)
			const judged = new Map([...qrels].filter(([id]) => demands.some((d) => d.id === id)))
			process.stderr.write(
				'match:eval metrics: nDCG@10 with the exponential gain 2^grade − 1 (unjudged = 0); Recall@10 of grade ≥ 2; P@1 and MRR of each demand’s best grade.\n',
			)
			process.stdout.write(`${metricLine('matcher', meanMetrics(matcher, judged, 10))}\n`)
			process.stdout.write(`${metricLine('baseline', meanMetrics(baseline, judged, 10))}\n`)
		}
		process.stderr.write(
			`match:eval ${demands.length} demands × ${capabilities.length} capabilities in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
		)
	} finally {
		if (indexed) {
			const client = getSearchClient()
			await Promise.allSettled(
				[matcherUid, baselineUid].map((uid) =>
					client.deleteIndex(uid).waitTask({ timeout: TASK_TIMEOUT_MS }),
				),
			)
		}
		await embedded?.stop()
		if (!process.env.MEILI_URL) await rm(dataDir, { recursive: true, force: true })
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(
			`match:eval failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		)
		process.exit(1)
	},
)
