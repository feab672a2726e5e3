// Certifications, standards and licences that buyers require and suppliers list, with their recognised equivalents.
// The first name of each group is the canonical name; the others are the Chinese national adoption (GB/T, YY/T),
// the superseded name (OHSAS 18001, ISO/TS 16949) or the usual Chinese wording of the same certificate.
// Spelling variants (iso9001, ＩＳＯ ９００１, ISO-9001:2015, GB/T 19001-2016) need not be listed: canonicalCertification
// normalises them before the lookup.

export const CERTIFICATION_EQUIVALENTS: readonly (readonly string[])[] = [
	// Management systems
	['ISO 9001', 'GB/T 19001', '质量管理体系认证'],
	['ISO 14001', 'GB/T 24001', '环境管理体系认证'],
	['ISO 45001', 'GB/T 45001', 'OHSAS 18001', 'GB/T 28001', '职业健康安全管理体系认证'],
	['IATF 16949', 'ISO/TS 16949', '汽车行业质量管理体系认证'],
	['ISO 13485', 'YY/T 0287', '医疗器械质量管理体系认证'],
	['ISO/IEC 27001', 'ISO 27001', 'GB/T 22080', '信息安全管理体系认证'],
	['ISO 50001', 'GB/T 23331', '能源管理体系认证'],
	['ISO 3834', 'GB/T 12467', '焊接质量管理体系认证'],
	['ISO 26262', 'GB/T 34590', '功能安全认证'],
	// Laboratories and inspection bodies
	['ISO/IEC 17025', 'ISO 17025', 'GB/T 27025', 'CNAS-CL01'],
	['ISO/IEC 17020', 'ISO 17020', 'CNAS-CI01'],
	['ISO 15189', 'CNAS-CL02'],
	['CNAS', 'CNAS认可', 'CNAS实验室认可', '中国合格评定国家认可委员会认可'],
	['CMA', 'CMA资质', '检验检测机构资质认定', '计量认证'],
	// Food
	['ISO 22000', 'GB/T 22000', '食品安全管理体系认证'],
	// FSSC 22000 contains ISO 22000 (see CERTIFICATION_IMPLIES) but is not equivalent to it.
	['FSSC 22000'],
	['HACCP', 'GB/T 27341', 'HACCP体系认证', '危害分析与关键控制点体系认证'],
	['BRCGS', 'BRC', 'BRC食品安全全球标准'],
	['SC', 'SC许可', 'SC认证', '食品生产许可证', '食品生产许可'],
	['有机产品认证', '有机认证', '中国有机产品认证'],
	['绿色食品认证', '绿色食品标志', '绿色食品标志使用许可'],
	['Halal', '清真认证', '清真食品认证'],
	// Pharmaceuticals and medical devices
	['GMP', '药品GMP', 'GMP认证', '药品生产质量管理规范'],
	['GSP', '药品GSP', '药品经营质量管理规范'],
	['药品生产许可证'],
	[
		'医疗器械注册证（二类）',
		'二类医疗器械注册证',
		'第二类医疗器械注册证',
		'第Ⅱ类医疗器械注册证',
		'Ⅱ类医疗器械注册证',
		'二类注册证',
		'Ⅱ类注册证',
	],
	[
		'医疗器械注册证（三类）',
		'三类医疗器械注册证',
		'第三类医疗器械注册证',
		'第Ⅲ类医疗器械注册证',
		'三类注册证',
	],
	[
		'医疗器械生产许可证（二类）',
		'二类医疗器械生产许可证',
		'第二类医疗器械生产许可证',
		'第Ⅱ类医疗器械生产许可证',
		'二类医疗器械生产许可',
		'第Ⅱ类医疗器械生产许可',
	],
	// Product certification and compliance
	['CCC', '3C', '3C认证', 'CCC认证', '中国强制性产品认证'],
	['CQC', 'CQC认证', 'CQC标志认证', '中国质量认证中心认证'],
	['CE', 'CE认证', 'CE标志', 'CE marking'],
	['FCC', 'FCC认证', 'FCC ID'],
	['UL', 'UL认证', 'UL Listed', 'UL Recognized', 'UL黄卡'],
	['RoHS', 'GB/T 26572', 'China RoHS', '中国RoHS', 'EU RoHS', 'RoHS 2.0', 'RoHS认证'],
	['REACH', 'EU REACH', 'REACH法规'],
	['中国环境标志', '十环认证', '中国环境标志产品认证', '环境标志产品认证'],
	// Automotive electronics qualification (each AEC document covers a different component family)
	['AEC-Q100'],
	['AEC-Q101'],
	['AEC-Q102'],
	['AEC-Q104'],
	['AEC-Q200'],
	// Optical communication, energy, semiconductor equipment
	['Telcordia GR-468', 'GR-468', 'GR-468-CORE', 'Telcordia GR-468-CORE'],
	['GB/T 36276', '电力储能用锂离子电池'],
	['UL 9540A'],
	['UL 9540'],
	['UN38.3'],
	['IEC 61215'],
	['IEC 61730'],
	['ISO 14067', 'GB/T 24067', '产品碳足迹认证'],
	['SEMI S2'],
	// Classification societies
	['CCS', '中国船级社', 'CCS认可', 'CCS船级社认证'],
	['DNV', 'DNV GL', '挪威船级社'],
	['ABS', '美国船级社'],
	['LR', '劳氏船级社', "Lloyd's Register"],
	['BV', '法国船级社', 'Bureau Veritas'],
	['NK', '日本船级社', 'ClassNK'],
	// Chinese qualifications and licences
	['钢结构制造特级资质', '钢结构制造企业特级资质'],
	['钢结构制造一级资质', '钢结构制造企业一级资质'],
	['钢结构制造二级资质', '钢结构制造企业二级资质'],
	['危险化学品安全生产许可证', '危化品安全生产许可证', '安全生产许可证（危险化学品）'],
	['农机推广鉴定证书', '农业机械推广鉴定证书', '农机推广鉴定'],
	['报废机动车回收拆解资质', '报废机动车回收拆解企业资质认定'],
	['废钢铁加工行业准入', '废钢铁加工行业准入条件', '废钢准入'],
	['售电公司准入', '售电业务资质', '售电公司注册', '售电公司资质'],
]

