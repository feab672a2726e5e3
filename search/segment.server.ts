import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import { remember } from '#app/utils/remember.server'
import { jiebaUserDict } from '#search/dictionary/terms'

function jieba(): Jieba {
	return remember('jieba', () => {
		const instance = Jieba.withDict(dict)
		instance.loadDict(Buffer.from(jiebaUserDict(), 'utf8'))
		return instance
	})
}

const CJK = /[\u3400-\u9fff]/

/**
 * Meilisearch's own jieba keeps compounds such as 待处理 whole, so a search for 处理 misses them.
 * Documents therefore carry an extra field with jieba's search-mode cut (every dictionary sub-word
 * of each compound), space-separated, which Meilisearch then tokenises word by word.
 */
export function segmentForIndex(text: string): string {
	const seen = new Set<string>()
	for (const token of jieba().cutForSearch(text, true)) {
		const word = token.trim()
		if (!word || (!CJK.test(word) && word.length < 2)) continue
		seen.add(word)
	}
	return [...seen].join(' ')
}

/** Words of a query as jieba with the industry dictionary sees them (used by the matcher). */
export function segmentQuery(text: string): string[] {
	return jieba()
		.cut(text, true)
		.map((t) => t.trim())
		.filter((t) => t && /[\p{L}\p{N}]/u.test(t))
}
