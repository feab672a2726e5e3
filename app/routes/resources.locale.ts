import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { LOCALE_COOKIE, parseLocale } from '#app/i18n/i18n'
import { prisma } from '#app/utils/db.server'
import { getUser } from '#app/utils/auth.server'
import { safeRedirect } from '#app/utils/misc'

export async function action({ request }: ActionFunctionArgs) {
	const form = await request.formData()
	const locale = parseLocale(String(form.get('locale') ?? ''))
	const user = await getUser(request)
	if (user) await prisma.user.update({ where: { id: user.id }, data: { locale } })
	return redirect(safeRedirect(form.get('redirectTo'), '/'), {
		headers: { 'Set-Cookie': `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax` },
	})
}

export async function loader() {
	return redirect('/')
}
