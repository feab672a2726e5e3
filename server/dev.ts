import { watch } from 'node:fs'
import path from 'node:path'
import { broadcastDevReady, type ServerBuild } from '@remix-run/node'

/**
 * `remix dev --manual` rebuilds into build/; we re-import it in place and tell the dev server,
 * so PGlite, Meilisearch and every socket survive an app rebuild.
 */
export function watchBuild(buildPath: string, reload: () => Promise<ServerBuild>, logger: Pick<Console, 'info' | 'error'>) {
	let timer: NodeJS.Timeout | undefined
	const watcher = watch(path.dirname(buildPath), (_event, file) => {
		if (file !== path.basename(buildPath)) return
		clearTimeout(timer)
		timer = setTimeout(() => {
			reload()
				.then((build) => broadcastDevReady(build))
				.then(() => logger.info('app rebuilt'))
				.catch((error: Error) => logger.error(`reload failed: ${error.message}`))
		}, 50)
	})
	void reload().then((build) => broadcastDevReady(build))
	return watcher
}
