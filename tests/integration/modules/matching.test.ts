import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login } from '#app/modules/auth/auth.server'
import { getSessionUserFromCookie } from '#app/modules/auth/session.server'
import { transitionDemand } from '#app/modules/demands/demands.server'
import { createCapability } from '#app/modules/listings/listings.server'
import { refreshAfterIndexing, refreshDemandSuggestions, setSuggestionStatus } from '#app/modules/matching/matching.server'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { applyAllSettings } from '#search/apply-settings.server'
import { onSearchIndexed } from '#search/outbox/kick.server'
import { startSearchOutboxWorker, type OutboxWorker } from '#search/outbox/worker.server'
import { capabilityInput } from '#tests/factories/listings'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let worker: OutboxWorker
let unhook: () => void
let buyer: FirmUser

async function signIn(email: string) {
	const result = await login(email, DEMO_PASSWORD, {})
	if (!result.ok) throw new Error('login failed')
	return (await getSessionUserFromCookie(result.setCookie.split(';')[0]!)) as FirmUser
}

beforeAll(async () => {
	db = await setupTestDatabase()
	await applyAllSettings()
	await seed({ log: () => {} })
	unhook = onSearchIndexed(refreshAfterIndexing) as unknown as () => void
	worker = startSearchOutboxWorker({ pollMs: 100_000 })
	await worker.drain()
	buyer = await signIn('buyer@demo.xnwh.cn')
})

afterAll(async () => {
	unhook?.()
	await worker?.stop()
	await db?.stop()
})

describe(`stored suggestions (${process.env.TEST_DB_KIND})`, () => {
	test('published demands get explained suggestions of public capabilities only, and both sides are notified', async () => {
		const suggestions = await prisma.matchSuggestion.findMany({ include: { capability: { select: { status: true, hiddenAt: true } }, demand: { select: { status: true } } } })
		expect(suggestions.length).toBeGreaterThan(50)
		expect(suggestions.every((s) => s.capability.status === 'PUBLISHED' && !s.capability.hiddenAt && s.demand.status === 'PUBLISHED')).toBe(true)
		const withReasons = suggestions.filter((s) => Array.isArray((s.reasons as { reasons?: unknown[] }).reasons) && (s.reasons as { reasons: unknown[] }).reasons.length > 0)
		expect(withReasons.length).toBe(suggestions.length)
		expect(await prisma.notification.count({ where: { kind: 'match.suppliers' } })).toBeGreaterThan(0)
		expect(await prisma.notification.count({ where: { kind: 'match.opportunities' } })).toBeGreaterThan(0)
	})

	test('a dismissed suggestion stays dismissed when the demand is matched again; closing removes open suggestions', async () => {
		const own = await prisma.matchSuggestion.findFirstOrThrow({ where: { demand: { firmId: buyer.firmId } }, orderBy: { score: 'desc' } })
		await setSuggestionStatus(buyer, own.id, 'DISMISSED')
		await refreshDemandSuggestions(own.demandId)
		const again = await prisma.matchSuggestion.findUnique({ where: { demandId_capabilityId: { demandId: own.demandId, capabilityId: own.capabilityId } } })
		expect(again?.status).toBe('DISMISSED')
		expect(await prisma.matchFeedback.count({ where: { suggestionId: own.id, action: 'DISMISS' } })).toBe(1)

		await transitionDemand(buyer, own.demandId, 'close')
		await worker.drain()
		expect(await prisma.matchSuggestion.count({ where: { demandId: own.demandId, status: 'SUGGESTED' } })).toBe(0)
		expect(await prisma.matchSuggestion.count({ where: { demandId: own.demandId, status: 'DISMISSED' } })).toBe(1)
	})

	test('another firm cannot shortlist a buyer’s suggestion; a draft capability is never suggested', async () => {
		const other = await signIn('buyer2@demo.xnwh.cn')
		const foreign = await prisma.matchSuggestion.findFirstOrThrow({ where: { demand: { firmId: { not: other.firmId } } } })
		await expect(setSuggestionStatus(other, foreign.id, 'SHORTLISTED')).rejects.toMatchObject({ code: 'not_found' })

		const supplier = await signIn('supplier@demo.xnwh.cn')
		const { id } = await createCapability(supplier, capabilityInput({ title: '草稿：车规级摄像头模组组装' }))
		await worker.drain()
		expect(await prisma.matchSuggestion.count({ where: { capabilityId: id } })).toBe(0)
	})
})
