import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import {
	AcceptInviteSchema,
	CertificationsSchema,
	EmailSchema,
	LoginSchema,
	PasswordSchema,
	PhoneSchema,
	RegisterSchema,
	UsccSchema,
} from '#app/modules/auth/schemas'

/** path -> messages, '' for the root. */
function errorsOf(schema: z.ZodType, input: unknown) {
	const result = schema.safeParse(input)
	expect(result.success, 'expected the input to be rejected').toBe(false)
	const errors: Record<string, string[]> = {}
	for (const issue of result.error!.issues) (errors[issue.path.join('.')] ??= []).push(issue.message)
	return errors
}

function messagesOf(schema: z.ZodType, input: unknown) {
	return Object.values(errorsOf(schema, input)).flat()
}

const validRegistration = {
	kind: 'SUPPLIER',
	firmName: '  咸宁示例科技有限公司 ',
	uscc: ' 9111 0000 8021 0043 3b ',
	regionCode: '421202',
	contactName: ' 王小明 ',
	contactPhone: '139 0000 1234',
	name: '王小明',
	email: '  Wang.XiaoMing@Example.COM ',
	password: 'correcthorse1',
	confirmPassword: 'correcthorse1',
	agree: 'on',
	website: '',
}

describe('EmailSchema', () => {
	test('trims and lowercases', () => {
		expect(EmailSchema.parse('  Wang@Example.COM ')).toBe('wang@example.com')
	})

	test.each([
		['', 'err.required'],
		['   ', 'err.required'],
		['not-an-email', 'err.email'],
		['a@b', 'err.email'],
		[`${'a'.repeat(250)}@example.com`, 'err.email'],
	])('%j -> %s', (input, key) => {
		expect(messagesOf(EmailSchema, input)).toEqual([key])
	})

	test('a non-string is err.required', () => {
		expect(messagesOf(EmailSchema, undefined)).toEqual(['err.required'])
		expect(messagesOf(EmailSchema, 42)).toEqual(['err.required'])
	})
})

describe('PasswordSchema', () => {
	test.each(['correcthorse1', '密码密码密码密码12', 'Пароль12345', `${'a'.repeat(127)}1`])(
		'accepts %j',
		(pw) => {
			expect(PasswordSchema.parse(pw)).toBe(pw)
		},
	)

	test.each([
		['', 'err.passwordLength'],
		['abc123', 'err.passwordLength'],
		['abcdefghi', 'err.passwordLength'],
		['abcdefghij', 'err.passwordMix'],
		['1234567890', 'err.passwordMix'],
		['!@#$%^&*()_+', 'err.passwordMix'],
	])('%j -> %s', (pw, key) => {
		expect(messagesOf(PasswordSchema, pw)).toContain(key)
	})

	test('longer than 128 is err.passwordMax', () => {
		expect(messagesOf(PasswordSchema, `${'a'.repeat(128)}1`)).toEqual(['err.passwordMax'])
	})

	test('does not trim: spaces count toward the length', () => {
		expect(PasswordSchema.parse(' abcdefgh1 ')).toBe(' abcdefgh1 ')
	})
})

describe('PhoneSchema', () => {
	test.each([
		['13900001234', '13900001234'],
		[' 139 0000 1234 ', '13900001234'],
		['139-0000-1234', '13900001234'],
		['027-87654321', '02787654321'],
		['0715 8123456', '07158123456'],
		['010-1234567', '0101234567'],
	])('%j -> %s', (input, normalized) => {
		expect(PhoneSchema.parse(input)).toBe(normalized)
	})

	test.each([
		'',
		'12345',
		'1390000123',
		'139000012345',
		'12900001234',
		'+8613900001234',
		'1390000123a',
		'27-87654321',
	])('rejects %j with err.phone', (input) => {
		expect(messagesOf(PhoneSchema, input)).toEqual(['err.phone'])
	})
})

describe('UsccSchema', () => {
	test('uppercases and strips whitespace and hyphens', () => {
		expect(UsccSchema.parse(' 91110000802100433b ')).toBe('91110000802100433B')
		expect(UsccSchema.parse('9111-0000-8021-0043-3B')).toBe('91110000802100433B')
	})

	test.each([
		['', 'err.required'],
		['  ', 'err.required'],
		['9111000080210043', 'err.uscc.length'],
		['91110000802100433BB', 'err.uscc.length'],
		['9111000080210043IB', 'err.uscc.characters'],
		['91110000802100433C', 'err.uscc.checksum'],
		['91110000802100434B', 'err.uscc.checksum'],
	])('%j -> %s', (input, key) => {
		expect(messagesOf(UsccSchema, input)).toEqual([key])
	})
})

describe('CertificationsSchema', () => {
	test('defaults to an empty list and removes duplicates after trimming', () => {
		expect(CertificationsSchema.parse(undefined)).toEqual([])
		expect(CertificationsSchema.parse(['ISO 9001', ' ISO 9001 ', 'IATF 16949'])).toEqual([
			'ISO 9001',
			'IATF 16949',
		])
	})

	test('limits item length and count', () => {
		expect(messagesOf(CertificationsSchema, ['x'.repeat(41)])).toEqual(['err.certTooLong'])
		expect(
			messagesOf(
				CertificationsSchema,
				Array.from({ length: 31 }, (_, i) => `c${i}`),
			),
		).toEqual(['err.tooMany'])
	})
})

