import { remember } from '#app/utils/remember.server'

const kick = remember('outbox-kick', () => ({ listeners: new Set<() => void>() }))

/** Wakes the worker after a commit, so a change is searchable without waiting for the next poll. */
export function kickSearchOutbox() {
	for (const listener of kick.listeners) listener()
}

export function onSearchOutboxKick(listener: () => void) {
	kick.listeners.add(listener)
	return () => kick.listeners.delete(listener)
}
