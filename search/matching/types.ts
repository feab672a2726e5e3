// The matcher's contract. MatchCapability and MatchDemand are what the re-ranker needs from either side, whatever
// stored it (search documents in the app, JSON Lines in the evaluation); Suggestion is what it returns.

import type { CapacityCheck } from './capacity'

export type MatchCapability = {
	id: string
	title: string
	description: string
	certifications: readonly string[]
	/** Capacity as free text (年产约30万件) or rendered from structured fields. */
	capacity: string
	moq?: string
	/** Extra searchable text: tags, specs. */
	extraText?: string
	/** Region code or name of the firm (咸安区, XN-HTZ). */
	region?: string | null
	/** Cluster slug or name. */
	cluster?: string | null
	chainNodeId?: string | null
	chainNodeName?: string | null
	firmId?: string | null
	firmName?: string | null
	/** Null when unknown (the evaluation files do not say). */
	verified?: boolean | null
	/** Unix seconds of the last update. */
	updatedAt?: number | null
}

export type MatchDemand = {
	id: string
	title: string
	description: string
	requiredCertifications: readonly string[]
	/** Quantity as free text (年约12万套, 首批约4000吨). */
	quantity: string
	/** Region code or name of the delivery place (武汉东湖高新区, WH-EHTZ). */
	region?: string | null
	cluster?: string | null
	chainNodeId?: string | null
	chainNodeName?: string | null
	firmId?: string | null
	firmName?: string | null
	verified?: boolean | null
	updatedAt?: number | null
}

export type MatchedTerm = {
	/** The concept or word on the query side (光模块). */
	query: string
	/** How the other side writes it (收发一体器件), equal to query for a literal match. */
	matched: string
	/** Through the synonym dictionary rather than literally. */
	viaSynonym: boolean
	inTitle: boolean
}

export type CertificationCheck = {
	required: string[]
	covered: string[]
	/** Not among the listing's certifications, but stated in its description (可配合开展AEC-Q100考核). */
	described: string[]
	missing: string[]
	/** Missing ones the listing says are in progress (正在办理, 进行中). */
	inProgress: string[]
}

export type SpecCheck = {
	label: string
	/** The requirement as written (≥3000m³/h). */
	required: string
	/** What the other side states (500～1500m³/h). */
	offered: string
	met: boolean
}

export type Features = {
	/** Character-bigram BM25 of the pair, divided by the best score among the candidates (0–1). */
	lexical: number
	/** Best Meilisearch ranking score of the candidate over the query plan (0–1), null when it was not retrieved. */
	meili: number | null
	/** Weighted share of the query's dictionary concepts the other side mentions (0–1). */
	conceptCoverage: number
	/** Weighted share of the title's concepts (the core need) found in the other side's text (0–1). */
	titleCoverage: number
	matchedTerms: MatchedTerm[]
	/**
	 * Gap statements of the listing that concern this demand (暂无…, 正在导入…). Core ones name what the title asks
	 * for; certification ones concern the demand only through a certificate (…体系认证正在办理中).
	 */
	gaps: { text: string; core: boolean; certification: boolean }[]
	certifications: CertificationCheck
	capacity: CapacityCheck | null
	/** Why the supplier is another kind of supplier than the demand needs (a service for a goods purchase). */
	role: string | null
	specs: SpecCheck[]
	distanceKm: number | null
	sameCluster: boolean | null
	sameChainNode: boolean | null
	verified: boolean | null
	daysSinceUpdate: number | null
}

export type ScoreParts = {
	text: number
	concepts: number
	certifications: number
	capacity: number
	specs: number
	gaps: number
	role: number
	cluster: number
	distance: number
	trust: number
}

export type Reason = {
	kind: keyof ScoreParts | 'summary'
	/** Positive, negative or neutral evidence. */
	tone: 'good' | 'bad' | 'neutral'
	text: string
}

export type Suggestion = {
	/** The suggested item: a capability for a demand, a demand for a capability. */
	id: string
	/** 0–100. */
	score: number
	parts: ScoreParts
	features: Features
	reasons: Reason[]
	/** The question the buyer should ask next, when something is missing or unknown. */
	nextQuestion: string | null
}
