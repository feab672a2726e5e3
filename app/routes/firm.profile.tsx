import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { CheckboxGroup, ErrorList, Field, FormErrorSummary, SelectField, StatusButton, TextareaField } from '#app/components/forms'
import { PageHeader, VerificationBadge } from '#app/components/layout'
import { useLocale, useT } from '#app/i18n/use-t'
import { FieldError } from '#app/modules/auth/auth.server'
import { CURATED_CERTIFICATIONS } from '#app/modules/firms/constants'
import { getOwnFirm, listClusters, updateFirmProfile } from '#app/modules/firms/firms.server'
import { REGIONS } from '#app/modules/firms/regions'
import { FirmProfileSchema } from '#app/modules/firms/schemas'
import { clientIp, requireFirmUser } from '#app/utils/auth.server'
import { useIsPending } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireFirmUser(request)
	const [firm, clusters] = await Promise.all([getOwnFirm(user), listClusters()])
	const curated = new Set<string>(CURATED_CERTIFICATIONS)
	return json({
		firm: {
			name: firm.name,
			uscc: firm.uscc,
			regionCode: firm.regionCode,
			address: firm.address,
			description: firm.description,
			website: firm.website,
			contactName: firm.contactName,
			contactPhone: firm.contactPhone,
			contactEmail: firm.contactEmail,
			verificationStatus: firm.verificationStatus,
			verificationNote: firm.verificationNote,
			clusterIds: firm.clusters.map((c) => c.id),
			chainNodeIds: firm.chainNodes.map((n) => n.id),
			certifications: firm.certifications.filter((c) => curated.has(c)),
			otherCertifications: firm.certifications.filter((c) => !curated.has(c)).join('，'),
		},
		clusters: clusters.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn, nodes: c.chainNodes })),
	})
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireFirmUser(request)
	const submission = parseWithZod(await request.formData(), { schema: FirmProfileSchema })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	try {
		const { resubmitted } = await updateFirmProfile(user, submission.value, { ip: clientIp(request) })
		return redirectWithToast('/firm/profile', { message: resubmitted ? 'profile.resubmitted' : 'profile.saved' })
	} catch (error) {
		if (error instanceof FieldError) return json({ result: submission.reply({ fieldErrors: error.fieldErrors }) }, { status: 400 })
		throw error
	}
}

export default function ProfileRoute() {
	const { firm, clusters } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const locale = useLocale()
	const isPending = useIsPending()
	const [selectedClusters, setSelectedClusters] = useState<string[]>(firm.clusterIds)
	const [form, fields] = useForm({
		id: 'firm-profile',
		lastResult: actionData?.result,
		shouldValidate: 'onBlur',
		defaultValue: firm,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: FirmProfileSchema }),
	})
	const nodeOptions = clusters
		.filter((c) => selectedClusters.includes(c.id))
		.flatMap((c) => c.nodes.map((n) => ({ value: n.id, label: `${c.name.replace('产业集群', '')} · ${t(`stage.${n.stage}`)} · ${n.name}` })))
	return (
		<div>
			<PageHeader
				title={t('profile.title')}
				actions={
					<div className="flex items-center gap-2 text-sm">
						{t('profile.verification')}：<VerificationBadge status={firm.verificationStatus} />
					</div>
				}
			/>
			{firm.verificationStatus === 'REJECTED' ? (
				<p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
					{t('profile.rejectedReason')}：{firm.verificationNote}
				</p>
			) : null}
			<Form method="POST" {...getFormProps(form)} className="flex flex-col gap-5 rounded-lg border border-slate-200 bg-white p-6">
				<FormErrorSummary errors={form.errors} />
				<div className="grid gap-4 md:grid-cols-2">
					<Field
						label={t('auth.register.firmName')}
						hint={firm.verificationStatus === 'VERIFIED' ? t('profile.nameChangeWarning') : undefined}
						inputProps={getInputProps(fields.name, { type: 'text' })}
						errors={fields.name.errors}
					/>
					<Field label={t('auth.register.uscc')} hint={t('profile.usccFixed')} inputProps={{ id: 'uscc', value: firm.uscc, readOnly: true, disabled: true }} />
					<SelectField label={t('auth.register.region')} selectProps={getSelectProps(fields.regionCode)} errors={fields.regionCode.errors}>
						{REGIONS.map((r) => (
							<option key={r.code} value={r.code}>
								{locale === 'en' ? r.nameEn : r.name}
							</option>
						))}
					</SelectField>
					<Field label={t('profile.address')} inputProps={getInputProps(fields.address, { type: 'text' })} errors={fields.address.errors} />
					<Field label={t('auth.register.contactName')} inputProps={getInputProps(fields.contactName, { type: 'text' })} errors={fields.contactName.errors} />
					<Field label={t('auth.register.contactPhone')} inputProps={getInputProps(fields.contactPhone, { type: 'tel' })} errors={fields.contactPhone.errors} />
					<Field label={t('profile.contactEmail')} inputProps={getInputProps(fields.contactEmail, { type: 'email' })} errors={fields.contactEmail.errors} />
					<Field label={t('firm.website')} inputProps={getInputProps(fields.website, { type: 'url' })} errors={fields.website.errors} />
				</div>
				<TextareaField label={t('firm.description')} textareaProps={{ ...getTextareaProps(fields.description), rows: 5 }} errors={fields.description.errors} />
				<fieldset className="flex flex-col gap-2">
					<legend className="text-sm font-medium text-slate-800">{t('firm.clusters')}</legend>
					<div className="flex flex-wrap gap-x-4 gap-y-2">
						{clusters.map((c) => (
							<label key={c.id} className="flex items-center gap-2 text-sm">
								<input
									type="checkbox"
									name="clusterIds"
									value={c.id}
									className="size-4"
									defaultChecked={firm.clusterIds.includes(c.id)}
									onChange={(e) =>
										setSelectedClusters((prev) => (e.target.checked ? [...prev, c.id] : prev.filter((id) => id !== c.id)))
									}
								/>
								{locale === 'en' ? c.nameEn : c.name}
							</label>
						))}
					</div>
					<ErrorList errors={fields.clusterIds.errors} />
				</fieldset>
				{nodeOptions.length ? (
					<CheckboxGroup
						key={selectedClusters.join(',')}
						legend={t('firm.chainNodes')}
						name="chainNodeIds"
						options={nodeOptions}
						defaultValue={firm.chainNodeIds}
						errors={fields.chainNodeIds.errors}
					/>
				) : null}
				<CheckboxGroup
					legend={t('firm.certifications')}
					name="certifications"
					options={CURATED_CERTIFICATIONS.map((c) => ({ value: c, label: c }))}
					defaultValue={firm.certifications}
					errors={fields.certifications.errors}
				/>
				<Field
					label={t('profile.otherCertifications')}
					inputProps={getInputProps(fields.otherCertifications, { type: 'text' })}
					errors={fields.otherCertifications.errors}
				/>
				<div>
					<StatusButton type="submit" pending={isPending}>
						{t('profile.save')}
					</StatusButton>
				</div>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
