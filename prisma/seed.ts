import { randomBytes } from 'node:crypto'
import type { ChainStage, Prisma, PrismaClient } from '@prisma/client'
import { hashPassword } from '#app/modules/auth/password.server'
import { buildSlots } from '#app/modules/events/slots'
import { prisma as sharedPrisma } from '#app/utils/db.server'
import { CLUSTERS, type SeedChainNode } from './seed-data/clusters'
import { BUYER_FIRMS, SUPPLIER_FIRMS, type SeedFirm } from './seed-data/firms'
import { CAPABILITIES } from './seed-data/listings/capabilities'
import { DEMANDS } from './seed-data/listings/demands'

export const DEMO_PASSWORD = 'Demo2026pass'

function firstVerifiedSupplier(clusterSlug: string) {
	return (SUPPLIER_FIRMS.find((f) => f.verified && f.clusterSlugs[0] === clusterSlug) ?? SUPPLIER_FIRMS[0]!)
		.key
}

/** Demo accounts printed in README; firm keys refer to seed-data/firms.ts. */
export const DEMO_ACCOUNTS = [
	{ email: 'admin@demo.xnwh.cn', name: '系统管理员', role: 'ADMIN' as const, firmKey: null },
	{ email: 'bureau@demo.xnwh.cn', name: '市经信局 李科长', role: 'BUREAU' as const, firmKey: null },
	{ email: 'county@demo.xnwh.cn', name: '咸安区科经局 周主任', role: 'BUREAU' as const, firmKey: null },
	// 等保 三员分立: the only account that reads the audit log.
	{ email: 'auditor@demo.xnwh.cn', name: '审计管理员 吴审计', role: 'AUDITOR' as const, firmKey: null },
	{
		email: 'supplier@demo.xnwh.cn',
		name: '张经理',
		role: 'SUPPLIER' as const,
		firmKey: firstVerifiedSupplier('electronics'),
	},
	{
		email: 'supplier2@demo.xnwh.cn',
		name: '刘经理',
		role: 'SUPPLIER' as const,
		firmKey: firstVerifiedSupplier('equipment'),
	},
	{
		email: 'buyer@demo.xnwh.cn',
		name: '陈工',
		role: 'BUYER' as const,
		firmKey: (BUYER_FIRMS.find((f) => f.isChainLeader) ?? BUYER_FIRMS[0]!).key,
	},
	{
		email: 'buyer2@demo.xnwh.cn',
		name: '赵工',
		role: 'BUYER' as const,
		firmKey: BUYER_FIRMS.filter((f) => !f.isChainLeader)[0]!.key,
	},
]

function flatten(
	nodes: SeedChainNode[],
	parentSlug: string | null = null,
): Array<SeedChainNode & { parentSlug: string | null }> {
	return nodes.flatMap((n) => [{ ...n, parentSlug }, ...flatten(n.children ?? [], n.slug)])
}

