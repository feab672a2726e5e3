import { describe, expect, test } from 'vitest'
import { CAPABILITY_COLUMNS, DEMAND_COLUMNS, matchHeaders, parseSpecs, splitList } from '#app/modules/imports/columns'
import { parseCsv } from '#app/modules/imports/sheet.server'

describe('matchHeaders', () => {
	test('template headers (with the required star) and aliases map to fields', () => {
		const headers = DEMAND_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header))
		const { fieldAt, missing } = matchHeaders('DEMAND', headers)
		expect(missing).toEqual([])
		expect([...fieldAt.values()].map((c) => c.field)).toEqual(DEMAND_COLUMNS.map((c) => c.field))
		expect(matchHeaders('DEMAND', ['序号', ' 配套需求 ', '技术要求']).fieldAt.size).toBe(3)
	})

	test('missing required columns are named', () => {
		expect(matchHeaders('CAPABILITY', ['能力描述']).missing).toEqual(['外部编号', '能力名称'])
	})

	test('every column has an example and a unique field', () => {
		for (const columns of [CAPABILITY_COLUMNS, DEMAND_COLUMNS]) {
			expect(new Set(columns.map((c) => c.field)).size).toBe(columns.length)
			for (const c of columns) expect(c.example.length).toBeGreaterThan(0)
		}
	})
})

describe('cell parsing', () => {
	test('lists split on Chinese and Latin separators', () => {
		expect(splitList('ISO 9001，IATF 16949、 AEC-Q100;')).toEqual(['ISO 9001', 'IATF 16949', 'AEC-Q100'])
	})

	test('specs are “name:value” pairs separated by semicolons', () => {
		expect(parseSpecs('速率:400G；传输距离：2km;公差=±0.01mm')).toEqual([
			{ key: '速率', value: '400G' },
			{ key: '传输距离', value: '2km' },
			{ key: '公差', value: '±0.01mm' },
		])
		expect(parseSpecs('只有名称')).toEqual([{ key: '只有名称', value: '' }])
	})
})

describe('parseCsv', () => {
	test('quotes, doubled quotes, embedded commas and newlines, CRLF', () => {
		const csv = '编号,名称,描述\r\nA1,"光模块, 400G","第一行\n第二行 ""引号"""\r\nA2,铝型材,\r\n'
		expect(parseCsv(csv)).toEqual([
			['编号', '名称', '描述'],
			['A1', '光模块, 400G', '第一行\n第二行 "引号"'],
			['A2', '铝型材', ''],
		])
	})

	test('a formula-looking cell stays text', () => {
		expect(parseCsv('=HYPERLINK("http://x"),+1\n')).toEqual([['=HYPERLINK("http://x")', '+1']])
	})
})
