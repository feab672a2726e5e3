import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { EChart } from '#app/components/monitor/echart'
import { Definitions, FigureTable } from '#app/components/monitor/tables'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { REGIONS } from '#app/modules/firms/regions'
import {
	FIGURE_KEYS,
	formatFigure,
	formatYuan,
	PERIOD_TYPES,
	STAGES,
	type FigureKey,
	type Figures,
	type PeriodType,
} from '#app/modules/reports/monitor'
import { getMonitorData, resolveMonitorFilters } from '#app/modules/reports/monitor.server'
import { requireRole } from '#app/utils/auth.server'

export const meta: MetaFunction = () => [{ title: '产业链群发展监测' }]

// GET /bureau/monitor — the monitoring dashboard (bureau and admin only; firms get 403). Every filter
// is in the URL; the export and the printable report take the same query string.
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, STAFF_ROLES)
	const url = new URL(request.url)
	const resolved = await resolveMonitorFilters(url)
	const params = Object.fromEntries(url.searchParams)
	const headers = { 'Cache-Control': 'private, no-store' }
	if (!resolved.ok)
		return json(
			{ errors: resolved.errors, clusters: resolved.clusters, params, data: null, search: '' },
			{ status: 400, headers },
		)
	const data = await getMonitorData(resolved.query, resolved.clusters)
	return json(
		{ errors: null, clusters: resolved.clusters, params, data, search: url.searchParams.toString() },
		{ headers },
	)
}

const inputClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm'

function Filters({
	params,
	clusters,
	period,
}: {
	params: Record<string, string>
	clusters: Array<{ slug: string; name: string }>
	period: { type: string; from: string; to: string } | null
}) {
	const t = useT()
	const initial = (period?.type ?? params.period ?? 'month') as PeriodType
	const [type, setType] = useState<PeriodType>(
		(PERIOD_TYPES as readonly string[]).includes(initial) ? initial : 'month',
	)
	const sameType = period?.type === type
	const fromType = type === 'month' ? 'month' : type === 'custom' ? 'date' : 'text'
	return (
		<Form
			method="get"
			className="flex flex-wrap items-end gap-3 print:hidden"
			aria-label={t('bureauMonitor.filters')}
		>
			<label className="flex flex-col text-sm">
				{t('bureauMonitor.filter.period')}
				<select
					name="period"
					value={type}
					onChange={(e) => setType(e.target.value as PeriodType)}
					className={inputClass}
				>
					{PERIOD_TYPES.map((p) => (
						<option key={p} value={p}>
							{t(`bureauMonitor.period.${p}`)}
						</option>
					))}
				</select>
			</label>
			<label className="flex flex-col text-sm">
				{type === 'custom' ? t('bureauMonitor.filter.fromCustom') : t('bureauMonitor.filter.from')}
				<input
					key={type}
					name="from"
					type={fromType}
					defaultValue={sameType ? period?.from : ''}
					placeholder={t(`bureauMonitor.filter.hint.${type}`)}
					title={t(`bureauMonitor.filter.hint.${type}`)}
					className={inputClass}
				/>
			</label>
			{type === 'custom' ? (
				<label className="flex flex-col text-sm">
					{t('bureauMonitor.filter.to')}
					<input
						name="to"
						type="date"
						defaultValue={sameType ? period?.to : ''}
						title={t('bureauMonitor.filter.hint.custom')}
						className={inputClass}
					/>
				</label>
			) : null}
			<label className="flex flex-col text-sm">
				{t('bureauMonitor.filter.cluster')}
				<select name="cluster" defaultValue={params.cluster ?? ''} className={inputClass}>
					<option value="">{t('bureauMonitor.filter.all')}</option>
					{clusters.map((c) => (
						<option key={c.slug} value={c.slug}>
							{c.name}
						</option>
					))}
				</select>
			</label>
			<label className="flex flex-col text-sm">
				{t('bureauMonitor.filter.county')}
				<select name="county" defaultValue={params.county ?? ''} className={inputClass}>
					<option value="">{t('bureauMonitor.filter.all')}</option>
					{(['XIANNING', 'WUHAN'] as const).map((area) => (
						<optgroup
							key={area}
							label={
								area === 'XIANNING' ? t('bureauMonitor.filter.xianning') : t('bureauMonitor.filter.wuhan')
							}
						>
							{REGIONS.filter((r) => r.area === area).map((r) => (
								<option key={r.code} value={r.code}>
									{r.name}
								</option>
							))}
						</optgroup>
					))}
				</select>
			</label>
			<button
				type="submit"
				className="bg-brand-700 hover:bg-brand-800 rounded-md px-3 py-1.5 text-sm font-semibold text-white"
			>
				{t('bureauMonitor.filter.apply')}
			</button>
		</Form>
	)
}

