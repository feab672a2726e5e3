import { z } from 'zod'
import { wellFormedText } from '#app/utils/text'
import { CertificationsSchema, PersonNameSchema, PhoneSchema, RegionCodeSchema } from '../auth/schemas'

/** Text as stored (wellFormedText: no NUL, lone surrogates or search highlight markers), then the field's rules. */
const wellFormed = <T extends z.ZodType>(schema: T, error = 'err.required') =>
	z
		.string({ error })
		.transform(wellFormedText)
		.pipe(schema as unknown as z.ZodType<z.output<T>, string>)
const optionalText = (max: number, key: string) =>
	wellFormed(z.string().trim().max(max, key).default('')).default('')

export const FirmProfileSchema = z.object({
	name: wellFormed(
		z.string({ error: 'err.firmName' }).trim().min(2, 'err.firmName').max(100, 'err.tooLong100'),
	),
	regionCode: RegionCodeSchema,
	address: optionalText(200, 'err.tooLong200'),
	description: optionalText(2000, 'err.tooLong2000'),
	website: z
		.string()
		.trim()
		.max(200, 'err.tooLong200')
		.default('')
		.refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'err.url'),
	contactName: wellFormed(PersonNameSchema),
	contactPhone: PhoneSchema,
	contactEmail: z
		.string()
		.trim()
		.max(254, 'err.email')
		.default('')
		.refine((v) => v === '' || z.email().safeParse(v).success, 'err.email'),
	clusterIds: z.array(z.string().min(1).max(40)).max(9, 'err.tooMany').default([]),
	chainNodeIds: z.array(z.string().min(1).max(40)).max(30, 'err.tooMany').default([]),
	certifications: CertificationsSchema,
	otherCertifications: optionalText(400, 'err.tooLong400'),
})

export const VerificationDecisionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('approve'), firmId: z.string().min(1) }),
	z.object({
		intent: z.literal('reject'),
		firmId: z.string().min(1),
		reason: z.string({ error: 'err.reasonRequired' }).trim().min(2, 'err.reasonRequired').max(500, 'err.tooLong500'),
	}),
])
