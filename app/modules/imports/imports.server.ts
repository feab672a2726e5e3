import ExcelJS from 'exceljs'
import { xlsxBuffer } from '#app/utils/excel.server'
import type { Prisma } from '@prisma/client'
import { z } from 'zod'
import { audit, type Actor } from '#app/modules/audit/audit.server'
import { demandData } from '#app/modules/demands/demands.server'
import { DemandSchema } from '#app/modules/demands/schemas'
import { DomainError } from '#app/modules/firms/firms.server'
import { REGIONS } from '#app/modules/firms/regions'
import { capabilityData } from '#app/modules/listings/listings.server'
import { CapabilitySchema } from '#app/modules/listings/schemas'
import { prisma } from '#app/utils/db.server'
import { enqueueSearchSync } from '#search/outbox/enqueue.server'
import { kickSearchOutbox } from '#search/outbox/kick.server'
import { columnsFor, matchHeaders, parseSpecs, PERIODS, splitList, type ImportKindName } from './columns'
import { readSheet } from './sheet.server'

export type RowError = { row: number; column: string; message: string }
type ImportActor = Actor & { firmId: string | null }

const CHUNK = 100

type Taxonomy = {
	clusterByName: Map<string, string>
	nodes: Array<{ id: string; name: string; clusterId: string }>
}

async function loadTaxonomy(): Promise<Taxonomy> {
	const clusters = await prisma.cluster.findMany({ select: { id: true, name: true, slug: true, nameEn: true, chainNodes: { select: { id: true, name: true } } } })
	const clusterByName = new Map<string, string>()
	for (const c of clusters) {
		for (const key of [c.name, c.name.replace(/产业集群$/, ''), c.name.replace(/产业集群$/, '产业链'), c.slug, c.nameEn.toLowerCase()]) clusterByName.set(key, c.id)
	}
	return { clusterByName, nodes: clusters.flatMap((c) => c.chainNodes.map((n) => ({ ...n, clusterId: c.id }))) }
}

function regionCodeFor(text: string): string | undefined {
	const t = text.trim()
	if (!t) return undefined
	const hit = REGIONS.find((r) => r.code === t || r.name === t || r.name.replace(/（.*）$/, '') === t || r.name.includes(`（${t}）`))
	return hit?.code ?? `invalid:${t}`
}

/** One sheet row as form input for the listing schemas, plus errors found while mapping names. */
function rowToInput(kind: ImportKindName, values: Record<string, string>, taxonomy: Taxonomy) {
	const errors: Array<{ field: string; message: string }> = []
	let clusterId: string | undefined
	let chainNodeId: string | undefined
	if (values.cluster) {
		clusterId = taxonomy.clusterByName.get(values.cluster.trim()) ?? taxonomy.clusterByName.get(values.cluster.trim().toLowerCase())
		if (!clusterId) errors.push({ field: 'cluster', message: 'import.errorCluster' })
	}
	if (values.chainNode) {
		const candidates = taxonomy.nodes.filter((n) => n.name === values.chainNode!.trim() && (!clusterId || n.clusterId === clusterId))
		if (candidates.length === 1) {
			chainNodeId = candidates[0]!.id
			clusterId ??= candidates[0]!.clusterId
		} else errors.push({ field: 'chainNode', message: candidates.length ? 'import.errorNodeAmbiguous' : 'import.errorNode' })
	}
	const common = { externalRef: values.externalRef, title: values.title ?? '', description: values.description ?? '', clusterId, chainNodeId }
	if (kind === 'CAPABILITY') {
		const period = values.capacityPeriod ? PERIODS[values.capacityPeriod.trim().toLowerCase()] : undefined
		if (values.capacityPeriod && !period) errors.push({ field: 'capacityPeriod', message: 'import.errorPeriod' })
		return {
			errors,
			input: {
				...common,
				tags: values.tags ?? '',
				specs: values.specs ? parseSpecs(values.specs) : [],
				certifications: [],
				otherCertifications: splitList(values.certifications ?? '').join('，'),
				capacityValue: values.capacityValue,
				capacityUnit: values.capacityUnit ?? '',
				capacityPeriod: period ?? '',
				moqValue: values.moqValue,
				moqUnit: values.moqUnit ?? '',
				leadTimeDays: values.leadTimeDays,
				priceMin: values.priceMin,
				priceMax: values.priceMax,
				priceUnit: values.priceUnit ?? '',
			},
		}
	}
	const region = values.deliveryRegion ? regionCodeFor(values.deliveryRegion) : undefined
	if (region?.startsWith('invalid:')) errors.push({ field: 'deliveryRegion', message: 'err.region' })
	return {
		errors,
		input: {
			...common,
			quantityValue: values.quantityValue,
			quantityUnit: values.quantityUnit ?? '',
			budgetMin: values.budgetMin,
			budgetMax: values.budgetMax,
			budgetUnit: values.budgetUnit ?? '',
			requiredCertifications: [],
			otherCertifications: splitList(values.requiredCertifications ?? '').join('，'),
			deliveryRegionCode: region?.startsWith('invalid:') ? undefined : region,
			deadline: values.deadline,
		},
	}
}

