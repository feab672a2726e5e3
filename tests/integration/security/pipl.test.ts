// PIPL: contact details of firms stay masked for anyone without an accepted docking (a crawl as
// anonymous and as an unrelated, newly registered firm), and a user can export and delete their data.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { getSessionUserFromCookie } from '#app/modules/auth/session.server'
import { DELETED_USER_NAME } from '#app/modules/privacy/privacy.server'
import { parseEnv } from '#app/utils/env.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { startServer, type RunningServer } from '#server/start'
import { createFirmUser, createFirmWithUser, signIn, TEST_PASSWORD } from '#tests/factories/docking'
import { registrationInput } from '#tests/factories/firms'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let server: RunningServer
const MAX_PAGES = 400
const crawl = { anon: 0, firm: 0, phones: 0, names: 0, emails: 0, leaks: [] as string[] }

beforeAll(async () => {
	db = await setupTestDatabase()
	const env = parseEnv({
		NODE_ENV: 'test',
		PORT: '0',
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: db.kind === 'pglite' ? '1' : '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `pipl${Date.now()}_`,
		SEED_ON_START: 'false',
		LOG_LEVEL: 'silent',
		RATE_LIMIT_LOGIN_PER_MIN: '0',
		RATE_LIMIT_REGISTER_PER_HOUR: '0',
		RATE_LIMIT_SEARCH_PER_MIN: '0',
	})
	server = await startServer(env, { logger: { info: () => {}, error: () => {} } })
	await seed({ log: () => {} })
}, 120_000)

afterAll(async () => {
	await server?.stop()
	await db?.stop()
	console.log(
		`SUITE pipl-crawl pages_anon=${crawl.anon} pages_firm=${crawl.firm} unmasked_phones=${crawl.phones} unmasked_names=${crawl.names} unmasked_emails=${crawl.emails}`,
	)
})

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

const get = (path: string, cookie?: string) =>
	fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} })

// Chinese mobiles (11 digits from 13–19) and landlines (0 + area code + 7–8 digits), not inside a longer token.
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g
const LANDLINE = /(?<![0-9A-Za-z])0\d{2,3}-?\d{7,8}(?![0-9A-Za-z])/g

type Secrets = { phones: Set<string>; names: Set<string>; emails: Set<string> }

/** The contact details of every firm except the viewer's own, as stored. */
async function secretsExcept(ownFirmId: string | null): Promise<Secrets> {
	const firms = await prisma.firm.findMany({
		where: ownFirmId ? { id: { not: ownFirmId } } : {},
		select: { contactName: true, contactPhone: true, contactEmail: true },
	})
	const own = ownFirmId
		? await prisma.firm.findUniqueOrThrow({
				where: { id: ownFirmId },
				select: { contactName: true, contactPhone: true },
			})
		: null
	return {
		phones: new Set(
			firms.map((f) => f.contactPhone.replace(/\D/g, '')).filter((p) => p && p !== own?.contactPhone),
		),
		names: new Set(
			firms.map((f) => f.contactName.trim()).filter((n) => n.length >= 2 && n !== own?.contactName),
		),
		emails: new Set(firms.map((f) => f.contactEmail.toLowerCase()).filter((e) => e.includes('@'))),
	}
}

