// Features of a (demand, capability) pair, computed from the texts alone so the same code ranks in both directions.
// Each side is prepared once (normalised text, bigram and concept tokens, gap clauses, quantities, certifications,
// region); the lexical statistics (document frequencies, average length) come from the candidate set being ranked.

import {
	canonicalCertification,
	CERTIFICATION_EQUIVALENTS,
	certificationsCover,
	normalizeCertificationName,
} from '#search/dictionary/certifications'
import { compareCapacity, parseDeliveryWindowDays, parseQuantities, perDay, type Quantity } from './capacity'
import { resolveClusterSlug } from './clusters'
import { buildConceptIndex, type Concept, type ConceptIndex } from './concepts'
import { findGapSpans, inSpans } from './gaps'
import { distanceKm, resolveRegion } from './regions'
import { checkSpecs, parseFigures, parseRequirements, type Figure, type Requirement } from './specs'
import { bigramTokens, containsTerm, countTokens, normalizeText } from './text'
import {
	type CertificationCheck,
	type Features,
	type MatchCapability,
	type MatchDemand,
	type MatchedTerm,
} from './types'

/** Tuning of the lexical representation (weights of the score itself live in rerank.ts). */
export const TEXT_SETTINGS = {
	/** Title tokens count this many times (a title names the product or the need). */
	titleRepeat: 2,
	/** A concept token counts like this many bigrams. */
	conceptRepeat: 2,
	/** Concepts found only inside a longer concept's term (TEC inside 微型TEC) weigh this much. */
	containedConceptWeight: 0.5,
	/** Cross-cluster procurement words (代工, 交期, 质保) weigh this much in concept coverage. */
	generalConceptWeight: 0.3,
	/** Demand words that describe the buyer's own product or purpose (before 需采购) weigh this much. */
	contextWeight: 0.5,
	bm25: { k1: 1.2, b: 0.75 },
}

// Procurement boilerplate on either side: these bigrams say nothing about what is bought or made.
const STOP_BIGRAMS = new Set([
	'采购',
	'需求',
	'需采',
	'要求',
	'供应',
	'应商',
	'具备',
	'提供',
	'我司',
	'需要',
	'可以',
	'以及',
	'能力',
	'用量',
	'年需',
	'月需',
	'年用',
	'月用',
	'产能',
	'年产',
	'月产',
	'生产',
	'产品',
	'主要',
	'客户',
	'通过',
	'认证',
	'体系',
	'满足',
	'相关',
	'进行',
	'用于',
	'合作',
	'寻找',
	'寻求',
	'希望',
	'优先',
	'配套',
	'外包',
	'企业',
	'公司',
	'有限',
	'多家',
	'服务',
])

export type MatchContext = { concepts: ConceptIndex }

let defaultContext: MatchContext | undefined

/** The dictionary-backed context, built once per process. */
export function defaultMatchContext(): MatchContext {
	defaultContext ??= { concepts: buildConceptIndex() }
	return defaultContext
}

export type ConceptOccurrence = {
	concept: Concept
	/** The term as written on this side (normalised). */
	term: string
	inTitle: boolean
	/** Head-final position weight of the title occurrence (0 when not in the title). */
	titleWeight: number
	/** Only found inside a longer term of another concept. */
	contained: boolean
	/** Demand side: only found where the buyer describes its own product or purpose. */
	contextOnly: boolean
	/** Capability side: only found in means-of-production clauses (拥有…工作站60余套). */
	meansOnly: boolean
}

export type PreparedSide = {
	id: string
	title: string
	/** Normalised title + description (+ extra text). */
	text: string
	/** The text without gap clauses: what the side positively states. */
	positive: string
	gapClauses: string[]
	/** Bigram and concept tokens of the positive text (title repeated). */
	tokens: Map<string, number>
	/** The same tokens weighted for use as a query (title tokens by head-final position). */
	queryWeights: Map<string, number>
	/** Title tokens with their position weight. */
	titleTokens: Map<string, number>
	length: number
	concepts: Map<number, ConceptOccurrence>
	/** Concepts only mentioned inside gap clauses. */
	gapConcepts: Set<number>
	/** Concepts that end a part of the title (its head: 储能一体机 in 工商业储能一体机, not 光模块 in 光模块测试设备). */
	titleHeadConcepts: Set<number>
	region: ReturnType<typeof resolveRegion>
	clusterSlug: string | null
	chainNodeId: string | null
	verified: boolean | null
	updatedAt: number | null
}