function Kpi({ figure, totals }: { figure: FigureKey; totals: Figures }) {
	const t = useT()
	const extra =
		figure === 'amount'
			? t('bureauMonitor.amountSplit', {
					docking: totals.dockingContracts,
					dockingAmount: formatYuan(totals.dockingAmount),
					meeting: totals.meetingContracts,
					meetingAmount: formatYuan(totals.meetingAmount),
				})
			: figure === 'responseMedianHours'
				? t('bureauMonitor.responded', { responded: totals.responded })
				: figure === 'localRatio'
					? t('bureauMonitor.localOf', { local: totals.localSigned, wuhan: totals.wuhanDemands })
					: null
	return (
		<div className="rounded-lg border border-slate-200 bg-white p-4">
			<dt className="text-sm text-slate-700">{t(`bureauMonitor.fig.${figure}`)}</dt>
			<dd className="text-brand-800 mt-1 text-2xl font-bold tabular-nums" data-testid={`kpi-${figure}`}>
				{formatFigure(figure, totals)}
			</dd>
			{extra ? <dd className="mt-1 text-xs text-slate-800">{extra}</dd> : null}
			<dd className="mt-2 text-xs text-slate-600">
				<span className="font-semibold">{t('bureauMonitor.definition')}：</span>
				{t(`bureauMonitor.def.${figure}`)}
			</dd>
		</div>
	)
}

function SimpleTable({ head, rows }: { head: string[]; rows: Array<Array<string | number | null>> }) {
	return (
		<table className="w-full text-left text-sm">
			<thead className="bg-slate-50">
				<tr>
					{head.map((h) => (
						<th key={h} scope="col" className="px-2 py-1">
							{h}
						</th>
					))}
				</tr>
			</thead>
			<tbody>
				{rows.map((row) => (
					<tr key={String(row[0])} className="border-t border-slate-100">
						{row.map((cell, i) => (
							<td key={i} className="px-2 py-1 tabular-nums">
								{cell ?? '—'}
							</td>
						))}
					</tr>
				))}
			</tbody>
		</table>
	)
}

const TREND: FigureKey[] = ['capabilities', 'demandsPublished', 'suggestions', 'dockings', 'contracts']

