import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, NavLink, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { MeetingStatusBadge, PhaseBadge } from '#app/components/events/badges'
import { ErrorList, FormErrorSummary, StatusButton } from '#app/components/forms'
import { EventLink } from '#app/components/events/event-link'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import {
	decideRegistration,
	EventError,
	inviteFirms,
	manageView,
	placeMeeting,
	publishAgenda,
	removeDraftMeeting,
	requestMeeting,
	respondMeetingRequest,
	runScheduler,
	setEventStatus,
} from '#app/modules/events/events.server'
import {
	DecisionSchema,
	InviteSchema,
	MeetingRequestSchema,
	RespondRequestSchema,
} from '#app/modules/events/rules'
import { formatLocal } from '#app/modules/events/slots'
import { clientIp, requireRole } from '#app/utils/auth.server'
import { cn } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

const TABS = ['registrations', 'requests', 'schedule'] as const
const TabSchema = z.enum(TABS).catch('registrations')

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const view = await manageView(user, params.eventId!)
	if (!view) throw new Response('Not Found', { status: 404 })
	const tab = TabSchema.parse(new URL(request.url).searchParams.get('tab') ?? 'registrations')
	const { event, slots, registrations, requests, meetings, report, phase } = view
	return json({
		tab,
		phase,
		event: {
			id: event.id,
			title: event.title,
			status: event.status,
			agendaStatus: event.agendaStatus,
			starts: formatLocal(event.startsAt),
			capacity: event.capacity,
		},
		slots: slots.map((s) => ({ id: s.id, label: `${s.day} ${s.label}` })),
		registrations: registrations.map((r) => ({
			id: r.id,
			firmId: r.firmId,
			firm: r.firm.name,
			chainLeader: r.firm.isChainLeader,
			side: r.side,
			status: r.status,
			pitch: r.pitch,
			note: r.decisionNote,
			checkedIn: r.checkedInAt ? formatLocal(r.checkedInAt) : null,
			unavailable: r.unavailableSlots.length,
		})),
		requests: requests.map((r) => ({
			id: r.id,
			from: r.from,
			to: r.to,
			priority: r.priority,
			status: r.status,
			message: r.message,
			declineReason: r.declineReason,
			onBehalf: Boolean(r.onBehalfById),
			meetingStatus: r.meetingStatus,
		})),
		meetings: meetings.map((m) => ({
			id: m.id,
			requestId: m.requestId,
			slotId: m.slotId,
			status: m.status,
			locked: m.locked,
			buyer: m.buyer,
			supplier: m.supplier,
			outcome: m.outcome,
		})),
		report,
	})
}

