import { describe, expect, test } from 'vitest'
import { prepareCapability, prepareDemand, type PreparedCapability } from '#search/matching/features'
import { DEFAULT_WEIGHTS, rankCapabilities, rankDemands, scoreFeatures } from '#search/matching/rerank'
import { type Features } from '#search/matching/types'
import { capability, demand } from './fixtures'

const candidates = (list: PreparedCapability[]) => list.map((prepared) => ({ prepared, meili: null }))

const ideal = prepareCapability(capability())
const nearMiss = prepareCapability(
	capability({
		id: 'near',
		title: '一体成型电感（消费电子）',
		description:
			'主营手机、笔电电源用一体成型电感，月产能约1500万只。车规系列AEC-Q200试验进行中，汽车质量体系预计年内取证。',
		certifications: ['ISO 9001', 'RoHS'],
		capacity: '月产约1500万只',
	}),
)
const upstream = prepareCapability(
	capability({
		id: 'core',
		title: '锰锌铁氧体磁芯',
		description: '生产EE、PQ铁氧体磁芯，供开关电源变压器和共模电感厂商使用，年产约8000吨。',
		certifications: ['ISO 9001'],
		capacity: '年产约8000吨',
	}),
)
const machine = prepareCapability(
	capability({
		id: 'machine',
		title: '一体成型电感自动成型机',
		description: '制造一体成型电感的全自动成型设备与测试设备，年产设备约200台。',
		certifications: ['ISO 9001', 'CE'],
		capacity: '年产约200台',
	}),
)
const unrelated = prepareCapability(
	capability({
		id: 'tea',
		title: '速溶茶粉与固体饮料',
		description: '生产速溶乌龙茶粉和红茶粉，年产约1200吨。',
		certifications: ['SC'],
		capacity: '年产约1200吨',
		cluster: '食品饮料',
	}),
)

describe('rankCapabilities', () => {
	const d = prepareDemand(demand())
	const ranked = rankCapabilities(d, candidates([unrelated, machine, upstream, nearMiss, ideal]))

	test('puts the ideal supplier first and its near miss (gaps, missing certificates) second', () => {
		expect(ranked.map((s) => s.id).slice(0, 2)).toEqual(['c1', 'near'])
	})

	test('ranks the maker of machines and the unrelated listing last', () => {
		const at = (id: string) => ranked.findIndex((s) => s.id === id)
		expect(at('machine')).toBeGreaterThan(at('near'))
		expect(at('tea')).toBe(ranked.length - 1)
		expect(ranked.find((s) => s.id === 'machine')?.features.role).toMatch(/设备/)
	})

	test('keeps at most k suggestions, with scores between 0 and 100 and parts that add up', () => {
		const top = rankCapabilities(d, candidates([unrelated, machine, upstream, nearMiss, ideal]), { k: 3 })
		expect(top).toHaveLength(3)
		for (const s of top) {
			expect(s.score).toBeGreaterThanOrEqual(0)
			expect(s.score).toBeLessThanOrEqual(100)
			const sum = Object.values(s.parts).reduce((a, b) => a + b, 0)
			expect(sum).toBeCloseTo(s.score, 0)
		}
	})

	test('the near miss carries its gaps and missing certificates as features', () => {
		const near = ranked.find((s) => s.id === 'near')
		expect(near?.features.certifications.missing).toEqual(['AEC-Q200', 'IATF 16949'])
		expect(near?.features.gaps.length).toBeGreaterThan(0)
		expect(near?.parts.certifications).toBeLessThan(0)
	})

	test('capacity below the quantity ranks an otherwise equal supplier lower', () => {
		const small = prepareCapability(
			capability({
				id: 'small',
				capacity: '月产约10万只',
				description: capability().description.replace('月产能约3000万只', '月产能约10万只'),
			}),
		)
		const order = rankCapabilities(d, candidates([small, ideal])).map((s) => s.id)
		expect(order).toEqual(['c1', 'small'])
		const check = rankCapabilities(d, candidates([small])).at(0)?.features.capacity
		expect(check?.ratio).toBeLessThan(0.2)
	})

	test('synonyms match across wordings: 光模块 meets 收发一体器件', () => {
		const buyer = prepareDemand(
			demand({
				title: '400G光模块代工',
				description: '需寻找代工伙伴承接400G单模光模块组装与测试，年约6万只。',
				requiredCertifications: [],
				quantity: '年约6万只',
			}),
		)
		const supplier = prepareCapability(
			capability({
				id: 'trx',
				title: '高速收发一体器件OEM',
				description: '承接QSFP-DD收发一体器件代工，月产能约1.5万只。',
				certifications: [],
			}),
		)
		const [top] = rankCapabilities(buyer, candidates([unrelated, supplier]))
		expect(top?.id).toBe('trx')
		expect(top?.features.matchedTerms).toContainEqual(
			expect.objectContaining({ query: '光模块', viaSynonym: true }),
		)
	})
})

