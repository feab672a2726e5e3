import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	buildEventReport,
	fenToYuan,
	formatRate,
	formatYuan,
	meetingCluster,
	toFen,
	UNCLASSIFIED_CLUSTER,
	type ReportMeetingInput,
} from '#app/modules/events/report'

let seq = 0
function meeting(overrides: Partial<ReportMeetingInput> = {}): ReportMeetingInput {
	seq++
	return {
		id: `m${String(seq).padStart(3, '0')}`,
		status: 'SCHEDULED',
		outcome: null,
		dealAmount: null,
		outcomeNote: '',
		noShowFirmIds: [],
		buyerFirmId: 'b1',
		buyerName: '武汉光澜通信',
		supplierFirmId: 's1',
		supplierName: '赤壁车联电子',
		clusterName: '电子信息',
		startsAt: new Date(Date.UTC(2026, 11, 10, 1, seq)),
		timeLabel: '2026-12-10 09:00–09:30',
		...overrides,
	}
}
const registrations = { buyers: 3, suppliers: 5, checkedIn: 6 }

describe('amounts in fen', () => {
	test('parses and prints 元 with two places exactly', () => {
		expect(toFen('0.1')).toBe(10n)
		expect(toFen('0.01')).toBe(1n)
		expect(toFen('12345678901234.99')).toBe(1234567890123499n)
		expect(toFen('-3.5')).toBe(-350n)
		expect(fenToYuan(30n)).toBe('0.30')
		expect(fenToYuan(0n)).toBe('0.00')
		expect(fenToYuan(-5n)).toBe('-0.05')
		expect(formatYuan('1234567.5')).toBe('¥1,234,567.50')
		expect(formatYuan('999')).toBe('¥999.00')
	})

	test('rejects anything that is not a plain amount', () => {
		for (const bad of ['', '1e3', '1.234', 'abc', '1,000', 'NaN', '.5'])
			expect(() => toFen(bad), bad).toThrow()
	})

	test('0.1 + 0.2 is exactly 0.30 (no float drift)', () => {
		const report = buildEventReport({
			meetings: [
				meeting({ status: 'HELD', outcome: 'CONTRACT', dealAmount: '0.1' }),
				meeting({ status: 'HELD', outcome: 'CONTRACT', dealAmount: '0.2' }),
			],
			registrations,
		})
		expect(report.totals.contractAmount).toBe('0.30')
		expect(report.byCluster[0]!.amount).toBe('0.30')
	})

	test('the total is the exact sum of any amounts, beyond float precision', () => {
		fc.assert(
			fc.property(
				fc.array(fc.bigInt({ min: 0n, max: 99_999_999_999_999_99n }), { maxLength: 30 }),
				(fens) => {
					const report = buildEventReport({
						meetings: fens.map((f) =>
							meeting({ status: 'HELD', outcome: 'CONTRACT', dealAmount: fenToYuan(f) }),
						),
						registrations,
					})
					expect(toFen(report.totals.contractAmount)).toBe(fens.reduce((a, b) => a + b, 0n))
				},
			),
		)
	})
})

