import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { parseAuditFilter, queryAuditLog } from '#app/modules/audit/audit-query.server'
import { AUDIT_RETENTION_DAYS, AUDIT_ROLES } from '#app/modules/auth/constants'
import { requireRole } from '#app/utils/auth.server'

// 等保 三员分立: the audit administrator reads the log; bureau staff and the system administrator
// whose actions it records cannot.
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, AUDIT_ROLES)
	const filter = parseAuditFilter(new URL(request.url).searchParams)
	return json({ filter, ...(await queryAuditLog(filter)) })
}

export default function AuditRoute() {
	const { filter, entries, total, pages } = useLoaderData<typeof loader>()
	const t = useT()
	const pageLink = (page: number) => {
		const params = new URLSearchParams()
		for (const key of ['actor', 'action', 'from', 'to'] as const)
			if (filter[key]) params.set(key, filter[key])
		params.set('page', String(page))
		return `?${params}`
	}
	return (
		<div>
			<PageHeader title={t('audit.title')} lead={t('audit.lead')} />
			<p className="mb-4 text-sm text-slate-700">{t('audit.retention', { days: AUDIT_RETENTION_DAYS })}</p>
			<Form
				method="GET"
				className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
			>
				<label className="flex flex-col gap-1">
					{t('audit.filter.actor')}
					<input
						name="actor"
						defaultValue={filter.actor}
						className="rounded border border-slate-300 px-2 py-1"
					/>
				</label>
				<label className="flex flex-col gap-1">
					{t('audit.filter.action')}
					<input
						name="action"
						defaultValue={filter.action}
						className="rounded border border-slate-300 px-2 py-1"
					/>
				</label>
				<label className="flex flex-col gap-1">
					{t('audit.filter.from')}
					<input
						type="date"
						name="from"
						defaultValue={filter.from}
						className="rounded border border-slate-300 px-2 py-1"
					/>
				</label>
				<label className="flex flex-col gap-1">
					{t('audit.filter.to')}
					<input
						type="date"
						name="to"
						defaultValue={filter.to}
						className="rounded border border-slate-300 px-2 py-1"
					/>
				</label>
				<button
					type="submit"
					className="bg-brand-700 hover:bg-brand-800 rounded-md px-3 py-1.5 font-semibold text-white"
				>
					{t('audit.filter.submit')}
				</button>
				<Link to="/bureau/audit" className="text-brand-700 underline">
					{t('audit.filter.reset')}
				</Link>
			</Form>
			<p className="mb-2 text-sm text-slate-700" data-testid="audit-total">
				{t('audit.total', { count: total })}
			</p>
			<div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
				<table className="w-full text-left text-sm">
					<caption className="sr-only">{t('audit.title')}</caption>
					<thead className="bg-slate-50 text-slate-700">
						<tr>
							<th className="px-3 py-2">{t('audit.time')}</th>
							<th className="px-3 py-2">{t('audit.actor')}</th>
							<th className="px-3 py-2">{t('audit.action')}</th>
							<th className="px-3 py-2">{t('audit.target')}</th>
							<th className="px-3 py-2">{t('audit.ip')}</th>
							<th className="px-3 py-2">{t('audit.detail')}</th>
						</tr>
					</thead>
					<tbody>
						{entries.length === 0 ? (
							<tr>
								<td colSpan={6} className="px-3 py-4 text-center text-slate-600">
									{t('audit.empty')}
								</td>
							</tr>
						) : null}
						{entries.map((e) => (
							<tr key={e.id} className="border-t border-slate-100 align-top">
								<td className="px-3 py-1.5 whitespace-nowrap">
									{new Date(e.createdAt).toLocaleString('zh-CN')}
								</td>
								<td className="px-3 py-1.5">
									{e.actor}
									{e.actorRole ? (
										<span className="ml-1 text-xs text-slate-600">({t(`role.${e.actorRole}`)})</span>
									) : null}
								</td>
								<td className="px-3 py-1.5 font-mono text-xs">{e.action}</td>
								<td className="px-3 py-1.5 font-mono text-xs">{e.target}</td>
								<td className="px-3 py-1.5 font-mono text-xs">{e.ip}</td>
								<td className="max-w-xs truncate px-3 py-1.5 font-mono text-xs" title={e.detail}>
									{e.detail === '{}' ? '' : e.detail}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<nav aria-label={t('audit.title')} className="mt-4 flex items-center gap-4 text-sm">
				{filter.page > 1 ? (
					<Link to={pageLink(filter.page - 1)} className="text-brand-700 underline">
						{t('audit.prev')}
					</Link>
				) : null}
				<span>{t('audit.page', { page: filter.page, pages })}</span>
				{filter.page < pages ? (
					<Link to={pageLink(filter.page + 1)} className="text-brand-700 underline">
						{t('audit.next')}
					</Link>
				) : null}
			</nav>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
