import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { BarChart, GroupedBarChart } from '#app/components/events/charts'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { formatRate, formatYuan, REPORT_OUTCOMES } from '#app/modules/events/report'
import { getEventReport } from '#app/modules/events/report.server'
import { formatLocal } from '#app/modules/events/slots'
import { requireUser } from '#app/utils/auth.server'
import { cn } from '#app/utils/misc'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `对接会报告 · ${data.report.event.title}` : '对接会报告' },
]

// The post-event report for organizers (bureau staff). Firm users get 404, as for an unknown event.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	if (!STAFF_ROLES.includes(user.role)) throw new Response('Not Found', { status: 404 })
	const report = await getEventReport(params.eventId ?? '')
	if (!report) throw new Response('Not Found', { status: 404 })
	return json({ report }, { headers: { 'Cache-Control': 'private, no-store' } })
}

function Kpi({
	label,
	value,
	hint,
	testId,
}: {
	label: string
	value: ReactNode
	hint?: ReactNode
	testId: string
}) {
	return (
		<div className="rounded-lg border border-slate-200 bg-white p-4">
			<dt className="text-sm text-slate-700">{label}</dt>
			<dd className="text-brand-800 mt-1 text-2xl font-bold" data-testid={testId}>
				{value}
			</dd>
			{hint ? <dd className="mt-1 text-xs text-slate-700">{hint}</dd> : null}
		</div>
	)
}

