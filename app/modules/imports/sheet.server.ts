import ExcelJS from 'exceljs'

export type Sheet = { headers: string[]; rows: Array<{ rowNumber: number; cells: string[] }> }

export const MAX_IMPORT_ROWS = 10_000

export class SheetError extends Error {}

function dateText(d: Date) {
	// Excel dates carry no zone; they are read as the calendar day in China.
	const shifted = new Date(d.getTime() + 8 * 3600_000)
	return shifted.toISOString().slice(0, 10)
}

/** A cell as text: formulas give their cached result (never evaluated), rich text its plain text. */
export function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return ''
	if (value instanceof Date) return dateText(value)
	if (typeof value === 'object') {
		if ('richText' in value) return value.richText.map((r) => r.text).join('')
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
		if ('text' in value) return String(value.text)
		if ('error' in value) return ''
		return ''
	}
	return String(value).trim()
}

function decodeText(bytes: Uint8Array) {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
	} catch {
		// Excel on Chinese Windows saves CSV as GBK.
		return new TextDecoder('gbk').decode(bytes)
	}
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = []
	let row: string[] = []
	let field = ''
	let quoted = false
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"'
					i++
				} else quoted = false
			} else field += ch
		} else if (ch === '"' && field === '') quoted = true
		else if (ch === ',') {
			row.push(field)
			field = ''
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++
			row.push(field)
			rows.push(row)
			row = []
			field = ''
		} else field += ch
	}
	if (field !== '' || row.length) {
		row.push(field)
		rows.push(row)
	}
	return rows
}

export async function readSheet(fileName: string, bytes: Uint8Array): Promise<Sheet> {
	const isXlsx = bytes[0] === 0x50 && bytes[1] === 0x4b
	let grid: Array<{ rowNumber: number; cells: string[] }> = []
	if (isXlsx) {
		const workbook = new ExcelJS.Workbook()
		try {
			await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
		} catch {
			throw new SheetError('import.errorUnreadable')
		}
		const sheet = workbook.worksheets[0]
		if (!sheet) throw new SheetError('import.errorEmpty')
		if (sheet.rowCount > MAX_IMPORT_ROWS + 1) throw new SheetError('import.errorTooManyRows')
		sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
			const cells: string[] = []
			for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value))
			grid.push({ rowNumber, cells })
		})
	} else if (/\.csv$/i.test(fileName) || !bytes.subarray(0, 512).includes(0)) {
		grid = parseCsv(decodeText(bytes)).map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => c.trim()) }))
	} else {
		throw new SheetError('import.errorFileType')
	}
	grid = grid.filter((r) => r.cells.some((c) => c !== ''))
	if (grid.length === 0) throw new SheetError('import.errorEmpty')
	if (grid.length > MAX_IMPORT_ROWS + 1) throw new SheetError('import.errorTooManyRows')
	const [header, ...rows] = grid
	return { headers: header!.cells, rows }
}
