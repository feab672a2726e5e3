import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { destroySessionByCookie } from '#app/modules/auth/session.server'
import { getUser } from '#app/utils/auth.server'
import { redirectWithToast } from '#app/utils/toast.server'

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await getUser(request)
	const setCookie = await destroySessionByCookie(request.headers.get('cookie'))
	if (user) context.realtime.endSession(user.sessionId)
	return redirectWithToast('/', { type: 'info', message: 'auth.logout.done' }, { headers: { 'Set-Cookie': setCookie } })
}

export async function loader() {
	return redirect('/')
}
