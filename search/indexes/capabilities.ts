import { CHINESE_TEXT_SETTINGS } from './shared'
import type { IndexDefinition } from './types'

export const CAPABILITIES_INDEX = {
	uid: 'capabilities',
	primaryKey: 'id',
	settings: {
		...CHINESE_TEXT_SETTINGS,
		searchableAttributes: ['title', 'tags', 'chainNodeName', 'specsText', 'certifications', 'description', 'firmName', 'clusterName', 'segmented'],
		filterableAttributes: ['clusterSlug', 'chainNodeId', 'regionCode', 'certificationKeys', 'firmId', 'area'],
		sortableAttributes: ['publishedAt', 'updatedAt', 'capacityPerYear', 'leadTimeDays'],
		displayedAttributes: ['*'],
	},
} satisfies IndexDefinition
