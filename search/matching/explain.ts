// Chinese reasons for a suggestion, computed from its features: matched words, cluster and chain node,
// certifications covered and missing, capacity against quantity, unmet specs, the supplier's own gap statements,
// distance and trust — plus the one question the buyer should ask next when something is missing or unknown.

import { clusterName } from './clusters'
import { type PreparedCapability, type PreparedDemand } from './features'
import { type Quantity } from './capacity'
import { type Features, type Reason } from './types'

export type Explanation = { reasons: Reason[]; nextQuestion: string | null }

const PERIOD_WORD: Readonly<Record<NonNullable<Quantity['period']>, string>> = {
	day: '日',
	week: '周',
	month: '月',
	year: '年',
}

function formatNumber(value: number): string {
	const fixed = (v: number) => String(Math.round(v * 100) / 100)
	if (value >= 1e8) return `${fixed(value / 1e8)}亿`
	if (value >= 1e4) return `${fixed(value / 1e4)}万`
	return fixed(value)
}

const BASE_UNIT: Readonly<Record<string, string>> = { kWh: 'kWh', kW: 'kW' }

/** A quantity as people write it: 月约3万片, 首批4000吨. */
export function formatQuantity(q: Quantity): string {
	const unit = BASE_UNIT[q.unit] ?? q.unit
	return `${q.period ? PERIOD_WORD[q.period] : ''}${formatNumber(q.value)}${unit}`
}

function percent(ratio: number): string {
	return `${Math.round(ratio * 100)}%`
}

function listTerms(f: Features): string {
	const shown = f.matchedTerms
		.slice()
		.sort((a, b) => Number(b.inTitle) - Number(a.inTitle))
		.slice(0, 5)
		.map((t) => (t.viaSynonym ? `${t.query}≈${t.matched}` : t.query))
	return [...new Set(shown)].join('、')
}

