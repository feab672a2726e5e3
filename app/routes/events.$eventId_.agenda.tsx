import { getFormProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { MeetingStatusBadge } from '#app/components/events/badges'
import { OutcomeForm } from '#app/components/events/outcome-form'
import { ErrorList, FormErrorSummary, SelectField, StatusButton, TextareaField } from '#app/components/forms'
import { EventLink } from '#app/components/events/event-link'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import {
	EventError,
	firmAgenda,
	recordOutcome,
	requestMeeting,
	respondMeetingRequest,
	withdrawMeetingRequest,
} from '#app/modules/events/events.server'
import { checkInQrSvg } from '#app/modules/events/lobby.server'
import { MeetingRoomError, openMeetingRoom, roomIsOpen, roomOpensAt } from '#app/modules/events/rooms.server'
import {
	eventPhase,
	MeetingRequestSchema,
	OutcomeSchema,
	requestsOpen,
	RespondRequestSchema,
} from '#app/modules/events/rules'
import { formatLocal } from '#app/modules/events/slots'
import { clientIp, requireFirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { useIsPending } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireFirmUser(request)
	const eventId = params.eventId!
	const event = await prisma.event.findUnique({ where: { id: eventId } })
	if (!event || event.status === 'DRAFT') throw new Response('Not Found', { status: 404 })
	const agenda = await firmAgenda(user, eventId)
	if (!agenda) throw redirect(`/events/${eventId}`)
	const now = new Date()
	const { registration } = agenda
	const counterparts = await prisma.eventRegistration.findMany({
		where: { eventId, status: 'APPROVED', side: registration.side === 'BUYER' ? 'SUPPLIER' : 'BUYER' },
		select: { firmId: true, firm: { select: { name: true } } },
		orderBy: { firm: { name: 'asc' } },
	})
	const origin = new URL(request.url).origin
	const requested = new Set(
		agenda.requests
			.filter((r) => r.status === 'PENDING' || r.status === 'ACCEPTED')
			.map((r) => r.counterpart.id),
	)
	return json({
		event: {
			id: event.id,
			title: event.title,
			format: event.format,
			venue: event.venue,
			requestsClose: formatLocal(event.requestsCloseAt),
			agendaPublished: event.agendaStatus === 'PUBLISHED',
		},
		canRequest: requestsOpen(eventPhase(event, now)),
		side: registration.side,
		preselect: new URL(request.url).searchParams.get('request') ?? '',
		counterparts: counterparts
			.filter((c) => !requested.has(c.firmId))
			.map((c) => ({ id: c.firmId, name: c.firm.name })),
		requests: agenda.requests.map((r) => ({ ...r, createdAt: formatLocal(r.createdAt) })),
		meetings: agenda.meetings.map((m) => ({
			id: m.id,
			when: `${formatLocal(m.startsAt)}–${formatLocal(m.endsAt).slice(11)}`,
			status: m.status,
			counterpart: m.counterpart.name,
			dockingSessionId: m.dockingSessionId,
			roomOpen: roomIsOpen(m, now),
			roomOpensAt: formatLocal(roomOpensAt(m.startsAt)),
			started: m.startsAt <= now,
			outcome: m.outcome,
			dealAmount: m.dealAmount,
			outcomeNote: m.outcomeNote,
		})),
		calendar: {
			download: `/resources/events/${eventId}/agenda.ics`,
			subscribe: `${origin}/resources/events/${eventId}/agenda.ics?token=${registration.calendarToken}`,
		},
		checkIn:
			event.format === 'HYBRID'
				? {
						svg: await checkInQrSvg(
							`${origin}/events/${eventId}/check-in?token=${registration.checkInToken}`,
						),
						at: registration.checkedInAt ? formatLocal(registration.checkedInAt) : null,
					}
				: null,
	})
}

const IntentSchema = z.enum(['request', 'respond', 'withdraw', 'outcome', 'room'])

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireFirmUser(request)
	const eventId = params.eventId!
	const formData = await request.formData()
	const meta = { ip: clientIp(request) }
	const intent = IntentSchema.safeParse(formData.get('intent'))
	if (!intent.success)
		return json({ intent: 'unknown', id: '', result: null, errors: ['err.invalid'] }, { status: 400 })
	const back = (message: string) => redirectWithToast(`/events/${eventId}/agenda`, { message })
	const id = String(formData.get('requestId') ?? formData.get('meetingId') ?? '')
	const fail = (errors: string[], status = 400) =>
		json({ intent: intent.data, id, result: null, errors }, { status })
	try {
		switch (intent.data) {
			case 'request': {
				const s = parseWithZod(formData, { schema: MeetingRequestSchema })
				if (s.status !== 'success')
					return json({ intent: intent.data, id, result: s.reply(), errors: [] }, { status: 400 })
				try {
					await requestMeeting(user, eventId, s.value, meta)
				} catch (error) {
					if (error instanceof EventError)
						return json(
							{ intent: intent.data, id, result: s.reply({ formErrors: [error.key] }), errors: [] },
							{ status: error.status },
						)
					throw error
				}
				return back('events.requestSent')
			}
			case 'respond': {
				const s = parseWithZod(formData, { schema: RespondRequestSchema })
				if (s.status !== 'success')
					return fail(
						Object.values(s.error ?? {})
							.flat()
							.filter(Boolean) as string[],
					)
				await respondMeetingRequest(user, eventId, s.value, meta)
				return back(s.value.decision === 'accept' ? 'events.accepted' : 'events.declined')
			}
			case 'withdraw':
				await withdrawMeetingRequest(user, eventId, id, meta)
				return back('events.requestWithdrawn')
			case 'outcome': {
				const s = parseWithZod(formData, { schema: OutcomeSchema })
				if (s.status !== 'success')
					return fail(
						Object.values(s.error ?? {})
							.flat()
							.filter(Boolean) as string[],
					)
				await recordOutcome(user, eventId, s.value, meta)
				const to = String(formData.get('redirectTo') ?? '')
				return redirectWithToast(to.startsWith('/docking/') ? to : `/events/${eventId}/agenda`, {
					message: 'events.outcomeSaved',
				})
			}
			case 'room': {
				try {
					const sessionId = await openMeetingRoom(id, { firmId: user.firmId })
					return redirect(`/docking/${sessionId}`)
				} catch (error) {
					// Not a meeting of this firm: 404 like every other refusal, not a 409 conflict.
					if (error instanceof MeetingRoomError) return fail([error.key], error.status === 404 ? 404 : 409)
					throw error
				}
			}
		}
	} catch (error) {
		if (error instanceof EventError) return fail([error.key], error.status)
		throw error
	}
}

