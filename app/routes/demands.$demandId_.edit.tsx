import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { DemandForm, type DemandFormDefaults } from '#app/components/listings/demand-form'
import { parseDemandForm, wantsPublish } from '#app/components/listings/form-schemas'
import { formatDate } from '#app/components/listings/format'
import { splitCertifications } from '#app/components/listings/listing-fields'
import { ListingStatusBadge } from '#app/components/listings/status-badge'
import { createTranslator, localeFromCookieHeader } from '#app/i18n/i18n'
import { useT } from '#app/i18n/use-t'
import { FieldError } from '#app/modules/auth/auth.server'
import { getDemandForViewer, transitionDemand, updateDemand } from '#app/modules/demands/demands.server'
import { DomainError } from '#app/modules/firms/firms.server'
import { requireFirmUser, requireRole } from '#app/utils/auth.server'
import { clusterOptions, numberText } from '#app/utils/listing-pages.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: `${createTranslator(data?.locale ?? 'zh-CN')('demand.edit')}${data ? ` · ${data.title}` : ''}` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, ['BUYER'])
	const user = await requireFirmUser(request)
	const found = await getDemandForViewer(params.demandId ?? '', user)
	if (!found?.isOwner) throw new Response('Not found', { status: 404 })
	const d = found.demand
	const certs = splitCertifications(d.requiredCertifications)
	const defaultValue: DemandFormDefaults = {
		title: d.title,
		description: d.description,
		clusterId: d.clusterId ?? '',
		chainNodeId: d.chainNodeId ?? '',
		quantityValue: numberText(d.quantityValue),
		quantityUnit: d.quantityUnit,
		budgetMin: numberText(d.budgetMin),
		budgetMax: numberText(d.budgetMax),
		budgetUnit: d.budgetUnit,
		requiredCertifications: certs.curated,
		otherCertifications: certs.other,
		deliveryRegionCode: d.deliveryRegionCode ?? '',
		deadline: formatDate(d.deadline),
	}
	return json({
		locale: localeFromCookieHeader(request.headers.get('cookie')),
		id: d.id,
		title: d.title,
		status: d.status,
		defaultValue,
		attachments: d.attachments.map((a) => ({ id: a.id, name: a.originalName, kind: a.kind })),
		clusters: await clusterOptions(),
		canPublish: user.firm.verificationStatus === 'VERIFIED',
		today: formatDate(new Date()),
	})
}

export async function action({ request, params }: ActionFunctionArgs) {
	await requireRole(request, ['BUYER'])
	const user = await requireFirmUser(request)
	const id = params.demandId ?? ''
	const formData = await request.formData()
	const submission = parseDemandForm(formData)
	if (submission.status !== 'success')
		return json({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
	try {
		await updateDemand(user, id, submission.value)
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
			await transitionDemand(user, id, 'publish')
			return redirectWithToast(`/demands/${id}`, { message: 'demand.toast.savedPublished' })
		} catch (error) {
			if (error instanceof DomainError)
				return redirectWithToast(`/demands/${id}`, { type: 'error', message: error.message })
			throw error
		}
	}
	return redirectWithToast(`/demands/${id}`, { message: 'demand.toast.saved' })
}

export default function EditDemandRoute() {
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	return (
		<div className="mx-auto max-w-4xl">
			<PageHeader
				title={t('demand.edit')}
				lead={data.title}
				actions={
					<div className="flex items-center gap-2 text-sm">
						{t('listing.currentStatus')}：<ListingStatusBadge status={data.status} />
					</div>
				}
			/>
			<DemandForm
				defaultValue={data.defaultValue}
				attachments={data.attachments}
				clusters={data.clusters}
				lastResult={actionData?.result}
				status={data.status}
				canPublish={data.canPublish}
				cancelTo={`/demands/${data.id}`}
				today={data.today}
			/>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
