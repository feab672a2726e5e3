// Runs `remix build` only when build/index.js is missing or older than a source file, so `npm start`
// right after `npm ci` (whose postinstall builds) starts at once.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

function newest(entry) {
	const stat = statSync(entry, { throwIfNoEntry: false })
	if (!stat) return 0
	if (!stat.isDirectory()) return stat.mtimeMs
	return Math.max(0, ...readdirSync(entry).map((name) => newest(path.join(entry, name))))
}

const built = statSync('build/index.js', { throwIfNoEntry: false })?.mtimeMs ?? 0
const sources = Math.max(...['app', 'search', 'remix.config.js', 'postcss.config.js', 'package.json'].map(newest))
if (built < sources) {
	const result = spawnSync('npx', ['remix', 'build'], { stdio: 'inherit' })
	process.exit(result.status ?? 1)
}
