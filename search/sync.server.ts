import { prisma } from '#app/utils/db.server'
import { getSearchClient, indexName } from './client.server'
import { buildCapabilityDocument, capabilityDocumentSelect, isCapabilityRowPublic } from './documents/capability'
import { buildDemandDocument, demandDocumentSelect, isDemandRowPublic } from './documents/demand'
import { buildFirmDocument, firmDocumentSelect, isFirmRowPublic } from './documents/firm'
import { buildRegistrationDocument, isRegistrationRowPublic, registrationDocumentSelect } from './documents/registration'
import { INDEXES, type IndexedEntity } from './indexes/index'
import { segmentForIndex } from './segment.server'

const TASK_TIMEOUT_MS = 30_000

type Built = { upsert: Array<{ id: string } & Record<string, unknown>>; remove: string[] }

/** Loads the rows and splits them into documents to upsert and ids to remove from the index. */
export async function buildDocuments(entity: IndexedEntity, ids: string[]): Promise<Built> {
	const upsert: Built['upsert'] = []
	const found = new Set<string>()
	if (entity === 'capability') {
		const rows = await prisma.capability.findMany({ where: { id: { in: ids } }, select: capabilityDocumentSelect })
		for (const row of rows) {
			found.add(row.id)
			if (isCapabilityRowPublic(row)) upsert.push(buildCapabilityDocument(row, segmentForIndex))
		}
	} else if (entity === 'demand') {
		const rows = await prisma.demand.findMany({ where: { id: { in: ids } }, select: demandDocumentSelect })
		for (const row of rows) {
			found.add(row.id)
			if (isDemandRowPublic(row)) upsert.push(buildDemandDocument(row, segmentForIndex))
		}
	} else if (entity === 'registration') {
		const rows = await prisma.eventRegistration.findMany({ where: { id: { in: ids } }, select: registrationDocumentSelect })
		for (const row of rows) {
			found.add(row.id)
			if (isRegistrationRowPublic(row)) upsert.push(buildRegistrationDocument(row, segmentForIndex))
		}
	} else {
		const rows = await prisma.firm.findMany({ where: { id: { in: ids } }, select: firmDocumentSelect })
		for (const row of rows) {
			found.add(row.id)
			if (isFirmRowPublic(row)) upsert.push(buildFirmDocument(row, segmentForIndex))
		}
	}
	const kept = new Set(upsert.map((d) => d.id))
	return { upsert, remove: ids.filter((id) => !kept.has(id) || !found.has(id)) }
}

async function apply(entity: IndexedEntity, built: Built, uid = indexName(INDEXES[entity].uid)) {
	const index = getSearchClient().index(uid)
	const check = (task: { status: string; error?: { message: string } | null }) => {
		if (task.status !== 'succeeded') throw new Error(`${uid}: ${task.error?.message ?? task.status}`)
	}
	// One request at a time: a second request started early would reject unobserved when the first fails.
	if (built.upsert.length) check(await index.addDocuments(built.upsert, { primaryKey: 'id' }).waitTask({ timeout: TASK_TIMEOUT_MS, interval: 20 }))
	if (built.remove.length) {
		const task = await index.deleteDocuments(built.remove).waitTask({ timeout: TASK_TIMEOUT_MS, interval: 20 })
		// Nothing to remove from an index that was never created (no document of the kind was ever public).
		if (task.error?.code !== 'index_not_found') check(task)
	}
}

/**
 * Brings the index in line with the database for these ids. A firm change also re-syncs the
 * firm's listings and event registrations, whose documents carry its name, region and verification;
 * a listing change re-syncs the registrations that show the listing (its title is in the catalogue).
 */
export async function syncEntities(entity: IndexedEntity, ids: string[]) {
	const unique = [...new Set(ids)]
	if (unique.length === 0) return
	await apply(entity, await buildDocuments(entity, unique))
	if (entity === 'firm') {
		const [capabilities, demands, registrations] = await Promise.all([
			prisma.capability.findMany({ where: { firmId: { in: unique } }, select: { id: true } }),
			prisma.demand.findMany({ where: { firmId: { in: unique } }, select: { id: true } }),
			prisma.eventRegistration.findMany({ where: { firmId: { in: unique } }, select: { id: true } }),
		])
		if (capabilities.length) await apply('capability', await buildDocuments('capability', capabilities.map((c) => c.id)))
		if (demands.length) await apply('demand', await buildDocuments('demand', demands.map((d) => d.id)))
		if (registrations.length) await apply('registration', await buildDocuments('registration', registrations.map((r) => r.id)))
	} else if (entity === 'capability' || entity === 'demand') {
		const registrations = await prisma.eventRegistration.findMany({
			where: entity === 'capability' ? { capabilityIds: { hasSome: unique } } : { demandIds: { hasSome: unique } },
			select: { id: true },
		})
		if (registrations.length) await apply('registration', await buildDocuments('registration', registrations.map((r) => r.id)))
	}
}
