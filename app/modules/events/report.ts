import type { MeetingOutcome, MeetingStatus } from '@prisma/client'

// The post-event report of a matchmaking event (对接会报告): pure aggregation, no database and no
// clock, so every figure can be checked by a unit test. The server loader resolves names and each
// meeting's cluster (see `meetingCluster`) and passes plain rows in.
//
// Counting rules:
// - planned  = SCHEDULED + HELD + NO_SHOW (a published agenda's meetings); DRAFT, CANCELLED and
//   NEEDS_RESCHEDULE never count and are only reported as separate counts.
// - held     = HELD, or SCHEDULED with an outcome recorded.
// - outcomes (intents, samples, contracts, byOutcome, amounts) count held meetings only, so
//   intents ≤ held ≤ planned always holds.
// - contractAmount sums dealAmount of held meetings whose outcome is CONTRACT, in integer 分 (fen).

export const UNCLASSIFIED_CLUSTER = '未分类'

export const PLANNED_STATUSES = ['SCHEDULED', 'HELD', 'NO_SHOW'] as const satisfies readonly MeetingStatus[]
export const EXCLUDED_STATUSES = [
	'DRAFT',
	'CANCELLED',
	'NEEDS_RESCHEDULE',
] as const satisfies readonly MeetingStatus[]
export const REPORT_OUTCOMES = [
	'NO_INTENT',
	'INTENT',
	'SAMPLE',
	'CONTRACT',
] as const satisfies readonly MeetingOutcome[]
const INTENT_OUTCOMES: readonly MeetingOutcome[] = ['INTENT', 'SAMPLE', 'CONTRACT']

export type ReportMeetingInput = {
	id: string
	status: MeetingStatus
	outcome: MeetingOutcome | null
	/** 元 with at most two decimals ("12345.6", "0.10"), or null. */
	dealAmount: string | null
	outcomeNote: string
	noShowFirmIds: string[]
	buyerFirmId: string
	buyerName: string
	supplierFirmId: string
	supplierName: string
	/** Already resolved with `meetingCluster`. */
	clusterName: string
	startsAt: Date | string
	/** "YYYY-MM-DD HH:MM–HH:MM" local time. */
	timeLabel: string
}

export type ReportRegistrations = {
	/** APPROVED registrations by side. */
	buyers: number
	suppliers: number
	/** APPROVED registrations that checked in. */
	checkedIn: number
}

export type ReportTotals = {
	registered: { buyers: number; suppliers: number; total: number }
	checkedIn: number
	planned: number
	held: number
	noShow: number
	/** noShow / planned, 0 when nothing was planned. */
	noShowRate: number
	intents: number
	samples: number
	contracts: number
	/** 元, two decimals, exact. */
	contractAmount: string
	excluded: { draft: number; cancelled: number; needsReschedule: number }
}

export type ClusterRow = {
	cluster: string
	planned: number
	held: number
	intents: number
	contracts: number
	/** 元, two decimals, exact. */
	amount: string
}

export type MeetingRow = {
	id: string
	timeLabel: string
	buyerName: string
	supplierName: string
	clusterName: string
	status: MeetingStatus
	held: boolean
	outcome: MeetingOutcome | null
	/** 元, two decimals, or null when no amount was recorded. */
	dealAmount: string | null
	outcomeNote: string
	noShowNames: string[]
}

export type EventReport = {
	totals: ReportTotals
	byCluster: ClusterRow[]
	byOutcome: Record<MeetingOutcome, number>
	meetings: MeetingRow[]
}

const AMOUNT_RE = /^(-?)(\d+)(?:\.(\d{1,2}))?$/

/** "12.3" → 1230n (fen). Throws on anything that is not a plain decimal with at most two places. */
export function toFen(amount: string): bigint {
	const m = AMOUNT_RE.exec(amount.trim())
	if (!m) throw new Error(`not a 元 amount: ${JSON.stringify(amount)}`)
	const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'))
	return m[1] ? -fen : fen
}