/** Every detail page of the seeded data, then every same-origin link from /, breadth first. */
async function crawlAs(
	label: 'anon' | 'firm',
	cookie: string | undefined,
	secrets: Secrets,
	ownPhone: string | null,
) {
	const [firms, capabilities, demands, events] = await Promise.all([
		prisma.firm.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } }),
		prisma.capability.findMany({ select: { id: true }, take: 30 }),
		prisma.demand.findMany({ select: { id: true }, take: 30 }),
		prisma.event.findMany({ select: { id: true } }),
	])
	const queue = [
		'/',
		...firms.map((f) => `/firms/${f.id}`),
		...capabilities.map((c) => `/capabilities/${c.id}`),
		...demands.map((d) => `/demands/${d.id}`),
		...events.map((e) => `/events/${e.id}`),
	]
	const seen = new Set(queue)
	let pages = 0
	while (queue.length && pages < MAX_PAGES) {
		const path = queue.shift()!
		const res = await get(path, cookie)
		pages++
		expect({ path, status: res.status < 500 }).toEqual({ path, status: true })
		const type = res.headers.get('content-type') ?? ''
		if (!type.includes('text/html') && !type.includes('json')) continue
		const body = await res.text()
		const found = new Set<string>()
		for (const m of [...body.matchAll(MOBILE), ...body.matchAll(LANDLINE)]) {
			const digits = m[0].replace(/\D/g, '')
			if (digits === ownPhone) continue
			found.add(digits)
			crawl.phones++
			crawl.leaks.push(`${label} ${path}: phone ${m[0]}`)
		}
		// Stored numbers in any other spelling the patterns might miss.
		for (const phone of secrets.phones) {
			if (!found.has(phone) && body.includes(phone)) {
				crawl.phones++
				crawl.leaks.push(`${label} ${path}: phone ${phone}`)
			}
		}
		for (const name of secrets.names) {
			if (body.includes(name)) {
				crawl.names++
				crawl.leaks.push(`${label} ${path}: name ${name}`)
			}
		}
		for (const email of secrets.emails) {
			if (body.toLowerCase().includes(email)) {
				crawl.emails++
				crawl.leaks.push(`${label} ${path}: email ${email}`)
			}
		}
		for (const [, href] of body.matchAll(/href="([^"#]*)/g)) {
			if (!href) continue
			const url = new URL(href.replace(/&amp;/g, '&'), `${server.url}${path}`)
			if (url.origin !== server.url) continue
			if (/^\/(build|assets|favicon|fonts)\b/.test(url.pathname) || url.pathname === '/logout') continue
			const next = `${url.pathname}${url.search}`
			if (!seen.has(next)) {
				seen.add(next)
				queue.push(next)
			}
		}
	}
	return pages
}

