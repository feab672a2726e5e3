import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useT } from '#app/i18n/use-t'

// An Apache ECharts chart drawn in the browser only: echarts is imported in an effect, so the server
// bundle never loads it (nor touches `window`). The chart is one image for assistive technology
// (role="img" with a short label); the same numbers are in the data table given as `table`, which
// also stands in for the chart before it loads, without JavaScript and in tests.

export type EChartOption = Record<string, unknown>

export function EChart({
	title,
	hint,
	label,
	option,
	table,
	height = 320,
	testId,
}: {
	title: string
	hint?: string
	/** What the chart shows, read out instead of the drawing. */
	label: string
	option: EChartOption
	table: ReactNode
	height?: number
	testId: string
}) {
	const t = useT()
	const ref = useRef<HTMLDivElement>(null)
	const [ready, setReady] = useState(false)
	const optionJson = JSON.stringify(option)
	useEffect(() => {
		let disposed = false
		let chart: { dispose: () => void; resize: () => void } | null = null
		const onResize = () => chart?.resize()
		void import('echarts').then((echarts) => {
			if (disposed || !ref.current) return
			const instance = echarts.init(ref.current, undefined, { renderer: 'svg' })
			instance.setOption(JSON.parse(optionJson) as EChartOption)
			chart = instance
			setReady(true)
			window.addEventListener('resize', onResize)
		})
		return () => {
			disposed = true
			window.removeEventListener('resize', onResize)
			chart?.dispose()
		}
	}, [optionJson])
	return (
		<figure
			className="rounded-lg border border-slate-200 bg-white p-4 print:break-inside-avoid"
			data-testid={testId}
		>
			<figcaption className="font-semibold text-slate-900">{title}</figcaption>
			{hint ? <p className="mt-1 text-xs text-slate-700">{hint}</p> : null}
			<div className="relative mt-2">
				<div ref={ref} role="img" aria-label={label} style={{ height }} className="w-full" />
				{ready ? null : (
					<p className="absolute inset-0 p-2 text-sm text-slate-600">{t('bureauMonitor.chart.loading')}</p>
				)}
			</div>
			<details className="mt-2 text-sm print:hidden">
				<summary className="cursor-pointer text-slate-800">{t('bureauMonitor.chart.table')}</summary>
				<div className="mt-2 overflow-x-auto">{table}</div>
			</details>
		</figure>
	)
}
