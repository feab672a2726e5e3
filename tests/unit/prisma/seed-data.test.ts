import { describe, expect, test } from 'vitest'
import { CURATED_CERTIFICATIONS } from '../../../app/modules/firms/constants'
import { getRegion } from '../../../app/modules/firms/regions'
import { isValidUscc } from '../../../app/modules/firms/uscc'
import { CLUSTERS, type SeedChainNode } from '../../../prisma/seed-data/clusters'
import { BUYER_FIRMS, SUPPLIER_FIRMS, type SeedFirm } from '../../../prisma/seed-data/firms'

// Enterprises named in the policy plan: demo data must stay fictional.
const REAL_NAMES = [
	'金盛兰',
	'顺乐',
	'维达力',
	'三赢兴',
	'瀛通',
	'三环',
	'敏实',
	'真奥',
	'稳健',
	'厚福',
	'康恩萃',
	'华润',
	'运达',
	'中港',
	'华宁',
	'平安电工',
	'海威',
	'诺赛',
	'中化学',
	'至高',
]

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const ALL_FIRMS: SeedFirm[] = [...SUPPLIER_FIRMS, ...BUYER_FIRMS]

function flatten(nodes: SeedChainNode[]): SeedChainNode[] {
	return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])])
}

const NODE_SLUGS_BY_CLUSTER = new Map(
	CLUSTERS.map((c) => [c.slug, new Set(flatten(c.nodes).map((n) => n.slug))]),
)

function expectUnique(values: string[]) {
	const dupes = values.filter((v, i) => values.indexOf(v) !== i)
	expect(dupes).toEqual([])
}

describe('seed clusters', () => {
	test('the nine clusters of the plan, in order, with unique kebab-case slugs', () => {
		expect(CLUSTERS).toHaveLength(9)
		expectUnique(CLUSTERS.map((c) => c.slug))
		expect(CLUSTERS.map((c) => c.sortOrder)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
		expect(CLUSTERS.map((c) => c.name)).toEqual([
			'低碳冶金产业集群',
			'电子信息产业集群',
			'装备制造产业集群',
			'食品饮料产业集群',
			'现代化工产业集群',
			'生物医药产业集群',
			'清洁能源产业集群',
			'新材料产业集群',
			'低空制造和检验检测服务产业集群',
		])
		for (const c of CLUSTERS) {
			expect(c.slug).toMatch(KEBAB)
			expect(c.nameEn).not.toBe('')
			expect(c.summary).not.toBe('')
		}
	})

	test.each(CLUSTERS.map((c) => [c.slug, c] as const))('%s: chain tree is well formed', (_slug, cluster) => {
		const all = flatten(cluster.nodes)
		expectUnique(all.map((n) => n.slug))
		expect(all.length).toBeGreaterThanOrEqual(8)
		expect(all.length).toBeLessThanOrEqual(16)
		for (const n of all) {
			expect(n.slug).toMatch(KEBAB)
			expect(n.name).not.toBe('')
			for (const child of n.children ?? []) expect(child.stage, `${n.slug} > ${child.slug}`).toBe(n.stage)
		}
		for (const stage of ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM'] as const) {
			const top = cluster.nodes.filter((n) => n.stage === stage)
			expect(top.length, stage).toBeGreaterThanOrEqual(1)
		}
	})
})

describe('seed firms', () => {
	test('40 suppliers and 15 buyers of the right kind', () => {
		expect(SUPPLIER_FIRMS).toHaveLength(40)
		expect(BUYER_FIRMS).toHaveLength(15)
		for (const f of SUPPLIER_FIRMS) expect(f.kind, f.key).toBe('SUPPLIER')
		for (const f of BUYER_FIRMS) expect(f.kind, f.key).toBe('BUYER')
	})

	test('keys, credit codes, names and phones are unique', () => {
		expectUnique(ALL_FIRMS.map((f) => f.key))
		expectUnique(ALL_FIRMS.map((f) => f.uscc))
		expectUnique(ALL_FIRMS.map((f) => f.name))
		expectUnique(ALL_FIRMS.map((f) => f.contactPhone))
		for (const f of ALL_FIRMS) {
			expect(f.key).toMatch(KEBAB)
			expect(f.contactPhone, f.key).toMatch(/^1390000\d{4}$/)
		}
	})

	test('every credit code is a valid 统一社会信用代码', () => {
		for (const f of ALL_FIRMS) expect(isValidUscc(f.uscc), `${f.key}: ${f.uscc}`).toBe(true)
	})

	test('suppliers sit in Xianning and buyers in Wuhan', () => {
		for (const f of SUPPLIER_FIRMS) expect(getRegion(f.regionCode)?.area, f.key).toBe('XIANNING')
		for (const f of BUYER_FIRMS) expect(getRegion(f.regionCode)?.area, f.key).toBe('WUHAN')
	})

	test('cluster and chain-node references resolve', () => {
		for (const f of ALL_FIRMS) {
			expect(f.clusterSlugs.length, f.key).toBeGreaterThanOrEqual(1)
			expect(f.clusterSlugs.length, f.key).toBeLessThanOrEqual(2)
			expectUnique(f.clusterSlugs)
			for (const slug of f.clusterSlugs)
				expect(NODE_SLUGS_BY_CLUSTER.has(slug), `${f.key}: ${slug}`).toBe(true)
			expectUnique(f.chainNodeSlugs)
			for (const node of f.chainNodeSlugs) {
				const owner = f.clusterSlugs.some((c) => NODE_SLUGS_BY_CLUSTER.get(c)?.has(node))
				expect(owner, `${f.key}: ${node}`).toBe(true)
			}
		}
	})

	test('every cluster has at least one supplier', () => {
		for (const c of CLUSTERS) {
			expect(
				SUPPLIER_FIRMS.some((f) => f.clusterSlugs.includes(c.slug)),
				c.slug,
			).toBe(true)
		}
	})

	test('at least three chain leaders', () => {
		expect(ALL_FIRMS.filter((f) => f.isChainLeader).length).toBeGreaterThanOrEqual(3)
	})

	test('certifications are mostly from the curated list', () => {
		const curated = new Set<string>(CURATED_CERTIFICATIONS)
		for (const f of ALL_FIRMS) {
			expect(f.certifications.length, f.key).toBeGreaterThanOrEqual(1)
			expectUnique(f.certifications)
			expect(f.certifications.filter((c) => !curated.has(c)).length, f.key).toBeLessThanOrEqual(1)
		}
	})

	test('no firm is named after a real enterprise from the plan', () => {
		for (const f of ALL_FIRMS) {
			for (const real of REAL_NAMES) expect(f.name.includes(real), `${f.name} contains ${real}`).toBe(false)
		}
	})
})
