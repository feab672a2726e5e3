import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	scheduleMeetings,
	type ScheduleInput,
	type ScheduleResult,
	type SchedulerFirm,
	type SchedulerRequest,
} from '#app/modules/events/scheduler'

const RUNS = { numRuns: 200, seed: 20261201 }

const slotIds = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`)
const makeSlots = (n: number) =>
	slotIds(n).map((id, i) => ({
		id,
		start: `2026-12-01T${String(9 + i).padStart(2, '0')}:00`,
		end: `2026-12-01T${String(9 + i).padStart(2, '0')}:30`,
	}))

/** A small random event: 1–8 slots, 2–10 firms, up to 30 requests (some invalid), some locks. */
const eventArb: fc.Arbitrary<ScheduleInput> = fc
	.record({ nSlots: fc.integer({ min: 1, max: 8 }), nFirms: fc.integer({ min: 2, max: 10 }) })
	.chain(({ nSlots, nFirms }) => {
		const ids = slotIds(nSlots)
		const firmArb = (i: number) =>
			fc.record({
				id: fc.constant(`f${i}`),
				side: fc.constantFrom<'BUYER' | 'SUPPLIER'>('BUYER', 'SUPPLIER'),
				chainLeader: fc.boolean(),
				available: fc.subarray(ids),
				minMeetings: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
				maxMeetings: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
			})
		const firmRef = fc.oneof(
			{ weight: 12, arbitrary: fc.integer({ min: 0, max: nFirms - 1 }).map((i) => `f${i}`) },
			{ weight: 1, arbitrary: fc.constant('ghost') },
		)
		return fc
			.record({
				firms: fc.tuple(...Array.from({ length: nFirms }, (_, i) => firmArb(i))),
				reqs: fc.array(
					fc.record({
						from: firmRef,
						to: firmRef,
						priority: fc.constantFrom<'MUST' | 'MEET'>('MUST', 'MEET'),
						matchScore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
						accepted: fc.integer({ min: 0, max: 6 }).map((n) => n > 0),
					}),
					{ maxLength: 30 },
				),
				locks: fc.array(
					fc.record({ r: fc.integer({ min: 0, max: 35 }), s: fc.integer({ min: 0, max: nSlots }) }),
					{ maxLength: 4 },
				),
			})
			.map(({ firms, reqs, locks }) => ({
				slots: makeSlots(nSlots),
				firms: firms as SchedulerFirm[],
				requests: reqs.map((r, i) => ({ id: `r${String(i).padStart(2, '0')}`, ...r })) as SchedulerRequest[],
				// slot index nSlots stands for a slot that no longer exists
				locked: locks.map(({ r, s }) => ({ requestId: `r${String(r).padStart(2, '0')}`, slotId: `t${s}` })),
			}))
	})

function lockedCount(input: ScheduleInput, out: ScheduleResult, firmId: string) {
	return out.meetings.filter((m) => m.locked && (m.buyerId === firmId || m.supplierId === firmId)).length
}

describe('scheduleMeetings: properties', () => {
	test('no firm has two meetings in one slot', () => {
		fc.assert(
			fc.property(eventArb, (input) => {
				const out = scheduleMeetings(input)
				const seen = new Set<string>()
				for (const m of out.meetings) {
					for (const f of [m.buyerId, m.supplierId]) {
						const key = `${f}@${m.slotId}`
						expect(seen.has(key)).toBe(false)
						seen.add(key)
					}
				}
			}),
			RUNS,
		)
	})

	test('every meeting is in a slot both firms are available in', () => {
		fc.assert(
			fc.property(eventArb, (input) => {
				const out = scheduleMeetings(input)
				const firms = new Map(input.firms.map((f) => [f.id, f]))
				for (const m of out.meetings) {
					expect(firms.get(m.buyerId)?.available).toContain(m.slotId)
					expect(firms.get(m.supplierId)?.available).toContain(m.slotId)
				}
			}),
			RUNS,
		)
	})

	test('no firm above its maximum (locked meetings aside)', () => {
		fc.assert(
			fc.property(eventArb, (input) => {
				const out = scheduleMeetings(input)
				for (const f of input.firms) {
					const n = out.meetings.filter((m) => m.buyerId === f.id || m.supplierId === f.id).length
					const max = f.maxMeetings ?? input.slots.length
					expect(n).toBeLessThanOrEqual(Math.max(max, lockedCount(input, out, f.id)))
				}
			}),
			RUNS,
		)
	})

	test('one meeting per pair, buyer with supplier, accepted requests only', () => {
		fc.assert(
			fc.property(eventArb, (input) => {
				const out = scheduleMeetings(input)
				const firms = new Map(input.firms.map((f) => [f.id, f]))
				const reqs = new Map(input.requests.map((r) => [r.id, r]))
				const pairs = new Set<string>()
				for (const m of out.meetings) {
					expect(firms.get(m.buyerId)?.side).toBe('BUYER')
					expect(firms.get(m.supplierId)?.side).toBe('SUPPLIER')
					const r = reqs.get(m.requestId)
					expect(r?.accepted).toBe(true)
					expect([r?.from, r?.to].sort()).toEqual([m.buyerId, m.supplierId].sort())
					const key = `${m.buyerId}|${m.supplierId}`
					expect(pairs.has(key)).toBe(false)
					pairs.add(key)
				}
			}),
			RUNS,
		)
	})

	test('nothing vanishes: every request is placed or listed as unplaced with a reason, never both', () => {
		fc.assert(
			fc.property(eventArb, (input) => {
				const out = scheduleMeetings(input)
				const placed = out.meetings.map((m) => m.requestId)
				const unplaced = out.unplaced.map((u) => u.requestId)
				expect(new Set(placed).size).toBe(placed.length)
				expect(new Set(unplaced).size).toBe(unplaced.length)
				expect([...placed, ...unplaced].sort()).toEqual(input.requests.map((r) => r.id).sort())
				for (const u of out.unplaced) expect(u.detail).toMatch(/[\u4e00-\u9fff]/)
				for (const r of input.requests) {
					if (!r.accepted && !out.unplaced.some((u) => u.requestId === r.id && u.reason === 'LOCKED_INVALID'))
						expect(out.unplaced.find((u) => u.requestId === r.id)?.reason).toBe('NOT_ACCEPTED')
				}
				expect(out.stats.placed).toBe(out.meetings.length)
				expect(out.stats.requests).toBe(input.requests.length)
			}),
			RUNS,
		)
	})

	test('deterministic: same input twice, and the same input in another order, give the same agenda', () => {
		fc.assert(
			fc.property(eventArb, fc.integer(), (input, seed) => {
				const a = scheduleMeetings(input)
				expect(scheduleMeetings(structuredClone(input))).toEqual(a)
				const shuffle = <T>(xs: T[]) => {
					let x = seed | 1
					const out = [...xs]
					for (let i = out.length - 1; i > 0; i--) {
						x = (Math.imul(x, 1103515245) + 12345) | 0
						const j = Math.abs(x) % (i + 1)
						;[out[i], out[j]] = [out[j] as T, out[i] as T]
					}
					return out
				}
				const shuffled: ScheduleInput = {
					slots: shuffle(input.slots),
					firms: shuffle(input.firms).map((f) => ({ ...f, available: shuffle(f.available) })),
					requests: shuffle(input.requests),
					locked: shuffle(input.locked ?? []),
				}
				expect(scheduleMeetings(shuffled)).toEqual(a)
			}),
			RUNS,
		)
	})

	test('locked meetings are kept as given, or reported when they can no longer be held', () => {
		fc.assert(
			fc.property(eventArb, (input) => {
				const out = scheduleMeetings(input)
				const ids = new Set(input.requests.map((r) => r.id))
				const handled = new Set<string>()
				for (const l of input.locked ?? []) {
					if (!ids.has(l.requestId) || handled.has(l.requestId)) {
						expect(out.ignoredLocks.some((x) => x.requestId === l.requestId && x.slotId === l.slotId)).toBe(
							true,
						)
						continue
					}
					handled.add(l.requestId)
					const kept = out.meetings.find((m) => m.requestId === l.requestId)
					if (kept) expect(kept).toMatchObject({ slotId: l.slotId, locked: true })
					else expect(out.unplaced.find((u) => u.requestId === l.requestId)?.reason).toBe('LOCKED_INVALID')
				}
			}),
			RUNS,
		)
	})

	test('minimum met when it is feasible by design', () => {
		const feasible = fc
			.record({
				nSlots: fc.integer({ min: 4, max: 10 }),
				nBuyers: fc.integer({ min: 1, max: 5 }),
				nSuppliers: fc.integer({ min: 1, max: 5 }),
				min: fc.integer({ min: 0, max: 3 }),
				extra: fc.integer({ min: 0, max: 3 }),
				mustMask: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
			})
			.map(({ nSlots, nBuyers, nSuppliers, min, extra, mustMask }) => {
				// Every firm available everywhere, every buyer–supplier pair requested, slots ≥ nBuyers + nSuppliers − 1
				// (so any greedy order finds a free common slot), min ≤ the other side's size, max ≥ min: every firm
				// can reach its minimum; max may still bind.
				const slots = makeSlots(Math.max(nSlots, nBuyers + nSuppliers - 1))
				const all = slots.map((s) => s.id)
				const lo = Math.min(min, nBuyers, nSuppliers)
				// enough room on each side for the other side's minimums
				const maxB = Math.max(lo + extra, Math.ceil((nSuppliers * lo) / nBuyers))
				const maxS = Math.max(lo + extra, Math.ceil((nBuyers * lo) / nSuppliers))
				const firms: SchedulerFirm[] = [
					...Array.from({ length: nBuyers }, (_, i) => ({
						id: `b${i}`,
						side: 'BUYER' as const,
						available: all,
						minMeetings: lo,
						maxMeetings: maxB,
					})),
					...Array.from({ length: nSuppliers }, (_, i) => ({
						id: `s${i}`,
						side: 'SUPPLIER' as const,
						available: all,
						minMeetings: lo,
						maxMeetings: maxS,
					})),
				]
				const requests: SchedulerRequest[] = []
				for (let b = 0; b < nBuyers; b++)
					for (let s = 0; s < nSuppliers; s++)
						requests.push({
							id: `r${b}-${s}`,
							from: `b${b}`,
							to: `s${s}`,
							priority: mustMask[b * 5 + s] ? 'MUST' : 'MEET',
							accepted: true,
						})
				return { slots, firms, requests } satisfies ScheduleInput
			})
		fc.assert(
			fc.property(feasible, (input) => {
				expect(scheduleMeetings(input).belowMin).toEqual([])
			}),
			RUNS,
		)
	})
})

describe('scheduleMeetings: examples', () => {
	const slots = makeSlots(3)
	const firm = (
		id: string,
		side: 'BUYER' | 'SUPPLIER',
		available: string[],
		extra: Partial<SchedulerFirm> = {},
	) => ({
		id,
		side,
		available,
		...extra,
	})
	const req = (
		id: string,
		from: string,
		to: string,
		extra: Partial<SchedulerRequest> = {},
	): SchedulerRequest => ({
		id,
		from,
		to,
		priority: 'MEET',
		accepted: true,
		...extra,
	})

	test('invalid requests are reported in Chinese with their reason', () => {
		const out = scheduleMeetings({
			slots,
			firms: [firm('B1', 'BUYER', ['t0', 't1']), firm('B2', 'BUYER', ['t0']), firm('S1', 'SUPPLIER', ['t2'])],
			requests: [
				req('a', 'B1', 'S1'),
				req('b', 'B1', 'B2'),
				req('c', 'B1', 'X9'),
				req('d', 'B2', 'S1', { accepted: false }),
				req('e', 'S1', 'B1'),
			],
		})
		expect(out.meetings).toEqual([])
		expect(out.unplaced).toEqual([
			{ requestId: 'a', reason: 'NO_COMMON_SLOT', detail: 'B1 与 S1 没有共同的可参会时段' },
			{ requestId: 'b', reason: 'SAME_SIDE', detail: 'B1 与 B2 同为采购方，洽谈只在采购方与供应方之间安排' },
			{ requestId: 'c', reason: 'UNKNOWN_FIRM', detail: '企业 X9 未报名本次对接会' },
			{ requestId: 'd', reason: 'NOT_ACCEPTED', detail: '对方尚未接受洽谈预约（B2 → S1），不予排期' },
			{ requestId: 'e', reason: 'DUPLICATE_PAIR', detail: 'B1 与 S1 之间已有预约 a，每对企业只安排一场洽谈' },
		])
	})

	test('必须见 and 链主 go first when a firm has room for one meeting', () => {
		const out = scheduleMeetings({
			slots,
			firms: [
				firm('B1', 'BUYER', ['t0', 't1', 't2']),
				firm('B2', 'BUYER', ['t0', 't1', 't2'], { chainLeader: true }),
				firm('S1', 'SUPPLIER', ['t0', 't1', 't2'], { maxMeetings: 1 }),
				firm('S2', 'SUPPLIER', ['t0', 't1', 't2'], { maxMeetings: 1 }),
			],
			requests: [
				req('a', 'B1', 'S1', { matchScore: 99 }),
				req('b', 'B1', 'S2', { priority: 'MUST', matchScore: 10 }),
				req('c', 'B1', 'S1', { matchScore: 5 }),
				req('d', 'B2', 'S1', { matchScore: 1 }),
			],
		})
		expect(out.meetings.map((m) => m.requestId).sort()).toEqual(['b', 'd'])
		expect(out.unplaced.find((u) => u.requestId === 'a')).toEqual({
			requestId: 'a',
			reason: 'FIRM_AT_MAX',
			detail: 'S1 已排满洽谈场次上限（1 场）',
		})
		expect(out.stats).toEqual({ requests: 4, accepted: 4, placed: 2, mustMeet: 1, mustMeetPlaced: 1 })
	})

	test('repair moves a placed meeting to make room', () => {
		// B1–S1 could go in t0 or t1; B2–S1 only in t0. Whatever the greedy picks, both get placed.
		const out = scheduleMeetings({
			slots,
			firms: [
				firm('B1', 'BUYER', ['t0', 't1']),
				firm('B2', 'BUYER', ['t0']),
				firm('S1', 'SUPPLIER', ['t0', 't1']),
			],
			requests: [req('a', 'B1', 'S1', { priority: 'MUST' }), req('b', 'B2', 'S1')],
			locked: [],
		})
		expect(out.meetings.map((m) => [m.requestId, m.slotId])).toEqual([
			['b', 't0'],
			['a', 't1'],
		])
		expect(out.unplaced).toEqual([])
	})

	test('a lock that no longer fits is reported, not dropped; a lock of an unknown request is shown', () => {
		const out = scheduleMeetings({
			slots,
			firms: [firm('B1', 'BUYER', ['t1']), firm('S1', 'SUPPLIER', ['t1']), firm('S2', 'SUPPLIER', ['t1'])],
			requests: [req('a', 'B1', 'S1'), req('b', 'B1', 'S2'), req('c', 'S2', 'B1', { accepted: false })],
			locked: [
				{ requestId: 'a', slotId: 't0' },
				{ requestId: 'b', slotId: 't1' },
				{ requestId: 'zz', slotId: 't1' },
			],
		})
		expect(out.meetings).toEqual([
			{ requestId: 'b', buyerId: 'B1', supplierId: 'S2', slotId: 't1', locked: true },
		])
		expect(out.unplaced).toEqual([
			{
				requestId: 'a',
				reason: 'LOCKED_INVALID',
				detail:
					'已锁定的洽谈（时段 t0）不再有效：B1、S1 在 2026-12-01T09:00–2026-12-01T09:30 不可参会，请人工处理',
			},
			{ requestId: 'c', reason: 'NOT_ACCEPTED', detail: '对方尚未接受洽谈预约（S2 → B1），不予排期' },
		])
		expect(out.ignoredLocks).toEqual([
			{ requestId: 'zz', slotId: 't1', detail: '锁定的洽谈所对应的预约 zz 不存在' },
		])
	})

	test('min pass lifts a firm below its minimum by taking a place from a firm with enough', () => {
		// S1 can take one meeting. B1 (链主, higher weight) would take it; B2 needs one (min 1) and B1 has
		// another partner, so B2 gets S1 and B1 meets S2.
		const all = ['t0', 't1']
		const out = scheduleMeetings({
			slots: makeSlots(2),
			firms: [
				firm('B1', 'BUYER', all, { chainLeader: true, minMeetings: 1 }),
				firm('B2', 'BUYER', all, { minMeetings: 1 }),
				firm('S1', 'SUPPLIER', all, { maxMeetings: 1 }),
				firm('S2', 'SUPPLIER', all, { maxMeetings: 1 }),
			],
			requests: [req('a', 'B1', 'S1'), req('b', 'B1', 'S2'), req('c', 'B2', 'S1')],
		})
		expect(out.belowMin).toEqual([])
		expect(out.meetings.map((m) => m.requestId).sort()).toEqual(['b', 'c'])
	})
})
