import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { getAccess, listMessages } from '#app/modules/docking/docking.server'
import { HistorySchema } from '#app/modules/docking/rules'
import { requireUser } from '#app/utils/auth.server'

/** History pages for the chat's infinite scroll (before a seq) and backfill (after a seq). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const query = HistorySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
	if (!query.success) return json({ error: 'err.invalid' }, { status: 400 })
	const found = await getAccess(params.sessionId ?? '', user)
	if (!found) return json({ error: 'err.dockingNotFound' }, { status: 404 })
	const page = await listMessages(found.session.id, query.data)
	return json(page, { headers: { 'Cache-Control': 'private, no-store' } })
}
