import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { VerificationBadge } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { getPublicFirm } from '#app/modules/firms/firms.server'
import { getRegion } from '#app/modules/firms/regions'
import { getUser } from '#app/utils/auth.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.firm.name} · 企业名录` : '企业名录' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const firm = await getPublicFirm(params.firmId ?? '')
	if (!firm) throw new Response('Not found', { status: 404 })
	// Unverified firms are visible only to their own members and to bureau staff.
	if (firm.verificationStatus !== 'VERIFIED') {
		const user = await getUser(request)
		const allowed = user && (user.firmId === firm.id || user.role === 'BUREAU' || user.role === 'ADMIN')
		if (!allowed) throw new Response('Not found', { status: 404 })
	}
	return json({ firm, region: getRegion(firm.regionCode)?.name ?? firm.regionCode })
}

export default function FirmRoute() {
	const { firm, region } = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<article className="flex flex-col gap-6">
			<header className="rounded-lg border border-slate-200 bg-white p-5">
				<div className="flex flex-wrap items-center gap-3">
					<h1 className="text-2xl font-bold">{firm.name}</h1>
					<VerificationBadge status={firm.verificationStatus} />
					{firm.isChainLeader ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">{t('firms.chainLeader')}</span> : null}
				</div>
				<p className="mt-1 text-sm text-slate-700">
					{t(`kind.${firm.kind}`)} · {t('firm.region')}：{region}
				</p>
				{firm.verificationStatus === 'VERIFIED' && firm.verifiedAt ? (
					<p className="mt-1 text-xs text-slate-600">
						{t('firm.verifiedOn')} {new Date(firm.verifiedAt).toLocaleDateString('zh-CN')}
					</p>
				) : (
					<p className="mt-1 text-xs text-amber-800">{t('firm.notVerified')}</p>
				)}
			</header>
			<div className="grid gap-6 md:grid-cols-3">
				<section className="rounded-lg border border-slate-200 bg-white p-5 md:col-span-2" aria-labelledby="about">
					<h2 id="about" className="font-semibold">
						{t('firm.description')}
					</h2>
					<p className="mt-2 whitespace-pre-line text-slate-800">{firm.description || t('common.none')}</p>
					<h2 className="mt-5 font-semibold">{t('firm.clusters')}</h2>
					<p className="mt-1 text-sm">{firm.clusters.map((c) => c.name).join('、') || t('common.none')}</p>
					<h2 className="mt-5 font-semibold">{t('firm.chainNodes')}</h2>
					<ul className="mt-1 flex flex-wrap gap-2 text-sm">
						{firm.chainNodes.length
							? firm.chainNodes.map((n) => (
									<li key={n.id} className="rounded bg-slate-100 px-2 py-0.5">
										{t(`stage.${n.stage}`)} · {n.name}
									</li>
								))
							: t('common.none')}
					</ul>
					<h2 className="mt-5 font-semibold">{t('firm.certifications')}</h2>
					<ul className="mt-1 flex flex-wrap gap-2 text-sm">
						{firm.certifications.length
							? firm.certifications.map((c) => (
									<li key={c} className="rounded border border-emerald-200 bg-emerald-50 px-2 py-0.5 text-emerald-900">
										{c}
									</li>
								))
							: t('common.none')}
					</ul>
				</section>
				<aside className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="contact">
					<h2 id="contact" className="font-semibold">
						{t('firm.contact')}
					</h2>
					<dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
						<dt className="text-slate-600">{t('firm.contactName')}</dt>
						<dd data-testid="contact-name">{firm.contactNameMasked}</dd>
						<dt className="text-slate-600">{t('firm.contactPhone')}</dt>
						<dd data-testid="contact-phone">{firm.contactPhoneMasked}</dd>
					</dl>
					<p className="mt-3 text-xs text-slate-600">{t('firm.contactMasked')}</p>
				</aside>
			</div>
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