describe('scoreFeatures', () => {
	const base: Features = {
		lexical: 1,
		meili: 1,
		conceptCoverage: 1,
		titleCoverage: 1,
		matchedTerms: [],
		gaps: [],
		certifications: {
			required: ['ISO 9001'],
			covered: ['ISO 9001'],
			described: [],
			missing: [],
			inProgress: [],
		},
		capacity: null,
		role: null,
		specs: [],
		distanceKm: null,
		sameCluster: true,
		sameChainNode: null,
		verified: null,
		daysSinceUpdate: null,
	}

	test('a perfect pair scores 100', () => {
		expect(scoreFeatures(base).score).toBeCloseTo(100)
	})

	test('each missing fact removes its share, a core gap more than a peripheral one', () => {
		const missing = scoreFeatures({
			...base,
			certifications: { ...base.certifications, covered: [], missing: ['ISO 9001'] },
		})
		expect(missing.score).toBeCloseTo(100 * (1 - DEFAULT_WEIGHTS.certificationMissing))
		expect(missing.parts.certifications).toBeCloseTo(-100 * DEFAULT_WEIGHTS.certificationMissing)
		const core = scoreFeatures({
			...base,
			gaps: [{ text: '处于试制阶段', core: true, certification: false }],
		}).score
		const peripheral = scoreFeatures({
			...base,
			gaps: [{ text: '涂装外委', core: false, certification: false }],
		}).score
		expect(core).toBeLessThan(peripheral)
		expect(peripheral).toBeLessThan(100)
	})

	test('unknown capacity and distance are neutral; distance and staleness cost a little', () => {
		expect(scoreFeatures({ ...base, capacity: null, distanceKm: null }).score).toBeCloseTo(100)
		const far = scoreFeatures({ ...base, distanceKm: 200 }).score
		expect(far).toBeLessThan(100)
		expect(far).toBeGreaterThan(90)
		expect(scoreFeatures({ ...base, daysSinceUpdate: 400 }).parts.trust).toBeLessThan(0)
	})
})

describe('rankDemands (capability → open demands)', () => {
	test('uses the same features in the other direction', () => {
		const inductorDemand = prepareDemand(demand())
		const teaDemand = prepareDemand(
			demand({
				id: 'd2',
				title: '新式茶饮门店茶底原料',
				description: '我司门店需采购浓缩茶汤与速溶茶粉，月用量约60吨，须持SC许可。',
				requiredCertifications: ['SC'],
				quantity: '月约60吨',
			}),
		)
		const ranked = rankDemands(ideal, [
			{ prepared: teaDemand, meili: null },
			{ prepared: inductorDemand, meili: null },
		])
		expect(ranked.map((s) => s.id)).toEqual(['d1', 'd2'])
		expect(ranked[0]?.features.certifications.covered).toEqual(['AEC-Q200', 'IATF 16949'])
	})
})
