import { rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login } from '#app/modules/auth/auth.server'
import { getSessionUserFromCookie } from '#app/modules/auth/session.server'
import { createCapability, transitionCapability } from '#app/modules/listings/listings.server'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { applyAllSettings } from '#search/apply-settings.server'
import { configureSearch } from '#search/client.server'
import { checkIndex } from '#search/maintenance.server'
import { startSearchOutboxWorker, type OutboxWorker } from '#search/outbox/worker.server'
import { ListingSearchSchema, searchCapabilities } from '#search/query.server'
import { startEmbeddedMeilisearch, type EmbeddedMeili } from '#server/embedded/meilisearch'
import { findFreePort } from '#server/utils/ports'
import { allowConsoleError } from '#tests/setup/console'
import { capabilityInput } from '#tests/factories/listings'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// This file runs its own Meilisearch child, so stopping it affects no other test file.
const dataDir = path.resolve('tests/.tmp', `meili-fault-${process.pid}-${process.env.TEST_DB_KIND}`)
let db: TestDatabase
let meili: EmbeddedMeili | undefined
let port: number
let worker: OutboxWorker
let supplier: FirmUser

beforeAll(async () => {
	db = await setupTestDatabase()
	port = await findFreePort()
	meili = await startEmbeddedMeilisearch({ dataDir, port, logger: { info: () => {}, error: () => {} } })
	configureSearch({ url: meili.url, apiKey: meili.masterKey, indexPrefix: 'fault_' })
	await applyAllSettings()
	await seed({ log: () => {} })
	worker = startSearchOutboxWorker({ pollMs: 200, logger: { error: () => {} } })
	await worker.drain()
	const result = await login('supplier@demo.xnwh.cn', DEMO_PASSWORD, {})
	if (!result.ok) throw new Error('login failed')
	supplier = (await getSessionUserFromCookie(result.setCookie.split(';')[0]!)) as FirmUser
})

afterAll(async () => {
	await worker?.stop()
	await meili?.stop()
	await db?.stop()
	await rm(dataDir, { recursive: true, force: true })
})

describe(`search outbox while Meilisearch is down (${process.env.TEST_DB_KIND})`, () => {
	test('writes succeed during the outage and the index catches up after Meilisearch returns', async () => {
		allowConsoleError()
		await meili!.stop()
		meili = undefined
		const ids: string[] = []
		for (let i = 0; i < 10; i++) {
			const { id } = await createCapability(supplier, capabilityInput({ title: `停机期间发布的能力 ${i}` }))
			await transitionCapability(supplier, id, 'publish')
			ids.push(id)
		}
		expect(await prisma.capability.count({ where: { id: { in: ids }, status: 'PUBLISHED' } })).toBe(10)
		await new Promise((r) => setTimeout(r, 1000))
		const pending = await prisma.searchOutbox.findMany({ where: { entityId: { in: ids }, processedAt: null } })
		expect(pending.length).toBeGreaterThan(0)
		expect(pending.some((p) => p.lastError)).toBe(true)

		meili = await startEmbeddedMeilisearch({ dataDir, port, logger: { info: () => {}, error: () => {} } })
		const deadline = Date.now() + 20_000
		let missing = ids.length
		while (Date.now() < deadline) {
			const check = await checkIndex('capability')
			missing = ids.filter((id) => check.missing.includes(id)).length
			if (missing === 0 && check.stale.length === 0) break
			await new Promise((r) => setTimeout(r, 250))
		}
		expect(missing).toBe(0)
		const hits = await searchCapabilities(ListingSearchSchema.parse({ q: '停机期间发布的能力' }))
		expect(hits.hits.filter((h) => ids.includes(h.id))).toHaveLength(10)
	})
})
