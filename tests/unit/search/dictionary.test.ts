import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict'
import { describe, expect, test } from 'vitest'
import {
	canonicalCertification,
	CERTIFICATION_EQUIVALENTS,
	CERTIFICATION_IMPLIES,
	certificationsCover,
} from '#search/dictionary/certifications'
import {
	ALL_SYNONYM_GROUPS,
	MEILISEARCH_MAX_SYNONYMS_PER_TERM,
	meilisearchSynonyms,
	mergeSynonymGroups,
	normalizeTerm,
	SYNONYMS_BY_SOURCE,
} from '#search/dictionary/index'
import { INDUSTRY_TERMS, isJiebaWord, JIEBA_USER_FREQ, jiebaUserDict } from '#search/dictionary/terms'
import { CLUSTERS } from '#prisma/seed-data/clusters'

const SOURCES = Object.entries(SYNONYMS_BY_SOURCE)
const HAN = /\p{Script=Han}/u

/** Terms that occur in more than one group of the list, with the indexes of those groups. */
function sharedTerms(groups: readonly (readonly string[])[]): Map<string, number[]> {
	const where = new Map<string, number[]>()
	groups.forEach((group, i) => {
		for (const key of new Set(group.map(normalizeTerm))) where.set(key, [...(where.get(key) ?? []), i])
	})
	return new Map([...where].filter(([, indexes]) => indexes.length > 1))
}

// Terms that may legitimately sit in two groups, which then merge into one set of equivalents. Empty today: add a
// term here (with the reason) only when the merged group is still made of true equivalents.
const INTENDED_SHARED_TERMS: ReadonlySet<string> = new Set([])

// Category words too broad to be anyone's synonym on their own.
const TOO_BROAD = [
	'材料',
	'设备',
	'产品',
	'服务',
	'加工',
	'系统',
	'模块',
	'器件',
	'配件',
	'零件',
	'化学品',
	'电子',
	'机械',
	'技术',
]

describe('synonym files', () => {
	test('there is one file per cluster of clusters.ts, plus general', () => {
		expect(Object.keys(SYNONYMS_BY_SOURCE).sort()).toEqual([...CLUSTERS.map((c) => c.slug), 'general'].sort())
	})

	test.each(SOURCES)('%s has 15–40 groups of at least two terms', (_source, groups) => {
		expect(groups.length).toBeGreaterThanOrEqual(15)
		expect(groups.length).toBeLessThanOrEqual(40)
		for (const group of groups) expect(group.length, group.join(' | ')).toBeGreaterThanOrEqual(2)
	})

	test.each(SOURCES)('%s has no empty, padded or duplicate terms inside a group', (_source, groups) => {
		for (const group of groups) {
			for (const term of group) {
				expect(term.trim(), `empty term in ${group.join(' | ')}`).not.toBe('')
				expect(term, 'padded term').toBe(term.trim())
				expect(term, 'double space').not.toMatch(/\s{2}/)
			}
			const keys = group.map(normalizeTerm)
			const duplicates = keys.filter((key, i) => keys.indexOf(key) !== i)
			expect(duplicates, group.join(' | ')).toEqual([])
		}
	})

	test.each(SOURCES)('%s puts no term in two groups (they would merge)', (_source, groups) => {
		const unintended = [...sharedTerms(groups).keys()].filter((term) => !INTENDED_SHARED_TERMS.has(term))
		expect(unintended).toEqual([])
	})

	test('no term is shared between groups of different files either', () => {
		const all = SOURCES.flatMap(([, groups]) => groups)
		const unintended = [...sharedTerms(all).keys()].filter((term) => !INTENDED_SHARED_TERMS.has(term))
		expect(unintended).toEqual([])
	})

	test('no group contains a bare category word', () => {
		const broad = SOURCES.flatMap(([, groups]) => groups.flat()).filter((term) => TOO_BROAD.includes(term))
		expect(broad).toEqual([])
	})

	test('CJK terms contain no whitespace (a jieba word cannot)', () => {
		const spaced = SOURCES.flatMap(([, groups]) => groups.flat()).filter((t) => HAN.test(t) && /\s/.test(t))
		expect(spaced).toEqual([])
	})

	test('known false friends stay apart', () => {
		const merged = mergeSynonymGroups(ALL_SYNONYM_GROUPS)
		const together = (a: string, b: string) =>
			merged.some((terms) => terms.includes(normalizeTerm(a)) && terms.includes(normalizeTerm(b)))
		expect(together('光模块', '光收发一体模块')).toBe(true)
		expect(together('线控转向', 'SBW')).toBe(true)
		expect(together('软硬结合板', 'R-FPC')).toBe(true)
		expect(together('DP780', 'CR420/780DP')).toBe(true)
		expect(together('线控转向', '电动助力转向')).toBe(false)
		expect(together('光刻显影液', 'CTP版显影液')).toBe(false)
		expect(together('电池托盘', '物流托盘')).toBe(false)
		expect(together('绿电', '火电')).toBe(false)
		expect(together('光伏', '光通信元器件')).toBe(false)
		expect(together('微型TEC', 'TEC')).toBe(false)
		expect(together('双面研磨机', '双端面研磨机')).toBe(false)
		expect(together('DP780', 'DP980')).toBe(false)
		expect(together('G5级电子硫酸', '电子级硫酸')).toBe(false)
		expect(together('来图加工', '来料加工')).toBe(false)
		expect(together('钣金', '冲压')).toBe(false)
	})
})

