import {
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { Form, Link, useNavigation } from '@remix-run/react'
import { Field, FormErrorSummary, SelectField, StatusButton, TextareaField } from '#app/components/forms'
import { useT } from '#app/i18n/use-t'
import { parseCapabilityForm, type CapabilityFormInput, type CapabilityFormOutput } from './form-schemas'
import {
	CertificationFields,
	FormSection,
	SpecsFields,
	TaxonomyFields,
	withoutKey,
	type ClusterOption,
} from './listing-fields'
import { UploadField, type UploadItem } from './upload-field'

export type CapabilityFormDefaults = {
	title: string
	description: string
	clusterId: string
	chainNodeId: string
	tags: string
	specs: Array<{ key: string; value: string }>
	certifications: string[]
	otherCertifications: string
	capacityValue: string
	capacityUnit: string
	capacityPeriod: '' | 'DAY' | 'MONTH' | 'YEAR'
	moqValue: string
	moqUnit: string
	leadTimeDays: string
	priceMin: string
	priceMax: string
	priceUnit: string
}

export const EMPTY_SPEC_ROWS = 3

export function CapabilityForm({
	defaultValue,
	images,
	clusters,
	lastResult,
	status,
	canPublish,
	cancelTo,
}: {
	defaultValue: CapabilityFormDefaults
	images: UploadItem[]
	clusters: ClusterOption[]
	lastResult?: SubmissionResult<string[]> | null
	/** Null while creating. */
	status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED' | null
	canPublish: boolean
	cancelTo: string
}) {
	const t = useT()
	const navigation = useNavigation()
	const pendingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
	const [form, fields] = useForm<CapabilityFormInput, CapabilityFormOutput>({
		id: 'capability-form',
		lastResult,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue,
		onValidate: ({ formData }) => parseCapabilityForm(formData),
	})
	const text = (field: Parameters<typeof getInputProps>[0], extra: Record<string, unknown> = {}) => ({
		...withoutKey(getInputProps(field, { type: 'text' })),
		...extra,
	})
	const decimal = { inputMode: 'decimal' as const }
	return (
		<Form method="POST" {...getFormProps(form)} className="flex flex-col gap-6">
			<DefaultSubmit />
			<FormErrorSummary errors={form.errors} />
			<FormSection title={t('listing.section.basics')}>
				<Field
					label={t('capability.field.title')}
					hint={t('capability.field.titleHint')}
					inputProps={text(fields.title, { maxLength: 80 })}
					errors={fields.title.errors}
				/>
				<TextareaField
					label={t('capability.field.description')}
					textareaProps={{ ...withoutKey(getTextareaProps(fields.description)), rows: 6, maxLength: 4000 }}
					errors={fields.description.errors}
				/>
				<TaxonomyFields clusters={clusters} cluster={fields.clusterId} node={fields.chainNodeId} />
				<Field
					label={t('listing.field.tags')}
					hint={t('listing.field.tagsHint')}
					inputProps={text(fields.tags)}
					errors={fields.tags.errors}
				/>
			</FormSection>
			<FormSection title={t('listing.section.specs')}>
				<SpecsFields form={form} specs={fields.specs} />
			</FormSection>
			<FormSection title={t('listing.section.certifications')}>
				<CertificationFields
					legend={t('capability.field.certifications')}
					certifications={fields.certifications}
					other={fields.otherCertifications}
				/>
			</FormSection>
			<FormSection title={t('listing.section.terms')}>
				<div className="grid gap-4 sm:grid-cols-3">
					<Field
						label={t('capability.field.capacityValue')}
						inputProps={text(fields.capacityValue, decimal)}
						errors={fields.capacityValue.errors}
					/>
					<Field
						label={t('capability.field.capacityUnit')}
						hint={t('listing.field.unitHint')}
						inputProps={text(fields.capacityUnit, { maxLength: 20 })}
						errors={fields.capacityUnit.errors}
					/>
					<SelectField
						label={t('capability.field.capacityPeriod')}
						selectProps={withoutKey(getSelectProps(fields.capacityPeriod))}
						errors={fields.capacityPeriod.errors}
					>
						<option value="">{t('listing.field.choose')}</option>
						<option value="DAY">{t('listing.period.DAY')}</option>
						<option value="MONTH">{t('listing.period.MONTH')}</option>
						<option value="YEAR">{t('listing.period.YEAR')}</option>
					</SelectField>
					<Field
						label={t('capability.field.moqValue')}
						inputProps={text(fields.moqValue, decimal)}
						errors={fields.moqValue.errors}
					/>
					<Field
						label={t('capability.field.moqUnit')}
						inputProps={text(fields.moqUnit, { maxLength: 20 })}
						errors={fields.moqUnit.errors}
					/>
					<Field
						label={t('capability.field.leadTimeDays')}
						inputProps={{
							...withoutKey(getInputProps(fields.leadTimeDays, { type: 'number' })),
							min: 0,
							max: 3650,
							step: 1,
						}}
						errors={fields.leadTimeDays.errors}
					/>
					<Field
						label={t('capability.field.priceMin')}
						inputProps={text(fields.priceMin, decimal)}
						errors={fields.priceMin.errors}
					/>
					<Field
						label={t('capability.field.priceMax')}
						inputProps={text(fields.priceMax, decimal)}
						errors={fields.priceMax.errors}
					/>
					<Field
						label={t('capability.field.priceUnit')}
						hint={t('capability.field.priceUnitHint')}
						inputProps={text(fields.priceUnit, { maxLength: 20 })}
						errors={fields.priceUnit.errors}
					/>
				</div>
			</FormSection>
			<FormSection title={t('listing.section.images')}>
				<UploadField
					name="imageIds"
					purpose="capability-image"
					max={6}
					accept="image/jpeg,image/png,image/webp"
					label={t('capability.field.images')}
					hint={t('capability.field.imagesHint')}
					defaultItems={images}
					errors={fields.imageIds.errors}
					variant="images"
				/>
			</FormSection>
			<FormActions
				status={status}
				canPublish={canPublish}
				cancelTo={cancelTo}
				pendingIntent={pendingIntent}
			/>
		</Form>
	)
}

/** Enter in a text field presses the first submit button; without this it would be a spec row's remove button. */
export function DefaultSubmit() {
	return <button type="submit" name="intent" value="save" hidden tabIndex={-1} />
}

export function FormActions({
	status,
	canPublish,
	cancelTo,
	pendingIntent,
}: {
	status: string | null
	canPublish: boolean
	cancelTo: string
	pendingIntent: FormDataEntryValue | null | undefined
}) {
	const t = useT()
	const published = status === 'PUBLISHED'
	return (
		<div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5">
			{!canPublish && !published ? (
				<p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
					{t('listing.publishNeedsVerification')}
				</p>
			) : null}
			<div className="flex flex-wrap items-center gap-3">
				<StatusButton
					type="submit"
					name="intent"
					value="save"
					variant={canPublish && !published ? 'secondary' : 'primary'}
					pending={pendingIntent === 'save'}
				>
					{published ? t('listing.saveChanges') : t('listing.saveDraft')}
				</StatusButton>
				{canPublish && !published ? (
					<StatusButton type="submit" name="intent" value="publish" pending={pendingIntent === 'publish'}>
						{t('listing.saveAndPublish')}
					</StatusButton>
				) : null}
				<Link to={cancelTo} className="text-sm text-slate-700 underline">
					{t('common.cancel')}
				</Link>
			</div>
		</div>
	)
}
