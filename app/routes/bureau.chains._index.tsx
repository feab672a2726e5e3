import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Definitions, percent } from '#app/components/chains/chain-graph'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { listClusterOverview } from '#app/modules/chains/chains.server'
import { DEFAULT_THRESHOLD } from '#app/modules/chains/gaps'
import { chainFilterQuery, parseChainFilters, THRESHOLDS } from '#app/modules/chains/schemas'
import { requireRole } from '#app/utils/auth.server'

export const meta: MetaFunction = () => [{ title: '产业链图谱' }]

// GET /bureau/chains — the 9 clusters with their headline gap figures (staff only).
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, STAFF_ROLES)
	const { threshold } = parseChainFilters(new URL(request.url).searchParams)
	const clusters = await listClusterOverview(threshold)
	return json({ threshold, clusters }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function ChainsIndexRoute() {
	const { threshold, clusters } = useLoaderData<typeof loader>()
	const t = useT()
	const query = chainFilterQuery({ threshold, stage: null, leaderOnly: false, node: null })
	return (
		<div className="flex flex-col gap-6">
			<PageHeader title={t('bureauChains.title')} lead={t('bureauChains.lead')} />
			<Form method="GET" className="flex flex-wrap items-end gap-3">
				<div className="flex flex-col gap-1">
					<label htmlFor="threshold" className="text-sm font-medium text-slate-800">
						{t('bureauChains.threshold')}
					</label>
					<select
						id="threshold"
						name="threshold"
						defaultValue={threshold}
						className="rounded-md border border-slate-300 bg-white px-3 py-2"
					>
						{THRESHOLDS.map((v) => (
							<option key={v} value={v}>
								{v}
								{v === DEFAULT_THRESHOLD ? ' *' : ''}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
					{t('bureauChains.apply')}
				</button>
			</Form>
			<section className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
				<table className="w-full text-left text-sm" data-testid="chains-overview">
					<caption className="sr-only">{t('bureauChains.overview.caption')}</caption>
					<thead className="bg-slate-50 text-slate-700">
						<tr>
							<th scope="col" className="px-3 py-2">
								{t('bureauChains.col.cluster')}
							</th>
							<th scope="col" className="px-3 py-2 text-right">
								{t('bureauChains.col.nodes')}
							</th>
							<th scope="col" className="px-3 py-2 text-right">
								{t('bureauChains.col.localSuppliers')}
							</th>
							<th scope="col" className="px-3 py-2 text-right">
								{t('bureauChains.col.openDemands')}
							</th>
							<th scope="col" className="px-3 py-2 text-right">
								{t('bureauChains.col.coverage')}
							</th>
							<th scope="col" className="px-3 py-2 text-right">
								{t('bureauChains.col.noMatch')}
							</th>
							<th scope="col" className="px-3 py-2 text-right">
								{t('bureauChains.col.signed')}
							</th>
							<th scope="col" className="px-3 py-2 text-right">
								{t('bureauChains.col.gapNodes')}
							</th>
						</tr>
					</thead>
					<tbody>
						{clusters.map((c) => (
							<tr key={c.id} className="border-t border-slate-100">
								<th scope="row" className="px-3 py-2 font-medium">
									<Link to={`/bureau/chains/${c.slug}${query}`} className="text-brand-700 hover:underline">
										{c.name}
									</Link>
								</th>
								<td className="px-3 py-2 text-right tabular-nums">{c.nodes}</td>
								<td className="px-3 py-2 text-right tabular-nums">{c.localSuppliers}</td>
								<td className="px-3 py-2 text-right tabular-nums">{c.openDemands}</td>
								<td className="px-3 py-2 text-right tabular-nums">{percent(c.coverage)}</td>
								<td className="px-3 py-2 text-right font-semibold tabular-nums">{c.noMatchDemands}</td>
								<td className="px-3 py-2 text-right tabular-nums">{c.signedDemands}</td>
								<td className="px-3 py-2 text-right tabular-nums">{c.gapNodes}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			<Definitions threshold={threshold} />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
