import { useEffect, useRef, useState } from 'react'
import { useT } from '#app/i18n/use-t'

// The chain graph (ECharts, client only: loaded in an effect, so the server bundle never touches
// `window`). Columns are the stages upstream → midstream → downstream; a child sits under its
// parent, indented; edges join parent and child. Red nodes have gap demands. The page renders
// the same content as a nested table for keyboard and screen reader users.

export type GraphNode = {
	id: string
	parentId: string | null
	name: string
	stage: 'UPSTREAM' | 'MIDSTREAM' | 'DOWNSTREAM'
	depth: number
	localSuppliers: number
	openDemands: number
	coverage: number | null
	gapDemands: number
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`)

const STAGES = ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM'] as const
const COLUMN = 320
const ROW = 56

export function ChainGraph({
	nodes,
	selectedId,
	onSelect,
}: {
	nodes: GraphNode[]
	selectedId: string | null
	onSelect: (id: string) => void
}) {
	const t = useT()
	const ref = useRef<HTMLDivElement>(null)
	const [ready, setReady] = useState(false)
	const onSelectRef = useRef(onSelect)
	onSelectRef.current = onSelect
	const rows = Math.max(1, ...STAGES.map((s) => nodes.filter((n) => n.stage === s).length))

	useEffect(() => {
		let disposed = false
		let chart: { dispose: () => void; resize: () => void } | null = null
		const onResize = () => chart?.resize()
		void (async () => {
			const { init } = await import('./echarts.client')
			if (disposed || !ref.current) return
			const instance = init(ref.current)
			chart = instance
			const labels = Object.fromEntries(STAGES.map((s) => [s, t(`bureauChains.stage.${s}`)]))
			const data = [
				...STAGES.map((s, i) => ({
					id: `stage:${s}`,
					name: labels[s],
					x: i * COLUMN,
					y: -ROW,
					symbol: 'roundRect',
					symbolSize: [96, 28],
					itemStyle: { color: '#1e3a8a' },
					label: { show: true, color: '#fff', fontWeight: 'bold' as const },
					tooltip: { show: false },
				})),
				...STAGES.flatMap((s, i) =>
					nodes
						.filter((n) => n.stage === s)
						.map((n, row) => ({
							id: n.id,
							name: n.name,
							x: i * COLUMN + n.depth * 28,
							y: row * ROW,
							symbolSize: 14 + Math.min(26, n.openDemands * 3),
							itemStyle: {
								color: n.gapDemands > 0 ? '#b91c1c' : n.openDemands > 0 ? '#15803d' : '#64748b',
								borderColor: n.id === selectedId ? '#f59e0b' : '#fff',
								borderWidth: n.id === selectedId ? 4 : 1,
							},
							label: {
								show: true,
								position: 'right' as const,
								formatter: `${n.name}\n${t('bureauChains.col.localSuppliers')} ${n.localSuppliers} · ${t('bureauChains.col.openDemands')} ${n.openDemands} · ${percent(n.coverage)}`,
								fontSize: 11,
							},
							tooltip: {
								formatter: [
									n.name,
									`${t('bureauChains.col.localSuppliers')}: ${n.localSuppliers}`,
									`${t('bureauChains.col.openDemands')}: ${n.openDemands}`,
									`${t('bureauChains.col.coverage')}: ${percent(n.coverage)}`,
									`${t('bureauChains.col.gapDemands')}: ${n.gapDemands}`,
								].join('<br/>'),
							},
						})),
				),
			]
			const ids = new Set(nodes.map((n) => n.id))
			const links = [
				{ source: 'stage:UPSTREAM', target: 'stage:MIDSTREAM' },
				{ source: 'stage:MIDSTREAM', target: 'stage:DOWNSTREAM' },
				...nodes
					.filter((n) => n.parentId && ids.has(n.parentId))
					.map((n) => ({ source: n.parentId!, target: n.id })),
			]
			instance.setOption({
				tooltip: { trigger: 'item', confine: true },
				series: [
					{
						type: 'graph',
						layout: 'none',
						roam: true,
						edgeSymbol: ['none', 'arrow'],
						edgeSymbolSize: 7,
						lineStyle: { color: '#94a3b8', curveness: 0.15 },
						data,
						links,
					},
				],
			})
			instance.on('click', (params) => {
				const id = (params.data as { id?: string } | undefined)?.id
				if (id && !id.startsWith('stage:')) onSelectRef.current(id)
			})
			window.addEventListener('resize', onResize)
			setReady(true)
		})()
		return () => {
			disposed = true
			window.removeEventListener('resize', onResize)
			chart?.dispose()
		}
	}, [nodes, selectedId, t])

	return (
		<div className="relative">
			{ready ? null : (
				<p className="absolute inset-0 p-4 text-sm text-slate-600">{t('bureauChains.graph.loading')}</p>
			)}
			<div
				ref={ref}
				role="img"
				aria-label={t('bureauChains.graph.hint')}
				style={{ height: Math.min(900, 140 + rows * ROW) }}
				className="w-full"
				data-testid="chain-graph"
			/>
		</div>
	)
}

export function Definitions({ threshold }: { threshold: number }) {
	const t = useT()
	return (
		<details className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
			<summary className="cursor-pointer font-medium">{t('bureauChains.definitions')}</summary>
			<ul className="mt-2 list-disc space-y-1 pl-5">
				<li>{t('bureauChains.def.localSuppliers')}</li>
				<li>{t('bureauChains.def.openDemands')}</li>
				<li>{t('bureauChains.def.coverage', { threshold })}</li>
				<li>{t('bureauChains.def.signed')}</li>
				<li>{t('bureauChains.def.gap')}</li>
			</ul>
		</details>
	)
}
