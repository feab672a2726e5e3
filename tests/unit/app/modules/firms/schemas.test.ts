import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import { FirmProfileSchema, VerificationDecisionSchema } from '#app/modules/firms/schemas'

function errorsOf(schema: z.ZodType, input: unknown) {
	const result = schema.safeParse(input)
	expect(result.success, 'expected the input to be rejected').toBe(false)
	const errors: Record<string, string[]> = {}
	for (const issue of result.error!.issues) (errors[issue.path.join('.')] ??= []).push(issue.message)
	return errors
}

const minimal = {
	name: '咸宁示例科技',
	regionCode: '421202',
	contactName: '王小明',
	contactPhone: '13900001234',
}

describe('FirmProfileSchema', () => {
	test('fills defaults for optional fields', () => {
		expect(FirmProfileSchema.parse(minimal)).toEqual({
			...minimal,
			address: '',
			description: '',
			website: '',
			contactEmail: '',
			clusterIds: [],
			chainNodeIds: [],
			certifications: [],
			otherCertifications: '',
		})
	})

	test('trims and normalizes a full profile', () => {
		const parsed = FirmProfileSchema.parse({
			...minimal,
			name: '  咸宁示例科技  ',
			contactPhone: '027-8765 4321',
			address: ' 咸宁市咸安区 ',
			description: '  生产光纤连接器。 ',
			website: ' https://example.com/about ',
			contactEmail: ' sales@example.com ',
			clusterIds: ['c1', 'c2'],
			chainNodeIds: ['n1'],
			certifications: ['ISO 9001', 'ISO 9001'],
			otherCertifications: ' 专精特新 ',
		})
		expect(parsed).toMatchObject({
			name: '咸宁示例科技',
			contactPhone: '02787654321',
			address: '咸宁市咸安区',
			description: '生产光纤连接器。',
			website: 'https://example.com/about',
			contactEmail: 'sales@example.com',
			certifications: ['ISO 9001'],
			otherCertifications: '专精特新',
		})
	})

	test.each([
		['name', 'A', 'err.firmName'],
		['name', undefined, 'err.required'],
		['regionCode', 'nowhere', 'err.region'],
		['contactName', '', 'err.required'],
		['contactPhone', '110', 'err.phone'],
		['address', '地'.repeat(201), 'err.tooLong200'],
		['description', 'x'.repeat(2001), 'err.tooLong2000'],
		['website', 'ftp://example.com', 'err.url'],
		['website', 'example.com', 'err.url'],
		['website', 'https://exa mple.com', 'err.url'],
		['website', `https://${'a'.repeat(200)}.com`, 'err.tooLong200'],
		['contactEmail', 'not-an-email', 'err.email'],
		['clusterIds', Array.from({ length: 10 }, (_, i) => `c${i}`), 'err.tooMany'],
		['chainNodeIds', Array.from({ length: 31 }, (_, i) => `n${i}`), 'err.tooMany'],
		['certifications', ['x'.repeat(41)], 'err.certTooLong'],
	])('%s = %j -> %s', (field, value, key) => {
		const errors = errorsOf(FirmProfileSchema, { ...minimal, [field]: value })
		// Only this field fails (array items report on field.index).
		expect(Object.keys(errors).every((p) => p === field || p.startsWith(`${field}.`))).toBe(true)
		expect(Object.values(errors).flat()).toEqual([key])
	})

	test('accepts the limits themselves', () => {
		const parsed = FirmProfileSchema.safeParse({
			...minimal,
			name: '企'.repeat(100),
			address: '地'.repeat(200),
			description: 'x'.repeat(2000),
			website: 'http://example.com',
			clusterIds: Array.from({ length: 9 }, (_, i) => `c${i}`),
			chainNodeIds: Array.from({ length: 30 }, (_, i) => `n${i}`),
			otherCertifications: 'o'.repeat(400),
		})
		expect(parsed.success).toBe(true)
	})

	test('description length is measured after trimming', () => {
		expect(
			FirmProfileSchema.parse({ ...minimal, description: `  ${'x'.repeat(2000)}  ` }).description,
		).toHaveLength(2000)
	})

	// otherCertifications allows 400 characters but reports 'err.tooLong200' ("不能超过 200 个字"),
	// so the message names a limit that is not the one enforced.
	test('the length message of otherCertifications names its real limit', () => {
		expect(FirmProfileSchema.safeParse({ ...minimal, otherCertifications: 'o'.repeat(300) }).success).toBe(
			true,
		)
		expect(
			errorsOf(FirmProfileSchema, { ...minimal, otherCertifications: 'o'.repeat(401) }).otherCertifications,
		).toEqual(['err.tooLong400'])
	})

	// .max(254) on contactEmail has no message, so zod's English default reaches the form.
	test('an over-long contactEmail reports an i18n key', () => {
		const errors = errorsOf(FirmProfileSchema, { ...minimal, contactEmail: `${'a'.repeat(250)}@example.com` })
		for (const message of errors.contactEmail!) expect(message).toMatch(/^err\./)
	})
})

describe('VerificationDecisionSchema', () => {
	test('approve needs only the firm id', () => {
		expect(VerificationDecisionSchema.parse({ intent: 'approve', firmId: 'f1' })).toEqual({
			intent: 'approve',
			firmId: 'f1',
		})
	})

	test('reject keeps a trimmed reason of at least 2 characters', () => {
		expect(
			VerificationDecisionSchema.parse({ intent: 'reject', firmId: 'f1', reason: '  资料不全 ' }),
		).toEqual({
			intent: 'reject',
			firmId: 'f1',
			reason: '资料不全',
		})
		expect(
			VerificationDecisionSchema.safeParse({ intent: 'reject', firmId: 'f1', reason: 'ab' }).success,
		).toBe(true)
	})

	test.each([undefined, '', 'x', '  x  ', '   '])('reject with reason %j -> err.reasonRequired', (reason) => {
		expect(errorsOf(VerificationDecisionSchema, { intent: 'reject', firmId: 'f1', reason })).toEqual({
			reason: ['err.reasonRequired'],
		})
	})

	test('a reason over 500 characters is err.tooLong500', () => {
		expect(
			errorsOf(VerificationDecisionSchema, { intent: 'reject', firmId: 'f1', reason: 'r'.repeat(501) }),
		).toEqual({
			reason: ['err.tooLong500'],
		})
	})

	test('an unknown intent or an empty firm id is rejected', () => {
		expect(VerificationDecisionSchema.safeParse({ intent: 'maybe', firmId: 'f1' }).success).toBe(false)
		expect(VerificationDecisionSchema.safeParse({ firmId: 'f1' }).success).toBe(false)
		expect(VerificationDecisionSchema.safeParse({ intent: 'approve', firmId: '' }).success).toBe(false)
		expect(
			VerificationDecisionSchema.safeParse({ intent: 'reject', firmId: '', reason: 'ok reason' }).success,
		).toBe(false)
	})

	test('approve ignores a stray reason', () => {
		expect(VerificationDecisionSchema.parse({ intent: 'approve', firmId: 'f1', reason: 'x' })).toEqual({
			intent: 'approve',
			firmId: 'f1',
		})
	})
})
