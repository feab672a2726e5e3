import { Meilisearch } from 'meilisearch'
import { forget, remember } from '#app/utils/remember.server'

type SearchConfig = { url: string; apiKey: string; indexPrefix: string }

const CONFIG_KEY = 'search-config'

export function configureSearch(config: SearchConfig) {
	forget(CONFIG_KEY)
	forget('meili')
	remember(CONFIG_KEY, () => config)
}

function config(): SearchConfig {
	const c = remember<SearchConfig | undefined>(CONFIG_KEY, () => undefined)
	if (c) return c
	if (process.env.MEILI_URL && process.env.MEILI_MASTER_KEY) {
		return { url: process.env.MEILI_URL, apiKey: process.env.MEILI_MASTER_KEY, indexPrefix: process.env.MEILI_INDEX_PREFIX ?? '' }
	}
	throw new Error('Search is not configured: call configureSearch() or set MEILI_URL and MEILI_MASTER_KEY')
}

export function getSearchClient(): Meilisearch {
	return remember('meili', () => {
		const { url, apiKey } = config()
		// Uncompressed answers: gzipped replies on a reused loopback connection stall ~40 ms each
		// (measured by tests/load/search.bench.ts); Meilisearch sits next to the app anyway.
		return new Meilisearch({ host: url, apiKey, timeout: 5000, requestInit: { headers: { 'Accept-Encoding': 'identity' } } })
	})
}

/** Index names are prefixed per environment so tests and deployments never share an index. */
export function indexName(base: string): string {
	return `${config().indexPrefix}${base}`
}

export async function searchHealth(): Promise<{ ok: boolean; detail?: string }> {
	try {
		const health = await getSearchClient().health()
		return { ok: health.status === 'available' }
	} catch (error) {
		return { ok: false, detail: (error as Error).message }
	}
}
