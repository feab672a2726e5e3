import { z } from 'zod'
import { wellFormedText } from '#app/utils/text'
import { DEFAULT_THRESHOLD, STAGES, type Stage } from './gaps'

// URL filters of the chain map (shared by the page and the export) and the chain-tree edit forms.

export const THRESHOLDS = [40, 50, 60, 70, 80, 90] as const

export type ChainFilters = {
	threshold: number
	stage: Stage | null
	leaderOnly: boolean
	node: string | null
}

/** Unknown or malformed values fall back to the defaults, so a hand-edited URL still renders. */
export function parseChainFilters(params: URLSearchParams): ChainFilters {
	const t = Number(params.get('threshold'))
	const stage = params.get('stage')
	return {
		threshold: (THRESHOLDS as readonly number[]).includes(t) ? t : DEFAULT_THRESHOLD,
		stage: STAGES.includes(stage as Stage) ? (stage as Stage) : null,
		leaderOnly: params.get('leader') === '1',
		node: params.get('node')?.slice(0, 40) || null,
	}
}

/** The filters as a query string (defaults left out), optionally with changes. */
export function chainFilterQuery(filters: ChainFilters, change: Partial<ChainFilters> = {}) {
	const f = { ...filters, ...change }
	const p = new URLSearchParams()
	if (f.threshold !== DEFAULT_THRESHOLD) p.set('threshold', String(f.threshold))
	if (f.stage) p.set('stage', f.stage)
	if (f.leaderOnly) p.set('leader', '1')
	if (f.node) p.set('node', f.node)
	const s = p.toString()
	return s ? `?${s}` : ''
}

const nodeName = z
	.string({ error: 'bureauChains.err.nameRequired' })
	.transform(wellFormedText)
	.pipe(z.string().trim().min(1, 'bureauChains.err.nameRequired').max(40, 'bureauChains.err.nameTooLong'))
const id = (key: string) => z.string({ error: key }).trim().min(1, key).max(40, key)
const optionalId = z
	.string()
	.trim()
	.max(40, 'bureauChains.err.parent')
	.optional()
	.transform((v) => v || null)
const stage = z
	.enum(STAGES as [Stage, ...Stage[]], { error: 'bureauChains.err.stage' })
	.optional()
	.transform((v) => v ?? null)

export const ChainEditSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('add'), parentId: optionalId, stage, name: nodeName }),
	z.object({ intent: z.literal('rename'), nodeId: id('bureauChains.err.node'), name: nodeName }),
	z.object({ intent: z.literal('move'), nodeId: id('bureauChains.err.node'), parentId: optionalId, stage }),
	z.object({
		intent: z.literal('retag'),
		kind: z.enum(['capability', 'demand'], { error: 'bureauChains.err.listing' }),
		listingId: id('bureauChains.err.listing'),
		chainNodeId: id('bureauChains.err.node'),
	}),
])
export type ChainEdit = z.output<typeof ChainEditSchema>
