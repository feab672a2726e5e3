import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { StatusButton, TextareaField } from '#app/components/forms'
import { useT } from '#app/i18n/use-t'
import {
	checkInQrSvg,
	checkInUrl,
	LobbyError,
	lobbyView,
	markHeld,
	markNoShow,
	NoShowSchema,
	postAnnouncement,
	type LobbyMeeting,
	type LobbyView,
} from '#app/modules/events/lobby.server'
import { AnnouncementSchema } from '#app/modules/events/rules'
import { formatLocal } from '#app/modules/events/slots'
import type { EventAnnouncementPayload } from '#app/realtime/events'
import { useRealtime } from '#app/realtime/socket-provider'
import { clientIp, requireUser } from '#app/utils/auth.server'
import { cn } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

// 线上对接会大厅: announcements and presence live over the page's socket; the slot's meetings come
// from the loader and are reloaded when the server says they changed or a slot boundary passes.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.view.event.title} · 对接会大厅` : '对接会大厅' },
]

function notFound(error: unknown): never {
	if (error instanceof LobbyError && error.status === 404) throw new Response('Not Found', { status: 404 })
	throw error
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const view = await lobbyView(user, params.eventId ?? '', new Date()).catch(notFound)
	const qrSvg = view.checkIn
		? await checkInQrSvg(checkInUrl(new URL(request.url).origin, view.event.id, view.checkIn.token))
		: null
	return json({ view, qrSvg }, { headers: { 'Cache-Control': 'private, no-store' } })
}

