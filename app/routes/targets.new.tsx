import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Field, FormErrorSummary, SelectField, StatusButton, TextareaField } from '#app/components/forms'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import {
	canCreateList,
	chainLeaderFirms,
	clusterOptions,
	createList,
	TargetError,
} from '#app/modules/targets/targets.server'
import { clientIp, requireUser } from '#app/utils/auth.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { wellFormedText } from '#app/utils/text'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	if (!(await canCreateList(user))) throw new Response('Forbidden', { status: 403 })
	const staff = STAFF_ROLES.includes(user.role)
	const clusters = await clusterOptions()
	const owners = staff ? await chainLeaderFirms() : []
	return json({ clusters, owners, staff })
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const form = await request.formData()
	try {
		const list = await createList(
			user,
			{
				title: String(form.get('title') ?? ''),
				description: String(form.get('description') ?? ''),
				clusterId: wellFormedText(String(form.get('clusterId') ?? '')),
				ownerFirmId: wellFormedText(String(form.get('ownerFirmId') ?? '')),
			},
			{ ip: clientIp(request) },
		)
		return redirectWithToast(`/targets/${list.id}`, { message: 'targetLists.toast.created' })
	} catch (error) {
		if (error instanceof TargetError) return json({ error: error.key }, { status: error.status })
		throw error
	}
}

export default function NewTargetListRoute() {
	const { clusters, owners, staff } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const t = useT()
	return (
		<div className="max-w-2xl">
			<PageHeader title={t('targetLists.newTitle')} lead={t('targetLists.newLead')} />
			<FormErrorSummary errors={actionData ? [actionData.error] : undefined} />
			<Form method="POST" className="mt-4 flex flex-col gap-4">
				<Field
					label={t('targetLists.field.title')}
					inputProps={{ name: 'title', required: true, maxLength: 100 }}
				/>
				<TextareaField
					label={t('targetLists.field.description')}
					textareaProps={{ name: 'description', rows: 4, maxLength: 2000 }}
				/>
				<SelectField label={t('targetLists.cluster')} selectProps={{ name: 'clusterId', defaultValue: '' }}>
					<option value="">{t('targetLists.noCluster')}</option>
					{clusters.map((c) => (
						<option key={c.id} value={c.id}>
							{c.name}
						</option>
					))}
				</SelectField>
				{staff ? (
					<SelectField label={t('targetLists.owner')} selectProps={{ name: 'ownerFirmId', defaultValue: '' }}>
						<option value="">{t('targetLists.bureauOwned')}</option>
						{owners.map((f) => (
							<option key={f.id} value={f.id}>
								{f.name}
							</option>
						))}
					</SelectField>
				) : null}
				<div>
					<StatusButton type="submit" pending={navigation.state === 'submitting'}>
						{t('targetLists.create')}
					</StatusButton>
				</div>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