export type PreparedDemand = PreparedSide & {
	kind: 'demand'
	requiredCertifications: string[]
	needs: Quantity[]
	windowDays: number | undefined
	requirements: Requirement[]
	/** Cluster inferred from the dictionary sources of the demand's concepts, when none is given. */
	inferredCluster: string | null
	/** The title asks for a machine (研磨设备, 机器人弧焊工作站, 修剪机械). */
	wantsEquipment: boolean
}

export type PreparedCapability = PreparedSide & {
	kind: 'capability'
	certifications: string[]
	capacities: Quantity[]
	/** Per gap clause: its useful bigram tokens and its quantities. */
	gapClauseTokens: string[][]
	gapClauseQuantities: Quantity[][]
	/** Rates stated in gap clauses: what is actually available now. */
	capacityLimits: Quantity[]
	figures: Figure[]
	/** Every part of the title names a service (输电线路巡检服务外包, 茶园托管与统防统治服务). */
	serviceOnly: boolean
	/** The title names a machine (研磨抛光机, 光模块老化与测试设备). */
	equipment: boolean
}

export const conceptToken = (id: number) => `§${id}`

/** Bigram tokens of a normalised text with the index where each starts. */
function positionedTokens(title: string): { token: string; at: number }[] {
	const out: { token: string; at: number }[] = []
	let from = 0
	for (const token of bigramTokens(title)) {
		if (!isUsefulToken(token)) continue
		const at = title.indexOf(token, from)
		out.push({ token, at: at < 0 ? from : at })
		if (at >= 0 && /[\u3400-\u9fff]/.test(token)) from = at + 1
	}
	return out
}

function isUsefulToken(token: string): boolean {
	return !STOP_BIGRAMS.has(token) && !/^\d{1,2}$/.test(token)
}

// Words that close a title without naming the thing: procurement and sourcing modes (面板光刻显影液采购, 单导联心电贴ODM合作).
const TITLE_TAIL = /(?:集中采购|采购|合作|项目|需求|招标|询价|外协|外包|代工|委托加工|oem|odm)+$/
// A modifier marker: in 晶圆湿法清洗用超高纯硫酸 and 激光器TOSA配套微型TEC what comes before it only qualifies the head.
const MODIFIER_MARK = /用|配套|专用|适用/g

/**
 * Weight of a title position. Chinese noun phrases are head-final: the product comes last (ADAS前视摄像头模组,
 * 输电线路巡检无人机), so weight rises from 0.5 at the start to 1.5 at the end of the title proper; text before a
 * modifier marker counts 0.6 of that, and a closing word such as 采购 counts 0.5.
 */
export function titlePositionWeights(title: string): (at: number) => number {
	const proper = title.replace(TITLE_TAIL, '')
	const length = Math.max(1, proper.length)
	let lastMark = -1
	for (const m of proper.matchAll(MODIFIER_MARK))
		if ((m.index ?? 0) > 0 && (m.index ?? 0) + m[0].length < proper.length) lastMark = m.index ?? 0
	return (at: number) => {
		if (at >= proper.length) return 0.5
		const base = 0.5 + Math.min(1, (at + 1) / length)
		return at < lastMark ? base * 0.6 : base
	}
}

// The verb that introduces what a demand buys: what precedes it in the sentence is the buyer's own product or
// purpose (白车身B柱加强板与门槛件需采购…, 承接电网输电线路巡检业务，需采购…), not the item.
const PURCHASE_VERB = /(?:需|需要|拟|计划|将)[^，,。；;]{0,6}?(?:采购|配套|导入|购买|购置)/