const FIELD_FOR_SCHEMA_PATH: Record<string, string> = { otherCertifications: 'certifications', requiredCertifications: 'requiredCertifications', deliveryRegionCode: 'deliveryRegion', clusterId: 'cluster', chainNodeId: 'chainNode' }

/**
 * Reads the sheet and validates every row without saving anything; valid rows are kept on the job
 * until the user confirms. Errors name the Excel row and the column header.
 */
export async function previewImport(
	actor: ImportActor,
	{ firmId, kind, fileName, bytes }: { firmId: string; kind: ImportKindName; fileName: string; bytes: Uint8Array },
	meta: { ip?: string | null },
) {
	const onBehalf = actor.firmId !== firmId
	if (onBehalf && actor.role !== 'BUREAU' && actor.role !== 'ADMIN') throw new DomainError('forbidden')
	const firm = await prisma.firm.findUnique({ where: { id: firmId }, select: { id: true, kind: true } })
	if (!firm) throw new DomainError('not_found')
	if ((kind === 'CAPABILITY' && firm.kind === 'BUYER') || (kind === 'DEMAND' && firm.kind === 'SUPPLIER')) throw new DomainError('forbidden', 'import.errorKind')

	const sheet = await readSheet(fileName, bytes)
	const { fieldAt, missing } = matchHeaders(kind, sheet.headers)
	const columns = columnsFor(kind)
	const headerOf = (field: string) => columns.find((c) => c.field === field)?.header ?? field
	const rowErrors: RowError[] = missing.map((header) => ({ row: 1, column: header, message: 'import.errorMissingColumn' }))
	const valid: Array<{ row: number; data: unknown }> = []
	if (missing.length === 0) {
		const taxonomy = await loadTaxonomy()
		const schema = kind === 'CAPABILITY' ? CapabilitySchema : DemandSchema
		const seenRefs = new Map<string, number>()
		for (const { rowNumber, cells } of sheet.rows) {
			const values: Record<string, string> = {}
			for (const [i, column] of fieldAt) values[column.field] = cells[i] ?? ''
			const { input, errors } = rowToInput(kind, values, taxonomy)
			const found: RowError[] = errors.map((e) => ({ row: rowNumber, column: headerOf(e.field), message: e.message }))
			const ref = (values.externalRef ?? '').trim()
			if (!ref) found.push({ row: rowNumber, column: headerOf('externalRef'), message: 'err.required' })
			else if (seenRefs.has(ref)) found.push({ row: rowNumber, column: headerOf('externalRef'), message: 'import.errorDuplicateRef' })
			else seenRefs.set(ref, rowNumber)
			const parsed = schema.safeParse(input)
			if (!parsed.success) {
				for (const issue of parsed.error.issues) {
					const field = String(issue.path[0] ?? '')
					found.push({ row: rowNumber, column: headerOf(FIELD_FOR_SCHEMA_PATH[field] ?? field), message: issue.message })
				}
			}
			if (found.length) rowErrors.push(...found)
			else if (parsed.success) valid.push({ row: rowNumber, data: parsed.data })
		}
	}
	const job = await prisma.$transaction(async (tx) => {
		const created = await tx.importJob.create({
			data: {
				kind,
				firmId,
				actorId: actor.id,
				onBehalf,
				fileName: fileName.slice(0, 200),
				rows: valid as unknown as Prisma.InputJsonValue,
				rowErrors: rowErrors.slice(0, 2000) as unknown as Prisma.InputJsonValue,
				total: valid.length,
			},
			select: { id: true },
		})
		if (onBehalf) {
			await audit(tx, { actor, action: 'import.preview', targetType: 'Firm', targetId: firmId, ip: meta.ip, detail: { jobId: created.id, kind, rows: valid.length, errors: rowErrors.length } })
		}
		return created
	})
	return { jobId: job.id, valid: valid.length, errors: rowErrors, rowsRead: sheet.rows.length }
}

