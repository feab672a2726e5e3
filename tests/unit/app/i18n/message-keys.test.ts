import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { en } from '#app/i18n/en'
import { zh } from '#app/i18n/zh'
import { usccProblem } from '#app/modules/firms/uscc'

// Every 'err.*' literal in the schemas and server modules must be a dictionary key,
// otherwise the raw key would be shown to the user.
const modulesDir = fileURLToPath(new URL('../../../../app/modules/', import.meta.url))
const files = (readdirSync(modulesDir, { recursive: true }) as string[])
	.map((f) => f.replaceAll('\\', '/'))
	.filter((f) => /(^|\/)schemas\.ts$/.test(f) || f.endsWith('.server.ts'))
	.sort()

const sources = files.map((file) => ({ file, text: readFileSync(modulesDir + file, 'utf8') }))
const literalKeys = sources.flatMap(({ file, text }) =>
	[...text.matchAll(/(['"`])(err\.[\w.-]+)\1/g)].map((m) => ({ file, key: m[2]! })),
)
const templatePrefixes = sources.flatMap(({ file, text }) =>
	[...text.matchAll(/`(err\.[\w.-]*)\$\{/g)].map((m) => ({ file, prefix: m[1]! })),
)

describe('i18n keys used by modules', () => {
	test('finds the schema and server files', () => {
		expect(files).toContain('auth/schemas.ts')
		expect(files).toContain('firms/schemas.ts')
		expect(files).toContain('auth/auth.server.ts')
		expect(files).toContain('firms/firms.server.ts')
	})

	test('finds the keys', () => {
		const keys = new Set(literalKeys.map((k) => k.key))
		for (const key of [
			'err.required',
			'err.passwordMatch',
			'err.bot',
			'err.usccTaken',
			'err.reasonRequired',
		]) {
			expect(keys).toContain(key)
		}
	})

	test('every err.* literal exists in zh and en', () => {
		const missing = literalKeys.filter(({ key }) => !Object.hasOwn(zh, key) || !Object.hasOwn(en, key))
		expect(missing).toEqual([])
	})

	test('every err.* template prefix has keys in zh', () => {
		expect(templatePrefixes.map((t) => t.prefix)).toContain('err.uscc.')
		for (const { file, prefix } of templatePrefixes) {
			expect(
				Object.keys(zh).some((k) => k.startsWith(prefix)),
				`${file}: ${prefix}*`,
			).toBe(true)
		}
	})

	test('every USCC problem has its err.uscc.* key', () => {
		const problems = new Set([
			usccProblem(''),
			usccProblem('I'.repeat(18)),
			usccProblem('91110000802100433C'),
		])
		expect(problems).toEqual(new Set(['length', 'characters', 'checksum']))
		for (const p of problems) expect(Object.hasOwn(zh, `err.uscc.${p}`), p!).toBe(true)
	})
})