/** Ranges [start, end) of a demand text that describe the buyer's context rather than the item. */
export function demandContextSpans(text: string, from: number): [number, number][] {
	const spans: [number, number][] = []
	let sentenceStart = from
	for (const sentence of text.slice(from).split(/(?<=[。；;!?！？])/)) {
		const m = PURCHASE_VERB.exec(sentence)
		if (m && (m.index ?? 0) > 0) spans.push([sentenceStart, sentenceStart + (m.index ?? 0)])
		sentenceStart += sentence.length
	}
	return spans
}

/** Extra tokens that make unit spellings meet: 800万像素 ↔ 8MP. */
function unitAliasTokens(text: string): string[] {
	const out: string[] = []
	for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*万像素/g)) out.push(`${Number(m[1]) / 100}mp`)
	for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*mp(?![a-z])/g)) out.push(`${Number(m[1])}mp`)
	return out
}

/** Weight of a word or concept that a listing only names inside a gap clause. */
const GAP_EVIDENCE = 0.35

function prepareSide(
	input: {
		id: string
		title: string
		body: string
		region?: string | null
		cluster?: string | null
		chainNodeId?: string | null
		verified?: boolean | null
		updatedAt?: number | null
	},
	role: 'demand' | 'capability',
	context: MatchContext,
) {
	const title = normalizeText(input.title)
	const text = `${title}。${normalizeText(input.body)}`
	const spans =
		role === 'capability' ? findGapSpans(text) : { gaps: [], gapClauses: [], inputClauses: [], means: [] }
	const contextSpans = role === 'demand' ? demandContextSpans(text, title.length + 1) : []
	let positive = text
	for (const [start, end] of [...spans.gaps].reverse())
		positive = `${positive.slice(0, start)}${'，'.repeat(end - start)}${positive.slice(end)}`

	const position = titlePositionWeights(title)
	const hits = context.concepts.find(text)
	const concepts = new Map<number, ConceptOccurrence>()
	const gapConcepts = new Set<number>()
	const inGap = new Set<number>()
	const outOfGap = new Set<number>()
	const outOfMeans = new Set<number>()
	const outOfContext = new Set<number>()
	for (const hit of hits) {
		const end = hit.at + hit.term.length
		const contained = hits.some(
			(other) =>
				other !== hit &&
				other.concept.id !== hit.concept.id &&
				other.at <= hit.at &&
				other.at + other.term.length >= end &&
				other.term.length > hit.term.length,
		)
		if (inSpans(hit.at, spans.gaps)) {
			inGap.add(hit.concept.id)
			continue
		}
		outOfGap.add(hit.concept.id)
		if (!inSpans(hit.at, spans.means)) outOfMeans.add(hit.concept.id)
		const inTitle = hit.at < title.length
		if (inTitle || !inSpans(hit.at, contextSpans)) outOfContext.add(hit.concept.id)
		const titleWeight = inTitle ? position(Math.min(title.length, end) - 1) : 0
		const previous = concepts.get(hit.concept.id)
		if (!previous || (inTitle && !previous.inTitle) || (previous.contained && !contained)) {
			concepts.set(hit.concept.id, {
				concept: hit.concept,
				term: previous?.inTitle && !inTitle ? previous.term : hit.term,
				inTitle: inTitle || (previous?.inTitle ?? false),
				titleWeight: Math.max(titleWeight, previous?.titleWeight ?? 0),
				contained: contained && (previous?.contained ?? true),
				contextOnly: false,
				meansOnly: false,
			})
		} else if (titleWeight > previous.titleWeight) {
			previous.titleWeight = titleWeight
		}
	}
	for (const id of inGap) if (!outOfGap.has(id)) gapConcepts.add(id)
	const titleHeadConcepts = new Set<number>()
	for (const hit of hits) {
		const end = hit.at + hit.term.length
		if (end <= title.length && /^(?:$|[与及和、/：:(（])/.test(title.slice(end, end + 1)))
			titleHeadConcepts.add(hit.concept.id)
	}
	for (const [id, occurrence] of concepts) {
		occurrence.contextOnly = !outOfContext.has(id)
		occurrence.meansOnly = !outOfMeans.has(id)
	}

	const titleTokens = bigramTokens(title).filter(isUsefulToken)
	const body = positive.slice(title.length)
	const bodyTokens = [...bigramTokens(body).filter(isUsefulToken), ...unitAliasTokens(text)]
	const all = [...bodyTokens]
	for (let i = 0; i < TEXT_SETTINGS.titleRepeat; i++) all.push(...titleTokens)
	const queryWeights = new Map<string, number>()
	const add = (token: string, weight: number) =>
		queryWeights.set(token, (queryWeights.get(token) ?? 0) + weight)
	for (const { token, at } of positionedTokens(body))
		add(token, inSpans(at + title.length, contextSpans) ? TEXT_SETTINGS.contextWeight : 1)
	for (const token of unitAliasTokens(text)) add(token, 1)
	const titleWeights = new Map<string, number>()
	for (const { token, at } of positionedTokens(title)) {
		const weight = position(at)
		add(token, TEXT_SETTINGS.titleRepeat * weight)
		titleWeights.set(token, Math.max(weight, titleWeights.get(token) ?? 0))
	}
	for (const occurrence of concepts.values()) {
		const token = conceptToken(occurrence.concept.id)
		const repeat = TEXT_SETTINGS.conceptRepeat * (occurrence.inTitle ? TEXT_SETTINGS.titleRepeat : 1)
		for (let i = 0; i < repeat; i++) all.push(token)
		const factor =
			(occurrence.contained ? TEXT_SETTINGS.containedConceptWeight : 1) *
			(occurrence.contextOnly ? TEXT_SETTINGS.contextWeight : 1)
		add(
			token,
			TEXT_SETTINGS.conceptRepeat *
				(occurrence.inTitle ? TEXT_SETTINGS.titleRepeat * occurrence.titleWeight : 1) *
				factor,
		)
		if (occurrence.inTitle) titleWeights.set(token, occurrence.titleWeight * factor)
	}

	const tokens = countTokens(all)
	// What a gap clause names is weak evidence: the supplier works on it (线控转向处于预研阶段) but does not offer it yet.
	const weak = (token: string, weight: number) => tokens.set(token, (tokens.get(token) ?? 0) + weight)
	for (const clause of spans.gapClauses)
		for (const token of bigramTokens(clause).filter(isUsefulToken)) weak(token, GAP_EVIDENCE)
	for (const id of gapConcepts) weak(conceptToken(id), GAP_EVIDENCE * TEXT_SETTINGS.conceptRepeat)

	return {
		id: input.id,
		title,
		text,
		positive,
		gapClauses: [...spans.gapClauses],
		tokens,
		queryWeights,
		titleTokens: titleWeights,
		length: all.length,
		concepts,
		gapConcepts,
		titleHeadConcepts,
		region: resolveRegion(input.region),
		clusterSlug: resolveClusterSlug(input.cluster),
		chainNodeId: input.chainNodeId ?? null,
		verified: input.verified ?? null,
		updatedAt: input.updatedAt ?? null,
	}
}

function inferCluster(concepts: Map<number, ConceptOccurrence>): string | null {
	const votes = new Map<string, number>()
	for (const { concept, inTitle, contained } of concepts.values()) {
		const sources = concept.sources.filter((s) => s !== 'general')
		for (const source of sources) {
			const vote = ((inTitle ? 2 : 1) * (contained ? 0.5 : 1)) / sources.length
			votes.set(source, (votes.get(source) ?? 0) + vote)
		}
	}
	let best: string | null = null
	let bestVote = 0
	for (const [slug, vote] of votes) if (vote > bestVote) [best, bestVote] = [slug, vote]
	return best
}

export function prepareDemand(
	demand: MatchDemand,
	context: MatchContext = defaultMatchContext(),
): PreparedDemand {
	const side = prepareSide({ ...demand, body: demand.description }, 'demand', context)
	const stated = parseQuantities(demand.description)
	// A structured quantity (800万只) has no period; the description usually says it (年用量约800万只).
	const needs = parseQuantities(demand.quantity).map((need) => {
		if (need.period) return need
		const same = stated.find(
			(q) => q.period && q.unit === need.unit && Math.abs(q.value - need.value) <= need.value * 0.01,
		)
		return same ? { ...need, period: same.period } : need
	})
	return {
		...side,
		kind: 'demand',
		requiredCertifications: demand.requiredCertifications
			.filter((c) => c.trim() !== '')
			.map(canonicalCertification),
		needs: needs.length > 0 ? needs : stated,
		windowDays: parseDeliveryWindowDays(demand.description) ?? undefined,
		requirements: parseRequirements(demand.description),
		inferredCluster: side.clusterSlug ?? inferCluster(side.concepts),
		wantsEquipment: isEquipmentTitle(side.title),
	}
}

export function prepareCapability(
	capability: MatchCapability,
	context: MatchContext = defaultMatchContext(),
): PreparedCapability {
	const side = prepareSide(
		{ ...capability, body: [capability.description, capability.extraText ?? ''].filter(Boolean).join('。') },
		'capability',
		context,
	)
	const capacities = parseQuantities(capability.capacity)
	return {
		...side,
		kind: 'capability',
		certifications: capability.certifications.filter((c) => c.trim() !== ''),
		capacities: capacities.length > 0 ? capacities : parseQuantities(side.positive.slice(side.title.length)),
		gapClauseTokens: side.gapClauses.map((clause) => bigramTokens(clause).filter(isUsefulToken)),
		gapClauseQuantities: side.gapClauses.map((clause) => parseQuantities(clause)),
		capacityLimits: parseQuantities(side.gapClauses.join('；')).filter((q) => q.period !== null),
		figures: parseFigures(side.positive),
		serviceOnly: isServiceTitle(side.title),
		equipment: isEquipmentTitle(side.title),
	}
}

const SERVICE_SUFFIX = /(?:服务|服务外包|外包|代理|咨询|施工|工程|托管|运维|租赁)$/

/** Whether every part of a title (split at 与/及/和/、) names a service rather than a product. */
export function isServiceTitle(title: string): boolean {
	const parts = title
		.replace(/\([^)]*\)/g, '')
		.split(/[与及和、/]/)
		.map((p) => p.trim())
		.filter(Boolean)
	return parts.length > 0 && parts.every((p) => SERVICE_SUFFIX.test(p))
}

