import { LOCKOUT_DURATION_MS, LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_MS } from './constants'

export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null }

export function isLocked(state: ThrottleState | null, now: Date): boolean {
	return !!state?.lockedUntil && state.lockedUntil.getTime() > now.getTime()
}

/** Counts one failed login: 5 failures inside 15 minutes lock the login name for 30 minutes. */
export function registerFailure(state: ThrottleState | null, now: Date): ThrottleState {
	const windowOpen = state && now.getTime() - state.windowStart.getTime() <= LOCKOUT_WINDOW_MS && !isExpiredLock(state, now)
	const failures = windowOpen ? state.failures + 1 : 1
	const windowStart = windowOpen ? state.windowStart : now
	if (failures >= LOCKOUT_MAX_FAILURES) {
		return { failures: 0, windowStart: now, lockedUntil: new Date(now.getTime() + LOCKOUT_DURATION_MS) }
	}
	return { failures, windowStart, lockedUntil: null }
}

function isExpiredLock(state: ThrottleState, now: Date) {
	return !!state.lockedUntil && state.lockedUntil.getTime() <= now.getTime()
}