const IntentSchema = z.object({ intent: z.enum(['announce', 'no-show', 'held']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const eventId = params.eventId ?? ''
	const form = await request.formData()
	const intent = IntentSchema.safeParse({ intent: form.get('intent') })
	if (!intent.success) return json({ intent: null, result: null, error: 'err.invalid' }, { status: 400 })
	const actor = { id: user.id, role: user.role }
	const meta = { ip: clientIp(request) }
	const back = `/events/${eventId}/live`
	try {
		switch (intent.data.intent) {
			case 'announce': {
				const submission = parseWithZod(form, { schema: AnnouncementSchema })
				if (submission.status !== 'success')
					return json({ intent: 'announce', result: submission.reply(), error: null }, { status: 400 })
				try {
					await postAnnouncement(actor, eventId, form.get('body'), meta)
				} catch (error) {
					if (error instanceof LobbyError && error.field === 'body')
						return json(
							{
								intent: 'announce',
								result: submission.reply({ fieldErrors: { body: [error.key] } }),
								error: null,
							},
							{ status: 400 },
						)
					throw error
				}
				return redirectWithToast(back, { message: 'eventsLobby.announce.posted' })
			}
			case 'no-show': {
				const input = NoShowSchema.safeParse({
					meetingId: form.get('meetingId'),
					firmIds: form.getAll('firmIds'),
				})
				if (!input.success)
					return json(
						{ intent: 'no-show', result: null, error: input.error.issues[0]?.message ?? 'err.invalid' },
						{ status: 400 },
					)
				await markNoShow(actor, input.data.meetingId, input.data.firmIds, new Date(), meta)
				return redirectWithToast(back, { message: 'eventsLobby.noShow.done' })
			}
			case 'held': {
				const meetingId = z.string().min(1).max(40).safeParse(form.get('meetingId'))
				if (!meetingId.success)
					return json({ intent: 'held', result: null, error: 'err.invalid' }, { status: 400 })
				await markHeld(actor, meetingId.data, new Date(), meta)
				return redirectWithToast(back, { message: 'eventsLobby.held.done' })
			}
		}
	} catch (error) {
		if (error instanceof LobbyError) {
			if (error.status === 404) throw new Response('Not Found', { status: 404 })
			return json({ intent: intent.data.intent, result: null, error: error.key }, { status: error.status })
		}
		throw error
	}
}

type ActionData = { intent: string | null; result: unknown; error: string | null }
type Announcement = LobbyView['announcements'][number]

/** Newest first, each once, whatever mix of loader data and live pushes brought them. */
function mergeAnnouncements(lists: Announcement[][]) {
	const byId = new Map<string, Announcement>()
	for (const list of lists) for (const a of list) if (!byId.has(a.id)) byId.set(a.id, a)
	return [...byId.values()]
		.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
		.slice(0, 50)
}

/** Joins the event room on every (re)connect; keeps the presence count and new announcements. */
function useLobbySocket(eventId: string) {
	const { socket } = useRealtime()
	const revalidator = useRevalidator()
	// Held in a ref: the revalidator changes identity on every render, the subscriptions must not.
	const revalidate = useRef(revalidator.revalidate)
	revalidate.current = revalidator.revalidate
	const [status, setStatus] = useState<'connecting' | 'connected' | 'reconnecting'>('connecting')
	const [count, setCount] = useState<number | null>(null)
	const [live, setLive] = useState<Announcement[]>([])
	const [error, setError] = useState<string | null>(null)

	useEffect(() => {
		if (!socket) return
		let reloadTimer: ReturnType<typeof setTimeout> | undefined
		let connectedBefore = false
		// Every lobby page reloading at the same instant would be a stampede: spread it over ~2 s.
		const reloadSoon = () => {
			if (reloadTimer) return
			reloadTimer = setTimeout(
				() => {
					reloadTimer = undefined
					if (socket.connected) revalidate.current()
				},
				300 + Math.random() * 1700,
			)
		}
		const join = () => {
			setStatus('connected')
			socket.emit('event:join', { eventId }, (reply) => {
				if (reply.ok) {
					setError(null)
					setCount(reply.count)
				} else setError(reply.error)
			})
			// After a reconnect, fetch what was announced or changed meanwhile.
			if (connectedBefore) reloadSoon()
			connectedBefore = true
		}
		const onDisconnect = () => setStatus('reconnecting')
		const onPresence = (p: { eventId: string; count: number }) => {
			if (p.eventId === eventId) setCount(p.count)
		}
		const onAnnouncement = (a: EventAnnouncementPayload) => {
			if (a.eventId !== eventId) return
			setLive((list) => mergeAnnouncements([[{ id: a.id, body: a.body, createdAt: a.createdAt }], list]))
		}
		const onUpdated = (p: { eventId: string }) => {
			if (p.eventId === eventId) reloadSoon()
		}
		socket.on('connect', join)
		socket.on('disconnect', onDisconnect)
		socket.on('event:presence', onPresence)
		socket.on('event:announcement', onAnnouncement)
		socket.on('event:updated', onUpdated)
		if (socket.connected) join()
		return () => {
			clearTimeout(reloadTimer)
			socket.off('connect', join)
			socket.off('disconnect', onDisconnect)
			socket.off('event:presence', onPresence)
			socket.off('event:announcement', onAnnouncement)
			socket.off('event:updated', onUpdated)
			if (socket.connected) socket.emit('event:leave', { eventId })
		}
	}, [socket, eventId])

	return { status, count, live, error }
}

/** Reloads the page's data when the current slot ends or the next one starts. */
function useSlotBoundary(refreshAt: string | null) {
	const revalidator = useRevalidator()
	const revalidate = useRef(revalidator.revalidate)
	revalidate.current = revalidator.revalidate
	useEffect(() => {
		if (!refreshAt) return
		const delay = new Date(refreshAt).getTime() - Date.now() + 1000 + Math.random() * 4000
		// Far-off boundaries (days ahead) are left to the next visit; timers cannot wait that long anyway.
		if (delay < 0 || delay > 24 * 60 * 60 * 1000) return
		const timer = setTimeout(() => revalidate.current(), delay)
		return () => clearTimeout(timer)
	}, [refreshAt])
}

export default function EventLobbyRoute() {
	const { view, qrSvg } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const t = useT()
	const { event, viewer } = view
	const socketState = useLobbySocket(event.id)
	useSlotBoundary(view.refreshAt)
	const announcements = useMemo(
		() => mergeAnnouncements([socketState.live, view.announcements]),
		[socketState.live, view.announcements],
	)
	const notice =
		event.phase === 'cancelled'
			? t('eventsLobby.notice.cancelled')
			: event.phase === 'ended'
				? t('eventsLobby.notice.ended')
				: event.phase !== 'live'
					? t('eventsLobby.notice.notStarted', { start: event.startsAtLocal })
					: null

	return (
		<div className="flex flex-col gap-4">
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div>
					<p className="text-sm text-slate-600">
						<Link to={`/events/${event.id}`} className="text-brand-700 underline">
							{t('eventsLobby.back')}
						</Link>
					</p>
					<h1 className="mt-1 text-2xl font-bold text-slate-900">
						{t('eventsLobby.title')}：{event.title}
					</h1>
					<p className="mt-1 text-sm text-slate-700">
						{t(`eventsLobby.format.${event.format}`)} ·{' '}
						{t('eventsLobby.when', { start: event.startsAtLocal, end: event.endsAtLocal })}
						{event.format === 'HYBRID' && event.venue
							? ` · ${t('eventsLobby.venue', { venue: event.venue })}`
							: ''}
					</p>
				</div>
				<div className="flex flex-col items-end gap-1 text-sm">
					<span
						className="text-lg font-semibold text-slate-900"
						aria-live="polite"
						data-testid="lobby-online"
					>
						{t('eventsLobby.online', { count: socketState.count ?? '…' })}
					</span>
					<span
						className={cn(
							'inline-flex items-center gap-1 text-xs',
							socketState.status === 'connected' ? 'text-green-800' : 'text-amber-800',
						)}
					>
						<span
							aria-hidden
							className={cn(
								'inline-block size-2 rounded-full',
								socketState.status === 'connected' ? 'bg-green-600' : 'bg-amber-500',
							)}
						/>
						{t(`eventsLobby.${socketState.status}`)}
					</span>
					{viewer.isBureau && view.stats && event.format === 'HYBRID' ? (
						<Link to={`/events/${event.id}/check-in`} className="text-brand-700 underline">
							{t('eventsLobby.checkInLink')} ·{' '}
							{t('eventsLobby.stats.checkIn', {
								checkedIn: view.stats.checkedIn,
								approved: view.stats.approved,
							})}
						</Link>
					) : null}
				</div>
			</div>
			{notice ? (
				<p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{notice}</p>
			) : null}
			{socketState.error ? (
				<p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
					{t(socketState.error)}
				</p>
			) : null}
			{actionData?.error ? (
				<p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
					{t(actionData.error)}
				</p>
			) : null}
			<div className="grid gap-4 lg:grid-cols-3">
				<div className="flex flex-col gap-4 lg:col-span-2">
					<SlotPanel title={t('eventsLobby.current')} slot={view.current} view={view} current />
					<SlotPanel title={t('eventsLobby.next')} slot={view.next} view={view} current={false} />
				</div>
				<aside className="flex flex-col gap-4">
					{view.checkIn && qrSvg ? <MyCheckIn checkIn={view.checkIn} qrSvg={qrSvg} /> : null}
					{viewer.isBureau ? <AnnounceForm actionData={actionData} /> : null}
					<Panel title={t('eventsLobby.announcements')}>
						{announcements.length === 0 ? (
							<p className="text-sm text-slate-600">{t('eventsLobby.announcements.empty')}</p>
						) : (
							<ol className="flex flex-col gap-3" aria-live="polite" data-testid="lobby-announcements">
								{announcements.map((a) => (
									<li key={a.id} className="border-l-4 border-amber-400 pl-3" data-testid="announcement">
										<time className="text-xs text-slate-600" dateTime={a.createdAt}>
											{formatLocal(a.createdAt)}
										</time>
										<p className="mt-0.5 text-sm break-words whitespace-pre-wrap text-slate-900">{a.body}</p>
									</li>
								))}
							</ol>
						)}
					</Panel>
				</aside>
			</div>
		</div>
	)
}

function Panel({
	title,
	children,
	extra,
}: {
	title: string
	children: React.ReactNode
	extra?: React.ReactNode
}) {
	return (
		<section className="rounded-lg border border-slate-200 bg-white p-4" aria-label={title}>
			<div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
				<h2 className="font-semibold text-slate-900">{title}</h2>
				{extra}
			</div>
			{children}
		</section>
	)
}

function AnnounceForm({ actionData }: { actionData?: ActionData }) {
	const t = useT()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'announce',
		lastResult: actionData?.intent === 'announce' ? (actionData.result as never) : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AnnouncementSchema }),
		shouldValidate: 'onSubmit',
	})
	const pending = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'announce'
	return (
		<Panel title={t('eventsLobby.announce.title')}>
			<Form method="POST" {...getFormProps(form)} className="flex flex-col gap-2">
				<input type="hidden" name="intent" value="announce" />
				<TextareaField
					label={t('eventsLobby.announce.body')}
					textareaProps={{ ...getTextareaProps(fields.body), rows: 3, maxLength: 1000 }}
					errors={fields.body.errors}
				/>
				<p className="text-xs text-slate-600">{t('eventsLobby.announce.hint')}</p>
				<StatusButton type="submit" pending={pending}>
					{t('eventsLobby.announce.submit')}
				</StatusButton>
			</Form>
		</Panel>
	)
}