const EQUIPMENT_SUFFIX =
	/(?:设备|装备|机床|母机|加工中心|车削中心|生产线|产线|工作站|装置|机组|机械|磨床|车床|铣床|[^人飞电手耳主]机)$/

/** Whether a part of the title (split at 与/及/和/、/：) names a machine (研磨抛光机, 老化与测试设备). */
export function isEquipmentTitle(title: string): boolean {
	return title
		.replace(/\([^)]*\)/g, '')
		.replace(/(?:集中采购|采购|外协|外包|项目)+$/, '')
		.split(/[与及和、/：:]/)
		.some((p) => EQUIPMENT_SUFFIX.test(p.trim()))
}

const PRODUCT_FAMILIES = new Set(['count', 'mass'])

/**
 * Another kind of supplier than the demand needs: a service provider for a purchase of counted goods (20套无人机),
 * or a maker of machines for a demand that buys a product or material (光模块老化与测试设备 for 光模块代工).
 */
function roleMismatch(demand: PreparedDemand, capability: PreparedCapability): string | null {
	// When the listing's title ends in what the demand asks for (工商业储能一体机 for 储能项目), it is that thing.
	if ([...capability.titleHeadConcepts].some((id) => demand.concepts.get(id)?.inTitle)) return null
	if (
		capability.serviceOnly &&
		demand.needs.length > 0 &&
		demand.needs.every((q) => PRODUCT_FAMILIES.has(q.family))
	) {
		return '供应方提供的是服务，需求为实物采购'
	}
	if (capability.equipment && !demand.wantsEquipment) return '供应方提供的是设备，需求为产品、材料或服务'
	return null
}

