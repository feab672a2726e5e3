import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { DemandSchema } from '#app/modules/demands/schemas'
import { CapabilitySchema } from '#app/modules/listings/schemas'

// The module schemas treat '' as "not given" themselves, so Conform's coercion (which turns '' into
// undefined) stays off: otherwise an empty spec row fails instead of being dropped. Without coercion
// a single checked checkbox arrives as a string, hence the array wrapping.
function arrays(keys: string[]) {
	return (value: unknown) => {
		if (!value || typeof value !== 'object') return value
		const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
		for (const key of keys) if (typeof out[key] === 'string') out[key] = [out[key]]
		return out
	}
}

export type CapabilityFormInput = z.input<typeof CapabilitySchema>
export type DemandFormInput = z.input<typeof DemandSchema>
export type CapabilityFormOutput = z.output<typeof CapabilitySchema>
export type DemandFormOutput = z.output<typeof DemandSchema>

export const CapabilityFormSchema = z.preprocess<unknown, typeof CapabilitySchema, CapabilityFormInput>(
	arrays(['certifications', 'imageIds']),
	CapabilitySchema,
)
export const DemandFormSchema = z.preprocess<unknown, typeof DemandSchema, DemandFormInput>(
	arrays(['requiredCertifications', 'attachmentIds']),
	DemandSchema,
)

export function parseCapabilityForm(formData: FormData) {
	return parseWithZod(formData, { schema: CapabilityFormSchema, disableAutoCoercion: true })
}

export function parseDemandForm(formData: FormData) {
	return parseWithZod(formData, { schema: DemandFormSchema, disableAutoCoercion: true })
}

/** The submit button's choice: keep as draft or publish right after saving. */
export function wantsPublish(formData: FormData) {
	return formData.get('intent') === 'publish'
}
