import { remember } from '#app/utils/remember.server'
import type { MatchedEntity } from '../indexes/index'

const kick = remember('outbox-kick', () => ({ listeners: new Set<() => void>() }))

/** Wakes the worker after a commit, so a change is searchable without waiting for the next poll. */
export function kickSearchOutbox() {
	for (const listener of kick.listeners) listener()
}

export function onSearchOutboxKick(listener: () => void) {
	kick.listeners.add(listener)
	return () => kick.listeners.delete(listener)
}

/** Only listings and firms are matched; event registrations never reach these hooks. */
type IndexedHook = (entity: MatchedEntity, ids: string[]) => Promise<unknown>
const hooks = remember('outbox-indexed-hooks', () => ({ list: new Set<IndexedHook>() }))

/** Work that needs the index to hold a change (matching) runs after the outbox has synced it. */
export function onSearchIndexed(hook: IndexedHook) {
	hooks.list.add(hook)
	return () => hooks.list.delete(hook)
}

export async function runIndexedHooks(entity: MatchedEntity, ids: string[]) {
	for (const hook of hooks.list) await hook(entity, ids)
}

export function hasIndexedHooks() {
	return hooks.list.size > 0
}
