// 等保2.0 level 2 accounts: lockout, idle and absolute timeouts, password rules, no user enumeration,
// session rotation on login / password change / role change, an audit log of every bureau and admin
// action that only the audit role reads and that the database keeps for at least 180 days.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { changeUserRole, login } from '#app/modules/auth/auth.server'
import {
	ABSOLUTE_SESSION_MS,
	AUDIT_RETENTION_DAYS,
	IDLE_TIMEOUT_MS,
	LOCKOUT_MAX_FAILURES,
} from '#app/modules/auth/constants'
import { hashPassword } from '#app/modules/auth/password.server'
import { RegisterSchema } from '#app/modules/auth/schemas'
import { getSessionUserFromCookie } from '#app/modules/auth/session.server'
import { addChainNode, moveChainNode, renameChainNode, retagListing } from '#app/modules/chains/chains.server'
import { setDemandHidden } from '#app/modules/demands/demands.server'
import {
	createEvent,
	decideRegistration,
	inviteFirms,
	setEventStatus,
	updateEvent,
} from '#app/modules/events/events.server'
import { EventSchema } from '#app/modules/events/rules'
import { toLocalInput } from '#app/modules/events/slots'
import { decideVerification } from '#app/modules/firms/firms.server'
import { setCapabilityHidden } from '#app/modules/listings/listings.server'
import {
	addItems,
	closeItem,
	contactFirm,
	createList,
	removeItem,
	setListStatus,
	updateList,
} from '#app/modules/targets/targets.server'
import { parseEnv } from '#app/utils/env.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { startServer, type RunningServer } from '#server/start'
import { createFirmWithUser, signIn, TEST_PASSWORD } from '#tests/factories/docking'
import { dayFromNow, registerFirmRow } from '#tests/factories/events'
import { registrationInput, uniqueEmail } from '#tests/factories/firms'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let server: RunningServer
const figures = {
	lockout_after: 0,
	idle_timeout_min: '',
	absolute_timeout_h: 0,
	enum_time_ratio: 0,
	enum_unknown_ms: 0,
	enum_wrong_ms: 0,
	audit_actions_checked: 0,
	audit_retention_days: 0,
}
const meta = { ip: '127.0.0.1' }
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!

beforeAll(async () => {
	db = await setupTestDatabase()
	const env = parseEnv({
		NODE_ENV: 'test',
		PORT: '0',
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: db.kind === 'pglite' ? '1' : '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `acc${Date.now()}_`,
		SEED_ON_START: 'false',
		LOG_LEVEL: 'silent',
		RATE_LIMIT_LOGIN_PER_MIN: '0',
		RATE_LIMIT_REGISTER_PER_HOUR: '0',
	})
	server = await startServer(env, { logger: { info: () => {}, error: () => {} } })
	await seed({ log: () => {} })
}, 120_000)

afterAll(async () => {
	await server?.stop()
	await db?.stop()
	console.log(
		`SUITE accounts lockout_after=${figures.lockout_after} idle_timeout_min=${figures.idle_timeout_min} absolute_timeout_h=${figures.absolute_timeout_h} enum_time_ratio=${figures.enum_time_ratio.toFixed(2)} enum_unknown_ms=${figures.enum_unknown_ms.toFixed(1)} enum_wrong_ms=${figures.enum_wrong_ms.toFixed(1)} audit_actions_checked=${figures.audit_actions_checked} audit_retention_days=${figures.audit_retention_days}`,
	)
})

/** A form POST from our own origin, as the browser sends it; redirects are not followed. */
function post(path: string, fields: Record<string, string>, cookie?: string) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Origin: server.url,
			...(cookie ? { Cookie: cookie } : {}),
		},
		body: new URLSearchParams(fields).toString(),
	})
}

function get(path: string, cookie?: string) {
	return fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} })
}

async function demoCookie(email: string) {
	return (await signIn(email, DEMO_PASSWORD)).cookie
}

