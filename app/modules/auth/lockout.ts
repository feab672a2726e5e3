import { LOCKOUT_DURATION_MS, LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_MS } from './constants'

/** The times of recent failures (at most LOCKOUT_MAX_FAILURES - 1 kept) and the lock, if any. */
export type ThrottleState = { failureTimes: Date[]; lockedUntil: Date | null }

export function isLocked(state: ThrottleState | null, now: Date): boolean {
	return !!state?.lockedUntil && state.lockedUntil.getTime() > now.getTime()
}

/**
 * Counts one failed login in a sliding window: any 5 failures inside 15 minutes lock the login
 * name for 30 minutes. Failures from before an expired lock do not count again.
 */
export function registerFailure(state: ThrottleState | null, now: Date): ThrottleState {
	const t = now.getTime()
	const since = Math.max(t - LOCKOUT_WINDOW_MS, state?.lockedUntil ? state.lockedUntil.getTime() : -Infinity)
	const recent = (state?.failureTimes ?? []).filter((d) => d.getTime() >= since && d.getTime() <= t)
	const failureTimes = [...recent, now]
	if (failureTimes.length >= LOCKOUT_MAX_FAILURES) {
		return { failureTimes: [], lockedUntil: new Date(t + LOCKOUT_DURATION_MS) }
	}
	return { failureTimes, lockedUntil: null }
}