export type CorpusStats = {
	documents: number
	averageLength: number
	df: Map<string, number>
	/** Memo of idf by token. */
	idf: Map<string, number>
	/** Memo of per-demand sums (the idf-weighted title mass), by demand id. */
	titleMass: Map<string, number>
}

/** Document frequencies and average length over the candidates being ranked. */
export function corpusStats(sides: readonly PreparedSide[]): CorpusStats {
	const df = new Map<string, number>()
	let total = 0
	for (const side of sides) {
		total += side.length
		for (const token of side.tokens.keys()) df.set(token, (df.get(token) ?? 0) + 1)
	}
	return {
		documents: sides.length,
		averageLength: sides.length ? total / sides.length : 1,
		df,
		idf: new Map(),
		titleMass: new Map(),
	}
}

export function idf(stats: CorpusStats, token: string): number {
	let value = stats.idf.get(token)
	if (value === undefined) {
		const n = stats.df.get(token) ?? 0
		value = Math.log(1 + (stats.documents - n + 0.5) / (n + 0.5))
		stats.idf.set(token, value)
	}
	return value
}

/** Sum of idf × position weight over the demand's title tokens. */
function titleMass(demand: PreparedDemand, stats: CorpusStats): number {
	let total = stats.titleMass.get(demand.id)
	if (total === undefined) {
		total = 0
		for (const [token, weight] of demand.titleTokens) total += idf(stats, token) * weight
		stats.titleMass.set(demand.id, total)
	}
	return total
}

