import { useT } from '#app/i18n/use-t'
import { FIGURE_KEYS, formatFigure, type Figures } from '#app/modules/reports/monitor'

// The tables of the monitoring dashboard and its printable report: one row per cluster, county or
// month, one column per figure (the definitions are listed once, beside the tables).

export function FigureTable({
	caption,
	firstColumn,
	rows,
	total,
	testId,
}: {
	caption: string
	firstColumn: string
	rows: Array<{ key: string; name: string; figures: Figures }>
	total?: Figures
	testId: string
}) {
	const t = useT()
	return (
		<div className="overflow-x-auto rounded-lg border border-slate-200 bg-white print:overflow-visible">
			<table className="w-full text-left text-sm print:text-[9px]" data-testid={testId}>
				<caption className="sr-only">{caption}</caption>
				<thead className="bg-slate-50 text-slate-700">
					<tr>
						<th scope="col" className="px-2 py-2 whitespace-nowrap">
							{firstColumn}
						</th>
						{FIGURE_KEYS.map((key) => (
							<th key={key} scope="col" className="px-2 py-2 text-right">
								{t(`bureauMonitor.fig.${key}`)}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.key} className="border-t border-slate-100">
							<th scope="row" className="px-2 py-1.5 font-medium whitespace-nowrap">
								{row.name}
							</th>
							{FIGURE_KEYS.map((key) => (
								<td key={key} className="px-2 py-1.5 text-right tabular-nums">
									{formatFigure(key, row.figures)}
								</td>
							))}
						</tr>
					))}
				</tbody>
				{total ? (
					<tfoot>
						<tr className="border-t-2 border-slate-300 font-semibold">
							<th scope="row" className="px-2 py-1.5">
								{t('bureauMonitor.total')}
							</th>
							{FIGURE_KEYS.map((key) => (
								<td key={key} className="px-2 py-1.5 text-right tabular-nums">
									{formatFigure(key, total)}
								</td>
							))}
						</tr>
					</tfoot>
				) : null}
			</table>
		</div>
	)
}

export function Definitions() {
	const t = useT()
	return (
		<dl className="grid gap-2 text-sm md:grid-cols-2 print:block print:text-[10px]">
			{FIGURE_KEYS.map((key) => (
				<div key={key} className="print:mb-1">
					<dt className="font-semibold text-slate-900">{t(`bureauMonitor.fig.${key}`)}</dt>
					<dd className="text-slate-700">{t(`bureauMonitor.def.${key}`)}</dd>
				</div>
			))}
		</dl>
	)
}
