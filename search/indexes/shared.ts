import type { Settings } from 'meilisearch'
import { CERTIFICATION_EQUIVALENTS } from '#search/dictionary/certifications'
import { ALL_SYNONYM_GROUPS, meilisearchSynonyms } from '#search/dictionary/index'

// Chinese words are mostly 2–4 characters and one changed character is another word, so typos are
// allowed only on long tokens (model numbers, Latin names). Language detection is pinned to Chinese:
// left alone, Meilisearch guesses Japanese for short Chinese strings.
export const CHINESE_TEXT_SETTINGS = {
	localizedAttributes: [{ locales: ['zho'], attributePatterns: ['*'] }],
	typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
	rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
	synonyms: meilisearchSynonyms([...ALL_SYNONYM_GROUPS, ...CERTIFICATION_EQUIVALENTS]),
	faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'count' } },
	pagination: { maxTotalHits: 5000 },
} satisfies Settings