/** Idempotent: clusters, chain nodes, firms and demo users are upserted by their natural keys. */
export async function seed({
	prisma = sharedPrisma as PrismaClient,
	log = console.log,
}: { prisma?: PrismaClient; log?: (line: string) => void } = {}) {
	const started = Date.now()
	const nodeIds = new Map<string, string>()
	const clusterIds = new Map<string, string>()
	for (const c of CLUSTERS) {
		const cluster = await prisma.cluster.upsert({
			where: { slug: c.slug },
			create: { slug: c.slug, name: c.name, nameEn: c.nameEn, summary: c.summary, sortOrder: c.sortOrder },
			update: { name: c.name, nameEn: c.nameEn, summary: c.summary, sortOrder: c.sortOrder },
		})
		clusterIds.set(c.slug, cluster.id)
		let order = 0
		for (const n of flatten(c.nodes)) {
			const parentId = n.parentSlug ? nodeIds.get(`${c.slug}/${n.parentSlug}`)! : null
			const node = await prisma.chainNode.upsert({
				where: { clusterId_slug: { clusterId: cluster.id, slug: n.slug } },
				create: {
					clusterId: cluster.id,
					slug: n.slug,
					name: n.name,
					stage: n.stage as ChainStage,
					sortOrder: order,
					parentId,
				},
				update: { name: n.name, stage: n.stage as ChainStage, sortOrder: order, parentId },
			})
			order++
			nodeIds.set(`${c.slug}/${n.slug}`, node.id)
		}
	}

	const bureau = await prisma.user.findUnique({
		where: { email: 'bureau@demo.xnwh.cn' },
		select: { id: true },
	})
	const firmIds = new Map<string, string>()
	const upsertFirm = async (f: SeedFirm) => {
		const clusterRefs = f.clusterSlugs.map((slug) => ({ id: clusterIds.get(slug)! }))
		const nodeRefs = f.chainNodeSlugs
			.map((slug) => f.clusterSlugs.map((c) => nodeIds.get(`${c}/${slug}`)).find(Boolean))
			.filter((id): id is string => !!id)
			.map((id) => ({ id }))
		const data = {
			name: f.name,
			kind: f.kind,
			regionCode: f.regionCode,
			address: f.address,
			description: f.description,
			website: f.website,
			contactName: f.contactName,
			contactPhone: f.contactPhone,
			certifications: f.certifications,
			isChainLeader: f.isChainLeader,
		}
		const firm = await prisma.firm.upsert({
			where: { uscc: f.uscc },
			create: {
				...data,
				uscc: f.uscc,
				verificationStatus: f.verified ? 'VERIFIED' : 'PENDING',
				verifiedAt: f.verified ? new Date() : null,
				verifiedById: f.verified ? (bureau?.id ?? null) : null,
				clusters: { connect: clusterRefs },
				chainNodes: { connect: nodeRefs },
			},
			update: { ...data, clusters: { set: clusterRefs }, chainNodes: { set: nodeRefs } },
			select: { id: true },
		})
		firmIds.set(f.key, firm.id)
	}
	for (const f of [...SUPPLIER_FIRMS, ...BUYER_FIRMS]) await upsertFirm(f)

	const passwordHash = await hashPassword(DEMO_PASSWORD)
	for (const account of DEMO_ACCOUNTS) {
		const firmId = account.firmKey ? firmIds.get(account.firmKey)! : null
		await prisma.user.upsert({
			where: { email: account.email },
			create: { email: account.email, name: account.name, role: account.role, firmId, passwordHash },
			update: { name: account.name, role: account.role, firmId },
		})
	}
	// Firms seeded before the bureau account existed get their verifier now.
	const bureauNow = await prisma.user.findUnique({
		where: { email: 'bureau@demo.xnwh.cn' },
		select: { id: true },
	})
	if (bureauNow) {
		await prisma.firm.updateMany({
			where: { verificationStatus: 'VERIFIED', verifiedById: null },
			data: { verifiedById: bureauNow.id },
		})
	}
	const { capabilities, demands } = await seedListings(prisma, firmIds, clusterIds, nodeIds)
	// The index is filled by the outbox worker: one row per firm re-syncs the firm and its listings.
	await prisma.searchOutbox.createMany({
		data: [...firmIds.values()].map((entityId) => ({
			entity: 'firm',
			entityId,
			operation: 'UPSERT' as const,
		})),
	})

	const event = await seedDemoEvent(prisma, clusterIds)
	const list = await seedDemoTargetList(prisma, clusterIds)

	log(
		`seeded ${CLUSTERS.length} clusters, ${nodeIds.size} chain nodes, ${firmIds.size} firms, ${capabilities} capabilities, ${demands} demands, ${DEMO_ACCOUNTS.length} demo accounts${event ? ', 1 demo event' : ''}${list ? ', 1 demo target list' : ''} in ${Date.now() - started} ms`,
	)
}

export const DEMO_EVENT_TITLE = '电子信息产业链专场对接会（演示）'

/**
 * One published matchmaking event, open for registration, with the four demo firms approved and
 * one meeting request waiting: created once (found again by its title), its dates relative to now.
 */
