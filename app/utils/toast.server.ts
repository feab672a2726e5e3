import { createCookie, redirect } from '@remix-run/node'
import { z } from 'zod'

const toastCookie = createCookie('toast', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60, secure: process.env.NODE_ENV === 'production' })

const ToastSchema = z.object({ type: z.enum(['success', 'error', 'info']).default('success'), message: z.string().max(500) })
export type Toast = z.input<typeof ToastSchema>

/** Message values are i18n keys or plain text; the root translates them. */
export async function redirectWithToast(url: string, toast: Toast & { vars?: Record<string, string> }, init: { headers?: HeadersInit } = {}) {
	const headers = new Headers(init.headers)
	headers.append('Set-Cookie', await toastCookie.serialize(JSON.stringify(toast)))
	return redirect(url, { headers })
}

export async function getToast(
	request: Request,
): Promise<{ toast: (z.output<typeof ToastSchema> & { vars?: Record<string, string> }) | null; headers: Headers }> {
	const headers = new Headers()
	const raw = (await toastCookie.parse(request.headers.get('cookie'))) as unknown
	if (typeof raw !== 'string') return { toast: null, headers }
	headers.append('Set-Cookie', await toastCookie.serialize('', { maxAge: 0 }))
	try {
		const parsed = ToastSchema.extend({ vars: z.record(z.string(), z.string()).optional() }).safeParse(JSON.parse(raw))
		return { toast: parsed.success ? parsed.data : null, headers }
	} catch {
		return { toast: null, headers }
	}
}
