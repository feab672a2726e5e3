import { describe, expect, test } from 'vitest'
import {
	formatRate,
	itemProblems,
	itemStage,
	listCoverage,
	QUALIFYING_SCORE,
	STALL_DAYS,
	type DockingFacts,
	type ItemFacts,
	type SuggestionFacts,
} from '#app/modules/targets/lifecycle'

const DAY = 24 * 60 * 60 * 1000
const NOW = new Date('2026-11-27T10:00:00Z')
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY)

const local = (score: number, over: Partial<SuggestionFacts> = {}): SuggestionFacts => ({
	score,
	supplierArea: 'XIANNING',
	supplierVerified: true,
	...over,
})

const docking = (over: Partial<DockingFacts> = {}): DockingFacts => ({
	id: 'd1',
	status: 'ACTIVE',
	stage: 'INTENT',
	buyerFirmName: '武汉链主',
	supplierFirmName: '咸宁供应商',
	lastActivityAt: daysAgo(1),
	lastMessageSide: null,
	...over,
})

const item = (over: Partial<ItemFacts> = {}): ItemFacts => ({
	demandStatus: 'PUBLISHED',
	demandPublishedAt: daysAgo(30),
	itemAddedAt: daysAgo(20),
	itemClosedAt: null,
	suggestions: [],
	dockings: [],
	...over,
})

describe('itemStage', () => {
	test('a demand never published is draft, a published one without matches is published', () => {
		expect(itemStage(item({ demandStatus: 'DRAFT', demandPublishedAt: null }))).toBe('draft')
		expect(itemStage(item())).toBe('published')
	})

	test('matched needs a suggestion of at least 60 (59.9 is not enough, any supplier counts)', () => {
		expect(itemStage(item({ suggestions: [local(59.9)] }))).toBe('published')
		expect(itemStage(item({ suggestions: [local(QUALIFYING_SCORE)] }))).toBe('matched')
		expect(
			itemStage(item({ suggestions: [local(80, { supplierArea: 'WUHAN', supplierVerified: false })] })),
		).toBe('matched')
	})

	test('docking needs an ACTIVE session: pending, declined or withdrawn requests do not count', () => {
		for (const status of ['PENDING', 'DECLINED', 'EXPIRED', 'WITHDRAWN'] as const) {
			expect(itemStage(item({ suggestions: [local(70)], dockings: [docking({ status })] }))).toBe('matched')
		}
		expect(itemStage(item({ dockings: [docking()] }))).toBe('docking')
		expect(itemStage(item({ dockings: [docking({ stage: 'NEGOTIATION' })] }))).toBe('docking')
		// A session closed without a deal is no longer in docking.
		expect(itemStage(item({ dockings: [docking({ stage: 'CLOSED' })] }))).toBe('published')
	})

	test('sample and contract: the furthest session wins', () => {
		expect(itemStage(item({ dockings: [docking({ stage: 'SAMPLING' }), docking({ id: 'd2' })] }))).toBe(
			'sample',
		)
		expect(
			itemStage(item({ dockings: [docking({ stage: 'SAMPLING' }), docking({ id: 'd2', stage: 'SIGNED' })] })),
		).toBe('contract')
		// A sampling session that is not active does not count.
		expect(itemStage(item({ dockings: [docking({ stage: 'SAMPLING', status: 'WITHDRAWN' })] }))).toBe(
			'published',
		)
	})

	test('closed wins over everything: demand closed or item closed', () => {
		expect(itemStage(item({ demandStatus: 'CLOSED' }))).toBe('closed')
		expect(itemStage(item({ itemClosedAt: daysAgo(1), dockings: [docking({ stage: 'SIGNED' })] }))).toBe(
			'closed',
		)
	})

	test('a draft demand with an active session (imported then talked about) shows the session stage', () => {
		expect(itemStage(item({ demandStatus: 'DRAFT', dockings: [docking()] }))).toBe('docking')
	})
})

