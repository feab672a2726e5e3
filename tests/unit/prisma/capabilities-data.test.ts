import { describe, expect, test } from 'vitest'
import { CLUSTERS, type SeedChainNode } from '../../../prisma/seed-data/clusters'
import { SUPPLIER_FIRMS } from '../../../prisma/seed-data/firms'
import { CAPABILITIES } from '../../../prisma/seed-data/listings/capabilities'

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

// Enterprises named in the policy plan: demo listings must stay fictional.
const REAL_NAMES = ['金盛兰', '顺乐', '维达力', '三赢兴', '瀛通', '三环', '敏实', '真奥', '稳健', '厚福']

function flatten(nodes: SeedChainNode[]): SeedChainNode[] {
	return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])])
}

const NODE_SLUGS_BY_CLUSTER = new Map(
	CLUSTERS.map((c) => [c.slug, new Set(flatten(c.nodes).map((n) => n.slug))]),
)
const FIRMS_BY_KEY = new Map(SUPPLIER_FIRMS.map((f) => [f.key, f]))

/** Length in characters (code points), not UTF-16 units. */
const len = (s: string) => [...s].length

function expectUnique(values: string[]) {
	const dupes = values.filter((v, i) => values.indexOf(v) !== i)
	expect(dupes).toEqual([])
}

function countBy(values: string[]): Map<string, number> {
	const counts = new Map<string, number>()
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
	return counts
}

describe('seed capabilities', () => {
	test('exactly 150 listings with unique kebab-case keys starting with cap-', () => {
		expect(CAPABILITIES).toHaveLength(150)
		expectUnique(CAPABILITIES.map((c) => c.key))
		for (const c of CAPABILITIES) {
			expect(c.key, c.key).toMatch(KEBAB)
			expect(c.key.startsWith('cap-'), c.key).toBe(true)
		}
	})

	test('titles are unique per firm', () => {
		for (const firm of SUPPLIER_FIRMS) {
			expectUnique(CAPABILITIES.filter((c) => c.firmKey === firm.key).map((c) => c.title))
		}
	})

	test('every listing belongs to a supplier, in one of its clusters, on a node of that cluster', () => {
		for (const c of CAPABILITIES) {
			const firm = FIRMS_BY_KEY.get(c.firmKey)
			expect(firm, `${c.key}: unknown supplier ${c.firmKey}`).toBeDefined()
			expect(firm!.clusterSlugs, `${c.key}: cluster`).toContain(c.clusterSlug)
			const nodes = NODE_SLUGS_BY_CLUSTER.get(c.clusterSlug)
			expect(nodes, `${c.key}: unknown cluster ${c.clusterSlug}`).toBeDefined()
			expect(nodes!.has(c.chainNodeSlug), `${c.key}: node ${c.chainNodeSlug}`).toBe(true)
		}
	})

	test('certifications are a subset of the firm’s', () => {
		for (const c of CAPABILITIES) {
			const firm = FIRMS_BY_KEY.get(c.firmKey)!
			for (const cert of c.certifications) expect(firm.certifications, `${c.key}: ${cert}`).toContain(cert)
			expectUnique(c.certifications)
		}
	})

	test('title 8–30 and description 60–200 characters, with 2–6 tags and specs', () => {
		for (const c of CAPABILITIES) {
			expect(len(c.title), `${c.key}: title "${c.title}"`).toBeGreaterThanOrEqual(8)
			expect(len(c.title), `${c.key}: title "${c.title}"`).toBeLessThanOrEqual(30)
			expect(len(c.description), `${c.key}: description`).toBeGreaterThanOrEqual(60)
			expect(len(c.description), `${c.key}: description`).toBeLessThanOrEqual(200)
			expect(c.tags.length, `${c.key}: tags`).toBeGreaterThanOrEqual(2)
			expect(c.tags.length, `${c.key}: tags`).toBeLessThanOrEqual(6)
			expectUnique(c.tags)
			expect(c.specs.length, `${c.key}: specs`).toBeGreaterThanOrEqual(2)
			expect(c.specs.length, `${c.key}: specs`).toBeLessThanOrEqual(6)
			for (const s of c.specs) {
				expect(s.key.trim(), `${c.key}: spec key`).not.toBe('')
				expect(s.value.trim(), `${c.key}: spec value`).not.toBe('')
			}
		}
	})

	test('quantities are positive and price ranges ordered', () => {
		for (const c of CAPABILITIES) {
			if (c.capacity) {
				expect(c.capacity.value, `${c.key}: capacity`).toBeGreaterThan(0)
				expect(c.capacity.unit, `${c.key}: capacity unit`).not.toBe('')
			}
			if (c.moq) {
				expect(c.moq.value, `${c.key}: moq`).toBeGreaterThan(0)
				expect(c.moq.unit, `${c.key}: moq unit`).not.toBe('')
			}
			if (c.leadTimeDays !== null) {
				expect(Number.isInteger(c.leadTimeDays), `${c.key}: lead time`).toBe(true)
				expect(c.leadTimeDays, `${c.key}: lead time`).toBeGreaterThan(0)
			}
			if (c.price) {
				expect(c.price.min, `${c.key}: price.min`).toBeGreaterThan(0)
				expect(c.price.min, `${c.key}: price range`).toBeLessThanOrEqual(c.price.max)
				expect(c.price.unit, `${c.key}: price unit`).not.toBe('')
			}
		}
	})

	test('every supplier has 2–6 listings and every cluster at least 5', () => {
		const byFirm = countBy(CAPABILITIES.map((c) => c.firmKey))
		for (const firm of SUPPLIER_FIRMS) {
			const n = byFirm.get(firm.key) ?? 0
			expect(n, firm.key).toBeGreaterThanOrEqual(2)
			expect(n, firm.key).toBeLessThanOrEqual(6)
		}
		const byCluster = countBy(CAPABILITIES.map((c) => c.clusterSlug))
		for (const cluster of CLUSTERS) {
			expect(byCluster.get(cluster.slug) ?? 0, cluster.slug).toBeGreaterThanOrEqual(5)
		}
	})

	test('about 90% published, the rest drafts', () => {
		const drafts = CAPABILITIES.filter((c) => c.status === 'DRAFT').length
		expect(drafts).toBeGreaterThanOrEqual(8)
		expect(drafts).toBeLessThanOrEqual(23)
	})

	test('no enterprise named in the policy plan appears', () => {
		for (const c of CAPABILITIES) {
			const text = [c.title, c.description, ...c.tags, ...c.specs.map((s) => s.value)].join(' ')
			for (const name of REAL_NAMES) expect(text.includes(name), `${c.key}: ${name}`).toBe(false)
		}
	})
})
