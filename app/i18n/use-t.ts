import { useRouteLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { createTranslator, DEFAULT_LOCALE, type Locale } from './i18n'

export function useLocale(): Locale {
	const data = useRouteLoaderData<{ locale: Locale }>('root')
	return data?.locale ?? DEFAULT_LOCALE
}

export function useT() {
	const locale = useLocale()
	return useMemo(() => createTranslator(locale), [locale])
}
