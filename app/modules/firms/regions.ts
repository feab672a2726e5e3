export type RegionArea = 'XIANNING' | 'WUHAN'

export type Region = {
	code: string
	name: string
	nameEn: string
	area: RegionArea
	/** Approximate centre, for distance reasoning in matching. */
	lat: number
	lng: number
}

// Administrative division codes (GB/T 2260) where one exists; the development zones use stable local codes.
export const REGIONS: readonly Region[] = [
	{ code: '421202', name: '咸安区', nameEn: 'Xian’an District', area: 'XIANNING', lat: 29.852, lng: 114.299 },
	{ code: '421221', name: '嘉鱼县', nameEn: 'Jiayu County', area: 'XIANNING', lat: 29.971, lng: 113.939 },
	{ code: '421281', name: '赤壁市', nameEn: 'Chibi City', area: 'XIANNING', lat: 29.725, lng: 113.9 },
	{ code: '421222', name: '通城县', nameEn: 'Tongcheng County', area: 'XIANNING', lat: 29.245, lng: 113.816 },
	{ code: '421223', name: '崇阳县', nameEn: 'Chongyang County', area: 'XIANNING', lat: 29.556, lng: 114.04 },
	{ code: '421224', name: '通山县', nameEn: 'Tongshan County', area: 'XIANNING', lat: 29.606, lng: 114.482 },
	{ code: 'XN-HTZ', name: '咸宁高新区', nameEn: 'Xianning Hi-tech Zone', area: 'XIANNING', lat: 29.88, lng: 114.36 },
	{ code: '420102', name: '江岸区', nameEn: 'Jiang’an District', area: 'WUHAN', lat: 30.6, lng: 114.309 },
	{ code: '420103', name: '江汉区', nameEn: 'Jianghan District', area: 'WUHAN', lat: 30.601, lng: 114.27 },
	{ code: '420104', name: '硚口区', nameEn: 'Qiaokou District', area: 'WUHAN', lat: 30.582, lng: 114.215 },
	{ code: '420105', name: '汉阳区', nameEn: 'Hanyang District', area: 'WUHAN', lat: 30.554, lng: 114.218 },
	{ code: '420106', name: '武昌区', nameEn: 'Wuchang District', area: 'WUHAN', lat: 30.554, lng: 114.316 },
	{ code: '420107', name: '青山区', nameEn: 'Qingshan District', area: 'WUHAN', lat: 30.64, lng: 114.385 },
	{ code: '420111', name: '洪山区', nameEn: 'Hongshan District', area: 'WUHAN', lat: 30.5, lng: 114.343 },
	{ code: '420112', name: '东西湖区', nameEn: 'Dongxihu District', area: 'WUHAN', lat: 30.62, lng: 114.137 },
	{ code: '420113', name: '汉南区', nameEn: 'Hannan District', area: 'WUHAN', lat: 30.309, lng: 114.084 },
	{ code: '420114', name: '蔡甸区', nameEn: 'Caidian District', area: 'WUHAN', lat: 30.582, lng: 114.029 },
	{ code: '420115', name: '江夏区', nameEn: 'Jiangxia District', area: 'WUHAN', lat: 30.375, lng: 114.321 },
	{ code: '420116', name: '黄陂区', nameEn: 'Huangpi District', area: 'WUHAN', lat: 30.882, lng: 114.375 },
	{ code: '420117', name: '新洲区', nameEn: 'Xinzhou District', area: 'WUHAN', lat: 30.841, lng: 114.801 },
	{ code: 'WH-EHTZ', name: '东湖新技术开发区（光谷）', nameEn: 'East Lake Hi-tech Zone (Optics Valley)', area: 'WUHAN', lat: 30.481, lng: 114.404 },
	{ code: 'WH-WEDZ', name: '武汉经济技术开发区（车谷）', nameEn: 'Wuhan Economic Development Zone (Auto Valley)', area: 'WUHAN', lat: 30.508, lng: 114.164 },
]

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]))

export function getRegion(code: string): Region | undefined {
	return BY_CODE.get(code)
}

export const REGION_CODES = REGIONS.map((r) => r.code) as [string, ...string[]]
