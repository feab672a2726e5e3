import { rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login } from '#app/modules/auth/auth.server'
import { getSessionUserFromCookie } from '#app/modules/auth/session.server'
import { createDemand, transitionDemand } from '#app/modules/demands/demands.server'
import { createCapability, transitionCapability } from '#app/modules/listings/listings.server'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { applyAllSettings } from '#search/apply-settings.server'
import { configureSearch, getSearchClient, indexName } from '#search/client.server'
import { INDEXES } from '#search/indexes/index'
import { checkIndex } from '#search/maintenance.server'
import { startSearchOutboxWorker, type OutboxWorker } from '#search/outbox/worker.server'
import { buildDocuments } from '#search/sync.server'
import { startEmbeddedMeilisearch, type EmbeddedMeili } from '#server/embedded/meilisearch'
import { findFreePort } from '#server/utils/ports'
import { allowConsoleError } from '#tests/setup/console'
import { capabilityInput, demandInput } from '#tests/factories/listings'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// Meilisearch killed (SIGKILL by PID) and kept down for 60 s while 100 listings and demands are
// published through the services, with the search outbox worker running as in the app: every write
// is acknowledged and stored, and after the restart the index holds every document, equal to what
// the database says, within 30 s.

const OUTAGE_MS = 60_000
const CONSISTENT_BUDGET_S = 30
const WRITES = 100

const dataDir = path.resolve('tests/.tmp', `fault-meili-${process.pid}`)
const quiet = { info: () => {}, error: () => {} }
let db: TestDatabase
let meili: EmbeddedMeili | undefined
let port: number
let worker: OutboxWorker | undefined
let supplier: FirmUser
let buyer: FirmUser
let workerErrors = 0
const figures = { writes: 0, kept: 0, consistentAfterS: Number.NaN, outageS: 0, drainedS: Number.NaN }

async function sessionUser(email: string) {
	const result = await login(email, DEMO_PASSWORD, {})
	if (!result.ok) throw new Error(`login failed for ${email}`)
	return (await getSessionUserFromCookie(result.setCookie.split(';')[0]!)) as FirmUser
}

beforeAll(async () => {
	db = await setupTestDatabase()
	port = await findFreePort()
	meili = await startEmbeddedMeilisearch({ dataDir, port, logger: quiet })
	configureSearch({ url: meili.url, apiKey: meili.masterKey, indexPrefix: 'fm_' })
	await applyAllSettings()
	await seed({ log: () => {} })
	worker = startSearchOutboxWorker({ pollMs: 200, logger: { error: () => workerErrors++ } })
	await worker.drain()
	supplier = await sessionUser('supplier@demo.xnwh.cn')
	buyer = await sessionUser('buyer@demo.xnwh.cn')
})

afterAll(async () => {
	console.log(
		`SUITE fault-meili writes=${figures.writes} kept=${figures.kept} consistent_after_s=${figures.consistentAfterS.toFixed(1)} outage_s=${figures.outageS.toFixed(1)} outbox_drained_s=${figures.drainedS.toFixed(1)} worker_retries=${workerErrors}`,
	)
	await worker?.stop()
	await meili?.stop()
	await db?.stop()
	await rm(dataDir, { recursive: true, force: true })
})

/** Documents of `ids` in the index that differ from (or are missing against) what the database builds. */
async function differing(entity: 'capability' | 'demand', ids: string[]) {
	const { upsert } = await buildDocuments(entity, ids)
	const expected = new Map(
		upsert.map((d) => [d.id, JSON.parse(JSON.stringify(d)) as Record<string, unknown>]),
	)
	const index = getSearchClient().index(indexName(INDEXES[entity].uid))
	const bad: string[] = []
	for (let i = 0; i < ids.length; i += 20) {
		await Promise.all(
			ids.slice(i, i + 20).map(async (id) => {
				const doc = await index.getDocument(id).catch(() => null)
				if (!doc || JSON.stringify(sortKeys(doc)) !== JSON.stringify(sortKeys(expected.get(id) ?? {})))
					bad.push(id)
			}),
		)
	}
	return bad
}

