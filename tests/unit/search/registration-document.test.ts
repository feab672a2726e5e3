import { describe, expect, test } from 'vitest'
import {
	buildRegistrationDocument,
	isRegistrationRowPublic,
	type RegistrationRow,
} from '#search/documents/registration'

const row = {
	id: 'r1',
	eventId: 'e1',
	side: 'SUPPLIER',
	status: 'APPROVED',
	pitch: '供应光通信散热外壳，可来图定制',
	capabilityIds: ['c2', 'c-draft', 'c1', 'c2'],
	demandIds: [],
	createdAt: new Date('2026-11-20T02:00:00Z'),
	updatedAt: new Date('2026-11-21T02:00:00Z'),
	event: { status: 'PUBLISHED' },
	firm: {
		id: 'f1',
		name: '赤壁车联电子有限公司',
		kind: 'SUPPLIER',
		regionCode: '421281',
		isChainLeader: false,
		verificationStatus: 'VERIFIED',
		certifications: ['GB/T 19001', 'IATF 16949'],
		clusters: [{ slug: 'electronics', name: '电子信息产业集群' }],
		chainNodes: [{ name: '光模块' }],
		// The select loads only published, visible listings: c-draft is not among them.
		capabilities: [
			{ id: 'c1', title: '400G 光模块外壳' },
			{ id: 'c2', title: '精密压铸件' },
			{ id: 'c3', title: '未在本场展示的能力' },
		],
		demands: [],
	},
} as unknown as RegistrationRow

describe('event participant documents', () => {
	test('carry the firm, its clusters and certifications, the pitch and the shown public listings', () => {
		const doc = buildRegistrationDocument(row, (t) => `seg(${t.length})`)
		expect(doc).toMatchObject({
			id: 'r1',
			eventId: 'e1',
			side: 'SUPPLIER',
			firmId: 'f1',
			firmName: '赤壁车联电子有限公司',
			firmKind: 'SUPPLIER',
			regionCode: '421281',
			area: 'XIANNING',
			isChainLeader: false,
			clusterSlugs: ['electronics'],
			clusterNames: ['电子信息产业集群'],
			chainNodeNames: ['光模块'],
			certificationKeys: ['ISO 9001', 'IATF 16949'],
			pitch: '供应光通信散热外壳，可来图定制',
			registeredAt: Date.parse('2026-11-20T02:00:00Z') / 1000,
			updatedAt: Date.parse('2026-11-21T02:00:00Z') / 1000,
		})
		// In the firm's chosen order, once each, drafts and listings it did not pick left out.
		expect(doc.listings).toEqual([
			{ kind: 'capability', id: 'c2', title: '精密压铸件' },
			{ kind: 'capability', id: 'c1', title: '400G 光模块外壳' },
		])
		expect(doc.listingTitles).toEqual(['精密压铸件', '400G 光模块外壳'])
		expect(doc.segmented).toMatch(/^seg\(\d+\)$/)
	})

	test('never carry contact names or phones', () => {
		const withContacts = {
			...row,
			firm: {
				...row.firm,
				contactName: '王五',
				contactPhone: '13900008888',
				contactEmail: 'wang@example.cn',
			},
		} as unknown as RegistrationRow
		const text = JSON.stringify(buildRegistrationDocument(withContacts, (t) => t))
		expect(text).not.toContain('13900008888')
		expect(text).not.toContain('王五')
		expect(text).not.toContain('contact')
	})

	test('only approved registrations of published or closed events by verified firms are public', () => {
		expect(isRegistrationRowPublic(row)).toBe(true)
		expect(isRegistrationRowPublic({ ...row, event: { status: 'CLOSED' } })).toBe(true)
		for (const status of ['INVITED', 'PENDING', 'REJECTED', 'WITHDRAWN'] as const)
			expect(isRegistrationRowPublic({ ...row, status })).toBe(false)
		for (const status of ['DRAFT', 'CANCELLED'] as const)
			expect(isRegistrationRowPublic({ ...row, event: { status } })).toBe(false)
		for (const verificationStatus of ['PENDING', 'REJECTED'] as const)
			expect(isRegistrationRowPublic({ ...row, firm: { ...row.firm, verificationStatus } })).toBe(false)
	})
})
