import { describe, expect, test } from 'vitest'
import { maskEmail, maskName, maskPhone } from '#app/modules/firms/mask'

describe('maskPhone', () => {
	test.each([
		['13900001234', '139****1234'],
		['18612345678', '186****5678'],
		['139 0000 1234', '139****1234'],
		['139-0000-1234', '139****1234'],
	])('masks mobile %s as %s', (input, masked) => {
		expect(maskPhone(input)).toBe(masked)
	})

	test('mobile numbers never show the middle four digits', () => {
		for (const phone of ['13812345678', '15098761234', '19955501234', '17700000001']) {
			const masked = maskPhone(phone)
			expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`)
			expect(masked).not.toContain(phone.slice(3, 7))
			expect(masked.replace(/\D/g, '')).toBe(phone.slice(0, 3) + phone.slice(7))
		}
	})

	test.each([
		['027-87654321', '027******21'],
		['02787654321', '027******21'],
		['010-1234567', '010*****67'],
	])('masks landline %s as %s', (input, masked) => {
		expect(maskPhone(input)).toBe(masked)
	})

	test('landlines keep at most the first three and last two digits', () => {
		for (const phone of ['0715-8123456', '0715-81234567', '027-87654321', '0731-4567890']) {
			const digits = phone.replace(/\D/g, '')
			const masked = maskPhone(phone)
			expect(masked).toHaveLength(digits.length)
			expect(masked.startsWith(digits.slice(0, 3))).toBe(true)
			expect(masked.endsWith(digits.slice(-2))).toBe(true)
			expect(masked.slice(3, -2)).toMatch(/^\*+$/)
			// The subscriber number's middle is hidden.
			expect(masked).not.toContain(digits.slice(4, -2))
		}
	})

	test.each(['', '1', '12', '123', '1234', '12-34', 'abc'])('short input %j becomes ****', (input) => {
		expect(maskPhone(input)).toBe('****')
	})

	// Only reachable for numbers PhoneSchema would not accept, but a mask must never return its input.
	test('always hides at least one digit', () => {
		for (let len = 1; len <= 15; len++) {
			const digits = '9876543210123456'.slice(0, len)
			const masked = maskPhone(digits)
			expect(masked, `length ${len}: ${digits} -> ${masked}`).toContain('*')
			expect(masked, `length ${len}`).not.toBe(digits)
		}
	})
})

describe('maskName', () => {
	test.each([
		['王', '王*'],
		['王明', '王*'],
		['王小明', '王**'],
		['欧阳小明', '欧***'],
		['爱新觉罗·溥仪', '爱***'],
		['Zhang San', 'Z***'],
	])('%s -> %s', (name, masked) => {
		expect(maskName(name)).toBe(masked)
	})

	test('trims surrounding spaces first', () => {
		expect(maskName('  王小明  ')).toBe('王**')
		expect(maskName('\t王\n')).toBe('王*')
	})

	test('empty and blank names give an empty string', () => {
		expect(maskName('')).toBe('')
		expect(maskName('   ')).toBe('')
	})

	test('counts code points, not UTF-16 units', () => {
		expect(maskName('𠮷野家')).toBe('𠮷**')
		expect(maskName('😀')).toBe('😀*')
	})

	test('never reveals anything but the first character', () => {
		for (const name of ['王小明', '李四', '司马相如', 'Alexander']) {
			const masked = maskName(name)
			expect(masked.slice(1)).toMatch(/^\*+$/)
			expect(masked).not.toContain(name.slice(1))
		}
	})
})

describe('maskEmail', () => {
	test.each([
		['zhang.san@example.com', 'z***@example.com'],
		['a@b.cn', 'a***@b.cn'],
		['@example.com', '***@example.com'],
	])('%s -> %s', (email, masked) => {
		expect(maskEmail(email)).toBe(masked)
	})

	test('without a domain returns an empty string', () => {
		expect(maskEmail('no-at-sign')).toBe('')
		expect(maskEmail('user@')).toBe('')
		expect(maskEmail('')).toBe('')
	})

	test('never reveals the local part beyond its first character', () => {
		const masked = maskEmail('secretname@example.com')
		expect(masked).not.toContain('ecretname')
		expect(masked.endsWith('@example.com')).toBe(true)
	})
})