describe('LoginSchema', () => {
	test('accepts and normalizes the email', () => {
		expect(
			LoginSchema.parse({ email: ' Admin@Example.com ', password: 'x', redirectTo: '/dashboard' }),
		).toEqual({
			email: 'admin@example.com',
			password: 'x',
			redirectTo: '/dashboard',
		})
	})

	test('redirectTo is optional and the password is not checked for strength', () => {
		expect(LoginSchema.parse({ email: 'a@example.com', password: 'weak' })).toEqual({
			email: 'a@example.com',
			password: 'weak',
		})
	})

	test('reports missing fields per path', () => {
		expect(errorsOf(LoginSchema, {})).toEqual({ email: ['err.required'], password: ['err.required'] })
		expect(errorsOf(LoginSchema, { email: 'bad', password: '' })).toEqual({
			email: ['err.email'],
			password: ['err.required'],
		})
	})

	test('a password over 128 characters is err.passwordMax', () => {
		expect(errorsOf(LoginSchema, { email: 'a@example.com', password: 'p'.repeat(129) })).toEqual({
			password: ['err.passwordMax'],
		})
	})
})

describe('RegisterSchema', () => {
	test('accepts a valid registration and normalizes it', () => {
		expect(RegisterSchema.parse(validRegistration)).toEqual({
			kind: 'SUPPLIER',
			firmName: '咸宁示例科技有限公司',
			uscc: '91110000802100433B',
			regionCode: '421202',
			contactName: '王小明',
			contactPhone: '13900001234',
			name: '王小明',
			email: 'wang.xiaoming@example.com',
			password: 'correcthorse1',
			confirmPassword: 'correcthorse1',
			agree: 'on',
			website: '',
		})
	})

	test('the honeypot may be absent', () => {
		const { website: _website, ...rest } = validRegistration
		expect(RegisterSchema.safeParse(rest).success).toBe(true)
	})

	test.each([
		['kind', 'ADMIN', 'err.required'],
		['kind', undefined, 'err.required'],
		['firmName', 'A', 'err.firmName'],
		['firmName', ' 甲 ', 'err.firmName'],
		['firmName', '企'.repeat(101), 'err.tooLong100'],
		['uscc', '91110000802100433C', 'err.uscc.checksum'],
		['uscc', '', 'err.required'],
		['regionCode', '999999', 'err.region'],
		['regionCode', undefined, 'err.region'],
		['contactName', '  ', 'err.required'],
		['contactName', '名'.repeat(51), 'err.tooLong50'],
		['contactPhone', '12345', 'err.phone'],
		['name', '', 'err.required'],
		['email', 'nope', 'err.email'],
		['agree', undefined, 'err.agree'],
		['agree', 'off', 'err.agree'],
		['agree', 'true', 'err.agree'],
		['website', 'http://spam.example', 'err.bot'],
		['website', ' ', 'err.bot'],
	])('%s = %j -> %s', (field, value, key) => {
		expect(errorsOf(RegisterSchema, { ...validRegistration, [field]: value })).toEqual({ [field]: [key] })
	})

	test('a weak password reports on password', () => {
		const weak = { ...validRegistration, password: 'short1', confirmPassword: 'short1' }
		expect(errorsOf(RegisterSchema, weak)).toEqual({ password: ['err.passwordLength'] })
		const noDigit = { ...validRegistration, password: 'onlyletters', confirmPassword: 'onlyletters' }
		expect(errorsOf(RegisterSchema, noDigit)).toEqual({ password: ['err.passwordMix'] })
	})

	test('mismatched passwords report err.passwordMatch on confirmPassword', () => {
		expect(errorsOf(RegisterSchema, { ...validRegistration, confirmPassword: 'correcthorse2' })).toEqual({
			confirmPassword: ['err.passwordMatch'],
		})
	})

	test('every message is an i18n key', () => {
		const messages = messagesOf(RegisterSchema, {})
		expect(messages.length).toBeGreaterThan(0)
		for (const m of messages) expect(m).toMatch(/^err\.[\w.]+$/)
	})
})

describe('AcceptInviteSchema', () => {
	test('accepts matching strong passwords', () => {
		expect(
			AcceptInviteSchema.parse({ name: ' 李四 ', password: 'abcdefgh12', confirmPassword: 'abcdefgh12' }),
		).toEqual({
			name: '李四',
			password: 'abcdefgh12',
			confirmPassword: 'abcdefgh12',
		})
	})

	test('a mismatch reports on confirmPassword', () => {
		expect(
			errorsOf(AcceptInviteSchema, { name: '李四', password: 'abcdefgh12', confirmPassword: 'abcdefgh13' }),
		).toEqual({
			confirmPassword: ['err.passwordMatch'],
		})
	})
})
