import { describe, expect, test } from 'vitest'
import { meanMetrics, parseQrels, queryMetrics } from '#search/matching/metrics'

const judged = new Map([
	['a', 3],
	['b', 2],
	['c', 1],
])

describe('queryMetrics', () => {
	test('the ideal order scores 1 everywhere', () => {
		expect(queryMetrics(['a', 'b', 'c'], judged)).toEqual({ ndcg: 1, recall: 1, p1: 1, mrr: 1 })
	})

	test('uses the exponential gain 2^g − 1 and the best grade for P@1 and MRR', () => {
		const m = queryMetrics(['x', 'b', 'a'], judged)
		const dcg = 3 / Math.log2(3) + 7 / Math.log2(4)
		const idcg = 7 + 3 / Math.log2(3) + 1 / Math.log2(4)
		expect(m.ndcg).toBeCloseTo(dcg / idcg)
		expect(m.p1).toBe(0)
		expect(m.mrr).toBeCloseTo(1 / 3)
		expect(m.recall).toBe(1)
	})

	test('recall counts grade ≥ 2 within the cut-off', () => {
		expect(queryMetrics(['a', 'c'], judged, 10).recall).toBe(0.5)
	})
})

describe('meanMetrics', () => {
	test('averages over the judged queries; a missing ranking counts as empty', () => {
		const qrels = parseQrels('q1\ta\t3\nq1\tb\t2\nq2\tz\t2\n')
		const m = meanMetrics(new Map([['q1', ['a', 'b']]]), qrels)
		expect(m).toMatchObject({ queries: 2, ndcg: 0.5, p1: 0.5, mrr: 0.5, recall: 0.5 })
	})
})
