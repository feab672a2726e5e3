import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import {
	CapabilityForm,
	EMPTY_SPEC_ROWS,
	type CapabilityFormDefaults,
} from '#app/components/listings/capability-form'
import { parseCapabilityForm, wantsPublish } from '#app/components/listings/form-schemas'
import { splitCertifications } from '#app/components/listings/listing-fields'
import { ListingStatusBadge } from '#app/components/listings/status-badge'
import { createTranslator, localeFromCookieHeader } from '#app/i18n/i18n'
import { useT } from '#app/i18n/use-t'
import { FieldError } from '#app/modules/auth/auth.server'
import { DomainError } from '#app/modules/firms/firms.server'
import {
	getCapabilityForViewer,
	transitionCapability,
	updateCapability,
} from '#app/modules/listings/listings.server'
import { requireFirmUser, requireRole } from '#app/utils/auth.server'
import { clusterOptions, numberText } from '#app/utils/listing-pages.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{
		title: `${createTranslator(data?.locale ?? 'zh-CN')('capability.edit')}${data ? ` · ${data.title}` : ''}`,
	},
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, ['SUPPLIER'])
	const user = await requireFirmUser(request)
	const found = await getCapabilityForViewer(params.capabilityId ?? '', user)
	if (!found?.isOwner) throw new Response('Not found', { status: 404 })
	const c = found.capability
	const specs = Array.isArray(c.specs)
		? c.specs.filter(
				(s): s is { key: string; value: string } =>
					!!s && typeof s === 'object' && 'key' in s && 'value' in s,
			)
		: []
	const certs = splitCertifications(c.certifications)
	const defaultValue: CapabilityFormDefaults = {
		title: c.title,
		description: c.description,
		clusterId: c.clusterId ?? '',
		chainNodeId: c.chainNodeId ?? '',
		tags: c.tags.join('，'),
		specs: [
			...specs.map((s) => ({ key: String(s.key), value: String(s.value) })),
			...Array.from({ length: Math.max(1, EMPTY_SPEC_ROWS - specs.length) }, () => ({ key: '', value: '' })),
		],
		certifications: certs.curated,
		otherCertifications: certs.other,
		capacityValue: numberText(c.capacityValue),
		capacityUnit: c.capacityUnit,
		capacityPeriod: c.capacityPeriod ?? '',
		moqValue: numberText(c.moqValue),
		moqUnit: c.moqUnit,
		leadTimeDays: numberText(c.leadTimeDays),
		priceMin: numberText(c.priceMin),
		priceMax: numberText(c.priceMax),
		priceUnit: c.priceUnit,
	}
	return json({
		locale: localeFromCookieHeader(request.headers.get('cookie')),
		id: c.id,
		title: c.title,
		status: c.status,
		defaultValue,
		images: c.images.map((i) => ({ id: i.id, name: i.originalName, kind: 'IMAGE' as const })),
		clusters: await clusterOptions(),
		canPublish: user.firm.verificationStatus === 'VERIFIED',
	})
}

export async function action({ request, params }: ActionFunctionArgs) {
	await requireRole(request, ['SUPPLIER'])
	const user = await requireFirmUser(request)
	const id = params.capabilityId ?? ''
	const formData = await request.formData()
	const submission = parseCapabilityForm(formData)
	if (submission.status !== 'success')
		return json({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
	try {
		await updateCapability(user, id, submission.value)
	} catch (error) {
		if (error instanceof FieldError)
			return json({ result: submission.reply({ fieldErrors: error.fieldErrors }) }, { status: 400 })
		if (error instanceof DomainError)
			throw new Response(error.code === 'not_found' ? 'Not found' : 'Forbidden', {
				status: error.code === 'not_found' ? 404 : 403,
			})
		throw error
	}
	if (wantsPublish(formData)) {
		try {
			await transitionCapability(user, id, 'publish')
			return redirectWithToast(`/capabilities/${id}`, { message: 'capability.toast.savedPublished' })
		} catch (error) {
			if (error instanceof DomainError)
				return redirectWithToast(`/capabilities/${id}`, { type: 'error', message: error.message })
			throw error
		}
	}
	return redirectWithToast(`/capabilities/${id}`, { message: 'capability.toast.saved' })
}

export default function EditCapabilityRoute() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	return (
		<div className="mx-auto max-w-4xl">
			<PageHeader
				title={t('capability.edit')}
				lead={data.title}
				actions={
					<div className="flex items-center gap-2 text-sm">
						{t('listing.currentStatus')}：<ListingStatusBadge status={data.status} />
					</div>
				}
			/>
			<CapabilityForm
				defaultValue={data.defaultValue}
				images={data.images}
				clusters={data.clusters}
				lastResult={actionData?.result}
				status={data.status}
				canPublish={data.canPublish}
				cancelTo={`/capabilities/${data.id}`}
			/>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