/**
 * Tokens that must not count for this pair: a concept the demand's title asks for that the capability only names as
 * its own equipment (拥有机器人弧焊工作站60余套) — the firm uses it, it does not sell it.
 */
export function pairExclusions(demand: PreparedDemand, capability: PreparedCapability): Set<string> {
	const excluded = new Set<string>()
	for (const [id, occurrence] of capability.concepts) {
		if (occurrence.meansOnly && demand.concepts.get(id)?.inTitle) excluded.add(conceptToken(id))
	}
	return excluded
}

/** Okapi BM25 of the query side's tokens against one candidate. */
export function bm25(
	query: PreparedSide,
	doc: PreparedSide,
	stats: CorpusStats,
	excluded?: ReadonlySet<string>,
): number {
	const { k1, b } = TEXT_SETTINGS.bm25
	const norm = k1 * (1 - b + (b * doc.length) / Math.max(stats.averageLength, 1))
	let score = 0
	for (const [token, weight] of query.queryWeights) {
		const tf = doc.tokens.get(token)
		if (!tf || excluded?.has(token)) continue
		score += idf(stats, token) * ((tf * (k1 + 1)) / (tf + norm)) * Math.sqrt(weight)
	}
	return score
}

function conceptWeight(occurrence: ConceptOccurrence, stats: CorpusStats): number {
	const general =
		occurrence.concept.sources.length > 0 && occurrence.concept.sources.every((s) => s === 'general')
	return (
		idf(stats, conceptToken(occurrence.concept.id)) *
		(occurrence.inTitle ? 2 * occurrence.titleWeight : 1) *
		(occurrence.contained ? TEXT_SETTINGS.containedConceptWeight : 1) *
		(occurrence.contextOnly ? TEXT_SETTINGS.contextWeight : 1) *
		(general ? TEXT_SETTINGS.generalConceptWeight : 1)
	)
}

/** Share of the demand's concepts (idf-weighted) the capability states, and the matched terms. */
function conceptMatch(
	demand: PreparedDemand,
	capability: PreparedCapability,
	stats: CorpusStats,
	display: (term: string) => string,
) {
	let total = 0
	let found = 0
	const matched: MatchedTerm[] = []
	for (const occurrence of demand.concepts.values()) {
		const weight = conceptWeight(occurrence, stats)
		total += weight
		const other = capability.concepts.get(occurrence.concept.id)
		if (!other && capability.gapConcepts.has(occurrence.concept.id)) found += GAP_EVIDENCE * weight
		if (!other || (other.meansOnly && occurrence.inTitle)) continue
		found += weight
		matched.push({
			query: display(occurrence.term),
			matched: display(other.term),
			viaSynonym: other.term !== occurrence.term,
			inTitle: occurrence.inTitle,
		})
	}
	return { coverage: total > 0 ? found / total : 0, matched }
}

