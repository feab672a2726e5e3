import {
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { Field, FormErrorSummary, SelectField, TextareaField } from '#app/components/forms'
import { useLocale, useT } from '#app/i18n/use-t'
import { REGIONS } from '#app/modules/firms/regions'
import { DefaultSubmit, FormActions } from './capability-form'
import { parseDemandForm, type DemandFormInput, type DemandFormOutput } from './form-schemas'
import {
	CertificationFields,
	FormSection,
	TaxonomyFields,
	withoutKey,
	type ClusterOption,
} from './listing-fields'
import { UploadField, type UploadItem } from './upload-field'

export type DemandFormDefaults = {
	title: string
	description: string
	clusterId: string
	chainNodeId: string
	quantityValue: string
	quantityUnit: string
	budgetMin: string
	budgetMax: string
	budgetUnit: string
	requiredCertifications: string[]
	otherCertifications: string
	deliveryRegionCode: string
	deadline: string
}

// Buyers are mostly in Wuhan, so its districts come first.
const REGION_GROUPS = [
	{ area: 'WUHAN', key: 'region.wuhan' },
	{ area: 'XIANNING', key: 'region.xianning' },
] as const

export function DemandForm({
	defaultValue,
	attachments,
	clusters,
	lastResult,
	status,
	canPublish,
	cancelTo,
	today,
}: {
	defaultValue: DemandFormDefaults
	attachments: UploadItem[]
	clusters: ClusterOption[]
	lastResult?: SubmissionResult<string[]> | null
	status: 'DRAFT' | 'PUBLISHED' | 'CLOSED' | null
	canPublish: boolean
	cancelTo: string
	/** YYYY-MM-DD in China time, the earliest deadline offered by the date picker. */
	today: string
}) {
	const t = useT()
	const locale = useLocale()
	const navigation = useNavigation()
	const pendingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
	const [form, fields] = useForm<DemandFormInput, DemandFormOutput>({
		id: 'demand-form',
		lastResult,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue,
		onValidate: ({ formData }) => parseDemandForm(formData),
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
					label={t('demand.field.title')}
					hint={t('demand.field.titleHint')}
					inputProps={text(fields.title, { maxLength: 80 })}
					errors={fields.title.errors}
				/>
				<TextareaField
					label={t('demand.field.description')}
					textareaProps={{ ...withoutKey(getTextareaProps(fields.description)), rows: 6, maxLength: 4000 }}
					errors={fields.description.errors}
				/>
				<TaxonomyFields clusters={clusters} cluster={fields.clusterId} node={fields.chainNodeId} />
			</FormSection>
			<FormSection title={t('listing.section.terms')}>
				<div className="grid gap-4 sm:grid-cols-3">
					<Field
						label={t('demand.field.quantityValue')}
						inputProps={text(fields.quantityValue, decimal)}
						errors={fields.quantityValue.errors}
					/>
					<Field
						label={t('demand.field.quantityUnit')}
						hint={t('listing.field.unitHint')}
						inputProps={text(fields.quantityUnit, { maxLength: 20 })}
						errors={fields.quantityUnit.errors}
					/>
					<span className="hidden sm:block" />
					<Field
						label={t('demand.field.budgetMin')}
						inputProps={text(fields.budgetMin, decimal)}
						errors={fields.budgetMin.errors}
					/>
					<Field
						label={t('demand.field.budgetMax')}
						inputProps={text(fields.budgetMax, decimal)}
						errors={fields.budgetMax.errors}
					/>
					<Field
						label={t('demand.field.budgetUnit')}
						hint={t('demand.field.budgetUnitHint')}
						inputProps={text(fields.budgetUnit, { maxLength: 20 })}
						errors={fields.budgetUnit.errors}
					/>
					<SelectField
						label={t('demand.field.deliveryRegion')}
						selectProps={withoutKey(getSelectProps(fields.deliveryRegionCode))}
						errors={fields.deliveryRegionCode.errors}
					>
						<option value="">{t('demand.field.deliveryRegionAny')}</option>
						{REGION_GROUPS.map((g) => (
							<optgroup key={g.area} label={t(g.key)}>
								{REGIONS.filter((r) => r.area === g.area).map((r) => (
									<option key={r.code} value={r.code}>
										{locale === 'en' ? r.nameEn : r.name}
									</option>
								))}
							</optgroup>
						))}
					</SelectField>
					<Field
						label={t('demand.field.deadline')}
						inputProps={{
							...withoutKey(getInputProps(fields.deadline, { type: 'date' })),
							min: defaultValue.deadline && defaultValue.deadline < today ? undefined : today,
						}}
						errors={fields.deadline.errors}
					/>
				</div>
			</FormSection>
			<FormSection title={t('listing.section.certifications')}>
				<CertificationFields
					legend={t('demand.field.requiredCertifications')}
					certifications={fields.requiredCertifications}
					other={fields.otherCertifications}
				/>
			</FormSection>
			<FormSection title={t('listing.section.attachments')}>
				<UploadField
					name="attachmentIds"
					purpose="demand-attachment"
					max={10}
					accept="application/pdf,image/jpeg,image/png,image/webp"
					label={t('demand.field.attachments')}
					hint={t('demand.field.attachmentsHint')}
					defaultItems={attachments}
					errors={fields.attachmentIds.errors}
					variant="files"
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
