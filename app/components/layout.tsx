import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useLocale, useT } from '#app/i18n/use-t'
import type { MessageKey } from '#app/i18n/zh'
import { useRealtime } from '#app/realtime/socket-provider'
import { cn } from '#app/utils/misc'

export type NavUser = {
	name: string
	role: 'SUPPLIER' | 'BUYER' | 'BUREAU' | 'ADMIN' | 'AUDITOR'
	firmName: string | null
	firmStatus: string | null
} | null

const NAV: Record<
	'anon' | 'SUPPLIER' | 'BUYER' | 'BUREAU' | 'ADMIN' | 'AUDITOR',
	Array<{ to: string; key: MessageKey }>
> = {
	anon: [
		{ to: '/', key: 'nav.home' },
		{ to: '/capabilities', key: 'nav.capabilities' },
		{ to: '/demands', key: 'nav.demands' },
		{ to: '/events', key: 'nav.events' },
		{ to: '/clusters', key: 'nav.clusters' },
		{ to: '/firms', key: 'nav.firms' },
	],
	SUPPLIER: [
		{ to: '/dashboard', key: 'nav.dashboard' },
		{ to: '/my/capabilities', key: 'nav.myCapabilities' },
		{ to: '/my/opportunities', key: 'nav.opportunities' },
		{ to: '/docking', key: 'nav.docking' },
		{ to: '/events', key: 'nav.events' },
		{ to: '/demands', key: 'nav.demands' },
		{ to: '/firm/profile', key: 'nav.profile' },
		{ to: '/firm/members', key: 'nav.members' },
		{ to: '/clusters', key: 'nav.clusters' },
		{ to: '/firms', key: 'nav.firms' },
	],
	BUYER: [
		{ to: '/dashboard', key: 'nav.dashboard' },
		{ to: '/my/demands', key: 'nav.myDemands' },
		{ to: '/docking', key: 'nav.docking' },
		{ to: '/targets', key: 'targetLists.nav' },
		{ to: '/events', key: 'nav.events' },
		{ to: '/capabilities', key: 'nav.capabilities' },
		{ to: '/firm/profile', key: 'nav.profile' },
		{ to: '/firm/members', key: 'nav.members' },
		{ to: '/clusters', key: 'nav.clusters' },
		{ to: '/firms', key: 'nav.firms' },
	],
	BUREAU: [
		{ to: '/dashboard', key: 'nav.dashboard' },
		{ to: '/bureau/verifications', key: 'nav.verifications' },
		{ to: '/bureau/monitor', key: 'nav.monitor' },
		{ to: '/bureau/chains', key: 'nav.chains' },
		{ to: '/targets', key: 'targetLists.nav' },
		{ to: '/bureau/follow-ups', key: 'targetLists.navFollowUps' },
		{ to: '/docking', key: 'nav.docking' },
		{ to: '/events', key: 'nav.events' },
		{ to: '/capabilities', key: 'nav.capabilities' },
		{ to: '/demands', key: 'nav.demands' },
		{ to: '/clusters', key: 'nav.clusters' },
		{ to: '/firms', key: 'nav.firms' },
	],
	ADMIN: [
		{ to: '/dashboard', key: 'nav.dashboard' },
		{ to: '/bureau/verifications', key: 'nav.verifications' },
		{ to: '/bureau/monitor', key: 'nav.monitor' },
		{ to: '/bureau/chains', key: 'nav.chains' },
		{ to: '/targets', key: 'targetLists.nav' },
		{ to: '/bureau/follow-ups', key: 'targetLists.navFollowUps' },
		{ to: '/docking', key: 'nav.docking' },
		{ to: '/events', key: 'nav.events' },
		{ to: '/capabilities', key: 'nav.capabilities' },
		{ to: '/demands', key: 'nav.demands' },
		{ to: '/clusters', key: 'nav.clusters' },
		{ to: '/firms', key: 'nav.firms' },
	],
	AUDITOR: [
		{ to: '/bureau/audit', key: 'nav.audit' },
		{ to: '/account', key: 'nav.account' },
	],
}

