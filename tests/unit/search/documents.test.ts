import { describe, expect, test } from 'vitest'
import { settingsDiff } from '#search/apply-settings.server'
import { buildCapabilityDocument, isCapabilityRowPublic, type CapabilityRow } from '#search/documents/capability'
import { capacityPerYear, certificationKeys, specsText } from '#search/documents/shared'
import { backoffMs } from '#search/outbox/worker.server'

const row: CapabilityRow = {
	id: 'c1',
	title: '400G 光收发器件',
	description: '年产 30 万只',
	tags: ['光模块', 'QSFP-DD'],
	specs: [{ key: '速率', value: '400G' }, { key: '距离', value: '2km' }, 'garbage'],
	certifications: ['GB/T 19001', 'ISO 9001', 'IATF 16949'],
	capacityValue: 2.5,
	capacityUnit: '万只',
	capacityPeriod: 'MONTH',
	moqValue: 1000,
	moqUnit: '只',
	leadTimeDays: 30,
	priceMin: 800,
	priceMax: 1200,
	priceUnit: '元/只',
	status: 'PUBLISHED',
	hiddenAt: null,
	publishedAt: new Date('2026-11-01T00:00:00Z'),
	updatedAt: new Date('2026-11-02T00:00:00Z'),
	chainNodeId: 'n1',
	cluster: { slug: 'electronics', name: '电子信息产业集群' },
	chainNode: { name: '光模块', stage: 'MIDSTREAM' },
	firm: { id: 'f1', name: '咸宁光合光电', regionCode: 'XN-HTZ', verificationStatus: 'VERIFIED' },
} as unknown as CapabilityRow

describe('capability documents', () => {
	test('carry firm, taxonomy, canonical certifications, yearly capacity and the segmented text', () => {
		const doc = buildCapabilityDocument(row, (t) => `seg(${t.length})`)
		expect(doc).toMatchObject({
			id: 'c1',
			firmName: '咸宁光合光电',
			regionCode: 'XN-HTZ',
			area: 'XIANNING',
			clusterSlug: 'electronics',
			chainNodeName: '光模块',
			specsText: '速率：400G；距离：2km',
			capacityPerYear: 30,
			publishedAt: Date.parse('2026-11-01T00:00:00Z') / 1000,
		})
		expect(doc.certificationKeys).toEqual(['ISO 9001', 'IATF 16949'])
		expect(doc.segmented).toMatch(/^seg\(\d+\)$/)
		expect(JSON.stringify(doc)).not.toContain('contact')
	})

	test('only published, unhidden listings of verified firms are public', () => {
		expect(isCapabilityRowPublic(row)).toBe(true)
		expect(isCapabilityRowPublic({ ...row, status: 'DRAFT' })).toBe(false)
		expect(isCapabilityRowPublic({ ...row, hiddenAt: new Date() })).toBe(false)
		expect(isCapabilityRowPublic({ ...row, firm: { ...row.firm, verificationStatus: 'PENDING' } })).toBe(false)
	})

	test('helpers', () => {
		expect(capacityPerYear(10, 'DAY')).toBe(3000)
		expect(capacityPerYear(10, null)).toBeNull()
		expect(specsText('not an array')).toBe('')
		expect(certificationKeys(['iso9001', 'ISO 9001'])).toEqual(['ISO 9001'])
	})
})

describe('settingsDiff', () => {
	test('sends only keys whose value differs, ignoring key order', () => {
		const current = { searchableAttributes: ['a', 'b'], typoTolerance: { enabled: true, minWordSizeForTypos: { twoTypos: 9, oneTypo: 5 } } }
		expect(settingsDiff(current, { typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } } })).toEqual({})
		expect(settingsDiff(current, { searchableAttributes: ['b', 'a'] })).toEqual({ searchableAttributes: ['b', 'a'] })
	})
})

describe('outbox back-off', () => {
	test('grows from 250 ms and is capped at 10 s so an outage is caught up quickly', () => {
		expect([1, 2, 3, 4].map(backoffMs)).toEqual([250, 500, 1000, 2000])
		expect(backoffMs(50)).toBe(10_000)
	})
})