export default function AgendaRoute() {
	const data = useLoaderData<typeof loader>()
	const { event, meetings, requests, calendar, checkIn } = data
	const actionData = useActionData<typeof action>()
	const t = useT()
	const incoming = requests.filter((r) => r.incoming)
	const outgoing = requests.filter((r) => !r.incoming)
	const errorsFor = (intent: string, id: string) =>
		actionData && actionData.intent === intent && actionData.id === id ? actionData.errors : undefined
	return (
		<div className="flex flex-col gap-6">
			<PageHeader
				title={t('events.agendaTitle')}
				lead={event.title}
				actions={
					<div className="flex flex-wrap gap-2">
						<EventLink to={`/events/${event.id}`}>{t('events.backToEvent')}</EventLink>
						<EventLink to={`/events/${event.id}/participants`}>{t('events.link.participants')}</EventLink>
						<EventLink to={`/events/${event.id}/live`}>{t('events.link.live')}</EventLink>
					</div>
				}
			/>
			{actionData?.errors.length && actionData.id === '' ? (
				<FormErrorSummary errors={actionData.errors} />
			) : null}
			<section aria-labelledby="meetings" className="rounded-lg border border-slate-200 bg-white p-5">
				<div className="flex flex-wrap items-center justify-between gap-2">
					<h2 id="meetings" className="text-lg font-semibold">
						{t('events.myMeetings')}
					</h2>
					<div className="flex flex-wrap gap-2 text-sm">
						<a href={calendar.download} className="text-brand-800 underline">
							{t('eventsCalendar.download')}
						</a>
						<a href={calendar.subscribe.replace(/^https?:/, 'webcal:')} className="text-brand-800 underline">
							{t('eventsCalendar.subscribe')}
						</a>
					</div>
				</div>
				<p className="mt-1 text-xs break-all text-slate-600">
					{t('eventsCalendar.subscribeHint')} <code>{calendar.subscribe}</code>
				</p>
				{!event.agendaPublished ? (
					<p className="mt-3 text-slate-700">{t('events.agendaNotPublished')}</p>
				) : null}
				{event.agendaPublished && meetings.length === 0 ? (
					<p className="mt-3 text-slate-700">{t('events.noMeetings')}</p>
				) : null}
				<ul className="mt-3 flex flex-col gap-3">
					{meetings.map((m) => (
						<li
							key={m.id}
							id={`meeting-${m.id}`}
							className="rounded-md border border-slate-200 p-3"
							data-testid="agenda-meeting"
						>
							<div className="flex flex-wrap items-center gap-2">
								<span className="font-semibold">{m.when}</span>
								<MeetingStatusBadge status={m.status} />
								<span>{t('events.withFirm', { firm: m.counterpart })}</span>
							</div>
							{m.status === 'NEEDS_RESCHEDULE' ? (
								<p className="mt-1 text-sm text-red-800">{t('events.needsRebook')}</p>
							) : null}
							<div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
								{m.dockingSessionId ? (
									<Link
										to={`/docking/${m.dockingSessionId}`}
										className="bg-brand-700 hover:bg-brand-800 rounded-md px-3 py-1.5 font-semibold text-white"
									>
										{t('eventsCalendar.enterRoom')}
									</Link>
								) : m.roomOpen ? (
									<Form method="POST">
										<input type="hidden" name="intent" value="room" />
										<input type="hidden" name="meetingId" value={m.id} />
										<StatusButton type="submit">{t('eventsCalendar.enterRoom')}</StatusButton>
									</Form>
								) : m.status === 'SCHEDULED' ? (
									<span className="text-slate-600">
										{t('eventsCalendar.roomOpensAt', { time: m.roomOpensAt })}
									</span>
								) : null}
								<ErrorList errors={errorsFor('room', m.id)} />
							</div>
							{m.outcome ? (
								<p className="mt-2 text-sm text-slate-800">
									{t('events.outcomeText', { outcome: t(`events.outcome.${m.outcome}`) })}
									{m.dealAmount ? ` · ${t('events.amountText', { amount: m.dealAmount })}` : ''}
									{m.outcomeNote ? ` · ${m.outcomeNote}` : ''}
								</p>
							) : null}
							{m.started && (m.status === 'SCHEDULED' || m.status === 'HELD') ? (
								<OutcomeForm meetingId={m.id} errors={errorsFor('outcome', m.id)} defaults={m} />
							) : null}
						</li>
					))}
				</ul>
			</section>
			{checkIn ? (
				<section
					aria-labelledby="checkin"
					className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-5"
				>
					<div
						className="size-40"
						role="img"
						aria-label={t('events.checkInQr')}
						// Generated on the server by the qrcode package from our own URL: no user text inside.
						dangerouslySetInnerHTML={{ __html: checkIn.svg }}
					/>
					<div>
						<h2 id="checkin" className="text-lg font-semibold">
							{t('events.checkInTitle')}
						</h2>
						<p className="text-sm text-slate-700">
							{checkIn.at ? t('events.checkedInAt', { at: checkIn.at }) : t('events.checkInHint')}
						</p>
					</div>
				</section>
			) : null}
			<div className="grid gap-6 lg:grid-cols-2">
				<section aria-labelledby="incoming" className="rounded-lg border border-slate-200 bg-white p-5">
					<h2 id="incoming" className="text-lg font-semibold">
						{t('events.incoming', { count: String(incoming.length) })}
					</h2>
					<ul className="mt-3 flex flex-col gap-3">
						{incoming.map((r) => (
							<RequestCard key={r.id} request={r} testId="incoming-request">
								{r.status === 'PENDING' && data.canRequest ? (
									<Form method="POST" className="mt-2 flex flex-wrap items-end gap-2">
										<input type="hidden" name="intent" value="respond" />
										<input type="hidden" name="requestId" value={r.id} />
										<StatusButton type="submit" name="decision" value="accept">
											{t('events.accept')}
										</StatusButton>
										<label className="flex flex-col text-xs text-slate-700">
											{t('events.declineReason')}
											<input
												name="reason"
												maxLength={500}
												className="rounded border border-slate-300 px-2 py-1 text-sm"
											/>
										</label>
										<StatusButton type="submit" name="decision" value="decline" variant="secondary">
											{t('events.decline')}
										</StatusButton>
										<ErrorList errors={errorsFor('respond', r.id)} />
									</Form>
								) : null}
							</RequestCard>
						))}
					</ul>
				</section>
				<section aria-labelledby="outgoing" className="rounded-lg border border-slate-200 bg-white p-5">
					<h2 id="outgoing" className="text-lg font-semibold">
						{t('events.outgoing', { count: String(outgoing.length) })}
					</h2>
					{data.canRequest ? (
						<RequestForm />
					) : (
						<p className="mt-2 text-sm text-slate-700">
							{t('events.requestsClosed', { at: event.requestsClose })}
						</p>
					)}
					<ul className="mt-3 flex flex-col gap-3">
						{outgoing.map((r) => (
							<RequestCard key={r.id} request={r} testId="outgoing-request">
								{r.status === 'PENDING' ? (
									<Form method="POST" className="mt-2">
										<input type="hidden" name="intent" value="withdraw" />
										<input type="hidden" name="requestId" value={r.id} />
										<button type="submit" className="text-xs text-red-800 underline">
											{t('events.withdrawRequest')}
										</button>
									</Form>
								) : null}
							</RequestCard>
						))}
					</ul>
				</section>
			</div>
		</div>
	)
}

