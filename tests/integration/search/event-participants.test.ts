import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
	ParticipantSearchSchema,
	searchParticipants,
	suggestedCounterparts,
	type ParticipantSearchInput,
} from '#app/modules/events/catalogue.server'
import { loader as participantsLoader } from '#app/routes/events.$eventId_.participants'
import { prisma } from '#app/utils/db.server'
import { wellFormedText } from '#app/utils/text'
import { DEMO_EVENT_TITLE, DEMO_PASSWORD, seed } from '#prisma/seed'
import { applyAllSettings } from '#search/apply-settings.server'
import { splitHighlight } from '#search/highlight'
import { checkIndex, reindex } from '#search/maintenance.server'
import { enqueueEventSearchSync, enqueueSearchSync, type SearchEntity } from '#search/outbox/enqueue.server'
import { onSearchIndexed } from '#search/outbox/kick.server'
import { startSearchOutboxWorker, type OutboxWorker } from '#search/outbox/worker.server'
import {
	createFirmWithUser,
	publishedCapabilities,
	publishedDemands,
	signIn,
	type SignedIn,
} from '#tests/factories/docking'
import { createEventRow, registerFirmRow } from '#tests/factories/events'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

// The participant catalogue of a matchmaking event: registrations synced through the search outbox
// into the real Meilisearch, searched with facets within one event, the page's access rule, and the
// suggested counterparts read from the matcher's stored suggestions. Tests build on each other.

let db: TestDatabase
let worker: OutboxWorker
let supplier: SignedIn // 赤壁 supplier (electronics), approved
let supplier2: SignedIn // second supplier (equipment), approved
let buyer: SignedIn // Wuhan chain-leader buyer, approved
let buyer2: SignedIn // Wuhan buyer, rejected
let bureau: SignedIn
let outsider: Awaited<ReturnType<typeof createFirmWithUser>>

let eventId: string
let otherEventId: string
const reg: Record<
	'supplier' | 'supplier2' | 'buyer' | 'buyer2' | 'unverified' | 'pending' | 'other' | 'draft',
	string
> = {
	supplier: '',
	supplier2: '',
	buyer: '',
	buyer2: '',
	unverified: '',
	pending: '',
	other: '',
	draft: '',
}
let supplierCapabilityId: string
let buyerDemandId: string

async function sync(entity: SearchEntity, ids: string[]) {
	await prisma.$transaction((tx) => enqueueSearchSync(tx, entity, ids))
	await worker.drain()
}

const search = (params: ParticipantSearchInput = {}) => searchParticipants(eventId, params)
const ids = async (params: ParticipantSearchInput = {}) => (await search(params)).hits.map((h) => h.id).sort()

