import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { EventForm } from '#app/components/events/event-form'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { clusterChoices, createEvent, EventError } from '#app/modules/events/events.server'
import { newEventDefaults } from '#app/modules/events/form-defaults'
import { EventSchema } from '#app/modules/events/rules'
import { clientIp, requireRole } from '#app/utils/auth.server'
import { redirectWithToast } from '#app/utils/toast.server'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, STAFF_ROLES)
	return json({ clusters: await clusterChoices(), defaults: newEventDefaults() })
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const submission = parseWithZod(await request.formData(), { schema: EventSchema })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	try {
		const event = await createEvent(user, submission.value, { ip: clientIp(request) })
		return redirectWithToast(`/events/${event.id}/manage`, { message: 'events.created' })
	} catch (error) {
		if (error instanceof EventError)
			return json({ result: submission.reply({ formErrors: [error.key] }) }, { status: error.status })
		throw error
	}
}

export default function NewEventRoute() {
	const { clusters, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	return (
		<div className="max-w-3xl">
			<PageHeader title={t('events.new')} lead={t('events.newLead')} />
			<EventForm
				id="event-new"
				defaults={defaults}
				clusters={clusters}
				lastResult={actionData?.result}
				submitLabel={t('events.form.create')}
			/>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
