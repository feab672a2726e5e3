import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, NavLink, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { StageBadge } from '#app/components/docking/stage'
import { useT } from '#app/i18n/use-t'
import { listSessions, type SessionListFilter } from '#app/modules/docking/docking.server'
import { requireUser } from '#app/utils/auth.server'
import { cn } from '#app/utils/misc'

const FILTERS: SessionListFilter[] = ['open', 'pending', 'ended']

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const param = new URL(request.url).searchParams.get('filter')
	const filter = FILTERS.find((f) => f === param) ?? 'open'
	return json({ filter, sessions: await listSessions(user, filter) })
}

export default function DockingListRoute() {
	const { filter, sessions } = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<div>
			<PageHeader title={t('docking.title')} lead={t('docking.lead')} />
			<nav aria-label={t('docking.tabs')} className="mb-4 flex gap-2 border-b border-slate-200">
				{FILTERS.map((f) => (
					<NavLink
						key={f}
						to={f === 'open' ? '/docking' : `/docking?filter=${f}`}
						className={cn(
							'-mb-px border-b-2 px-3 py-2 text-sm',
							filter === f
								? 'border-brand-700 text-brand-800 font-semibold'
								: 'hover:text-brand-700 border-transparent text-slate-700',
						)}
						aria-current={filter === f ? 'page' : undefined}
					>
						{t(`docking.tab.${f === 'open' ? 'open' : f}`)}
					</NavLink>
				))}
			</nav>
			{sessions.length === 0 ? (
				<p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">
					{t('docking.empty')}
				</p>
			) : (
				<ul className="flex flex-col gap-3" aria-label={t('docking.list')}>
					{sessions.map((s) => (
						<li key={s.id}>
							<Link
								to={`/docking/${s.id}`}
								className="hover:border-brand-600 block rounded-lg border border-slate-200 bg-white p-4"
							>
								<div className="flex flex-wrap items-center gap-2">
									<span className="font-semibold text-slate-900">{s.counterpart}</span>
									{s.mySide ? (
										<span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
											{t(`docking.side.${s.mySide === 'BUYER' ? 'SUPPLIER' : 'BUYER'}`)}
										</span>
									) : null}
									<StageBadge status={s.status} stage={s.stage} />
									{s.awaitingMe ? (
										<span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
											{t('docking.awaitingYou')}
										</span>
									) : null}
									{s.status === 'PENDING' && !s.awaitingMe ? (
										<span className="text-xs text-slate-600">{t('docking.awaitingThem')}</span>
									) : null}
									{s.unread > 0 ? (
										<span className="ml-auto rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
											{t('docking.unreadCount', { count: s.unread })}
										</span>
									) : null}
								</div>
								<p className="mt-1 text-sm text-slate-700">
									{[
										s.demand ? t('docking.about.demand', { title: s.demand.title }) : null,
										s.capability ? t('docking.about.capability', { title: s.capability.title }) : null,
									]
										.filter(Boolean)
										.join(' · ')}
								</p>
								<p className="mt-1 text-xs text-slate-600">
									{t('docking.lastActivity', {
										time: new Date(s.lastActivity).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
									})}
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
