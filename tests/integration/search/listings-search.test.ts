import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login } from '#app/modules/auth/auth.server'
import { getSessionUserFromCookie } from '#app/modules/auth/session.server'
import { createDemand, transitionDemand } from '#app/modules/demands/demands.server'
import { createCapability, setCapabilityHidden, transitionCapability, updateCapability } from '#app/modules/listings/listings.server'
import { CapabilitySchema } from '#app/modules/listings/schemas'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD, seed } from '#prisma/seed'
import { applyAllSettings } from '#search/apply-settings.server'
import { splitHighlight } from '#search/highlight'
import { checkIndex, reindex } from '#search/maintenance.server'
import { startSearchOutboxWorker, type OutboxWorker } from '#search/outbox/worker.server'
import { ListingSearchSchema, searchCapabilities, searchDemands } from '#search/query.server'
import { capabilityInput, demandInput, rawCapabilityInput } from '#tests/factories/listings'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let worker: OutboxWorker
let supplier: FirmUser
let buyer: FirmUser
let bureau: { id: string; role: 'BUREAU' }

async function signIn(email: string) {
	const result = await login(email, DEMO_PASSWORD, {})
	if (!result.ok) throw new Error(`login failed for ${email}`)
	return (await getSessionUserFromCookie(result.setCookie.split(';')[0]!)) as FirmUser
}

const search = (params: Record<string, unknown>) => searchCapabilities(ListingSearchSchema.parse(params))

beforeAll(async () => {
	db = await setupTestDatabase()
	await applyAllSettings()
	await seed({ log: () => {} })
	worker = startSearchOutboxWorker({ pollMs: 100_000 })
	await worker.drain()
	supplier = await signIn('supplier@demo.xnwh.cn')
	buyer = await signIn('buyer@demo.xnwh.cn')
	bureau = { id: (await prisma.user.findUniqueOrThrow({ where: { email: 'bureau@demo.xnwh.cn' } })).id, role: 'BUREAU' }
})

afterAll(async () => {
	await worker?.stop()
	await db?.stop()
})

