import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PhaseBadge } from '#app/components/events/badges'
import { ErrorList, Field, FormErrorSummary, StatusButton, TextareaField } from '#app/components/forms'
import { EventLink } from '#app/components/events/event-link'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import {
	EventError,
	getEventDetail,
	isBureau,
	registerForEvent,
	registrationOptions,
	withdrawRegistration,
} from '#app/modules/events/events.server'
import { RegisterSchema, registrationOpen, requestsOpen, sidesFor } from '#app/modules/events/rules'
import { formatLocal } from '#app/modules/events/slots'
import { clientIp, getUser, requireFirmUser } from '#app/utils/auth.server'
import { useIsPending } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.event.title} · 对接会` : '对接会' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const detail = await getEventDetail(user, params.eventId!)
	if (!detail) throw new Response('Not Found', { status: 404 })
	const { event, slots, phase, approved, seatsLeft, mine } = detail
	const firmUser = user?.firmId && user.firm && !isBureau(user) ? user : null
	const options = firmUser ? await registrationOptions(firmUser.firmId!) : null
	const days = [...new Set(slots.map((s) => s.day))].map((day) => ({
		day,
		slots: slots.filter((s) => s.day === day).map((s) => ({ id: s.id, label: s.label })),
	}))
	return json({
		event: {
			id: event.id,
			title: event.title,
			description: event.description,
			format: event.format,
			venue: event.venue,
			status: event.status,
			starts: formatLocal(event.startsAt),
			ends: formatLocal(event.endsAt),
			registrationOpens: formatLocal(event.registrationOpensAt),
			registrationCloses: formatLocal(event.registrationClosesAt),
			requestsClose: formatLocal(event.requestsCloseAt),
			meetingMinutes: event.meetingMinutes,
			breaks: event.breaks,
			capacity: event.capacity,
			minMeetings: event.minMeetings,
			maxMeetings: event.maxMeetings,
			clusters: event.clusters.map((c) => c.name),
			host: event.host?.name ?? null,
			agendaPublished: event.agendaStatus === 'PUBLISHED',
		},
		phase,
		days,
		slotCount: slots.length,
		approved,
		seatsLeft,
		bureau: user ? isBureau(user) : false,
		signedIn: Boolean(user),
		firm: firmUser
			? {
					kind: firmUser.firm!.kind,
					verified: firmUser.firm!.verificationStatus === 'VERIFIED',
					capabilities: options!.capabilities,
					demands: options!.demands,
				}
			: null,
		mine: mine
			? {
					status: mine.status,
					side: mine.side,
					pitch: mine.pitch,
					capabilityIds: mine.capabilityIds,
					demandIds: mine.demandIds,
					unavailableSlots: mine.unavailableSlots,
					maxMeetings: mine.maxMeetings,
					decisionNote: mine.decisionNote,
				}
			: null,
	})
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireFirmUser(request)
	const formData = await request.formData()
	const meta = { ip: clientIp(request) }
	const eventId = params.eventId!
	try {
		if (formData.get('intent') === 'withdraw') {
			await withdrawRegistration(user, eventId, meta)
			return redirectWithToast(`/events/${eventId}`, { message: 'events.withdrawn' })
		}
		const submission = parseWithZod(formData, { schema: RegisterSchema })
		if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
		try {
			const reg = await registerForEvent(user, eventId, submission.value, meta)
			return redirectWithToast(`/events/${eventId}`, {
				message: reg.status === 'APPROVED' ? 'events.registeredApproved' : 'events.registered',
			})
		} catch (error) {
			if (error instanceof EventError)
				return json({ result: submission.reply({ formErrors: [error.key] }) }, { status: error.status })
			throw error
		}
	} catch (error) {
		if (error instanceof EventError) throw new Response(error.key, { status: error.status })
		throw error
	}
}

export default function EventRoute() {
	const data = useLoaderData<typeof loader>()
	const { event, phase, approved, seatsLeft, bureau, firm, mine } = data
	const t = useT()
	const approvedMine = mine?.status === 'APPROVED'
	return (
		<div className="flex flex-col gap-6">
			<PageHeader
				title={event.title}
				lead={t('events.when', { starts: event.starts, ends: event.ends.slice(11) })}
				actions={<PhaseBadge phase={phase} />}
			/>
			<nav aria-label={t('events.sections')} className="flex flex-wrap gap-2">
				{approvedMine || bureau ? (
					<>
						<EventLink to={`/events/${event.id}/participants`}>{t('events.link.participants')}</EventLink>
						<EventLink to={`/events/${event.id}/live`}>{t('events.link.live')}</EventLink>
					</>
				) : null}
				{approvedMine ? (
					<EventLink primary to={`/events/${event.id}/agenda`}>
						{t('events.link.agenda')}
					</EventLink>
				) : null}
				{bureau ? (
					<>
						<EventLink primary to={`/events/${event.id}/manage`}>
							{t('events.link.manage')}
						</EventLink>
						<EventLink to={`/events/${event.id}/report`}>{t('events.link.report')}</EventLink>
					</>
				) : null}
			</nav>
			<div className="grid gap-6 lg:grid-cols-3">
				<section
					className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5 lg:col-span-2"
					aria-labelledby="about"
				>
					<h2 id="about" className="text-lg font-semibold text-slate-900">
						{t('events.about')}
					</h2>
					{event.description ? (
						<p className="whitespace-pre-wrap text-slate-800">{event.description}</p>
					) : null}
					<dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
						<dt className="text-slate-600">{t('events.form.clusters')}</dt>
						<dd>{event.clusters.join('、')}</dd>
						<dt className="text-slate-600">{t('events.form.format')}</dt>
						<dd>
							{t(`events.format.${event.format}`)}
							{event.venue ? ` · ${event.venue}` : ''}
						</dd>
						<dt className="text-slate-600">{t('events.registrationWindow')}</dt>
						<dd>
							{event.registrationOpens} — {event.registrationCloses}
						</dd>
						<dt className="text-slate-600">{t('events.form.requestsCloseAt')}</dt>
						<dd>{event.requestsClose}</dd>
						<dt className="text-slate-600">{t('events.grid')}</dt>
						<dd>
							{t('events.gridText', {
								minutes: String(event.meetingMinutes),
								slots: String(data.slotCount),
								min: String(event.minMeetings),
								max: String(event.maxMeetings),
							})}
							{event.breaks.length ? ` · ${t('events.form.breaks')} ${event.breaks.join('、')}` : ''}
						</dd>
						<dt className="text-slate-600">{t('events.participants')}</dt>
						<dd>
							{t('events.participantsText', {
								buyers: String(approved.BUYER),
								suppliers: String(approved.SUPPLIER),
								left: String(seatsLeft),
							})}
						</dd>
						{event.host ? (
							<>
								<dt className="text-slate-600">{t('events.host')}</dt>
								<dd>{event.host}</dd>
							</>
						) : null}
						<dt className="text-slate-600">{t('events.timeZoneLabel')}</dt>
						<dd>{t('events.timeZone')}</dd>
					</dl>
				</section>
				<aside
					className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5"
					aria-labelledby="mine"
				>
					<h2 id="mine" className="text-lg font-semibold text-slate-900">
						{t('events.myRegistration')}
					</h2>
					{!data.signedIn ? (
						<p className="text-sm text-slate-700">
							<Link className="text-brand-800 underline" to={`/login?redirectTo=/events/${event.id}`}>
								{t('events.loginToRegister')}
							</Link>
						</p>
					) : bureau ? (
						<p className="text-sm text-slate-700">{t('events.bureauHint')}</p>
					) : mine ? (
						<div className="flex flex-col gap-2 text-sm">
							<p>
								<span className="font-semibold">{t(`events.registration.${mine.status}`)}</span> ·{' '}
								{t(`events.side.${mine.side}`)}
							</p>
							{mine.status === 'REJECTED' && mine.decisionNote ? (
								<p className="text-slate-700">{t('events.rejectedNote', { note: mine.decisionNote })}</p>
							) : null}
							{mine.status === 'INVITED' ? <p className="text-slate-700">{t('events.invitedHint')}</p> : null}
							{mine.status === 'PENDING' || mine.status === 'APPROVED' ? (
								<Form method="POST">
									<input type="hidden" name="intent" value="withdraw" />
									<StatusButton type="submit" variant="secondary">
										{t('events.withdraw')}
									</StatusButton>
								</Form>
							) : null}
						</div>
					) : (
						<p className="text-sm text-slate-700">
							{registrationOpen(phase) ? t('events.notRegistered') : t('events.registrationNotOpen')}
						</p>
					)}
				</aside>
			</div>
			{firm &&
			mine?.status !== 'REJECTED' &&
			(registrationOpen(phase) || (mine && mine.status !== 'WITHDRAWN' && requestsOpen(phase))) ? (
				<RegistrationForm />
			) : null}
		</div>
	)
}

function RegistrationForm() {
	const { firm, mine, days } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const isPending = useIsPending()
	const sides = sidesFor(firm!.kind)
	const defaultSide = mine?.side === 'BUYER' || mine?.side === 'SUPPLIER' ? mine.side : sides[0]!
	const defaultPitch =
		mine?.pitch ||
		(defaultSide === 'SUPPLIER' ? firm!.capabilities : firm!.demands)
			.slice(0, 5)
			.map((l) => l.title)
			.join('；')
	const [form, fields] = useForm({
		id: 'event-register',
		lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
		shouldValidate: 'onBlur',
		// Errors clear while typing, so a fixed field's message never vanishes under the pointer mid-click.
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
	})
	const unavailable = new Set(mine?.unavailableSlots ?? [])
	return (
		<section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="register">
			<h2 id="register" className="mb-3 text-lg font-semibold text-slate-900">
				{mine && mine.status !== 'WITHDRAWN' && mine.status !== 'INVITED'
					? t('events.form.updateRegistration')
					: t('events.form.register')}
			</h2>
			{!firm!.verified ? (
				<p className="mb-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
					{t('err.eventFirmNotVerified')}
				</p>
			) : null}
			<Form method="POST" {...getFormProps(form)} className="flex flex-col gap-4">
				<FormErrorSummary errors={form.errors} />
				<input type="hidden" name="intent" value="register" />
				<fieldset className="flex flex-col gap-1">
					<legend className="text-sm font-medium text-slate-800">{t('events.form.side')}</legend>
					<div className="flex gap-4">
						{sides.map((s) => (
							<label key={s} className="flex items-center gap-2 text-sm">
								<input type="radio" name={fields.side.name} value={s} defaultChecked={s === defaultSide} />
								{t(`events.side.${s}`)}
							</label>
						))}
					</div>
					<ErrorList errors={fields.side.errors} />
				</fieldset>
				<TextareaField
					label={t('events.form.pitch')}
					textareaProps={{
						...getTextareaProps(fields.pitch),
						defaultValue: defaultPitch,
						rows: 3,
						maxLength: 1000,
						placeholder: t('events.form.pitchHint'),
					}}
					errors={fields.pitch.errors}
				/>
				{firm!.capabilities.length && sides.includes('SUPPLIER') ? (
					<fieldset className="flex flex-col gap-1">
						<legend className="text-sm font-medium text-slate-800">{t('events.form.capabilities')}</legend>
						{firm!.capabilities.map((c) => (
							<label key={c.id} className="flex items-center gap-2 text-sm">
								<input
									type="checkbox"
									name={fields.capabilityIds.name}
									value={c.id}
									defaultChecked={mine ? mine.capabilityIds.includes(c.id) : true}
								/>
								{c.title}
							</label>
						))}
					</fieldset>
				) : null}
				{firm!.demands.length && sides.includes('BUYER') ? (
					<fieldset className="flex flex-col gap-1">
						<legend className="text-sm font-medium text-slate-800">{t('events.form.demands')}</legend>
						{firm!.demands.map((d) => (
							<label key={d.id} className="flex items-center gap-2 text-sm">
								<input
									type="checkbox"
									name={fields.demandIds.name}
									value={d.id}
									defaultChecked={mine ? mine.demandIds.includes(d.id) : true}
								/>
								{d.title}
							</label>
						))}
					</fieldset>
				) : null}
				<fieldset
					className="flex flex-col gap-2"
					aria-describedby={fields.availableSlots.errors ? 'slots-error' : undefined}
				>
					<legend className="text-sm font-medium text-slate-800">{t('events.form.availability')}</legend>
					<p className="text-xs text-slate-600">{t('events.form.availabilityHint')}</p>
					{days.map((d) => (
						<div key={d.day} className="flex flex-wrap items-center gap-x-4 gap-y-1">
							<span className="w-24 text-sm font-semibold text-slate-800">{d.day}</span>
							{d.slots.map((s) => (
								<label key={s.id} className="flex items-center gap-1 text-sm">
									<input
										type="checkbox"
										name={fields.availableSlots.name}
										value={s.id}
										defaultChecked={!unavailable.has(s.id)}
									/>
									{s.label}
								</label>
							))}
						</div>
					))}
					<ErrorList id="slots-error" errors={fields.availableSlots.errors} />
				</fieldset>
				<Field
					className="max-w-xs"
					label={t('events.form.myMax')}
					hint={t('events.form.myMaxHint')}
					inputProps={{
						...getInputProps(fields.maxMeetings, { type: 'number' }),
						defaultValue: mine?.maxMeetings ?? '',
						min: 1,
						max: 40,
					}}
					errors={fields.maxMeetings.errors}
				/>
				<div>
					<StatusButton type="submit" pending={isPending} disabled={!firm!.verified}>
						{mine && mine.status !== 'WITHDRAWN' && mine.status !== 'INVITED'
							? t('events.form.saveRegistration')
							: t('events.form.submitRegistration')}
					</StatusButton>
				</div>
			</Form>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
