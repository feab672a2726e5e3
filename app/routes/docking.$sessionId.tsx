import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { DockingChat } from '#app/components/docking/chat'
import { StageBadge, StagePipeline } from '#app/components/docking/stage'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { OutcomeForm } from '#app/components/events/outcome-form'
import { Field, FormErrorSummary, StatusButton, TextareaField } from '#app/components/forms'
import { useT } from '#app/i18n/use-t'
import {
	changeStage,
	DockingError,
	getSessionView,
	grantContactConsent,
	inviteBureau,
	joinSide,
	respondToRequest,
	searchMessages,
	withdrawRequest,
} from '#app/modules/docking/docking.server'
import {
	InviteBureauSchema,
	nextStages,
	RespondSchema,
	StageSchema,
	type Stage,
} from '#app/modules/docking/rules'
import { meetingOfSession } from '#app/modules/events/events.server'
import { formatLocal } from '#app/modules/events/slots'
import { getRegion } from '#app/modules/firms/regions'
import { clientIp, requireFirmUser, requireUser } from '#app/utils/auth.server'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `对接：${data.view.session.buyer.name} ↔ ${data.view.session.supplier.name}` : '对接' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100)
	try {
		const view = await getSessionView(user, params.sessionId ?? '', { ip: clientIp(request) })
		const results = q.trim() ? await searchMessages(view.session.id, q) : null
		const meeting = await meetingOfSession(view.session.id)
		return json(
			{
				view,
				me: user.id,
				q,
				results,
				meeting: meeting
					? {
							id: meeting.id,
							eventId: meeting.eventId,
							eventTitle: meeting.event.title,
							when: `${formatLocal(meeting.startsAt)}–${formatLocal(meeting.endsAt).slice(11)}`,
							started: meeting.startsAt <= new Date(),
							status: meeting.status,
							outcome: meeting.outcome,
							dealAmount: meeting.dealAmount?.toFixed(2) ?? null,
							outcomeNote: meeting.outcomeNote,
						}
					: null,
			},
			{ headers: { 'Cache-Control': 'private, no-store' } },
		)
	} catch (error) {
		if (error instanceof DockingError) throw new Response('Not Found', { status: error.status })
		throw error
	}
}

