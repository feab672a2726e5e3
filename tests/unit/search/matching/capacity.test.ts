import { describe, expect, test } from 'vitest'
import {
	compareCapacity,
	DEFAULT_LOT_WINDOW_DAYS,
	parseDeliveryWindowDays,
	parseQuantities,
} from '#search/matching/capacity'
import { prepareDemand } from '#search/matching/features'

const brief = (text: string) => parseQuantities(text).map((q) => [q.value, q.unit, q.period])

describe('parseQuantities', () => {
	test.each([
		['年产约30万件', [[300_000, '件', 'year']]],
		['月约10万片', [[100_000, '片', 'month']]],
		['2000吨/月', [[2000, '吨', 'month']]],
		['代理电量约20亿kWh/年', [[2e9, 'kWh', 'year']]],
		['年产约2GWh', [[2e6, 'kWh', 'year']]],
		['月产约8000㎡', [[8000, '㎡', 'month']]],
		['年用量约60万平方米', [[600_000, '㎡', 'year']]],
		['首批约4000吨', [[4000, '吨', null]]],
		['4台', [[4, '台', null]]],
		['每周约500公斤', [[0.5, '吨', 'week']]],
	])('%s', (text, expected) => {
		expect(brief(text)).toEqual(expected)
	})

	test('reads several figures and carries a period across 、 (月产A、B)', () => {
		expect(brief('月产导热片8000㎡、凝胶60吨')).toEqual([
			[8000, '㎡', 'month'],
			[60, '吨', 'month'],
		])
		expect(brief('年约6万只（月峰值8000只）')).toEqual([
			[60_000, '只', 'year'],
			[8000, '只', 'month'],
		])
		expect(brief('电动300台＋手动500台')).toEqual([
			[300, '台', null],
			[500, '台', null],
		])
	})

	test('takes the upper end of a range and ignores flows, dates and bare numbers', () => {
		expect(brief('年产3～5万套')).toEqual([[50_000, '套', 'year']])
		expect(brief('单车排水能力≥3000m³/h，36000瓶/小时')).toEqual([])
		expect(brief('2026年底前完成验证，800V平台')).toEqual([])
	})
})

describe('parseDeliveryWindowDays', () => {
	test.each([
		['60天内分批供货至现场', 60],
		['设备需3个月内到厂', 90],
		['希望16周内完成', 112],
		['交期4周', 28],
		['要求交货期不超过90天', 90],
		['优先选择距光谷200公里内的供应商', null],
	])('%s → %s', (text, days) => {
		expect(parseDeliveryWindowDays(text)).toBe(days)
	})
})

describe('compareCapacity', () => {
	const q = parseQuantities

	test('sets rates against rates over the same period', () => {
		const check = compareCapacity(q('月约10万片'), q('月产约3万片'))
		expect(check?.ratio).toBeCloseTo(0.3)
		expect(check?.confidence).toBe('high')
		expect(compareCapacity(q('年约30万片'), q('年产约60万片'))?.ratio).toBeCloseTo(2)
		expect(compareCapacity(q('月约500吨'), q('年产约6万吨'))?.ratio).toBeCloseTo(((60_000 / 365) * 30) / 500)
	})

	test('a one-off lot must fit in the delivery window (default 90 days)', () => {
		const short = compareCapacity(q('约3000吨'), q('年加工约1.5万吨'), 60)
		expect(short?.ratio).toBeLessThan(1)
		expect(short?.days).toBe(60)
		const ok = compareCapacity(q('首批约4000吨'), q('年产约15万吨'))
		expect(ok?.days).toBe(DEFAULT_LOT_WINDOW_DAYS)
		expect(ok?.ratio).toBeGreaterThan(1)
	})

	test('returns the tightest of several needs', () => {
		const check = compareCapacity(q('垫片约5万㎡/年，凝胶约20吨/年'), q('月产导热片3000㎡、凝胶60吨'))
		expect(check?.need.unit).toBe('㎡')
		expect(check?.ratio).toBeCloseTo(((3000 / 30) * 365) / 50_000)
	})

	test('different counting words compare with low confidence; other units and capacities without a period do not compare', () => {
		expect(compareCapacity(q('年约6万套'), q('年加工约30万件'))?.confidence).toBe('low')
		expect(compareCapacity(q('月约10万片'), q('月产约4万㎡'))).toBeNull()
		expect(compareCapacity(q('年约80吨'), q('反应釜总容积约200m³'))).toBeNull()
		expect(compareCapacity(q('2MW/4MWh'), q('装机1320MW'))).toBeNull()
		expect(compareCapacity([], q('年产约5万吨'))).toBeNull()
	})
})

describe('demand quantities', () => {
	test('a structured quantity without a period takes it from the description', () => {
		const prepared = prepareDemand({
			id: 'd',
			title: '电感采购',
			description: '年用量约800万只。',
			requiredCertifications: [],
			quantity: '800万只',
		})
		expect(prepared.needs.map((q) => [q.value, q.period])).toEqual([[8_000_000, 'year']])
		const lot = prepareDemand({
			id: 'd',
			title: '心电贴',
			description: '首批约2万片。',
			requiredCertifications: [],
			quantity: '2万片',
		})
		expect(lot.needs.map((q) => q.period)).toEqual([null])
	})
})
