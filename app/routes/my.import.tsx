import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { FormErrorSummary } from '#app/components/forms'
import { ImportPanel, type ImportJobView } from '#app/components/import-panel'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { handleImportAction, loadImportJob } from '#app/modules/imports/route-helpers.server'
import { requireFirmUser } from '#app/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireFirmUser(request)
	const kind = user.role === 'BUYER' ? ('DEMAND' as const) : ('CAPABILITY' as const)
	return json({ kind, job: (await loadImportJob(request, user)) as ImportJobView | null })
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireFirmUser(request)
	return handleImportAction(request, user, async () => ({
		firmId: user.firmId,
		kind: user.role === 'BUYER' ? 'DEMAND' : 'CAPABILITY',
		back: '/my/import',
	}))
}

export default function MyImportRoute() {
	const { kind, job } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const t = useT()
	return (
		<div>
			<PageHeader title={t(kind === 'DEMAND' ? 'import.titleDemand' : 'import.titleCapability')} lead={t('import.lead')} />
			<FormErrorSummary errors={actionData && 'error' in actionData ? [actionData.error] : undefined} />
			<ImportPanel kind={kind} job={job} pending={navigation.state === 'submitting'} />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
