import { useT } from '#app/i18n/use-t'
import type { Coverage, ItemStage, ProblemView } from '#app/modules/targets/lifecycle'
import { formatRate, QUALIFYING_SCORE } from '#app/modules/targets/lifecycle'
import { cn } from '#app/utils/misc'

const STAGE_CLASS: Record<ItemStage, string> = {
	draft: 'bg-slate-100 text-slate-800',
	published: 'bg-sky-100 text-sky-900',
	matched: 'bg-indigo-100 text-indigo-900',
	docking: 'bg-amber-100 text-amber-900',
	sample: 'bg-orange-100 text-orange-900',
	contract: 'bg-emerald-100 text-emerald-900',
	closed: 'bg-slate-200 text-slate-700',
}

export function StageBadge({ stage }: { stage: ItemStage }) {
	const t = useT()
	return (
		<span
			className={cn('inline-block rounded-full px-2 py-0.5 text-xs font-semibold', STAGE_CLASS[stage])}
			data-testid="stage-badge"
			data-stage={stage}
		>
			{t(`targetLists.stage.${stage}`)}
		</span>
	)
}

/** Three coverage bars, each with its figure and definition as text (screen readers read the text). */
export function CoverageBars({ coverage, compact = false }: { coverage: Coverage; compact?: boolean }) {
	const t = useT()
	const bars = [
		{
			key: 'qualified',
			label: t('targetLists.coverage.qualified'),
			def: t('targetLists.coverage.qualifiedDef', { score: QUALIFYING_SCORE }),
			count: coverage.qualified,
			rate: coverage.qualifiedRate,
		},
		{
			key: 'docking',
			label: t('targetLists.coverage.docking'),
			def: t('targetLists.coverage.dockingDef'),
			count: coverage.docking,
			rate: coverage.dockingRate,
		},
		{
			key: 'contracted',
			label: t('targetLists.coverage.contracted'),
			def: t('targetLists.coverage.contractedDef'),
			count: coverage.contracted,
			rate: coverage.contractedRate,
		},
	]
	return (
		<dl className={cn('grid gap-3', compact ? 'grid-cols-3 text-xs' : 'md:grid-cols-3')}>
			{bars.map((b) => (
				<div key={b.key} data-testid={`coverage-${b.key}`}>
					<dt className="font-medium text-slate-800">{b.label}</dt>
					<dd>
						<span className="font-semibold">{formatRate(b.rate)}</span>{' '}
						<span className="text-slate-600">
							({b.count}/{coverage.total})
						</span>
						<div className="mt-1 h-2 w-full rounded bg-slate-200" aria-hidden="true">
							<div
								className="bg-brand-700 h-2 rounded"
								style={{ width: `${Math.round((b.rate ?? 0) * 100)}%` }}
							/>
						</div>
						{compact ? null : <p className="mt-1 text-xs text-slate-600">{b.def}</p>}
					</dd>
				</div>
			))}
		</dl>
	)
}

export function ProblemText({ problem }: { problem: ProblemView }) {
	const t = useT()
	if (problem.kind === 'no_match') return <>{t('targetLists.problem.noMatch')}</>
	return (
		<>
			{t('targetLists.problem.stalled', {
				days: problem.idleDays,
				buyer: problem.buyerFirmName,
				supplier: problem.supplierFirmName,
			})}{' '}
			<strong>{t(`targetLists.behind.${problem.behind}`)}</strong>
		</>
	)
}