describe(`listings in search (${process.env.TEST_DB_KIND})`, () => {
	test('seeded public listings are all in the index and nothing else', async () => {
		for (const entity of ['capability', 'demand', 'firm'] as const) {
			const check = await checkIndex(entity)
			expect(check.database).toBeGreaterThan(0)
			expect({ missing: check.missing, stale: check.stale, extra: check.extra }).toEqual({ missing: [], stale: [], extra: [] })
		}
	})

	test('a published capability is found by a sub-word that Meilisearch alone misses, highlighted', async () => {
		const { id } = await createCapability(supplier, capabilityInput({ title: '待处理废钢铁预处理服务', description: '提供待处理废钢的分拣与压块。' }))
		await transitionCapability(supplier, id, 'publish')
		await worker.drain()
		const result = await search({ q: '处理' })
		const hit = result.hits.find((h) => h.id === id)
		expect(hit).toBeDefined()
		const parts = splitHighlight(String(hit!._formatted?.title ?? ''))
		expect(parts.some((p) => p.match)).toBe(true)
		expect(parts.map((p) => p.text).join('')).toBe('待处理废钢铁预处理服务')
	})

	test('a buyer’s word finds the supplier’s word through the synonym dictionary', async () => {
		const { id } = await createCapability(supplier, capabilityInput({ title: '400G 光收发器件批量供货', description: 'QSFP-DD 封装，年产 30 万只。', tags: '' }))
		await transitionCapability(supplier, id, 'publish')
		await worker.drain()
		expect((await search({ q: '光模块' })).hits.map((h) => h.id)).toContain(id)
	})

	test('drafts, archived and hidden listings never appear; the owner sees the hiding reason', async () => {
		const { id } = await createCapability(supplier, capabilityInput({ title: '草稿状态的稀有测试能力' }))
		await worker.drain()
		expect((await search({ q: '稀有测试能力' })).hits.map((h) => h.id)).not.toContain(id)
		await transitionCapability(supplier, id, 'publish')
		await worker.drain()
		expect((await search({ q: '稀有测试能力' })).hits.map((h) => h.id)).toContain(id)
		await setCapabilityHidden(bureau, id, { reason: '含有夸大宣传内容' }, { ip: '10.1.1.1' })
		await worker.drain()
		expect((await search({ q: '稀有测试能力' })).hits.map((h) => h.id)).not.toContain(id)
		const row = await prisma.capability.findUniqueOrThrow({ where: { id } })
		expect(row.hiddenReason).toBe('含有夸大宣传内容')
		expect(await prisma.auditLog.count({ where: { targetId: id, action: 'capability.hide', actorId: bureau.id } })).toBe(1)
	})

	test('an unverified firm cannot publish', async () => {
		await prisma.firm.update({ where: { id: supplier.firmId }, data: { verificationStatus: 'PENDING' } })
		try {
			const { id } = await createCapability(supplier, capabilityInput({ title: '未认证企业的能力' }))
			await expect(transitionCapability(supplier, id, 'publish')).rejects.toMatchObject({ message: 'listing.publishNeedsVerification' })
		} finally {
			await prisma.firm.update({ where: { id: supplier.firmId }, data: { verificationStatus: 'VERIFIED' } })
		}
	})

	test('facets count by cluster, chain node, region and certification; filters narrow the hits', async () => {
		const all = await search({ q: '' })
		expect(Object.keys(all.facets.cluster).length).toBeGreaterThan(3)
		expect(Object.keys(all.facets.region).length).toBeGreaterThan(3)
		const [slug, count] = Object.entries(all.facets.cluster)[0]!
		const filtered = await search({ q: '', cluster: slug })
		expect(filtered.total).toBe(count)
		expect(filtered.hits.every((h) => h.clusterSlug === slug)).toBe(true)
		// The cluster facet keeps showing the other clusters' counts while one is selected.
		expect(Object.keys(filtered.facets.cluster).length).toBe(Object.keys(all.facets.cluster).length)
		const cert = await search({ q: '', cert: 'GB/T 19001' })
		expect(cert.total).toBe(all.facets.cert['ISO 9001'])
	})

	test('demands are searchable with their own facets; closed ones leave the index', async () => {
		const { id } = await createDemand(buyer, demandInput({ title: '采购湿电子化学品电子级硫酸' }))
		await transitionDemand(buyer, id, 'publish')
		await worker.drain()
		const found = await searchDemands(ListingSearchSchema.parse({ q: '电子级化学品' }))
		expect(found.hits.map((h) => h.id)).toContain(id)
		await transitionDemand(buyer, id, 'close')
		await worker.drain()
		expect((await searchDemands(ListingSearchSchema.parse({ q: '电子级化学品' }))).hits.map((h) => h.id)).not.toContain(id)
	})

	test('reindex swaps in a complete index while searches keep answering', async () => {
		let failures = 0
		let searches = 0
		let done = false
		const loop = (async () => {
			while (!done) {
				searches++
				await search({ q: '光' }).catch(() => failures++)
			}
		})()
		const result = await reindex('capability')
		done = true
		await loop
		expect(result.documents).toBe((await checkIndex('capability')).database)
		expect(failures).toBe(0)
		expect(searches).toBeGreaterThan(0)
		expect((await checkIndex('capability')).missing).toEqual([])
	})

	test('naughty strings are stored byte-exact and never break search', async () => {
		const blns = JSON.parse(readFileSync(path.resolve('../shared/data/blns/blns.json'), 'utf8')) as string[]
		let saved = 0
		const { id } = await createCapability(supplier, capabilityInput({ title: '顽皮字符串测试' }))
		for (const s of blns) {
			const parsed = CapabilitySchema.safeParse(rawCapabilityInput({ title: [...`测试${s}`].slice(0, 60).join(''), description: s, tags: '' }))
			if (!parsed.success) continue
			await updateCapability(supplier, id, parsed.data)
			const row = await prisma.capability.findUniqueOrThrow({ where: { id } })
			expect(row.description).toBe(parsed.data.description)
			expect(row.title).toBe(parsed.data.title)
			saved++
		}
		expect(saved).toBeGreaterThan(400)
		// A lone surrogate (possible in a JSON payload) is stored as U+FFFD instead of failing.
		const broken = CapabilitySchema.parse(rawCapabilityInput({ title: '断开的\ud83d字符', description: 'x\u0000y' }))
		await updateCapability(supplier, id, broken)
		expect(await prisma.capability.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: '断开的\ufffd字符', description: 'xy' })
		for (const s of blns) {
			const q = ListingSearchSchema.safeParse({ q: s })
			if (q.success) await expect(searchCapabilities(q.data)).resolves.toHaveProperty('hits')
		}
	})
})
