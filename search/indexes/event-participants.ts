import { CHINESE_TEXT_SETTINGS } from './shared'
import type { IndexDefinition } from './types'

/** One document per APPROVED registration at a public event: the event's participant catalogue. */
export const EVENT_PARTICIPANTS_INDEX = {
	uid: 'event_participants',
	primaryKey: 'id',
	settings: {
		...CHINESE_TEXT_SETTINGS,
		searchableAttributes: [
			'firmName',
			'pitch',
			'listingTitles',
			'chainNodeNames',
			'clusterNames',
			'segmented',
		],
		filterableAttributes: [
			'eventId',
			'side',
			'clusterSlugs',
			'area',
			'regionCode',
			'isChainLeader',
			'certificationKeys',
		],
		sortableAttributes: ['firmName', 'registeredAt'],
		displayedAttributes: ['*'],
	},
} satisfies IndexDefinition
