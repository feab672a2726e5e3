// Gap statements in a listing: clauses where the supplier says what it does not (yet) do — 尚无量产项目, 正在导入,
// 处于试制阶段, 认证正在办理中, 仅销售设备, 需外协. Words inside such a clause are not evidence of the capability;
// when they echo the demand they are evidence of a gap, and the buyer's next question.

import { splitClauses } from './text'

const GAP_CUES: readonly RegExp[] = [
	/尚无|暂无|暂未|暂不|尚未|仍未|还未|并未|未能|无法|不能/,
	/未(?:开展|取得|通过|获得|配置|开发|立项|认证|取证|注册|按|列入|具备|建立|量产|形成)/,
	/不(?:对外|直接|单独|再)?(?:具备|具有|做|承接|销售|出售|提供|生产|负责|含|包括|支持|从事|涉及|经营|接受)|自身无|本身无/,
	/无[^，,。；;]{0,6}(?:经验|业绩|案例|能力|资质|产品线|产线|项目|资产|许可)/,
	/正在(?:导入|办理|审核|建设|中试|进行|申请|开发|研发|认证|验证|试产|扩产|筹建|评审|送样)/,
	/(?:进行中|办理中|审核中|申请中|认证中|开发中|研发中|建设中|验证中|筹备中|试产中|评审中)/,
	/在建|筹建|在研|预研|待建|规划建设/,
	/处于[^，,。；;]{0,10}阶段|试制阶段|开发阶段|研发阶段|样件阶段|小批量阶段|送样阶段/,
	/仅(?:有|完成|取得|能|限|销售|供应|为|做|承接|提供|覆盖|支持|具备)|只能|只做|只有/,
	/需外委|需外协|需外购|需委外|依赖外购|外委[^，,。；;]{0,10}完成/,
	/计划于|预计[^，,。；;]{0,8}(?:取证|投产|完成|认证|量产|通过)|尚在|有待/,
]

// Inputs, not outputs: a firm that consumes or is supplied with an item (年消耗冷轧高强钢, 钢材由船东提供) is the
// buyer's peer or customer, so the item named in such a clause is no evidence that the firm makes it.
const INPUT_CUES: readonly RegExp[] = [
	/消耗|耗用|年耗|耗钢|自购自用|选型/,
	/由(?:船东|客户|客方|甲方|业主|总包|总包方|对方|委托方|买方|需方|主机厂)[^，,。；;]{0,6}(?:提供|供应|供给|采购)/,
]

// Means of production: 拥有机器人弧焊工作站60余套, 配备40余台卧式加工中心. The firm uses these; when a buyer wants to
// buy that very thing, such a firm is a peer of the buyer, not a vendor. A count of machines marks the clause.
const MEANS_CUE =
	/(?:拥有|配备|配置|建有|自有|引进|购置|装备有)[^，,。；;]*?\d+\s*(?:余|多)?\s*(?:台|套|条|座|组|部)/

export function isMeansClause(clause: string): boolean {
	return MEANS_CUE.test(clause)
}

export function isGapClause(clause: string): boolean {
	return GAP_CUES.some((cue) => cue.test(clause))
}

export function isInputClause(clause: string): boolean {
	return INPUT_CUES.some((cue) => cue.test(clause))
}

export type TextSpans = {
	/** Character ranges [start, end) of gap and input clauses in the normalised text. */
	gaps: readonly (readonly [number, number])[]
	gapClauses: readonly string[]
	inputClauses: readonly string[]
	/** Ranges of means-of-production clauses (kept in the positive text, see isMeansClause). */
	means: readonly (readonly [number, number])[]
}

/** Locates the gap and input clauses of a normalised text (ranges refer to that same text). */
export function findGapSpans(text: string): TextSpans {
	const gaps: [number, number][] = []
	const gapClauses: string[] = []
	const inputClauses: string[] = []
	const means: [number, number][] = []
	let from = 0
	for (const clause of splitClauses(text)) {
		const at = text.indexOf(clause, from)
		if (at < 0) continue
		from = at + clause.length
		const gap = isGapClause(clause)
		if (gap || isInputClause(clause)) {
			gaps.push([at, at + clause.length])
			;(gap ? gapClauses : inputClauses).push(clause)
		} else if (isMeansClause(clause)) {
			means.push([at, at + clause.length])
		}
	}
	return { gaps, gapClauses, inputClauses, means }
}

export function inSpans(at: number, spans: TextSpans['gaps']): boolean {
	return spans.some(([start, end]) => at >= start && at < end)
}