async function seedDemoEvent(prisma: PrismaClient, clusterIds: Map<string, string>) {
	if (await prisma.event.findFirst({ where: { title: DEMO_EVENT_TITLE }, select: { id: true } })) return null
	const bureau = await prisma.user.findUnique({
		where: { email: 'bureau@demo.xnwh.cn' },
		select: { id: true },
	})
	const now = Date.now()
	const grid = {
		days: [localDay(now + 12 * DAY)],
		dayStart: '09:00',
		dayEnd: '12:00',
		meetingMinutes: 30,
		gapMinutes: 0,
		breaks: ['10:30-10:45'],
	}
	const slots = buildSlots(grid)
	const event = await prisma.event.create({
		data: {
			title: DEMO_EVENT_TITLE,
			description:
				'面向光谷“光芯屏端网”与车谷整车企业的配套需求，组织咸宁电子信息产业链企业开展一对一线上洽谈。会前可浏览参会企业、预约会谈；会谈当天在会谈室实时沟通，并记录意向与签约成果。',
			format: 'HYBRID',
			venue: '咸宁高新区企业服务中心 3 楼报告厅',
			...grid,
			capacity: 120,
			minMeetings: 1,
			maxMeetings: 6,
			registrationOpensAt: new Date(now - 2 * DAY),
			registrationClosesAt: new Date(now + 6 * DAY),
			requestsCloseAt: new Date(now + 9 * DAY),
			startsAt: slots[0]!.start,
			endsAt: slots.at(-1)!.end,
			status: 'PUBLISHED',
			publishedAt: new Date(now - 2 * DAY),
			hostId: bureau?.id ?? null,
			clusters: { connect: ['electronics', 'equipment'].map((slug) => ({ id: clusterIds.get(slug)! })) },
		},
	})
	const users = await prisma.user.findMany({
		where: {
			email: {
				in: ['supplier@demo.xnwh.cn', 'supplier2@demo.xnwh.cn', 'buyer@demo.xnwh.cn', 'buyer2@demo.xnwh.cn'],
			},
		},
		select: { email: true, firmId: true },
	})
	const firmOf = (email: string) => users.find((u) => u.email === email)?.firmId ?? null
	const regIds: string[] = []
	for (const [email, side] of [
		['supplier@demo.xnwh.cn', 'SUPPLIER'],
		['supplier2@demo.xnwh.cn', 'SUPPLIER'],
		['buyer@demo.xnwh.cn', 'BUYER'],
		['buyer2@demo.xnwh.cn', 'BUYER'],
	] as const) {
		const firmId = firmOf(email)
		if (!firmId) continue
		const listings =
			side === 'SUPPLIER'
				? await prisma.capability.findMany({
						where: { firmId, status: 'PUBLISHED' },
						select: { id: true, title: true },
						take: 3,
					})
				: await prisma.demand.findMany({
						where: { firmId, status: 'PUBLISHED' },
						select: { id: true, title: true },
						take: 3,
					})
		const reg = await prisma.eventRegistration.create({
			data: {
				eventId: event.id,
				firmId,
				side,
				status: 'APPROVED',
				pitch:
					listings.map((l) => l.title).join('；') ||
					(side === 'SUPPLIER' ? '电子元器件配套供应' : '电子信息配套采购'),
				capabilityIds: side === 'SUPPLIER' ? listings.map((l) => l.id) : [],
				demandIds: side === 'BUYER' ? listings.map((l) => l.id) : [],
				decidedById: bureau?.id ?? null,
				decidedAt: new Date(),
				checkInToken: randomBytes(18).toString('base64url'),
				calendarToken: randomBytes(24).toString('base64url'),
			},
		})
		regIds.push(reg.id)
	}
	const buyer = firmOf('buyer2@demo.xnwh.cn')
	const supplier = firmOf('supplier@demo.xnwh.cn')
	if (buyer && supplier)
		await prisma.meetingRequest.create({
			data: {
				eventId: event.id,
				fromFirmId: buyer,
				toFirmId: supplier,
				buyerFirmId: buyer,
				supplierFirmId: supplier,
				priority: 'MUST',
				message: '希望了解贵公司车载线束与连接器的产能和交期，洽谈年度配套。',
			},
		})
	await prisma.searchOutbox.createMany({
		data: regIds.map((entityId) => ({ entity: 'registration', entityId, operation: 'UPSERT' as const })),
	})
	return event
}

export const DEMO_TARGET_LIST_TITLE = '光模块配套目标清单（演示）'

/** The demo chain leader's published target list of its own demands: created once, found again by its title. */
async function seedDemoTargetList(prisma: PrismaClient, clusterIds: Map<string, string>) {
	if (await prisma.targetList.findFirst({ where: { title: DEMO_TARGET_LIST_TITLE }, select: { id: true } }))
		return null
	const buyer = await prisma.user.findUnique({
		where: { email: 'buyer@demo.xnwh.cn' },
		select: { id: true, firmId: true },
	})
	if (!buyer?.firmId) return null
	const demands = await prisma.demand.findMany({
		where: { firmId: buyer.firmId, status: 'PUBLISHED' },
		select: { id: true },
		orderBy: { id: 'asc' },
		take: 5,
	})
	return prisma.targetList.create({
		data: {
			title: DEMO_TARGET_LIST_TITLE,
			description: '面向咸宁电子信息产业链征集光模块结构件、光器件与可靠性试验配套商。',
			clusterId: clusterIds.get('electronics') ?? null,
			ownerFirmId: buyer.firmId,
			createdById: buyer.id,
			status: 'PUBLISHED',
			publishedAt: new Date(),
			items: { create: demands.map((d, i) => ({ demandId: d.id, sortOrder: i })) },
		},
	})
}

/** "YYYY-MM-DD" in Beijing time. */
function localDay(ms: number) {
	return new Date(ms + 8 * 60 * 60 * 1000).toISOString().slice(0, 10)
}

const DAY = 24 * 60 * 60 * 1000

/** Deterministic "days ago" from a key, so re-seeding keeps dates stable within a day. */
function daysAgo(key: string, max: number) {
	let h = 0
	for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0
	return h % max
}

