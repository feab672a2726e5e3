import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PhaseBadge } from '#app/components/events/badges'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { isBureau, listEvents } from '#app/modules/events/events.server'
import { formatLocal } from '#app/modules/events/slots'
import { getUser } from '#app/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const events = await listEvents(user)
	return json({
		bureau: user ? isBureau(user) : false,
		events: events.map((e) => ({
			id: e.id,
			title: e.title,
			format: e.format,
			venue: e.venue,
			phase: e.phase,
			starts: formatLocal(e.startsAt),
			ends: formatLocal(e.endsAt),
			registrationCloses: formatLocal(e.registrationClosesAt),
			clusters: e.clusters.map((c) => c.name),
			approved: e.approved,
			capacity: e.capacity,
			mine: e.mine,
		})),
	})
}

export default function EventsRoute() {
	const { events, bureau } = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<div>
			<PageHeader
				title={t('events.title')}
				lead={t('events.lead')}
				actions={
					bureau ? (
						<Link
							to="/events/new"
							className="bg-brand-700 hover:bg-brand-800 rounded-md px-4 py-2 text-sm font-semibold text-white"
						>
							{t('events.new')}
						</Link>
					) : null
				}
			/>
			{events.length === 0 ? (
				<p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">
					{t('events.empty')}
				</p>
			) : (
				<ul className="grid gap-4 md:grid-cols-2" aria-label={t('events.list')}>
					{events.map((e) => (
						<li key={e.id}>
							<Link
								to={`/events/${e.id}`}
								className="hover:border-brand-600 block h-full rounded-lg border border-slate-200 bg-white p-4"
							>
								<div className="flex flex-wrap items-center gap-2">
									<PhaseBadge phase={e.phase} />
									<span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
										{t(`events.format.${e.format}`)}
									</span>
									{e.mine ? (
										<span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800">
											{t(`events.registration.${e.mine.status}`)}
										</span>
									) : null}
								</div>
								<h2 className="mt-2 text-lg font-semibold text-slate-900">{e.title}</h2>
								<p className="mt-1 text-sm text-slate-700">
									{t('events.when', { starts: e.starts, ends: e.ends.slice(11) })}
									{e.venue ? ` · ${e.venue}` : ''}
								</p>
								<p className="mt-1 text-sm text-slate-600">{e.clusters.join('、')}</p>
								<p className="mt-2 text-xs text-slate-600">
									{t('events.seats', { approved: String(e.approved), capacity: String(e.capacity) })} ·{' '}
									{t('events.registrationCloses', { at: e.registrationCloses })}
								</p>
							</Link>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
