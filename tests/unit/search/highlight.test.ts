import { describe, expect, test } from 'vitest'
import { wellFormedText } from '#app/utils/text'
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, highlightTerms, splitHighlight } from '#search/highlight'

const mark = (s: string) => `${HIGHLIGHT_PRE}${s}${HIGHLIGHT_POST}`

describe('splitHighlight', () => {
	test('splits matches from plain text and keeps every character', () => {
		const text = `待${mark('处理')}废钢${mark('处理')}`
		expect(splitHighlight(text)).toEqual([
			{ text: '待', match: false },
			{ text: '处理', match: true },
			{ text: '废钢', match: false },
			{ text: '处理', match: true },
		])
	})

	test('markup in user text stays text', () => {
		const parts = splitHighlight(`<img src=x onerror=alert(1)>${mark('光模块')}</b>`)
		expect(parts.map((p) => p.text).join('')).toBe('<img src=x onerror=alert(1)>光模块</b>')
		expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['光模块'])
	})

	test('an unterminated marker does not swallow or duplicate text', () => {
		expect(splitHighlight(`a${HIGHLIGHT_PRE}bc`)).toEqual([
			{ text: 'a', match: false },
			{ text: 'bc', match: true },
		])
		expect(splitHighlight('')).toEqual([])
	})

	test('stored text is cleaned of the marker characters (and NUL), nothing else', () => {
		expect(wellFormedText(`x${HIGHLIGHT_PRE}y${HIGHLIGHT_POST}z\u0000 <b>光模块</b>`)).toBe('xyz <b>光模块</b>')
	})
})

describe('highlightTerms', () => {
	test('marks a sub-word inside a compound, longest terms first, without overlaps', () => {
		const out = highlightTerms('待处理废钢铁预处理服务', ['处理', '废钢铁', '废钢'])
		expect(splitHighlight(out)).toEqual([
			{ text: '待', match: false },
			{ text: '处理', match: true },
			{ text: '废钢铁', match: true },
			{ text: '预', match: false },
			{ text: '处理', match: true },
			{ text: '服务', match: false },
		])
	})

	test('leaves text Meilisearch already highlighted, and ignores one-letter Latin terms', () => {
		const already = `${HIGHLIGHT_PRE}光模块${HIGHLIGHT_POST}`
		expect(highlightTerms(already, ['光'])).toBe(already)
		expect(highlightTerms('a b c', ['a'])).toBe('a b c')
		expect(highlightTerms('QSFP-DD 光模块', ['qsfp'])).toBe(`${HIGHLIGHT_PRE}QSFP${HIGHLIGHT_POST}-DD 光模块`)
	})
})
