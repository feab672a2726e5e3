import { useT } from '#app/i18n/use-t'
import { cn } from '#app/utils/misc'

const PIPELINE = ['INTENT', 'NEGOTIATION', 'SAMPLING', 'SIGNED'] as const

/** One badge: the request status until accepted, then the deal stage. */
export function StageBadge({ status, stage }: { status: string; stage: string }) {
	const t = useT()
	const label = status === 'ACTIVE' ? t(`docking.stage.${stage}`) : t(`docking.status.${status}`)
	const tone =
		status !== 'ACTIVE'
			? status === 'PENDING'
				? 'bg-amber-50 text-amber-900 ring-amber-200'
				: 'bg-slate-100 text-slate-700 ring-slate-200'
			: stage === 'SIGNED'
				? 'bg-green-50 text-green-800 ring-green-200'
				: stage === 'CLOSED'
					? 'bg-slate-100 text-slate-700 ring-slate-200'
					: 'bg-brand-50 text-brand-800 ring-blue-200'
	return <span className={cn('rounded px-1.5 py-0.5 text-xs font-medium ring-1', tone)}>{label}</span>
}

/** The pipeline 意向 → 洽谈 → 送样/考察 → 签约 with the current step marked (关闭 shown after the last reached step). */
export function StagePipeline({ stage, reached }: { stage: string; reached: string[] }) {
	const t = useT()
	const closed = stage === 'CLOSED'
	return (
		<ol className="flex flex-wrap items-center gap-1 text-sm" aria-label={t('docking.pipeline')}>
			{PIPELINE.map((s, i) => {
				const done = reached.includes(s)
				const current = s === stage
				return (
					<li key={s} className="flex items-center gap-1">
						{i > 0 ? (
							<span aria-hidden="true" className="text-slate-400">
								→
							</span>
						) : null}
						<span
							aria-current={current ? 'step' : undefined}
							className={cn(
								'rounded-full px-3 py-1',
								current
									? 'bg-brand-700 font-semibold text-white'
									: done
										? 'bg-brand-50 text-brand-800'
										: 'bg-slate-100 text-slate-600',
							)}
						>
							{t(`docking.stage.${s}`)}
						</span>
					</li>
				)
			})}
			{closed ? (
				<li className="flex items-center gap-1">
					<span aria-hidden="true" className="text-slate-400">
						·
					</span>
					<span aria-current="step" className="rounded-full bg-slate-700 px-3 py-1 font-semibold text-white">
						{t('docking.stage.CLOSED')}
					</span>
				</li>
			) : null}
		</ol>
	)
}
