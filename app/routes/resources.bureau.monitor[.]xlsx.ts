import type { LoaderFunctionArgs } from '@remix-run/node'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { localDay } from '#app/modules/reports/monitor'
import {
	auditMonitorExport,
	buildMonitorWorkbook,
	monitorContentDisposition,
} from '#app/modules/reports/monitor-export.server'
import { getMonitorData, resolveMonitorFilters } from '#app/modules/reports/monitor.server'
import { clientIp, requireRole } from '#app/utils/auth.server'

// GET /resources/bureau/monitor.xlsx?<the dashboard's filters> — every table of the dashboard as a
// workbook. Bureau and admin only (firms get 403); bad filters get 400 with the Chinese reasons.
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const now = new Date()
	const resolved = await resolveMonitorFilters(new URL(request.url), now)
	if (!resolved.ok)
		return new Response(Object.values(resolved.errors).join('\n'), {
			status: 400,
			headers: { 'Content-Type': 'text/plain; charset=utf-8' },
		})
	const data = await getMonitorData(resolved.query, resolved.clusters, now)
	const hm = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
	const file = await buildMonitorWorkbook(data, `${localDay(now)} ${hm}`)
	await auditMonitorExport({ id: user.id, role: user.role }, clientIp(request), {
		period: data.period.label,
		cluster: data.cluster?.slug ?? null,
		county: data.county?.code ?? null,
	})
	return new Response(new Uint8Array(file), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': monitorContentDisposition(data),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