export function explain(
	f: Features,
	sides: { demand: PreparedDemand; capability: PreparedCapability; subject?: 'capability' | 'demand' },
): Explanation {
	const reasons: Reason[] = []
	const questions: string[] = []
	const { demand, capability } = sides

	// Text
	if (f.matchedTerms.length > 0) {
		const synonyms = f.matchedTerms.some((t) => t.viaSynonym)
		reasons.push({
			kind: 'concepts',
			tone: 'good',
			text: `关键词匹配：${listTerms(f)}${synonyms ? '（含行业同义词）' : ''}`,
		})
	} else if (f.lexical >= 0.5) {
		reasons.push({ kind: 'text', tone: 'good', text: '标题与描述用词高度相近' })
	} else {
		reasons.push({ kind: 'text', tone: 'neutral', text: '仅部分用词相近，需确认产品是否对口' })
	}
	if (f.titleCoverage >= 0.6)
		reasons.push({ kind: 'text', tone: 'good', text: '需求标题中的核心产品在供应方描述中出现' })

	// Cluster and chain node
	if (f.sameChainNode) {
		reasons.push({ kind: 'cluster', tone: 'good', text: '同一产业链节点' })
	} else if (f.sameCluster) {
		const name = clusterName(capability.clusterSlug)
		reasons.push({ kind: 'cluster', tone: 'good', text: `同属${name ?? '同一'}产业集群` })
	} else if (f.sameCluster === false && capability.clusterSlug) {
		reasons.push({
			kind: 'cluster',
			tone: 'neutral',
			text: `跨集群配套（供应方属${clusterName(capability.clusterSlug) ?? '其他'}集群）`,
		})
	}

	// Certifications
	const { required, covered, described, missing, inProgress } = f.certifications
	if (required.length > 0) {
		if (covered.length > 0) {
			reasons.push({
				kind: 'certifications',
				tone: 'good',
				text: `资质已覆盖：${covered.join('、')}（含等效认证）`,
			})
		}
		if (described.length > 0) {
			reasons.push({
				kind: 'certifications',
				tone: 'neutral',
				text: `描述中提及但未列为证书：${described.join('、')}`,
			})
			questions.push(`能否提供${described.join('、')}的证书或报告？`)
		}
		if (missing.length > 0) {
			const progress = inProgress.length > 0 ? `，其中${inProgress.join('、')}正在办理` : ''
			reasons.push({
				kind: 'certifications',
				tone: 'bad',
				text: `缺少资质：${missing.join('、')}${progress}`,
			})
			questions.push(`是否持有${missing.join('、')}或等效证书？如在办理，预计何时取得？`)
		}
	}

	// Capacity
	if (f.capacity) {
		const { ratio, need, capacity, confidence } = f.capacity
		const lot = need.period ? '' : `（按${f.capacity.days}天交付计）`
		if (ratio >= 1) {
			reasons.push({
				kind: 'capacity',
				tone: 'good',
				text: `产能可覆盖需求：供应方${formatQuantity(capacity)}，需求${formatQuantity(need)}${lot}`,
			})
		} else {
			reasons.push({
				kind: 'capacity',
				tone: 'bad',
				text: `产能可能不足：供应方${formatQuantity(capacity)}，约为需求${formatQuantity(need)}的${percent(ratio)}${lot}`,
			})
			questions.push(`能否保障${formatQuantity(need)}的供货？是否有扩产或分批交付计划？`)
		}
		if (confidence === 'low')
			reasons.push({ kind: 'capacity', tone: 'neutral', text: '产能与需求计量单位不同，比较仅供参考' })
	} else if (demand.needs.length > 0) {
		reasons.push({ kind: 'capacity', tone: 'neutral', text: '无法从描述中确认产能与需求量的对应关系' })
		questions.push(`对应${formatQuantity(demand.needs[0] as Quantity)}的供货能力是多少？`)
	}

	// Specs
	for (const spec of f.specs) {
		const label = spec.label ? `${spec.label}` : '规格'
		if (spec.met) {
			reasons.push({
				kind: 'specs',
				tone: 'good',
				text: `${label}要求${spec.required}，供应方为${spec.offered}`,
			})
		} else {
			reasons.push({
				kind: 'specs',
				tone: 'bad',
				text: `${label}要求${spec.required}，供应方为${spec.offered}，未达到`,
			})
			questions.push(`${label}能否达到${spec.required}？`)
		}
	}

	// Gaps the supplier states itself
	const gaps = [...f.gaps].sort((a, b) => Number(b.core) - Number(a.core))
	for (const gap of gaps.slice(0, 2)) {
		reasons.push({
			kind: 'gaps',
			tone: 'bad',
			text: `供应方说明：${gap.text}${gap.core ? '（涉及核心需求）' : ''}`,
		})
	}
	if (gaps[0]) questions.push(`请确认“${gaps[0].text}”目前的进展，是否影响本需求？`)

	if (f.role) reasons.push({ kind: 'role', tone: 'bad', text: f.role })

	// Distance and trust
	if (f.distanceKm !== null && demand.region && capability.region) {
		reasons.push({
			kind: 'distance',
			tone: f.distanceKm <= 150 ? 'good' : 'neutral',
			text: `距离：${capability.region.name}至${demand.region.name}直线约${f.distanceKm}公里`,
		})
	}
	if (f.verified === true) reasons.push({ kind: 'trust', tone: 'good', text: '企业已认证' })
	if (f.verified === false) reasons.push({ kind: 'trust', tone: 'bad', text: '企业尚未认证' })
	if (f.daysSinceUpdate !== null) {
		const tone = f.daysSinceUpdate <= 90 ? 'good' : 'neutral'
		reasons.push({
			kind: 'trust',
			tone,
			text: f.daysSinceUpdate <= 1 ? '近期有更新' : `${f.daysSinceUpdate}天前更新`,
		})
	}

	return { reasons, nextQuestion: questions.length > 0 ? `下一步建议询问：${questions[0]}` : null }
}
