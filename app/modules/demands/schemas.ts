import { z } from 'zod'
import { wellFormedText } from '#app/utils/text'
import { CertificationsSchema, RegionCodeSchema } from '../auth/schemas'
import { OptionalNumberSchema, OtherCertificationsSchema, optionalId, priceBand, text } from '../listings/schemas'

export const DemandSchema = z
	.object({
		title: z.string({ error: 'err.required' }).transform(wellFormedText).pipe(z.string().trim().min(1, { message: 'err.required', abort: true }).min(2, 'err.titleShort').max(80, 'err.tooLong100')),
		description: text(4000, 'err.tooLong2000'),
		clusterId: optionalId,
		chainNodeId: optionalId,
		quantityValue: OptionalNumberSchema,
		quantityUnit: text(20, 'err.unitTooLong'),
		budgetMin: OptionalNumberSchema,
		budgetMax: OptionalNumberSchema,
		budgetUnit: text(20, 'err.unitTooLong'),
		requiredCertifications: CertificationsSchema,
		otherCertifications: OtherCertificationsSchema,
		deliveryRegionCode: RegionCodeSchema.optional().or(z.literal('').transform(() => undefined)),
		deadline: z
			.string()
			.trim()
			.optional()
			.transform((v, ctx) => {
				if (!v) return undefined
				const d = new Date(`${v.slice(0, 10)}T23:59:59+08:00`)
				if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) {
					ctx.addIssue({ code: 'custom', message: 'err.date' })
					return z.NEVER
				}
				return d
			}),
		attachmentIds: z.array(z.string().min(1).max(40)).max(10, 'err.tooManyAttachments').default([]),
		externalRef: z.string().trim().max(64, 'err.tooLong50').optional(),
	})
	.superRefine(priceBand('budgetMin', 'budgetMax'))
	.superRefine((v, ctx) => {
		if (v.quantityValue !== undefined && !v.quantityUnit) ctx.addIssue({ code: 'custom', path: ['quantityUnit'], message: 'err.unitRequired' })
	})

export type DemandInput = z.output<typeof DemandSchema>

