import { describe, expect, test } from 'vitest'
import {
	isValidUscc,
	normalizeUscc,
	USCC_ALPHABET,
	usccCheckChar,
	usccProblem,
	withUsccCheckChar,
} from '#app/modules/firms/uscc'

const KNOWN_VALID = '91110000802100433B'

// Independent reference: GB 32100-2015 weights are 3^i mod 31 and the weighted sum of all
// 18 characters (the check character with weight 1) is a multiple of 31.
const REF_WEIGHTS = Array.from({ length: 17 }, (_, i) => {
	let w = 1
	for (let k = 0; k < i; k++) w = (w * 3) % 31
	return w
})
function referenceIsConsistent(code: string) {
	let sum = 0
	for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(code[i]!) * REF_WEIGHTS[i]!
	return (sum + USCC_ALPHABET.indexOf(code[17]!)) % 31 === 0
}

// Deterministic PRNG so a failure can be reproduced.
function mulberry32(seed: number) {
	return () => {
		seed |= 0
		seed = (seed + 0x6d2b79f5) | 0
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}
const DIGITS = '0123456789'
function randomBody(rand: () => number) {
	const pick = (set: string) => set[Math.floor(rand() * set.length)]!
	let body = ''
	for (let i = 0; i < 17; i++) body += i >= 2 && i < 8 ? pick(DIGITS) : pick(USCC_ALPHABET)
	return body
}

describe('USCC_ALPHABET', () => {
	test('has the 31 symbols of GB 32100 and none of I O Z S V', () => {
		expect(USCC_ALPHABET).toHaveLength(31)
		expect(new Set(USCC_ALPHABET).size).toBe(31)
		for (const ch of 'IOZSV') expect(USCC_ALPHABET).not.toContain(ch)
	})
})

describe('usccProblem', () => {
	test('accepts a known-valid code', () => {
		expect(usccProblem(KNOWN_VALID)).toBeNull()
		expect(isValidUscc(KNOWN_VALID)).toBe(true)
		expect(referenceIsConsistent(KNOWN_VALID)).toBe(true)
	})

	test('rejects a wrong check character as checksum', () => {
		for (const ch of USCC_ALPHABET) {
			if (ch === 'B') continue
			expect(usccProblem(KNOWN_VALID.slice(0, 17) + ch)).toBe('checksum')
		}
	})

	test('rejects wrong lengths', () => {
		expect(usccProblem('')).toBe('length')
		expect(usccProblem(KNOWN_VALID.slice(0, 17))).toBe('length')
		expect(usccProblem(KNOWN_VALID + '0')).toBe('length')
		expect(isValidUscc(KNOWN_VALID.slice(1))).toBe(false)
	})

	test.each(['I', 'O', 'Z', 'S', 'V'])('rejects the forbidden letter %s as characters', (letter) => {
		// In the free part of the body, at the check position and in the first two positions.
		for (const pos of [0, 1, 10, 16, 17]) {
			const code = KNOWN_VALID.slice(0, pos) + letter + KNOWN_VALID.slice(pos + 1)
			expect(usccProblem(code)).toBe('characters')
			expect(isValidUscc(code)).toBe(false)
		}
	})

	test('requires digits in positions 3–8 (administrative division code)', () => {
		const code = KNOWN_VALID.slice(0, 4) + 'A' + KNOWN_VALID.slice(5)
		expect(usccProblem(code)).toBe('characters')
	})

	test('expects a normalized code: lowercase and spaces are reported, not fixed', () => {
		expect(usccProblem(KNOWN_VALID.toLowerCase())).toBe('characters')
		expect(usccProblem(` ${KNOWN_VALID}`)).toBe('length')
	})
})

describe('normalizeUscc / isValidUscc', () => {
	test('uppercases and removes whitespace and hyphens', () => {
		expect(normalizeUscc('91110000802100433b')).toBe(KNOWN_VALID)
		expect(normalizeUscc(' 9111 0000-8021\t00433b\n')).toBe(KNOWN_VALID)
		expect(normalizeUscc('')).toBe('')
	})

	test('isValidUscc normalizes before validating', () => {
		expect(isValidUscc('91110000802100433b')).toBe(true)
		expect(isValidUscc('  9111-0000-8021-0043-3B  ')).toBe(true)
		expect(isValidUscc('91110000802100433c')).toBe(false)
	})
})

describe('usccCheckChar / withUsccCheckChar', () => {
	test('computes the known check character', () => {
		expect(usccCheckChar(KNOWN_VALID.slice(0, 17))).toBe('B')
	})

	test.each([
		'91110000802100433',
		'91420000MA4K00000',
		'12421200000000000',
		'Y1420100000000000',
		'00000000000000000',
	])('round-trips %s', (body) => {
		const code = withUsccCheckChar(body)
		expect(code).toHaveLength(18)
		expect(code.slice(0, 17)).toBe(body)
		expect(code[17]).toBe(usccCheckChar(body))
		expect(USCC_ALPHABET).toContain(code[17])
		expect(usccProblem(code)).toBeNull()
		expect(referenceIsConsistent(code)).toBe(true)
	})

	test('an all-zero body has check character 0', () => {
		expect(withUsccCheckChar('00000000000000000')).toBe('000000000000000000')
	})

	test('throws RangeError on a character outside the alphabet', () => {
		expect(() => usccCheckChar('9111000080210043I')).toThrow(RangeError)
		expect(() => usccCheckChar('9111000080210043')).toThrow(RangeError)
	})
})

describe('property: the check character detects every single substitution', () => {
	test('200 random valid codes; every one-character change is invalid', () => {
		const rand = mulberry32(0x5eed)
		const undetected: string[] = []
		let checked = 0
		for (let n = 0; n < 200; n++) {
			const code = withUsccCheckChar(randomBody(rand))
			expect(usccProblem(code)).toBeNull()
			expect(referenceIsConsistent(code)).toBe(true)
			for (let pos = 0; pos < 18; pos++) {
				for (const ch of USCC_ALPHABET) {
					if (ch === code[pos]) continue
					const mutated = code.slice(0, pos) + ch + code.slice(pos + 1)
					checked++
					if (usccProblem(mutated) === null) undetected.push(`${code} -> ${mutated}`)
				}
			}
		}
		expect(checked).toBe(200 * 18 * 30)
		expect(undetected).toEqual([])
	})
})
