// Pure helpers of the monitoring dashboard (/bureau/monitor): the filters from the URL, the period in
// Asia/Shanghai (UTC+8 all year, no daylight saving), the monthly buckets of the trend, the
// definitions of the figures and small arithmetic on amounts. No database here.

export const PERIOD_TYPES = ['month', 'quarter', 'year', 'custom'] as const
export type PeriodType = (typeof PERIOD_TYPES)[number]

/** Asia/Shanghai is UTC+8 all year. */
const OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
/** Custom ranges are at most this many days (five years). */
export const MAX_RANGE_DAYS = 5 * 366
/** The trend shows at least this many months, ending with the period's last month. */
export const TREND_MIN_MONTHS = 12

export type Period = {
	type: PeriodType
	/** The values as they go in the URL: "2026-11", "2026-Q4", "2026", or "2026-11-01" (custom from/to). */
	from: string
	to: string
	/** Inclusive start and exclusive end, as instants. */
	start: Date
	end: Date
	/** Chinese label: "2026年11月", "2026年第4季度", "2026年", "2026-11-01 至 2026-11-30". */
	label: string
}

export type MonitorFilters = { period: Period; cluster: string | null; county: string | null }

export type ParseResult =
	{ ok: true; filters: MonitorFilters } | { ok: false; errors: Record<string, string> }

/** The instant of local (Asia/Shanghai) midnight of y-m-d; m is 1-based and may overflow. */
export function localMidnight(y: number, m: number, d = 1): Date {
	return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS)
}

/** Local calendar parts of an instant. */
export function localParts(date: Date) {
	const shifted = new Date(date.getTime() + OFFSET_MS)
	return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "YYYY-MM" of the local month an instant falls in. */
export function monthKey(date: Date) {
	const { y, m } = localParts(date)
	return `${y}-${pad(m)}`
}

/** "YYYY-MM-DD" local day of an instant. */
export function localDay(date: Date) {
	const { y, m, d } = localParts(date)
	return `${y}-${pad(m)}-${pad(d)}`
}

function validDay(value: string): { y: number; m: number; d: number } | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
	if (!match) return null
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
	if (m < 1 || m > 12 || d < 1) return null
	const check = new Date(Date.UTC(y, m - 1, d))
	if (check.getUTCMonth() !== m - 1 || y < 2000 || y > 2100) return null
	return { y, m, d }
}

