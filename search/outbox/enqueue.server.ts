import type { Tx } from '#app/utils/db.server'

export type SearchEntity = 'capability' | 'demand' | 'firm' | 'registration'

/**
 * Records that an entity changed, inside the caller's transaction. The worker decides whether the
 * document is upserted or removed (only public items are in the index).
 */
export async function enqueueSearchSync(tx: Tx, entity: SearchEntity, entityIds: string | string[]) {
	const ids = Array.isArray(entityIds) ? entityIds : [entityIds]
	if (ids.length === 0) return
	await tx.searchOutbox.createMany({
		data: ids.map((entityId) => ({ entity, entityId, operation: 'UPSERT' as const })),
	})
}

/**
 * Re-syncs every registration of an event (its catalogue entries appear when the event is published
 * and leave when it is cancelled or put back to draft). Call inside the transaction that changes the status.
 */
export async function enqueueEventSearchSync(tx: Tx, eventId: string) {
	const registrations = await tx.eventRegistration.findMany({ where: { eventId }, select: { id: true } })
	await enqueueSearchSync(
		tx,
		'registration',
		registrations.map((r) => r.id),
	)
}
