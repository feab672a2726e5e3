import { describe, expect, test } from 'vitest'
import {
	CAPABILITY_COLUMNS,
	DEMAND_COLUMNS,
	matchHeaders,
	parseSpecs,
	splitList,
} from '#app/modules/imports/columns'
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

describe('readSheet (xlsx)', () => {
	test('characters outside the BMP survive export and import, wherever the XML is cut into slices', async () => {
		// Long runs of 𠮷 (CJK Extension B) and emoji at eight offsets: some pair sits on a 16 KiB
		// boundary of the XML part (JSZip encodes strings in such slices; xlsxBuffer hands it bytes).
		const ExcelJS = (await import('exceljs')).default
		const { readSheet } = await import('#app/modules/imports/sheet.server')
		const { xlsxBuffer } = await import('#app/utils/excel.server')
		const workbook = new ExcelJS.Workbook()
		const sheet = workbook.addWorksheet('需求')
		const long = (offset: number) => 'x'.repeat(offset) + '𠮷😀'.repeat(4_500)
		sheet.addRow(['外部编号', '需求名称'])
		for (let i = 0; i < 8; i++) sheet.addRow([`A-${i}`, long(i)])
		sheet.addRow(['A-8', '吉𠮷野家 🍜'])
		const read = await readSheet('需求.xlsx', new Uint8Array(await xlsxBuffer(workbook)))
		expect(read.headers).toEqual(['外部编号', '需求名称'])
		const texts = read.rows.map((r) => r.cells[1])
		expect(texts.some((t) => t?.includes('\uFFFD'))).toBe(false)
		expect(texts).toEqual([...Array.from({ length: 8 }, (_, i) => long(i)), '吉𠮷野家 🍜'])
	})
})