export async function getImportJob(actor: ImportActor, jobId: string) {
	const job = await prisma.importJob.findUnique({
		where: { id: jobId },
		select: { id: true, kind: true, firmId: true, actorId: true, fileName: true, status: true, rowErrors: true, total: true, processed: true, created: true, updated: true, failed: true, error: true, createdAt: true, finishedAt: true, firm: { select: { name: true } } },
	})
	if (!job) return null
	const staff = actor.role === 'BUREAU' || actor.role === 'ADMIN'
	if (!staff && job.firmId !== actor.firmId) return null
	return { ...job, rowErrors: job.rowErrors as unknown as RowError[] }
}

/** Starts the background import of a previewed job; re-confirming a running or finished job is a no-op. */
export async function confirmImport(actor: ImportActor, jobId: string, meta: { ip?: string | null }) {
	const job = await getImportJob(actor, jobId)
	if (!job) throw new DomainError('not_found')
	const claimed = await prisma.$transaction(async (tx) => {
		const { count } = await tx.importJob.updateMany({ where: { id: jobId, status: 'PREVIEWED' }, data: { status: 'RUNNING' } })
		if (count && job.firmId !== actor.firmId) {
			await audit(tx, { actor, action: 'import.confirm', targetType: 'Firm', targetId: job.firmId, ip: meta.ip, detail: { jobId, kind: job.kind, rows: job.total } })
		}
		return count === 1
	})
	if (claimed) void runImport(jobId)
	return claimed
}

const RowSchema = z.object({ row: z.number(), data: z.record(z.string(), z.unknown()) })

/**
 * Upserts the job's rows by external reference, a chunk per transaction (entity and search outbox
 * together), yielding between chunks so requests keep being served. Safe to resume after a restart.
 */