function MyCheckIn({ checkIn, qrSvg }: { checkIn: NonNullable<LobbyView['checkIn']>; qrSvg: string }) {
	const t = useT()
	return (
		<Panel title={t('eventsLobby.myQr.title')}>
			{checkIn.checkedInAt ? (
				<p className="mb-2 text-sm font-semibold text-green-800">
					✓ {t('eventsLobby.myQr.done', { time: formatLocal(checkIn.checkedInAt) })}
				</p>
			) : (
				<p className="mb-2 text-sm text-slate-700">{t('eventsLobby.myQr.help')}</p>
			)}
			{/* The SVG is made on the server by the qrcode package from our own check-in URL. */}
			<div
				className="mx-auto w-48 [&>svg]:h-auto [&>svg]:w-full"
				role="img"
				aria-label={t('eventsLobby.myQr.title')}
				dangerouslySetInnerHTML={{ __html: qrSvg }}
			/>
			<p className="mt-2 text-center font-mono text-xs break-all text-slate-700">
				{t('eventsLobby.myQr.token', { token: checkIn.token })}
			</p>
		</Panel>
	)
}

function SlotPanel({
	title,
	slot,
	view,
	current,
}: {
	title: string
	slot: LobbyView['current']
	view: LobbyView
	current: boolean
}) {
	const t = useT()
	const [filter, setFilter] = useState('')
	if (!slot)
		return (
			<Panel title={title}>
				<p className="text-sm text-slate-600">
					{current ? t('eventsLobby.noCurrent') : t('eventsLobby.noNext')}
				</p>
			</Panel>
		)
	const heading = `${title} · ${t('eventsLobby.slot', { day: slot.day, label: slot.label })}`
	if (!view.viewer.isBureau) {
		return (
			<Panel title={heading}>
				{slot.meetings.length === 0 ? (
					<p className="text-sm text-slate-600">{t('eventsLobby.noOwnMeeting')}</p>
				) : (
					<ul className="flex flex-col gap-3">
						{slot.meetings.map((m) => (
							<OwnMeeting key={m.id} meeting={m} firmId={view.viewer.firmId} />
						))}
					</ul>
				)}
			</Panel>
		)
	}
	const needle = filter.trim().toLowerCase()
	const shown = needle
		? slot.meetings.filter(
				(m) => m.buyer.name.toLowerCase().includes(needle) || m.supplier.name.toLowerCase().includes(needle),
			)
		: slot.meetings
	return (
		<Panel
			title={heading}
			extra={
				<span className="text-xs text-slate-600">
					{t('eventsLobby.meetingCount', { count: slot.meetings.length })}
				</span>
			}
		>
			{slot.meetings.length === 0 ? (
				<p className="text-sm text-slate-600">{t('eventsLobby.noMeetings')}</p>
			) : (
				<>
					{slot.meetings.length > 5 ? (
						<div className="mb-3">
							<label className="sr-only" htmlFor={`filter-${slot.id}`}>
								{t('eventsLobby.filter')}
							</label>
							<input
								id={`filter-${slot.id}`}
								type="search"
								value={filter}
								onChange={(e) => setFilter(e.target.value)}
								placeholder={t('eventsLobby.filter.placeholder')}
								className="w-full max-w-xs rounded-md border border-slate-300 px-3 py-1.5 text-sm"
							/>
						</div>
					) : null}
					{shown.length === 0 ? (
						<p className="text-sm text-slate-600">{t('eventsLobby.filter.none')}</p>
					) : (
						<ul className="divide-y divide-slate-100">
							{shown.map((m) => (
								<BureauMeeting key={m.id} meeting={m} hybrid={view.event.format === 'HYBRID'} />
							))}
						</ul>
					)}
				</>
			)}
		</Panel>
	)
}

