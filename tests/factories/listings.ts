import { CapabilitySchema, type CapabilityInput } from '#app/modules/listings/schemas'
import { DemandSchema, type DemandInput } from '#app/modules/demands/schemas'

export function rawCapabilityInput(overrides: Record<string, unknown> = {}) {
	return {
		title: '精密数控加工服务',
		description: '五轴加工中心 12 台，公差 ±0.01mm，可来图加工铝合金和不锈钢零件。',
		tags: '数控加工，五轴',
		specs: [{ key: '公差', value: '±0.01mm' }],
		certifications: ['ISO 9001'],
		capacityValue: '20',
		capacityUnit: '万件',
		capacityPeriod: 'YEAR',
		...overrides,
	}
}

export function capabilityInput(overrides: Record<string, unknown> = {}): CapabilityInput {
	return CapabilitySchema.parse(rawCapabilityInput(overrides))
}

export function demandInput(overrides: Record<string, unknown> = {}): DemandInput {
	return DemandSchema.parse({
		title: '采购精密机加工零件',
		description: '年需求 5 万件铝合金壳体，需 IATF 16949。',
		quantityValue: '5',
		quantityUnit: '万件',
		requiredCertifications: ['IATF 16949'],
		deliveryRegionCode: 'WH-WEDZ',
		...overrides,
	})
}
