import { prisma } from '#app/utils/db.server'
import { applyIndexSettings } from './apply-settings.server'
import { getSearchClient, indexName } from './client.server'
import { buildCapabilityDocument, capabilityDocumentSelect } from './documents/capability'
import { buildDemandDocument, demandDocumentSelect } from './documents/demand'
import { buildFirmDocument, firmDocumentSelect } from './documents/firm'
import { buildRegistrationDocument, PUBLIC_REGISTRATION, registrationDocumentSelect } from './documents/registration'
import { toUnixSeconds } from './documents/shared'
import { INDEXES, type IndexedEntity } from './indexes/index'
import { segmentForIndex } from './segment.server'

const BATCH = 1000
const TASK_TIMEOUT_MS = 300_000

const PUBLIC_CAPABILITY = { status: 'PUBLISHED', hiddenAt: null, firm: { verificationStatus: 'VERIFIED' } } as const
const PUBLIC_DEMAND = { status: 'PUBLISHED', hiddenAt: null, firm: { verificationStatus: 'VERIFIED' } } as const
const PUBLIC_FIRM = { verificationStatus: 'VERIFIED' } as const

async function countPublic(entity: IndexedEntity) {
	if (entity === 'capability') return prisma.capability.count({ where: PUBLIC_CAPABILITY })
	if (entity === 'demand') return prisma.demand.count({ where: PUBLIC_DEMAND })
	if (entity === 'registration') return prisma.eventRegistration.count({ where: PUBLIC_REGISTRATION })
	return prisma.firm.count({ where: PUBLIC_FIRM })
}

/** Public documents in id order, a batch at a time (keyset pagination). */
async function* publicDocuments(entity: IndexedEntity): AsyncGenerator<Array<Record<string, unknown> & { id: string; updatedAt: number | null }>> {
	let cursor: string | undefined
	for (;;) {
		const page = { take: BATCH, orderBy: { id: 'asc' as const }, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) }
		let docs: Array<Record<string, unknown> & { id: string; updatedAt: number | null }>
		if (entity === 'capability') {
			const rows = await prisma.capability.findMany({ ...page, where: PUBLIC_CAPABILITY, select: capabilityDocumentSelect })
			docs = rows.map((r) => buildCapabilityDocument(r, segmentForIndex))
		} else if (entity === 'demand') {
			const rows = await prisma.demand.findMany({ ...page, where: PUBLIC_DEMAND, select: demandDocumentSelect })
			docs = rows.map((r) => buildDemandDocument(r, segmentForIndex))
		} else if (entity === 'registration') {
			const rows = await prisma.eventRegistration.findMany({ ...page, where: PUBLIC_REGISTRATION, select: registrationDocumentSelect })
			docs = rows.map((r) => buildRegistrationDocument(r, segmentForIndex))
		} else {
			const rows = await prisma.firm.findMany({ ...page, where: PUBLIC_FIRM, select: firmDocumentSelect })
			docs = rows.map((r) => buildFirmDocument(r, segmentForIndex))
		}
		if (docs.length === 0) return
		yield docs
		cursor = docs[docs.length - 1]!.id
		if (docs.length < BATCH) return
	}
}

/**
 * Rebuilds an index into a temporary one and swaps it in atomically, so searches keep answering
 * from the old index until the new one is complete.
 */
export async function reindex(entity: IndexedEntity, onProgress: (done: number, total: number) => void = () => {}) {
	const client = getSearchClient()
	const definition = INDEXES[entity]
	const live = indexName(definition.uid)
	const temp = `${live}_rebuild_${Date.now()}`
	const started = Date.now()
	await applyIndexSettings(definition, live)
	await applyIndexSettings(definition, temp)
	try {
		const total = await countPublic(entity)
		let done = 0
		onProgress(0, total)
		for await (const docs of publicDocuments(entity)) {
			const task = await client.index(temp).addDocuments(docs, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS })
			if (task.status !== 'succeeded') throw new Error(`${temp}: ${task.error?.message ?? task.status}`)
			done += docs.length
			onProgress(done, Math.max(total, done))
		}
		const swap = await client.swapIndexes([{ indexes: [live, temp], rename: false }]).waitTask({ timeout: TASK_TIMEOUT_MS })
		if (swap.status !== 'succeeded') throw new Error(`swap failed: ${swap.error?.message ?? swap.status}`)
		return { index: live, documents: done, ms: Date.now() - started }
	} finally {
		await client.deleteIndex(temp).waitTask({ timeout: TASK_TIMEOUT_MS }).catch(() => {})
	}
}

export type IndexCheck = { index: string; database: number; indexed: number; missing: string[]; stale: string[]; extra: string[] }

/** Compares the public rows of the database with the index: missing, stale (older) and extra documents. */
export async function checkIndex(entity: IndexedEntity): Promise<IndexCheck> {
	const uid = indexName(INDEXES[entity].uid)
	const expected = new Map<string, number | null>()
	const rows =
		entity === 'capability'
			? await prisma.capability.findMany({ where: PUBLIC_CAPABILITY, select: { id: true, updatedAt: true } })
			: entity === 'demand'
				? await prisma.demand.findMany({ where: PUBLIC_DEMAND, select: { id: true, updatedAt: true } })
				: entity === 'registration'
					? await prisma.eventRegistration.findMany({ where: PUBLIC_REGISTRATION, select: { id: true, updatedAt: true } })
					: await prisma.firm.findMany({ where: PUBLIC_FIRM, select: { id: true, updatedAt: true } })
	for (const r of rows) expected.set(r.id, toUnixSeconds(r.updatedAt))

	const indexed = new Map<string, number | null>()
	const index = getSearchClient().index(uid)
	for (let offset = 0; ; offset += BATCH) {
		let page
		try {
			page = await index.getDocuments<{ id: string; updatedAt: number | null }>({ fields: ['id', 'updatedAt'], limit: BATCH, offset })
		} catch (error) {
			if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') break
			throw error
		}
		for (const d of page.results) indexed.set(d.id, d.updatedAt)
		if (page.results.length < BATCH) break
	}
	const missing: string[] = []
	const stale: string[] = []
	for (const [id, updatedAt] of expected) {
		if (!indexed.has(id)) missing.push(id)
		else if (indexed.get(id) !== updatedAt) stale.push(id)
	}
	const extra = [...indexed.keys()].filter((id) => !expected.has(id))
	return { index: uid, database: expected.size, indexed: indexed.size, missing, stale, extra }
}