/** Share of the demand title's tokens (bigrams and concepts, idf-weighted) found in the capability. */
function titleCoverage(demand: PreparedDemand, capability: PreparedCapability, stats: CorpusStats): number {
	let total = 0
	let found = 0
	const excluded = pairExclusions(demand, capability)
	for (const [token, position] of demand.titleTokens) {
		const weight = idf(stats, token) * position
		total += weight
		if (capability.tokens.has(token) && !excluded.has(token)) found += weight
	}
	return total > 0 ? found / total : 0
}

const CERT_WORDS =
	/认证|认可|体系|取证|许可|资质|注册|考核|船级社|aec|gr-468|telcordia|iso|iatf|gmp|haccp|sc|ul|ce\b/

/** Idf mass of shared words that makes a gap clause concern the demand (about one distinctive bigram). */
export const GAP_RELEVANCE_IDF = 2

/** Share of the demand title's weight a gap clause must carry to be a gap in the core need. */
export const CORE_GAP_SHARE = 0.25

/**
 * Gap clauses of the capability that concern the demand: shared concepts, distinctive shared words, a certificate,
 * or a quantity in the unit of the demand's need. A gap is core when it names what the demand's title asks for (多芯预端接光纤跳线处于小批量试产阶段).
 */
function relevantGaps(
	demand: PreparedDemand,
	capability: PreparedCapability,
	stats: CorpusStats,
): Features['gaps'] {
	const out: Features['gaps'] = []
	if (capability.gapClauses.length === 0) return out
	const titleTotal = titleMass(demand, stats)
	capability.gapClauses.forEach((clause, i) => {
		const conceptIds = [...demand.concepts.keys()].filter((id) => clauseHasConcept(clause, demand, id))
		const clauseTokens = new Set([...(capability.gapClauseTokens[i] ?? []), ...conceptIds.map(conceptToken)])
		let mass = 0
		for (const token of clauseTokens)
			if (demand.tokens.has(token) && !token.startsWith('§')) mass += idf(stats, token)
		let titleShare = 0
		for (const [token, weight] of demand.titleTokens)
			if (clauseTokens.has(token)) titleShare += idf(stats, token) * weight
		const core = titleTotal > 0 && titleShare / titleTotal >= CORE_GAP_SHARE
		const statesCapacity = (capability.gapClauseQuantities[i] ?? []).some((q) =>
			demand.needs.some((need) => need.family === q.family),
		)
		const substantive = core || statesCapacity || conceptIds.length > 0 || mass >= GAP_RELEVANCE_IDF
		const certification = !substantive && demand.requiredCertifications.length > 0 && CERT_WORDS.test(clause)
		if (substantive || certification) out.push({ text: clause, core, certification })
	})
	return out
}

function clauseHasConcept(clause: string, demand: PreparedDemand, id: number): boolean {
	const occurrence = demand.concepts.get(id)
	return occurrence ? occurrence.concept.terms.some((term) => clause.includes(term)) : false
}

// Certificate names safe to look for in running text: with a number (ISO 9001, AEC-Q100, GR-468) or a long Chinese
// name (危险化学品安全生产许可证). Short codes (SC, CE, UL, ABS) also mean connectors, markings or plastics.
const NAMES_IN_TEXT: ReadonlyMap<string, readonly string[]> = (() => {
	const map = new Map<string, string[]>()
	for (const group of CERTIFICATION_EQUIVALENTS) {
		const canonical = canonicalCertification(group[0] as string)
		const names = group
			.map((name) => normalizeText(normalizeCertificationName(name)))
			.filter((name) => /\d/.test(name) || (name.match(/[\u4e00-\u9fff]/g) ?? []).length >= 4)
		if (names.length > 0) map.set(canonical, names)
	}
	return map
})()

const COVER_CACHE = new Map<string, ReturnType<typeof certificationsCover>>()

