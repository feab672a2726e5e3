import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { DemandForm, type DemandFormDefaults } from '#app/components/listings/demand-form'
import { parseDemandForm, wantsPublish } from '#app/components/listings/form-schemas'
import { formatDate } from '#app/components/listings/format'
import { createTranslator, localeFromCookieHeader } from '#app/i18n/i18n'
import { useT } from '#app/i18n/use-t'
import { FieldError } from '#app/modules/auth/auth.server'
import { createDemand, transitionDemand } from '#app/modules/demands/demands.server'
import { DomainError } from '#app/modules/firms/firms.server'
import { requireFirmUser, requireRole } from '#app/utils/auth.server'
import { clusterOptions } from '#app/utils/listing-pages.server'
import { redirectWithToast } from '#app/utils/toast.server'

const EMPTY: DemandFormDefaults = {
	title: '',
	description: '',
	clusterId: '',
	chainNodeId: '',
	quantityValue: '',
	quantityUnit: '',
	budgetMin: '',
	budgetMax: '',
	budgetUnit: '',
	requiredCertifications: [],
	otherCertifications: '',
	deliveryRegionCode: '',
	deadline: '',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: createTranslator(data?.locale ?? 'zh-CN')('demand.new') },
]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['BUYER'])
	const user = await requireFirmUser(request)
	return json({
		locale: localeFromCookieHeader(request.headers.get('cookie')),
		clusters: await clusterOptions(),
		canPublish: user.firm.verificationStatus === 'VERIFIED',
		today: formatDate(new Date()),
	})
}

export async function action({ request }: ActionFunctionArgs) {
	await requireRole(request, ['BUYER'])
	const user = await requireFirmUser(request)
	const formData = await request.formData()
	const submission = parseDemandForm(formData)
	if (submission.status !== 'success')
		return json({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
	let id: string
	try {
		id = (await createDemand(user, submission.value)).id
	} catch (error) {
		if (error instanceof FieldError)
			return json({ result: submission.reply({ fieldErrors: error.fieldErrors }) }, { status: 400 })
		if (error instanceof DomainError && error.code === 'forbidden')
			throw new Response('Forbidden', { status: 403 })
		throw error
	}
	if (wantsPublish(formData)) {
		try {
			await transitionDemand(user, id, 'publish')
			return redirectWithToast(`/demands/${id}`, { message: 'demand.toast.createdPublished' })
		} catch (error) {
			if (error instanceof DomainError)
				return redirectWithToast(`/demands/${id}`, { type: 'error', message: error.message })
			throw error
		}
	}
	return redirectWithToast(`/demands/${id}`, { message: 'demand.toast.created' })
}

export default function NewDemandRoute() {
	const { clusters, canPublish, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	return (
		<div className="mx-auto max-w-4xl">
			<PageHeader title={t('demand.new')} lead={t('demand.form.lead')} />
			<DemandForm
				defaultValue={EMPTY}
				attachments={[]}
				clusters={clusters}
				lastResult={actionData?.result}
				status={null}
				canPublish={canPublish}
				cancelTo="/my/demands"
				today={today}
			/>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