describe(`PIPL (${process.env.TEST_DB_KIND})`, () => {
	test('crawl: 0 unmasked phone numbers, contact names or emails for anonymous and an unrelated firm', async () => {
		crawl.anon = await crawlAs('anon', undefined, await secretsExcept(null), null)

		// An unrelated firm: registered through the form just now, no docking with anyone.
		const input = registrationInput({ contactPhone: '13700001111', contactName: '欧阳陌生' })
		const res = await post('/register', input)
		expect(res.status).toBe(302)
		const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
		const me = await getSessionUserFromCookie(cookie)
		expect(me?.firmId).toBeTruthy()
		expect(await prisma.dockingMember.count({ where: { userId: me!.id } })).toBe(0)
		// Verified, so it sees everything a legitimate firm sees, and still has no docking with anyone.
		await prisma.firm.update({
			where: { id: me!.firmId! },
			data: { verificationStatus: 'VERIFIED', verifiedAt: new Date() },
		})
		crawl.firm = await crawlAs('firm', cookie, await secretsExcept(me!.firmId), '13700001111')

		expect(crawl.leaks).toEqual([])
		expect(crawl.anon).toBeGreaterThanOrEqual(100)
		expect(crawl.firm).toBeGreaterThanOrEqual(100)
		expect(crawl.phones).toBe(0)
		expect(crawl.names).toBe(0)
	}, 300_000)

	test('the crawl would notice a leak: an unmasked contact on a page counts', async () => {
		// Guard against a crawler that cannot see: the user's own firm profile shows its contact unmasked.
		const { cookie, firm } = await createFirmWithUser({
			firmName: '咸宁自查测试有限公司',
			kind: 'SUPPLIER',
			verified: true,
			userName: '司马自查',
			role: 'SUPPLIER',
		})
		const stored = await prisma.firm.findUniqueOrThrow({
			where: { id: firm.id },
			select: { contactPhone: true },
		})
		const html = await (await get('/firm/profile', cookie)).text()
		expect(html).toContain(stored.contactPhone)
		expect(html.match(MOBILE)).not.toBeNull()
	})

	test('export: /account links a JSON download of everything personal about the user', async () => {
		const buyer = await createFirmWithUser({
			firmName: '武汉导出测试采购有限公司',
			kind: 'BUYER',
			verified: true,
			userName: '导出甲',
			role: 'BUYER',
		})
		const supplier = await createFirmWithUser({
			firmName: '咸宁导出测试供应有限公司',
			kind: 'SUPPLIER',
			verified: true,
			userName: '导出乙',
			role: 'SUPPLIER',
		})
		const docking = await prisma.dockingSession.create({
			data: {
				buyerFirmId: buyer.firm.id,
				supplierFirmId: supplier.firm.id,
				initiatorSide: 'BUYER',
				initiatedById: buyer.user.id,
				status: 'ACTIVE',
				expiresAt: new Date(Date.now() + 7 * 86_400_000),
				lastMessageSeq: 1,
			},
		})
		await prisma.dockingMember.create({
			data: { sessionId: docking.id, userId: buyer.user.id, side: 'BUYER' },
		})
		await prisma.message.create({
			data: {
				sessionId: docking.id,
				seq: 1,
				clientId: randomBytes(8).toString('hex'),
				senderId: buyer.user.id,
				side: 'BUYER',
				body: '您好，想了解贵司的交期——导出测试',
			},
		})
		await prisma.contactConsent.create({
			data: {
				sessionId: docking.id,
				firmId: buyer.firm.id,
				userId: buyer.user.id,
				textVersion: 'v1',
				ip: '127.0.0.1',
			},
		})
		await prisma.notification.create({ data: { userId: buyer.user.id, kind: 'test', title: '导出测试通知' } })

		const page = await (await get('/account', buyer.cookie)).text()
		expect(page).toContain('个人信息与隐私')
		expect(page).toContain('href="/account/export"')
		// The user menu links the page.
		expect(await (await get('/dashboard', buyer.cookie)).text()).toContain('href="/account"')

		const first = await get('/account/export', buyer.cookie)
		expect(first.status).toBe(200)
		expect(first.headers.get('content-disposition')).toMatch(
			/^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"$/,
		)
		await first.text()
		const res = await get('/account/export', buyer.cookie)
		const data = (await res.json()) as Record<string, unknown> & {
			profile: { email: string; name: string }
			sessions: unknown[]
			contactConsents: Array<{ sessionId: string }>
			messages: Array<{ body: string }>
			notifications: Array<{ title: string }>
			auditEntries: Array<{ action: string }>
			dockingMemberships: unknown[]
		}
		expect(data.profile).toMatchObject({ email: buyer.user.email, name: '导出甲' })
		expect(data.sessions.length).toBeGreaterThanOrEqual(1)
		expect(data.contactConsents.map((c) => c.sessionId)).toEqual([docking.id])
		expect(data.messages.map((m) => m.body)).toEqual(['您好，想了解贵司的交期——导出测试'])
		expect(data.notifications.map((n) => n.title)).toContain('导出测试通知')
		expect(data.auditEntries.map((a) => a.action)).toContain('user.data.export')
		expect(data.dockingMemberships).toHaveLength(1)
		// Nothing secret: no password hash, no session ids.
		const text = JSON.stringify(data)
		expect(text).not.toMatch(/argon2|passwordHash/)
		expect(text).not.toContain(buyer.user.sessionId)
		// Another user's messages are not in it.
		expect((await (await get('/account/export', supplier.cookie)).json()).messages).toEqual([])
		expect(
			await prisma.auditLog.count({ where: { action: 'user.data.export', actorId: buyer.user.id } }),
		).toBe(2)
		// Anonymous: sent to sign in.
		expect((await get('/account/export')).status).toBe(302)
	})

	test('delete: password required, last member with open dockings refused, then anonymized and signed out for good', async () => {
		const buyer = await createFirmWithUser({
			firmName: '武汉注销测试采购有限公司',
			kind: 'BUYER',
			verified: true,
			userName: '注销甲',
			role: 'BUYER',
		})
		const supplier = await createFirmWithUser({
			firmName: '咸宁注销测试供应有限公司',
			kind: 'SUPPLIER',
			verified: true,
			userName: '注销乙',
			role: 'SUPPLIER',
		})
		const docking = await prisma.dockingSession.create({
			data: {
				buyerFirmId: buyer.firm.id,
				supplierFirmId: supplier.firm.id,
				initiatorSide: 'BUYER',
				initiatedById: buyer.user.id,
				status: 'ACTIVE',
				expiresAt: new Date(Date.now() + 7 * 86_400_000),
				lastMessageSeq: 1,
			},
		})
		await prisma.dockingMember.create({
			data: { sessionId: docking.id, userId: buyer.user.id, side: 'BUYER' },
		})
		const message = await prisma.message.create({
			data: {
				sessionId: docking.id,
				seq: 1,
				clientId: randomBytes(8).toString('hex'),
				senderId: buyer.user.id,
				side: 'BUYER',
				body: '注销前发送的业务消息',
			},
		})
		await prisma.contactConsent.create({
			data: { sessionId: docking.id, firmId: buyer.firm.id, userId: buyer.user.id, textVersion: 'v1' },
		})
		await prisma.user.update({ where: { id: buyer.user.id }, data: { phone: '13600002222' } })
		const secondBrowser = await signIn(buyer.user.email, TEST_PASSWORD)

		const wrong = await post(
			'/account',
			{ intent: 'delete', currentPassword: 'not-the-password-1' },
			buyer.cookie,
		)
		expect(wrong.status).toBe(400)
		expect(await wrong.text()).toContain('当前密码不正确')

		const last = await post('/account', { intent: 'delete', currentPassword: TEST_PASSWORD }, buyer.cookie)
		expect(last.status).toBe(400)
		expect(await last.text()).toContain('您是本企业的最后一位成员')

		// Staff accounts are closed by the administrator instead.
		const bureau = await signIn('bureau@demo.xnwh.cn', DEMO_PASSWORD)
		const staff = await post('/account', { intent: 'delete', currentPassword: DEMO_PASSWORD }, bureau.cookie)
		expect(await staff.text()).toContain('工作人员账号请联系系统管理员办理注销')

		// With a colleague to answer the docking, the account can be closed.
		await createFirmUser(buyer.firm.id, { name: '注销同事', role: 'BUYER' })
		const ok = await post('/account', { intent: 'delete', currentPassword: TEST_PASSWORD }, buyer.cookie)
		expect(ok.status).toBe(302)
		expect(ok.headers.get('location')).toBe('/login?deleted=1')

		const after = await prisma.user.findUniqueOrThrow({ where: { id: buyer.user.id } })
		expect(after.name).toBe(DELETED_USER_NAME)
		expect(after.email).not.toBe(buyer.user.email)
		expect(after.phone).toBeNull()
		expect(after.deletedAt).not.toBeNull()
		expect(await prisma.session.count({ where: { userId: buyer.user.id } })).toBe(0)
		expect(await getSessionUserFromCookie(buyer.cookie)).toBeNull()
		expect(await getSessionUserFromCookie(secondBrowser.cookie)).toBeNull()
		expect(await prisma.contactConsent.count({ where: { userId: buyer.user.id } })).toBe(0)
		// The firm's business records stay.
		expect(await prisma.message.findUnique({ where: { id: message.id }, select: { body: true } })).toEqual({
			body: '注销前发送的业务消息',
		})
		expect(await prisma.dockingSession.count({ where: { id: docking.id } })).toBe(1)
		expect(await prisma.firm.count({ where: { id: buyer.firm.id } })).toBe(1)
		// Signing in is impossible; the answer is the ordinary one.
		const login = await post('/login', { email: buyer.user.email, password: TEST_PASSWORD })
		expect(login.status).toBe(400)
		expect(await login.text()).toContain('邮箱或密码不正确')
		// The email is free again.
		const again = registrationInput({ email: buyer.user.email })
		expect((await post('/register', again)).status).toBe(302)
		// Audited, and the audit row stays.
		expect(await prisma.auditLog.count({ where: { action: 'user.delete', targetId: buyer.user.id } })).toBe(1)
	})
})
