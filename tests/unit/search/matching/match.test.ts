import { describe, expect, test } from 'vitest'
import { capabilityRowFromDataset, demandFromDataset } from '#search/matching/dataset'
import { buildCapabilityDocument } from '#search/documents/capability'
import {
	capabilityFromDocument,
	matchCapability,
	matchDemand,
	type SearchFn,
} from '#search/matching/match.server'

const row = (id: string, title: string, description: string, certifications: string[], capacity: string) =>
	capabilityRowFromDataset({
		id,
		firm: `${id}公司`,
		county: '咸安区',
		cluster: '电子信息',
		title,
		description,
		certifications,
		capacity,
		moq: '',
	})

const documents = [
	buildCapabilityDocument(
		row(
			'c1',
			'模压合金粉芯电感（汽车级）',
			'汽车级模压电感，已完成AEC-Q200验证，工厂通过IATF 16949。',
			['IATF 16949', 'AEC-Q200'],
			'月产约3000万只',
		),
		(t) => t,
	),
	buildCapabilityDocument(
		row(
			'c2',
			'一体成型电感（消费电子）',
			'手机用一体成型电感。车规系列AEC-Q200试验进行中。',
			['ISO 9001'],
			'月产约1500万只',
		),
		(t) => t,
	),
	buildCapabilityDocument(row('c3', '速溶茶粉', '生产速溶茶粉。', ['SC'], '年产约1200吨'), (t) => t),
]

// why: the matcher's contract with Meilisearch is one multi-search; a stub returning fixed hits (the background
// search gets every document) keeps this a unit test of the plan → re-rank path.
function stubSearch(calls: { queries: number }[]): SearchFn {
	return async (queries) => {
		calls.push({ queries: queries.length })
		return queries.map((q) => ({
			hits: (q.q === '' ? documents : documents.filter((d) => d.id !== 'c3')).map((d, i) => ({
				...d,
				_rankingScore: 1 - i * 0.1,
			})),
		}))
	}
}

describe('matchDemand', () => {
	test('runs the plan as one multi-search and returns explained suggestions, best first', async () => {
		const calls: { queries: number }[] = []
		const demand = demandFromDataset({
			id: 'd1',
			buyer: '武汉某公司',
			region: '武汉经开区',
			title: '车规一体成型电感采购',
			description:
				'车载电源需采购一体成型功率电感，须通过AEC-Q200，供应商需具备IATF 16949，年用量约800万只。',
			requiredCertifications: ['AEC-Q200', 'IATF 16949'],
			quantity: '年约800万只',
		})
		const result = await matchDemand(demand, { search: stubSearch(calls), indexUid: 'caps', k: 5 })
		expect(calls).toEqual([{ queries: result.plan.queries.length }])
		expect(result.candidates).toBe(2)
		expect(result.suggestions.map((s) => s.id)).toEqual(['c1', 'c2'])
		expect(result.suggestions[0]?.reasons.length).toBeGreaterThan(0)
		expect(result.suggestions[1]?.nextQuestion).toMatch(/^下一步建议询问：/)
	})
})

describe('matchCapability', () => {
	test('filters to open demands and ranks them with the same features', async () => {
		const seen: string[][] = []
		const demandDoc = {
			id: 'd1',
			title: '车规一体成型电感采购',
			description: '需采购一体成型功率电感，须通过AEC-Q200，年用量约800万只。',
			requiredCertifications: ['AEC-Q200'],
			quantityValue: 800,
			quantityUnit: '万只',
			regionCode: 'WH-WEDZ',
		}
		const search: SearchFn = async (queries) => {
			seen.push(queries.map((q) => String(q.filter ?? '')))
			return queries.map(() => ({ hits: [{ ...demandDoc, _rankingScore: 0.9 }] }))
		}
		const capability = capabilityFromDocument(documents[0]!)
		const result = await matchCapability(capability, {
			search,
			indexUid: 'demands',
			now: Date.UTC(2026, 10, 1),
		})
		expect(seen[0]?.every((f) => f.includes('deadline IS NULL OR deadline >='))).toBe(true)
		expect(result.suggestions.map((s) => s.id)).toEqual(['d1'])
		expect(result.suggestions[0]?.features.certifications.covered).toEqual(['AEC-Q200'])
	})
})

describe('documents', () => {
	test('a relevance-set listing becomes the app’s document, and back, without losing what the matcher needs', () => {
		const doc = documents[0]!
		expect(doc).toMatchObject({
			regionCode: '421202',
			clusterSlug: 'electronics',
			capacityUnit: '只',
			capacityPeriod: 'MONTH',
		})
		const back = capabilityFromDocument(doc)
		expect(back.capacity).toContain('月产约3000万只')
		expect(back.certifications).toEqual(['IATF 16949', 'AEC-Q200'])
		expect(back.region).toBe('421202')
	})
})
