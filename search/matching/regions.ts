// Where the two sides are: a supplier's county in Xianning and a buyer's delivery district in Wuhan, given by region
// code or by name as people write it (咸安区, 武汉东湖高新区, 光谷, 武汉经开区, 车谷).

import { getRegion, REGIONS, type Region } from '#app/modules/firms/regions'

const ALIASES: readonly (readonly [string, string])[] = [
	['东湖高新', 'WH-EHTZ'],
	['东湖新技术', 'WH-EHTZ'],
	['光谷', 'WH-EHTZ'],
	['经开区', 'WH-WEDZ'],
	['经济技术开发区', 'WH-WEDZ'],
	['车谷', 'WH-WEDZ'],
	['沌口', 'WH-WEDZ'],
	['咸宁高新', 'XN-HTZ'],
]

function stripCity(name: string): string {
	return name.replace(/^(湖北省|湖北)?(武汉市|武汉|咸宁市|咸宁)/, '')
}

/** The region for a code or a written name, or undefined when it cannot be placed. */
export function resolveRegion(codeOrName: string | null | undefined): Region | undefined {
	if (!codeOrName) return undefined
	const byCode = getRegion(codeOrName)
	if (byCode) return byCode
	const name = codeOrName.normalize('NFKC').replace(/\s+/g, '')
	const exact = REGIONS.find((r) => r.name === name || r.name === stripCity(name))
	if (exact) return exact
	for (const [alias, code] of ALIASES) if (name.includes(alias)) return getRegion(code)
	const bare = stripCity(name)
	return bare.length >= 2
		? REGIONS.find((r) => r.name.startsWith(bare) || bare.startsWith(r.name))
		: undefined
}

/** Great-circle distance in km between two regions' centres. */
export function distanceKm(a: Pick<Region, 'lat' | 'lng'>, b: Pick<Region, 'lat' | 'lng'>): number {
	const rad = Math.PI / 180
	const dLat = (b.lat - a.lat) * rad
	const dLng = (b.lng - a.lng) * rad
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
	return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}
