import { prisma } from '#app/utils/db.server'
import { searchHealth } from '../client.server'
import { isMatchedEntity, type IndexedEntity } from '../indexes/index'
import { syncEntities } from '../sync.server'
import { hasIndexedHooks, onSearchOutboxKick, runIndexedHooks } from './kick.server'

const BATCH = 500
/** Matching is slower than indexing; small batches keep index updates from waiting behind it. */
const MATCH_BATCH = 10
const MATCH_PREFIX = 'match:'
const LEASE_SECONDS = 60
const MAX_BACKOFF_MS = 10_000
const KEEP_PROCESSED_MS = 24 * 60 * 60 * 1000

type Claimed = { id: bigint; entity: string; entityId: string; attempts: number }

export type OutboxWorker = { stop: () => Promise<void>; drain: () => Promise<number> }

export function backoffMs(attempts: number) {
	return Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.max(0, attempts - 1))
}

/**
 * Claims pending rows with a lease (safe with several app instances), syncs them to Meilisearch
 * and marks them done; failures are retried with back-off, so a Meilisearch outage only delays.
 */
async function processBatch(logger: Pick<Console, 'error'>, onFailure: () => void): Promise<number> {
	// Index updates first; follow-up work (matching, entity "match:<entity>") only when none wait, and
	// a single listing's re-match before a whole firm's (bulk work such as seeding or verification).
	let claimed = await prisma.$queryRaw<Claimed[]>`
		UPDATE "SearchOutbox" SET "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS}), "attempts" = "attempts" + 1
		WHERE "id" IN (
			SELECT "id" FROM "SearchOutbox"
			WHERE "processedAt" IS NULL AND "nextAttemptAt" <= now() AND "entity" NOT LIKE 'match:%'
			ORDER BY "id" LIMIT ${BATCH}
			FOR UPDATE SKIP LOCKED
		)
		RETURNING "id", "entity", "entityId", "attempts"`
	if (claimed.length === 0) {
		claimed = await prisma.$queryRaw<Claimed[]>`
			UPDATE "SearchOutbox" SET "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS}), "attempts" = "attempts" + 1
			WHERE "id" IN (
				SELECT "id" FROM "SearchOutbox"
				WHERE "processedAt" IS NULL AND "nextAttemptAt" <= now() AND "entity" LIKE 'match:%'
				ORDER BY ("entity" = 'match:firm'), "id" LIMIT ${MATCH_BATCH}
				FOR UPDATE SKIP LOCKED
			)
			RETURNING "id", "entity", "entityId", "attempts"`
	}
	if (claimed.length === 0) return 0
	const byEntity = new Map<string, Claimed[]>()
	for (const row of claimed) byEntity.set(row.entity, [...(byEntity.get(row.entity) ?? []), row])
	for (const [entity, rows] of byEntity) {
		const ids = rows.map((r) => r.id)
		const entityIds = [...new Set(rows.map((r) => r.entityId))]
		try {
			if (entity.startsWith(MATCH_PREFIX)) {
				const matched = entity.slice(MATCH_PREFIX.length)
				if (isMatchedEntity(matched)) await runIndexedHooks(matched, entityIds)
			} else {
				await syncEntities(entity as IndexedEntity, entityIds)
				// Matching follows listing and firm changes only; an event registration is not matched.
				if (hasIndexedHooks() && isMatchedEntity(entity)) {
					await prisma.searchOutbox.createMany({
						data: entityIds.map((entityId) => ({
							entity: `${MATCH_PREFIX}${entity}`,
							entityId,
							operation: 'UPSERT' as const,
						})),
					})
				}
			}
			await prisma.searchOutbox.updateMany({
				where: { id: { in: ids } },
				data: { processedAt: new Date(), lastError: null },
			})
		} catch (error) {
			onFailure()
			const message = (error as Error).message.slice(0, 500)
			const attempts = Math.max(...rows.map((r) => r.attempts))
			logger.error(`[search-outbox] ${entity} ×${rows.length} failed (attempt ${attempts}): ${message}`)
			await prisma.searchOutbox.updateMany({
				where: { id: { in: ids } },
				data: { nextAttemptAt: new Date(Date.now() + backoffMs(attempts)), lastError: message },
			})
		}
	}
	return claimed.length
}

export function startSearchOutboxWorker({
	pollMs = 500,
	logger = console,
}: { pollMs?: number; logger?: Pick<Console, 'error'> } = {}): OutboxWorker {
	let stopped = false
	let running: Promise<number> | null = null
	let again = false
	let lastCleanup = 0
	/** A batch failed: until Meilisearch answers /health again, each round asks it whether it is back. */
	let failed = false
	let searchDown = false

	/**
	 * Once Meilisearch is back after an outage, the rows waiting out their back-off are retried at
	 * once (not up to MAX_BACKOFF_MS later). Rows leased by a worker (LEASE_SECONDS ahead) are left alone.
	 */
	const retryAfterOutage = async () => {
		// Set by a failure while Meilisearch is away, cleared only by the retry once it answers (a row
		// that fails while Meilisearch is healthy keeps its back-off).
		if (failed) {
			failed = false
			if (!(await searchHealth()).ok) searchDown = true
			return
		}
		if (!searchDown || !(await searchHealth()).ok) return
		searchDown = false
		const now = Date.now()
		await prisma.searchOutbox.updateMany({
			where: {
				processedAt: null,
				lastError: { not: null },
				nextAttemptAt: { gt: new Date(now), lte: new Date(now + MAX_BACKOFF_MS) },
			},
			data: { nextAttemptAt: new Date(now) },
		})
	}

	const run = (): Promise<number> => {
		if (running) {
			again = true
			return running
		}
		running = (async () => {
			let total = 0
			do {
				again = false
				try {
					await retryAfterOutage()
					let n: number
					do {
						n = await processBatch(logger, () => (failed = true))
						total += n
					} while (n > 0 && !stopped)
					if (Date.now() - lastCleanup > 60 * 60 * 1000) {
						lastCleanup = Date.now()
						await prisma.searchOutbox.deleteMany({
							where: { processedAt: { lt: new Date(Date.now() - KEEP_PROCESSED_MS) } },
						})
					}
				} catch (error) {
					logger.error(`[search-outbox] ${(error as Error).message}`)
				}
			} while (again && !stopped)
			return total
		})().finally(() => {
			running = null
		})
		return running
	}

	const listener = () => {
		if (!stopped) void run()
	}
	const unsubscribe = onSearchOutboxKick(listener)
	const timer = setInterval(listener, pollMs)
	timer.unref()

	return {
		drain: run,
		async stop() {
			stopped = true
			clearInterval(timer)
			unsubscribe()
			await running
		},
	}
}
