import { randomBytes } from 'node:crypto'
import { USCC_ALPHABET, withUsccCheckChar } from '#app/modules/firms/uscc'

let counter = 0

export function uniqueEmail(prefix = 'user') {
	return `${prefix}.${Date.now().toString(36)}.${(counter++).toString(36)}${randomBytes(2).toString('hex')}@example.com`
}

/** A valid 统一社会信用代码 with a random organisation code. */
export function makeUscc(region = '421202') {
	const bytes = randomBytes(9)
	const org = [...bytes].map((b) => USCC_ALPHABET[b % USCC_ALPHABET.length]).join('')
	return withUsccCheckChar(`91${region}${org}`)
}

export function registrationInput(overrides: Partial<Record<string, string>> = {}) {
	const password = 'Zhang2026test'
	return {
		kind: 'SUPPLIER' as const,
		firmName: '咸宁测试精密机械有限公司',
		uscc: makeUscc(),
		regionCode: '421202',
		contactName: '张伟',
		contactPhone: '13900009999',
		name: '张伟',
		email: uniqueEmail(),
		password,
		confirmPassword: password,
		agree: 'on' as const,
		...overrides,
	}
}
