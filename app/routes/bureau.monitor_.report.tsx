import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Definitions, FigureTable } from '#app/components/monitor/tables'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { FIGURE_KEYS, formatFigure, STAGES } from '#app/modules/reports/monitor'
import { getMonitorData, resolveMonitorFilters } from '#app/modules/reports/monitor.server'
import { requireRole } from '#app/utils/auth.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.data.period.label}产业链群发展监测月报` : '产业链群发展监测月报' },
]

// GET /bureau/monitor/report?<filters> — the printable report (默认本月): the key figures with their
// definitions, the funnel, the tables per cluster, county and month. Print styles hide the buttons.
// Bureau and admin only (firms get 403); bad filters get 400 with the Chinese reasons.
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, STAFF_ROLES)
	const now = new Date()
	const url = new URL(request.url)
	const resolved = await resolveMonitorFilters(url, now)
	if (!resolved.ok) throw new Response(Object.values(resolved.errors).join('；'), { status: 400 })
	const data = await getMonitorData(resolved.query, resolved.clusters, now)
	const local = new Date(now.getTime() + 8 * 3600_000).toISOString()
	return json(
		{
			data,
			search: url.searchParams.toString(),
			generatedAt: `${local.slice(0, 10)} ${local.slice(11, 16)}`,
		},
		{ headers: { 'Cache-Control': 'private, no-store' } },
	)
}

export default function MonitorReportRoute() {
	const { data, search, generatedAt } = useLoaderData<typeof loader>()
	const t = useT()
	const { totals } = data
	const scope =
		[data.cluster?.name, data.county?.name].filter(Boolean).join(' · ') || t('bureauMonitor.scopeAll')
	return (
		<article className="mx-auto flex max-w-5xl flex-col gap-6 bg-white p-6 print:max-w-none print:gap-3 print:p-0 print:text-[11px]">
			<div className="flex flex-wrap justify-end gap-3 print:hidden">
				<Link
					to={`/bureau/monitor?${search}`}
					className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50"
				>
					{t('bureauMonitor.back')}
				</Link>
				<button
					type="button"
					onClick={() => window.print()}
					className="bg-brand-700 hover:bg-brand-800 rounded-md px-3 py-1.5 text-sm font-semibold text-white"
					data-testid="monitor-print"
				>
					{t('bureauMonitor.print')}
				</button>
			</div>
			<header className="border-b border-slate-300 pb-3 text-center">
				<h1 className="text-2xl font-bold text-slate-900 print:text-xl">
					{t('bureauMonitor.printTitle', { period: data.period.label })}
				</h1>
				<p className="mt-1 text-sm text-slate-700">
					{scope} · {t('bureauMonitor.generatedAt', { at: generatedAt })}
				</p>
			</header>

			<section aria-labelledby="report-kpis" className="print:break-inside-avoid">
				<h2 id="report-kpis" className="mb-2 text-lg font-semibold print:text-base">
					{t('bureauMonitor.kpis')}
				</h2>
				<table
					className="w-full border-collapse text-left text-sm print:text-[10px]"
					data-testid="report-kpis"
				>
					<thead>
						<tr className="border-b border-slate-300">
							<th scope="col" className="py-1 pr-2">
								{t('bureauMonitor.kpis')}
							</th>
							<th scope="col" className="py-1 pr-2 text-right">
								{t('bureauMonitor.col.value')}
							</th>
							<th scope="col" className="py-1">
								{t('bureauMonitor.definition')}
							</th>
						</tr>
					</thead>
					<tbody>
						{FIGURE_KEYS.map((key) => (
							<tr key={key} className="border-b border-slate-100 align-top">
								<th scope="row" className="py-1 pr-2 font-medium whitespace-nowrap">
									{t(`bureauMonitor.fig.${key}`)}
								</th>
								<td className="py-1 pr-2 text-right font-semibold whitespace-nowrap tabular-nums">
									{formatFigure(key, totals)}
								</td>
								<td className="py-1 text-slate-700">{t(`bureauMonitor.def.${key}`)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>

			<section aria-labelledby="report-stages" className="print:break-inside-avoid">
				<h2 id="report-stages" className="mb-2 text-lg font-semibold print:text-base">
					{t('bureauMonitor.chart.funnel')}
				</h2>
				<p className="text-sm">
					{t('bureauMonitor.funnel.match')} {totals.suggestions} → {t('bureauMonitor.funnel.dock')}{' '}
					{totals.dockings} → {t('bureauMonitor.funnel.sample')} {totals.reachedSampling} →{' '}
					{t('bureauMonitor.funnel.sign')} {totals.reachedSigned}
				</p>
				<p className="mt-1 text-sm text-slate-700">
					{t('bureauMonitor.stages')}：
					{STAGES.map((s) => `${t(`bureauMonitor.stage.${s}`)} ${totals.stages[s]}`).join('，')}
				</p>
			</section>

			<section aria-labelledby="report-cluster">
				<h2 id="report-cluster" className="mb-2 text-lg font-semibold print:text-base">
					{t('bureauMonitor.byCluster')}
				</h2>
				<FigureTable
					testId="report-by-cluster"
					caption={t('bureauMonitor.byCluster')}
					firstColumn={t('bureauMonitor.col.cluster')}
					rows={data.byCluster}
					total={totals}
				/>
			</section>

			<section aria-labelledby="report-county" className="print:break-before-page">
				<h2 id="report-county" className="mb-2 text-lg font-semibold print:text-base">
					{t('bureauMonitor.byCounty')}
				</h2>
				<FigureTable
					testId="report-by-county"
					caption={t('bureauMonitor.byCounty')}
					firstColumn={t('bureauMonitor.col.county')}
					rows={data.byCounty}
				/>
			</section>

			<section aria-labelledby="report-trend">
				<h2 id="report-trend" className="mb-2 text-lg font-semibold print:text-base">
					{t('bureauMonitor.chart.trend')}
				</h2>
				<FigureTable
					testId="report-trend"
					caption={t('bureauMonitor.chart.trend')}
					firstColumn={t('bureauMonitor.col.month')}
					rows={data.series.map((s) => ({ key: s.month, name: s.month, figures: s.figures }))}
				/>
			</section>

			<section aria-labelledby="report-definitions" className="print:break-before-page">
				<h2 id="report-definitions" className="mb-2 text-lg font-semibold print:text-base">
					{t('bureauMonitor.definitions')}
				</h2>
				<Definitions />
			</section>
			<footer className="border-t border-slate-300 pt-2 text-xs text-slate-600">
				{t('bureauMonitor.source')}
			</footer>
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