async function openPage(url: string, who?: SignedIn) {
	const request = new Request(`http://localhost${url}`, { headers: who ? { cookie: who.cookie } : {} })
	const id = new URL(request.url).pathname.split('/')[2]!
	try {
		return await participantsLoader({
			request,
			params: { eventId: id },
			context: {},
		} as unknown as LoaderFunctionArgs)
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
}

beforeAll(async () => {
	db = await setupTestDatabase()
	await applyAllSettings()
	await seed({ log: () => {} })
	worker = startSearchOutboxWorker({ pollMs: 100_000 })
	await worker.drain()
	const signed = await Promise.all(
		['supplier', 'supplier2', 'buyer', 'buyer2', 'bureau'].map((u) =>
			signIn(`${u}@demo.xnwh.cn`, DEMO_PASSWORD),
		),
	)
	;[supplier, supplier2, buyer, buyer2, bureau] = signed as [SignedIn, SignedIn, SignedIn, SignedIn, SignedIn]
	outsider = await createFirmWithUser({
		firmName: '咸安区局外精密制造有限公司',
		kind: 'SUPPLIER',
		verified: true,
		userName: '局外人',
		role: 'SUPPLIER',
	})
	const unverified = await createFirmWithUser({
		firmName: '未认证散热科技有限公司',
		kind: 'SUPPLIER',
		verified: false,
		userName: '孙经理',
		role: 'SUPPLIER',
	})
	const pending = await createFirmWithUser({
		firmName: '待审核散热材料有限公司',
		kind: 'SUPPLIER',
		verified: true,
		userName: '钱经理',
		role: 'SUPPLIER',
	})

	const event = await createEventRow(bureau.user.id, { title: '光电子信息产业产销对接会' })
	const other = await createEventRow(bureau.user.id, { title: '另一场对接会' })
	const draft = await createEventRow(bureau.user.id, {
		title: '草稿对接会',
		status: 'DRAFT',
		publishedAt: null,
	})
	eventId = event.id
	otherEventId = other.id

	supplierCapabilityId = (await publishedCapabilities(supplier.user.firmId!))[0]!.id
	buyerDemandId = (await publishedDemands(buyer.user.firmId!))[0]!.id
	reg.supplier = (
		await registerFirmRow(eventId, supplier.user.firmId!, 'SUPPLIER', {
			pitch: '专注光通信散热外壳与精密压铸件，可来图定制，月产能五万件',
			capabilityIds: [supplierCapabilityId],
		})
	).id
	reg.supplier2 = (
		await registerFirmRow(eventId, supplier2.user.firmId!, 'SUPPLIER', {
			pitch: '应急装备与智能制造产线集成',
		})
	).id
	reg.buyer = (
		await registerFirmRow(eventId, buyer.user.firmId!, 'BUYER', {
			pitch: '寻找咸宁本地的光模块结构件配套商',
			demandIds: [buyerDemandId],
		})
	).id
	reg.buyer2 = (
		await registerFirmRow(eventId, buyer2.user.firmId!, 'BUYER', {
			status: 'REJECTED',
			pitch: '激光装备散热外壳采购',
		})
	).id
	reg.unverified = (
		await registerFirmRow(eventId, unverified.firm.id, 'SUPPLIER', { pitch: '散热外壳供应（未认证企业）' })
	).id
	reg.pending = (
		await registerFirmRow(eventId, pending.firm.id, 'SUPPLIER', {
			status: 'PENDING',
			pitch: '散热外壳待审核',
		})
	).id
	reg.other = (
		await registerFirmRow(otherEventId, supplier.user.firmId!, 'SUPPLIER', { pitch: '另一场的散热外壳展示' })
	).id
	reg.draft = (
		await registerFirmRow(draft.id, supplier2.user.firmId!, 'SUPPLIER', { pitch: '草稿对接会里的散热外壳' })
	).id
})

afterAll(async () => {
	await worker?.stop()
	await db?.stop()
})

describe(`event participant catalogue (${process.env.TEST_DB_KIND})`, () => {
	test('approved registrations of verified firms become searchable once the outbox drains; no matching follow-up', async () => {
		const hooked: string[] = []
		const unhook = onSearchIndexed(async (entity) => {
			hooked.push(entity)
		})
		try {
			expect(await ids()).toEqual([])
			await sync('registration', Object.values(reg))
		} finally {
			unhook()
		}
		expect(await ids()).toEqual([reg.supplier, reg.supplier2, reg.buyer].sort())
		expect(hooked).toEqual([])
		expect(await prisma.searchOutbox.count({ where: { entity: { startsWith: 'match:' } } })).toBe(0)
		expect(await prisma.searchOutbox.count({ where: { processedAt: null } })).toBe(0)
		const check = await checkIndex('registration')
		// the three here, the supplier's at the other event, and the seeded demo event's participants
		const demo = await prisma.eventRegistration.count({
			where: { event: { title: DEMO_EVENT_TITLE }, status: 'APPROVED' },
		})
		expect(demo).toBe(4)
		expect(check.database).toBe(4 + demo)
		expect({ missing: check.missing, stale: check.stale, extra: check.extra }).toEqual({
			missing: [],
			stale: [],
			extra: [],
		})
		// The other event's catalogue holds only its own participant.
		expect((await searchParticipants(otherEventId)).hits.map((h) => h.id)).toEqual([reg.other])
	})

	test('documents carry the public firm facts and listing titles, never contacts', async () => {
		const hit = (await search()).hits.find((h) => h.id === reg.supplier)!
		const firm = await prisma.firm.findUniqueOrThrow({ where: { id: supplier.user.firmId! } })
		const capability = await prisma.capability.findUniqueOrThrow({ where: { id: supplierCapabilityId } })
		expect(hit).toMatchObject({
			eventId,
			side: 'SUPPLIER',
			firmId: firm.id,
			firmName: firm.name,
			regionCode: firm.regionCode,
			area: 'XIANNING',
			listingTitles: [capability.title],
			listings: [{ kind: 'capability', id: capability.id, title: capability.title }],
		})
		const text = JSON.stringify(hit)
		expect(text).not.toContain(firm.contactPhone)
		expect(text).not.toContain(firm.contactName)
	})

	test('a Chinese query finds participants by pitch and by firm name, highlighted', async () => {
		const byPitch = await search({ q: '散热外壳' })
		expect(byPitch.hits.map((h) => h.id)).toEqual([reg.supplier])
		const pitch = splitHighlight(String(byPitch.hits[0]!._formatted?.pitch ?? ''))
		expect(pitch.some((p) => p.match && p.text.includes('散热'))).toBe(true)

		const name = (await prisma.firm.findUniqueOrThrow({ where: { id: supplier2.user.firmId! } })).name
		const byName = await search({ q: name })
		expect(byName.hits[0]?.id).toBe(reg.supplier2)
		const parts = splitHighlight(String(byName.hits[0]!._formatted?.firmName ?? ''))
		expect(parts.some((p) => p.match)).toBe(true)
		expect(parts.map((p) => p.text).join('')).toBe(name)

		// A sub-word of a compound in the pitch, found through the segmented field.
		expect((await search({ q: '配套' })).hits.map((h) => h.id)).toContain(reg.buyer)
	})

	test('facets count by side, area, cluster and chain leader; filters narrow and keep the other counts', async () => {
		const all = await search()
		expect(all.total).toBe(3)
		expect(all.facets.side).toEqual({ BUYER: 1, SUPPLIER: 2 })
		expect(all.facets.area).toEqual({ WUHAN: 1, XIANNING: 2 })
		expect(all.facets.chainLeader).toEqual({ true: 1, false: 2 })
		expect(Object.keys(all.facets.cluster).length).toBeGreaterThan(0)

		const suppliers = await search({ side: 'SUPPLIER' })
		expect(suppliers.hits.map((h) => h.id).sort()).toEqual([reg.supplier, reg.supplier2].sort())
		expect(suppliers.hits.every((h) => h.side === 'SUPPLIER')).toBe(true)
		// The side facet still shows the buyers' count while suppliers are selected (disjunctive facets).
		expect(suppliers.facets.side).toEqual({ BUYER: 1, SUPPLIER: 2 })
		expect(suppliers.facets.area).toEqual({ XIANNING: 2 })

		expect(await ids({ chainLeader: '1' })).toEqual([reg.buyer])
		expect(await ids({ area: 'WUHAN' })).toEqual([reg.buyer])
		expect(await ids({ side: 'BUYER', area: 'XIANNING' })).toEqual([])
		const [slug, count] = Object.entries(all.facets.cluster)[0]!
		expect((await search({ cluster: slug })).total).toBe(count)
		// Unknown values are ignored rather than failing the page.
		expect(await ids({ side: ['NOBODY'], area: ['MARS'] })).toHaveLength(3)
	})

	test('rejected, pending, withdrawn, unverified, draft-event and other-event registrations never appear', async () => {
		const hidden = [reg.buyer2, reg.pending, reg.unverified, reg.other, reg.draft]
		for (const q of ['', '散热外壳', '激光装备', '草稿']) {
			const found = await ids({ q })
			for (const id of hidden) expect(found).not.toContain(id)
		}
		await prisma.eventRegistration.update({ where: { id: reg.supplier2 }, data: { status: 'WITHDRAWN' } })
		await sync('registration', [reg.supplier2])
		expect(await ids()).toEqual([reg.supplier, reg.buyer].sort())
		// Approved again, it comes back; an approved rejection shows up too.
		await prisma.eventRegistration.updateMany({
			where: { id: { in: [reg.supplier2, reg.buyer2] } },
			data: { status: 'APPROVED' },
		})
		await sync('registration', [reg.supplier2, reg.buyer2])
		expect(await ids()).toEqual([reg.supplier, reg.supplier2, reg.buyer, reg.buyer2].sort())
		await prisma.eventRegistration.update({ where: { id: reg.buyer2 }, data: { status: 'REJECTED' } })
		await sync('registration', [reg.buyer2])
		expect(await ids()).not.toContain(reg.buyer2)
	})

	test('a cancelled event leaves the catalogue, a re-published one returns (enqueueEventSearchSync)', async () => {
		await prisma.$transaction(async (tx) => {
			await tx.event.update({ where: { id: otherEventId }, data: { status: 'CANCELLED' } })
			await enqueueEventSearchSync(tx, otherEventId)
		})
		await worker.drain()
		expect((await searchParticipants(otherEventId)).total).toBe(0)
		await prisma.$transaction(async (tx) => {
			await tx.event.update({ where: { id: otherEventId }, data: { status: 'PUBLISHED' } })
			await enqueueEventSearchSync(tx, otherEventId)
		})
		await worker.drain()
		expect((await searchParticipants(otherEventId)).hits.map((h) => h.id)).toEqual([reg.other])
	})

	test('a firm rename re-syncs its registrations; a listing edit re-syncs the registrations showing it', async () => {
		await prisma.firm.update({
			where: { id: supplier.user.firmId! },
			data: { name: '赤壁云帆光电散热科技有限公司' },
		})
		await sync('firm', [supplier.user.firmId!])
		const renamed = await search({ q: '云帆光电' })
		expect(renamed.hits.map((h) => h.id)).toEqual([reg.supplier])
		expect(renamed.hits[0]!.firmName).toBe('赤壁云帆光电散热科技有限公司')
		expect((await searchParticipants(otherEventId, { q: '云帆光电' })).hits.map((h) => h.id)).toEqual([
			reg.other,
		])

		await prisma.capability.update({
			where: { id: supplierCapabilityId },
			data: { title: '液冷板与均温板定制加工' },
		})
		await sync('capability', [supplierCapabilityId])
		const byTitle = await search({ q: '均温板' })
		expect(byTitle.hits.map((h) => h.id)).toEqual([reg.supplier])
		expect(byTitle.hits[0]!.listingTitles).toEqual(['液冷板与均温板定制加工'])

		// A firm that loses its verification leaves every catalogue.
		await prisma.firm.update({
			where: { id: supplier2.user.firmId! },
			data: { verificationStatus: 'PENDING' },
		})
		await sync('firm', [supplier2.user.firmId!])
		expect(await ids()).not.toContain(reg.supplier2)
		await prisma.firm.update({
			where: { id: supplier2.user.firmId! },
			data: { verificationStatus: 'VERIFIED' },
		})
		await sync('firm', [supplier2.user.firmId!])
		expect(await ids()).toContain(reg.supplier2)
		expect((await checkIndex('registration')).stale).toEqual([])
	})

	test('reindex rebuilds the catalogue from the database', async () => {
		const result = await reindex('registration')
		expect(result.documents).toBe((await checkIndex('registration')).database)
		expect(await ids()).toEqual([reg.supplier, reg.supplier2, reg.buyer].sort())
	})

	test('naughty strings survive byte-exact in the pitch and never break the search', async () => {
		const blns = JSON.parse(readFileSync(path.resolve('../shared/data/blns/blns.json'), 'utf8')) as string[]
		const pitch = wellFormedText(blns.slice(0, 200).join('\n'))
		await prisma.eventRegistration.update({ where: { id: reg.supplier2 }, data: { pitch } })
		await sync('registration', [reg.supplier2])
		const hit = (await search({ side: 'SUPPLIER' })).hits.find((h) => h.id === reg.supplier2)
		expect(hit?.pitch).toBe(pitch)
		let searched = 0
		for (const s of blns) {
			const q = ParticipantSearchSchema.safeParse({ q: s })
			if (!q.success) continue
			await expect(search(q.data)).resolves.toHaveProperty('hits')
			searched++
		}
		expect(searched).toBeGreaterThan(400)
		expect(ParticipantSearchSchema.safeParse({ q: '长'.repeat(201) }).error?.issues[0]?.message).toBe(
			'err.eventsCatalogueQueryTooLong',
		)
	}, 240_000)

	test('suggested counterparts: best pair per approved firm on the other side, with up to three reasons', async () => {
		const supplier2Capability = (await publishedCapabilities(supplier2.user.firmId!))[0]!.id
		const outsiderCapability = await prisma.capability.create({
			data: {
				firmId: outsider.firm.id,
				title: '局外企业的散热外壳',
				description: '未报名本场对接会',
				status: 'PUBLISHED',
				publishedAt: new Date(),
			},
		})
		const reasons = (list: Array<[string, string]>) => ({
			reasons: list.map(([tone, text]) => ({ kind: 'text', tone, text })),
			nextQuestion: null,
		})
		const secondDemand = (await publishedDemands(buyer.user.firmId!))[1]?.id
		await prisma.matchSuggestion.createMany({
			data: [
				{
					demandId: buyerDemandId,
					capabilityId: supplierCapabilityId,
					score: 82.4,
					reasons: reasons([
						['bad', '缺少资质：IATF 16949'],
						['good', '关键词匹配：散热、外壳'],
						['neutral', '跨集群配套'],
						['good', '同一产业链节点'],
						['good', '企业已认证'],
					]),
				},
				{
					demandId: buyerDemandId,
					capabilityId: supplier2Capability,
					score: 41,
					reasons: reasons([['neutral', '仅部分用词相近，需确认产品是否对口']]),
				},
				// Dismissed by the buyer: never suggested again, even though it scores higher.
				...(secondDemand
					? [
							{
								demandId: secondDemand,
								capabilityId: supplier2Capability,
								score: 95,
								status: 'DISMISSED' as const,
								reasons: reasons([['good', '已忽略的推荐']]),
							},
						]
					: []),
				// A firm not registered at the event.
				{
					demandId: buyerDemandId,
					capabilityId: outsiderCapability.id,
					score: 99,
					reasons: reasons([['good', '局外企业']]),
				},
			],
		})

		const forBuyer = await suggestedCounterparts(eventId, buyer.user.firmId!)
		expect(forBuyer.map((s) => [s.firmId, s.score])).toEqual([
			[supplier.user.firmId, 82],
			[supplier2.user.firmId, 41],
		])
		expect(forBuyer[0]).toMatchObject({
			side: 'SUPPLIER',
			mine: { kind: 'demand', id: buyerDemandId },
			theirs: { kind: 'capability', id: supplierCapabilityId },
			reasons: [
				{ tone: 'good', text: '关键词匹配：散热、外壳' },
				{ tone: 'good', text: '同一产业链节点' },
				{ tone: 'good', text: '企业已认证' },
			],
		})
		expect(await suggestedCounterparts(eventId, buyer.user.firmId!, 1)).toHaveLength(1)

		const forSupplier = await suggestedCounterparts(eventId, supplier.user.firmId!)
		expect(forSupplier).toHaveLength(1)
		expect(forSupplier[0]).toMatchObject({
			firmId: buyer.user.firmId,
			side: 'BUYER',
			isChainLeader: true,
			mine: { kind: 'capability', id: supplierCapabilityId },
			theirs: { kind: 'demand', id: buyerDemandId },
		})
		// Not approved here: nothing to suggest.
		expect(await suggestedCounterparts(eventId, outsider.firm.id)).toEqual([])
		expect(await suggestedCounterparts(eventId, buyer2.user.firmId!)).toEqual([])
	})

	test('the page: approved participants and bureau see it, outsiders get 404, signed-out users log in', async () => {
		const url = `/events/${eventId}/participants`
		const res = await openPage(`${url}?q=${encodeURIComponent('散热外壳')}`, buyer)
		expect(res.status).toBe(200)
		const data = (await res.json()) as {
			hits: Array<{
				id: string
				firmId: string
				side: string
				canRequest: boolean
				pitch: Array<{ match: boolean }>
			}>
			suggestions: Array<{ firmId: string; reasons: unknown[] }> | null
			mySide: string
			facets: { side: Array<{ value: string; label: string; count: number }> }
		}
		expect(data.mySide).toBe('BUYER')
		expect(data.hits.map((h) => h.id)).toEqual([reg.supplier])
		expect(data.hits[0]!.canRequest).toBe(true)
		expect(data.hits[0]!.pitch.some((p) => p.match)).toBe(true)
		expect(data.facets.side).toEqual([{ value: 'SUPPLIER', label: '供应方', count: 1 }])
		expect(data.suggestions?.map((s) => s.firmId)).toEqual([supplier.user.firmId, supplier2.user.firmId])
		expect(data.suggestions?.[0]?.reasons.length).toBe(3)

		// A supplier cannot request a meeting with another supplier, nor with itself.
		const own = (await (await openPage(url, supplier)).json()) as typeof data
		const bySide = Object.fromEntries(own.hits.map((h) => [h.id, h.canRequest]))
		expect(bySide).toEqual({ [reg.supplier]: false, [reg.supplier2]: false, [reg.buyer]: true })

		const staff = await openPage(`${url}?side=BUYER`, bureau)
		expect(staff.status).toBe(200)
		const staffData = (await staff.json()) as typeof data
		expect(staffData.hits.map((h) => h.id)).toEqual([reg.buyer])
		expect(staffData.suggestions).toBeNull()

		// Too long a query: the page answers with an error and the unfiltered catalogue.
		const long = (await (await openPage(`${url}?q=${'长'.repeat(201)}`, buyer)).json()) as typeof data & {
			inputError: string
		}
		expect(long.inputError).toBe('err.eventsCatalogueQueryTooLong')
		expect(long.hits).toHaveLength(3)

		for (const who of [outsider, buyer2]) expect((await openPage(url, who)).status).toBe(404)
		expect((await openPage(`/events/${otherEventId}/participants`, buyer)).status).toBe(404)
		expect((await openPage('/events/no-such-event/participants', bureau)).status).toBe(404)
		const anonymous = await openPage(url)
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(url)}`)
	})
})
