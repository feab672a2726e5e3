import type { Locale, Translate } from '#app/i18n/i18n'
import { getRegion } from '#app/modules/firms/regions'

const DAY_MS = 24 * 60 * 60 * 1000
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

export function formatNumber(value: number, locale: Locale) {
	return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(
		value,
	)
}

/** "1,000–2,000 元/吨", "≥ 1,000 元" or null when neither end is given. */
export function formatRange(
	min: number | null | undefined,
	max: number | null | undefined,
	unit: string,
	locale: Locale,
) {
	const suffix = unit ? ` ${unit}` : ''
	if (min != null && max != null)
		return min === max
			? `${formatNumber(min, locale)}${suffix}`
			: `${formatNumber(min, locale)}–${formatNumber(max, locale)}${suffix}`
	if (min != null) return `≥ ${formatNumber(min, locale)}${suffix}`
	if (max != null) return `≤ ${formatNumber(max, locale)}${suffix}`
	return null
}

export function formatQuantity(value: number | null | undefined, unit: string, locale: Locale) {
	return value == null ? null : `${formatNumber(value, locale)}${unit ? ` ${unit}` : ''}`
}

export function formatCapacity(
	capacity: { capacityValue: number | null; capacityUnit: string; capacityPeriod: string | null },
	t: Translate,
	locale: Locale,
) {
	if (capacity.capacityValue == null) return null
	const period = capacity.capacityPeriod ? t(`listing.perPeriod.${capacity.capacityPeriod}`) : ''
	return `${formatNumber(capacity.capacityValue, locale)} ${capacity.capacityUnit}${period}`.trim()
}

/** Calendar date in China time; accepts ISO strings, Dates and Unix seconds (search documents). */
export function formatDate(value: string | number | Date | null | undefined) {
	if (value == null || value === '') return ''
	const ms = typeof value === 'number' ? value * 1000 : new Date(value).getTime()
	if (Number.isNaN(ms)) return ''
	return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** Whole days from now until the deadline (negative when past). */
export function daysUntil(value: string | number | null | undefined, now = Date.now()) {
	if (value == null || value === '') return null
	const ms = typeof value === 'number' ? value * 1000 : new Date(value).getTime()
	return Math.ceil((ms - now) / DAY_MS)
}

export function regionName(code: string | null | undefined, locale: Locale) {
	if (!code) return ''
	const region = getRegion(code)
	if (!region) return code
	return locale === 'en' ? region.nameEn : region.name
}