describe('ALL_SYNONYM_GROUPS', () => {
	test('holds every group of every file, once', () => {
		const all = ALL_SYNONYM_GROUPS.map((group) => new Set(group.map(normalizeTerm)))
		for (const [source, groups] of SOURCES) {
			for (const group of groups) {
				const keys = group.map(normalizeTerm)
				expect(
					all.some((terms) => keys.every((key) => terms.has(key))),
					`${source}: ${group.join(' | ')}`,
				).toBe(true)
			}
		}
	})

	test('has no repeated group and no repeated term inside a group', () => {
		const signatures = ALL_SYNONYM_GROUPS.map((group) => group.map(normalizeTerm).sort().join('\u0000'))
		expect(new Set(signatures).size).toBe(signatures.length)
		for (const group of ALL_SYNONYM_GROUPS) expect(new Set(group.map(normalizeTerm)).size).toBe(group.length)
	})
})

describe('meilisearchSynonyms', () => {
	const synonyms = meilisearchSynonyms()

	test('is symmetric and never maps a term to itself', () => {
		for (const [term, others] of Object.entries(synonyms)) {
			expect(others, term).not.toContain(term)
			expect(others.length, term).toBeGreaterThan(0)
			for (const other of others) expect(synonyms[other], `${term} → ${other}`).toContain(term)
		}
	})

	test('lowercases latin, sorts keys and values, and is stable', () => {
		const keys = Object.keys(synonyms)
		expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
		for (const [term, others] of Object.entries(synonyms)) {
			expect(term).toBe(term.toLowerCase())
			expect(others).toEqual([...others].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
			expect(new Set(others).size).toBe(others.length)
			for (const other of others) expect(other).toBe(other.toLowerCase())
		}
		expect(meilisearchSynonyms()).toEqual(synonyms)
		expect(synonyms['sbw']).toEqual(['steer-by-wire', '线控转向', '线控转向系统'])
		expect(synonyms['光模块']).toContain('光收发器件')
		expect(synonyms['光收发器件']).toContain('光模块')
	})

	test('merges groups that share a term', () => {
		expect(
			meilisearchSynonyms([
				['A', 'b'],
				['B', 'c'],
				['x', 'Y'],
			]),
		).toEqual({
			a: ['b', 'c'],
			b: ['a', 'c'],
			c: ['a', 'b'],
			x: ['y'],
			y: ['x'],
		})
		expect(meilisearchSynonyms([['ＳＢＷ', 'sbw', ' 线控转向 ']])).toEqual({
			sbw: ['线控转向'],
			线控转向: ['sbw'],
		})
		expect(meilisearchSynonyms([['solo']])).toEqual({})
	})

	test('stays under the number of synonyms Meilisearch expands per term', () => {
		for (const [term, others] of Object.entries(synonyms)) {
			expect(others.length, term).toBeLessThan(MEILISEARCH_MAX_SYNONYMS_PER_TERM)
		}
	})
})

describe('certifications', () => {
	test.each([
		['iso9001', 'ISO 9001'],
		['ＩＳＯ ９００１', 'ISO 9001'],
		['ISO-9001:2015', 'ISO 9001'],
		['ISO 9001', 'ISO 9001'],
		['GB/T 19001', 'ISO 9001'],
		['GB/T 19001-2016', 'ISO 9001'],
		['GB/T19001—2016', 'ISO 9001'],
		['ISO9001认证', 'ISO 9001'],
		['YY/T 0287-2017', 'ISO 13485'],
		['iso 13485:2016', 'ISO 13485'],
		['GB/T 24001', 'ISO 14001'],
		['OHSAS 18001', 'ISO 45001'],
		['GB/T 45001-2020', 'ISO 45001'],
		['ISO/TS 16949', 'IATF 16949'],
		['iatf16949', 'IATF 16949'],
		['GB/T 22080', 'ISO/IEC 27001'],
		['iso 27001', 'ISO/IEC 27001'],
		['药品GMP', 'GMP'],
		['GB/T 27341', 'HACCP'],
		['GB/T 22000', 'ISO 22000'],
		['FSSC 22000', 'FSSC 22000'],
		['3C', 'CCC'],
		['中国强制性产品认证', 'CCC'],
		['GB/T 26572', 'RoHS'],
		['rohs', 'RoHS'],
		['aec-q100', 'AEC-Q100'],
		['GR-468-CORE', 'Telcordia GR-468'],
		['医疗器械注册证(二类)', '医疗器械注册证（二类）'],
		['第二类医疗器械注册证', '医疗器械注册证（二类）'],
		['CNAS认可', 'CNAS'],
	])('canonicalCertification(%j) is %j', (name, canonical) => {
		expect(canonicalCertification(name)).toBe(canonical)
	})

	test('returns unknown names normalised', () => {
		expect(canonicalCertification('  ｅｎ１０９０－２ ')).toBe('EN 1090-2')
		expect(canonicalCertification('gb 50205-2020')).toBe('GB 50205')
		expect(canonicalCertification('Some  Cert')).toBe('Some Cert')
	})

	test('the first name of every group is its own canonical name, and no name is in two groups', () => {
		for (const group of CERTIFICATION_EQUIVALENTS) {
			for (const name of group) expect(canonicalCertification(name), name).toBe(group[0])
		}
		for (const [holder, covered] of CERTIFICATION_IMPLIES) {
			expect(canonicalCertification(holder)).toBe(holder)
			expect(canonicalCertification(covered)).toBe(covered)
		}
	})

	test('certificationsCover counts equivalents', () => {
		expect(certificationsCover(['ISO 9001', 'AEC-Q100'], ['GB/T 19001'])).toEqual({
			covered: ['ISO 9001'],
			missing: ['AEC-Q100'],
		})
		expect(certificationsCover(['ISO 13485'], ['YY/T 0287-2017'])).toEqual({
			covered: ['ISO 13485'],
			missing: [],
		})
		expect(certificationsCover(['iso9001', 'GB/T 19001', ''], [])).toEqual({
			covered: [],
			missing: ['ISO 9001'],
		})
		expect(certificationsCover([], ['ISO 9001'])).toEqual({ covered: [], missing: [] })
		expect(certificationsCover(['AEC-Q100'], ['AEC-Q200'])).toEqual({ covered: [], missing: ['AEC-Q100'] })
	})

	test('certificationsCover applies one-way coverage, never the reverse', () => {
		expect(certificationsCover(['ISO 22000', 'HACCP'], ['FSSC 22000']).missing).toEqual([])
		expect(certificationsCover(['FSSC 22000'], ['ISO 22000', 'HACCP']).missing).toEqual(['FSSC 22000'])
		expect(certificationsCover(['钢结构制造一级资质'], ['钢结构制造特级资质']).missing).toEqual([])
		expect(certificationsCover(['钢结构制造特级资质'], ['钢结构制造一级资质']).missing).toEqual([
			'钢结构制造特级资质',
		])
		expect(certificationsCover(['ISO 9001'], ['IATF 16949']).covered).toEqual(['ISO 9001'])
		expect(certificationsCover(['IATF 16949'], ['ISO 9001']).missing).toEqual(['IATF 16949'])
	})
})

describe('INDUSTRY_TERMS and the jieba user dictionary', () => {
	test('has 300+ unique multi-character terms', () => {
		expect(INDUSTRY_TERMS.length).toBeGreaterThanOrEqual(300)
		expect(new Set(INDUSTRY_TERMS).size).toBe(INDUSTRY_TERMS.length)
		for (const term of INDUSTRY_TERMS) {
			expect([...term].length, term).toBeGreaterThanOrEqual(2)
			expect(term, term).toBe(term.trim())
		}
	})

	test('covers every multi-character CJK term of the synonym groups', () => {
		const terms = new Set(INDUSTRY_TERMS)
		const missing = SOURCES.flatMap(([, groups]) => groups.flat()).filter(
			(term) => HAN.test(term) && [...term].length >= 2 && !terms.has(term),
		)
		expect(missing).toEqual([])
	})

	test('covers the terms of the plan that jieba splits', () => {
		for (const term of [
			'光模块',
			'光收发器件',
			'湿电子化学品',
			'车规级',
			'线控转向',
			'新型显示模组',
			'芯片封装测试',
			'废钢铁',
			'铝基材',
			'青砖茶',
			'无人机飞控',
		]) {
			expect(INDUSTRY_TERMS, term).toContain(term)
		}
	})

	test('jiebaUserDict is one `word freq` line per term jieba can keep whole', () => {
		const text = jiebaUserDict()
		expect(text.endsWith('\n')).toBe(true)
		const lines = text.trimEnd().split('\n')
		expect(lines).toContain(`光模块 ${JIEBA_USER_FREQ}`)
		for (const line of lines) expect(line).toMatch(/^\S+ \d+$/)
		expect(lines.map((line) => line.split(' ')[0])).toEqual(INDUSTRY_TERMS.filter(isJiebaWord))
		expect(jiebaUserDict(500).split('\n')[0]).toMatch(/ 500$/)
		expect(() => jiebaUserDict(0)).toThrow()
	})

	const plain = Jieba.withDict(dict)
	const withUserDict = Jieba.withDict(dict)
	withUserDict.loadDict(Buffer.from(jiebaUserDict()))

	test('the default dictionary splits the terms, the user dictionary keeps them whole', () => {
		const sentence = '采购光收发器件和车规级芯片，湿电子化学品'
		expect(plain.cut(sentence, false)).not.toContain('光收发器件')
		expect(plain.cut(sentence, false)).not.toContain('车规级')
		for (const hmm of [false, true]) {
			const words = withUserDict.cut(sentence, hmm)
			expect(words).toContain('光收发器件')
			expect(words).toContain('车规级')
			expect(words).toContain('湿电子化学品')
		}
		expect(withUserDict.cut('采购光收发器件和车规级芯片', false)).toEqual([
			'采购',
			'光收发器件',
			'和',
			'车规级',
			'芯片',
		])
		expect(withUserDict.cutForSearch('湿电子化学品', false)).toContain('湿电子化学品')
	})

	test('every user-dictionary word comes out of jieba as one token', () => {
		const split = INDUSTRY_TERMS.filter(isJiebaWord).filter(
			(term) => withUserDict.cut(term, false).length !== 1,
		)
		expect(split).toEqual([])
	})
})
