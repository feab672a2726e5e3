import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { dockingBadge } from '#app/modules/docking/docking.server'
import { getUser } from '#app/utils/auth.server'

/** The nav badge's figures, for the client to refresh without reloading the page's data. */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await getUser(request)
	if (!user) return json({ error: 'err.unauthorized' }, { status: 401 })
	return json(await dockingBadge(user), { headers: { 'Cache-Control': 'private, no-store' } })
}
