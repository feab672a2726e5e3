import { describe, expect, test } from 'vitest'
import { prepareDemand } from '#search/matching/features'
import { BACKGROUND_LIMIT, keyTerms, planQueries } from '#search/matching/plan'
import { segmentQuery } from '#search/segment.server'
import { demand } from './fixtures'

const optical = prepareDemand(
	demand({
		title: '400G数据中心光模块代工',
		description:
			'我司需寻找代工伙伴承接400G单模光模块组装、光路对准与出厂测试，可靠性须符合Telcordia GR-468，首年需求约6万只。',
		requiredCertifications: ['GB/T 19001', 'Telcordia GR-468'],
		quantity: '年约6万只',
	}),
)

describe('keyTerms', () => {
	test('keeps the item words, drops procurement words and bare numbers', () => {
		const terms = keyTerms(optical, segmentQuery)
		expect(terms).toContain('光模块')
		expect(terms.length).toBeLessThanOrEqual(8)
		for (const stop of ['采购', '需求', '我司', '代工', '400', '6']) expect(terms).not.toContain(stop)
	})
})

describe('planQueries', () => {
	const plan = planQueries(optical, {
		segment: segmentQuery,
		filter: ['area = "XIANNING"'],
		certifications: optical.requiredCertifications,
	})

	test('one short search per key word and per concept spelling, with the other side’s wording', () => {
		expect(plan.queries.some((q) => q.purpose === 'word:光模块' && q.q === '光模块')).toBe(true)
		const spellings = plan.expansions.find((e) => e.concept === '光模块')?.terms ?? []
		expect(spellings[0]).toBe('光模块')
		expect(spellings.length).toBeGreaterThan(1)
		for (const term of spellings) expect(plan.queries.some((q) => q.q === term)).toBe(true)
		for (const q of plan.queries) if (q.purpose !== 'background') expect(q.q.trim()).not.toBe('')
	})

	test('looks among holders of the required certifications by canonical name', () => {
		const certified = plan.queries.find((q) => q.purpose === 'certified')
		expect(certified?.filter).toContain('certificationKeys IN ["ISO 9001", "Telcordia GR-468"]')
	})

	test('every search keeps the hard filters, and a background sample feeds the statistics', () => {
		for (const q of plan.queries) expect(q.filter).toContain('area = "XIANNING"')
		const background = plan.queries.filter((q) => q.purpose === 'background')
		expect(background).toEqual([expect.objectContaining({ q: '', limit: BACKGROUND_LIMIT })])
	})

	test('never repeats a search', () => {
		const keys = plan.queries.map((q) => `${q.q}|${q.filter.join('&')}`)
		expect(new Set(keys).size).toBe(keys.length)
	})
})
