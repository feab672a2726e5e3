// Small synthetic listings and demands for the matcher's unit tests (not taken from the relevance sets).

import { type MatchCapability, type MatchDemand } from '#search/matching/types'

export function demand(overrides: Partial<MatchDemand> = {}): MatchDemand {
	return {
		id: 'd1',
		title: '车规一体成型电感采购',
		description:
			'车载域控制器电源需采购一体成型功率电感，饱和电流≥15A。须通过AEC-Q200，供应商需具备IATF 16949，年用量约800万只。',
		requiredCertifications: ['AEC-Q200', 'IATF 16949'],
		quantity: '年约800万只',
		region: '武汉经开区',
		...overrides,
	}
}

export function capability(overrides: Partial<MatchCapability> = {}): MatchCapability {
	return {
		id: 'c1',
		title: '模压合金粉芯电感（汽车级）',
		description:
			'生产模压电感，饱和电流最高30A，汽车级系列已完成AEC-Q200验证，工厂通过IATF 16949，月产能约3000万只。',
		certifications: ['IATF 16949', 'AEC-Q200'],
		capacity: '月产约3000万只',
		region: '通城县',
		cluster: '电子信息',
		...overrides,
	}
}
