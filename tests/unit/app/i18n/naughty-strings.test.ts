import path from 'node:path'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { createTranslator } from '#app/i18n/i18n'
import { zh } from '#app/i18n/zh'
import { FirmProfileSchema } from '#app/modules/firms/schemas'
import { wellFormedText } from '#app/utils/text'

const blns: unknown = JSON.parse(readFileSync(path.resolve('../shared/data/blns/blns.json'), 'utf8'))
const strings = blns as string[]

const profile = {
	name: '咸宁示例科技',
	regionCode: '421202',
	contactName: '王小明',
	contactPhone: '13900001234',
}

describe('Big List of Naughty Strings', () => {
	test('loads as an array of strings', () => {
		expect(Array.isArray(blns)).toBe(true)
		expect(strings.length).toBeGreaterThan(400)
		for (const s of strings) expect(typeof s).toBe('string')
	})

	test('the translator returns every non-key string unchanged', () => {
		const t = createTranslator('zh-CN')
		const changed = strings
			.filter((s) => !Object.hasOwn(zh, s))
			.flatMap((s) => {
				const out: unknown = t(s)
				return out === s ? [] : [{ input: s, output: typeof out === 'string' ? out : typeof out }]
			})
		expect(changed).toEqual([])
	})

	test('the translator returns strings, also with vars', () => {
		const t = createTranslator('en')
		const bad: { input: string; problem: string }[] = []
		for (const s of strings) {
			try {
				const out: unknown = t(s, { name: s })
				if (typeof out !== 'string') bad.push({ input: s, problem: `returned ${typeof out}` })
			} catch (error) {
				bad.push({ input: s, problem: `threw ${String(error)}` })
			}
		}
		expect(bad).toEqual([])
	})

	test('FirmProfileSchema never throws on a naughty description and fails only for length', () => {
		const problems: { input: string; issue: string }[] = []
		for (const description of strings) {
			let result: ReturnType<typeof FirmProfileSchema.safeParse>
			try {
				result = FirmProfileSchema.safeParse({ ...profile, description })
			} catch (error) {
				problems.push({ input: description, issue: `threw ${String(error)}` })
				continue
			}
			if (result.success) {
				// Stored text is well-formed (wellFormedText drops the search highlight markers), then trimmed.
				expect(result.data.description).toBe(wellFormedText(description).trim())
				continue
			}
			for (const issue of result.error.issues) {
				if (issue.path.join('.') !== 'description' || issue.message !== 'err.tooLong2000') {
					problems.push({ input: description, issue: `${issue.path.join('.')}: ${issue.message}` })
				}
			}
			if (description.trim().length <= 2000)
				problems.push({ input: description, issue: 'rejected within the limit' })
		}
		expect(problems).toEqual([])
	})
})