const IntentSchema = z.object({
	intent: z.enum(['accept', 'decline', 'withdraw', 'stage', 'consent', 'join', 'invite-bureau']),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireFirmUser(request)
	const sessionId = params.sessionId ?? ''
	const form = await request.formData()
	const intent = IntentSchema.safeParse({ intent: form.get('intent') })
	if (!intent.success) return json({ intent: null, result: null, error: 'err.invalid' }, { status: 400 })
	const meta = { ip: clientIp(request) }
	const back = `/docking/${sessionId}`
	const fail = (name: string, result: unknown, status = 400) =>
		json({ intent: name, result, error: null }, { status })
	try {
		switch (intent.data.intent) {
			case 'accept':
			case 'decline': {
				const submission = parseWithZod(form, { schema: RespondSchema })
				if (submission.status !== 'success') return fail(intent.data.intent, submission.reply())
				await respondToRequest(user, sessionId, submission.value, meta)
				return redirectWithToast(back, {
					message: submission.value.intent === 'accept' ? 'docking.accepted' : 'docking.declined',
				})
			}
			case 'withdraw':
				await withdrawRequest(user, sessionId)
				return redirectWithToast(back, { message: 'docking.withdrawn' })
			case 'stage': {
				const submission = parseWithZod(form, { schema: StageSchema })
				if (submission.status !== 'success')
					return fail(`stage-${String(form.get('stage'))}`, submission.reply())
				await changeStage(user, sessionId, submission.value)
				return redirectWithToast(back, { message: 'docking.stageChanged' })
			}
			case 'consent':
				await grantContactConsent(user, sessionId, meta)
				return redirectWithToast(back, { message: 'docking.consentSaved' })
			case 'join':
				await joinSide(user, sessionId)
				return redirectWithToast(back, { message: 'docking.joined' })
			case 'invite-bureau': {
				const submission = parseWithZod(form, { schema: InviteBureauSchema })
				if (submission.status !== 'success') return fail('invite-bureau', submission.reply())
				try {
					await inviteBureau(user, sessionId, submission.value.email, meta)
				} catch (error) {
					if (error instanceof DockingError && error.key === 'err.dockingBureauNotFound')
						return fail('invite-bureau', submission.reply({ fieldErrors: { email: [error.key] } }))
					throw error
				}
				return redirectWithToast(back, { message: 'docking.bureauInvited' })
			}
		}
	} catch (error) {
		if (error instanceof DockingError) {
			if (error.status === 404) throw new Response('Not Found', { status: 404 })
			return json({ intent: intent.data.intent, result: null, error: error.key }, { status: error.status })
		}
		throw error
	}
}

type ActionData = { intent: string | null; result: unknown; error: string | null }

export default function DockingSessionRoute() {
	const { view, me, q, results, meeting } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const t = useT()
	const { session, access } = view
	const mySide = access.side
	const counterpart = mySide === 'BUYER' ? session.supplier : mySide === 'SUPPLIER' ? session.buyer : null
	const isRecipient = mySide !== null && mySide !== 'BUREAU' && mySide !== session.initiatorSide
	const reached = session.stageChanges.map((c) => c.stage)
	const canAct = !access.isBureau && (mySide === 'BUYER' || mySide === 'SUPPLIER')
	return (
		<div className="flex flex-col gap-4">
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div>
					<p className="text-sm text-slate-600">
						<Link to="/docking" className="text-brand-700 underline">
							{t('docking.title')}
						</Link>
					</p>
					<h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-bold text-slate-900">
						{counterpart ? counterpart.name : `${session.buyer.name} ↔ ${session.supplier.name}`}
						<StageBadge status={session.status} stage={session.stage} />
					</h1>
					<p className="mt-1 text-sm text-slate-700">
						{session.demand ? (
							<Link to={`/demands/${session.demand.id}`} className="text-brand-800 mr-3 hover:underline">
								{t('docking.about.demand', { title: session.demand.title })}
							</Link>
						) : null}
						{session.capability ? (
							<Link to={`/capabilities/${session.capability.id}`} className="text-brand-800 hover:underline">
								{t('docking.about.capability', { title: session.capability.title })}
							</Link>
						) : null}
					</p>
				</div>
				{session.status === 'ACTIVE' ? <StagePipeline stage={session.stage} reached={reached} /> : null}
			</div>
			{actionData?.error ? (
				<p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
					{t(actionData.error)}
				</p>
			) : null}
			<div className="grid gap-4 lg:grid-cols-3">
				<div className="lg:col-span-2">
					<DockingChat
						key={session.id}
						sessionId={session.id}
						me={me}
						mySide={mySide}
						canWrite={access.canWrite}
						isMember={view.isMember}
						isBureau={access.isBureau}
						members={session.members}
						initial={{ messages: view.messages, more: view.more, reads: view.reads }}
					/>
					<p className="mt-2 text-xs text-slate-600">{t('docking.notifyHint')}</p>
				</div>
				<aside className="flex flex-col gap-4">
					{meeting ? <MeetingPanel meeting={meeting} canAct={canAct} sessionId={session.id} /> : null}
					{session.status === 'PENDING' ? (
						<RequestPanel
							isRecipient={isRecipient}
							expiresAt={session.expiresAt}
							canAct={canAct}
							actionData={actionData}
						/>
					) : null}
					{session.status === 'DECLINED' ? (
						<Notice>{t('docking.declinedBecause', { reason: session.declineReason })}</Notice>
					) : null}
					{session.stage === 'CLOSED' ? (
						<Notice>{t('docking.closedBecause', { reason: session.closeReason })}</Notice>
					) : null}
					{session.dealAmount ? (
						<Notice tone="good">
							{t('docking.deal', {
								amount: Number(session.dealAmount).toLocaleString('zh-CN', { minimumFractionDigits: 2 }),
							})}
							{session.dealNotes ? (
								<span className="mt-1 block whitespace-pre-wrap">{session.dealNotes}</span>
							) : null}
						</Notice>
					) : null}
					{session.status === 'ACTIVE' && canAct && nextStages(session.stage as Stage).length ? (
						<StagePanel stage={session.stage as Stage} actionData={actionData} />
					) : null}
					<ContactsPanel session={session} mySide={mySide} canAct={canAct} />
					<MembersPanel session={session} isMember={view.isMember} canAct={canAct} actionData={actionData} />
					<SearchPanel q={q} results={results} />
				</aside>
			</div>
		</div>
	)
}

function MeetingPanel({
	meeting,
	canAct,
	sessionId,
}: {
	meeting: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['meeting']>
	canAct: boolean
	sessionId: string
}) {
	const t = useT()
	return (
		<section
			aria-labelledby="event-meeting"
			className="rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm"
		>
			<h2 id="event-meeting" className="font-semibold text-slate-900">
				{t('docking.eventMeeting')}
			</h2>
			<p className="mt-1">
				<Link to={`/events/${meeting.eventId}/agenda`} className="text-brand-800 underline">
					{meeting.eventTitle}
				</Link>
			</p>
			<p className="mt-1 text-slate-700">{meeting.when}</p>
			{meeting.outcome ? (
				<p className="mt-1 text-slate-800">
					{t('events.outcomeText', { outcome: t(`events.outcome.${meeting.outcome}`) })}
					{meeting.dealAmount ? ` · ${t('events.amountText', { amount: meeting.dealAmount })}` : ''}
				</p>
			) : null}
			{canAct && meeting.started && (meeting.status === 'SCHEDULED' || meeting.status === 'HELD') ? (
				<OutcomeForm
					meetingId={meeting.id}
					defaults={meeting}
					action={`/events/${meeting.eventId}/agenda`}
					redirectTo={`/docking/${sessionId}`}
				/>
			) : null}
		</section>
	)
}

function Notice({ children, tone = 'neutral' }: { children: React.ReactNode; tone?: 'neutral' | 'good' }) {
	return (
		<div
			className={
				tone === 'good'
					? 'rounded-lg border border-green-200 bg-green-50 p-4 text-sm text-green-900'
					: 'rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm text-slate-800'
			}
		>
			{children}
		</div>
	)
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
	return (
		<section className="rounded-lg border border-slate-200 bg-white p-4" aria-label={title}>
			<h2 className="mb-2 font-semibold text-slate-900">{title}</h2>
			{children}
		</section>
	)
}

function usePendingIntent(intent: string) {
	const navigation = useNavigation()
	return navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
}

function RequestPanel({
	isRecipient,
	expiresAt,
	canAct,
	actionData,
}: {
	isRecipient: boolean
	expiresAt: string
	canAct: boolean
	actionData?: ActionData
}) {
	const t = useT()
	const date = new Date(expiresAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })
	const [declineForm, declineFields] = useForm({
		id: 'decline',
		lastResult: actionData?.intent === 'decline' ? (actionData.result as never) : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RespondSchema }),
		shouldValidate: 'onSubmit',
	})
	const accepting = usePendingIntent('accept')
	const declining = usePendingIntent('decline')
	const withdrawing = usePendingIntent('withdraw')
	if (!canAct)
		return <Panel title={t('docking.request.title')}>{t('docking.request.waiting', { date })}</Panel>
	if (!isRecipient) {
		return (
			<Panel title={t('docking.request.title')}>
				<p className="text-sm text-slate-700">{t('docking.request.waiting', { date })}</p>
				<Form method="POST" className="mt-3">
					<StatusButton
						type="submit"
						name="intent"
						value="withdraw"
						variant="secondary"
						pending={withdrawing}
					>
						{t('docking.withdraw')}
					</StatusButton>
				</Form>
			</Panel>
		)
	}
	return (
		<Panel title={t('docking.request.title')}>
			<p className="text-sm text-amber-900">{t('docking.request.expires', { date })}</p>
			<Form method="POST" className="mt-3 flex flex-col gap-2">
				<input type="hidden" name="intent" value="accept" />
				<label className="flex items-start gap-2 text-sm text-slate-900">
					<input type="checkbox" name="consent" className="mt-1" />
					<span>{t('docking.consent.label')}</span>
				</label>
				<p className="text-xs text-slate-600">{t('docking.consent.help')}</p>
				<StatusButton type="submit" pending={accepting}>
					{t('docking.accept')}
				</StatusButton>
			</Form>
			<Form
				method="POST"
				{...getFormProps(declineForm)}
				className="mt-4 flex flex-col gap-2 border-t border-slate-100 pt-3"
			>
				<input type="hidden" name="intent" value="decline" />
				<TextareaField
					label={t('docking.declineReason')}
					textareaProps={{
						...getTextareaProps(declineFields.reason),
						rows: 2,
						maxLength: 500,
						placeholder: t('docking.declineReasonHelp'),
					}}
					errors={declineFields.reason.errors}
				/>
				<StatusButton type="submit" variant="secondary" pending={declining}>
					{t('docking.decline')}
				</StatusButton>
			</Form>
		</Panel>
	)
}

