import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '#app/i18n/use-t'
import { listClusters } from '#app/modules/firms/firms.server'

export async function loader() {
	const clusters = await listClusters()
	return json({
		clusters: clusters.map((c) => ({
			slug: c.slug,
			name: c.name,
			nameEn: c.nameEn,
			summary: c.summary,
			nodes: c.chainNodes.length,
			firms: c._count.firms,
		})),
	})
}

export default function Index() {
	const { clusters } = useLoaderData<typeof loader>()
	const t = useT()
	const locale = useLocale()
	const steps = [1, 2, 3, 4] as const
	return (
		<div className="flex flex-col gap-10">
			<section className="rounded-xl bg-brand-800 px-6 py-10 text-white md:px-10">
				<h1 className="text-3xl font-bold md:text-4xl">{t('home.title')}</h1>
				<p className="mt-4 max-w-3xl text-lg leading-relaxed text-brand-50">{t('home.lead')}</p>
				<div className="mt-6 flex flex-wrap gap-3">
					<Link to="/register?kind=SUPPLIER" className="rounded-md bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50">
						{t('home.cta.supplier')}
					</Link>
					<Link to="/register?kind=BUYER" className="rounded-md border border-white px-4 py-2 font-semibold text-white hover:bg-brand-700">
						{t('home.cta.buyer')}
					</Link>
				</div>
			</section>
			<section aria-labelledby="how">
				<h2 id="how" className="mb-4 text-xl font-bold">
					{t('home.how')}
				</h2>
				<ol className="grid gap-4 md:grid-cols-4">
					{steps.map((n) => (
						<li key={n} className="rounded-lg border border-slate-200 bg-white p-4">
							<p className="text-sm font-semibold text-brand-700">{n}</p>
							<h3 className="mt-1 font-semibold">{t(`home.step${n}.title`)}</h3>
							<p className="mt-1 text-sm text-slate-700">{t(`home.step${n}.text`)}</p>
						</li>
					))}
				</ol>
			</section>
			<section aria-labelledby="clusters">
				<h2 id="clusters" className="text-xl font-bold">
					{t('home.clusters')}
				</h2>
				<p className="mb-4 text-sm text-slate-700">{t('home.clustersLead')}</p>
				<ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
					{clusters.map((c) => (
						<li key={c.slug} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4">
							<h3 className="font-semibold">
								<Link to={`/clusters#${c.slug}`} className="hover:text-brand-700">
									{locale === 'en' ? c.nameEn : c.name}
								</Link>
							</h3>
							<p className="mt-1 flex-1 text-sm text-slate-700">{c.summary}</p>
							<p className="mt-3 text-xs text-slate-600">
								{c.firms} {t('home.verifiedFirms')} · {c.nodes} {t('home.nodes')}
							</p>
						</li>
					))}
				</ul>
			</section>
		</div>
	)
}