function StatusBadge({ status }: { status: LobbyMeeting['status'] }) {
	const t = useT()
	return (
		<span
			className={cn(
				'rounded-full px-2 py-0.5 text-xs font-semibold',
				status === 'SCHEDULED' && 'bg-sky-100 text-sky-900',
				status === 'HELD' && 'bg-emerald-100 text-emerald-900',
				status === 'NO_SHOW' && 'bg-red-100 text-red-900',
			)}
		>
			{t(`eventsLobby.status.${status}`)}
		</span>
	)
}

function OwnMeeting({ meeting, firmId }: { meeting: LobbyMeeting; firmId: string | null }) {
	const t = useT()
	const iAmBuyer = meeting.buyer.id === firmId
	const other = iAmBuyer ? meeting.supplier : meeting.buyer
	return (
		<li className="rounded-md border border-slate-200 p-3" data-testid="own-meeting">
			<div className="flex flex-wrap items-center justify-between gap-2">
				<p className="text-sm text-slate-700">
					{t('eventsLobby.counterpart')}（{iAmBuyer ? t('eventsLobby.supplier') : t('eventsLobby.buyer')}）：
					<span className="font-semibold text-slate-900">{other.name}</span>
				</p>
				<StatusBadge status={meeting.status} />
			</div>
			<div className="mt-2">
				{meeting.dockingLink ? (
					<Link
						to={meeting.dockingLink}
						className="bg-brand-700 hover:bg-brand-800 inline-flex rounded-md px-4 py-2 text-sm font-semibold text-white"
					>
						{t('eventsLobby.room.enter')}
					</Link>
				) : (
					<p className="text-sm text-slate-600">{t('eventsLobby.room.later')}</p>
				)}
			</div>
		</li>
	)
}

