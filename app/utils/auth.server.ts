import { redirect } from '@remix-run/node'
import type { Role } from '@prisma/client'
import { getSessionUserFromCookie, type SessionUser } from '#app/modules/auth/session.server'

const CACHE = new WeakMap<Request, Promise<SessionUser | null>>()

/** The signed-in user or null; memoized per request so root and leaf loaders share one lookup. */
export function getUser(request: Request): Promise<SessionUser | null> {
	let pending = CACHE.get(request)
	if (!pending) {
		pending = getSessionUserFromCookie(request.headers.get('cookie'))
		CACHE.set(request, pending)
	}
	return pending
}

export async function requireUser(request: Request): Promise<SessionUser> {
	const user = await getUser(request)
	if (!user) {
		const url = new URL(request.url)
		const redirectTo = `${url.pathname}${url.search}`
		throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`)
	}
	return user
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
	const user = await requireUser(request)
	if (!roles.includes(user.role)) throw new Response('Forbidden', { status: 403 })
	return user
}

export type FirmUser = SessionUser & { firmId: string; firm: NonNullable<SessionUser['firm']> }

export async function requireFirmUser(request: Request): Promise<FirmUser> {
	const user = await requireUser(request)
	if (!user.firmId || !user.firm) throw new Response('Forbidden', { status: 403 })
	return user as FirmUser
}

export async function requireAnonymous(request: Request) {
	if (await getUser(request)) throw redirect('/dashboard')
}

export function clientIp(request: Request): string | null {
	return request.headers.get('x-client-ip')
}
