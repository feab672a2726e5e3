import { describe, expect, test } from 'vitest'
import { getRegion } from '../../../app/modules/firms/regions'
import { CLUSTERS, type SeedChainNode } from '../../../prisma/seed-data/clusters'
import { BUYER_FIRMS } from '../../../prisma/seed-data/firms'
import { DEMANDS } from '../../../prisma/seed-data/listings/demands'

const KEY = /^dem-[a-z0-9]+(?:-[a-z0-9]+)*$/

function flatten(nodes: SeedChainNode[]): SeedChainNode[] {
	return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])])
}

const NODE_SLUGS_BY_CLUSTER = new Map(
	CLUSTERS.map((c) => [c.slug, new Set(flatten(c.nodes).map((n) => n.slug))]),
)
const BUYER_KEYS = new Set(BUYER_FIRMS.map((f) => f.key))

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
	const counts = new Map<string, number>()
	for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
	return counts
}

describe('seed demands', () => {
	test('there are exactly 80 demands with unique kebab-case keys', () => {
		expect(DEMANDS).toHaveLength(80)
		const keys = DEMANDS.map((d) => d.key)
		expect(new Set(keys).size).toBe(keys.length)
		for (const key of keys) expect(key, key).toMatch(KEY)
	})

	test('every demand belongs to a buyer firm', () => {
		for (const d of DEMANDS) expect(BUYER_KEYS.has(d.firmKey), `${d.key}: ${d.firmKey}`).toBe(true)
	})

	test('cluster and chain-node slugs exist and agree', () => {
		for (const d of DEMANDS) {
			const nodes = NODE_SLUGS_BY_CLUSTER.get(d.clusterSlug)
			expect(nodes, `${d.key}: cluster ${d.clusterSlug}`).toBeDefined()
			expect(nodes?.has(d.chainNodeSlug), `${d.key}: node ${d.chainNodeSlug}`).toBe(true)
		}
	})

	test('delivery is to a Wuhan region', () => {
		for (const d of DEMANDS) expect(getRegion(d.deliveryRegionCode)?.area, d.key).toBe('WUHAN')
	})

	test('quantities, budgets and deadlines are sane', () => {
		for (const d of DEMANDS) {
			if (d.quantity) {
				expect(d.quantity.value, d.key).toBeGreaterThan(0)
				expect(d.quantity.unit.length, d.key).toBeGreaterThan(0)
			}
			if (d.budget) {
				expect(d.budget.min, d.key).toBeGreaterThan(0)
				expect(d.budget.max, d.key).toBeGreaterThan(0)
				expect(d.budget.min, d.key).toBeLessThanOrEqual(d.budget.max)
				expect(d.budget.unit.length, d.key).toBeGreaterThan(0)
			}
			expect(d.deadlineDays, d.key).toBeGreaterThanOrEqual(10)
			expect(d.deadlineDays, d.key).toBeLessThanOrEqual(120)
			expect(new Set(d.requiredCertifications).size, d.key).toBe(d.requiredCertifications.length)
		}
	})

	test('titles are 8–30 characters and descriptions 60–200', () => {
		for (const d of DEMANDS) {
			expect(d.title.length, `${d.key}: ${d.title}`).toBeGreaterThanOrEqual(8)
			expect(d.title.length, `${d.key}: ${d.title}`).toBeLessThanOrEqual(30)
			expect(d.description.length, `${d.key}: description`).toBeGreaterThanOrEqual(60)
			expect(d.description.length, `${d.key}: description`).toBeLessThanOrEqual(200)
		}
	})

	test('every buyer has at least 3 demands and every cluster at least 3', () => {
		const byFirm = countBy(DEMANDS, (d) => d.firmKey)
		for (const f of BUYER_FIRMS) expect(byFirm.get(f.key) ?? 0, f.key).toBeGreaterThanOrEqual(3)
		const byCluster = countBy(DEMANDS, (d) => d.clusterSlug)
		for (const c of CLUSTERS) expect(byCluster.get(c.slug) ?? 0, c.slug).toBeGreaterThanOrEqual(3)
	})

	test('most demands are published', () => {
		expect(DEMANDS.filter((d) => d.status === 'PUBLISHED').length).toBeGreaterThanOrEqual(60)
	})

	test('only chain leaders publish from the chain-leader list', () => {
		const leaders = new Set(BUYER_FIRMS.filter((f) => f.isChainLeader).map((f) => f.key))
		for (const d of DEMANDS) {
			if (d.source === 'CHAIN_LEADER_LIST') expect(leaders.has(d.firmKey), d.key).toBe(true)
		}
	})
})
