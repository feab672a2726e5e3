import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FieldError, login, registerFirm } from '#app/modules/auth/auth.server'
import { IDLE_TIMEOUT_MS } from '#app/modules/auth/constants'
import { RegisterSchema } from '#app/modules/auth/schemas'
import { getSessionUserFromCookie } from '#app/modules/auth/session.server'
import { prisma } from '#app/utils/db.server'
import { registrationInput, uniqueEmail } from '#tests/factories/firms'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
beforeAll(async () => {
	db = await setupTestDatabase()
})
afterAll(async () => {
	await db.stop()
})

const cookieOf = (setCookie: string) => setCookie.split(';')[0]!

async function register(overrides: Partial<Record<string, string>> = {}) {
	const input = RegisterSchema.parse(registrationInput(overrides))
	const setCookie = await registerFirm(input, { ip: '127.0.0.1' })
	return { input, cookie: cookieOf(setCookie) }
}

describe(`accounts (${process.env.TEST_DB_KIND})`, () => {
	test('registration creates a pending firm, its first user with an argon2id hash, a session and an audit entry', async () => {
		const { input, cookie } = await register()
		const user = await getSessionUserFromCookie(cookie)
		expect(user).toMatchObject({ email: input.email, role: 'SUPPLIER', firm: { name: input.firmName, verificationStatus: 'PENDING' } })
		const stored = await prisma.user.findUniqueOrThrow({ where: { email: input.email } })
		expect(stored.passwordHash).toMatch(/^\$argon2id\$/)
		expect(stored.passwordHash).not.toContain(input.password)
		const entries = await prisma.auditLog.findMany({ where: { targetId: stored.firmId! } })
		expect(entries.map((e) => e.action)).toEqual(['firm.register'])
	})

	test('duplicate USCC or email is refused on the field and nothing is written', async () => {
		const { input } = await register()
		const firms = await prisma.firm.count()
		await expect(register({ uscc: input.uscc })).rejects.toMatchObject({ fieldErrors: { uscc: ['err.usccTaken'] } })
		await expect(register({ email: input.email })).rejects.toBeInstanceOf(FieldError)
		expect(await prisma.firm.count()).toBe(firms)
	})

	test('the session id in the database is a hash, never the cookie token', async () => {
		const { cookie } = await register()
		const token = decodeURIComponent(cookie.split('=')[1]!).replace(/^"|"$/g, '')
		const rows = await prisma.session.findMany({ select: { id: true } })
		expect(rows.some((r) => r.id.includes(token) || token.includes(r.id))).toBe(false)
	})

	test('login succeeds with the right password and rotates the session', async () => {
		const { input, cookie } = await register()
		const first = await getSessionUserFromCookie(cookie)
		const result = await login(input.email.toUpperCase(), input.password, { replaceSessionId: first!.sessionId })
		expect(result.ok).toBe(true)
		if (!result.ok) return
		expect(await getSessionUserFromCookie(cookie)).toBeNull()
		expect(await getSessionUserFromCookie(cookieOf(result.setCookie))).toMatchObject({ email: input.email })
	})

	test('5 failures in 15 minutes lock the account for 30 minutes, even for the right password', async () => {
		const { input } = await register()
		for (let i = 1; i <= 4; i++) expect(await login(input.email, 'wrong-password-1', {})).toEqual({ ok: false, reason: 'invalid' })
		expect(await login(input.email, 'wrong-password-1', {})).toEqual({ ok: false, reason: 'locked' })
		expect(await login(input.email, input.password, {})).toEqual({ ok: false, reason: 'locked' })
		await prisma.loginThrottle.update({ where: { key: input.email }, data: { lockedUntil: new Date(Date.now() - 1000) } })
		expect((await login(input.email, input.password, {})).ok).toBe(true)
		expect(await prisma.loginThrottle.findUnique({ where: { key: input.email } })).toBeNull()
	})

	test('an unknown email gets the same answers, so lockout reveals nothing', async () => {
		const ghost = uniqueEmail('ghost')
		for (let i = 1; i <= 4; i++) expect(await login(ghost, 'whatever-123', {})).toEqual({ ok: false, reason: 'invalid' })
		expect(await login(ghost, 'whatever-123', {})).toEqual({ ok: false, reason: 'locked' })
	})

	test('idle timeout depends on the role; the absolute lifetime is 12 hours', async () => {
		const { input, cookie } = await register()
		const user = await getSessionUserFromCookie(cookie)
		const now = Date.now()
		// A firm user is still signed in after 20 idle minutes…
		await prisma.session.update({ where: { id: user!.sessionId }, data: { lastSeenAt: new Date(now - 20 * 60 * 1000) } })
		expect(await getSessionUserFromCookie(cookie, now)).not.toBeNull()
		// …but not after 31; the row is deleted.
		await prisma.session.update({ where: { id: user!.sessionId }, data: { lastSeenAt: new Date(now - IDLE_TIMEOUT_MS.SUPPLIER - 60_000) } })
		expect(await getSessionUserFromCookie(cookie, now)).toBeNull()
		expect(await prisma.session.count({ where: { id: user!.sessionId } })).toBe(0)

		// Bureau staff time out after 15 minutes.
		await prisma.user.update({ where: { email: input.email }, data: { role: 'BUREAU' } })
		const again = await login(input.email, input.password, {})
		if (!again.ok) throw new Error('login failed')
		const staff = await getSessionUserFromCookie(cookieOf(again.setCookie))
		await prisma.session.update({ where: { id: staff!.sessionId }, data: { lastSeenAt: new Date(Date.now() - 16 * 60 * 1000) } })
		expect(await getSessionUserFromCookie(cookieOf(again.setCookie))).toBeNull()

		// Absolute expiry wins even for an active session.
		const third = await login(input.email, input.password, {})
		if (!third.ok) throw new Error('login failed')
		const s = await getSessionUserFromCookie(cookieOf(third.setCookie))
		await prisma.session.update({ where: { id: s!.sessionId }, data: { expiresAt: new Date(Date.now() - 1) } })
		expect(await getSessionUserFromCookie(cookieOf(third.setCookie))).toBeNull()
	})

	test('a forged or malformed cookie is no session', async () => {
		expect(await getSessionUserFromCookie('xnwh_session=%22abc%22')).toBeNull()
		expect(await getSessionUserFromCookie('xnwh_session=' + 'A'.repeat(43))).toBeNull()
		expect(await getSessionUserFromCookie(null)).toBeNull()
	})
})
