// Numeric requirements in a demand (排水能力≥3000m³/h, 热导率≥8W/(m·K), 交货期不超过90天, H级(180℃)及以上) checked
// against the figures a listing states in the same unit (3000～5000m³/h, 1～15W/m·K, 交货期约120天). Only explicit
// bounds are read, and only figures in the same unit are compared; anything else stays unknown.

import { type SpecCheck } from './types'
import { normalizeText, splitClauses } from './text'

// Normalised spellings (after NFKC + lowercase), longest first; each maps to the unit shown to people.
const UNITS: readonly (readonly [string, string])[] = [
	['w/(m·k)', 'W/(m·K)'],
	['w/m·k', 'W/(m·K)'],
	['w/mk', 'W/(m·K)'],
	['m3/h', 'm³/h'],
	['万像素', '万像素'],
	['分区', '分区'],
	['rpm', 'rpm'],
	['nit', 'nit'],
	['ppm', 'ppm'],
	['ppb', 'ppb'],
	['ppt', 'ppt'],
	['vdc', 'VDC'],
	['mpa', 'MPa'],
	['ghz', 'GHz'],
	['mhz', 'MHz'],
	['khz', 'kHz'],
	['hz', 'Hz'],
	['mah', 'mAh'],
	['db', 'dB'],
	['°c', '℃'],
	['μm', 'μm'],
	['mm', 'mm'],
	['nm', 'nm'],
	['km', 'km'],
	['kg', 'kg'],
	['分钟', '分钟'],
	['小时', '小时'],
	['天', '天'],
	['层', '层'],
	['%', '%'],
	['k', 'K'],
	['m', 'm'],
	['a', 'A'],
	['v', 'V'],
	['w', 'W'],
]
const UNIT_ALT = UNITS.map(([s]) => s.replace(/[()/.*+?^$|[\]\\]/g, '\\$&')).join('|')
const DISPLAY = new Map(UNITS)
const NUM = '(\\d+(?:\\.\\d+)?)'
const UNIT_END = '(?![a-z])'

const AT_LEAST = '≥|>=|>|不低于|不少于|不小于|至少|大于|高于'
const AT_MOST = '≤|<=|<|不超过|不高于|不大于|不多于|小于|低于|最多'
const BOUND_BEFORE = new RegExp(`(${AT_LEAST}|${AT_MOST})\\s*约?\\s*${NUM}\\s*(${UNIT_ALT})${UNIT_END}`, 'g')
const BOUND_AFTER = new RegExp(
	`${NUM}\\s*(${UNIT_ALT})${UNIT_END}\\)?\\s*(及以上|以上|及以下|以下|以内)`,
	'g',
)
const FIGURE = new RegExp(
	`(≤|<|≥|>)?\\s*${NUM}(?:\\s*(?:~|-|至)\\s*${NUM})?\\s*(${UNIT_ALT})${UNIT_END}`,
	'g',
)
const AT_LEAST_RE = new RegExp(`^(?:${AT_LEAST}|及以上|以上)$`)

export type Requirement = { label: string; op: 'min' | 'max'; value: number; unit: string; text: string }
export type Figure = { label: string; low: number; high: number; unit: string; text: string }

// Units specific enough to compare without looking at what is measured; the others (%, mm, 天, K …) need the
// requirement's label and the figure's label to share a word character (续航 ~ 满载续航, 宽度 ~ 机宽).
const SPECIFIC_UNITS = new Set([
	'W/(m·K)',
	'm³/h',
	'万像素',
	'分区',
	'rpm',
	'nit',
	'ppm',
	'ppb',
	'ppt',
	'VDC',
	'MPa',
	'GHz',
	'MHz',
	'kHz',
	'Hz',
	'mAh',
	'dB',
])
const FILLER = /[约可达为的在及与和或至以上下内等级量度值性]/g

function labelBefore(clause: string, at: number): string {
	const before = clause.slice(Math.max(0, at - 10), at).replace(/[(\s]+$/, '')
	const m = /([\u4e00-\u9fffa-z0-9]{1,8})$/.exec(before)
	return m ? (m[1] as string) : ''
}

function labelsMeet(a: string, b: string): boolean {
	const chars = new Set([...a.replace(FILLER, '')].filter((c) => /[\u4e00-\u9fff]/.test(c)))
	if ([...b.replace(FILLER, '')].some((c) => chars.has(c))) return true
	const words = new Set(a.match(/[a-z]{2,}/g) ?? [])
	return (b.match(/[a-z]{2,}/g) ?? []).some((w) => words.has(w))
}

function display(unit: string): string {
	return DISPLAY.get(unit) ?? unit
}

/** Explicit numeric bounds in a demand text. */
export function parseRequirements(raw: string): Requirement[] {
	const out: Requirement[] = []
	for (const clause of splitClauses(normalizeText(raw))) {
		for (const m of clause.matchAll(BOUND_BEFORE)) {
			const unit = m[3] as string
			out.push({
				label: labelBefore(clause, m.index ?? 0),
				op: AT_LEAST_RE.test(m[1] as string) ? 'min' : 'max',
				value: Number(m[2]),
				unit: display(unit),
				text: m[0],
			})
		}
		for (const m of clause.matchAll(BOUND_AFTER)) {
			out.push({
				label: labelBefore(clause, m.index ?? 0),
				op: AT_LEAST_RE.test(m[3] as string) ? 'min' : 'max',
				value: Number(m[1]),
				unit: display(m[2] as string),
				text: m[0],
			})
		}
	}
	return out
}

/** Every figure with a unit in a listing text (ranges as low–high). */
export function parseFigures(text: string): Figure[] {
	const out: Figure[] = []
	for (const clause of splitClauses(normalizeText(text))) {
		for (const m of clause.matchAll(FIGURE)) {
			const a = Number(m[2])
			const b = m[3] === undefined ? a : Number(m[3])
			const op = m[1]
			// "≤2μm" states an upper bound the supplier achieves; "≥72K" a lower one.
			const low = op === '≥' || op === '>' ? Math.max(a, b) : Math.min(a, b)
			const high = op === '≤' || op === '<' ? Math.min(a, b) : Math.max(a, b)
			out.push({
				label: labelBefore(clause, m.index ?? 0),
				low,
				high,
				unit: display(m[4] as string),
				text: m[0].trim(),
			})
		}
	}
	return out
}

/** Checks each requirement against the figures in the same unit; requirements without such figures are skipped. */
export function checkSpecs(requirements: readonly Requirement[], figures: readonly Figure[]): SpecCheck[] {
	const checks: SpecCheck[] = []
	for (const req of requirements) {
		const same = figures.filter(
			(f) => f.unit === req.unit && (SPECIFIC_UNITS.has(req.unit) || labelsMeet(req.label, f.label)),
		)
		if (same.length === 0) continue
		const best =
			req.op === 'min'
				? same.reduce((a, b) => (b.high > a.high ? b : a))
				: same.reduce((a, b) => (b.low < a.low ? b : a))
		const met = req.op === 'min' ? best.high >= req.value : best.low <= req.value
		checks.push({
			label: req.label,
			required: `${req.op === 'min' ? '≥' : '≤'}${req.value}${req.unit}`,
			offered: best.text,
			met,
		})
	}
	return checks
}
