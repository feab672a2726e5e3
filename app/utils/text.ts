/**
 * Text as PostgreSQL and every JSON parser accept it: lone UTF-16 surrogates (possible in JSON
 * payloads, never in browser form posts) become U+FFFD; NUL is removed, and so are the two control
 * characters search uses as highlight markers (search/highlight.ts), so stored text never contains them.
 */
export function wellFormedText(value: string): string {
	return value.toWellFormed().replace(/[\u0000\u0002\u0003]/g, '')
}