describe('listCoverage', () => {
	test('empty list: zero counts, null rates', () => {
		expect(listCoverage([])).toEqual({
			total: 0,
			qualified: 0,
			docking: 0,
			contracted: 0,
			qualifiedRate: null,
			dockingRate: null,
			contractedRate: null,
			byStage: { draft: 0, published: 0, matched: 0, docking: 0, sample: 0, contract: 0, closed: 0 },
		})
	})

	test('hand-computed: 5 items', () => {
		const items = [
			// 1: qualified local supplier, no docking.
			item({ suggestions: [local(75)] }),
			// 2: matched only by a Wuhan supplier and an unverified Xianning one: not qualified.
			item({ suggestions: [local(90, { supplierArea: 'WUHAN' }), local(88, { supplierVerified: false })] }),
			// 3: qualified and in docking at sampling.
			item({ suggestions: [local(61)], dockings: [docking({ stage: 'SAMPLING' })] }),
			// 4: signed, then the item was closed: still counts as docking and contracted.
			item({ suggestions: [local(60)], itemClosedAt: daysAgo(2), dockings: [docking({ stage: 'SIGNED' })] }),
			// 5: nothing.
			item(),
		]
		const c = listCoverage(items)
		expect(c).toEqual({
			total: 5,
			qualified: 3,
			docking: 2,
			contracted: 1,
			qualifiedRate: 3 / 5,
			dockingRate: 2 / 5,
			contractedRate: 1 / 5,
			byStage: { draft: 0, published: 1, matched: 2, docking: 0, sample: 1, contract: 0, closed: 1 },
		})
		expect(formatRate(c.qualifiedRate)).toBe('60%')
		expect(formatRate(1 / 3)).toBe('33.3%')
		expect(formatRate(null)).toBe('—')
	})
})

describe('itemProblems', () => {
	test(`no match: published, open, no suggestion ≥ ${QUALIFYING_SCORE}; since the later of publication and addition`, () => {
		expect(itemProblems(item({ suggestions: [local(59)] }), NOW)).toEqual([
			{ kind: 'no_match', since: daysAgo(20) },
		])
		expect(itemProblems(item({ itemAddedAt: daysAgo(40) }), NOW)).toEqual([
			{ kind: 'no_match', since: daysAgo(30) },
		])
		expect(itemProblems(item({ suggestions: [local(60)] }), NOW)).toEqual([])
	})

	test('closed, draft and contracted items have no problems', () => {
		expect(itemProblems(item({ demandStatus: 'CLOSED' }), NOW)).toEqual([])
		expect(itemProblems(item({ itemClosedAt: daysAgo(1) }), NOW)).toEqual([])
		expect(itemProblems(item({ demandStatus: 'DRAFT', demandPublishedAt: null }), NOW)).toEqual([])
		expect(
			itemProblems(item({ dockings: [docking({ stage: 'SIGNED', lastActivityAt: daysAgo(60) })] }), NOW),
		).toEqual([])
	})

	test(`stalled: an active session idle for ${STALL_DAYS} days or more; who is behind follows the last message`, () => {
		const just = docking({ lastActivityAt: new Date(NOW.getTime() - STALL_DAYS * DAY + 1) })
		expect(itemProblems(item({ suggestions: [local(70)], dockings: [just] }), NOW)).toEqual([])
		const stalled = (side: DockingFacts['lastMessageSide']) =>
			itemProblems(
				item({
					suggestions: [local(70)],
					dockings: [docking({ lastActivityAt: daysAgo(20), lastMessageSide: side, stage: 'NEGOTIATION' })],
				}),
				NOW,
			)
		expect(stalled('BUYER')).toEqual([
			{
				kind: 'stalled',
				since: daysAgo(20 - STALL_DAYS),
				dockingId: 'd1',
				buyerFirmName: '武汉链主',
				supplierFirmName: '咸宁供应商',
				behind: 'SUPPLIER',
				idleDays: 20,
			},
		])
		expect(stalled('SUPPLIER')[0]).toMatchObject({ behind: 'BUYER' })
		expect(stalled(null)[0]).toMatchObject({ behind: 'BOTH' })
		expect(stalled('BUREAU')[0]).toMatchObject({ behind: 'BOTH' })
		// A pending request is not a stalled docking.
		expect(
			itemProblems(
				item({
					suggestions: [local(70)],
					dockings: [docking({ status: 'PENDING', lastActivityAt: daysAgo(30) })],
				}),
				NOW,
			),
		).toEqual([])
	})

	test('an item can be both unmatched and stalled (docking started without a suggestion)', () => {
		const problems = itemProblems(item({ dockings: [docking({ lastActivityAt: daysAgo(15) })] }), NOW)
		expect(problems.map((p) => p.kind)).toEqual(['no_match', 'stalled'])
	})
})
