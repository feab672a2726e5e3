import type { ReactNode } from 'react'
import { useT } from '#app/i18n/use-t'
import { cn } from '#app/utils/misc'

export type ReasonView = { kind: string; tone: 'good' | 'bad' | 'neutral'; text: string }

const PART_KEYS = ['text', 'concepts', 'certifications', 'capacity', 'specs', 'cluster', 'distance', 'trust'] as const

/** A suggestion with its score, the score's parts, the reasons and what to ask next. */
export function SuggestionCard({
	title,
	subtitle,
	score,
	parts,
	reasons,
	nextQuestion,
	status,
	actions,
}: {
	title: ReactNode
	subtitle?: ReactNode
	score: number
	parts: Record<string, number>
	reasons: ReasonView[]
	nextQuestion: string | null
	status?: 'SUGGESTED' | 'SHORTLISTED' | 'DISMISSED'
	actions?: ReactNode
}) {
	const t = useT()
	return (
		<article className={cn('rounded-lg border bg-white p-5', status === 'SHORTLISTED' ? 'border-emerald-500' : 'border-slate-200', status === 'DISMISSED' && 'opacity-70')}>
			<div className="flex flex-wrap items-start justify-between gap-3">
				<div className="min-w-0">
					<h3 className="text-lg font-semibold">{title}</h3>
					{subtitle ? <p className="mt-0.5 text-sm text-slate-700">{subtitle}</p> : null}
				</div>
				<div className="text-right">
					<p className="text-2xl font-bold text-brand-800" aria-label={t('matching.scoreLabel', { score: Math.round(score) })}>
						{Math.round(score)}
					</p>
					<p className="text-xs text-slate-600">{t('matching.score')}</p>
					{status === 'SHORTLISTED' ? <p className="mt-1 rounded bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">{t('matching.shortlisted')}</p> : null}
				</div>
			</div>
			<ul className="mt-3 flex flex-col gap-1 text-sm">
				{reasons.map((r, i) => (
					<li key={i} className="flex gap-2">
						<span aria-hidden="true" className={cn('mt-0.5 font-bold', r.tone === 'good' ? 'text-emerald-700' : r.tone === 'bad' ? 'text-red-700' : 'text-slate-500')}>
							{r.tone === 'good' ? '✓' : r.tone === 'bad' ? '!' : '·'}
						</span>
						<span className="sr-only">{t(`matching.tone.${r.tone}`)}</span>
						<span>{r.text}</span>
					</li>
				))}
			</ul>
			{nextQuestion ? (
				<p className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900" data-testid="next-question">
					<span className="font-semibold">{t('matching.nextQuestion')}：</span>
					{nextQuestion.replace(/^下一步建议询问[:：]\s*/, '')}
				</p>
			) : null}
			<details className="mt-3 text-sm">
				<summary className="cursor-pointer text-slate-700">{t('matching.parts')}</summary>
				<dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
					{PART_KEYS.filter((k) => typeof parts[k] === 'number').map((k) => (
						<div key={k} className="flex justify-between gap-2">
							<dt className="text-slate-600">{t(`matching.part.${k}`)}</dt>
							<dd className="font-mono">{parts[k]!.toFixed(1)}</dd>
						</div>
					))}
				</dl>
			</details>
			{actions ? <div className="mt-4 flex flex-wrap gap-2">{actions}</div> : null}
		</article>
	)
}