async function seedListings(
	prisma: PrismaClient,
	firmIds: Map<string, string>,
	clusterIds: Map<string, string>,
	nodeIds: Map<string, string>,
) {
	const now = Date.now()
	const capabilityRows: Array<{
		firmId: string
		externalRef: string
		data: Omit<Prisma.CapabilityCreateManyInput, 'firmId'>
	}> = []
	const demandRows: Array<{
		firmId: string
		externalRef: string
		data: Omit<Prisma.DemandCreateManyInput, 'firmId'>
	}> = []
	for (const c of CAPABILITIES) {
		const firmId = firmIds.get(c.firmKey)!
		const data = {
			title: c.title,
			description: c.description,
			clusterId: clusterIds.get(c.clusterSlug) ?? null,
			chainNodeId: nodeIds.get(`${c.clusterSlug}/${c.chainNodeSlug}`) ?? null,
			tags: c.tags,
			specs: c.specs,
			certifications: c.certifications,
			capacityValue: c.capacity?.value ?? null,
			capacityUnit: c.capacity?.unit ?? '',
			capacityPeriod: c.capacity?.period ?? null,
			moqValue: c.moq?.value ?? null,
			moqUnit: c.moq?.unit ?? '',
			leadTimeDays: c.leadTimeDays,
			priceMin: c.price?.min ?? null,
			priceMax: c.price?.max ?? null,
			priceUnit: c.price?.unit ?? '',
			status: c.status,
			publishedAt: c.status === 'PUBLISHED' ? new Date(now - daysAgo(c.key, 60) * DAY) : null,
		}
		capabilityRows.push({ firmId, externalRef: c.key, data })
	}
	for (const d of DEMANDS) {
		const firmId = firmIds.get(d.firmKey)!
		const published = d.status !== 'DRAFT'
		const data = {
			title: d.title,
			description: d.description,
			clusterId: clusterIds.get(d.clusterSlug) ?? null,
			chainNodeId: nodeIds.get(`${d.clusterSlug}/${d.chainNodeSlug}`) ?? null,
			quantityValue: d.quantity?.value ?? null,
			quantityUnit: d.quantity?.unit ?? '',
			budgetMin: d.budget?.min ?? null,
			budgetMax: d.budget?.max ?? null,
			budgetUnit: d.budget?.unit ?? '',
			requiredCertifications: d.requiredCertifications,
			deliveryRegionCode: d.deliveryRegionCode,
			deadline: new Date(now + d.deadlineDays * DAY),
			status: d.status,
			source: d.source,
			publishedAt: published ? new Date(now - daysAgo(d.key, 30) * DAY) : null,
			closedAt: d.status === 'CLOSED' ? new Date(now - daysAgo(d.key, 5) * DAY) : null,
		}
		demandRows.push({ firmId, externalRef: d.key, data })
	}
	// First start: two inserts; a re-seed updates the rows that exist already.
	const existingCapabilities = new Set(
		(
			await prisma.capability.findMany({
				where: { externalRef: { in: capabilityRows.map((r) => r.externalRef) } },
				select: { firmId: true, externalRef: true },
			})
		).map((r) => `${r.firmId}/${r.externalRef}`),
	)
	await prisma.capability.createMany({
		data: capabilityRows
			.filter((r) => !existingCapabilities.has(`${r.firmId}/${r.externalRef}`))
			.map((r) => ({ ...r.data, firmId: r.firmId, externalRef: r.externalRef })),
	})
	for (const r of capabilityRows.filter((r) => existingCapabilities.has(`${r.firmId}/${r.externalRef}`))) {
		await prisma.capability.update({
			where: { firmId_externalRef: { firmId: r.firmId, externalRef: r.externalRef } },
			data: r.data,
		})
	}
	const existingDemands = new Set(
		(
			await prisma.demand.findMany({
				where: { externalRef: { in: demandRows.map((r) => r.externalRef) } },
				select: { firmId: true, externalRef: true },
			})
		).map((r) => `${r.firmId}/${r.externalRef}`),
	)
	await prisma.demand.createMany({
		data: demandRows
			.filter((r) => !existingDemands.has(`${r.firmId}/${r.externalRef}`))
			.map((r) => ({ ...r.data, firmId: r.firmId, externalRef: r.externalRef })),
	})
	for (const r of demandRows.filter((r) => existingDemands.has(`${r.firmId}/${r.externalRef}`))) {
		await prisma.demand.update({
			where: { firmId_externalRef: { firmId: r.firmId, externalRef: r.externalRef } },
			data: r.data,
		})
	}
	return { capabilities: CAPABILITIES.length, demands: DEMANDS.length }
}