function StagePanel({ stage, actionData }: { stage: Stage; actionData?: ActionData }) {
	const t = useT()
	const options = nextStages(stage)
	const forward = options.filter((s) => s !== 'SIGNED' && s !== 'CLOSED')
	const navigation = useNavigation()
	const pendingStage =
		navigation.state === 'submitting' && navigation.formData?.get('intent') === 'stage'
			? navigation.formData.get('stage')
			: null
	const resultFor = (s: string) =>
		actionData?.intent === `stage-${s}` ? (actionData.result as never) : undefined
	const [signForm, signFields] = useForm({
		id: 'stage-sign',
		lastResult: resultFor('SIGNED'),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: StageSchema }),
		shouldValidate: 'onSubmit',
	})
	const [closeForm, closeFields] = useForm({
		id: 'stage-close',
		lastResult: resultFor('CLOSED'),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: StageSchema }),
		shouldValidate: 'onSubmit',
	})
	return (
		<Panel title={t('docking.pipeline')}>
			<div className="flex flex-wrap gap-2">
				{forward.map((s) => (
					<Form method="POST" key={s}>
						<input type="hidden" name="intent" value="stage" />
						<StatusButton
							type="submit"
							name="stage"
							value={s}
							variant="secondary"
							pending={pendingStage === s}
						>
							{t('docking.moveTo', { stage: t(`docking.stage.${s}`) })}
						</StatusButton>
					</Form>
				))}
			</div>
			{options.includes('SIGNED') ? (
				<details className="mt-4 border-t border-slate-100 pt-3" open={Boolean(resultFor('SIGNED'))}>
					<summary className="text-brand-700 cursor-pointer text-sm font-medium">{t('docking.sign')}</summary>
					<Form method="POST" {...getFormProps(signForm)} className="mt-2 flex flex-col gap-2">
						<input type="hidden" name="intent" value="stage" />
						<input type="hidden" name="stage" value="SIGNED" />
						<FormErrorSummary errors={signForm.errors} />
						<Field
							label={t('docking.amount')}
							inputProps={{
								...getInputProps(signFields.amount, { type: 'text' }),
								inputMode: 'decimal',
								autoComplete: 'off',
							}}
							errors={signFields.amount.errors}
						/>
						<TextareaField
							label={t('docking.notes')}
							textareaProps={{ ...getTextareaProps(signFields.notes), rows: 2, maxLength: 2000 }}
							errors={signFields.notes.errors}
						/>
						<StatusButton type="submit" pending={pendingStage === 'SIGNED'}>
							{t('docking.sign')}
						</StatusButton>
					</Form>
				</details>
			) : null}
			<details className="mt-4 border-t border-slate-100 pt-3" open={Boolean(resultFor('CLOSED'))}>
				<summary className="cursor-pointer text-sm font-medium text-red-800">{t('docking.close')}</summary>
				<Form method="POST" {...getFormProps(closeForm)} className="mt-2 flex flex-col gap-2">
					<input type="hidden" name="intent" value="stage" />
					<input type="hidden" name="stage" value="CLOSED" />
					<TextareaField
						label={t('docking.closeReason')}
						textareaProps={{ ...getTextareaProps(closeFields.reason), rows: 2, maxLength: 500 }}
						errors={closeFields.reason.errors}
					/>
					<StatusButton type="submit" variant="danger" pending={pendingStage === 'CLOSED'}>
						{t('docking.close')}
					</StatusButton>
				</Form>
			</details>
		</Panel>
	)
}