/** Until no index update waits in the outbox (matching follow-ups aside). */
async function waitForDrained(timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs
	while (
		(await prisma.searchOutbox.count({
			where: { processedAt: null, entity: { not: { startsWith: 'match:' } } },
		})) > 0
	) {
		if (Date.now() > deadline) throw new Error(`outbox not drained within ${timeoutMs} ms`)
		await new Promise((r) => setTimeout(r, 100))
	}
}

function sortKeys(o: Record<string, unknown>) {
	return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)))
}

describe('Meilisearch down for 60 s during writes', () => {
	test('100/100 writes kept; the index is consistent within 30 s of the restart', async () => {
		allowConsoleError()
		const pid = meili!.pid()
		expect(pid).toBeGreaterThan(0)
		// kill -9 by PID, then keep the supervisor from restarting it: down until we start it again.
		process.kill(pid!, 'SIGKILL')
		const killedAt = Date.now()
		await meili!.stop()
		meili = undefined
		await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow()

		const capabilityIds: string[] = []
		const demandIds: string[] = []
		for (let i = 0; i < WRITES; i++) {
			figures.writes++
			// A write is acknowledged when the service call returns (as the form action would redirect).
			if (i % 2 === 0) {
				const { id } = await createCapability(supplier, capabilityInput({ title: `停机写入能力 ${i} 号` }))
				await transitionCapability(supplier, id, 'publish')
				capabilityIds.push(id)
			} else {
				const { id } = await createDemand(buyer, demandInput({ title: `停机写入需求 ${i} 号` }))
				await transitionDemand(buyer, id, 'publish')
				demandIds.push(id)
			}
		}
		figures.kept =
			(await prisma.capability.count({ where: { id: { in: capabilityIds }, status: 'PUBLISHED' } })) +
			(await prisma.demand.count({ where: { id: { in: demandIds }, status: 'PUBLISHED' } }))
		expect(figures.kept).toBe(WRITES)
		// The outbox holds them, with the failed attempts recorded.
		const pending = await prisma.searchOutbox.count({
			where: { entityId: { in: [...capabilityIds, ...demandIds] }, processedAt: null },
		})
		expect(pending).toBeGreaterThan(0)

		const remaining = OUTAGE_MS - (Date.now() - killedAt)
		if (remaining > 0) await new Promise((r) => setTimeout(r, remaining))
		expect(workerErrors).toBeGreaterThan(0)
		meili = await startEmbeddedMeilisearch({ dataDir, port, logger: quiet })
		const restartedAt = Date.now()
		figures.outageS = (restartedAt - killedAt) / 1000

		let state = ''
		for (;;) {
			if (Number.isNaN(figures.drainedS)) {
				const waiting = await prisma.searchOutbox.count({
					where: { processedAt: null, entity: { not: { startsWith: 'match:' } } },
				})
				if (waiting === 0) figures.drainedS = (Date.now() - restartedAt) / 1000
			}
			const [cap, dem] = [await checkIndex('capability'), await checkIndex('demand')]
			const counts = [cap, dem].map((c) => c.missing.length + c.stale.length + c.extra.length)
			let bad = counts[0]! + counts[1]!
			if (bad === 0)
				bad =
					(await differing('capability', capabilityIds)).length +
					(await differing('demand', demandIds)).length
			state = `capability ${JSON.stringify(counts[0])}, demand ${JSON.stringify(counts[1])}, differing ${bad}`
			if (bad === 0) break
			if (Date.now() - restartedAt > (CONSISTENT_BUDGET_S + 30) * 1000) break
			await new Promise((r) => setTimeout(r, 250))
		}
		figures.consistentAfterS = (Date.now() - restartedAt) / 1000
		// Consistent before the last rows were marked processed: drained as well by now.
		if (Number.isNaN(figures.drainedS)) {
			await waitForDrained()
			figures.drainedS = (Date.now() - restartedAt) / 1000
		}
		expect(state).toMatch(/differing 0$/)
		expect(figures.consistentAfterS).toBeLessThanOrEqual(CONSISTENT_BUDGET_S)
		expect(
			await prisma.searchOutbox.count({
				where: { processedAt: null, entity: { not: { startsWith: 'match:' } } },
			}),
		).toBe(0)
	}, 180_000)
})
