import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportPersonalData } from '#app/modules/privacy/privacy.server'
import { clientIp, requireUser } from '#app/utils/auth.server'

/** A JSON download of everything personal about the signed-in user (PIPL art. 45). */
export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const data = await exportPersonalData(user.id, {
		ip: clientIp(request),
		userAgent: request.headers.get('user-agent'),
	})
	const day = new Date().toISOString().slice(0, 10)
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="personal-data-${day}.json"`,
			'Cache-Control': 'no-store',
		},
	})
}