/** 1230n → "12.30". */
export function fenToYuan(fen: bigint): string {
	const negative = fen < 0n
	const abs = negative ? -fen : fen
	return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

/**
 * A meeting's cluster: the supplier's first cluster that is also a theme of the event, else the
 * supplier's first cluster, else 未分类. `supplierClusters` in the supplier's order (sortOrder).
 */
export function meetingCluster(
	supplierClusters: readonly string[],
	eventClusters: readonly string[],
): string {
	const themes = new Set(eventClusters)
	return supplierClusters.find((c) => themes.has(c)) ?? supplierClusters[0] ?? UNCLASSIFIED_CLUSTER
}

export function isPlanned(status: MeetingStatus) {
	return (PLANNED_STATUSES as readonly MeetingStatus[]).includes(status)
}

export function isHeld(m: { status: MeetingStatus; outcome: MeetingOutcome | null }) {
	return m.status === 'HELD' || (m.status === 'SCHEDULED' && m.outcome !== null)
}

/** A share 0..1 as "12.5%" (one decimal). */
export function formatRate(rate: number) {
	return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

/** "1234567.5" → "¥1,234,567.50", from the exact string (no float). */
export function formatYuan(amount: string) {
	const fen = toFen(amount)
	const [int, dec] = fenToYuan(fen < 0n ? -fen : fen).split('.') as [string, string]
	return `${fen < 0n ? '-' : ''}¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`
}

type ClusterAcc = {
	cluster: string
	planned: number
	held: number
	intents: number
	contracts: number
	fen: bigint
}

export function buildEventReport(input: {
	meetings: readonly ReportMeetingInput[]
	registrations: ReportRegistrations
}): EventReport {
	const byOutcome: Record<MeetingOutcome, number> = { NO_INTENT: 0, INTENT: 0, SAMPLE: 0, CONTRACT: 0 }
	const excluded = { draft: 0, cancelled: 0, needsReschedule: 0 }
	const clusters = new Map<string, ClusterAcc>()
	let planned = 0
	let held = 0
	let noShow = 0
	let totalFen = 0n
	const rows: MeetingRow[] = []

	const sorted = [...input.meetings].sort(
		(a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime() || a.id.localeCompare(b.id),
	)
	for (const m of sorted) {
		if (m.status === 'DRAFT') excluded.draft++
		else if (m.status === 'CANCELLED') excluded.cancelled++
		else if (m.status === 'NEEDS_RESCHEDULE') excluded.needsReschedule++

		const wasHeld = isHeld(m)
		const fen = m.dealAmount === null ? null : toFen(m.dealAmount)
		if (m.status !== 'DRAFT') {
			const names = new Map([
				[m.buyerFirmId, m.buyerName],
				[m.supplierFirmId, m.supplierName],
			])
			rows.push({
				id: m.id,
				timeLabel: m.timeLabel,
				buyerName: m.buyerName,
				supplierName: m.supplierName,
				clusterName: m.clusterName,
				status: m.status,
				held: wasHeld,
				outcome: m.outcome,
				dealAmount: fen === null ? null : fenToYuan(fen),
				outcomeNote: m.outcomeNote,
				noShowNames: m.noShowFirmIds.map((id) => names.get(id) ?? id),
			})
		}
		if (!isPlanned(m.status)) continue

		let acc = clusters.get(m.clusterName)
		if (!acc) {
			acc = { cluster: m.clusterName, planned: 0, held: 0, intents: 0, contracts: 0, fen: 0n }
			clusters.set(m.clusterName, acc)
		}
		planned++
		acc.planned++
		if (m.status === 'NO_SHOW') noShow++
		if (!wasHeld) continue
		held++
		acc.held++
		if (m.outcome === null) continue
		byOutcome[m.outcome]++
		if (INTENT_OUTCOMES.includes(m.outcome)) acc.intents++
		if (m.outcome === 'CONTRACT') {
			acc.contracts++
			if (fen !== null) {
				acc.fen += fen
				totalFen += fen
			}
		}
	}

	const byCluster = [...clusters.values()]
		.sort(
			(a, b) =>
				Number(a.cluster === UNCLASSIFIED_CLUSTER) - Number(b.cluster === UNCLASSIFIED_CLUSTER) ||
				b.planned - a.planned ||
				(b.fen > a.fen ? 1 : b.fen < a.fen ? -1 : 0) ||
				a.cluster.localeCompare(b.cluster, 'zh-CN'),
		)
		.map(({ fen, ...row }) => ({ ...row, amount: fenToYuan(fen) }))

	const { buyers, suppliers, checkedIn } = input.registrations
	return {
		totals: {
			registered: { buyers, suppliers, total: buyers + suppliers },
			checkedIn,
			planned,
			held,
			noShow,
			noShowRate: planned === 0 ? 0 : noShow / planned,
			intents: byOutcome.INTENT + byOutcome.SAMPLE + byOutcome.CONTRACT,
			samples: byOutcome.SAMPLE,
			contracts: byOutcome.CONTRACT,
			contractAmount: fenToYuan(totalFen),
			excluded,
		},
		byCluster,
		byOutcome,
		meetings: rows,
	}
}
