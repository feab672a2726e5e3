import type ExcelJS from 'exceljs'
import JSZip from 'jszip'

// Writing .xlsx exports safely: text is always a plain string cell (never a formula, whatever it starts with),
// characters XML cannot carry are escaped so the file opens and reads back exactly, amounts stay exact, and the
// download name is an RFC 5987 UTF-8 filename with an ASCII fallback.

const EXCEL_CELL_MAX = 32_767
const TEXT_FORMAT = '@'
const AMOUNT_FORMAT = '#,##0.00'

export type CellInput = string | number | { amount: string } | { rate: number } | null

/**
 * OOXML string escaping (ST_Xstring): characters an XML file cannot carry (control characters,
 * U+FFFE, U+FFFF) and CR (which XML parsers turn into LF) become _xHHHH_, and a literal "_xHHHH_"
 * keeps its "_" as _x005F_, so Excel (and exceljs) read back exactly the stored text instead of a
 * file Excel refuses to open.
 */
export function excelText(value: string) {
	return value
		.toWellFormed()
		.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
		.replace(
			/[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]/g,
			(c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
		)
}

/**
 * One row. Text is always a string cell (a shared string, never a formula, whatever it starts
 * with: "=HYPERLINK(…)" stays text) in the Text number format, so editing it in Excel does not
 * turn it into a formula either. Amounts are numbers when Excel can hold them exactly (15
 * significant digits), else exact text. Rates are fractions shown as percentages.
 */
export function addRow(sheet: ExcelJS.Worksheet, cells: CellInput[]) {
	const row = sheet.addRow([])
	cells.forEach((value, i) => {
		const cell = row.getCell(i + 1)
		if (value === null) return
		if (typeof value === 'string') {
			cell.value = excelText(value.slice(0, EXCEL_CELL_MAX))
			cell.numFmt = TEXT_FORMAT
		} else if (typeof value === 'number') {
			cell.value = value
		} else if ('rate' in value) {
			cell.value = value.rate
			cell.numFmt = '0.0%'
		} else if (value.amount.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15) {
			cell.value = Number(value.amount)
			cell.numFmt = AMOUNT_FORMAT
		} else {
			cell.value = value.amount
			cell.numFmt = TEXT_FORMAT
		}
	})
	return row
}

/** A bold header row with column widths, frozen (and the first column too when asked). */
export function header(
	sheet: ExcelJS.Worksheet,
	labels: string[],
	widths: number[],
	{ freezeFirstColumn = false }: { freezeFirstColumn?: boolean } = {},
) {
	const row = addRow(sheet, labels)
	row.font = { bold: true }
	labels.forEach((_, i) => (sheet.getColumn(i + 1).width = widths[i] ?? widths.at(-1) ?? 12))
	sheet.views = [{ state: 'frozen', ySplit: row.number, ...(freezeFirstColumn ? { xSplit: 1 } : {}) }]
}

const FILENAME_UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g

/**
 * Content-Disposition of an attachment: `name` (UTF-8, characters no file system takes become "_") as
 * an RFC 5987 filename*, and `asciiName` for clients that ignore it.
 */
export function attachmentDisposition(name: string, asciiName: string) {
	const safe = name.toWellFormed().replace(FILENAME_UNSAFE, '_')
	const encoded = encodeURIComponent(safe).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	)
	return `attachment; filename="${asciiName.replace(/[^A-Za-z0-9_.-]/g, '')}"; filename*=UTF-8''${encoded}`
}

let zipTextAsBytes = false

/**
 * exceljs hands each XML part to JSZip as a string, and JSZip encodes strings to UTF-8 in 16 KiB
 * slices: a character outside the BMP (CJK Extension B such as 𠮷 in a name, emoji) on a slice
 * boundary is written as two U+FFFD. Text parts are therefore handed over as UTF-8 bytes, encoded whole.
 */
function encodeZipTextWhole() {
	if (zipTextAsBytes) return
	zipTextAsBytes = true
	const file = JSZip.prototype.file as (...args: unknown[]) => unknown
	JSZip.prototype.file = function (this: JSZip, ...args: unknown[]) {
		const options = args[2] as { base64?: boolean } | undefined
		if (args.length >= 2 && typeof args[1] === 'string' && !options?.base64)
			args[1] = Buffer.from(args[1], 'utf8')
		return file.apply(this, args)
	} as typeof JSZip.prototype.file
}

/** The .xlsx file of a workbook, every character intact. */
export async function xlsxBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
	encodeZipTextWhole()
	return Buffer.from(await workbook.xlsx.writeBuffer())
}