function BureauMeeting({ meeting, hybrid }: { meeting: LobbyMeeting; hybrid: boolean }) {
	const t = useT()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('meetingId') === meeting.id
	const canMark = meeting.started && !meeting.hasOutcome
	return (
		<li className="flex flex-col gap-2 py-3" data-testid={`meeting-${meeting.id}`}>
			<div className="flex flex-wrap items-center justify-between gap-2">
				<StatusBadge status={meeting.status} />
				{meeting.dockingLink ? (
					<Link to={meeting.dockingLink} className="text-brand-700 text-sm underline">
						{t('eventsLobby.room.view')}
					</Link>
				) : (
					<span className="text-xs text-slate-600">{t('eventsLobby.room.none')}</span>
				)}
			</div>
			<div className="grid gap-2 sm:grid-cols-2">
				{(['buyer', 'supplier'] as const).map((side) => {
					const firm = meeting[side]
					return (
						<div key={side} className="flex flex-wrap items-center gap-2 text-sm">
							<span className="text-xs text-slate-600">{t(`eventsLobby.${side}`)}</span>
							<span className="font-medium text-slate-900">{firm.name}</span>
							{hybrid ? (
								firm.checkedInAt ? (
									<span className="text-xs text-green-800" title={formatLocal(firm.checkedInAt)}>
										✓ {t('eventsLobby.checkedIn')}
									</span>
								) : (
									<span className="text-xs text-slate-500">{t('eventsLobby.notCheckedIn')}</span>
								)
							) : null}
							{firm.noShow ? (
								<span className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-900">
									{t('eventsLobby.noShowBadge')}
								</span>
							) : canMark ? (
								<Form method="POST">
									<input type="hidden" name="intent" value="no-show" />
									<input type="hidden" name="meetingId" value={meeting.id} />
									<input type="hidden" name="firmIds" value={firm.id} />
									<button
										type="submit"
										disabled={busy}
										aria-label={t('eventsLobby.noShow.markFirm', { firm: firm.name })}
										className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-800 hover:bg-red-50 disabled:opacity-60"
									>
										{t('eventsLobby.noShow.mark')}
									</button>
								</Form>
							) : null}
						</div>
					)
				})}
			</div>
			{meeting.status === 'NO_SHOW' && canMark ? (
				<Form method="POST">
					<input type="hidden" name="intent" value="held" />
					<input type="hidden" name="meetingId" value={meeting.id} />
					<button
						type="submit"
						disabled={busy}
						className="text-xs text-slate-700 underline disabled:opacity-60"
					>
						{t('eventsLobby.noShow.undo')}
					</button>
				</Form>
			) : null}
		</li>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
