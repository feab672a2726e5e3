import type { Settings } from 'meilisearch'
import { getSearchClient, indexName } from './client.server'
import { INDEXES } from './indexes/index'
import type { IndexDefinition } from './indexes/types'

const TASK_TIMEOUT_MS = 120_000

function normalise(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(normalise)
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([k, v]) => [k, normalise(v)]),
		)
	}
	return value
}

/** The settings keys whose current value differs from the definition. */
export function settingsDiff(current: Settings, wanted: Settings): Settings {
	const diff: Record<string, unknown> = {}
	for (const [key, value] of Object.entries(wanted)) {
		const have = (current as Record<string, unknown>)[key]
		if (JSON.stringify(normalise(have)) !== JSON.stringify(normalise(value))) diff[key] = value
	}
	return diff as Settings
}

/** Creates the index if needed and updates only what differs, waiting for the task to finish. */
export async function applyIndexSettings(definition: IndexDefinition, uid = indexName(definition.uid)) {
	const client = getSearchClient()
	const { results } = await client.getRawIndexes({ limit: 1000 })
	if (!results.some((i) => i.uid === uid)) {
		await client.createIndex(uid, { primaryKey: definition.primaryKey }).waitTask({ timeout: TASK_TIMEOUT_MS })
	}
	const index = client.index(uid)
	const current = await index.getSettings()
	const diff = settingsDiff(current, definition.settings)
	if (Object.keys(diff).length === 0) return { uid, changed: [] as string[] }
	const task = await index.updateSettings(diff).waitTask({ timeout: TASK_TIMEOUT_MS })
	if (task.status !== 'succeeded') throw new Error(`settings for ${uid} failed: ${task.error?.message ?? task.status}`)
	return { uid, changed: Object.keys(diff) }
}

export async function applyAllSettings() {
	return Promise.all(Object.values(INDEXES).map((definition) => applyIndexSettings(definition)))
}
