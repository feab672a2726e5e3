import { CHINESE_TEXT_SETTINGS } from './shared'
import type { IndexDefinition } from './types'

export const FIRMS_INDEX = {
	uid: 'firms',
	primaryKey: 'id',
	settings: {
		...CHINESE_TEXT_SETTINGS,
		searchableAttributes: ['name', 'chainNodeNames', 'certifications', 'description', 'clusterNames', 'segmented'],
		filterableAttributes: ['clusterSlugs', 'regionCode', 'kind', 'certificationKeys', 'isChainLeader', 'area'],
		sortableAttributes: ['name', 'updatedAt'],
		displayedAttributes: ['*'],
	},
} satisfies IndexDefinition
