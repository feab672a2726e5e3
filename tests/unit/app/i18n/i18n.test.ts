import { describe, expect, test } from 'vitest'
import { en } from '#app/i18n/en'
import {
	createTranslator,
	DEFAULT_LOCALE,
	isMessageKey,
	type Locale,
	localeFromCookieHeader,
	LOCALES,
	parseLocale,
} from '#app/i18n/i18n'
import { zh } from '#app/i18n/zh'

const placeholders = (s: string) => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))

describe('dictionaries', () => {
	test('zh and en have the same keys', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
	})

	test('every zh key has a non-empty en value', () => {
		const missing = Object.keys(zh).filter((k) => {
			const value = (en as Record<string, unknown>)[k]
			return typeof value !== 'string' || value.trim() === ''
		})
		expect(missing).toEqual([])
	})

	test('every en key has a non-empty zh value', () => {
		const missing = Object.keys(en).filter((k) => {
			const value = (zh as Record<string, unknown>)[k]
			return typeof value !== 'string' || value.trim() === ''
		})
		expect(missing).toEqual([])
	})

	test('every {placeholder} in zh also appears in en, and vice versa', () => {
		const mismatched: string[] = []
		for (const [key, zhText] of Object.entries(zh)) {
			const enText = en[key as keyof typeof en]
			const a = placeholders(zhText)
			const b = placeholders(enText)
			for (const p of a) if (!b.has(p)) mismatched.push(`${key}: en lacks {${p}}`)
			for (const p of b) if (!a.has(p)) mismatched.push(`${key}: zh lacks {${p}}`)
		}
		expect(mismatched).toEqual([])
	})

	test('has the placeholders the UI relies on', () => {
		expect(placeholders(zh['dashboard.welcome'])).toEqual(new Set(['name']))
		expect(placeholders(zh['invite.lead'])).toEqual(new Set(['email']))
	})
})

describe('createTranslator', () => {
	test('translates known keys per locale', () => {
		expect(createTranslator('zh-CN')('nav.login')).toBe(zh['nav.login'])
		expect(createTranslator('en')('nav.login')).toBe(en['nav.login'])
		expect(createTranslator('en')('err.uscc.checksum')).toBe(en['err.uscc.checksum'])
	})

	test('substitutes vars, including numbers', () => {
		const t = createTranslator('zh-CN')
		expect(t('dashboard.welcome', { name: '王小明' })).toBe('您好，王小明')
		expect(createTranslator('en')('bureau.approved', { firm: 'ACME' })).toBe(
			en['bureau.approved'].replace('{firm}', 'ACME'),
		)
		expect(t('x {n} y {n}', { n: 3 })).toBe('x 3 y 3')
	})

	test('leaves placeholders without a var in place', () => {
		expect(createTranslator('zh-CN')('dashboard.welcome', {})).toBe('您好，{name}')
		expect(createTranslator('zh-CN')('dashboard.welcome')).toBe('您好，{name}')
	})

	test('does not re-expand substituted values', () => {
		expect(createTranslator('zh-CN')('invite.title', { firm: '{email}' })).toBe('加入 {email}')
	})

	test('returns unknown keys unchanged', () => {
		const t = createTranslator('en')
		expect(t('err.doesNotExist')).toBe('err.doesNotExist')
		expect(t('保存失败')).toBe('保存失败')
		expect(t('')).toBe('')
	})

	test('an unsupported locale falls back to zh', () => {
		expect(createTranslator('fr' as Locale)('nav.login')).toBe(zh['nav.login'])
	})

	// `key in zh` also sees Object.prototype, so these names translate to functions (and throw with vars).
	test.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])(
		'the Object.prototype name %j is not a message key',
		(name) => {
			expect(isMessageKey(name)).toBe(false)
			expect(createTranslator('zh-CN')(name)).toBe(name)
			expect(() => createTranslator('en')(name, { x: 1 })).not.toThrow()
		},
	)

	test('isMessageKey knows the dictionary keys', () => {
		expect(isMessageKey('nav.login')).toBe(true)
		expect(isMessageKey('nav.nope')).toBe(false)
	})
})

describe('parseLocale', () => {
	test('only "en" selects English; everything else is the default', () => {
		expect(LOCALES).toEqual(['zh-CN', 'en'])
		expect(DEFAULT_LOCALE).toBe('zh-CN')
		expect(parseLocale('en')).toBe('en')
		for (const value of ['zh-CN', 'zh', 'EN', 'en-US', ' en', '', null, undefined]) {
			expect(parseLocale(value), String(value)).toBe('zh-CN')
		}
	})
})

describe('localeFromCookieHeader', () => {
	test.each([
		['lng=en', 'en'],
		['lng=zh-CN', 'zh-CN'],
		['theme=dark; lng=en', 'en'],
		['theme=dark;lng=en;other=1', 'en'],
		['lng=en; theme=dark', 'en'],
		['xlng=en', 'zh-CN'],
		['lng=fr', 'zh-CN'],
		['lng=', 'zh-CN'],
		['', 'zh-CN'],
		['theme=dark', 'zh-CN'],
	])('%j -> %s', (header, locale) => {
		expect(localeFromCookieHeader(header)).toBe(locale)
	})

	test('a missing header is the default locale', () => {
		expect(localeFromCookieHeader(null)).toBe('zh-CN')
	})
})
