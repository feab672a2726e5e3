import { CAPABILITIES_INDEX } from './capabilities'
import { DEMANDS_INDEX } from './demands'
import { EVENT_PARTICIPANTS_INDEX } from './event-participants'
import { FIRMS_INDEX } from './firms'

export const INDEXES = {
	capability: CAPABILITIES_INDEX,
	demand: DEMANDS_INDEX,
	firm: FIRMS_INDEX,
	registration: EVENT_PARTICIPANTS_INDEX,
} as const
export type IndexedEntity = keyof typeof INDEXES
/** Every indexed entity, in the order reindex and check walk them. */
export const INDEXED_ENTITIES = Object.keys(INDEXES) as IndexedEntity[]
/** Entities whose index changes are followed by matching (registrations are not matched). */
export type MatchedEntity = Exclude<IndexedEntity, 'registration'>
export function isMatchedEntity(entity: string): entity is MatchedEntity {
	return entity === 'capability' || entity === 'demand' || entity === 'firm'
}
export { CAPABILITIES_INDEX, DEMANDS_INDEX, EVENT_PARTICIPANTS_INDEX, FIRMS_INDEX }