/**
 * One-way coverage: holding the first certificate satisfies a requirement for the second (and, transitively, for what
 * the second covers). These are not equivalences: FSSC 22000 is ISO 22000 plus extra requirements, IATF 16949 is
 * built on ISO 9001, ISO 22000 contains the HACCP system, and a higher steel-structure grade covers the lower ones.
 */
export const CERTIFICATION_IMPLIES: readonly (readonly [string, string])[] = [
	['FSSC 22000', 'ISO 22000'],
	['ISO 22000', 'HACCP'],
	['IATF 16949', 'ISO 9001'],
	['钢结构制造特级资质', '钢结构制造一级资质'],
	['钢结构制造一级资质', '钢结构制造二级资质'],
]

// Standard-body prefixes that are written with a space before the number (ISO 9001, GB/T 19001, YY/T 0287 …).
const STANDARD_PREFIX =
	/^(ISO\/IEC|ISO\/TS|ISO|IEC|IATF|GB\/T|GB|YY\/T|YY|SJ\/T|HJ\/T|HJ|OHSAS|FSSC|UL|EN|JEDEC)[\s\-_]*(?=\d)/i

/** Suffixes that name the certificate rather than change it: ISO 9001认证, HACCP体系认证, CNAS认可 … */
const WORDING_SUFFIX = /(管理体系认证|体系认证证书|体系认证|认证证书|认证|认可|证书|体系)$/

/**
 * Fixes the spelling of a certification name without changing what it names: full-width characters, spacing,
 * the case and spacing of standard prefixes (iso9001 → ISO 9001) and the edition year (ISO 9001:2015, GB/T 19001-2016).
 */
