import { spawn } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'

// The README's test command: build, then unit, integration on PGlite and (with TEST_DATABASE_URL) on
// PostgreSQL, then Playwright e2e. Ends with one "N passed, N failed" line over all tiers.
const OUT = path.resolve('tests/.tmp/reports')
await mkdir(OUT, { recursive: true })

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
	return new Promise<number>((resolve) => {
		const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
	})
}

type Tally = { name: string; passed: number; failed: number; skipped: number; exit: number }
const tallies: Tally[] = []

async function vitest(name: string, projects: string[], env: Record<string, string> = {}) {
	const file = path.join(OUT, `${name}.json`)
	const exit = await run('npx', ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], env)
	try {
		const report = JSON.parse(await readFile(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }
		tallies.push({ name, passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests, exit })
	} catch {
		tallies.push({ name, passed: 0, failed: 1, skipped: 0, exit: exit || 1 })
	}
}

async function playwright() {
	const file = path.join(OUT, 'e2e.json')
	const exit = await run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file })
	try {
		const report = JSON.parse(await readFile(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }
		tallies.push({ name: 'e2e', passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped, exit })
	} catch {
		tallies.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, exit: exit || 1 })
	}
}

const buildExit = await run('npx', ['remix', 'build'])
if (buildExit !== 0) {
	console.log('build failed')
	console.log('0 passed, 1 failed')
	process.exit(1)
}
await vitest('unit', ['unit'])
await vitest('integration-pglite', ['integration-pglite'])
if (process.env.TEST_DATABASE_URL) await vitest('integration-postgres', ['integration-postgres'])
else console.log('\nTEST_DATABASE_URL is not set: integration on PostgreSQL skipped (CI sets it).')
await playwright()

console.log('\nSummary')
for (const t of tallies) console.log(`  ${t.name.padEnd(22)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`)
const passed = tallies.reduce((n, t) => n + t.passed, 0)
const failed = tallies.reduce((n, t) => n + t.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || tallies.some((t) => t.exit !== 0) ? 1 : 0)
