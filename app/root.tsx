import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	useLoaderData,
	useRouteLoaderData,
} from '@remix-run/react'
import { useEffect, useState } from 'react'
import { GeneralErrorBoundary } from './components/error-boundary'
import { Layout, type NavUser } from './components/layout'
import { createTranslator, localeFromCookieHeader, type Locale } from './i18n/i18n'
import { useT } from './i18n/use-t'
import tailwind from './tailwind.css'
import { dockingBadge } from './modules/docking/docking.server'
import { unreadCount } from './modules/notifications/notifications.server'
import { SocketProvider, useRealtime } from './realtime/socket-provider'
import { getUser } from './utils/auth.server'
import { getPublicEnv } from './utils/env.server'
import { useNonce } from './utils/nonce-provider'
import { getToast } from './utils/toast.server'

export const links: LinksFunction = () => [
	{ rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' },
	{ rel: 'stylesheet', href: tailwind },
]

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	const t = createTranslator(data?.locale ?? 'zh-CN')
	return [{ title: t('app.name') }, { name: 'description', content: t('home.lead') }]
}

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = localeFromCookieHeader(request.headers.get('cookie'))
	const [user, { toast, headers }] = await Promise.all([getUser(request), getToast(request)])
	const [unread, docking] = user
		? await Promise.all([unreadCount(user.id), dockingBadge(user)])
		: [0, { unread: 0, pending: 0 }]
	const navUser: NavUser = user
		? {
				name: user.name,
				role: user.role,
				firmName: user.firm?.name ?? null,
				firmStatus: user.firm?.verificationStatus ?? null,
			}
		: null
	return json(
		{ locale, user: navUser, userId: user?.id ?? null, unread, docking, toast, ENV: getPublicEnv() },
		{ headers },
	)
}

function Document({ locale, children, env }: { locale: Locale; children: React.ReactNode; env?: unknown }) {
	const nonce = useNonce()
	return (
		<html lang={locale} className="h-full">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body className="h-full">
				{children}
				<script
					nonce={nonce}
					dangerouslySetInnerHTML={{ __html: `window.ENV = ${JSON.stringify(env ?? {})}` }}
				/>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

function ToastMessage({
	toast,
}: {
	toast: { type: string; message: string; vars?: Record<string, string> } | null
}) {
	const t = useT()
	const [visible, setVisible] = useState(Boolean(toast))
	useEffect(() => {
		setVisible(Boolean(toast))
		if (!toast) return
		const timer = setTimeout(() => setVisible(false), 6000)
		return () => clearTimeout(timer)
	}, [toast])
	if (!toast || !visible) return null
	return (
		<div
			role="status"
			className={
				'fixed right-4 bottom-4 z-50 max-w-sm rounded-md px-4 py-3 text-sm shadow-lg ' +
				(toast.type === 'error' ? 'bg-red-700 text-white' : 'bg-slate-900 text-white')
			}
		>
			{t(toast.message, toast.vars)}
		</div>
	)
}

/** Short live notices for notifications that arrive over the socket (the newest few, each for 8 s). */
function LiveNotice() {
	const { recent } = useRealtime()
	const [hidden, setHidden] = useState<Set<string>>(new Set())
	useEffect(() => {
		const timers = recent.map((n) => setTimeout(() => setHidden((h) => new Set(h).add(n.id)), 8000))
		return () => timers.forEach(clearTimeout)
	}, [recent])
	const visible = recent.filter((n) => !hidden.has(n.id)).slice(0, 3)
	if (visible.length === 0) return null
	return (
		<div className="fixed right-4 bottom-16 z-50 flex max-w-sm flex-col gap-2">
			{visible.map((n) => (
				<div
					key={n.id}
					role="status"
					className="bg-brand-800 rounded-md px-4 py-3 text-sm text-white shadow-lg"
					data-testid="live-notice"
				>
					<p className="font-semibold">{n.title}</p>
					{n.body ? <p className="text-brand-50 mt-1">{n.body}</p> : null}
				</div>
			))}
		</div>
	)
}

export default function App() {
	const data = useLoaderData<typeof loader>()
	return (
		<Document locale={data.locale} env={data.ENV}>
			<SocketProvider
				enabled={Boolean(data.user)}
				userId={data.userId}
				unread={data.unread}
				docking={data.docking}
			>
				<Layout user={data.user}>
					<Outlet />
				</Layout>
				<ToastMessage toast={data.toast} />
				<LiveNotice />
			</SocketProvider>
		</Document>
	)
}

export function ErrorBoundary() {
	const data = useRouteLoaderData<typeof loader>('root')
	return (
		<Document locale={data?.locale ?? 'zh-CN'}>
			<Layout user={data?.user ?? null}>
				<GeneralErrorBoundary />
			</Layout>
		</Document>
	)
}