function RequestCard({
	request: r,
	testId,
	children,
}: {
	request: {
		counterpart: { name: string }
		priority: string
		status: string
		message: string
		declineReason: string
	}
	testId: string
	children?: React.ReactNode
}) {
	const t = useT()
	return (
		<li className="rounded-md border border-slate-200 p-3 text-sm" data-testid={testId}>
			<p>
				<span className="font-semibold">{r.counterpart.name}</span> · {t(`events.priority.${r.priority}`)} ·{' '}
				{t(`events.request.${r.status}`)}
			</p>
			<p className="mt-1 whitespace-pre-wrap">{r.message}</p>
			{r.declineReason ? (
				<p className="mt-1 text-slate-600">{t('events.declineReasonText', { reason: r.declineReason })}</p>
			) : null}
			{children}
		</li>
	)
}

function RequestForm() {
	const { counterparts, preselect } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const isPending = useIsPending()
	const [form, fields] = useForm({
		id: 'meeting-request',
		lastResult: actionData?.intent === 'request' ? actionData.result : undefined,
		defaultValue: {
			toFirmId: counterparts.some((c) => c.id === preselect) ? preselect : '',
			priority: 'MEET',
		},
		shouldValidate: 'onBlur',
		// Errors clear while typing, so a fixed field's message never vanishes under the pointer mid-click.
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingRequestSchema }),
	})
	return (
		<Form
			method="POST"
			{...getFormProps(form)}
			className="mt-3 flex flex-col gap-3 rounded-md bg-slate-50 p-3"
		>
			<FormErrorSummary errors={form.errors} />
			{preselect && !counterparts.some((c) => c.id === preselect) ? (
				<p role="status" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
					{t('events.alreadyRequested')}
				</p>
			) : null}
			<input type="hidden" name="intent" value="request" />
			<SelectField
				label={t('events.form.toFirm')}
				selectProps={getSelectProps(fields.toFirmId)}
				errors={fields.toFirmId.errors}
			>
				<option value="">{t('events.form.pickFirm')}</option>
				{counterparts.map((c) => (
					<option key={c.id} value={c.id}>
						{c.name}
					</option>
				))}
			</SelectField>
			<SelectField
				label={t('events.form.priority')}
				selectProps={getSelectProps(fields.priority)}
				errors={fields.priority.errors}
			>
				<option value="MUST">{t('events.priority.MUST')}</option>
				<option value="MEET">{t('events.priority.MEET')}</option>
			</SelectField>
			<TextareaField
				label={t('events.form.requestMessage')}
				textareaProps={{
					...getTextareaProps(fields.message),
					rows: 3,
					maxLength: 500,
					placeholder: t('events.form.requestMessageHint'),
				}}
				errors={fields.message.errors}
			/>
			<div>
				<StatusButton type="submit" pending={isPending}>
					{t('events.form.sendRequest')}
				</StatusButton>
			</div>
		</Form>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
