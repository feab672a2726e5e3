import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageHeader } from '#app/components/layout'
import { useLocale, useT } from '#app/i18n/use-t'
import { listClusters } from '#app/modules/firms/firms.server'

export async function loader() {
	return json({ clusters: await listClusters() })
}

const STAGES = ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM'] as const

export default function ClustersRoute() {
	const { clusters } = useLoaderData<typeof loader>()
	const t = useT()
	const locale = useLocale()
	return (
		<div>
			<PageHeader title={t('clusters.title')} lead={t('home.clustersLead')} />
			<div className="flex flex-col gap-6">
				{clusters.map((c) => (
					<section key={c.id} id={c.slug} aria-labelledby={`h-${c.slug}`} className="rounded-lg border border-slate-200 bg-white p-5">
						<div className="flex flex-wrap items-baseline justify-between gap-2">
							<h2 id={`h-${c.slug}`} className="text-lg font-bold">
								{locale === 'en' ? c.nameEn : c.name}
							</h2>
							<Link to={`/firms?cluster=${c.slug}`} className="text-sm text-brand-700 underline">
								{t('clusters.firms')}：{c._count.firms}
							</Link>
						</div>
						<p className="mt-1 text-sm text-slate-700">{c.summary}</p>
						<div className="mt-4 grid gap-3 md:grid-cols-3">
							{STAGES.map((stage) => {
								const top = c.chainNodes.filter((n) => n.stage === stage && !n.parentId)
								return (
									<div key={stage} className="rounded-md bg-slate-50 p-3">
										<h3 className="text-sm font-semibold text-brand-800">{t(`stage.${stage}`)}</h3>
										<ul className="mt-2 flex flex-col gap-1 text-sm">
											{top.map((n) => {
												const children = c.chainNodes.filter((k) => k.parentId === n.id)
												return (
													<li key={n.id}>
														{n.name}
														{children.length ? <span className="text-slate-600">（{children.map((k) => k.name).join('、')}）</span> : null}
													</li>
												)
											})}
										</ul>
									</div>
								)
							})}
						</div>
					</section>
				))}
			</div>
		</div>
	)
}
