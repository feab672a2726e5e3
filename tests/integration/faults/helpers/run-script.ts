import { spawn } from 'node:child_process'
import path from 'node:path'

export type ScriptResult = { code: number | null; stdout: string; stderr: string; ms: number }

/**
 * Runs a repository script as `npm run <name>` does (`node --import tsx <file> …args`), with only
 * the given environment (plus PATH and HOME), and resolves with its exit code and output.
 */
export function runScript(
	file: string,
	args: string[],
	env: Record<string, string>,
	timeoutMs = 200_000,
): Promise<ScriptResult> {
	const started = Date.now()
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
			cwd: path.resolve('.'),
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		})
		let stdout = ''
		let stderr = ''
		child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
		child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
		const timer = setTimeout(() => {
			if (child.pid) process.kill(child.pid, 'SIGKILL')
			reject(new Error(`${file} did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`))
		}, timeoutMs)
		child.once('error', reject)
		child.once('exit', (code) => {
			clearTimeout(timer)
			resolve({ code, stdout, stderr, ms: Date.now() - started })
		})
	})
}
