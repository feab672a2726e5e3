import type { Settings } from 'meilisearch'

export type IndexDefinition = {
	/** Base uid; the environment prefix (MEILI_INDEX_PREFIX) is added at run time. */
	uid: string
	primaryKey: string
	settings: Settings
}