type SessionData = ReturnType<typeof useLoaderData<typeof loader>>['view']['session']

function ContactsPanel({
	session,
	mySide,
	canAct,
}: {
	session: SessionData
	mySide: string | null
	canAct: boolean
}) {
	const t = useT()
	const consenting = usePendingIntent('consent')
	const own = mySide === 'BUYER' ? session.buyer : mySide === 'SUPPLIER' ? session.supplier : null
	return (
		<Panel title={t('docking.contacts')}>
			<dl className="flex flex-col gap-3 text-sm">
				{[session.buyer, session.supplier].map((firm, i) => (
					<div key={firm.id}>
						<dt className="font-medium text-slate-900">
							{firm.name}
							<span className="ml-1 text-xs text-slate-600">
								{t(i === 0 ? 'docking.side.BUYER' : 'docking.side.SUPPLIER')} ·{' '}
								{getRegion(firm.regionCode)?.name ?? ''}
							</span>
						</dt>
						<dd className="text-slate-800" data-testid={`contact-${i === 0 ? 'buyer' : 'supplier'}`}>
							{firm.contact ? (
								`${firm.contact.name} · ${firm.contact.phone}`
							) : (
								<span className="text-slate-600">{t('docking.contactHidden')}</span>
							)}
						</dd>
					</div>
				))}
			</dl>
			{canAct &&
			own &&
			session.status !== 'DECLINED' &&
			session.status !== 'EXPIRED' &&
			session.status !== 'WITHDRAWN' ? (
				own.consented ? (
					<p className="mt-3 text-xs text-green-800">{t('docking.consentGranted')}</p>
				) : (
					<Form method="POST" className="mt-3">
						<StatusButton
							type="submit"
							name="intent"
							value="consent"
							variant="secondary"
							pending={consenting}
						>
							{t('docking.grantConsent')}
						</StatusButton>
						<p className="mt-1 text-xs text-slate-600">{t('docking.consent.help')}</p>
					</Form>
				)
			) : null}
		</Panel>
	)
}

