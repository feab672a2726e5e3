import { z } from 'zod'
import { wellFormedText } from '#app/utils/text'
import { CertificationsSchema } from '../auth/schemas'

export const text = (max: number, key: string) => z.string().transform(wellFormedText).pipe(z.string().trim().max(max, key)).default('')
export const optionalId = z
	.string()
	.trim()
	.max(40)
	.optional()
	.transform((v) => (v ? v : undefined))

/** Empty input is "not given"; anything else must be a finite, non-negative number. */
export const OptionalNumberSchema = z
	.union([z.number(), z.string()])
	.optional()
	.transform((v, ctx) => {
		if (v === undefined || v === '') return undefined
		const n = typeof v === 'number' ? v : Number(String(v).replace(/[,，\s]/g, ''))
		if (!Number.isFinite(n) || n < 0 || n > 1e12) {
			ctx.addIssue({ code: 'custom', message: 'err.number' })
			return z.NEVER
		}
		return n
	})

export const SpecsSchema = z
	.array(z.object({ key: z.string().trim().max(40, 'err.tooLong50'), value: z.string().trim().max(200, 'err.tooLong200') }))
	.max(30, 'err.tooMany')
	.default([])
	.transform((rows) => rows.filter((r) => r.key || r.value))
	.refine((rows) => rows.every((r) => r.key && r.value), 'err.specIncomplete')

export const TagsSchema = z
	.union([z.array(z.string()), z.string()])
	.default([])
	.transform((v) =>
		(Array.isArray(v) ? v : v.split(/[,，、;；\n]/))
			.map((s) => s.trim())
			.filter(Boolean),
	)
	.pipe(z.array(z.string().max(30, 'err.tagTooLong')).max(20, 'err.tooMany'))
	.transform((list) => [...new Set(list)])

export const OtherCertificationsSchema = z
	.string()
	.trim()
	.max(400, 'err.tooLong400')
	.default('')
	.transform((v) =>
		v
			.split(/[,，、;；\n]/)
			.map((s) => s.trim())
			.filter(Boolean),
	)
	.pipe(z.array(z.string().max(40, 'err.certTooLong')).max(30, 'err.tooMany'))

export const priceBand = (minKey: 'priceMin' | 'budgetMin', maxKey: 'priceMax' | 'budgetMax') =>
	(v: Record<string, unknown>, ctx: z.RefinementCtx) => {
		const min = v[minKey] as number | undefined
		const max = v[maxKey] as number | undefined
		if (min !== undefined && max !== undefined && min > max) ctx.addIssue({ code: 'custom', path: [maxKey], message: 'err.rangeOrder' })
	}

export const CapabilitySchema = z
	.object({
		title: z.string({ error: 'err.required' }).transform(wellFormedText).pipe(z.string().trim().min(1, { message: 'err.required', abort: true }).min(2, 'err.titleShort').max(80, 'err.tooLong100')),
		description: text(4000, 'err.tooLong2000'),
		clusterId: optionalId,
		chainNodeId: optionalId,
		tags: TagsSchema,
		specs: SpecsSchema,
		certifications: CertificationsSchema,
		otherCertifications: OtherCertificationsSchema,
		capacityValue: OptionalNumberSchema,
		capacityUnit: text(20, 'err.unitTooLong'),
		capacityPeriod: z.enum(['DAY', 'MONTH', 'YEAR']).optional().or(z.literal('').transform(() => undefined)),
		moqValue: OptionalNumberSchema,
		moqUnit: text(20, 'err.unitTooLong'),
		leadTimeDays: OptionalNumberSchema.refine((v) => v === undefined || (Number.isInteger(v) && v <= 3650), 'err.leadTime'),
		priceMin: OptionalNumberSchema,
		priceMax: OptionalNumberSchema,
		priceUnit: text(20, 'err.unitTooLong'),
		imageIds: z.array(z.string().min(1).max(40)).max(6, 'err.tooManyImages').default([]),
		externalRef: z.string().trim().max(64, 'err.tooLong50').optional(),
	})
	.superRefine(priceBand('priceMin', 'priceMax'))
	.superRefine((v, ctx) => {
		if (v.capacityValue !== undefined && !v.capacityUnit) ctx.addIssue({ code: 'custom', path: ['capacityUnit'], message: 'err.unitRequired' })
		if (v.capacityValue !== undefined && !v.capacityPeriod) ctx.addIssue({ code: 'custom', path: ['capacityPeriod'], message: 'err.required' })
	})

export type CapabilityInput = z.output<typeof CapabilitySchema>

export const HideSchema = z.object({
	reason: z.string({ error: 'err.hideReasonRequired' }).trim().min(2, 'err.hideReasonRequired').max(500, 'err.tooLong500'),
})