export function Layout({ user, children }: { user: NavUser; children: ReactNode }) {
	const t = useT()
	const locale = useLocale()
	const location = useLocation()
	const items = NAV[user?.role ?? 'anon']
	const redirectTo = `${location.pathname}${location.search}`
	return (
		<div className="flex min-h-screen flex-col">
			<a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:bg-white focus:p-2">
				跳到主要内容
			</a>
			<header className="border-b border-slate-200 bg-white">
				<div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
					<Link to="/" className="text-brand-800 text-lg font-bold">
						{t('app.name')}
					</Link>
					<nav aria-label={t('nav.main')} className="order-3 w-full md:order-none md:w-auto md:flex-1">
						<ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
							{items.map((item) => (
								<li key={item.to}>
									<NavLink
										to={item.to}
										end={item.to === '/'}
										className={({ isActive }) =>
											cn(
												'hover:text-brand-700 rounded px-1 py-0.5',
												isActive
													? 'text-brand-700 font-semibold underline underline-offset-4'
													: 'text-slate-700',
											)
										}
									>
										{t(item.key)}
										{item.to === '/docking' ? <DockingBadge /> : null}
									</NavLink>
								</li>
							))}
						</ul>
					</nav>
					<div className="ml-auto flex items-center gap-3 text-sm">
						<Form method="POST" action="/resources/locale" className="contents">
							<input type="hidden" name="locale" value={locale === 'en' ? 'zh-CN' : 'en'} />
							<input type="hidden" name="redirectTo" value={redirectTo} />
							<button
								type="submit"
								className="rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-100"
								lang={locale === 'en' ? 'zh-CN' : 'en'}
							>
								{t('nav.language')}
							</button>
						</Form>
						{user ? (
							<>
								<NotificationBell />
								<Link
									to="/account"
									className="hover:text-brand-700 hidden text-slate-700 sm:inline"
									title={t('nav.account')}
									data-testid="account-link"
								>
									{user.name}
									<span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
										{t(`role.${user.role}`)}
									</span>
								</Link>
								<Form method="POST" action="/logout" className="contents">
									<button type="submit" className="hover:text-brand-700 text-slate-700 underline">
										{t('nav.logout')}
									</button>
								</Form>
							</>
						) : (
							<>
								<Link to="/login" className="hover:text-brand-700 text-slate-800">
									{t('nav.login')}
								</Link>
								<Link
									to="/register"
									className="bg-brand-700 hover:bg-brand-800 rounded-md px-3 py-1.5 font-semibold text-white"
								>
									{t('nav.register')}
								</Link>
							</>
						)}
					</div>
				</div>
			</header>
			<main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
				{children}
			</main>
			<footer className="border-t border-slate-200 bg-white py-4 text-center text-xs text-slate-600">
				{t('footer.text')}
			</footer>
		</div>
	)
}

export function PageHeader({
	title,
	lead,
	actions,
}: {
	title: ReactNode
	lead?: ReactNode
	actions?: ReactNode
}) {
	return (
		<div className="mb-6 flex flex-wrap items-end justify-between gap-4">
			<div className="max-w-3xl">
				<h1 className="text-2xl font-bold text-slate-900">{title}</h1>
				{lead ? <p className="mt-1 text-slate-700">{lead}</p> : null}
			</div>
			{actions}
		</div>
	)
}

export function VerificationBadge({ status }: { status: 'PENDING' | 'VERIFIED' | 'REJECTED' }) {
	const t = useT()
	return (
		<span
			className={cn(
				'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold',
				status === 'VERIFIED' && 'bg-emerald-100 text-emerald-900',
				status === 'PENDING' && 'bg-amber-100 text-amber-900',
				status === 'REJECTED' && 'bg-red-100 text-red-900',
			)}
			data-testid="verification-badge"
		>
			{status === 'VERIFIED' ? '✓ ' : ''}
			{t(`status.${status}`)}
		</span>
	)
}

/** Unread docking messages plus requests waiting for the firm's answer. */
function DockingBadge() {
	const t = useT()
	const { docking } = useRealtime()
	const count = docking.unread + docking.pending
	if (count <= 0) return null
	return (
		<span
			className="ml-1 rounded-full bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white"
			data-testid="docking-badge"
		>
			{count > 99 ? '99+' : count}
			<span className="sr-only">{t('docking.badge', { count })}</span>
		</span>
	)
}

function NotificationBell() {
	const t = useT()
	const { unread } = useRealtime()
	return (
		<Link
			to="/notifications"
			className="relative inline-flex items-center rounded px-1.5 py-1 text-slate-700 hover:bg-slate-100"
			aria-label={t('notifications.bell', { count: unread })}
			data-testid="notification-bell"
		>
			<svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 fill-none stroke-current stroke-2">
				<path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
				<path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
			</svg>
			{unread > 0 ? (
				<span
					className="absolute -top-1 -right-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-semibold text-white"
					data-testid="unread-count"
				>
					{unread > 99 ? '99+' : unread}
				</span>
			) : null}
		</Link>
	)
}
