// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet; the last one is a
// check character computed with weights 3^i mod 31.
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

export function normalizeUscc(input: string): string {
	return input.replace(/[\s-]/g, '').toUpperCase()
}

export function usccCheckChar(first17: string): string {
	let sum = 0
	for (let i = 0; i < 17; i++) {
		const value = USCC_ALPHABET.indexOf(first17[i]!)
		if (value < 0) throw new RangeError(`invalid USCC character at ${i}`)
		sum += value * WEIGHTS[i]!
	}
	return USCC_ALPHABET[(31 - (sum % 31)) % 31]!
}

export type UsccProblem = 'length' | 'characters' | 'checksum'

/** Returns null when `code` (already normalized) is a valid 统一社会信用代码. */
export function usccProblem(code: string): UsccProblem | null {
	if (code.length !== 18) return 'length'
	if (!USCC_SHAPE.test(code)) return 'characters'
	return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum'
}

export function isValidUscc(code: string): boolean {
	return usccProblem(normalizeUscc(code)) === null
}

/** Completes a 17-character body with its check character (for fixtures and demo data). */
export function withUsccCheckChar(first17: string): string {
	return first17 + usccCheckChar(first17)
}
