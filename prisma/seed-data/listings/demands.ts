import { DEMANDS as DEMANDS_1 } from './demands-1'
import { DEMANDS as DEMANDS_2 } from './demands-2'
import { DEMANDS as DEMANDS_3 } from './demands-3'
import { DEMANDS as DEMANDS_4 } from './demands-4'
import type { SeedDemand } from './types'

// Demo demands of the Wuhan buyers in firms.ts, split into files of 20 to keep each one reviewable.
export const DEMANDS: SeedDemand[] = [...DEMANDS_1, ...DEMANDS_2, ...DEMANDS_3, ...DEMANDS_4]