export default function EventReportRoute() {
	const { report } = useLoaderData<typeof loader>()
	const t = useT()
	const { event, totals, byCluster, byOutcome, meetings } = report
	const excluded = totals.excluded.draft + totals.excluded.cancelled + totals.excluded.needsReschedule
	const heldRate = totals.planned === 0 ? 0 : totals.held / totals.planned
	return (
		<div className="flex flex-col gap-6">
			<PageHeader
				title={t('eventsReport.title', { title: event.title })}
				lead={t('eventsReport.lead', {
					from: formatLocal(event.startsAt),
					to: formatLocal(event.endsAt),
					clusters: event.clusters.join('、') || '—',
					at: report.generatedAt,
				})}
				actions={
					<div className="flex flex-wrap gap-3">
						<Link
							to={`/events/${event.id}`}
							className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50"
						>
							{t('eventsReport.back')}
						</Link>
						<a
							href={`/resources/events/${event.id}/report.xlsx`}
							download
							className="bg-brand-700 hover:bg-brand-800 rounded-md px-3 py-1.5 text-sm font-semibold text-white"
							data-testid="report-export"
						>
							{t('eventsReport.export')}
						</a>
					</div>
				}
			/>

			{event.agendaStatus !== 'PUBLISHED' ? (
				<p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" role="status">
					{t('eventsReport.agendaNotPublished')}
				</p>
			) : null}

			<section aria-labelledby="report-kpis">
				<h2 id="report-kpis" className="sr-only">
					{t('eventsReport.kpis')}
				</h2>
				<dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5">
					<Kpi
						label={t('eventsReport.kpi.registered')}
						value={totals.registered.total}
						hint={t('eventsReport.kpi.registeredSides', {
							buyers: totals.registered.buyers,
							suppliers: totals.registered.suppliers,
						})}
						testId="kpi-registered"
					/>
					<Kpi label={t('eventsReport.kpi.checkedIn')} value={totals.checkedIn} testId="kpi-checked-in" />
					<Kpi label={t('eventsReport.kpi.planned')} value={totals.planned} testId="kpi-planned" />
					<Kpi
						label={t('eventsReport.kpi.held')}
						value={totals.held}
						hint={t('eventsReport.kpi.heldRate', { rate: formatRate(heldRate) })}
						testId="kpi-held"
					/>
					<Kpi
						label={t('eventsReport.kpi.noShow')}
						value={totals.noShow}
						hint={t('eventsReport.kpi.noShowRate', { rate: formatRate(totals.noShowRate) })}
						testId="kpi-no-show"
					/>
					<Kpi
						label={t('eventsReport.kpi.intents')}
						value={totals.intents}
						hint={t('eventsReport.kpi.intentsHint')}
						testId="kpi-intents"
					/>
					<Kpi label={t('eventsReport.kpi.samples')} value={totals.samples} testId="kpi-samples" />
					<Kpi label={t('eventsReport.kpi.contracts')} value={totals.contracts} testId="kpi-contracts" />
					<Kpi
						label={t('eventsReport.kpi.amount')}
						value={formatYuan(totals.contractAmount)}
						testId="kpi-amount"
					/>
				</dl>
				{excluded > 0 ? (
					<p className="mt-3 text-sm text-slate-700" data-testid="report-excluded">
						{t('eventsReport.excluded', {
							draft: totals.excluded.draft,
							cancelled: totals.excluded.cancelled,
							reschedule: totals.excluded.needsReschedule,
						})}
					</p>
				) : null}
			</section>

			<section aria-labelledby="report-charts">
				<h2 id="report-charts" className="mb-3 text-lg font-semibold">
					{t('eventsReport.charts')}
				</h2>
				<div className="grid gap-4 lg:grid-cols-2">
					<GroupedBarChart
						title={t('eventsReport.chart.plannedHeld')}
						testId="chart-planned-held"
						categories={
							totals.planned > 0 ? [t('eventsReport.total'), ...byCluster.map((c) => c.cluster)] : []
						}
						series={[
							{
								name: t('eventsReport.kpi.planned'),
								fill: 'fill-slate-400',
								swatch: 'bg-slate-400',
								values: [totals.planned, ...byCluster.map((c) => c.planned)],
								displays: [totals.planned, ...byCluster.map((c) => c.planned)].map(String),
							},
							{
								name: t('eventsReport.kpi.held'),
								fill: 'fill-brand-600',
								swatch: 'bg-brand-600',
								values: [totals.held, ...byCluster.map((c) => c.held)],
								displays: [totals.held, ...byCluster.map((c) => c.held)].map(String),
							},
						]}
					/>
					<BarChart
						title={t('eventsReport.chart.rates')}
						testId="chart-rates"
						valueHeader={t('eventsReport.chart.rate')}
						max={1}
						data={
							totals.planned > 0
								? [
										{
											label: t('eventsReport.chart.heldRate'),
											value: heldRate,
											display: formatRate(heldRate),
										},
										{
											label: t('eventsReport.chart.noShowRate'),
											value: totals.noShowRate,
											display: formatRate(totals.noShowRate),
										},
									]
								: []
						}
						fill="fill-amber-600"
					/>
					<BarChart
						title={t('eventsReport.chart.outcomes')}
						testId="chart-outcomes"
						valueHeader={t('eventsReport.chart.count')}
						data={
							totals.held > 0
								? REPORT_OUTCOMES.map((o) => ({
										label: t(`eventsReport.outcome.${o}`),
										value: byOutcome[o],
										display: String(byOutcome[o]),
									}))
								: []
						}
						fill="fill-emerald-600"
					/>
					<BarChart
						title={t('eventsReport.chart.amount')}
						testId="chart-amount"
						valueHeader={t('eventsReport.kpi.amount')}
						data={byCluster
							.filter((c) => c.contracts > 0)
							.map((c) => ({ label: c.cluster, value: Number(c.amount), display: formatYuan(c.amount) }))}
						fill="fill-brand-700"
					/>
				</div>
			</section>

			<section aria-labelledby="report-clusters">
				<h2 id="report-clusters" className="mb-3 text-lg font-semibold">
					{t('eventsReport.byCluster')}
				</h2>
				{byCluster.length === 0 ? (
					<p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-700">
						{t('eventsReport.noMeetings')}
					</p>
				) : (
					<div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
						<table className="w-full text-sm" data-testid="report-clusters">
							<thead className="bg-slate-50 text-left">
								<tr>
									<th scope="col" className="px-3 py-2">
										{t('eventsReport.col.cluster')}
									</th>
									<th scope="col" className="px-3 py-2 text-right">
										{t('eventsReport.kpi.planned')}
									</th>
									<th scope="col" className="px-3 py-2 text-right">
										{t('eventsReport.kpi.held')}
									</th>
									<th scope="col" className="px-3 py-2 text-right">
										{t('eventsReport.kpi.intents')}
									</th>
									<th scope="col" className="px-3 py-2 text-right">
										{t('eventsReport.kpi.contracts')}
									</th>
									<th scope="col" className="px-3 py-2 text-right">
										{t('eventsReport.kpi.amount')}
									</th>
								</tr>
							</thead>
							<tbody>
								{byCluster.map((c) => (
									<tr key={c.cluster} className="border-t border-slate-100">
										<th scope="row" className="px-3 py-2 text-left font-medium">
											{c.cluster}
										</th>
										<td className="px-3 py-2 text-right tabular-nums">{c.planned}</td>
										<td className="px-3 py-2 text-right tabular-nums">{c.held}</td>
										<td className="px-3 py-2 text-right tabular-nums">{c.intents}</td>
										<td className="px-3 py-2 text-right tabular-nums">{c.contracts}</td>
										<td className="px-3 py-2 text-right tabular-nums">{formatYuan(c.amount)}</td>
									</tr>
								))}
							</tbody>
							<tfoot className="border-t border-slate-300 font-semibold">
								<tr>
									<th scope="row" className="px-3 py-2 text-left">
										{t('eventsReport.total')}
									</th>
									<td className="px-3 py-2 text-right tabular-nums">{totals.planned}</td>
									<td className="px-3 py-2 text-right tabular-nums">{totals.held}</td>
									<td className="px-3 py-2 text-right tabular-nums">{totals.intents}</td>
									<td className="px-3 py-2 text-right tabular-nums">{totals.contracts}</td>
									<td className="px-3 py-2 text-right tabular-nums">{formatYuan(totals.contractAmount)}</td>
								</tr>
							</tfoot>
						</table>
					</div>
				)}
			</section>

			<section aria-labelledby="report-meetings">
				<h2 id="report-meetings" className="mb-3 text-lg font-semibold">
					{t('eventsReport.meetings', { count: meetings.length })}
				</h2>
				{meetings.length === 0 ? (
					<p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-700">
						{t('eventsReport.noMeetings')}
					</p>
				) : (
					<div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
						<table className="w-full text-sm" data-testid="report-meetings">
							<thead className="bg-slate-50 text-left">
								<tr>
									<th scope="col" className="px-3 py-2">
										{t('eventsReport.col.time')}
									</th>
									<th scope="col" className="px-3 py-2">
										{t('eventsReport.col.buyer')}
									</th>
									<th scope="col" className="px-3 py-2">
										{t('eventsReport.col.supplier')}
									</th>
									<th scope="col" className="px-3 py-2">
										{t('eventsReport.col.status')}
									</th>
									<th scope="col" className="px-3 py-2">
										{t('eventsReport.col.outcome')}
									</th>
									<th scope="col" className="px-3 py-2 text-right">
										{t('eventsReport.col.amount')}
									</th>
									<th scope="col" className="px-3 py-2">
										{t('eventsReport.col.note')}
									</th>
								</tr>
							</thead>
							<tbody>
								{meetings.map((m) => (
									<tr
										key={m.id}
										className="border-t border-slate-100 align-top"
										data-testid={`meeting-${m.id}`}
									>
										<td className="px-3 py-2 whitespace-nowrap tabular-nums">{m.timeLabel}</td>
										<td className="px-3 py-2">{m.buyerName}</td>
										<td className="px-3 py-2">
											{m.supplierName}
											<span className="block text-xs text-slate-700">{m.clusterName}</span>
										</td>
										<td className="px-3 py-2">
											<span
												className={cn(
													'rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap',
													m.status === 'NO_SHOW' && 'bg-red-100 text-red-900',
													m.held && 'bg-emerald-100 text-emerald-900',
													!m.held && m.status !== 'NO_SHOW' && 'bg-slate-100 text-slate-800',
												)}
											>
												{t(m.held ? 'eventsReport.status.HELD' : `eventsReport.status.${m.status}`)}
											</span>
										</td>
										<td className="px-3 py-2 whitespace-nowrap">
											{m.outcome ? t(`eventsReport.outcome.${m.outcome}`) : '—'}
										</td>
										<td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
											{m.dealAmount === null ? '—' : formatYuan(m.dealAmount)}
										</td>
										<td className="px-3 py-2 break-words whitespace-pre-line">
											{m.noShowNames.length > 0 ? (
												<span className="block text-red-900">
													{t('eventsReport.noShowFirms', { firms: m.noShowNames.join('、') })}
												</span>
											) : null}
											{m.outcomeNote}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