async function staffActor(email: string) {
	const user = await prisma.user.findUniqueOrThrow({
		where: { email },
		select: { id: true, role: true, name: true, firmId: true },
	})
	return user
}

describe(`accounts (${process.env.TEST_DB_KIND})`, () => {
	test('lockout: the 6th try after 5 failures is refused even with the right password', async () => {
		const { user } = await createFirmWithUser({
			firmName: '咸宁锁定测试有限公司',
			kind: 'SUPPLIER',
			verified: true,
			userName: '锁定',
			role: 'SUPPLIER',
		})
		let failures = 0
		while (failures < 10) {
			const result = await login(user.email, 'wrong-password-1', {})
			failures++
			if (!result.ok && result.reason === 'locked') break
		}
		figures.lockout_after = failures
		expect(failures).toBe(LOCKOUT_MAX_FAILURES)
		expect(await login(user.email, TEST_PASSWORD, {})).toEqual({ ok: false, reason: 'locked' })
		const res = await post('/login', { email: user.email, password: TEST_PASSWORD })
		expect(res.status).toBe(429)
		expect(await res.text()).toContain('已锁定 30 分钟')
	})

	test('idle timeout per role (auditor and staff 15 min, firms 30 min) and 12 h absolute lifetime', async () => {
		const mins = (role: keyof typeof IDLE_TIMEOUT_MS) => IDLE_TIMEOUT_MS[role] / 60_000
		figures.idle_timeout_min = `${mins('SUPPLIER')}/${mins('BUREAU')}/${mins('ADMIN')}/${mins('AUDITOR')}`
		figures.absolute_timeout_h = ABSOLUTE_SESSION_MS / 3_600_000
		expect(mins('AUDITOR')).toBe(15)
		expect(figures.absolute_timeout_h).toBe(12)
		for (const email of ['auditor@demo.xnwh.cn', 'bureau@demo.xnwh.cn', 'supplier@demo.xnwh.cn']) {
			const { cookie, user } = await signIn(email, DEMO_PASSWORD)
			const now = Date.now()
			const limit = IDLE_TIMEOUT_MS[user.role]
			await prisma.session.update({
				where: { id: user.sessionId },
				data: { lastSeenAt: new Date(now - limit + 60_000) },
			})
			expect(await getSessionUserFromCookie(cookie, now)).not.toBeNull()
			await prisma.session.update({
				where: { id: user.sessionId },
				data: { lastSeenAt: new Date(now - limit - 60_000) },
			})
			expect(await getSessionUserFromCookie(cookie, now)).toBeNull()
			// The page itself sends the user to sign in again.
			const res = await get('/account', cookie)
			expect(res.status).toBe(302)
			expect(res.headers.get('location')).toMatch(/^\/login/)
		}
		const { cookie, user } = await signIn('buyer@demo.xnwh.cn', DEMO_PASSWORD)
		const stored = await prisma.session.findUniqueOrThrow({ where: { id: user.sessionId } })
		expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeLessThanOrEqual(
			ABSOLUTE_SESSION_MS + 1000,
		)
		await prisma.session.update({
			where: { id: user.sessionId },
			data: { expiresAt: new Date(Date.now() - 1) },
		})
		expect(await getSessionUserFromCookie(cookie)).toBeNull()
	})

	test('password rules: length, letters and digits, not common, not the email name; Chinese errors on the form', () => {
		const problems = (password: string, email = 'wangfang@example.com') => {
			const parsed = RegisterSchema.safeParse(
				registrationInput({ email, password, confirmPassword: password }),
			)
			return parsed.success
				? []
				: parsed.error.issues.filter((i) => i.path[0] === 'password').map((i) => i.message)
		}
		expect(problems('Short1')).toContain('err.passwordLength')
		expect(problems('onlyletterspassword')).toContain('err.passwordMix')
		expect(problems('1234567890123')).toContain('err.passwordMix')
		expect(problems('Password123')).toContain('err.passwordCommon')
		expect(problems('qwerty12345')).toContain('err.passwordCommon')
		expect(problems('Wangfang2026x')).toContain('err.passwordEmail')
		expect(problems('Xianyang2026k')).toEqual([])
	})

	test('register, invite and change password show the rules in Chinese', async () => {
		const input = registrationInput({
			email: 'lihua@example.com',
			password: 'lihua2026abc',
			confirmPassword: 'lihua2026abc',
		})
		const res = await post('/register', input)
		expect(res.status).toBe(400)
		expect(await res.text()).toContain('密码不能包含邮箱用户名')
		const common = registrationInput({ password: 'password123', confirmPassword: 'password123' })
		const res2 = await post('/register', common)
		expect(res2.status).toBe(400)
		expect(await res2.text()).toContain('该密码过于常见')

		const { cookie, user } = await createFirmWithUser({
			firmName: '咸宁改密测试有限公司',
			kind: 'BUYER',
			verified: true,
			userName: '改密',
			role: 'BUYER',
		})
		const wrong = await post(
			'/account',
			{
				intent: 'password',
				currentPassword: 'not-my-password-1',
				password: 'Newpass2026x',
				confirmPassword: 'Newpass2026x',
			},
			cookie,
		)
		expect(wrong.status).toBe(400)
		expect(await wrong.text()).toContain('当前密码不正确')
		const weak = await post(
			'/account',
			{
				intent: 'password',
				currentPassword: TEST_PASSWORD,
				password: 'abcd123456',
				confirmPassword: 'abcd123456',
			},
			cookie,
		)
		expect(weak.status).toBe(400)
		expect(await weak.text()).toContain('该密码过于常见')

		// A second browser of the same user is signed out by the change; this one gets a fresh session.
		const other = await signIn(user.email, TEST_PASSWORD)
		const ok = await post(
			'/account',
			{
				intent: 'password',
				currentPassword: TEST_PASSWORD,
				password: 'Newpass2026x',
				confirmPassword: 'Newpass2026x',
			},
			cookie,
		)
		expect(ok.status).toBe(302)
		const fresh = cookieOf(ok.headers.get('set-cookie') ?? '')
		expect(fresh).not.toBe(cookie)
		expect(await getSessionUserFromCookie(cookie)).toBeNull()
		expect(await getSessionUserFromCookie(other.cookie)).toBeNull()
		expect(await getSessionUserFromCookie(fresh)).not.toBeNull()
		expect((await login(user.email, TEST_PASSWORD, {})).ok).toBe(false)
		expect((await login(user.email, 'Newpass2026x', {})).ok).toBe(true)
		expect(
			await prisma.auditLog.count({ where: { action: 'user.password.change', targetId: user.id } }),
		).toBe(1)
	})

	test('no user enumeration: same status and message, similar time for unknown user and wrong password', async () => {
		const TRIES = 24
		// One wrong try per account, so no account gets near the lockout.
		const passwordHash = await hashPassword(TEST_PASSWORD)
		const emails = Array.from({ length: TRIES + 2 }, () => uniqueEmail('enum'))
		await prisma.user.createMany({
			data: emails.map((email) => ({ email, name: '枚举', role: 'BUYER' as const, passwordHash })),
		})
		const attempt = async (email: string) => {
			const started = performance.now()
			const res = await post('/login', { email, password: 'Wrong-password-9' })
			const body = await res.text()
			return {
				ms: performance.now() - started,
				status: res.status,
				invalid: body.includes('邮箱或密码不正确'),
			}
		}
		// Warm up both paths (the dummy hash is made on first use).
		await attempt(uniqueEmail('ghost'))
		await attempt(emails[TRIES + 1]!)
		const unknown: number[] = []
		const wrong: number[] = []
		for (let i = 0; i < TRIES; i++) {
			const a = await attempt(uniqueEmail('ghost'))
			const b = await attempt(emails[i]!)
			expect([a.status, a.invalid]).toEqual([400, true])
			expect([b.status, b.invalid]).toEqual([400, true])
			unknown.push(a.ms)
			wrong.push(b.ms)
		}
		const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
		figures.enum_unknown_ms = mean(unknown)
		figures.enum_wrong_ms = mean(wrong)
		figures.enum_time_ratio = figures.enum_unknown_ms / figures.enum_wrong_ms
		expect(figures.enum_time_ratio).toBeGreaterThan(0.5)
		expect(figures.enum_time_ratio).toBeLessThan(2)
	})

	test('session rotation: a new token on login, the old one in this browser revoked', async () => {
		const first = await signIn('buyer2@demo.xnwh.cn', DEMO_PASSWORD)
		const res = await post('/login', { email: 'buyer2@demo.xnwh.cn', password: DEMO_PASSWORD }, first.cookie)
		expect(res.status).toBe(302)
		const second = cookieOf(res.headers.get('set-cookie') ?? '')
		expect(second).not.toBe(first.cookie)
		// The login page itself redirects a signed-in browser, so the rotation happens in the action.
		expect(await getSessionUserFromCookie(first.cookie)).toBeNull()
		expect(await getSessionUserFromCookie(second)).not.toBeNull()
	})

	test('role or firm change revokes every session of the user and is audited', async () => {
		const { firm, cookie, user } = await createFirmWithUser({
			firmName: '咸宁换角色测试有限公司',
			kind: 'SUPPLIER',
			verified: true,
			userName: '换角色',
			role: 'SUPPLIER',
		})
		const other = await signIn(user.email, TEST_PASSWORD)
		const admin = await staffActor('admin@demo.xnwh.cn')
		await changeUserRole(user.id, { role: 'BUYER' }, admin, meta)
		expect(await getSessionUserFromCookie(cookie)).toBeNull()
		expect(await getSessionUserFromCookie(other.cookie)).toBeNull()
		const again = await signIn(user.email, TEST_PASSWORD)
		expect(again.user.role).toBe('BUYER')
		await changeUserRole(user.id, { firmId: null }, admin, meta)
		expect(await getSessionUserFromCookie(again.cookie)).toBeNull()
		const rows = await prisma.auditLog.findMany({ where: { action: 'user.role.change', targetId: user.id } })
		expect(rows).toHaveLength(2)
		expect(rows.every((r) => r.actorId === admin.id && r.actorRole === 'ADMIN')).toBe(true)
		expect(rows.map((r) => r.detail)).toContainEqual({
			from: { role: 'SUPPLIER', firmId: firm.id },
			to: { role: 'BUYER', firmId: firm.id },
		})
	})

	test('the audit log is readable only by the audit role, with filters and paging', async () => {
		expect((await get('/bureau/audit')).status).toBe(302)
		for (const email of [
			'bureau@demo.xnwh.cn',
			'admin@demo.xnwh.cn',
			'supplier@demo.xnwh.cn',
			'buyer@demo.xnwh.cn',
		]) {
			expect({ email, status: (await get('/bureau/audit', await demoCookie(email))).status }).toEqual({
				email,
				status: 403,
			})
		}
		const auditor = await demoCookie('auditor@demo.xnwh.cn')
		const page = await get('/bureau/audit', auditor)
		expect(page.status).toBe(200)
		const html = await page.text()
		expect(html).toContain('操作审计日志')
		expect(html).toContain('保存不少于 180 天')
		// Filters: the action, the actor and a period with nothing in it.
		const admin = await staffActor('admin@demo.xnwh.cn')
		const filtered = await (
			await get('/bureau/audit?action=user.role.change&actor=admin%40demo', auditor)
		).text()
		expect(filtered).toContain('user.role.change')
		expect(filtered).not.toContain('firm.register')
		const expected = await prisma.auditLog.count({ where: { action: 'user.role.change', actorId: admin.id } })
		expect(filtered).toContain(`共 ${expected} 条记录`)
		const empty = await (await get('/bureau/audit?from=2000-01-01&to=2000-01-02', auditor)).text()
		expect(empty).toContain('没有符合条件的记录')
		// Paging: 50 a page.
		await prisma.auditLog.createMany({
			data: Array.from({ length: 60 }, (_, i) => ({
				action: 'test.paging',
				targetType: 'Test',
				targetId: `p${i}`,
			})),
		})
		const total = await prisma.auditLog.count()
		const paged = await (await get('/bureau/audit?action=test.paging&page=2', auditor)).text()
		expect(paged).toContain('共 60 条记录')
		expect(paged).toContain('第 2 / 2 页')
		expect(paged.match(/>test\.paging</g)).toHaveLength(10)
		const second = await (await get('/bureau/audit?page=2', auditor)).text()
		expect(second).toContain(`第 2 / ${Math.ceil(total / 50)} 页`)
		// The auditor's dashboard is the audit page; the auditor has no other rights.
		const dash = await get('/dashboard', auditor)
		expect(dash.headers.get('location')).toBe('/bureau/audit')
		expect((await get('/bureau/verifications', auditor)).status).toBe(403)
	})

	test('every bureau and admin action writes its audit row', async () => {
		const bureauRow = await staffActor('bureau@demo.xnwh.cn')
		const bureau = { ...bureauRow, firm: null }
		const admin = await staffActor('admin@demo.xnwh.cn')
		const checked: string[] = []
		/** Runs one staff action and expects exactly one new audit row for it by that actor. */
		async function expectAudited(
			action: string,
			actorId: string,
			run: () => Promise<unknown>,
			targetId?: () => string | undefined,
		) {
			const since = new Date(Date.now() - 1000)
			const before = await prisma.auditLog.count({ where: { action, actorId } })
			await run()
			const rows = await prisma.auditLog.findMany({ where: { action, actorId, createdAt: { gte: since } } })
			expect({
				action,
				count: (await prisma.auditLog.count({ where: { action, actorId } })) - before,
			}).toEqual({
				action,
				count: 1,
			})
			const target = targetId?.()
			if (target)
				expect({ action, target: rows.some((r) => r.targetId === target) }).toEqual({ action, target: true })
			checked.push(action)
		}

		// 企业认证审核
		const pendingA = await createFirmWithUser({
			firmName: '待审甲公司',
			kind: 'SUPPLIER',
			verified: false,
			userName: '甲',
			role: 'SUPPLIER',
		})
		const pendingB = await createFirmWithUser({
			firmName: '待审乙公司',
			kind: 'BUYER',
			verified: false,
			userName: '乙',
			role: 'BUYER',
		})
		await expectAudited(
			'firm.verify.approve',
			bureau.id,
			() => decideVerification(bureau, { firmId: pendingA.firm.id, approve: true }, meta),
			() => pendingA.firm.id,
		)
		await expectAudited(
			'firm.verify.reject',
			bureau.id,
			() =>
				decideVerification(
					bureau,
					{ firmId: pendingB.firm.id, approve: false, reason: '营业执照信息不清晰' },
					meta,
				),
			() => pendingB.firm.id,
		)

		// 信息下架 / 恢复
		const capability = await prisma.capability.findFirstOrThrow({
			where: { status: 'PUBLISHED' },
			select: { id: true },
		})
		const demand = await prisma.demand.findFirstOrThrow({
			where: { status: 'PUBLISHED', hiddenAt: null },
			select: { id: true, firmId: true },
		})
		await expectAudited(
			'capability.hide',
			bureau.id,
			() => setCapabilityHidden(bureau, capability.id, { reason: '信息不实' }, meta),
			() => capability.id,
		)
		await expectAudited(
			'capability.unhide',
			bureau.id,
			() => setCapabilityHidden(bureau, capability.id, null, meta),
			() => capability.id,
		)
		await expectAudited(
			'demand.hide',
			admin.id,
			() => setDemandHidden(admin, demand.id, { reason: '重复发布' }, meta),
			() => demand.id,
		)
		await expectAudited(
			'demand.unhide',
			admin.id,
			() => setDemandHidden(admin, demand.id, null, meta),
			() => demand.id,
		)

		// 产业链图谱维护
		const cluster = await prisma.cluster.findFirstOrThrow({
			where: { slug: 'electronics' },
			select: { id: true },
		})
		const parent = await prisma.chainNode.findFirstOrThrow({
			where: { clusterId: cluster.id, parentId: null },
			select: { id: true },
		})
		let nodeId = ''
		await expectAudited('chain.node.create', bureau.id, async () => {
			nodeId = await addChainNode(
				bureau,
				cluster.id,
				{ parentId: null, stage: 'UPSTREAM', name: '审计测试环节' },
				meta,
			)
		})
		await expectAudited('chain.node.rename', bureau.id, () =>
			renameChainNode(bureau, cluster.id, { nodeId, name: '审计测试环节二' }, meta),
		)
		await expectAudited('chain.node.move', bureau.id, () =>
			moveChainNode(bureau, cluster.id, { nodeId, parentId: parent.id, stage: null }, meta),
		)
		const clusterCapability = await prisma.capability.findFirstOrThrow({
			where: { status: 'PUBLISHED', clusterId: cluster.id },
			select: { id: true },
		})
		await expectAudited('capability.retag', bureau.id, () =>
			retagListing(
				bureau,
				cluster.id,
				{ kind: 'capability', listingId: clusterCapability.id, chainNodeId: nodeId },
				meta,
			),
		)

		// 对接会组织
		const now = Date.now()
		const DAY = 86_400_000
		const form = {
			title: '审计测试对接会',
			description: '审计测试用的对接会，检查每一项组织操作都有审计记录。',
			clusterSlugs: ['electronics'],
			format: 'ONLINE',
			venue: '',
			days: dayFromNow(10),
			dayStart: '09:00',
			dayEnd: '11:00',
			meetingMinutes: '30',
			gapMinutes: '0',
			breaks: '',
			capacity: '60',
			minMeetings: '0',
			maxMeetings: '6',
			registrationOpensAt: toLocalInput(new Date(now - DAY)),
			registrationClosesAt: toLocalInput(new Date(now + 3 * DAY)),
			requestsCloseAt: toLocalInput(new Date(now + 5 * DAY)),
		}
		let eventId = ''
		await expectAudited('event.create', bureau.id, async () => {
			eventId = (await createEvent(bureau, EventSchema.parse(form), meta)).id
		})
		await expectAudited('event.update', bureau.id, () =>
			updateEvent(bureau, eventId, EventSchema.parse({ ...form, title: '审计测试对接会（改）' }), meta),
		)
		await expectAudited(
			'event.published',
			bureau.id,
			() => setEventStatus(bureau, eventId, 'PUBLISHED', meta),
			() => eventId,
		)
		const invitee = await prisma.firm.findFirstOrThrow({
			where: { verificationStatus: 'VERIFIED', kind: 'SUPPLIER' },
			select: { name: true },
		})
		await expectAudited('event.invite', bureau.id, () => inviteFirms(bureau, eventId, [invitee.name], meta))
		const registration = await registerFirmRow(eventId, pendingA.firm.id, 'SUPPLIER', { status: 'PENDING' })
		await expectAudited('event.registration.approve', bureau.id, () =>
			decideRegistration(
				bureau,
				eventId,
				{ registrationId: registration.id, decision: 'approve', note: '' },
				meta,
			),
		)
		await expectAudited(
			'event.cancelled',
			bureau.id,
			() => setEventStatus(bureau, eventId, 'CANCELLED', meta),
			() => eventId,
		)

		// 招商目标清单与跟进
		let listId = ''
		await expectAudited('target_list.create', bureau.id, async () => {
			listId = (await createList(bureau, { title: '审计测试清单' }, meta)).id
		})
		await expectAudited('target_list.update', bureau.id, () =>
			updateList(bureau, listId, { title: '审计测试清单（改）' }, meta),
		)
		const demands = await prisma.demand.findMany({
			where: { status: 'PUBLISHED', hiddenAt: null },
			select: { id: true },
			take: 2,
		})
		await expectAudited('target_list.items.add', bureau.id, () =>
			addItems(
				bureau,
				listId,
				demands.map((d) => d.id),
				meta,
			),
		)
		await expectAudited('target_list.publish', bureau.id, () =>
			setListStatus(bureau, listId, 'PUBLISHED', meta),
		)
		const items = await prisma.targetListItem.findMany({ where: { listId }, select: { id: true } })
		await expectAudited('target_list.follow_up.contact_firm', bureau.id, () =>
			contactFirm(bureau, items[0]!.id, '已电话联系对方采购负责人', meta),
		)
		await expectAudited('target_list.items.close', bureau.id, () =>
			closeItem(bureau, listId, items[0]!.id, '已对接成功', meta),
		)
		await expectAudited('target_list.items.remove', bureau.id, () =>
			removeItem(bureau, listId, items[1]!.id, meta),
		)
		await expectAudited('target_list.close', bureau.id, () => setListStatus(bureau, listId, 'CLOSED', meta))

		// 账号管理（管理员）
		const staffUser = await prisma.user.create({
			data: { email: uniqueEmail('staff'), name: '临时工作人员', role: 'BUREAU', passwordHash: 'x' },
		})
		await expectAudited(
			'user.role.change',
			admin.id,
			() => changeUserRole(staffUser.id, { role: 'AUDITOR' }, admin, meta),
			() => staffUser.id,
		)

		// Exports are audited as well (their own suites check the rows): gaps, monitor, event report, target list.
		figures.audit_actions_checked = checked.length
		expect(new Set(checked).size).toBe(checked.length)
		expect(checked.length).toBeGreaterThanOrEqual(25)
		// Every row carries the actor's role and address.
		const rows = await prisma.auditLog.findMany({
			where: { action: { in: checked }, actorId: { in: [bureau.id, admin.id] } },
		})
		expect(
			rows.every((r) => (r.actorRole === 'BUREAU' || r.actorRole === 'ADMIN') && r.ip === '127.0.0.1'),
		).toBe(true)
	})

	test('audit rows cannot be changed, nor deleted before 180 days (database trigger)', async () => {
		const recent = await prisma.auditLog.create({
			data: { action: 'test.retention', targetType: 'Test', targetId: 'recent', actorRole: 'ADMIN' },
		})
		await expect(
			prisma.auditLog.update({ where: { id: recent.id }, data: { action: 'tampered' } }),
		).rejects.toThrow(/cannot be changed/)
		await expect(prisma.auditLog.delete({ where: { id: recent.id } })).rejects.toThrow(/180 days/)
		await expect(prisma.auditLog.deleteMany({})).rejects.toThrow(/180 days/)
		await expect(prisma.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/truncated/)
		// Raw SQL as the application's database user is refused the same way.
		await expect(
			prisma.$executeRawUnsafe(
				`UPDATE "AuditLog" SET "createdAt" = now() - interval '400 days' WHERE id = '${recent.id}'`,
			),
		).rejects.toThrow(/cannot be changed/)
		const day = 86_400_000
		const edge = await prisma.auditLog.create({
			data: {
				action: 'test.retention',
				targetType: 'Test',
				targetId: 'edge',
				createdAt: new Date(Date.now() - (AUDIT_RETENTION_DAYS - 1) * day),
			},
		})
		await expect(prisma.auditLog.delete({ where: { id: edge.id } })).rejects.toThrow(/180 days/)
		const old = await prisma.auditLog.create({
			data: {
				action: 'test.retention',
				targetType: 'Test',
				targetId: 'old',
				createdAt: new Date(Date.now() - (AUDIT_RETENTION_DAYS + 1) * day),
			},
		})
		await prisma.auditLog.delete({ where: { id: old.id } })
		expect(await prisma.auditLog.count({ where: { action: 'test.retention' } })).toBe(2)
		figures.audit_retention_days = AUDIT_RETENTION_DAYS
	})
})
