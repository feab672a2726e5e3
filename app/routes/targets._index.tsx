import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { CoverageBars } from '#app/components/targets/parts'
import { useT } from '#app/i18n/use-t'
import { canCreateList, listTargetLists } from '#app/modules/targets/targets.server'
import { requireUser } from '#app/utils/auth.server'

// GET /targets — 链主 target lists: published lists for every signed-in user, a firm's own drafts
// for its chain-leader users, everything for the bureau.
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const [lists, canCreate] = await Promise.all([listTargetLists(user), canCreateList(user)])
	return json({ lists, canCreate })
}

export default function TargetListsRoute() {
	const { lists, canCreate } = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<div>
			<PageHeader
				title={t('targetLists.title')}
				lead={t('targetLists.lead')}
				actions={
					canCreate ? (
						<Link
							to="/targets/new"
							className="bg-brand-700 hover:bg-brand-800 rounded-md px-4 py-2 text-sm font-semibold text-white"
						>
							{t('targetLists.new')}
						</Link>
					) : null
				}
			/>
			{lists.length === 0 ? (
				<p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">
					{t('targetLists.empty')}
				</p>
			) : (
				<ul className="flex flex-col gap-4">
					{lists.map((l) => (
						<li
							key={l.id}
							className="rounded-lg border border-slate-200 bg-white p-5"
							data-testid="target-list"
						>
							<div className="flex flex-wrap items-baseline justify-between gap-2">
								<h2 className="text-lg font-semibold">
									<Link to={`/targets/${l.id}`} className="hover:underline">
										{l.title}
									</Link>
								</h2>
								<span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800">
									{t(`targetLists.status.${l.status}`)}
								</span>
							</div>
							<p className="mt-1 text-sm text-slate-700">
								{t('targetLists.owner')}：{l.ownerName ?? t('targetLists.bureauOwned')} ·{' '}
								{t('targetLists.cluster')}：{l.clusterName ?? t('targetLists.noCluster')} ·{' '}
								{t('targetLists.itemCount', { count: l.coverage.total })}
							</p>
							<div className="mt-3">
								<CoverageBars coverage={l.coverage} compact />
							</div>
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