/** certificationsCover, memoised: the same requirement and holding recur across candidates and demands. */
function coverCached(required: readonly string[], held: readonly string[]) {
	const key = `${required.join('\u0001')}\u0000${held.join('\u0001')}`
	let result = COVER_CACHE.get(key)
	if (!result) {
		if (COVER_CACHE.size >= 10_000) COVER_CACHE.clear()
		result = certificationsCover(required, held)
		COVER_CACHE.set(key, result)
	}
	return { covered: [...result.covered], missing: [...result.missing] }
}

export function certificationCheck(
	demand: PreparedDemand,
	capability: PreparedCapability,
): CertificationCheck {
	const { covered, missing: unlisted } = coverCached(demand.requiredCertifications, capability.certifications)
	// A requirement the listing does not hold but states positively (可配合客户开展AEC-Q100考核) counts as described.
	const described = unlisted.filter((name) =>
		(NAMES_IN_TEXT.get(name) ?? []).some((alias) => containsTerm(capability.positive, alias)),
	)
	const missing = unlisted.filter((name) => !described.includes(name))
	const gapText = capability.gapClauses.join('；').replace(/\s+/g, '')
	const inProgress = missing.filter((name) => {
		const key = name.toLowerCase().replace(/\s+/g, '')
		return (
			gapText.includes(key) ||
			(/16949/.test(key) && /汽车.*(体系|认证)/.test(gapText)) ||
			(/14001/.test(key) && /环境.*(体系|认证)/.test(gapText))
		)
	})
	return { required: [...demand.requiredCertifications], covered, described, missing, inProgress }
}

/**
 * Capacity statements of the listing, where a limit stated in a gap clause (近两个月每月仅能新增排产约600吨)
 * replaces the nominal capacity of the same unit family.
 */
function effectiveCapacities(capability: PreparedCapability): Quantity[] {
	const limits = capability.capacityLimits
	return capability.capacities.map((capacity) => {
		const limit = limits.find(
			(l) => l.family === capacity.family && (perDay(l) ?? Infinity) < (perDay(capacity) ?? 0),
		)
		return limit ?? capacity
	})
}

export type PairContext = {
	stats: CorpusStats
	lexicalMax: number
	/** Milliseconds since the epoch, for recency. */
	now?: number
	/** The side being suggested: its firm's verification and its recency are reported. */
	subject?: 'capability' | 'demand'
	/** Display spelling of dictionary terms (the default context's when absent). */
	display?: (term: string) => string
}

/** All features of one pair; `lexical` is the raw BM25 divided by the best BM25 among the candidates. */
export function pairFeatures(
	demand: PreparedDemand,
	capability: PreparedCapability,
	lexicalRaw: number,
	meili: number | null,
	context: PairContext,
): Features {
	const { stats } = context
	const concepts = conceptMatch(
		demand,
		capability,
		stats,
		context.display ?? defaultMatchContext().concepts.display,
	)
	const distance = demand.region && capability.region ? distanceKm(demand.region, capability.region) : null
	const demandCluster = demand.clusterSlug ?? demand.inferredCluster
	const subject = context.subject === 'demand' ? demand : capability
	const updatedAt = subject.updatedAt
	return {
		lexical: context.lexicalMax > 0 ? lexicalRaw / context.lexicalMax : 0,
		meili,
		conceptCoverage: concepts.coverage,
		titleCoverage: titleCoverage(demand, capability, stats),
		matchedTerms: concepts.matched,
		gaps: relevantGaps(demand, capability, stats),
		certifications: certificationCheck(demand, capability),
		capacity: compareCapacity(demand.needs, effectiveCapacities(capability), demand.windowDays),
		role: roleMismatch(demand, capability),
		specs: checkSpecs(demand.requirements, capability.figures),
		distanceKm: distance === null ? null : Math.round(distance),
		sameCluster: demandCluster && capability.clusterSlug ? demandCluster === capability.clusterSlug : null,
		sameChainNode:
			demand.chainNodeId && capability.chainNodeId ? demand.chainNodeId === capability.chainNodeId : null,
		verified: subject.verified,
		daysSinceUpdate:
			updatedAt && context.now ? Math.max(0, Math.floor((context.now / 1000 - updatedAt) / 86_400)) : null,
	}
}
