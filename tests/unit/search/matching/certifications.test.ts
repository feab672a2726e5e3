import { describe, expect, test } from 'vitest'
import { certificationCheck, prepareCapability, prepareDemand } from '#search/matching/features'
import { capability, demand } from './fixtures'

function check(required: string[], held: string[], description = '生产医用敷料。') {
	return certificationCheck(
		prepareDemand(demand({ requiredCertifications: required })),
		prepareCapability(capability({ certifications: held, description })),
	)
}

describe('certificationCheck', () => {
	test('recognised equivalents and spelling variants cover a requirement', () => {
		expect(check(['ISO 9001'], ['GB/T 19001-2016'])).toMatchObject({ covered: ['ISO 9001'], missing: [] })
		expect(check(['ISO 13485'], ['YY/T 0287-2017'])).toMatchObject({ covered: ['ISO 13485'], missing: [] })
		expect(check(['iso9001', 'ISO 14001'], ['ISO-9001:2015'])).toMatchObject({
			covered: ['ISO 9001'],
			missing: ['ISO 14001'],
		})
	})

	test('a higher qualification covers a lower one, not the other way round', () => {
		expect(check(['钢结构制造一级资质'], ['钢结构制造特级资质']).missing).toEqual([])
		expect(check(['钢结构制造特级资质'], ['钢结构制造一级资质']).missing).toEqual(['钢结构制造特级资质'])
		expect(check(['ISO 22000'], ['FSSC 22000']).missing).toEqual([])
		expect(check(['IATF 16949'], ['ISO 9001']).missing).toEqual(['IATF 16949'])
	})

	test('lists what is missing, and what the listing says is in progress', () => {
		const result = check(
			['IATF 16949', 'AEC-Q200'],
			['ISO 9001'],
			'主营消费电子电感。车规系列AEC-Q200试验进行中，汽车质量体系认证预计年内取证。',
		)
		expect(result.missing).toEqual(['IATF 16949', 'AEC-Q200'])
		expect(result.inProgress).toEqual(['IATF 16949', 'AEC-Q200'])
		expect(result.described).toEqual([])
	})

	test('a requirement stated positively in the description counts as described, not as held', () => {
		const result = check(
			['IATF 16949', 'AEC-Q100'],
			['IATF 16949'],
			'提供QFN封装与成品测试，可配合客户开展AEC-Q100考核。',
		)
		expect(result).toMatchObject({ covered: ['IATF 16949'], described: ['AEC-Q100'], missing: [] })
	})

	test('short codes in running text are not read as certificates', () => {
		expect(check(['SC'], [], '生产LC/SC光纤跳线。').missing).toEqual(['SC'])
	})

	test('no requirement, nothing missing', () => {
		expect(check([], ['ISO 9001'])).toMatchObject({ required: [], covered: [], missing: [] })
	})
})
