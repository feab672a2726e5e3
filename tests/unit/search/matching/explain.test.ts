import { describe, expect, test } from 'vitest'
import { parseQuantities } from '#search/matching/capacity'
import { explain, formatQuantity } from '#search/matching/explain'
import { prepareCapability, prepareDemand } from '#search/matching/features'
import { rankCapabilities } from '#search/matching/rerank'
import { capability, demand } from './fixtures'

function suggestionFor(
	overrides: Parameters<typeof capability>[0],
	demandOverrides: Parameters<typeof demand>[0] = {},
) {
	const d = prepareDemand(demand(demandOverrides))
	const c = prepareCapability(capability(overrides))
	const [s] = rankCapabilities(d, [{ prepared: c, meili: 0.9 }])
	if (!s) throw new Error('no suggestion')
	return { s, text: s.reasons.map((r) => r.text).join('\n') }
}

describe('explain', () => {
	test('an ideal supplier: matched words, certificates covered, capacity, cluster and distance — nothing to ask', () => {
		const { s, text } = suggestionFor({})
		expect(text).toContain('关键词匹配')
		expect(text).toMatch(/一体成型电感≈模压/)
		expect(text).toContain('资质已覆盖：AEC-Q200、IATF 16949')
		expect(text).toMatch(/产能可覆盖需求：供应方月3000万只，需求年800万只/)
		expect(text).toContain('同属电子信息产业集群')
		expect(text).toMatch(/距离：通城县至武汉经济技术开发区（车谷）直线约\d+公里/)
		expect(s.reasons.filter((r) => r.tone === 'bad')).toEqual([])
		expect(s.nextQuestion).toBeNull()
	})

	test('missing certificates come first in the next question', () => {
		const { s, text } = suggestionFor({
			certifications: ['ISO 9001'],
			description: '生产模压电感，月产能约3000万只。',
		})
		expect(text).toContain('缺少资质：AEC-Q200、IATF 16949')
		expect(s.nextQuestion).toBe(
			'下一步建议询问：是否持有AEC-Q200、IATF 16949或等效证书？如在办理，预计何时取得？',
		)
	})

	test('a capacity shortfall and a stated gap are reported with a question', () => {
		const { s, text } = suggestionFor({
			capacity: '月产约20万只',
			description:
				'生产模压电感，汽车级系列已完成AEC-Q200验证，工厂通过IATF 16949。扩产线预计明年投产后月产约50万只。',
		})
		expect(text).toMatch(/产能可能不足：供应方月20万只，约为需求年800万只的\d+%/)
		expect(text).toContain('供应方说明：扩产线预计明年投产后月产约50万只')
		expect(s.nextQuestion).toBe('下一步建议询问：能否保障年800万只的供货？是否有扩产或分批交付计划？')
	})

	test('an unmet numeric requirement is named with both values', () => {
		const { text } = suggestionFor({
			description: '生产模压电感，饱和电流最高8A，通过IATF 16949与AEC-Q200，月产能约3000万只。',
		})
		expect(text).toContain('饱和电流要求≥15A，供应方为8a，未达到')
	})

	test('an unknown capacity is said to be unknown and asked about', () => {
		const { s, text } = suggestionFor({
			capacity: '',
			description: '生产模压电感，通过IATF 16949与AEC-Q200。',
		})
		expect(text).toContain('无法从描述中确认产能与需求量的对应关系')
		expect(s.nextQuestion).toBe('下一步建议询问：对应年800万只的供货能力是多少？')
	})

	test('explains from features alone (no canned text): a different pair gives different reasons', () => {
		const d = prepareDemand(demand())
		const c = prepareCapability(capability())
		const [s] = rankCapabilities(d, [{ prepared: c, meili: null }])
		const again = explain(s!.features, { demand: d, capability: c })
		expect(again.reasons).toEqual(s!.reasons)
	})
})

describe('formatQuantity', () => {
	test('writes quantities the way people do', () => {
		expect(parseQuantities('年产约30万件').map(formatQuantity)).toEqual(['年30万件'])
		expect(parseQuantities('首批约4000吨').map(formatQuantity)).toEqual(['4000吨'])
		expect(parseQuantities('年上网电量约3.2亿kWh').map(formatQuantity)).toEqual(['年3.2亿kWh'])
	})
})
