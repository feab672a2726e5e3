// Meilisearch returns highlights by wrapping matches in the tags we choose, inside raw user text.
// These control characters never occur in stored text (inputs are normalised), and the UI splits on
// them and renders plain text nodes, so a highlight can never become markup.
export const HIGHLIGHT_PRE = '\u0002'
export const HIGHLIGHT_POST = '\u0003'

export type HighlightPart = { text: string; match: boolean }

export function splitHighlight(formatted: string): HighlightPart[] {
	const parts: HighlightPart[] = []
	let rest = formatted
	while (rest.length) {
		const start = rest.indexOf(HIGHLIGHT_PRE)
		if (start < 0) {
			parts.push({ text: rest, match: false })
			break
		}
		if (start > 0) parts.push({ text: rest.slice(0, start), match: false })
		const end = rest.indexOf(HIGHLIGHT_POST, start + 1)
		const stop = end < 0 ? rest.length : end
		const text = rest.slice(start + 1, stop)
		if (text) parts.push({ text, match: true })
		rest = rest.slice(stop + 1)
	}
	return parts.filter((p) => p.text.length > 0)
}

/**
 * Marks occurrences of the query's terms in text Meilisearch did not highlight (a match through the
 * pre-segmented field, e.g. 处理 inside 待处理). Text that already has markers is left alone.
 */
export function highlightTerms(text: string, terms: string[]): string {
	if (!text || text.includes(HIGHLIGHT_PRE)) return text
	const usable = [...new Set(terms.filter((t) => t.length >= 2 || /[\u3400-\u9fff]/.test(t)))].sort((a, b) => b.length - a.length)
	if (usable.length === 0) return text
	const lower = text.toLowerCase()
	const marks: Array<[number, number]> = []
	for (const term of usable) {
		const needle = term.toLowerCase()
		for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
			const end = at + needle.length
			if (!marks.some(([s, e]) => at < e && end > s)) marks.push([at, end])
		}
	}
	if (marks.length === 0) return text
	marks.sort((a, b) => a[0] - b[0])
	let out = ''
	let last = 0
	for (const [s, e] of marks) {
		out += text.slice(last, s) + HIGHLIGHT_PRE + text.slice(s, e) + HIGHLIGHT_POST
		last = e
	}
	return out + text.slice(last)
}