export function normalizeCertificationName(name: string): string {
	let s = name
		.normalize('NFKC')
		.replace(/[\u2010-\u2015]/g, '-') // hyphens and dashes: GB/T 19001—2016
		.replace(/\s+/g, ' ')
		.trim()
	s = s.replace(STANDARD_PREFIX, (prefix: string) => `${prefix.replace(/[\s\-_]+$/, '').toUpperCase()} `)
	// Edition year: ISO style ":2015", Chinese style "-2016" (only after a standard number).
	s = s.replace(/(\d)\s*:\s*(19|20)\d{2}$/, '$1')
	s = s.replace(/^([A-Z/]+ \d[\d.]*(?:-\d{1,2})*)-(19|20)\d{2}$/, '$1')
	return s
}

function lookupKey(name: string): string {
	return normalizeCertificationName(name)
		.toUpperCase()
		.replace(/[\s\-_·・]/g, '')
}

const CANONICAL_BY_KEY: ReadonlyMap<string, string> = (() => {
	const map = new Map<string, string>()
	for (const group of CERTIFICATION_EQUIVALENTS) {
		const canonical = group[0]
		if (canonical === undefined) continue
		for (const name of group) {
			const key = lookupKey(name)
			const existing = map.get(key)
			if (existing !== undefined && existing !== canonical) {
				throw new Error(`Certification "${name}" is listed under both "${existing}" and "${canonical}"`)
			}
			map.set(key, canonical)
		}
	}
	return map
})()

/**
 * The canonical name of a certification: the first name of its equivalence group, or the normalised spelling when the
 * name is not in any group. 'iso9001', 'ＩＳＯ ９００１', 'ISO-9001:2015' and 'GB/T 19001-2016' all give 'ISO 9001'.
 */
export function canonicalCertification(name: string): string {
	const normalized = normalizeCertificationName(name)
	const direct = CANONICAL_BY_KEY.get(lookupKey(normalized))
	if (direct !== undefined) return direct
	const withoutSuffix = normalized.replace(WORDING_SUFFIX, '').trim()
	if (withoutSuffix && withoutSuffix !== normalized) {
		const viaSuffix = CANONICAL_BY_KEY.get(lookupKey(withoutSuffix))
		if (viaSuffix !== undefined) return viaSuffix
	}
	return normalized
}

const IMPLIED_BY_KEY: ReadonlyMap<string, readonly string[]> = (() => {
	const map = new Map<string, string[]>()
	for (const [holder, covered] of CERTIFICATION_IMPLIES) {
		const key = lookupKey(canonicalCertification(holder))
		map.set(key, [...(map.get(key) ?? []), canonicalCertification(covered)])
	}
	return map
})()

/** Canonical names of everything the held certifications satisfy: themselves, their equivalents and what they imply. */
function coveredKeys(held: readonly string[]): Set<string> {
	const keys = new Set<string>()
	const queue = held.filter((name) => name.trim() !== '').map(canonicalCertification)
	while (queue.length > 0) {
		const name = queue.pop() as string
		const key = lookupKey(name)
		if (keys.has(key)) continue
		keys.add(key)
		queue.push(...(IMPLIED_BY_KEY.get(key) ?? []))
	}
	return keys
}

/**
 * Which required certifications the held ones satisfy, by canonical name (equivalents and one-way coverage count).
 * Both lists are canonical, deduplicated and in the order of `required`.
 */
export function certificationsCover(
	required: readonly string[],
	held: readonly string[],
): { covered: string[]; missing: string[] } {
	const have = coveredKeys(held)
	const covered: string[] = []
	const missing: string[] = []
	const seen = new Set<string>()
	for (const name of required) {
		if (name.trim() === '') continue
		const canonical = canonicalCertification(name)
		const key = lookupKey(canonical)
		if (seen.has(key)) continue
		seen.add(key)
		if (have.has(key)) covered.push(canonical)
		else missing.push(canonical)
	}
	return { covered, missing }
}