describe('buildEventReport', () => {
	test('counts planned, held, no-shows, outcomes and the no-show rate', () => {
		const report = buildEventReport({
			meetings: [
				meeting({ status: 'HELD', outcome: 'INTENT' }),
				meeting({ status: 'HELD', outcome: 'SAMPLE' }),
				meeting({ status: 'HELD', outcome: 'CONTRACT', dealAmount: '1000000.00' }),
				meeting({ status: 'HELD', outcome: 'NO_INTENT' }),
				meeting({ status: 'HELD' }),
				// scheduled with an outcome recorded counts as held
				meeting({ status: 'SCHEDULED', outcome: 'CONTRACT', dealAmount: '250.50' }),
				meeting({ status: 'SCHEDULED' }),
				meeting({ status: 'NO_SHOW', noShowFirmIds: ['s1'] }),
			],
			registrations,
		})
		expect(report.totals).toEqual({
			registered: { buyers: 3, suppliers: 5, total: 8 },
			checkedIn: 6,
			planned: 8,
			held: 6,
			noShow: 1,
			noShowRate: 1 / 8,
			intents: 4,
			samples: 1,
			contracts: 2,
			contractAmount: '1000250.50',
			excluded: { draft: 0, cancelled: 0, needsReschedule: 0 },
		})
		expect(report.byOutcome).toEqual({ NO_INTENT: 1, INTENT: 1, SAMPLE: 1, CONTRACT: 2 })
		expect(formatRate(report.totals.noShowRate)).toBe('12.5%')
	})

	test('DRAFT, CANCELLED and NEEDS_RESCHEDULE never count; drafts are not listed, the others are', () => {
		const report = buildEventReport({
			meetings: [
				meeting({ status: 'DRAFT', outcome: 'CONTRACT', dealAmount: '99.00' }),
				meeting({ status: 'DRAFT' }),
				meeting({ status: 'CANCELLED' }),
				meeting({ status: 'NEEDS_RESCHEDULE' }),
				meeting({ status: 'HELD', outcome: 'INTENT' }),
			],
			registrations,
		})
		expect(report.totals.planned).toBe(1)
		expect(report.totals.held).toBe(1)
		expect(report.totals.contracts).toBe(0)
		expect(report.totals.contractAmount).toBe('0.00')
		expect(report.totals.excluded).toEqual({ draft: 2, cancelled: 1, needsReschedule: 1 })
		expect(report.meetings.map((m) => m.status)).toEqual(['CANCELLED', 'NEEDS_RESCHEDULE', 'HELD'])
		expect(report.byCluster).toEqual([
			{ cluster: '电子信息', planned: 1, held: 1, intents: 1, contracts: 0, amount: '0.00' },
		])
	})

	test('nothing planned: rate 0, no clusters, zero amount', () => {
		const report = buildEventReport({
			meetings: [],
			registrations: { buyers: 0, suppliers: 0, checkedIn: 0 },
		})
		expect(report.totals.noShowRate).toBe(0)
		expect(report.totals.planned).toBe(0)
		expect(report.totals.contractAmount).toBe('0.00')
		expect(report.byCluster).toEqual([])
		expect(report.meetings).toEqual([])
	})

	test('an outcome on a no-show is not counted (outcomes belong to held meetings)', () => {
		const report = buildEventReport({
			meetings: [
				meeting({ status: 'NO_SHOW', outcome: 'CONTRACT', dealAmount: '10.00', noShowFirmIds: ['b1'] }),
			],
			registrations,
		})
		expect(report.totals).toMatchObject({ planned: 1, held: 0, noShow: 1, noShowRate: 1, contracts: 0 })
		expect(report.totals.contractAmount).toBe('0.00')
	})

	test('by cluster: sums per cluster, most planned first, 未分类 last', () => {
		const report = buildEventReport({
			meetings: [
				meeting({
					clusterName: UNCLASSIFIED_CLUSTER,
					status: 'HELD',
					outcome: 'CONTRACT',
					dealAmount: '5.00',
				}),
				meeting({ clusterName: UNCLASSIFIED_CLUSTER, status: 'SCHEDULED' }),
				meeting({ clusterName: UNCLASSIFIED_CLUSTER, status: 'SCHEDULED' }),
				meeting({ clusterName: '汽车及零部件', status: 'HELD', outcome: 'CONTRACT', dealAmount: '0.10' }),
				meeting({ clusterName: '汽车及零部件', status: 'HELD', outcome: 'CONTRACT', dealAmount: '0.20' }),
				meeting({ clusterName: '电子信息', status: 'NO_SHOW' }),
			],
			registrations,
		})
		expect(report.byCluster).toEqual([
			{ cluster: '汽车及零部件', planned: 2, held: 2, intents: 2, contracts: 2, amount: '0.30' },
			{ cluster: '电子信息', planned: 1, held: 0, intents: 0, contracts: 0, amount: '0.00' },
			{ cluster: UNCLASSIFIED_CLUSTER, planned: 3, held: 1, intents: 1, contracts: 1, amount: '5.00' },
		])
		expect(report.totals.contractAmount).toBe('5.30')
	})

	test('meeting rows: in time order, amounts with two places, no-show firms by name, notes as given', () => {
		const note = '=HYPERLINK("http://x") <script>alert(1)</script>'
		const report = buildEventReport({
			meetings: [
				meeting({
					id: 'late',
					startsAt: '2026-12-10T03:00:00Z',
					status: 'HELD',
					outcome: 'CONTRACT',
					dealAmount: '7',
					outcomeNote: note,
				}),
				meeting({
					id: 'early',
					startsAt: '2026-12-10T01:00:00Z',
					status: 'NO_SHOW',
					noShowFirmIds: ['b1', 's1'],
				}),
			],
			registrations,
		})
		expect(report.meetings.map((m) => m.id)).toEqual(['early', 'late'])
		expect(report.meetings[0]!.noShowNames).toEqual(['武汉光澜通信', '赤壁车联电子'])
		expect(report.meetings[0]!.held).toBe(false)
		expect(report.meetings[1]).toMatchObject({ held: true, dealAmount: '7.00', outcomeNote: note })
	})
})

describe('meetingCluster', () => {
	test('the supplier’s first cluster that is a theme, else its first cluster, else 未分类', () => {
		expect(meetingCluster(['新材料', '电子信息', '汽车及零部件'], ['汽车及零部件', '电子信息'])).toBe(
			'电子信息',
		)
		expect(meetingCluster(['新材料', '生物医药'], ['电子信息'])).toBe('新材料')
		expect(meetingCluster([], ['电子信息'])).toBe(UNCLASSIFIED_CLUSTER)
		expect(meetingCluster([], [])).toBe('未分类')
	})
})
