import { inflateSync } from 'node:zlib'

export type SniffedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf'

/** The file's real type from its first bytes; the name and the browser's claim are ignored. */
export function sniffType(bytes: Uint8Array): SniffedType | null {
	const b = (i: number) => bytes[i] ?? -1
	if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg'
	if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b(i) === v)) return 'image/png'
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
	if (ascii(0, 5) === '%PDF-') return 'application/pdf'
	return null
}

// Names that make a PDF act rather than display: scripts, launch actions, embedded files, forms,
// actions run on open or on page events.
const ACTIVE_PDF =
	/\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|AA|SubmitForm|ImportData|GoToE|OpenAction\s*<<[^>]*\/S\s*\/JavaScript)(?![A-Za-z0-9])/

// Compressed streams (object streams can hold the dictionaries above) are inflated up to this much in total.
const MAX_PDF_INFLATED = 64 * 1024 * 1024

/** PDF names may spell letters as #xx (/J#61vaScript is /JavaScript); readers decode them, so do we. */
function decodePdfNames(text: string) {
	return text.replace(/\/[^\s/<>[\]()%{}]*#[0-9A-Fa-f]{2}[^\s/<>[\]()%{}]*/g, (name) =>
		name.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
	)
}

function* pdfStreams(buffer: Buffer) {
	const text = buffer.toString('latin1')
	const start = /stream\r?\n/g
	for (let match = start.exec(text); match; match = start.exec(text)) {
		const from = match.index + match[0].length
		const end = text.indexOf('endstream', from)
		if (end < 0) return
		yield buffer.subarray(from, end)
		start.lastIndex = end + 9
	}
}

/**
 * True when the PDF can run something: active names in its text or in any Flate-compressed stream
 * (object streams hide them otherwise). Streams that inflate beyond the budget count as active.
 */
export function pdfHasActiveContent(bytes: Uint8Array): boolean {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	if (ACTIVE_PDF.test(decodePdfNames(buffer.toString('latin1')))) return true
	let budget = MAX_PDF_INFLATED
	for (const stream of pdfStreams(buffer)) {
		let inflated: Buffer
		try {
			inflated = inflateSync(stream, { maxOutputLength: budget + 1 })
		} catch (error) {
			if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return true
			continue // not Flate, or damaged: a viewer would not read it either
		}
		budget -= inflated.byteLength
		if (budget < 0) return true
		if (ACTIVE_PDF.test(decodePdfNames(inflated.toString('latin1')))) return true
	}
	return false
}

/** A second format riding on the file: a ZIP directory at the end (PDF+ZIP, JPEG+ZIP polyglots) or HTML. */
export function hasForeignPayload(bytes: Uint8Array): boolean {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	const tail = buffer.subarray(Math.max(0, buffer.byteLength - 65_557))
	if (tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))) return true
	return /<(script|html|svg|iframe)\b/i.test(buffer.toString('latin1'))
}

/** A display-safe file name: no path, no control characters, at most 120 characters. */
export function safeFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? ''
	// Control and bidi characters (U+202E turns "gpj.exe" into "exe.jpg" on screen) are dropped too.
	const cleaned = base
		.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"<>|*?:]/g, '')
		.trim()
	return [...(cleaned || 'file')].slice(0, 120).join('')
}
