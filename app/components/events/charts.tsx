import { useLocale, useT } from '#app/i18n/use-t'
import { cn } from '#app/utils/misc'

// Small horizontal bar charts in plain SVG (no chart library). Each chart is a <figure>: the SVG is
// one image (role="img") whose aria-label reads the figures out, the <figcaption> names it, and a
// visually hidden table gives the same data to screen readers and to anyone copying it.

export type BarDatum = {
	label: string
	value: number
	/** The value as printed on the bar ("12", "37.5%", "¥1,200.00"). */
	display: string
}

export type Series = {
	name: string
	/** Tailwind fill class, e.g. "fill-brand-600". */
	fill: string
	/** Swatch class for the legend, e.g. "bg-brand-600". */
	swatch: string
	values: number[]
	displays: string[]
}

const WIDTH = 640
const LABEL_W = 150
const VALUE_W = 110
const BAR_AREA = WIDTH - LABEL_W - VALUE_W
const BAR_H = 18
const ROW_GAP = 12
const PAD = 8

function shortLabel(label: string) {
	const chars = [...label]
	return chars.length > 10 ? `${chars.slice(0, 9).join('')}…` : label
}

function useSeparators() {
	const locale = useLocale()
	return locale === 'en' ? { item: '; ', pair: ': ', list: ', ' } : { item: '；', pair: '：', list: '，' }
}

function barWidth(value: number, max: number) {
	if (max <= 0 || value <= 0) return 0
	return Math.max(2, (Math.min(value, max) / max) * BAR_AREA)
}

function Empty({ title }: { title: string }) {
	const t = useT()
	return (
		<figure className="rounded-lg border border-slate-200 bg-white p-4">
			<figcaption className="font-semibold text-slate-900">{title}</figcaption>
			<p className="mt-3 text-sm text-slate-700">{t('eventsReport.chart.empty')}</p>
		</figure>
	)
}

/** One bar per datum. `max` fixes the scale (1 for rates); else the largest value fills the width. */
export function BarChart({
	title,
	data,
	max,
	fill = 'fill-brand-600',
	valueHeader,
	testId,
}: {
	title: string
	data: BarDatum[]
	max?: number
	fill?: string
	/** Column header of the values in the hidden table. */
	valueHeader: string
	testId?: string
}) {
	const t = useT()
	const sep = useSeparators()
	if (data.length === 0) return <Empty title={title} />
	const scale = max ?? Math.max(0, ...data.map((d) => d.value))
	const height = PAD * 2 + data.length * (BAR_H + ROW_GAP) - ROW_GAP
	const summary = `${title}${sep.pair}${data.map((d) => `${d.label} ${d.display}`).join(sep.item)}`
	return (
		<figure className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
			<figcaption className="mb-2 font-semibold text-slate-900">{title}</figcaption>
			<svg
				role="img"
				aria-label={summary}
				viewBox={`0 0 ${WIDTH} ${height}`}
				className="h-auto w-full"
				preserveAspectRatio="xMinYMin meet"
			>
				{data.map((d, i) => {
					const y = PAD + i * (BAR_H + ROW_GAP)
					const w = barWidth(d.value, scale)
					return (
						<g key={`${d.label}-${i}`}>
							<text
								x={LABEL_W - 8}
								y={y + BAR_H / 2}
								dominantBaseline="central"
								textAnchor="end"
								fontSize="13"
								className="fill-slate-800"
							>
								{shortLabel(d.label)}
							</text>
							<rect x={LABEL_W} y={y} width={BAR_AREA} height={BAR_H} rx="3" className="fill-slate-100" />
							<rect x={LABEL_W} y={y} width={w} height={BAR_H} rx="3" className={fill} />
							<text
								x={LABEL_W + w + 6}
								y={y + BAR_H / 2}
								dominantBaseline="central"
								fontSize="13"
								fontWeight="600"
								className="fill-slate-900"
							>
								{d.display}
							</text>
						</g>
					)
				})}
			</svg>
			<table className="sr-only">
				<caption>{title}</caption>
				<thead>
					<tr>
						<th scope="col">{t('eventsReport.chart.category')}</th>
						<th scope="col">{valueHeader}</th>
					</tr>
				</thead>
				<tbody>
					{data.map((d, i) => (
						<tr key={`${d.label}-${i}`}>
							<th scope="row">{d.label}</th>
							<td>{d.display}</td>
						</tr>
					))}
				</tbody>
			</table>
		</figure>
	)
}

/** Several series side by side per category (e.g. planned vs held per cluster). */
export function GroupedBarChart({
	title,
	categories,
	series,
	testId,
}: {
	title: string
	categories: string[]
	series: Series[]
	testId?: string
}) {
	const t = useT()
	const sep = useSeparators()
	if (categories.length === 0 || series.length === 0) return <Empty title={title} />
	const scale = Math.max(0, ...series.flatMap((s) => s.values))
	const groupH = series.length * BAR_H + (series.length - 1) * 3
	const height = PAD * 2 + categories.length * (groupH + ROW_GAP) - ROW_GAP
	const summary = `${title}${sep.pair}${categories
		.map((c, ci) => `${c} ${series.map((s) => `${s.name} ${s.displays[ci]}`).join(sep.list)}`)
		.join(sep.item)}`
	return (
		<figure className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
			<figcaption className="mb-2 font-semibold text-slate-900">{title}</figcaption>
			<ul className="mb-2 flex flex-wrap gap-4 text-sm text-slate-800" aria-hidden="true">
				{series.map((s) => (
					<li key={s.name} className="flex items-center gap-1.5">
						<span className={cn('inline-block size-3 rounded-sm', s.swatch)} />
						{s.name}
					</li>
				))}
			</ul>
			<svg
				role="img"
				aria-label={summary}
				viewBox={`0 0 ${WIDTH} ${height}`}
				className="h-auto w-full"
				preserveAspectRatio="xMinYMin meet"
			>
				{categories.map((c, ci) => {
					const y0 = PAD + ci * (groupH + ROW_GAP)
					return (
						<g key={`${c}-${ci}`}>
							<text
								x={LABEL_W - 8}
								y={y0 + groupH / 2}
								dominantBaseline="central"
								textAnchor="end"
								fontSize="13"
								className="fill-slate-800"
							>
								{shortLabel(c)}
							</text>
							{series.map((s, si) => {
								const y = y0 + si * (BAR_H + 3)
								const w = barWidth(s.values[ci] ?? 0, scale)
								return (
									<g key={s.name}>
										<rect x={LABEL_W} y={y} width={w} height={BAR_H} rx="3" className={s.fill} />
										<text
											x={LABEL_W + w + 6}
											y={y + BAR_H / 2}
											dominantBaseline="central"
											fontSize="12"
											fontWeight="600"
											className="fill-slate-900"
										>
											{s.displays[ci]}
										</text>
									</g>
								)
							})}
						</g>
					)
				})}
			</svg>
			<table className="sr-only">
				<caption>{title}</caption>
				<thead>
					<tr>
						<th scope="col">{t('eventsReport.chart.category')}</th>
						{series.map((s) => (
							<th key={s.name} scope="col">
								{s.name}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{categories.map((c, ci) => (
						<tr key={`${c}-${ci}`}>
							<th scope="row">{c}</th>
							{series.map((s) => (
								<td key={s.name}>{s.displays[ci]}</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
		</figure>
	)
}
