// Quantities in Chinese free text: 年产约30万件, 月约10万片, 2000吨/月, 代理电量约20亿kWh/年, 首批约4000吨,
// 电动300台＋手动500台. Each becomes a value in its unit family's base unit, with the period it refers to (or none
// for a one-off lot), so a supplier's capacity can be set against a buyer's quantity. Anything not understood is
// left out: an unknown capacity is neutral, never a guess.

import { normalizeText } from './text'

export type Period = 'day' | 'week' | 'month' | 'year'
export type UnitFamily =
	'count' | 'mass' | 'area' | 'volume' | 'energy' | 'power' | 'length' | 'land' | 'batch'

export type Quantity = {
	/** Value in the family's base unit: pieces, t, m², m³, kWh, kW, m, 亩, batches. */
	value: number
	/** The unit as written, canonical spelling (片, 吨, ㎡, kWh …). */
	unit: string
	family: UnitFamily
	/** Null for a one-off lot (首批约4000吨, 4台, 约18万㎡). */
	period: Period | null
	/** The text the quantity was read from. */
	text: string
}

type UnitSpec = { unit: string; family: UnitFamily; factor: number }

// Longest spellings first: the alternation takes the first that matches.
const UNITS: readonly (readonly [string, UnitSpec])[] = [
	['平方米', { unit: '㎡', family: 'area', factor: 1 }],
	['m2', { unit: '㎡', family: 'area', factor: 1 }],
	['立方米', { unit: 'm³', family: 'volume', factor: 1 }],
	['m3', { unit: 'm³', family: 'volume', factor: 1 }],
	['千瓦时', { unit: 'kWh', family: 'energy', factor: 1 }],
	['kwh', { unit: 'kWh', family: 'energy', factor: 1 }],
	['mwh', { unit: 'kWh', family: 'energy', factor: 1e3 }],
	['gwh', { unit: 'kWh', family: 'energy', factor: 1e6 }],
	['twh', { unit: 'kWh', family: 'energy', factor: 1e9 }],
	['kw', { unit: 'kW', family: 'power', factor: 1 }],
	['mw', { unit: 'kW', family: 'power', factor: 1e3 }],
	['gw', { unit: 'kW', family: 'power', factor: 1e6 }],
	['公斤', { unit: '吨', family: 'mass', factor: 1e-3 }],
	['kg', { unit: '吨', family: 'mass', factor: 1e-3 }],
	['吨', { unit: '吨', family: 'mass', factor: 1 }],
	['公里', { unit: '米', family: 'length', factor: 1e3 }],
	['km', { unit: '米', family: 'length', factor: 1e3 }],
	['米', { unit: '米', family: 'length', factor: 1 }],
	['亩', { unit: '亩', family: 'land', factor: 1 }],
	['批次', { unit: '批次', family: 'batch', factor: 1 }],
	...[
		'件',
		'套',
		'片',
		'只',
		'颗',
		'台',
		'条',
		'箱',
		'瓶',
		'支',
		'块',
		'架',
		'辆',
		'个',
		'卷',
		'份',
		'家',
		'根',
		'张',
		'组',
		'粒',
		'盒',
		'袋',
		'桶',
		'pcs',
	].map((u) => [u, { unit: u, family: 'count', factor: 1 }] as const),
]
const UNIT_BY_SPELLING = new Map(UNITS)

const MULTIPLIER: Readonly<Record<string, number>> = { 百: 1e2, 千: 1e3, 万: 1e4, 亿: 1e8, k: 1e3 }

const QUANTITY = new RegExp(
	`(\\d+(?:\\.\\d+)?)(?:\\s*[~～\\-至到]\\s*(\\d+(?:\\.\\d+)?))?\\s*(百|千|万|亿|k(?!g|w|m))?\\s*(${UNITS.map(([s]) => s).join('|')})(?![a-z])`,
	'g',
)

const PERIOD_CHAR: Readonly<Record<string, Period>> = {
	年: 'year',
	月: 'month',
	周: 'week',
	日: 'day',
	天: 'day',
	a: 'year',
}
// A rate written after the unit: 2000吨/月, 20亿kWh/年, 每年.
const PERIOD_AFTER = /^\s*(?:\/|每)\s*(年|月|周|日|天|a)(?![a-z])/
// A flow or a speed is not a capacity: 3000m³/h, 36000瓶/小时.
const RATE_AFTER = /^\s*\/\s*(?:h|小时|min|分钟|s|秒)/
// The period named before the number inside the clause: 年产, 月需求约, 首年, 旺季月峰值, 每年. 年底/年份/月份 name dates.
const PERIOD_BEFORE = /(?:每)?(年|月|周|日|天)(?!底|份|度|初|末|限|内|以)/g
const ONE_OFF_BEFORE = /首批|首单|本次|一次性|合计|总计|总面积|总量|共计/

