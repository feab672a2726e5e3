import { describe, expect, test } from 'vitest'
import { buildConceptIndex } from '#search/matching/concepts'
import { findGapSpans, isGapClause, isInputClause } from '#search/matching/gaps'
import { distanceKm, resolveRegion } from '#search/matching/regions'
import { checkSpecs, parseFigures, parseRequirements } from '#search/matching/specs'
import { bigramTokens, containsTerm, normalizeText } from '#search/matching/text'

describe('text', () => {
	test('normalises width, case and thousands separators', () => {
		expect(normalizeText('ＩＳＯ ９００１，年产36,000㎡')).toBe('iso 9001,年产36000m2')
	})

	test('bigrams of CJK runs, latin words with their code parts', () => {
		expect(bigramTokens('软硬结合板dp780')).toEqual(['软硬', '硬结', '结合', '合板', 'dp780', 'dp', '780'])
	})

	test('latin terms need word boundaries, CJK terms do not', () => {
		expect(containsTerm('lc/sc光纤跳线', 'sc')).toBe(true)
		expect(containsTerm('scm系列', 'sc')).toBe(false)
		expect(containsTerm('刚挠结合板', '结合板')).toBe(true)
	})
})

describe('concepts', () => {
	const index = buildConceptIndex()

	test('buyer and supplier wording meet on one concept', () => {
		const [buyer] = index.find(normalizeText('采购光模块'))
		const [supplier] = index.find(normalizeText('收发一体器件代工'))
		expect(buyer?.concept.id).toBe(supplier?.concept.id)
		expect(buyer?.concept.label).toBe('光模块')
	})

	test('false friends stay apart', () => {
		const id = (text: string) => index.find(normalizeText(text)).map((h) => h.concept.id)
		expect(id('线控转向')).not.toEqual(id('电动助力转向'))
		expect(id('光刻显影液')).not.toEqual(id('CTP版显影液'))
	})
})

describe('gaps', () => {
	test.each([
		'800万像素前视模组处于开发阶段',
		'尚无量产项目',
		'环境管理体系认证正在办理中',
		'公司仅销售设备',
		'插芯需外购',
		'不对外销售整机',
	])('%s is a gap', (clause) => expect(isGapClause(clause)).toBe(true))
	test.each(['通过IATF 16949', '可在无外接电源条件下独立排水', '采用无菌冷灌装'])(
		'%s is not a gap',
		(clause) => expect(isGapClause(clause)).toBe(false),
	)
	test('a consumer’s input is not its product', () => {
		expect(isInputClause('年消耗冷轧高强钢约8万吨')).toBe(true)
		expect(isInputClause('高强度船板等钢材由船东或总包提供')).toBe(true)
		expect(isInputClause('生产冷轧高强钢')).toBe(false)
	})
	test('spans locate gap clauses in the text', () => {
		const text = normalizeText('生产软板和软硬结合板，月产能约3万片。环境管理体系认证正在办理中。')
		const { gaps, gapClauses } = findGapSpans(text)
		expect(gapClauses).toEqual(['环境管理体系认证正在办理中'])
		expect(text.slice(gaps[0]![0], gaps[0]![1])).toBe('环境管理体系认证正在办理中')
	})
})

describe('specs', () => {
	test('explicit bounds in a demand are checked against figures in the same unit', () => {
		const requirements = parseRequirements('单车排水能力≥3000m³/h，扬程≥15m，要求交货期不超过90天')
		expect(requirements.map((r) => [r.op, r.value, r.unit])).toEqual([
			['min', 3000, 'm³/h'],
			['min', 15, 'm'],
			['max', 90, '天'],
		])
		const checks = checkSpecs(requirements, parseFigures('单台流量500～1500m³/h，扬程8～25m，交货期约120天'))
		expect(checks.map((c) => [c.required, c.met])).toEqual([
			['≥3000m³/h', false],
			['≥15m', true],
			['≤90天', false],
		])
	})

	test('generic units only compare when the labels meet', () => {
		const checks = checkSpecs(parseRequirements('纯度≥99.5%，单杂≤0.1%'), parseFigures('纯度≥99.7%'))
		expect(checks).toEqual([expect.objectContaining({ label: '纯度', met: true })])
	})
})

describe('regions', () => {
	test('resolves codes, names and the usual aliases', () => {
		expect(resolveRegion('咸安区')?.code).toBe('421202')
		expect(resolveRegion('武汉东湖高新区')?.code).toBe('WH-EHTZ')
		expect(resolveRegion('光谷')?.code).toBe('WH-EHTZ')
		expect(resolveRegion('武汉经开区')?.code).toBe('WH-WEDZ')
		expect(resolveRegion('武汉江夏区')?.code).toBe('420115')
		expect(resolveRegion('XN-HTZ')?.name).toBe('咸宁高新区')
		expect(resolveRegion('上海')).toBeUndefined()
	})

	test('distance between county and district centres', () => {
		const km = distanceKm(resolveRegion('咸安区')!, resolveRegion('东湖高新区')!)
		expect(km).toBeGreaterThan(60)
		expect(km).toBeLessThan(90)
	})
})
