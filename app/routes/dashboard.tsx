import { json, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageHeader, VerificationBadge } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { prisma } from '#app/utils/db.server'
import { requireUser } from '#app/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	if (user.role === 'AUDITOR') throw redirect('/bureau/audit')
	if (user.role === 'BUREAU' || user.role === 'ADMIN') {
		const pending = await prisma.firm.count({ where: { verificationStatus: 'PENDING' } })
		return json({ kind: 'staff' as const, name: user.name, pending })
	}
	const firm = user.firmId
		? await prisma.firm.findUnique({ where: { id: user.firmId }, select: { name: true, verificationStatus: true, verificationNote: true } })
		: null
	const matches = user.firmId
		? await prisma.matchSuggestion.count({
				where:
					user.role === 'BUYER'
						? { demand: { firmId: user.firmId, status: 'PUBLISHED' }, status: { not: 'DISMISSED' } }
						: { capability: { firmId: user.firmId }, demand: { status: 'PUBLISHED', hiddenAt: null } },
			})
		: 0
	return json({ kind: 'firm' as const, name: user.name, role: user.role, firm, matches })
}

export default function DashboardRoute() {
	const data = useLoaderData<typeof loader>()
	const t = useT()
	if (data.kind === 'staff') {
		return (
			<div>
				<PageHeader title={t('dashboard.title')} lead={t('dashboard.welcome', { name: data.name })} />
				<section className="max-w-md rounded-lg border border-slate-200 bg-white p-5">
					<h2 className="font-semibold">{t('dashboard.bureau.pending')}</h2>
					<p className="mt-2 text-3xl font-bold text-brand-800" data-testid="pending-count">
						{data.pending}
					</p>
					<Link to="/bureau/verifications" className="mt-3 inline-block text-brand-700 underline">
						{t('dashboard.bureau.review')}
					</Link>
				</section>
			</div>
		)
	}
	const firm = data.firm
	return (
		<div className="flex flex-col gap-6">
			<PageHeader title={t('dashboard.title')} lead={t('dashboard.welcome', { name: data.name })} />
			{firm ? (
				<section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="status">
					<div className="flex flex-wrap items-center gap-3">
						<h2 id="status" className="font-semibold">
							{firm.name}
						</h2>
						<VerificationBadge status={firm.verificationStatus} />
					</div>
					<p className="mt-2 text-slate-800">
						{firm.verificationStatus === 'VERIFIED'
							? t('dashboard.verified')
							: firm.verificationStatus === 'REJECTED'
								? t('dashboard.rejected', { reason: firm.verificationNote })
								: t('dashboard.pending')}
					</p>
					<div className="mt-4 flex flex-wrap gap-3">
						<Link to="/firm/profile" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
							{t('dashboard.editProfile')}
						</Link>
						<Link to="/firm/members" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold">
							{t('dashboard.inviteColleagues')}
						</Link>
					</div>
				</section>
			) : null}
			<section className="rounded-lg border border-slate-200 bg-white p-5">
				{data.matches > 0 ? (
					<p className="mb-3 rounded-md bg-brand-50 p-3 text-brand-800" data-testid="match-summary">
						{data.role === 'BUYER' ? t('dashboard.matches.buyer', { count: data.matches }) : t('dashboard.matches.supplier', { count: data.matches })}{' '}
						<Link to={data.role === 'BUYER' ? '/my/demands' : '/my/opportunities'} className="font-semibold underline">
							{t('dashboard.matches.view')}
						</Link>
					</p>
				) : null}
				<h2 className="font-semibold">{t('dashboard.next')}</h2>
				<p className="mt-2 text-slate-700">{data.role === 'BUYER' ? t('dashboard.next.buyer') : t('dashboard.next.supplier')}</p>
				<div className="mt-4 flex flex-wrap gap-3">
					{data.role === 'BUYER' ? (
						<>
							<Link to="/demands/new" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
								{t('demand.new')}
							</Link>
							<Link to="/my/demands" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold">
								{t('nav.myDemands')}
							</Link>
							<Link to="/capabilities" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold">
								{t('dashboard.browseCapabilities')}
							</Link>
						</>
					) : (
						<>
							<Link to="/capabilities/new" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
								{t('capability.new')}
							</Link>
							<Link to="/my/capabilities" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold">
								{t('nav.myCapabilities')}
							</Link>
							<Link to="/demands" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold">
								{t('dashboard.browseDemands')}
							</Link>
						</>
					)}
				</div>
			</section>
		</div>
	)
}
