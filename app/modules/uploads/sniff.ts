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

// Names that make a PDF act rather than display: scripts, launch actions, embedded files, forms.
const ACTIVE_PDF = /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA|OpenAction\s*<<[^>]*\/S\s*\/JavaScript)\b/

export function pdfHasActiveContent(bytes: Uint8Array): boolean {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
	return ACTIVE_PDF.test(text)
}

/** A display-safe file name: no path, no control characters, at most 120 characters. */
export function safeFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? ''
	const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '').trim()
	return [...(cleaned || 'file')].slice(0, 120).join('')
}
