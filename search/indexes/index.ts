import { CAPABILITIES_INDEX } from './capabilities'
import { DEMANDS_INDEX } from './demands'
import { FIRMS_INDEX } from './firms'

export const INDEXES = { capability: CAPABILITIES_INDEX, demand: DEMANDS_INDEX, firm: FIRMS_INDEX } as const
export type IndexedEntity = keyof typeof INDEXES
export { CAPABILITIES_INDEX, DEMANDS_INDEX, FIRMS_INDEX }