export default function MonitorRoute() {
	const { errors, clusters, params, data, search } = useLoaderData<typeof loader>()
	const t = useT()
	if (!data)
		return (
			<div className="flex flex-col gap-6">
				<PageHeader title={t('bureauMonitor.title')} />
				<Filters params={params} clusters={clusters} period={null} />
				<div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
					<p>{t('bureauMonitor.errors')}</p>
					<ul className="list-disc pl-5">
						{Object.entries(errors ?? {}).map(([field, message]) => (
							<li key={field}>{message}</li>
						))}
					</ul>
				</div>
			</div>
		)
	const { totals } = data
	const scope =
		[data.cluster?.name, data.county?.name].filter(Boolean).join(' · ') || t('bureauMonitor.scopeAll')
	const funnel = [
		{ name: t('bureauMonitor.funnel.match'), value: totals.suggestions },
		{ name: t('bureauMonitor.funnel.dock'), value: totals.dockings },
		{ name: t('bureauMonitor.funnel.sample'), value: totals.reachedSampling },
		{ name: t('bureauMonitor.funnel.sign'), value: totals.reachedSigned },
	]
	const xianning = data.byCounty.filter((c) => c.area === 'XIANNING')
	return (
		<div className="flex flex-col gap-6">
			<PageHeader
				title={t('bureauMonitor.title')}
				lead={t('bureauMonitor.lead', { period: data.period.label, scope })}
				actions={
					<div className="flex flex-wrap gap-3 print:hidden">
						<a
							href={`/resources/bureau/monitor.xlsx?${search}`}
							download
							className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50"
							data-testid="monitor-export"
						>
							{t('bureauMonitor.export')}
						</a>
						<Link
							to={`/bureau/monitor/report?${search}`}
							className="bg-brand-700 hover:bg-brand-800 rounded-md px-3 py-1.5 text-sm font-semibold text-white"
							data-testid="monitor-report"
						>
							{t('bureauMonitor.report')}
						</Link>
					</div>
				}
			/>
			<Filters params={params} clusters={clusters} period={data.period} />

			<section aria-labelledby="monitor-kpis">
				<h2 id="monitor-kpis" className="mb-3 text-lg font-semibold">
					{t('bureauMonitor.kpis')}
				</h2>
				<dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
					{FIGURE_KEYS.map((key) => (
						<Kpi key={key} figure={key} totals={totals} />
					))}
				</dl>
			</section>

			<section aria-labelledby="monitor-charts">
				<h2 id="monitor-charts" className="mb-3 text-lg font-semibold">
					{t('bureauMonitor.charts')}
				</h2>
				<div className="grid gap-4 lg:grid-cols-2">
					<div className="lg:col-span-2">
						<EChart
							testId="chart-trend"
							title={t('bureauMonitor.chart.trend')}
							hint={t('bureauMonitor.chart.trendHint')}
							label={TREND.map(
								(key) =>
									`${t(`bureauMonitor.fig.${key}`)}：${data.series.map((s) => s.figures[key]).join('、')}`,
							).join('；')}
							option={{
								tooltip: { trigger: 'axis' },
								legend: { top: 0 },
								grid: { left: 40, right: 20, top: 40, bottom: 30 },
								xAxis: { type: 'category', data: data.series.map((s) => s.month) },
								yAxis: { type: 'value', minInterval: 1 },
								series: TREND.map((key) => ({
									name: t(`bureauMonitor.fig.${key}`),
									type: 'line',
									data: data.series.map((s) => s.figures[key]),
								})),
							}}
							table={
								<SimpleTable
									head={[t('bureauMonitor.col.month'), ...TREND.map((key) => t(`bureauMonitor.fig.${key}`))]}
									rows={data.series.map((s) => [s.month, ...TREND.map((key) => s.figures[key])])}
								/>
							}
						/>
					</div>
					<EChart
						testId="chart-funnel"
						title={t('bureauMonitor.chart.funnel')}
						hint={t('bureauMonitor.chart.funnelHint')}
						label={funnel.map((f) => `${f.name}：${f.value}`).join('；')}
						option={{
							tooltip: { trigger: 'item' },
							series: [
								{
									type: 'funnel',
									sort: 'none',
									left: '10%',
									width: '80%',
									label: { show: true, position: 'inside', formatter: '{b}：{c}' },
									data: funnel,
								},
							],
						}}
						table={
							<SimpleTable
								head={[t('bureauMonitor.chart.funnel'), t('bureauMonitor.col.value')]}
								rows={funnel.map((f) => [f.name, f.value])}
							/>
						}
					/>
					<EChart
						testId="chart-county"
						title={t('bureauMonitor.chart.county')}
						label={xianning.map((c) => `${c.name}：${c.figures.dockings}、${c.figures.contracts}`).join('；')}
						option={{
							tooltip: { trigger: 'axis' },
							legend: { top: 0 },
							grid: { left: 110, right: 20, top: 30, bottom: 20 },
							yAxis: { type: 'category', data: xianning.map((c) => c.name), inverse: true },
							xAxis: { type: 'value', minInterval: 1 },
							series: (['dockings', 'contracts'] as const).map((key) => ({
								name: t(`bureauMonitor.fig.${key}`),
								type: 'bar',
								data: xianning.map((c) => c.figures[key]),
							})),
						}}
						table={
							<SimpleTable
								head={[
									t('bureauMonitor.col.county'),
									t('bureauMonitor.fig.dockings'),
									t('bureauMonitor.fig.contracts'),
								]}
								rows={xianning.map((c) => [c.name, c.figures.dockings, c.figures.contracts])}
							/>
						}
					/>
				</div>
			</section>

			<section aria-labelledby="monitor-stages">
				<h2 id="monitor-stages" className="mb-3 text-lg font-semibold">
					{t('bureauMonitor.stages')}
				</h2>
				<dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="monitor-stages">
					{STAGES.map((stage) => (
						<div key={stage} className="rounded-lg border border-slate-200 bg-white p-3">
							<dt className="text-sm text-slate-700">{t(`bureauMonitor.stage.${stage}`)}</dt>
							<dd className="text-xl font-bold tabular-nums">{totals.stages[stage]}</dd>
						</div>
					))}
				</dl>
			</section>

			<section aria-labelledby="monitor-by-cluster">
				<h2 id="monitor-by-cluster" className="text-lg font-semibold">
					{t('bureauMonitor.byCluster')}
				</h2>
				<p className="mb-2 text-sm text-slate-700">{t('bureauMonitor.byClusterHint')}</p>
				<FigureTable
					testId="monitor-by-cluster"
					caption={t('bureauMonitor.byCluster')}
					firstColumn={t('bureauMonitor.col.cluster')}
					rows={data.byCluster}
					total={totals}
				/>
			</section>

			<section aria-labelledby="monitor-by-county">
				<h2 id="monitor-by-county" className="text-lg font-semibold">
					{t('bureauMonitor.byCounty')}
				</h2>
				<p className="mb-2 text-sm text-slate-700">{t('bureauMonitor.byCountyHint')}</p>
				<FigureTable
					testId="monitor-by-county"
					caption={t('bureauMonitor.byCounty')}
					firstColumn={t('bureauMonitor.col.county')}
					rows={data.byCounty}
				/>
			</section>

			<section aria-labelledby="monitor-definitions">
				<h2 id="monitor-definitions" className="mb-3 text-lg font-semibold">
					{t('bureauMonitor.definitions')}
				</h2>
				<Definitions />
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
