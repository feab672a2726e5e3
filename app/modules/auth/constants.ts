import type { Role } from '@prisma/client'

export const SESSION_COOKIE = 'xnwh_session'
export const ABSOLUTE_SESSION_MS = 12 * 60 * 60 * 1000
export const IDLE_TIMEOUT_MS: Record<Role, number> = {
	SUPPLIER: 30 * 60 * 1000,
	BUYER: 30 * 60 * 1000,
	BUREAU: 15 * 60 * 1000,
	ADMIN: 15 * 60 * 1000,
	AUDITOR: 15 * 60 * 1000,
}
/** lastSeenAt is written at most this often, so a page view is not always a write. */
export const SESSION_TOUCH_MS = 60 * 1000

export const LOCKOUT_MAX_FAILURES = 5
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000
export const LOCKOUT_DURATION_MS = 30 * 60 * 1000

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

export const STAFF_ROLES: readonly Role[] = ['BUREAU', 'ADMIN']
/** 等保 三员分立: only the audit administrator reads the audit log; bureau and admin cannot. */
export const AUDIT_ROLES: readonly Role[] = ['AUDITOR']
/** Enforced by a database trigger (migration auditor_role_retention). */
export const AUDIT_RETENTION_DAYS = 180
