import { describe, expect, test } from 'vitest'
import { pdfHasActiveContent, safeFileName, sniffType } from '#app/modules/uploads/sniff'

const bytes = (...values: Array<number | string>) =>
	new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v, 'latin1')] : [v])))

describe('sniffType', () => {
	test('recognises the four accepted types by their magic bytes', () => {
		expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg')
		expect(sniffType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png')
		expect(sniffType(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp')
		expect(sniffType(bytes('%PDF-1.7\n'))).toBe('application/pdf')
	})

	test('refuses HTML, SVG, GIF, ZIP and empty files whatever their name', () => {
		for (const sample of ['<!doctype html><script>', '<svg xmlns="http://www.w3.org/2000/svg">', 'GIF89a', 'PK\u0003\u0004', '']) {
			expect(sniffType(bytes(sample))).toBeNull()
		}
	})
})

describe('pdfHasActiveContent', () => {
	test('flags scripts, launch actions and embedded files', () => {
		expect(pdfHasActiveContent(bytes('%PDF-1.4 1 0 obj << /S /JavaScript /JS (app.alert(1)) >>'))).toBe(true)
		expect(pdfHasActiveContent(bytes('%PDF-1.4 << /Type /Action /S /Launch /F (cmd.exe) >>'))).toBe(true)
		expect(pdfHasActiveContent(bytes('%PDF-1.4 << /Type /EmbeddedFile >>'))).toBe(true)
		expect(pdfHasActiveContent(bytes('%PDF-1.4 << /Type /Page /Contents 4 0 R >> %%EOF'))).toBe(false)
	})
})

describe('safeFileName', () => {
	test('drops paths and control characters and limits the length', () => {
		expect(safeFileName('../../etc/passwd')).toBe('passwd')
		expect(safeFileName('C:\\图纸\\壳体<v2>.pdf')).toBe('壳体v2.pdf')
		expect(safeFileName('\u0000\u0001')).toBe('file')
		expect([...safeFileName('长'.repeat(300))]).toHaveLength(120)
	})
})
