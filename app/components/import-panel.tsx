import { Form, Link, useFetcher, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { StatusButton } from '#app/components/forms'
import { useT } from '#app/i18n/use-t'

export type ImportJobView = {
	id: string
	kind: 'CAPABILITY' | 'DEMAND'
	status: 'PREVIEWED' | 'RUNNING' | 'DONE' | 'FAILED'
	fileName: string
	total: number
	processed: number
	created: number
	updated: number
	error: string | null
	rowErrors: Array<{ row: number; column: string; message: string }>
	firm: { name: string }
}

/** Upload form, row-level errors of the preview, confirmation and a live progress bar. */
export function ImportPanel({ kind, job, hiddenFields, pending }: { kind: 'CAPABILITY' | 'DEMAND'; job: ImportJobView | null; hiddenFields?: Record<string, string>; pending: boolean }) {
	const t = useT()
	const revalidator = useRevalidator()
	const confirm = useFetcher()
	useEffect(() => {
		if (job?.status !== 'RUNNING') return
		const timer = setInterval(() => {
			if (revalidator.state === 'idle') revalidator.revalidate()
		}, 1000)
		return () => clearInterval(timer)
	}, [job?.status, revalidator])
	const percent = job && job.total ? Math.round((job.processed / job.total) * 100) : 0
	return (
		<div className="flex flex-col gap-6">
			<section className="rounded-lg border border-slate-200 bg-white p-5">
				<h2 className="font-semibold">{t('import.step1')}</h2>
				<p className="mt-1 text-sm text-slate-700">{t('import.templateHint')}</p>
				<a href={`/resources/import-template?kind=${kind}`} className="mt-2 inline-block text-brand-700 underline">
					{t(kind === 'DEMAND' ? 'import.templateDemand' : 'import.templateCapability')}
				</a>
				<Form method="POST" encType="multipart/form-data" className="mt-4 flex flex-wrap items-end gap-3">
					<input type="hidden" name="intent" value="preview" />
					{Object.entries(hiddenFields ?? {}).map(([k, v]) => (
						<input key={k} type="hidden" name={k} value={v} />
					))}
					<label className="flex flex-col gap-1 text-sm">
						<span className="font-medium">{t('import.file')}</span>
						<input type="file" name="file" required accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" className="text-sm" />
					</label>
					<StatusButton type="submit" pending={pending}>
						{t('import.preview')}
					</StatusButton>
				</Form>
			</section>
			{job ? (
				<section className="rounded-lg border border-slate-200 bg-white p-5" aria-live="polite">
					<h2 className="font-semibold">
						{t('import.step2')} · {job.fileName} · {job.firm.name}
					</h2>
					<p className="mt-1 text-sm" data-testid="import-summary">
						{t('import.summary', { valid: job.total, errors: job.rowErrors.length })}
					</p>
					{job.rowErrors.length ? (
						<div className="mt-3 max-h-96 overflow-auto rounded border border-red-200">
							<table className="w-full text-left text-sm">
								<caption className="sr-only">{t('import.errorsCaption')}</caption>
								<thead className="sticky top-0 bg-red-50 text-red-900">
									<tr>
										<th className="px-3 py-1.5">{t('import.row')}</th>
										<th className="px-3 py-1.5">{t('import.column')}</th>
										<th className="px-3 py-1.5">{t('import.problem')}</th>
									</tr>
								</thead>
								<tbody>
									{job.rowErrors.map((e, i) => (
										<tr key={i} className="border-t border-red-100">
											<td className="px-3 py-1">{e.row}</td>
											<td className="px-3 py-1">{e.column}</td>
											<td className="px-3 py-1">{t(e.message)}</td>
										</tr>
									))}
								</tbody>
							</table>
						</div>
					) : null}
					{job.status === 'PREVIEWED' && job.total > 0 ? (
						<confirm.Form method="POST" className="mt-4">
							<input type="hidden" name="intent" value="confirm" />
							<input type="hidden" name="jobId" value={job.id} />
							{Object.entries(hiddenFields ?? {}).map(([k, v]) => (
								<input key={k} type="hidden" name={k} value={v} />
							))}
							<StatusButton type="submit" pending={confirm.state !== 'idle'}>
								{t('import.confirm', { count: job.total })}
							</StatusButton>
						</confirm.Form>
					) : null}
					{job.status === 'RUNNING' || job.status === 'DONE' ? (
						<div className="mt-4">
							<div className="h-3 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={t('import.progress')}>
								<div className="h-full bg-brand-700 transition-all" style={{ width: `${percent}%` }} />
							</div>
							<p className="mt-1 text-sm" data-testid="import-progress">
								{job.status === 'DONE'
									? t('import.done', { created: job.created, updated: job.updated })
									: t('import.running', { processed: job.processed, total: job.total })}
							</p>
						</div>
					) : null}
					{job.status === 'FAILED' ? <p className="mt-3 text-sm text-red-800">{t('import.failed')}</p> : null}
					{job.status === 'DONE' ? (
						<Link to={kind === 'DEMAND' ? '/my/demands' : '/my/capabilities'} className="mt-3 inline-block text-brand-700 underline">
							{t('import.viewItems')}
						</Link>
					) : null}
				</section>
			) : null}
		</div>
	)
}
