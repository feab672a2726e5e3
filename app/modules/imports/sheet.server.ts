import { inflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'

export type Sheet = { headers: string[]; rows: Array<{ rowNumber: number; cells: string[] }> }

export const MAX_IMPORT_ROWS = 10_000

export class SheetError extends Error {}

/** Everything in an .xlsx unpacked together; a 10,000-row sheet is far below this. */
export const MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024
const MAX_XLSX_ENTRIES = 2_000

// Parts that make a workbook run or fetch something: macros, ActiveX, OLE objects, links to other files.
const ACTIVE_PART =
	/(^|\/)(vbaProject\.bin|vbaProjectSignature\.bin)$|^xl\/(externalLinks|activeX|embeddings|macrosheets|dialogsheets)\//i

/**
 * Reads the ZIP directory of an .xlsx before ExcelJS does, and unpacks every part with a running budget
 * (declared sizes may lie): zip bombs, macros and external links are refused before any parsing.
 */
export function inspectXlsx(bytes: Uint8Array) {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	let eocd = -1
	for (let i = buf.byteLength - 22; i >= Math.max(0, buf.byteLength - 65_557); i--) {
		if (buf.readUInt32LE(i) === 0x06054b50) {
			eocd = i
			break
		}
	}
	if (eocd < 0) throw new SheetError('import.errorUnreadable')
	const count = buf.readUInt16LE(eocd + 10)
	let at = buf.readUInt32LE(eocd + 16)
	if (count > MAX_XLSX_ENTRIES || count === 0xffff || at === 0xffffffff)
		throw new SheetError('import.errorUnreadable')
	let budget = MAX_XLSX_UNPACKED_BYTES
	for (let n = 0; n < count; n++) {
		if (at + 46 > buf.byteLength || buf.readUInt32LE(at) !== 0x02014b50)
			throw new SheetError('import.errorUnreadable')
		const method = buf.readUInt16LE(at + 10)
		const compressed = buf.readUInt32LE(at + 20)
		const nameLength = buf.readUInt16LE(at + 28)
		const name = buf.toString('utf8', at + 46, at + 46 + nameLength)
		const local = buf.readUInt32LE(at + 42)
		at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
		if (ACTIVE_PART.test(name)) throw new SheetError('import.errorActiveContent')
		if (local + 30 > buf.byteLength || buf.readUInt32LE(local) !== 0x04034b50)
			throw new SheetError('import.errorUnreadable')
		const from = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
		const data = buf.subarray(from, from + compressed)
		let size: number
		if (method === 0) size = data.byteLength
		else if (method === 8) {
			try {
				size = inflateRawSync(data, { maxOutputLength: budget + 1 }).byteLength
			} catch (error) {
				if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
					throw new SheetError('import.errorUnpackedTooLarge')
				throw new SheetError('import.errorUnreadable')
			}
		} else throw new SheetError('import.errorUnreadable')
		budget -= size
		if (budget < 0) throw new SheetError('import.errorUnpackedTooLarge')
	}
}

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

export async function readSheet(_fileName: string, bytes: Uint8Array): Promise<Sheet> {
	const isXlsx = bytes[0] === 0x50 && bytes[1] === 0x4b
	let grid: Array<{ rowNumber: number; cells: string[] }> = []
	if (isXlsx) {
		inspectXlsx(bytes)
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
	} else if (!bytes.subarray(0, 4096).includes(0)) {
		// Text has no NUL bytes, whatever the name says (an executable renamed .csv has plenty).
		grid = parseCsv(decodeText(bytes)).map((cells, i) => ({
			rowNumber: i + 1,
			cells: cells.map((c) => c.trim()),
		}))
	} else {
		throw new SheetError('import.errorFileType')
	}
	grid = grid.filter((r) => r.cells.some((c) => c !== ''))
	if (grid.length === 0) throw new SheetError('import.errorEmpty')
	if (grid.length > MAX_IMPORT_ROWS + 1) throw new SheetError('import.errorTooManyRows')
	const [header, ...rows] = grid
	return { headers: header!.cells, rows }
}