const IntentSchema = z.object({
	intent: z.enum([
		'publish',
		'cancel',
		'close',
		'decide',
		'invite',
		'request',
		'respond',
		'schedule',
		'place',
		'remove',
		'publishAgenda',
	]),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const eventId = params.eventId!
	const formData = await request.formData()
	const meta = { ip: clientIp(request) }
	const parsed = IntentSchema.safeParse({ intent: formData.get('intent') })
	if (!parsed.success) return json({ intent: 'unknown', errors: ['err.invalid'] }, { status: 400 })
	const intent = parsed.data.intent
	const back = (tab: string, message: string, vars?: Record<string, string>) =>
		redirectWithToast(`/events/${eventId}/manage?tab=${tab}`, { message, vars })
	const fail = (errors: string[], status = 400, extra: Record<string, unknown> = {}) =>
		json({ intent, errors, ...extra }, { status })
	try {
		switch (intent) {
			case 'publish':
			case 'cancel':
			case 'close': {
				const status = intent === 'publish' ? 'PUBLISHED' : intent === 'cancel' ? 'CANCELLED' : 'CLOSED'
				await setEventStatus(user, eventId, status, meta)
				return back('registrations', `events.status.${status}`)
			}
			case 'decide': {
				const s = parseWithZod(formData, { schema: DecisionSchema })
				if (s.status !== 'success') return fail(['err.invalid'])
				await decideRegistration(user, eventId, s.value, meta).catch((e) => {
					if (e instanceof EventError) e.message = s.value.registrationId
					throw e
				})
				return back('registrations', s.value.decision === 'approve' ? 'events.approved' : 'events.rejected')
			}
			case 'invite': {
				const s = parseWithZod(formData, { schema: InviteSchema })
				if (s.status !== 'success') return fail(s.error?.firms ?? ['err.eventInviteList'])
				const r = await inviteFirms(user, eventId, s.value.firms, meta)
				return json({ intent, errors: [], invite: r })
			}
			case 'request': {
				const fromFirmId = String(formData.get('fromFirmId') ?? '')
				const s = parseWithZod(formData, { schema: MeetingRequestSchema })
				if (s.status !== 'success')
					return fail(
						Object.values(s.error ?? {})
							.flat()
							.filter(Boolean) as string[],
					)
				if (!fromFirmId) return fail(['err.eventRequestFrom'])
				await requestMeeting(user, eventId, s.value, meta, fromFirmId)
				return back('requests', 'events.requestSent')
			}
			case 'respond': {
				const s = parseWithZod(formData, { schema: RespondRequestSchema })
				if (s.status !== 'success')
					return fail(
						Object.values(s.error ?? {})
							.flat()
							.filter(Boolean) as string[],
						400,
						{ id: formData.get('requestId') },
					)
				await respondMeetingRequest(user, eventId, s.value, meta, true)
				return back('requests', 'events.responded')
			}
			case 'schedule': {
				const report = await runScheduler(user, eventId, meta)
				return back('schedule', 'events.scheduled', {
					placed: String(report.stats.placed),
					accepted: String(report.stats.accepted),
				})
			}
			case 'place': {
				const requestId = String(formData.get('requestId') ?? '')
				const slotId = String(formData.get('slotId') ?? '')
				if (!slotId) return fail(['err.eventSlotUnknown'], 400, { id: requestId })
				try {
					await placeMeeting(user, eventId, { requestId, slotId }, meta)
				} catch (error) {
					if (error instanceof EventError) return fail([error.key], error.status, { id: requestId })
					throw error
				}
				return back('schedule', 'events.placed')
			}
			case 'remove': {
				await removeDraftMeeting(user, eventId, String(formData.get('meetingId') ?? ''), meta)
				return back('schedule', 'events.removed')
			}
			case 'publishAgenda': {
				await publishAgenda(user, eventId, meta)
				return back('schedule', 'events.agendaPublished')
			}
		}
	} catch (error) {
		if (error instanceof EventError) {
			if (error.status === 404 && intent !== 'respond' && intent !== 'decide')
				throw new Response('Not Found', { status: 404 })
			return fail([error.key], error.status)
		}
		throw error
	}
}

export default function ManageEventRoute() {
	const { tab, event, phase } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	return (
		<div className="flex flex-col gap-4">
			<PageHeader
				title={t('events.manage.title', { title: event.title })}
				lead={t('events.manage.lead', { starts: event.starts })}
				actions={
					<div className="flex flex-wrap items-center gap-2">
						<PhaseBadge phase={phase} />
						<EventLink to={`/events/${event.id}`}>{t('events.manage.view')}</EventLink>
						<EventLink to={`/events/${event.id}/edit`}>{t('events.manage.edit')}</EventLink>
						<EventLink to={`/events/${event.id}/live`}>{t('events.link.live')}</EventLink>
						<EventLink to={`/events/${event.id}/report`}>{t('events.link.report')}</EventLink>
						{event.status === 'DRAFT' ? (
							<Form method="POST">
								<input type="hidden" name="intent" value="publish" />
								<StatusButton type="submit">{t('events.manage.publish')}</StatusButton>
							</Form>
						) : null}
						{event.status === 'PUBLISHED' ? (
							<Form method="POST">
								<input type="hidden" name="intent" value="close" />
								<StatusButton type="submit" variant="secondary">
									{t('events.manage.close')}
								</StatusButton>
							</Form>
						) : null}
						{event.status === 'DRAFT' || event.status === 'PUBLISHED' ? (
							<Form
								method="POST"
								onSubmit={(e) =>
									!confirm(t('events.manage.cancelConfirm')) ? e.preventDefault() : undefined
								}
							>
								<input type="hidden" name="intent" value="cancel" />
								<StatusButton type="submit" variant="danger">
									{t('events.manage.cancel')}
								</StatusButton>
							</Form>
						) : null}
					</div>
				}
			/>
			{actionData && actionData.errors.length && !('id' in actionData) ? (
				<FormErrorSummary errors={actionData.errors} />
			) : null}
			<nav aria-label={t('events.manage.tabs')} className="flex gap-2 border-b border-slate-200">
				{TABS.map((x) => (
					<NavLink
						key={x}
						to={`/events/${event.id}/manage?tab=${x}`}
						className={cn(
							'-mb-px border-b-2 px-3 py-2 text-sm',
							tab === x
								? 'border-brand-700 text-brand-800 font-semibold'
								: 'hover:text-brand-700 border-transparent text-slate-700',
						)}
						aria-current={tab === x ? 'page' : undefined}
					>
						{t(`events.manage.tab.${x}`)}
					</NavLink>
				))}
			</nav>
			{tab === 'registrations' ? <Registrations /> : tab === 'requests' ? <Requests /> : <Schedule />}
		</div>
	)
}

function Registrations() {
	const { registrations } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const invite =
		actionData && 'invite' in actionData
			? (actionData.invite as { invited: string[]; already: string[]; unknown: string[] })
			: null
	return (
		<div className="grid gap-6 lg:grid-cols-3">
			<section className="lg:col-span-2" aria-labelledby="regs">
				<h2 id="regs" className="mb-2 text-lg font-semibold">
					{t('events.manage.registrations', { count: String(registrations.length) })}
				</h2>
				{registrations.length === 0 ? (
					<p className="text-slate-700">{t('events.manage.noRegistrations')}</p>
				) : null}
				<ul className="flex flex-col gap-2">
					{registrations.map((r) => (
						<li
							key={r.id}
							className="rounded-lg border border-slate-200 bg-white p-3"
							data-testid="registration"
						>
							<div className="flex flex-wrap items-center gap-2">
								<span className="font-semibold">{r.firm}</span>
								<span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
									{t(`events.side.${r.side}`)}
								</span>
								{r.chainLeader ? (
									<span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
										{t('events.chainLeader')}
									</span>
								) : null}
								<span className="text-sm text-slate-700">{t(`events.registration.${r.status}`)}</span>
								{r.checkedIn ? (
									<span className="text-xs text-emerald-800">
										{t('events.checkedInAt', { at: r.checkedIn })}
									</span>
								) : null}
							</div>
							{r.pitch ? <p className="mt-1 text-sm whitespace-pre-wrap text-slate-800">{r.pitch}</p> : null}
							{r.note ? (
								<p className="mt-1 text-xs text-slate-600">{t('events.manage.note', { note: r.note })}</p>
							) : null}
							{r.status === 'PENDING' || r.status === 'APPROVED' ? (
								<Form method="POST" className="mt-2 flex flex-wrap items-end gap-2">
									<input type="hidden" name="intent" value="decide" />
									<input type="hidden" name="registrationId" value={r.id} />
									<label className="flex flex-col text-xs text-slate-700">
										{t('events.manage.decisionNote')}
										<input
											name="note"
											maxLength={500}
											className="rounded border border-slate-300 px-2 py-1 text-sm"
										/>
									</label>
									{r.status === 'PENDING' ? (
										<StatusButton type="submit" name="decision" value="approve">
											{t('events.manage.approve')}
										</StatusButton>
									) : null}
									<StatusButton type="submit" name="decision" value="reject" variant="secondary">
										{t('events.manage.reject')}
									</StatusButton>
								</Form>
							) : null}
						</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="invite" className="rounded-lg border border-slate-200 bg-white p-4">
				<h2 id="invite" className="text-lg font-semibold">
					{t('events.manage.invite')}
				</h2>
				<p className="mb-2 text-sm text-slate-700">{t('events.manage.inviteHint')}</p>
				<Form method="POST" className="flex flex-col gap-2">
					<input type="hidden" name="intent" value="invite" />
					<label htmlFor="invite-firms" className="text-sm font-medium">
						{t('events.manage.inviteList')}
					</label>
					<textarea
						id="invite-firms"
						name="firms"
						rows={6}
						className="rounded-md border border-slate-300 p-2 text-sm"
					/>
					{actionData?.intent === 'invite' ? <ErrorList errors={actionData.errors} /> : null}
					<div>
						<StatusButton type="submit">{t('events.manage.inviteSubmit')}</StatusButton>
					</div>
				</Form>
				{invite ? (
					<div role="status" className="mt-3 text-sm">
						<p>{t('events.manage.invited', { count: String(invite.invited.length) })}</p>
						{invite.already.length ? (
							<p>{t('events.manage.already', { firms: invite.already.join('、') })}</p>
						) : null}
						{invite.unknown.length ? (
							<p className="text-red-700">
								{t('events.manage.unknown', { lines: invite.unknown.join('、') })}
							</p>
						) : null}
					</div>
				) : null}
			</section>
		</div>
	)
}

function Requests() {
	const { requests, registrations } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const approved = registrations.filter((r) => r.status === 'APPROVED')
	return (
		<div className="grid gap-6 lg:grid-cols-3">
			<section className="lg:col-span-2" aria-labelledby="reqs">
				<h2 id="reqs" className="mb-2 text-lg font-semibold">
					{t('events.manage.requests', { count: String(requests.length) })}
				</h2>
				<ul className="flex flex-col gap-2">
					{requests.map((r) => (
						<li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
							<p>
								<span className="font-semibold">{r.from}</span> →{' '}
								<span className="font-semibold">{r.to}</span> · {t(`events.priority.${r.priority}`)} ·{' '}
								{t(`events.request.${r.status}`)}
								{r.onBehalf ? ` · ${t('events.manage.onBehalf')}` : ''}
								{r.meetingStatus ? ` · ${t(`events.meeting.${r.meetingStatus}`)}` : ''}
							</p>
							<p className="mt-1 whitespace-pre-wrap text-slate-800">{r.message}</p>
							{r.declineReason ? (
								<p className="mt-1 text-slate-600">
									{t('events.declineReasonText', { reason: r.declineReason })}
								</p>
							) : null}
							{r.status === 'PENDING' ? (
								<Form method="POST" className="mt-2 flex flex-wrap items-end gap-2">
									<input type="hidden" name="intent" value="respond" />
									<input type="hidden" name="requestId" value={r.id} />
									<label className="flex flex-col text-xs text-slate-700">
										{t('events.declineReason')}
										<input
											name="reason"
											maxLength={500}
											className="rounded border border-slate-300 px-2 py-1 text-sm"
										/>
									</label>
									<StatusButton type="submit" name="decision" value="accept">
										{t('events.manage.acceptOnBehalf')}
									</StatusButton>
									<StatusButton type="submit" name="decision" value="decline" variant="secondary">
										{t('events.manage.declineOnBehalf')}
									</StatusButton>
									{actionData?.intent === 'respond' && 'id' in actionData && actionData.id === r.id ? (
										<ErrorList errors={actionData.errors} />
									) : null}
								</Form>
							) : null}
						</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="onbehalf" className="rounded-lg border border-slate-200 bg-white p-4">
				<h2 id="onbehalf" className="text-lg font-semibold">
					{t('events.manage.requestOnBehalf')}
				</h2>
				<p className="mb-2 text-sm text-slate-700">{t('events.manage.onBehalfHint')}</p>
				<Form method="POST" className="flex flex-col gap-2 text-sm">
					<input type="hidden" name="intent" value="request" />
					<FirmSelect label={t('events.manage.fromFirm')} name="fromFirmId" firms={approved} />
					<FirmSelect label={t('events.form.toFirm')} name="toFirmId" firms={approved} />
					<label className="flex flex-col gap-1">
						{t('events.form.priority')}
						<select name="priority" className="rounded border border-slate-300 px-2 py-1">
							<option value="MUST">{t('events.priority.MUST')}</option>
							<option value="MEET">{t('events.priority.MEET')}</option>
						</select>
					</label>
					<label className="flex flex-col gap-1">
						{t('events.form.requestMessage')}
						<textarea
							name="message"
							rows={3}
							maxLength={500}
							className="rounded border border-slate-300 p-2"
						/>
					</label>
					{actionData?.intent === 'request' ? <ErrorList errors={actionData.errors} /> : null}
					<div>
						<StatusButton type="submit">{t('events.manage.sendOnBehalf')}</StatusButton>
					</div>
				</Form>
			</section>
		</div>
	)
}

function FirmSelect({
	label,
	name,
	firms,
}: {
	label: string
	name: string
	firms: Array<{ id: string; firmId: string; firm: string; side: string }>
}) {
	const t = useT()
	return (
		<label className="flex flex-col gap-1">
			{label}
			<select name={name} className="rounded border border-slate-300 px-2 py-1">
				<option value="">—</option>
				{firms.map((r) => (
					<option key={r.id} value={r.firmId}>
						{r.firm}（{t(`events.side.${r.side}`)}）
					</option>
				))}
			</select>
		</label>
	)
}

function Schedule() {
	const { event, slots, meetings, report, requests } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const drafts = meetings.filter((m) => m.status === 'DRAFT').length
	const rebook = meetings.filter((m) => m.status === 'NEEDS_RESCHEDULE')
	const unplaced = report?.unplaced ?? []
	const requestLabel = new Map(requests.map((r) => [r.id, `${r.from} → ${r.to}`]))
	const placeForm = (requestId: string, current?: string) => (
		<Form method="POST" className="flex flex-wrap items-center gap-1">
			<input type="hidden" name="intent" value="place" />
			<input type="hidden" name="requestId" value={requestId} />
			<label className="sr-only" htmlFor={`slot-${requestId}`}>
				{t('events.manage.slot')}
			</label>
			<select
				id={`slot-${requestId}`}
				name="slotId"
				defaultValue={current ?? ''}
				className="rounded border border-slate-300 px-1 py-0.5 text-xs"
			>
				<option value="">{t('events.manage.pickSlot')}</option>
				{slots.map((s) => (
					<option key={s.id} value={s.id}>
						{s.label}
					</option>
				))}
			</select>
			<button
				type="submit"
				className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
			>
				{current ? t('events.manage.move') : t('events.manage.place')}
			</button>
			{actionData?.intent === 'place' && 'id' in actionData && actionData.id === requestId ? (
				<ErrorList errors={actionData.errors} />
			) : null}
		</Form>
	)
	return (
		<div className="flex flex-col gap-4">
			<div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4">
				<Form method="POST">
					<input type="hidden" name="intent" value="schedule" />
					<StatusButton type="submit">{t('events.manage.runScheduler')}</StatusButton>
				</Form>
				<Form method="POST">
					<input type="hidden" name="intent" value="publishAgenda" />
					<StatusButton type="submit" variant="secondary" disabled={drafts === 0}>
						{t('events.manage.publishAgenda', { count: String(drafts) })}
					</StatusButton>
				</Form>
				<span className="text-sm text-slate-700">{t(`events.agenda.${event.agendaStatus}`)}</span>
				{report ? (
					<p className="text-sm text-slate-700" data-testid="scheduler-stats">
						{t('events.manage.stats', {
							at: formatLocal(report.at),
							placed: String(report.stats.placed),
							accepted: String(report.stats.accepted),
							must: String(report.stats.mustMeetPlaced),
							mustAll: String(report.stats.mustMeet),
						})}
					</p>
				) : null}
			</div>
			{rebook.length ? (
				<section aria-labelledby="rebook" className="rounded-lg border border-red-200 bg-red-50 p-4">
					<h2 id="rebook" className="font-semibold text-red-900">
						{t('events.manage.rebook', { count: String(rebook.length) })}
					</h2>
					<ul className="mt-2 flex flex-col gap-1 text-sm">
						{rebook.map((m) => (
							<li key={m.id} className="flex flex-wrap items-center gap-2">
								{m.buyer} ↔ {m.supplier}
								{placeForm(m.requestId)}
							</li>
						))}
					</ul>
				</section>
			) : null}
			{unplaced.length ? (
				<section aria-labelledby="unplaced" className="rounded-lg border border-amber-200 bg-amber-50 p-4">
					<h2 id="unplaced" className="font-semibold text-amber-900">
						{t('events.manage.unplaced', { count: String(unplaced.length) })}
					</h2>
					<ul className="mt-2 flex flex-col gap-1 text-sm">
						{unplaced.map((u) => (
							<li key={u.requestId} className="flex flex-wrap items-center gap-2">
								<span>{requestLabel.get(u.requestId) ?? `${u.buyer} ↔ ${u.supplier}`}</span>
								<span className="text-slate-700">{u.detail}</span>
								{meetings.some((m) => m.requestId === u.requestId) ? null : placeForm(u.requestId)}
							</li>
						))}
					</ul>
				</section>
			) : null}
			<section aria-labelledby="grid">
				<h2 id="grid" className="mb-2 text-lg font-semibold">
					{t('events.manage.grid')}
				</h2>
				<div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
					<table className="min-w-full text-sm">
						<thead className="bg-slate-50 text-left">
							<tr>
								<th scope="col" className="px-3 py-2">
									{t('events.manage.slot')}
								</th>
								<th scope="col" className="px-3 py-2">
									{t('events.manage.meetings')}
								</th>
							</tr>
						</thead>
						<tbody>
							{slots.map((s) => {
								const here = meetings.filter(
									(m) => m.slotId === s.id && m.status !== 'NEEDS_RESCHEDULE' && m.status !== 'CANCELLED',
								)
								return (
									<tr key={s.id} className="border-t border-slate-100 align-top">
										<th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
											{s.label}
										</th>
										<td className="px-3 py-2">
											<ul className="flex flex-col gap-1">
												{here.map((m) => (
													<li
														key={m.id}
														className="flex flex-wrap items-center gap-2"
														data-testid="grid-meeting"
													>
														<MeetingStatusBadge status={m.status} />
														<span>
															{m.buyer} ↔ {m.supplier}
														</span>
														{m.locked ? (
															<span className="text-xs text-slate-600">{t('events.manage.locked')}</span>
														) : null}
														{m.status === 'DRAFT' || m.status === 'SCHEDULED'
															? placeForm(m.requestId, m.slotId)
															: null}
														{m.status === 'DRAFT' ? (
															<Form method="POST">
																<input type="hidden" name="intent" value="remove" />
																<input type="hidden" name="meetingId" value={m.id} />
																<button type="submit" className="text-xs text-red-800 underline">
																	{t('events.manage.remove')}
																</button>
															</Form>
														) : null}
													</li>
												))}
											</ul>
										</td>
									</tr>
								)
							})}
						</tbody>
					</table>
				</div>
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
