/** Keeps one instance per process even though app modules load twice (server import and Remix build). */
export function remember<T>(name: string, create: () => T): T {
	const store = globalThis as unknown as { __xnwhSingletons?: Map<string, unknown> }
	store.__xnwhSingletons ??= new Map()
	if (!store.__xnwhSingletons.has(name)) store.__xnwhSingletons.set(name, create())
	return store.__xnwhSingletons.get(name) as T
}

export function forget(name: string) {
	const store = globalThis as unknown as { __xnwhSingletons?: Map<string, unknown> }
	store.__xnwhSingletons?.delete(name)
}
