import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { PageHeader } from '#app/components/layout'
import { useLocale, useT } from '#app/i18n/use-t'
import { listClusters, listPublicFirms } from '#app/modules/firms/firms.server'
import { getRegion, REGIONS } from '#app/modules/firms/regions'

const FilterSchema = z.object({
	cluster: z.string().max(60).optional().catch(undefined),
	region: z.string().max(20).optional().catch(undefined),
	kind: z.enum(['SUPPLIER', 'BUYER']).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const filter = FilterSchema.parse(Object.fromEntries(url.searchParams))
	const [firms, clusters] = await Promise.all([
		listPublicFirms({ clusterSlug: filter.cluster || undefined, regionCode: filter.region || undefined, kind: filter.kind }),
		listClusters(),
	])
	return json({ firms, filter, clusters: clusters.map((c) => ({ slug: c.slug, name: c.name, nameEn: c.nameEn })) })
}

export default function FirmsRoute() {
	const { firms, filter, clusters } = useLoaderData<typeof loader>()
	const t = useT()
	const locale = useLocale()
	return (
		<div>
			<PageHeader title={t('firms.title')} lead={t('firms.lead')} />
			<Form method="GET" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
				<label className="flex flex-col gap-1 text-sm">
					<span className="font-medium">{t('firms.filter.cluster')}</span>
					<select name="cluster" defaultValue={filter.cluster ?? ''} className="rounded-md border border-slate-300 px-2 py-1.5">
						<option value="">{t('firms.filter.all')}</option>
						{clusters.map((c) => (
							<option key={c.slug} value={c.slug}>
								{locale === 'en' ? c.nameEn : c.name}
							</option>
						))}
					</select>
				</label>
				<label className="flex flex-col gap-1 text-sm">
					<span className="font-medium">{t('firms.filter.region')}</span>
					<select name="region" defaultValue={filter.region ?? ''} className="rounded-md border border-slate-300 px-2 py-1.5">
						<option value="">{t('firms.filter.all')}</option>
						{REGIONS.map((r) => (
							<option key={r.code} value={r.code}>
								{locale === 'en' ? r.nameEn : r.name}
							</option>
						))}
					</select>
				</label>
				<label className="flex flex-col gap-1 text-sm">
					<span className="font-medium">{t('firms.filter.kind')}</span>
					<select name="kind" defaultValue={filter.kind ?? ''} className="rounded-md border border-slate-300 px-2 py-1.5">
						<option value="">{t('firms.filter.all')}</option>
						<option value="SUPPLIER">{t('kind.SUPPLIER')}</option>
						<option value="BUYER">{t('kind.BUYER')}</option>
					</select>
				</label>
				<button type="submit" className="rounded-md bg-brand-700 px-4 py-1.5 text-sm font-semibold text-white">
					{t('firms.filter.apply')}
				</button>
			</Form>
			{firms.length === 0 ? (
				<p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">{t('firms.empty')}</p>
			) : (
				<ul className="grid gap-4 md:grid-cols-2">
					{firms.map((f) => (
						<li key={f.id} className="rounded-lg border border-slate-200 bg-white p-4">
							<div className="flex flex-wrap items-center gap-2">
								<Link to={`/firms/${f.id}`} className="font-semibold text-brand-800 hover:underline">
									{f.name}
								</Link>
								{f.isChainLeader ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t('firms.chainLeader')}</span> : null}
							</div>
							<p className="mt-1 text-xs text-slate-600">
								{t(`kind.${f.kind}`)} · {getRegion(f.regionCode)?.name ?? f.regionCode} · {f.clusters.map((c) => c.name).join('、')}
							</p>
							<p className="mt-2 line-clamp-2 text-sm text-slate-700">{f.description}</p>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
