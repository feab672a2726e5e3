import { CHINESE_TEXT_SETTINGS } from './shared'
import type { IndexDefinition } from './types'

export const DEMANDS_INDEX = {
	uid: 'demands',
	primaryKey: 'id',
	settings: {
		...CHINESE_TEXT_SETTINGS,
		searchableAttributes: ['title', 'chainNodeName', 'requiredCertifications', 'description', 'firmName', 'clusterName', 'segmented'],
		filterableAttributes: ['clusterSlug', 'chainNodeId', 'regionCode', 'certificationKeys', 'firmId', 'source', 'deadline'],
		sortableAttributes: ['publishedAt', 'updatedAt', 'deadline'],
		displayedAttributes: ['*'],
	},
} satisfies IndexDefinition
