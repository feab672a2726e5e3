import type { Tx } from '#app/utils/db.server'

export type SearchEntity = 'capability' | 'demand' | 'firm'

/**
 * Records that an entity changed, inside the caller's transaction. The worker decides whether the
 * document is upserted or removed (only public items are in the index).
 */
export async function enqueueSearchSync(tx: Tx, entity: SearchEntity, entityIds: string | string[]) {
	const ids = Array.isArray(entityIds) ? entityIds : [entityIds]
	if (ids.length === 0) return
	await tx.searchOutbox.createMany({ data: ids.map((entityId) => ({ entity, entityId, operation: 'UPSERT' as const })) })
}
