import { describe, expect, test } from 'vitest'
import { LOCKOUT_DURATION_MS, LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_MS } from '#app/modules/auth/constants'
import { isLocked, registerFailure, type ThrottleState } from '#app/modules/auth/lockout'

const MIN = 60 * 1000
const T0 = new Date('2025-03-01T08:00:00.000Z').getTime()
const at = (ms: number) => new Date(T0 + ms)

/** Registers failures at the given offsets and returns every intermediate state. */
function failAt(offsets: number[], start: ThrottleState | null = null) {
	const states: ThrottleState[] = []
	let state = start
	for (const offset of offsets) {
		state = registerFailure(state, at(offset))
		states.push(state)
	}
	return states
}

describe('lockout constants', () => {
	test('are 5 failures / 15 min window / 30 min lock', () => {
		expect(LOCKOUT_MAX_FAILURES).toBe(5)
		expect(LOCKOUT_WINDOW_MS).toBe(15 * MIN)
		expect(LOCKOUT_DURATION_MS).toBe(30 * MIN)
	})
})

describe('registerFailure', () => {
	test('the first failure is remembered', () => {
		expect(registerFailure(null, at(0))).toEqual({ failureTimes: [at(0)], lockedUntil: null })
	})

	test('4 failures do not lock', () => {
		const states = failAt([0, 1 * MIN, 2 * MIN, 3 * MIN])
		expect(states.map((s) => s.failureTimes.length)).toEqual([1, 2, 3, 4])
		for (const s of states) expect(s.lockedUntil).toBeNull()
		expect(isLocked(states.at(-1)!, at(3 * MIN))).toBe(false)
	})

	test('the 5th failure within 15 minutes locks for 30 minutes', () => {
		const last = failAt([0, 1 * MIN, 2 * MIN, 3 * MIN, 14 * MIN]).at(-1)!
		expect(last).toEqual({ failureTimes: [], lockedUntil: at(14 * MIN + 30 * MIN) })
		expect(isLocked(last, at(14 * MIN))).toBe(true)
		expect(isLocked(last, at(44 * MIN - 1))).toBe(true)
		expect(isLocked(last, at(44 * MIN))).toBe(false)
	})

	test('five quick failures lock', () => {
		expect(isLocked(failAt([0, 1000, 2000, 3000, 4000]).at(-1)!, at(4000))).toBe(true)
	})

	test('the window is inclusive at exactly 15 minutes', () => {
		expect(failAt([0, MIN, 2 * MIN, 3 * MIN, 15 * MIN]).at(-1)!.lockedUntil).toEqual(at(45 * MIN))
		const outside = failAt([0, MIN, 2 * MIN, 3 * MIN, 15 * MIN + 1]).at(-1)!
		expect(outside).toEqual({ failureTimes: [at(MIN), at(2 * MIN), at(3 * MIN), at(15 * MIN + 1)], lockedUntil: null })
	})

	test('failures spread over more than 15 minutes do not lock', () => {
		// One failure every 4 minutes: never 5 inside any 15 minutes.
		const states = failAt(Array.from({ length: 20 }, (_, i) => i * 4 * MIN))
		for (const [i, s] of states.entries()) {
			expect(s.lockedUntil).toBeNull()
			expect(isLocked(s, at(i * 4 * MIN))).toBe(false)
			expect(s.failureTimes.length).toBeLessThanOrEqual(4)
		}
	})

	test('any 5 failures inside 15 minutes lock, whenever the first failure was', () => {
		const offsets = [0, 14 * MIN, 14 * MIN + 20_000, 14 * MIN + 40_000, 15 * MIN + 1000, 15 * MIN + 1000 + 1]
		expect(offsets.at(-1)! - offsets[1]!).toBeLessThan(LOCKOUT_WINDOW_MS)
		const states = failAt(offsets)
		expect(states.map((s) => s.lockedUntil !== null)).toEqual([false, false, false, false, false, true])
	})

	test('after the lock expires counting starts again', () => {
		const locked = failAt([0, 1, 2, 3, 4].map((i) => i * MIN)).at(-1)!
		expect(locked.lockedUntil).toEqual(at(34 * MIN))
		const states = failAt([34 * MIN, 35 * MIN, 36 * MIN, 37 * MIN], locked)
		expect(states.map((s) => s.failureTimes.length)).toEqual([1, 2, 3, 4])
		for (const s of states) expect(s.lockedUntil).toBeNull()
		expect(isLocked(states.at(-1)!, at(37 * MIN))).toBe(false)
		expect(registerFailure(states.at(-1)!, at(38 * MIN)).lockedUntil).toEqual(at(68 * MIN))
	})

	test('a long time after expiry a single failure does not lock', () => {
		const locked = failAt([0, 1, 2, 3, 4].map((i) => i * MIN)).at(-1)!
		expect(registerFailure(locked, at(5 * 60 * MIN))).toEqual({ failureTimes: [at(5 * 60 * MIN)], lockedUntil: null })
	})
})

describe('isLocked', () => {
	test('null state and a state without lock are not locked', () => {
		expect(isLocked(null, at(0))).toBe(false)
		expect(isLocked({ failureTimes: [at(0), at(1), at(2), at(3)], lockedUntil: null }, at(0))).toBe(false)
	})

	test('is locked strictly before lockedUntil and not at or after it', () => {
		const state: ThrottleState = { failureTimes: [], lockedUntil: at(30 * MIN) }
		expect(isLocked(state, at(0))).toBe(true)
		expect(isLocked(state, at(30 * MIN - 1))).toBe(true)
		expect(isLocked(state, at(30 * MIN))).toBe(false)
		expect(isLocked(state, at(30 * MIN + 1))).toBe(false)
	})

	test('a lock in the past is not a lock', () => {
		expect(isLocked({ failureTimes: [], lockedUntil: at(-1) }, at(0))).toBe(false)
	})
})
