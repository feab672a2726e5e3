// Text helpers shared by the matcher's features: one normalisation for both sides, clause splitting and the
// character-bigram tokens of the lexical relevance score.

/** NFKC (full-width → ASCII, ㎡ → m2, ℃ → °C), lowercase latin, one space between words. */
export function normalizeText(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/(\d),(\d{3})(?!\d)/g, '$1$2')
		.replace(/\s+/g, ' ')
		.trim()
}

export const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/

/** Clauses of a normalised text (thousands separators are already gone): split at sentence and clause punctuation, not at 、 (it lists items inside one clause). */
export function splitClauses(text: string): string[] {
	return text
		.split(/[。；;！!？?\n，,]/)
		.map((c) => c.trim())
		.filter((c) => c.length > 0)
}

const TOKEN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9][a-z0-9.+]*/g

/**
 * Lexical tokens of a normalised text: the character bigrams of every CJK run (a lone character counts as itself)
 * and every latin/number word. Bigrams make the score independent of any word segmentation.
 */
export function bigramTokens(text: string): string[] {
	const tokens: string[] = []
	for (const run of text.match(TOKEN_RUN) ?? []) {
		if (CJK_CHAR.test(run[0] as string)) {
			const chars = [...run]
			if (chars.length === 1) tokens.push(run)
			for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`)
		} else {
			const word = run.replace(/\.+$/, '')
			if (word.length === 0) continue
			tokens.push(word)
			// Codes also match by their parts: DP780 meets 780MPa, EH36 meets AH32～EH36.
			const parts = word.match(/[a-z]+|\d+(?:\.\d+)?/g) ?? []
			if (parts.length > 1) for (const part of parts) if (part.length >= 2) tokens.push(part)
		}
	}
	return tokens
}

export function countTokens(tokens: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>()
	for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1)
	return counts
}

const LATIN_EDGE = /[a-z0-9]/

/**
 * Whether a normalised term occurs in a normalised text. Latin edges must sit on a word boundary, so SC does not
 * match inside SCM and TIM not inside timing; CJK edges need none.
 */
export function containsTerm(text: string, term: string): boolean {
	if (term.length === 0) return false
	let from = 0
	for (;;) {
		const at = text.indexOf(term, from)
		if (at < 0) return false
		const before = at > 0 ? (text[at - 1] as string) : ''
		const after = text[at + term.length] ?? ''
		const okBefore = !LATIN_EDGE.test(term[0] as string) || !LATIN_EDGE.test(before)
		const okAfter = !LATIN_EDGE.test(term[term.length - 1] as string) || !LATIN_EDGE.test(after)
		if (okBefore && okAfter) return true
		from = at + 1
	}
}
