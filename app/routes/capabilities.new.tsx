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
import { createTranslator, localeFromCookieHeader } from '#app/i18n/i18n'
import { useT } from '#app/i18n/use-t'
import { FieldError } from '#app/modules/auth/auth.server'
import { DomainError } from '#app/modules/firms/firms.server'
import { createCapability, transitionCapability } from '#app/modules/listings/listings.server'
import { requireFirmUser, requireRole } from '#app/utils/auth.server'
import { clusterOptions } from '#app/utils/listing-pages.server'
import { redirectWithToast } from '#app/utils/toast.server'

const EMPTY: CapabilityFormDefaults = {
	title: '',
	description: '',
	clusterId: '',
	chainNodeId: '',
	tags: '',
	specs: Array.from({ length: EMPTY_SPEC_ROWS }, () => ({ key: '', value: '' })),
	certifications: [],
	otherCertifications: '',
	capacityValue: '',
	capacityUnit: '',
	capacityPeriod: '',
	moqValue: '',
	moqUnit: '',
	leadTimeDays: '',
	priceMin: '',
	priceMax: '',
	priceUnit: '',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: createTranslator(data?.locale ?? 'zh-CN')('capability.new') },
]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['SUPPLIER'])
	const user = await requireFirmUser(request)
	return json({
		locale: localeFromCookieHeader(request.headers.get('cookie')),
		clusters: await clusterOptions(),
		canPublish: user.firm.verificationStatus === 'VERIFIED',
	})
}

export async function action({ request }: ActionFunctionArgs) {
	await requireRole(request, ['SUPPLIER'])
	const user = await requireFirmUser(request)
	const formData = await request.formData()
	const submission = parseCapabilityForm(formData)
	if (submission.status !== 'success')
		return json({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
	let id: string
	try {
		id = (await createCapability(user, submission.value)).id
	} catch (error) {
		if (error instanceof FieldError)
			return json({ result: submission.reply({ fieldErrors: error.fieldErrors }) }, { status: 400 })
		if (error instanceof DomainError && error.code === 'forbidden')
			throw new Response('Forbidden', { status: 403 })
		throw error
	}
	if (wantsPublish(formData)) {
		try {
			await transitionCapability(user, id, 'publish')
			return redirectWithToast(`/capabilities/${id}`, { message: 'capability.toast.createdPublished' })
		} catch (error) {
			// The draft is saved either way; say why it is not public.
			if (error instanceof DomainError)
				return redirectWithToast(`/capabilities/${id}`, { type: 'error', message: error.message })
			throw error
		}
	}
	return redirectWithToast(`/capabilities/${id}`, { message: 'capability.toast.created' })
}

export default function NewCapabilityRoute() {
	const { clusters, canPublish } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	return (
		<div className="mx-auto max-w-4xl">
			<PageHeader title={t('capability.new')} lead={t('capability.form.lead')} />
			<CapabilityForm
				defaultValue={EMPTY}
				images={[]}
				clusters={clusters}
				lastResult={actionData?.result}
				status={null}
				canPublish={canPublish}
				cancelTo="/my/capabilities"
			/>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
