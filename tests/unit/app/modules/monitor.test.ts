import { describe, expect, test } from 'vitest'
import { en } from '#app/i18n/en'
import { zh } from '#app/i18n/zh'
import {
	addAmounts,
	defaultFrom,
	filtersToSearch,
	formatFigure,
	formatPercent,
	formatYuan,
	localMidnight,
	monthBuckets,
	monthKey,
	parseMonitorFilters,
	parsePeriod,
	trendBuckets,
	emptyFigures,
	FIGURE_DEFINITIONS,
	FIGURE_KEYS,
	FIGURE_LABELS,
	PERIOD_TYPES,
	STAGES,
} from '#app/modules/reports/monitor'

// Periods are Asia/Shanghai calendar periods (UTC+8): a month starts at 16:00 UTC the day before.

const params = (query: string) => new URLSearchParams(query)
const NOW = new Date('2026-11-27T10:00:00Z')

function period(type: 'month' | 'quarter' | 'year' | 'custom', from: string, to = '') {
	const result = parsePeriod(type, from, to)
	if (!result.ok) throw new Error(JSON.stringify(result.errors))
	return result.period
}

describe('parsePeriod', () => {
	test('a month is local midnight to local midnight', () => {
		const p = period('month', '2026-03')
		expect(p.start.toISOString()).toBe('2026-02-28T16:00:00.000Z')
		expect(p.end.toISOString()).toBe('2026-03-31T16:00:00.000Z')
		expect(p.label).toBe('2026年3月')
	})

	test('December ends at the next new year', () => {
		const p = period('month', '2026-12')
		expect(p.end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
	})

	test('quarters and years', () => {
		const q = period('quarter', '2026-q4')
		expect(q.from).toBe('2026-Q4')
		expect(q.start.toISOString()).toBe('2026-09-30T16:00:00.000Z')
		expect(q.end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
		expect(q.label).toBe('2026年第4季度')
		const y = period('year', '2026')
		expect(y.start.toISOString()).toBe('2025-12-31T16:00:00.000Z')
		expect(y.end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
	})

	test('a custom range includes both days', () => {
		const p = period('custom', '2026-02-27', '2026-03-01')
		expect(p.start.toISOString()).toBe('2026-02-26T16:00:00.000Z')
		expect(p.end.toISOString()).toBe('2026-03-01T16:00:00.000Z')
		expect(p.label).toBe('2026-02-27 至 2026-03-01')
		expect(period('custom', '2028-02-29', '2028-02-29').end.toISOString()).toBe('2028-02-29T16:00:00.000Z')
	})

	test.each([
		['month', '2026-13', '', 'from', '月份'],
		['month', '26-01', '', 'from', '月份'],
		['quarter', '2026-Q5', '', 'from', '季度'],
		['year', '20x6', '', 'from', '年份'],
		['custom', '2026-02-30', '2026-03-01', 'from', '起始日期'],
		['custom', '2026-03-01', '', 'to', '截止日期'],
		['custom', '2026-03-02', '2026-03-01', 'to', '截止日期'],
		['custom', '2020-01-01', '2026-03-01', 'to', '5 年'],
	] as const)('%s %s–%s is rejected on %s', (type, from, to, field, words) => {
		const result = parsePeriod(type, from, to)
		expect(result.ok).toBe(false)
		if (!result.ok) expect(result.errors[field]).toContain(words)
	})
})

describe('parseMonitorFilters', () => {
	test('defaults to the current local month', () => {
		const r = parseMonitorFilters(params(''), new Date('2026-11-30T17:00:00Z'))
		expect(r.ok && r.filters.period.from).toBe('2026-12')
		expect(defaultFrom('quarter', NOW)).toBe('2026-Q4')
		expect(defaultFrom('year', NOW)).toBe('2026')
		expect(defaultFrom('custom', NOW)).toBe('2026-11-01')
	})

	test('custom defaults to the first of the month through today', () => {
		const r = parseMonitorFilters(params('period=custom'), NOW)
		expect(r.ok && [r.filters.period.from, r.filters.period.to]).toEqual(['2026-11-01', '2026-11-27'])
	})

	test('keeps cluster and county and round-trips to a query string', () => {
		const r = parseMonitorFilters(
			params('period=quarter&from=2026-Q1&cluster=electronics&county=421281'),
			NOW,
		)
		expect(r.ok).toBe(true)
		if (!r.ok) return
		expect(r.filters.cluster).toBe('electronics')
		expect(r.filters.county).toBe('421281')
		expect(filtersToSearch(r.filters)).toBe('period=quarter&from=2026-Q1&cluster=electronics&county=421281')
	})

	test('bad period type, cluster and county name the field', () => {
		const bad = parseMonitorFilters(params('period=week'), NOW)
		expect(!bad.ok && bad.errors.period).toContain('期间类型')
		const both = parseMonitorFilters(params('cluster=<script>&county=x%20y'), NOW)
		expect(!both.ok && both.errors).toEqual({ cluster: '产业链参数无效', county: '区县参数无效' })
	})
})

describe('buckets', () => {
	test('months overlapping a range, in local time', () => {
		const p = period('custom', '2026-01-31', '2026-03-01')
		expect(monthBuckets(p.start, p.end).map((b) => b.key)).toEqual(['2026-01', '2026-02', '2026-03'])
		const [jan] = monthBuckets(p.start, p.end)
		expect(jan!.start.toISOString()).toBe('2025-12-31T16:00:00.000Z')
		expect(monthBuckets(p.end, p.start)).toEqual([])
	})

	test('the trend is extended back to 12 months, across a year boundary', () => {
		const keys = trendBuckets(period('month', '2026-02')).map((b) => b.key)
		expect(keys).toHaveLength(12)
		expect(keys[0]).toBe('2025-03')
		expect(keys.at(-1)).toBe('2026-02')
		const long = trendBuckets(period('custom', '2024-01-15', '2026-02-10'))
		expect(long).toHaveLength(26)
		expect(long[0]!.key).toBe('2024-01')
	})

	test('monthKey and localMidnight agree at the boundary', () => {
		expect(monthKey(new Date('2026-02-28T15:59:59Z'))).toBe('2026-02')
		expect(monthKey(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03')
		expect(localMidnight(2026, 13).toISOString()).toBe('2026-12-31T16:00:00.000Z')
	})
})

describe('figures', () => {
	test('amounts add exactly', () => {
		expect(addAmounts('0.1', '0.2')).toBe('0.30')
		expect(addAmounts('100000.50', null, '3000', '8000.25')).toBe('111000.75')
		expect(addAmounts('99999999999999.99', '0.01')).toBe('100000000000000.00')
		expect(addAmounts('-1.5', '1')).toBe('-0.50')
	})

	test('display', () => {
		expect(formatYuan('1234567.5')).toBe('¥1,234,567.50')
		expect(formatPercent(2 / 3)).toBe('66.7%')
		expect(formatPercent(null)).toBe('—')
		const f = { ...emptyFigures(), responseMedianHours: 30.04, localRatio: 1 }
		expect(formatFigure('responseMedianHours', f)).toBe('30.0')
		expect(formatFigure('responseP90Hours', f)).toBe('—')
		expect(formatFigure('localRatio', f)).toBe('100.0%')
		expect(formatFigure('amount', f)).toBe('¥0.00')
	})

	test('every figure has a Chinese name and definition', () => {
		for (const key of FIGURE_KEYS) {
			expect(FIGURE_LABELS[key]).toMatch(/\p{Script=Han}/u)
			expect(FIGURE_DEFINITIONS[key].length).toBeGreaterThan(10)
		}
	})
})

describe('messages', () => {
	test('every key the dashboard builds from a figure, period or stage exists in zh and en', () => {
		const keys = [
			...FIGURE_KEYS.flatMap((k) => [`bureauMonitor.fig.${k}`, `bureauMonitor.def.${k}`]),
			...PERIOD_TYPES.flatMap((p) => [`bureauMonitor.period.${p}`, `bureauMonitor.filter.hint.${p}`]),
			...STAGES.map((s) => `bureauMonitor.stage.${s}`),
			'nav.monitor',
		]
		for (const key of keys) {
			expect(Object.hasOwn(zh, key), `zh ${key}`).toBe(true)
			expect(Object.hasOwn(en, key), `en ${key}`).toBe(true)
		}
		expect(zh['bureauMonitor.def.contracts' as keyof typeof zh]).toBe(FIGURE_DEFINITIONS.contracts)
	})
})