function periodBefore(prefix: string): Period | null {
	if (ONE_OFF_BEFORE.test(prefix)) return null
	let found: Period | null = null
	for (const m of prefix.matchAll(PERIOD_BEFORE)) found = PERIOD_CHAR[m[1] as string] ?? found
	return found
}

/** Every quantity in a free text, in reading order. */
export function parseQuantities(raw: string): Quantity[] {
	const out: Quantity[] = []
	// Sentences, not clauses: in 月产导热片8000㎡、凝胶60吨 the second figure shares the first one's period.
	for (const clause of normalizeText(raw).split(/[。；;\n]/)) {
		let last = 0
		let previous: Period | null = null
		for (const m of clause.matchAll(QUANTITY)) {
			const at = m.index ?? 0
			const end = at + m[0].length
			const rest = clause.slice(end)
			const spec = UNIT_BY_SPELLING.get(m[4] as string)
			if (!spec || RATE_AFTER.test(rest)) continue
			const low = Number(m[1])
			const high = m[2] === undefined ? low : Number(m[2])
			const multiplier = m[3] ? (MULTIPLIER[m[3]] ?? 1) : 1
			const after = PERIOD_AFTER.exec(rest)
			const prefix = clause.slice(last, at)
			const period: Period | null = after
				? (PERIOD_CHAR[after[1] as string] ?? null)
				: (periodBefore(prefix) ?? (ONE_OFF_BEFORE.test(prefix) ? null : previous))
			previous = period
			out.push({
				value: Math.max(low, high) * multiplier * spec.factor,
				unit: spec.unit,
				family: spec.family,
				period,
				text: clause.slice(at, after ? end + after[0].length : end),
			})
			last = after ? end + after[0].length : end
		}
	}
	return out
}

const DAYS: Readonly<Record<Period, number>> = { day: 1, week: 7, month: 30, year: 365 }

/** The quantity per day when it is a rate, null for a one-off lot. */
export function perDay(q: Quantity): number | null {
	return q.period ? q.value / DAYS[q.period] : null
}

const WINDOW = [
	/(\d+(?:\.\d+)?)\s*(天|日|周|个月|月)\s*(?:内|以内|之内)/,
	/(?:交期|交货期|交付期|货期)\s*(?:不超过|不长于|小于|≤|<=)?\s*(\d+(?:\.\d+)?)\s*(天|日|周|个月|月)/,
]
const WINDOW_DAYS: Readonly<Record<string, number>> = { 天: 1, 日: 1, 周: 7, 个月: 30, 月: 30 }

/** The delivery window a demand text names (60天内, 3个月内, 交期4周), in days. */
export function parseDeliveryWindowDays(raw: string): number | null {
	const text = normalizeText(raw)
	for (const pattern of WINDOW) {
		const m = pattern.exec(text)
		if (m) return Number(m[1]) * (WINDOW_DAYS[m[2] as string] ?? 1)
	}
	return null
}

/** Days a one-off lot may take when the demand names no window. */
export const DEFAULT_LOT_WINDOW_DAYS = 90

export type CapacityCheck = {
	/** capacity ÷ need over the same period; ≥ 1 means the supplier covers the quantity. */
	ratio: number
	need: Quantity
	capacity: Quantity
	/** Same unit (片 vs 片) or only the same family of counting words (套 vs 件). */
	confidence: 'high' | 'low'
	/** Days the comparison spans (the period of the need, or the delivery window of a one-off lot). */
	days: number
}

function comparable(a: Quantity, b: Quantity): 'high' | 'low' | null {
	if (a.family !== b.family) return null
	if (a.unit === b.unit) return 'high'
	return a.family === 'count' ? 'low' : 'high'
}

/**
 * Sets each needed quantity against the supplier's capacity in the same unit family and returns the tightest
 * comparison (the smallest ratio), or null when nothing is comparable. A one-off lot must fit in the delivery
 * window; a supplier quantity without a period (装机1320MW, 反应釜容积) is never read as a rate.
 */
export function compareCapacity(
	needs: readonly Quantity[],
	capacities: readonly Quantity[],
	windowDays: number = DEFAULT_LOT_WINDOW_DAYS,
): CapacityCheck | null {
	let tightest: CapacityCheck | null = null
	for (const need of needs) {
		let best: CapacityCheck | null = null
		for (const capacity of capacities) {
			const confidence = comparable(need, capacity)
			const rate = perDay(capacity)
			if (!confidence || rate === null) continue
			const days = need.period ? DAYS[need.period] : windowDays
			const ratio = (rate * days) / Math.max(need.value, 1e-9)
			const better =
				!best ||
				(confidence === 'high' && best.confidence === 'low') ||
				(confidence === best.confidence && ratio > best.ratio)
			if (better) best = { ratio, need, capacity, confidence, days }
		}
		if (best && (!tightest || best.ratio < tightest.ratio)) tightest = best
	}
	return tightest
}
