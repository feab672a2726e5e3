/**
 * Text as PostgreSQL and every JSON parser accept it: lone UTF-16 surrogates (possible in JSON
 * payloads, never in browser form posts) become U+FFFD and NUL characters are removed.
 */
export function wellFormedText(value: string): string {
	return value.toWellFormed().replace(/\u0000/g, '')
}
