// Spreadsheet columns for the two import kinds: the header a user sees, the aliases we accept, and the
// form field each fills. Cluster and chain node arrive as names and are resolved to ids by the importer.

export type ImportKindName = 'CAPABILITY' | 'DEMAND'

export type Column = {
	field: string
	header: string
	aliases: string[]
	required?: boolean
	example: string
	hint?: string
}

export const CAPABILITY_COLUMNS: Column[] = [
	{ field: 'externalRef', header: '外部编号', aliases: ['编号', '产品编号', 'ref', 'external ref'], required: true, example: 'CP-001', hint: '贵司自己的编号；再次导入同一编号会更新而不是重复创建' },
	{ field: 'title', header: '能力名称', aliases: ['标题', '产品名称', 'title'], required: true, example: '400G QSFP-DD 光收发模块' },
	{ field: 'description', header: '能力描述', aliases: ['描述', '说明', 'description'], example: '年产 50 万只，支持来图定制' },
	{ field: 'cluster', header: '产业链群', aliases: ['链群', '产业集群', 'cluster'], example: '电子信息产业集群' },
	{ field: 'chainNode', header: '链节点', aliases: ['产业链节点', '环节', 'chain node'], example: '光模块' },
	{ field: 'tags', header: '产品/工艺标签', aliases: ['标签', 'tags'], example: '光模块，COB 封装' },
	{ field: 'specs', header: '规格参数', aliases: ['规格', 'specs'], example: '速率:400G；传输距离:2km', hint: '“名称:数值”，多项用分号隔开' },
	{ field: 'certifications', header: '资质认证', aliases: ['认证', 'certifications'], example: 'ISO 9001，IATF 16949' },
	{ field: 'capacityValue', header: '产能数值', aliases: ['产能', 'capacity'], example: '50' },
	{ field: 'capacityUnit', header: '产能单位', aliases: ['capacity unit'], example: '万只' },
	{ field: 'capacityPeriod', header: '产能周期', aliases: ['周期', 'period'], example: '年', hint: '日、月或年' },
	{ field: 'moqValue', header: '起订量', aliases: ['最小起订量', 'moq'], example: '1000' },
	{ field: 'moqUnit', header: '起订单位', aliases: ['moq unit'], example: '只' },
	{ field: 'leadTimeDays', header: '交货期（天）', aliases: ['交货期', '交期', 'lead time'], example: '30' },
	{ field: 'priceMin', header: '最低价', aliases: ['价格下限', 'price min'], example: '800' },
	{ field: 'priceMax', header: '最高价', aliases: ['价格上限', 'price max'], example: '1200' },
	{ field: 'priceUnit', header: '价格单位', aliases: ['price unit'], example: '元/只' },
]

export const DEMAND_COLUMNS: Column[] = [
	{ field: 'externalRef', header: '外部编号', aliases: ['编号', '需求编号', '序号', 'ref'], required: true, example: 'XQ-2026-001', hint: '再次导入同一编号会更新而不是重复创建' },
	{ field: 'title', header: '需求名称', aliases: ['标题', '配套需求', '产品名称', 'title'], required: true, example: '车规级 MCU 芯片封装测试' },
	{ field: 'description', header: '需求描述', aliases: ['描述', '技术要求', 'description'], example: '年需求 200 万颗，需通过 AEC-Q100' },
	{ field: 'cluster', header: '产业链群', aliases: ['链群', '产业集群', 'cluster'], example: '电子信息产业集群' },
	{ field: 'chainNode', header: '链节点', aliases: ['产业链节点', '环节', 'chain node'], example: '芯片封装测试' },
	{ field: 'quantityValue', header: '需求数量', aliases: ['数量', 'quantity'], example: '200' },
	{ field: 'quantityUnit', header: '数量单位', aliases: ['单位', 'unit'], example: '万颗' },
	{ field: 'budgetMin', header: '预算下限', aliases: ['预算最低', 'budget min'], example: '300' },
	{ field: 'budgetMax', header: '预算上限', aliases: ['预算最高', 'budget max'], example: '500' },
	{ field: 'budgetUnit', header: '预算单位', aliases: ['budget unit'], example: '万元' },
	{ field: 'requiredCertifications', header: '资质要求', aliases: ['认证要求', '资质', 'certifications'], example: 'IATF 16949，AEC-Q100' },
	{ field: 'deliveryRegion', header: '交付地区', aliases: ['交付地点', '地区', 'region'], example: '东湖新技术开发区（光谷）' },
	{ field: 'deadline', header: '截止日期', aliases: ['响应截止', '截止时间', 'deadline'], example: '2027-03-31', hint: '年-月-日' },
]

export function columnsFor(kind: ImportKindName) {
	return kind === 'CAPABILITY' ? CAPABILITY_COLUMNS : DEMAND_COLUMNS
}

function normaliseHeader(text: string) {
	return text
		.normalize('NFKC')
		.replace(/[\s*＊（）()]/g, '')
		.toLowerCase()
}

/** Maps header cells to fields; unknown headers are ignored, missing required ones reported. */
export function matchHeaders(kind: ImportKindName, headers: string[]) {
	const columns = columnsFor(kind)
	const byName = new Map<string, Column>()
	for (const c of columns) for (const name of [c.header, ...c.aliases]) byName.set(normaliseHeader(name), c)
	const fieldAt = new Map<number, Column>()
	headers.forEach((h, i) => {
		const column = byName.get(normaliseHeader(h))
		if (column && ![...fieldAt.values()].includes(column)) fieldAt.set(i, column)
	})
	const present = new Set([...fieldAt.values()].map((c) => c.field))
	const missing = columns.filter((c) => c.required && !present.has(c.field)).map((c) => c.header)
	return { fieldAt, missing }
}

export const PERIODS: Record<string, 'DAY' | 'MONTH' | 'YEAR'> = { 日: 'DAY', 天: 'DAY', 月: 'MONTH', 年: 'YEAR', day: 'DAY', month: 'MONTH', year: 'YEAR' }

export function splitList(value: string) {
	return value
		.split(/[,，、;；\n]/)
		.map((s) => s.trim())
		.filter(Boolean)
}

/** “速率:400G；距离:2km” → [{ key, value }] */
export function parseSpecs(value: string) {
	return value
		.split(/[;；\n]/)
		.map((s) => s.trim())
		.filter(Boolean)
		.map((pair) => {
			const m = /^(.+?)[:：=](.*)$/.exec(pair)
			return m ? { key: m[1]!.trim(), value: m[2]!.trim() } : { key: pair, value: '' }
		})
}
