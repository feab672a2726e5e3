import type { LoaderFunctionArgs } from '@remix-run/node'
import {
	auditListExport,
	buildListWorkbook,
	getListDetail,
	listContentDisposition,
	TargetError,
} from '#app/modules/targets/targets.server'
import { clientIp, requireUser } from '#app/utils/auth.server'

// GET /resources/targets/:listId.xlsx — a target list with each item's lifecycle and the list's
// coverage, for its owner firm and the bureau (another firm: 403; a list it cannot see: 404). Audited.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	let detail
	try {
		detail = await getListDetail(user, params.listId ?? '')
	} catch (error) {
		if (error instanceof TargetError) throw new Response(error.message, { status: error.status })
		throw error
	}
	if (!detail.canManage) throw new Response('Forbidden', { status: 403 })
	const file = await buildListWorkbook(detail)
	await auditListExport(user, detail.list.id, { ip: clientIp(request) }, detail.items.length)
	return new Response(new Uint8Array(file), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': listContentDisposition(detail.list.title, detail.list.id),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