/** The default value of `from` for a period type: the period containing `now`. */
export function defaultFrom(type: PeriodType, now: Date) {
	const { y, m } = localParts(now)
	if (type === 'month') return `${y}-${pad(m)}`
	if (type === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`
	if (type === 'year') return String(y)
	return `${y}-${pad(m)}-01`
}

/**
 * The period of a type and its URL values. month: from = "YYYY-MM"; quarter: "YYYY-Qn"; year:
 * "YYYY"; custom: from and to = "YYYY-MM-DD", both days included. Errors name the field in Chinese.
 */
export function parsePeriod(
	type: PeriodType,
	fromRaw: string,
	toRaw: string,
): { ok: true; period: Period } | { ok: false; errors: Record<string, string> } {
	const from = fromRaw.trim()
	const to = toRaw.trim()
	if (type === 'month') {
		const match = /^(\d{4})-(\d{2})$/.exec(from)
		const [y, m] = match ? [Number(match[1]), Number(match[2])] : [0, 0]
		if (!match || m < 1 || m > 12 || y < 2000 || y > 2100)
			return { ok: false, errors: { from: '起始月份格式应为 YYYY-MM，例如 2026-11' } }
		return {
			ok: true,
			period: {
				type,
				from,
				to: from,
				start: localMidnight(y, m),
				end: localMidnight(y, m + 1),
				label: `${y}年${m}月`,
			},
		}
	}
	if (type === 'quarter') {
		const match = /^(\d{4})-Q([1-4])$/i.exec(from)
		const y = match ? Number(match[1]) : 0
		if (!match || y < 2000 || y > 2100)
			return { ok: false, errors: { from: '季度格式应为 YYYY-Qn，例如 2026-Q4' } }
		const q = Number(match[2])
		const value = `${y}-Q${q}`
		return {
			ok: true,
			period: {
				type,
				from: value,
				to: value,
				start: localMidnight(y, 3 * q - 2),
				end: localMidnight(y, 3 * q + 1),
				label: `${y}年第${q}季度`,
			},
		}
	}
	if (type === 'year') {
		const y = /^\d{4}$/.test(from) ? Number(from) : 0
		if (y < 2000 || y > 2100) return { ok: false, errors: { from: '年份格式应为 YYYY，例如 2026' } }
		return {
			ok: true,
			period: {
				type,
				from,
				to: from,
				start: localMidnight(y, 1),
				end: localMidnight(y + 1, 1),
				label: `${y}年`,
			},
		}
	}
	const errors: Record<string, string> = {}
	const a = validDay(from)
	const b = validDay(to)
	if (!a) errors.from = '起始日期格式应为 YYYY-MM-DD'
	if (!b) errors.to = '截止日期格式应为 YYYY-MM-DD'
	if (!a || !b) return { ok: false, errors }
	const start = localMidnight(a.y, a.m, a.d)
	const end = localMidnight(b.y, b.m, b.d + 1)
	if (end <= start) return { ok: false, errors: { to: '截止日期不能早于起始日期' } }
	if ((end.getTime() - start.getTime()) / DAY_MS > MAX_RANGE_DAYS)
		return { ok: false, errors: { to: '自定义期间最长 5 年' } }
	return { ok: true, period: { type, from, to, start, end, label: `${from} 至 ${to}` } }
}

/**
 * The filters of the dashboard from its URL: period (month|quarter|year|custom, default month),
 * from, to, cluster (a cluster slug), county (a region code). Unknown cluster/county values are
 * checked by the caller against the database and the region list.
 */
export function parseMonitorFilters(params: URLSearchParams, now: Date): ParseResult {
	const rawType = params.get('period') || 'month'
	if (!(PERIOD_TYPES as readonly string[]).includes(rawType))
		return { ok: false, errors: { period: '期间类型应为 月/季/年/自定义 之一' } }
	const type = rawType as PeriodType
	const from = params.get('from') || defaultFrom(type, now)
	const to = params.get('to') || (type === 'custom' ? localDay(now) : from)
	const parsed = parsePeriod(type, from, to)
	if (!parsed.ok) return parsed
	const cluster = params.get('cluster')?.trim() || null
	const county = params.get('county')?.trim() || null
	const errors: Record<string, string> = {}
	if (cluster && !/^[a-z0-9-]{1,64}$/.test(cluster)) errors.cluster = '产业链参数无效'
	if (county && !/^[A-Za-z0-9-]{1,16}$/.test(county)) errors.county = '区县参数无效'
	if (Object.keys(errors).length) return { ok: false, errors }
	return { ok: true, filters: { period: parsed.period, cluster, county } }
}

/** The query string of filters (for links: export, report, trend). */
export function filtersToSearch(filters: MonitorFilters) {
	const params = new URLSearchParams()
	params.set('period', filters.period.type)
	params.set('from', filters.period.from)
	if (filters.period.type === 'custom') params.set('to', filters.period.to)
	if (filters.cluster) params.set('cluster', filters.cluster)
	if (filters.county) params.set('county', filters.county)
	return params.toString()
}

export type MonthBucket = { key: string; start: Date; end: Date }

/** The local months overlapping [start, end), in order. */
export function monthBuckets(start: Date, end: Date): MonthBucket[] {
	const buckets: MonthBucket[] = []
	if (end <= start) return buckets
	let { y, m } = localParts(start)
	for (;;) {
		const bucketStart = localMidnight(y, m)
		if (bucketStart >= end) break
		buckets.push({ key: `${y}-${pad(m)}`, start: bucketStart, end: localMidnight(y, m + 1) })
		m += 1
		if (m > 12) {
			m = 1
			y += 1
		}
	}
	return buckets
}

/**
 * The months of the trend chart: the months of the period, extended back to at least
 * TREND_MIN_MONTHS months ending with the period's last month.
 */
export function trendBuckets(period: Pick<Period, 'start' | 'end'>): MonthBucket[] {
	const own = monthBuckets(period.start, period.end)
	if (own.length >= TREND_MIN_MONTHS) return own
	const last = localParts(new Date(period.end.getTime() - 1))
	const first = localMidnight(last.y, last.m - (TREND_MIN_MONTHS - 1))
	return monthBuckets(first, period.end)
}

// ---- Figures ----------------------------------------------------------------------------------

export const STAGES = ['INTENT', 'NEGOTIATION', 'SAMPLING', 'SIGNED', 'CLOSED'] as const
export type Stage = (typeof STAGES)[number]

export type Figures = {
	firmsRegistered: number
	firmsVerified: number
	capabilities: number
	demandsPublished: number
	demandsOpen: number
	demandsClosed: number
	suggestions: number
	dockings: number
	/** Docking sessions created in the period, by their current stage. */
	stages: Record<Stage, number>
	reachedSampling: number
	reachedSigned: number
	dockingContracts: number
	dockingAmount: string
	meetingContracts: number
	meetingAmount: string
	contracts: number
	amount: string
	events: number
	responded: number
	responseMedianHours: number | null
	responseP90Hours: number | null
	wuhanDemands: number
	localSigned: number
	/** localSigned / wuhanDemands, null when there is no Wuhan demand. */
	localRatio: number | null
}

export function emptyFigures(): Figures {
	return {
		firmsRegistered: 0,
		firmsVerified: 0,
		capabilities: 0,
		demandsPublished: 0,
		demandsOpen: 0,
		demandsClosed: 0,
		suggestions: 0,
		dockings: 0,
		stages: { INTENT: 0, NEGOTIATION: 0, SAMPLING: 0, SIGNED: 0, CLOSED: 0 },
		reachedSampling: 0,
		reachedSigned: 0,
		dockingContracts: 0,
		dockingAmount: '0.00',
		meetingContracts: 0,
		meetingAmount: '0.00',
		contracts: 0,
		amount: '0.00',
		events: 0,
		responded: 0,
		responseMedianHours: null,
		responseP90Hours: null,
		wuhanDemands: 0,
		localSigned: 0,
		localRatio: null,
	}
}

/** The figures shown on KPI cards and in the tables, in display order. */
export const FIGURE_KEYS = [
	'firmsRegistered',
	'firmsVerified',
	'capabilities',
	'demandsPublished',
	'demandsOpen',
	'demandsClosed',
	'suggestions',
	'dockings',
	'reachedSampling',
	'reachedSigned',
	'contracts',
	'amount',
	'events',
	'responseMedianHours',
	'responseP90Hours',
	'localRatio',
] as const
export type FigureKey = (typeof FIGURE_KEYS)[number]

/** Chinese names of the figures (the Excel file and the printable report use them). */
export const FIGURE_LABELS: Record<FigureKey, string> = {
	firmsRegistered: '注册企业',
	firmsVerified: '认证企业',
	capabilities: '发布能力',
	demandsPublished: '发布需求',
	demandsOpen: '其中仍开放',
	demandsClosed: '关闭需求',
	suggestions: '匹配推荐',
	dockings: '对接会话',
	reachedSampling: '进入送样',
	reachedSigned: '达成签约',
	contracts: '签约合同',
	amount: '签约金额（元）',
	events: '举办对接会',
	responseMedianHours: '响应时间中位数（小时）',
	responseP90Hours: '响应时间 P90（小时）',
	localRatio: '本地配套率',
}

/** What each figure counts (Chinese; shown beside every figure, in the file and in the report). */
export const FIGURE_DEFINITIONS: Record<FigureKey, string> = {
	firmsRegistered:
		'期内提交注册的企业数（按注册时间）。产业链按企业所属产业链（可属多条，各计一次），区县按企业所在区县。',
	firmsVerified: '期内通过认证、目前仍为已认证的企业数（按认证时间）。',
	capabilities: '期内首次发布的供给能力条数（按发布时间；不含草稿，含其后下架的）。区县按发布企业。',
	demandsPublished: '期内发布的采购需求条数（按发布时间）。产业链按需求所属产业链，区县按发布需求的企业。',
	demandsOpen: '期内发布的需求中，目前仍处于发布（开放）状态的条数。',
	demandsClosed: '期内关闭的需求条数（按关闭时间）。',
	suggestions:
		'期内系统生成的匹配推荐条数（按生成时间，含其后被忽略的）。产业链按需求，区县按被推荐能力所属企业（供应方）。',
	dockings: '期内发起的对接会话数（按发起时间）。产业链按关联需求，无需求时按关联能力；区县按供应方企业。',
	reachedSampling: '期内发起的对接会话中，已进入送样阶段或更后（含已签约）的个数。',
	reachedSigned: '期内发起的对接会话中，已签约的个数（有签约时间）。',
	contracts:
		'期内签约数 = 对接会话签约（按签约时间）+ 对接会会谈签约（已举行且结果为签约，按会谈时间）。会谈所关联的对接会话已签约的，只按对接会话计一次，不重复计。会谈产业链按供应方企业所属产业链。',
	amount:
		'上述签约的金额合计（元）：对接会话的成交金额 + 未被对接会话重复计入的会谈签约金额；未填金额的按 0 计。',
	events:
		'期内开始、已发布或已结束（未取消）且已开始的对接会场数。产业链按对接会主题产业链；区县筛选时计有该区县企业报名通过的对接会。',
	responseMedianHours:
		'期内发布且已收到对接请求的需求，从发布到第一个对接会话发起的小时数的中位数。区县按发布需求的企业。',
	responseP90Hours: '同上，第 90 百分位（90% 的需求在此时长内收到第一个对接请求）。',
	localRatio:
		'本地配套率 = 期内发布、发布方在武汉的需求中，已与咸宁供应方（企业所在区县属咸宁）签约的需求所占比例。产业链按需求，区县按发布需求的企业。',
}

/** Sum of decimal amounts given as strings with up to 2 decimals ("12.5", "-3.00"), exactly. */
export function addAmounts(...values: Array<string | null | undefined>): string {
	let cents = 0n
	for (const v of values) {
		if (v === null || v === undefined || v === '') continue
		const negative = v.trim().startsWith('-')
		const [whole = '0', frac = ''] = v.trim().replace(/^[-+]/, '').split('.')
		const c = BigInt(whole || '0') * 100n + BigInt((frac + '00').slice(0, 2))
		cents += negative ? -c : c
	}
	const negative = cents < 0n
	const abs = negative ? -cents : cents
	return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

/** Ratio a / b, null when b is 0. */
export function ratio(a: number, b: number) {
	return b === 0 ? null : a / b
}

/** "12.5%" (one decimal) or "—". */
export function formatPercent(value: number | null) {
	return value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`
}

/** Hours with one decimal, or "—". */
export function formatHours(value: number | null) {
	return value === null ? '—' : (Math.round(value * 10) / 10).toFixed(1)
}

/** "¥1,234.50". */
export function formatYuan(amount: string) {
	const [whole = '0', frac = '00'] = amount.replace('-', '').split('.')
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
	return `${amount.startsWith('-') ? '-' : ''}¥${grouped}.${frac.padEnd(2, '0').slice(0, 2)}`
}

/** The display text of a figure. */
export function formatFigure(key: FigureKey, f: Figures): string {
	if (key === 'amount') return formatYuan(f.amount)
	if (key === 'localRatio') return formatPercent(f.localRatio)
	if (key === 'responseMedianHours' || key === 'responseP90Hours') return formatHours(f[key])
	return String(f[key])
}