export async function runImport(jobId: string) {
	try {
		const job = await prisma.importJob.findUniqueOrThrow({
			where: { id: jobId },
			select: { kind: true, firmId: true, rows: true, processed: true, firm: { select: { isChainLeader: true } } },
		})
		const rows = z.array(RowSchema).parse(job.rows)
		for (let start = job.processed; start < rows.length; start += CHUNK) {
			const chunk = rows.slice(start, start + CHUNK)
			await prisma.$transaction(async (tx) => {
				const refs = chunk.map(({ data }) => String(data.externalRef))
				const prepared = chunk.map(({ data }) => ({
					externalRef: String(data.externalRef),
					taxonomy: { clusterId: (data.clusterId as string | undefined) ?? null, chainNodeId: (data.chainNodeId as string | undefined) ?? null },
					data,
				}))
				const ids: string[] = []
				let created = 0
				let updated = 0
				if (job.kind === 'CAPABILITY') {
					const existing = new Map(
						(await tx.capability.findMany({ where: { firmId: job.firmId, externalRef: { in: refs } }, select: { id: true, externalRef: true } })).map((r) => [r.externalRef!, r.id]),
					)
					const fresh = prepared.filter((p) => !existing.has(p.externalRef))
					if (fresh.length) {
						const rows = await tx.capability.createManyAndReturn({
							data: fresh.map((p) => ({ ...capabilityData(p.data as never), ...p.taxonomy, firmId: job.firmId, externalRef: p.externalRef })),
							select: { id: true },
						})
						ids.push(...rows.map((r) => r.id))
						created = rows.length
					}
					for (const p of prepared.filter((p) => existing.has(p.externalRef))) {
						const id = existing.get(p.externalRef)!
						await tx.capability.update({ where: { id }, data: { ...capabilityData(p.data as never), ...p.taxonomy } })
						ids.push(id)
						updated++
					}
				} else {
					const existing = new Map(
						(await tx.demand.findMany({ where: { firmId: job.firmId, externalRef: { in: refs } }, select: { id: true, externalRef: true } })).map((r) => [r.externalRef!, r.id]),
					)
					const source = job.firm.isChainLeader ? ('CHAIN_LEADER_LIST' as const) : ('IMPORT' as const)
					const fresh = prepared.filter((p) => !existing.has(p.externalRef))
					if (fresh.length) {
						const rows = await tx.demand.createManyAndReturn({
							data: fresh.map((p) => ({ ...demandData(p.data as never), ...p.taxonomy, firmId: job.firmId, externalRef: p.externalRef, source })),
							select: { id: true },
						})
						ids.push(...rows.map((r) => r.id))
						created = rows.length
					}
					for (const p of prepared.filter((p) => existing.has(p.externalRef))) {
						const id = existing.get(p.externalRef)!
						await tx.demand.update({ where: { id }, data: { ...demandData(p.data as never), ...p.taxonomy } })
						ids.push(id)
						updated++
					}
				}
				await enqueueSearchSync(tx, job.kind === 'CAPABILITY' ? 'capability' : 'demand', ids)
				await tx.importJob.update({
					where: { id: jobId },
					data: { processed: { increment: chunk.length }, created: { increment: created }, updated: { increment: updated } },
				})
			})
			kickSearchOutbox()
			await new Promise((resolve) => setImmediate(resolve))
		}
		await prisma.importJob.update({ where: { id: jobId }, data: { status: 'DONE', finishedAt: new Date(), rows: [] } })
	} catch (error) {
		await prisma.importJob
			.update({ where: { id: jobId }, data: { status: 'FAILED', error: (error as Error).message.slice(0, 500), finishedAt: new Date() } })
			.catch(() => {})
	}
}

/** Jobs interrupted by a restart continue where they stopped. */
export async function resumeImports() {
	const running = await prisma.importJob.findMany({ where: { status: 'RUNNING' }, select: { id: true } })
	for (const job of running) void runImport(job.id)
	return running.length
}

/** The downloadable template: headers, one example row, and a sheet of valid names. */
export async function buildTemplate(kind: ImportKindName): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook()
	const sheet = workbook.addWorksheet(kind === 'CAPABILITY' ? '能力清单' : '配套需求对接清单')
	const columns = columnsFor(kind)
	sheet.addRow(columns.map((c) => (c.required ? `${c.header}*` : c.header)))
	sheet.addRow(columns.map((c) => c.example))
	sheet.getRow(1).font = { bold: true }
	columns.forEach((c, i) => {
		sheet.getColumn(i + 1).width = Math.max(12, c.header.length * 2 + 4)
		if (c.hint) sheet.getCell(1, i + 1).note = c.hint
	})
	const help = workbook.addWorksheet('填写说明')
	help.addRow(['产业链群', '链节点'])
	const clusters = await prisma.cluster.findMany({ orderBy: { sortOrder: 'asc' }, select: { name: true, chainNodes: { orderBy: { sortOrder: 'asc' }, select: { name: true } } } })
	for (const c of clusters) for (const n of c.chainNodes) help.addRow([c.name, n.name])
	help.addRow([])
	help.addRow(['交付地区（可填名称）'])
	for (const r of REGIONS) help.addRow([r.name])
	return xlsxBuffer(workbook)
}
