import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ErrorList, StatusButton } from '#app/components/forms'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import {
	checkIn,
	checkInDesk,
	checkInPreview,
	LobbyError,
	tokenFromInput,
} from '#app/modules/events/lobby.server'
import { formatLocal } from '#app/modules/events/slots'
import { clientIp, requireUser } from '#app/utils/auth.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { wellFormedText } from '#app/utils/text'

// On-site check-in (hybrid events): staff scan a firm's QR code, which opens this page with the
// token; GET only shows whose code it is, the POST of 确认签到 checks the firm in. Bureau staff only:
// anyone else is sent to log in, or told "not found".

export const meta: MetaFunction = () => [{ title: '现场签到' }]

async function staffDesk(request: Request, eventId: string) {
	const user = await requireUser(request)
	try {
		return { user, ...(await checkInDesk(user, eventId)) }
	} catch (error) {
		if (error instanceof LobbyError && error.status === 404) throw new Response('Not Found', { status: 404 })
		throw error
	}
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, event, stats } = await staffDesk(request, params.eventId ?? '')
	const raw = wellFormedText(new URL(request.url).searchParams.get('token') ?? '').slice(0, 2000)
	const token = tokenFromInput(raw)
	let preview: Awaited<ReturnType<typeof checkInPreview>> | null = null
	let error: string | null = null
	if (raw.trim()) {
		try {
			preview = await checkInPreview(user, token, event.id)
		} catch (e) {
			if (!(e instanceof LobbyError)) throw e
			error = e.key
		}
	}
	return json(
		{ event, token: preview ? token : raw, preview, error, stats },
		{ headers: { 'Cache-Control': 'private, no-store' } },
	)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { user, event } = await staffDesk(request, params.eventId ?? '')
	const form = await request.formData()
	const raw = wellFormedText(String(form.get('token') ?? '')).slice(0, 2000)
	try {
		const result = await checkIn(user, raw, { eventId: event.id, ip: clientIp(request) })
		const back = `/events/${event.id}/check-in?token=${encodeURIComponent(tokenFromInput(raw))}`
		return result.already
			? redirectWithToast(back, {
					type: 'info',
					message: 'eventsLobby.checkIn.already',
					vars: { time: result.checkedInAtLocal ?? '' },
				})
			: redirectWithToast(back, { message: 'eventsLobby.checkIn.done', vars: { firm: result.firm.name } })
	} catch (error) {
		if (error instanceof LobbyError) {
			if (error.status === 404) throw new Response('Not Found', { status: 404 })
			return json({ error: error.key }, { status: error.status })
		}
		throw error
	}
}

export default function CheckInRoute() {
	const { event, token, preview, error, stats } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const t = useT()
	const pending = navigation.state === 'submitting'
	return (
		<div className="flex max-w-2xl flex-col gap-4">
			<PageHeader
				title={t('eventsLobby.checkIn.title')}
				lead={t('eventsLobby.checkIn.lead')}
				actions={
					<Link to={`/events/${event.id}/live`} className="text-brand-700 text-sm underline">
						{t('eventsLobby.checkIn.toLobby')}
					</Link>
				}
			/>
			<p className="text-sm text-slate-700">
				{t('eventsLobby.checkIn.event', { title: event.title })} ·{' '}
				<span data-testid="check-in-stats">
					{t('eventsLobby.checkIn.stats', { checkedIn: stats.checkedIn, approved: stats.approved })}
				</span>
			</p>
			{event.format !== 'HYBRID' ? (
				<p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
					{t('err.eventsLobbyCheckInOnline')}
				</p>
			) : null}
			{actionData?.error ? (
				<p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
					{t(actionData.error)}
				</p>
			) : null}
			{preview ? (
				<section
					className="rounded-lg border border-slate-200 bg-white p-5"
					aria-label={t('eventsLobby.checkIn.title')}
					data-testid="check-in-preview"
				>
					<dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
						<dt className="text-slate-600">{t('eventsLobby.checkIn.firm')}</dt>
						<dd className="text-lg font-semibold text-slate-900">{preview.firm.name}</dd>
						<dt className="text-slate-600">{t('eventsLobby.checkIn.side')}</dt>
						<dd>{preview.side === 'BUYER' ? t('eventsLobby.buyer') : t('eventsLobby.supplier')}</dd>
					</dl>
					{preview.checkedInAt ? (
						<p className="mt-4 text-base font-semibold text-green-800" data-testid="check-in-done">
							✓ {t('eventsLobby.checkIn.already', { time: formatLocal(preview.checkedInAt) })}
						</p>
					) : preview.status !== 'APPROVED' ? (
						<p role="alert" className="mt-4 text-sm text-red-800">
							{t('err.eventsLobbyCheckInNotApproved')}
						</p>
					) : (
						<Form method="POST" className="mt-4">
							<input type="hidden" name="token" value={token} />
							<StatusButton type="submit" pending={pending}>
								{t('eventsLobby.checkIn.confirm')}
							</StatusButton>
						</Form>
					)}
				</section>
			) : null}
			<section
				className="rounded-lg border border-slate-200 bg-white p-5"
				aria-label={t('eventsLobby.checkIn.manual')}
			>
				<h2 className="font-semibold text-slate-900">{t('eventsLobby.checkIn.manual')}</h2>
				<p className="mt-1 text-xs text-slate-600">{t('eventsLobby.checkIn.manualHelp')}</p>
				{/* GET: looking a code up changes nothing; the confirmation above does. */}
				<Form method="GET" className="mt-3 flex flex-wrap items-start gap-2">
					<div className="flex min-w-64 flex-1 flex-col">
						<label htmlFor="check-in-token" className="sr-only">
							{t('eventsLobby.checkIn.token')}
						</label>
						<input
							id="check-in-token"
							name="token"
							defaultValue={preview ? '' : token}
							placeholder={t('eventsLobby.checkIn.token')}
							autoComplete="off"
							maxLength={2000}
							className="rounded-md border border-slate-300 px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-600"
							aria-invalid={error ? true : undefined}
							aria-describedby={error ? 'check-in-token-error' : undefined}
						/>
						<ErrorList id="check-in-token-error" errors={error ? [error] : undefined} />
					</div>
					<StatusButton type="submit" variant="secondary">
						{t('eventsLobby.checkIn.lookup')}
					</StatusButton>
				</Form>
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
