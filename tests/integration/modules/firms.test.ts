import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { registerFirm } from '#app/modules/auth/auth.server'
import { RegisterSchema } from '#app/modules/auth/schemas'
import { getSessionUserFromCookie } from '#app/modules/auth/session.server'
import {
	acceptInvitation,
	decideVerification,
	DomainError,
	getInvitation,
	getPublicFirm,
	inviteColleague,
	listVerificationQueue,
	updateFirmProfile,
} from '#app/modules/firms/firms.server'
import { FirmProfileSchema } from '#app/modules/firms/schemas'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { seed } from '#prisma/seed'
import { registrationInput, uniqueEmail } from '#tests/factories/firms'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let bureau: { id: string; role: 'BUREAU' }

beforeAll(async () => {
	db = await setupTestDatabase()
	await seed({ log: () => {} })
	const staff = await prisma.user.findUniqueOrThrow({ where: { email: 'bureau@demo.xnwh.cn' } })
	bureau = { id: staff.id, role: 'BUREAU' }
})
afterAll(async () => {
	await db.stop()
})

async function newFirmUser(): Promise<FirmUser> {
	const setCookie = await registerFirm(RegisterSchema.parse(registrationInput()), {})
	return (await getSessionUserFromCookie(setCookie.split(';')[0]!)) as FirmUser
}

describe(`firms (${process.env.TEST_DB_KIND})`, () => {
	test('seeding twice changes nothing', async () => {
		const counts = async () => [await prisma.cluster.count(), await prisma.chainNode.count(), await prisma.firm.count(), await prisma.user.count()]
		const before = await counts()
		await seed({ log: () => {} })
		expect(await counts()).toEqual(before)
		expect(before[0]).toBe(9)
	})

	test('bureau approval verifies the firm, is audited and mails the firm', async () => {
		const user = await newFirmUser()
		expect((await listVerificationQueue('PENDING')).some((f) => f.id === user.firmId)).toBe(true)
		await decideVerification(bureau, { firmId: user.firmId, approve: true }, { ip: '10.0.0.8' })
		const firm = await prisma.firm.findUniqueOrThrow({ where: { id: user.firmId } })
		expect(firm).toMatchObject({ verificationStatus: 'VERIFIED', verifiedById: bureau.id })
		const log = await prisma.auditLog.findFirstOrThrow({ where: { targetId: user.firmId, action: 'firm.verify.approve' } })
		expect(log).toMatchObject({ actorId: bureau.id, actorRole: 'BUREAU', ip: '10.0.0.8', targetType: 'Firm' })
		const mail = await prisma.mailOutbox.findFirstOrThrow({ where: { to: user.email } })
		expect(mail.subject).toContain('已通过认证')
	})

	test('rejection keeps the reason for the firm; editing the profile resubmits it', async () => {
		const user = await newFirmUser()
		await decideVerification(bureau, { firmId: user.firmId, approve: false, reason: '营业执照名称与填写不一致' }, {})
		expect(await prisma.firm.findUniqueOrThrow({ where: { id: user.firmId } })).toMatchObject({
			verificationStatus: 'REJECTED',
			verificationNote: '营业执照名称与填写不一致',
		})
		const cluster = await prisma.cluster.findUniqueOrThrow({ where: { slug: 'electronics' }, include: { chainNodes: true } })
		const input = FirmProfileSchema.parse({
			name: '咸宁测试精密机械股份有限公司',
			regionCode: '421202',
			contactName: '张伟',
			contactPhone: '139 0000 9999',
			clusterIds: [cluster.id],
			chainNodeIds: [cluster.chainNodes[0]!.id],
			certifications: ['ISO 9001', 'IATF 16949'],
			otherCertifications: 'GB/T 19001，ISO 9001',
		})
		expect(await updateFirmProfile(user, input, {})).toEqual({ resubmitted: true })
		const firm = await prisma.firm.findUniqueOrThrow({ where: { id: user.firmId }, include: { chainNodes: true } })
		expect(firm.verificationStatus).toBe('PENDING')
		expect(firm.certifications).toEqual(['ISO 9001', 'IATF 16949', 'GB/T 19001'])
		expect(firm.contactPhone).toBe('13900009999')
		expect(firm.chainNodes.map((n) => n.id)).toEqual([cluster.chainNodes[0]!.id])
	})

	test('a chain node outside the chosen clusters is refused and nothing changes', async () => {
		const user = await newFirmUser()
		const [a, b] = await prisma.cluster.findMany({ take: 2, orderBy: { sortOrder: 'asc' }, include: { chainNodes: true } })
		const input = FirmProfileSchema.parse({
			name: '咸宁另一家测试公司',
			regionCode: '421202',
			contactName: '李娜',
			contactPhone: '13900008888',
			clusterIds: [a!.id],
			chainNodeIds: [b!.chainNodes[0]!.id],
		})
		await expect(updateFirmProfile(user, input, {})).rejects.toMatchObject({ fieldErrors: { chainNodeIds: ['err.nodeOutsideCluster'] } })
		expect((await prisma.firm.findUniqueOrThrow({ where: { id: user.firmId } })).name).toBe('咸宁测试精密机械有限公司')
	})

	test('an invited colleague joins the firm with its role; the link works once', async () => {
		const user = await newFirmUser()
		const email = uniqueEmail('colleague')
		const link = await inviteColleague(user, email, { origin: 'http://127.0.0.1' })
		const token = link.split('/').pop()!
		expect(await getInvitation(token)).toMatchObject({ email, firm: { id: user.firmId } })
		const mail = await prisma.mailOutbox.findFirstOrThrow({ where: { to: email } })
		expect(mail.text).toContain(link)
		await acceptInvitation(token, { name: '王芳', password: 'Wang2026pass' }, {})
		expect(await prisma.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ firmId: user.firmId, role: 'SUPPLIER' })
		await expect(acceptInvitation(token, { name: '王芳', password: 'Wang2026pass' }, {})).rejects.toBeInstanceOf(DomainError)
		await expect(inviteColleague(user, email, { origin: 'http://127.0.0.1' })).rejects.toMatchObject({ fieldErrors: { email: ['err.alreadyMember'] } })
	})

	test('the public firm view masks contact person and phone', async () => {
		const user = await newFirmUser()
		const firm = await getPublicFirm(user.firmId)
		expect(firm).not.toHaveProperty('contactPhone')
		expect(firm).not.toHaveProperty('contactName')
		expect(firm!.contactPhoneMasked).toBe('139****9999')
		expect(firm!.contactNameMasked).toBe('张*')
		expect(JSON.stringify(firm)).not.toContain('13900009999')
	})
})
