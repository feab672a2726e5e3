import type { LoaderFunctionArgs } from '@remix-run/node'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import {
	auditReportExport,
	buildReportWorkbook,
	getEventReport,
	reportContentDisposition,
} from '#app/modules/events/report.server'
import { clientIp, requireUser } from '#app/utils/auth.server'

// GET /resources/events/:eventId/report.xlsx — the post-event report as a workbook, organizers only
// (anyone else gets 404, so the route does not reveal which events exist).
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	if (!STAFF_ROLES.includes(user.role)) throw new Response('Not Found', { status: 404 })
	const view = await getEventReport(params.eventId ?? '')
	if (!view) throw new Response('Not Found', { status: 404 })
	const file = await buildReportWorkbook(view)
	await auditReportExport(
		{ id: user.id, role: user.role },
		view.event.id,
		{ ip: clientIp(request) },
		{ meetings: view.meetings.length },
	)
	return new Response(new Uint8Array(file), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': reportContentDisposition(view.event.title, view.event.id),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
