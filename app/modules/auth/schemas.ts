import { z } from 'zod'
import { REGION_CODES } from '../firms/regions'
import { normalizeUscc, usccProblem } from '../firms/uscc'
import { isCommonPassword, passwordContextProblem } from './password-rules'

// Messages are i18n keys (see app/i18n); the UI and the API translate them.
export const EmailSchema = z
	.string({ error: 'err.required' })
	.trim()
	.min(1, 'err.required')
	.max(254, 'err.email')
	.pipe(z.email({ error: 'err.email' }))
	.transform((v) => v.toLowerCase())

export const PasswordSchema = z
	.string({ error: 'err.required' })
	.min(10, 'err.passwordLength')
	.max(128, 'err.passwordMax')
	.refine((v) => /\p{L}/u.test(v) && /\d/.test(v), 'err.passwordMix')
	.refine((v) => !isCommonPassword(v), 'err.passwordCommon')

export const PersonNameSchema = z
	.string({ error: 'err.required' })
	.trim()
	.min(1, 'err.required')
	.max(50, 'err.tooLong50')

export const PhoneSchema = z
	.string({ error: 'err.required' })
	.trim()
	.transform((v) => v.replace(/[\s-]/g, ''))
	.pipe(z.string({ error: 'err.phone' }).regex(/^(1[3-9]\d{9}|0\d{2,3}\d{7,8})$/, 'err.phone'))

export const UsccSchema = z
	.string({ error: 'err.required' })
	.transform(normalizeUscc)
	.superRefine((v, ctx) => {
		if (!v) return ctx.addIssue({ code: 'custom', message: 'err.required' })
		const problem = usccProblem(v)
		if (problem) ctx.addIssue({ code: 'custom', message: `err.uscc.${problem}` })
	})

export const LoginSchema = z.object({
	email: EmailSchema,
	password: z.string({ error: 'err.required' }).min(1, 'err.required').max(128, 'err.passwordMax'),
	redirectTo: z.string().optional(),
})

export const CertificationsSchema = z
	.array(z.string().trim().min(1).max(40, 'err.certTooLong'))
	.max(30, 'err.tooMany')
	.default([])
	.transform((list) => [...new Set(list)])

export const FirmKindSchema = z.enum(['SUPPLIER', 'BUYER'], { error: 'err.required' })
export const RegionCodeSchema = z.enum(REGION_CODES, { error: 'err.region' })

export const RegisterSchema = z
	.object({
		kind: FirmKindSchema,
		firmName: z.string({ error: 'err.required' }).trim().min(2, 'err.firmName').max(100, 'err.tooLong100'),
		uscc: UsccSchema,
		regionCode: RegionCodeSchema,
		contactName: PersonNameSchema,
		contactPhone: PhoneSchema,
		name: PersonNameSchema,
		email: EmailSchema,
		password: PasswordSchema,
		confirmPassword: z.string({ error: 'err.required' }),
		agree: z.literal('on', { error: 'err.agree' }),
		/** Honeypot: people leave it empty. */
		website: z.string().max(0, 'err.bot').optional(),
	})
	.refine((v) => v.password === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'err.passwordMatch',
	})
	.superRefine((v, ctx) => {
		const problem = passwordContextProblem(v.password, v.email)
		if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
	})

export const InviteSchema = z.object({ email: EmailSchema })

export const AcceptInviteSchema = z
	.object({
		name: PersonNameSchema,
		password: PasswordSchema,
		confirmPassword: z.string({ error: 'err.required' }),
	})
	.refine((v) => v.password === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'err.passwordMatch',
	})

export const ChangePasswordSchema = z
	.object({
		intent: z.literal('password'),
		currentPassword: z.string({ error: 'err.required' }).min(1, 'err.required').max(128, 'err.passwordMax'),
		password: PasswordSchema,
		confirmPassword: z.string({ error: 'err.required' }),
	})
	.refine((v) => v.password === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'err.passwordMatch',
	})

export const DeleteAccountSchema = z.object({
	intent: z.literal('delete'),
	currentPassword: z.string({ error: 'err.required' }).min(1, 'err.required').max(128, 'err.passwordMax'),
})
