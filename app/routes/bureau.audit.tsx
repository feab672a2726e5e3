import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { prisma } from '#app/utils/db.server'
import { requireRole } from '#app/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, STAFF_ROLES)
	const entries = await prisma.auditLog.findMany({
		where: { actorRole: { in: ['BUREAU', 'ADMIN'] } },
		orderBy: { createdAt: 'desc' },
		take: 200,
	})
	const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id): id is string => !!id))]
	const actors = await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
	const names = new Map(actors.map((a) => [a.id, a.name]))
	return json({
		entries: entries.map((e) => ({
			id: e.id,
			createdAt: e.createdAt,
			actor: (e.actorId && names.get(e.actorId)) ?? '系统',
			action: e.action,
			target: `${e.targetType}:${e.targetId}`,
			ip: e.ip ?? '',
		})),
	})
}

export default function AuditRoute() {
	const { entries } = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<div>
			<PageHeader title={t('audit.title')} lead={t('audit.lead')} />
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
						</tr>
					</thead>
					<tbody>
						{entries.map((e) => (
							<tr key={e.id} className="border-t border-slate-100">
								<td className="px-3 py-1.5 whitespace-nowrap">{new Date(e.createdAt).toLocaleString('zh-CN')}</td>
								<td className="px-3 py-1.5">{e.actor}</td>
								<td className="px-3 py-1.5 font-mono text-xs">{e.action}</td>
								<td className="px-3 py-1.5 font-mono text-xs">{e.target}</td>
								<td className="px-3 py-1.5 font-mono text-xs">{e.ip}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
