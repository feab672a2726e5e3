import { en } from './en'
import { zh, type MessageKey } from './zh'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: readonly Locale[] = ['zh-CN', 'en']
export const DEFAULT_LOCALE: Locale = 'zh-CN'
export const LOCALE_COOKIE = 'lng'

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en }

export function isMessageKey(key: string): key is MessageKey {
	return Object.hasOwn(zh, key)
}

export type Translate = (key: MessageKey | (string & {}), vars?: Record<string, string | number>) => string

/** Unknown keys come back unchanged, so a plain message passes through as itself. */
export function createTranslator(locale: Locale): Translate {
	const dict = DICTIONARIES[locale] ?? zh
	return (key, vars) => {
		const template = isMessageKey(key) ? dict[key] : key
		if (!vars) return template
		return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
	}
}

export function parseLocale(value: string | null | undefined): Locale {
	return value === 'en' ? 'en' : DEFAULT_LOCALE
}

export function localeFromCookieHeader(cookieHeader: string | null): Locale {
	const match = cookieHeader?.match(/(?:^|;\s*)lng=([^;]+)/)
	return parseLocale(match?.[1])
}
