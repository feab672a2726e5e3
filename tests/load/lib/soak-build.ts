/**
 * A production build of the app of its own for soak.bench.ts, in `<outDir>/build/index.js` and
 * `<outDir>/public/build` (outDir inside the repository, so the bundle's packages resolve from its
 * node_modules): the shared build/ is rewritten by whoever runs Playwright or `remix build` (in
 * test mode, its JSX runtime does not run under NODE_ENV=production), and a soak run must not
 * depend on which build happens to be there. The Remix classic compiler, as `remix build` runs it,
 * with only the two output paths changed.
 *
 *   node --import tsx tests/load/lib/soak-build.ts <outDir>   (NODE_ENV=production)
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type RemixConfig = { serverBuildPath: string; assetsBuildDirectory: string }
type Logger = Record<string, unknown>

const require = createRequire(import.meta.url)
const { readConfig } = require('@remix-run/dev/dist/config.js') as {
	readConfig: (root: string) => Promise<RemixConfig>
}
const { build } = require('@remix-run/dev/dist/compiler/build.js') as {
	build: (ctx: {
		config: RemixConfig
		options: { mode: string; sourcemap: boolean }
		fileWatchCache: unknown
		logger: Logger
	}) => Promise<void>
}
const { createFileWatchCache } = require('@remix-run/dev/dist/compiler/fileWatchCache.js') as {
	createFileWatchCache: () => unknown
}
const { logger } = require('@remix-run/dev/dist/tux/logger.js') as { logger: Logger }

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const outDir = path.resolve(process.argv[2] ?? '')
if (!process.argv[2] || !outDir.startsWith(ROOT + path.sep)) {
	console.error('usage: soak-build.ts <outDir inside the repository>')
	process.exit(2)
}
const config = await readConfig(ROOT)
config.serverBuildPath = path.join(outDir, 'build/index.js')
config.assetsBuildDirectory = path.join(outDir, 'public/build')
await build({
	config,
	options: { mode: 'production', sourcemap: false },
	fileWatchCache: createFileWatchCache(),
	logger,
})
// The compiler's esbuild service would keep the process alive (its 0.17 has no stop()); `remix
// build` exits too. The service then reports a "deadlock" on its way out: harmless (the bench
// shows this process's output only when the build fails).
process.exit(0)
