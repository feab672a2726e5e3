// The re-ranker: relevance (how well the texts meet) times fit (certifications, capacity, specs, stated gaps,
// distance, trust). A multiplicative fit keeps a clearly relevant supplier with one gap above an unrelated one with
// none, while still putting the ideal supplier above its near misses. Parts are reported in points that add up to
// the score.

import {
	bm25,
	corpusStats,
	pairExclusions,
	pairFeatures,
	type PreparedCapability,
	type PreparedDemand,
	type PreparedSide,
} from './features'
import { explain } from './explain'
import { type Features, type ScoreParts, type Suggestion } from './types'

export type Weights = {
	/** Relevance: weights of the normalised text features (summed, then divided by their total). */
	lexical: number
	title: number
	concepts: number
	meili: number
	cluster: number
	/** Fit multipliers: the share of the score a full miss removes. */
	certificationMissing: number
	/** How much of a missing certificate one stated only in the description still counts. */
	certificationDescribed: number
	capacityShort: number
	capacityShortLowConfidence: number
	specUnmet: number
	/** Another kind of supplier: a service for a goods purchase, a machine maker for a product. */
	role: number
	/** A stated gap in what the demand's title asks for (…处于试制阶段). */
	coreGap: number
	gap: number
	/** Per 100 km. */
	distance: number
	unverified: number
	/** For a listing not updated for a year. */
	stale: number
}

export const DEFAULT_WEIGHTS: Weights = {
	lexical: 1,
	title: 0.3,
	concepts: 1.5,
	meili: 0.2,
	cluster: 0.1,
	certificationMissing: 0.4,
	certificationDescribed: 0.25,
	capacityShort: 0.4,
	capacityShortLowConfidence: 0.08,
	specUnmet: 0.12,
	role: 0.5,
	coreGap: 0.45,
	gap: 0.2,
	distance: 0.02,
	unverified: 0.1,
	stale: 0.05,
}

type Factor = { part: keyof ScoreParts; multiplier: number }

function relevanceParts(f: Features, w: Weights) {
	const total = w.lexical + w.title + w.concepts + w.meili + w.cluster
	const scale = total > 0 ? 1 / total : 0
	return {
		text: (w.lexical * f.lexical + w.title * f.titleCoverage + w.meili * (f.meili ?? 0)) * scale,
		concepts: w.concepts * f.conceptCoverage * scale,
		cluster: w.cluster * (f.sameCluster || f.sameChainNode ? 1 : 0) * scale,
	}
}

function fitFactors(f: Features, w: Weights): Factor[] {
	const factors: Factor[] = []
	const { required, missing, described } = f.certifications
	const unmetCertifications = missing.length + w.certificationDescribed * described.length
	if (required.length > 0 && unmetCertifications > 0) {
		factors.push({
			part: 'certifications',
			multiplier: 1 - (w.certificationMissing * unmetCertifications) / required.length,
		})
	}
	if (f.capacity && f.capacity.ratio < 1) {
		const shortfall = Math.min(1, 1 - f.capacity.ratio)
		const weight = f.capacity.confidence === 'high' ? w.capacityShort : w.capacityShortLowConfidence
		factors.push({ part: 'capacity', multiplier: 1 - weight * shortfall })
	}
	const unmet = f.specs.filter((s) => !s.met).length
	if (unmet > 0) factors.push({ part: 'specs', multiplier: Math.max(0.3, 1 - w.specUnmet * unmet) })
	// A stated gap about a certificate counts on top of the missing certificate: the supplier confirms it is not there.
	if (f.gaps.length > 0) {
		const core = f.gaps.filter((g) => g.core).length
		const other = Math.min(2, f.gaps.length - core)
		factors.push({
			part: 'gaps',
			multiplier: Math.max(0.25, (1 - w.coreGap) ** Math.min(1, core) * (1 - w.gap) ** other),
		})
	}
	if (f.role) factors.push({ part: 'role', multiplier: 1 - w.role })
	if (f.distanceKm !== null)
		factors.push({ part: 'distance', multiplier: 1 - (w.distance * f.distanceKm) / 100 })
	let trust = 1
	if (f.verified === false) trust -= w.unverified
	if (f.daysSinceUpdate !== null) trust -= w.stale * Math.min(1, f.daysSinceUpdate / 365)
	if (trust < 1) factors.push({ part: 'trust', multiplier: trust })
	return factors
}

/** Score (0–100) and its parts in points; the parts add up to the score. */
export function scoreFeatures(
	f: Features,
	w: Weights = DEFAULT_WEIGHTS,
): { score: number; parts: ScoreParts } {
	const relevance = relevanceParts(f, w)
	const parts: ScoreParts = {
		text: 100 * relevance.text,
		concepts: 100 * relevance.concepts,
		cluster: 100 * relevance.cluster,
		certifications: 0,
		capacity: 0,
		specs: 0,
		gaps: 0,
		role: 0,
		distance: 0,
		trust: 0,
	}
	let score = parts.text + parts.concepts + parts.cluster
	for (const { part, multiplier } of fitFactors(f, w)) {
		const next = score * Math.max(0, multiplier)
		parts[part] += next - score
		score = next
	}
	return { score, parts }
}

export type Candidate<T extends PreparedSide> = { prepared: T; meili: number | null }

export type RankOptions = {
	weights?: Weights
	k?: number
	now?: number
	/** Other documents of the index, only for the lexical statistics (a small candidate set is a poor corpus). */
	background?: readonly PreparedSide[]
}

function round(parts: ScoreParts): ScoreParts {
	return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v * 10) / 10])) as ScoreParts
}

function rank<Q extends PreparedSide, C extends PreparedSide>(
	query: Q,
	candidates: readonly Candidate<C>[],
	pair: (candidate: C) => [PreparedDemand, PreparedCapability],
	subject: 'capability' | 'demand',
	options: RankOptions,
): Suggestion[] {
	const stats = corpusStats([...candidates.map((c) => c.prepared), ...(options.background ?? [])])
	const lexical = candidates.map((c) => bm25(query, c.prepared, stats, pairExclusions(...pair(c.prepared))))
	const lexicalMax = Math.max(0, ...lexical)
	const weights = options.weights ?? DEFAULT_WEIGHTS
	const scored = candidates.map((candidate, i) => {
		const sides = pair(candidate.prepared)
		const features = pairFeatures(sides[0], sides[1], lexical[i] as number, candidate.meili, {
			stats,
			lexicalMax,
			now: options.now,
			subject,
		})
		return { id: candidate.prepared.id, sides, features, ...scoreFeatures(features, weights) }
	})
	scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
	// Reasons only for what is shown.
	return scored.slice(0, options.k ?? scored.length).map(({ id, sides, features, score, parts }) => {
		const explanation = explain(features, { demand: sides[0], capability: sides[1], subject })
		return {
			id,
			score: Math.round(score * 10) / 10,
			parts: round(parts),
			features,
			reasons: explanation.reasons,
			nextQuestion: explanation.nextQuestion,
		}
	})
}

/** Capabilities for a demand, best first. */
export function rankCapabilities(
	demand: PreparedDemand,
	candidates: readonly Candidate<PreparedCapability>[],
	options: RankOptions = {},
): Suggestion[] {
	return rank(demand, candidates, (capability) => [demand, capability], 'capability', options)
}

/** Open demands for a capability, best first. */
export function rankDemands(
	capability: PreparedCapability,
	candidates: readonly Candidate<PreparedDemand>[],
	options: RankOptions = {},
): Suggestion[] {
	return rank(capability, candidates, (demand) => [demand, capability], 'demand', options)
}
