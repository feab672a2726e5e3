import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { EventForm } from '#app/components/events/event-form'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { clusterChoices, EventError, updateEvent } from '#app/modules/events/events.server'
import { eventFormDefaults } from '#app/modules/events/form-defaults'
import { EventSchema } from '#app/modules/events/rules'
import { clientIp, requireRole } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { redirectWithToast } from '#app/utils/toast.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, STAFF_ROLES)
	const event = await prisma.event.findUnique({
		where: { id: params.eventId },
		include: { clusters: { select: { slug: true } } },
	})
	if (!event) throw new Response('Not Found', { status: 404 })
	const booked = await prisma.meeting.count({ where: { eventId: event.id, status: 'SCHEDULED' } })
	return json({
		id: event.id,
		title: event.title,
		booked,
		clusters: await clusterChoices(),
		defaults: eventFormDefaults(event),
	})
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const submission = parseWithZod(await request.formData(), { schema: EventSchema })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	try {
		const result = await updateEvent(user, params.eventId!, submission.value, { ip: clientIp(request) })
		return redirectWithToast(`/events/${params.eventId}/manage`, {
			message: result.rebook || result.retimed ? 'events.savedRebook' : 'events.saved',
			vars: { rebook: String(result.rebook), retimed: String(result.retimed) },
		})
	} catch (error) {
		if (error instanceof EventError)
			return json({ result: submission.reply({ formErrors: [error.key] }) }, { status: error.status })
		throw error
	}
}

export default function EditEventRoute() {
	const { title, booked, clusters, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	return (
		<div className="max-w-3xl">
			<PageHeader title={t('events.editTitle', { title })} lead={t('events.editLead')} />
			<EventForm
				id="event-edit"
				defaults={defaults}
				clusters={clusters}
				lastResult={actionData?.result}
				submitLabel={t('events.form.save')}
			>
				{booked > 0 ? (
					<p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
						{t('events.editBooked', { count: String(booked) })}
					</p>
				) : null}
			</EventForm>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