function MembersPanel({
	session,
	isMember,
	canAct,
	actionData,
}: {
	session: SessionData
	isMember: boolean
	canAct: boolean
	actionData?: ActionData
}) {
	const t = useT()
	const joining = usePendingIntent('join')
	const inviting = usePendingIntent('invite-bureau')
	const [form, fields] = useForm({
		id: 'invite-bureau',
		lastResult: actionData?.intent === 'invite-bureau' ? (actionData.result as never) : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteBureauSchema }),
		shouldValidate: 'onSubmit',
	})
	return (
		<Panel title={t('docking.members')}>
			<ul className="flex flex-col gap-1 text-sm">
				{session.members.map((m) => (
					<li key={m.userId}>
						{m.name} <span className="text-xs text-slate-600">{t(`docking.side.${m.side}`)}</span>
					</li>
				))}
			</ul>
			{canAct && !isMember ? (
				<Form method="POST" className="mt-3">
					<StatusButton type="submit" name="intent" value="join" variant="secondary" pending={joining}>
						{t('docking.join')}
					</StatusButton>
					<p className="mt-1 text-xs text-slate-600">{t('docking.joinHelp')}</p>
				</Form>
			) : null}
			{canAct ? (
				<details className="mt-3 text-sm">
					<summary className="text-brand-700 cursor-pointer">{t('docking.inviteBureau')}</summary>
					<Form method="POST" {...getFormProps(form)} className="mt-2 flex flex-col gap-2">
						<input type="hidden" name="intent" value="invite-bureau" />
						<p className="text-xs text-slate-600">{t('docking.inviteBureauHelp')}</p>
						<Field
							label={t('docking.inviteBureauEmail')}
							inputProps={getInputProps(fields.email, { type: 'email' })}
							errors={fields.email.errors}
						/>
						<StatusButton type="submit" variant="secondary" pending={inviting}>
							{t('docking.inviteBureauSubmit')}
						</StatusButton>
					</Form>
				</details>
			) : null}
		</Panel>
	)
}

function SearchPanel({
	q,
	results,
}: {
	q: string
	results: ReturnType<typeof useLoaderData<typeof loader>>['results']
}) {
	const t = useT()
	const [params] = useSearchParams()
	return (
		<Panel title={t('docking.search.label')}>
			<Form method="GET" role="search" className="flex gap-2">
				<label htmlFor="docking-search" className="sr-only">
					{t('docking.search.label')}
				</label>
				<input
					id="docking-search"
					name="q"
					defaultValue={params.get('q') ?? ''}
					maxLength={100}
					className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-1.5"
				/>
				<button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
					{t('docking.search.submit')}
				</button>
			</Form>
			{results ? (
				<div className="mt-3 text-sm">
					<p className="text-slate-700">
						{results.length
							? t('docking.search.results', { q, count: results.length })
							: t('docking.search.none', { q })}
					</p>
					<ol className="mt-2 flex max-h-64 flex-col gap-2 overflow-y-auto">
						{results.map((m) => (
							<li key={m.seq} className="rounded bg-slate-50 p-2">
								<span className="block text-xs text-slate-600">
									{m.sender?.name ?? t('docking.chat.system')} ·{' '}
									{new Date(m.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
								</span>
								<span className="break-words whitespace-pre-wrap">{m.body}</span>
							</li>
						))}
					</ol>
					<Link to="." className="text-brand-700 mt-2 inline-block text-xs underline">
						{t('docking.search.clear')}
					</Link>
				</div>
			) : null}
		</Panel>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
