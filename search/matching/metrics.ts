// Ranking metrics over graded judgments (qrels): nDCG@k with exponential gain 2^g − 1 (unjudged = 0), Recall@k of
// grade ≥ 2, P@1 (rank 1 holds a capability with the demand's best grade) and MRR of the first best-graded capability.

export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>

export type Metrics = { ndcg: number; recall: number; p1: number; mrr: number; queries: number }

export function parseQrels(tsv: string): Map<string, Map<string, number>> {
	const qrels = new Map<string, Map<string, number>>()
	for (const line of tsv.split('\n')) {
		const [query, doc, grade] = line.trim().split('\t')
		if (!query || !doc || grade === undefined) continue
		const judged = qrels.get(query) ?? new Map<string, number>()
		judged.set(doc, Number(grade))
		qrels.set(query, judged)
	}
	return qrels
}

const gain = (grade: number) => 2 ** grade - 1

export function queryMetrics(ranked: readonly string[], judged: ReadonlyMap<string, number>, k = 10) {
	const grades = ranked.slice(0, k).map((id) => judged.get(id) ?? 0)
	const dcg = grades.reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0)
	const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, k)
	const idcg = ideal.reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0)
	const relevant = [...judged.values()].filter((g) => g >= 2).length
	const best = Math.max(0, ...judged.values())
	const firstBest = ranked.findIndex((id) => best > 0 && judged.get(id) === best)
	return {
		ndcg: idcg > 0 ? dcg / idcg : 0,
		recall: relevant > 0 ? grades.filter((g) => g >= 2).length / relevant : 0,
		p1: best > 0 && judged.get(ranked[0] ?? '') === best ? 1 : 0,
		mrr: firstBest >= 0 ? 1 / (firstBest + 1) : 0,
	}
}

/** Mean metrics over the judged queries (a query without a ranking counts as an empty ranking). */
export function meanMetrics(rankings: ReadonlyMap<string, readonly string[]>, qrels: Qrels, k = 10): Metrics {
	const sum = { ndcg: 0, recall: 0, p1: 0, mrr: 0 }
	let queries = 0
	for (const [query, judged] of qrels) {
		const m = queryMetrics(rankings.get(query) ?? [], judged, k)
		sum.ndcg += m.ndcg
		sum.recall += m.recall
		sum.p1 += m.p1
		sum.mrr += m.mrr
		queries++
	}
	const mean = (v: number) => (queries > 0 ? v / queries : 0)
	return { ndcg: mean(sum.ndcg), recall: mean(sum.recall), p1: mean(sum.p1), mrr: mean(sum.mrr), queries }
}
