import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { labelFacets } from '#app/components/listings/facets'
import { formatCapacity, formatDate, regionName } from '#app/components/listings/format'
import { Highlight } from '#app/components/listings/highlight'
import { NoResults, Pagination, SearchLayout, SearchUnavailable } from '#app/components/listings/search-page'
import { VerifiedMark } from '#app/components/listings/status-badge'
import { createTranslator, localeFromCookieHeader } from '#app/i18n/i18n'
import { useLocale, useT } from '#app/i18n/use-t'
import { listClusters } from '#app/modules/firms/firms.server'
import { getUser } from '#app/utils/auth.server'
import { highlightParts, parseSearchParams, searchOrNull } from '#app/utils/listing-pages.server'
import { searchCapabilities } from '#search/query.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	const t = createTranslator(data?.locale ?? 'zh-CN')
	return [{ title: `${t('capability.search.title')} · ${t('app.short')}` }]
}

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = localeFromCookieHeader(request.headers.get('cookie'))
	const { params, inputError } = parseSearchParams(request, ['relevance', 'newest'])
	const [user, clusters, result] = await Promise.all([
		getUser(request),
		listClusters(),
		searchOrNull(() => searchCapabilities(params)),
	])
	const clusterInfo = clusters.map((c) => ({
		slug: c.slug,
		name: c.name,
		nameEn: c.nameEn,
		nodes: c.chainNodes,
	}))
	return json({
		locale,
		params,
		inputError,
		canCreate: user?.role === 'SUPPLIER' && !!user.firmId,
		unavailable: !result,
		total: result?.total ?? null,
		page: result?.page ?? params.page,
		pageCount: result?.pageCount ?? 0,
		facets: result ? labelFacets(result.facets, params, clusterInfo, locale) : null,
		hits: (result?.hits ?? []).map((hit) => ({
			id: hit.id,
			title: highlightParts(hit._formatted?.title, hit.title),
			snippet: highlightParts(hit._formatted?.description, hit.description),
			tags: hit.tags,
			firmId: hit.firmId,
			firmName: hit.firmName,
			regionCode: hit.regionCode,
			clusterName: hit.clusterName,
			chainNodeName: hit.chainNodeName,
			certifications: hit.certifications,
			capacityValue: hit.capacityValue,
			capacityUnit: hit.capacityUnit,
			capacityPeriod: hit.capacityPeriod,
			leadTimeDays: hit.leadTimeDays,
			publishedAt: hit.publishedAt,
		})),
	})
}

export default function CapabilitiesRoute() {
	const data = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<div>
			<PageHeader
				title={t('capability.search.title')}
				lead={t('capability.search.lead')}
				actions={
					data.canCreate ? (
						<Link
							to="/capabilities/new"
							className="bg-brand-700 hover:bg-brand-800 rounded-md px-4 py-2 text-sm font-semibold text-white"
						>
							{t('capability.new')}
						</Link>
					) : null
				}
			/>
			{data.inputError ? (
				<p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
					{t(data.inputError)}
				</p>
			) : null}
			<SearchLayout
				params={data.params}
				facets={data.facets}
				placeholder={t('capability.search.placeholder')}
				total={data.total}
				sortOptions={[
					{ value: 'relevance', label: t('search.sort.relevance') },
					{ value: 'newest', label: t('search.sort.newest') },
				]}
			>
				{data.unavailable ? (
					<SearchUnavailable />
				) : data.hits.length === 0 ? (
					<NoResults params={data.params} />
				) : (
					<>
						{!data.params.q ? <p className="text-sm text-slate-600">{t('search.showingNewest')}</p> : null}
						<ol className="flex flex-col gap-4" data-testid="results">
							{data.hits.map((hit) => (
								<CapabilityCard key={hit.id} hit={hit} />
							))}
						</ol>
						<Pagination page={data.page} pageCount={data.pageCount} />
					</>
				)}
			</SearchLayout>
		</div>
	)
}

function CapabilityCard({ hit }: { hit: ReturnType<typeof useLoaderData<typeof loader>>['hits'][number] }) {
	const t = useT()
	const locale = useLocale()
	const capacity = formatCapacity(hit, t, locale)
	return (
		<li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="result">
			<h3 className="text-lg font-semibold">
				<Link to={`/capabilities/${hit.id}`} className="text-brand-800 hover:underline">
					<Highlight parts={hit.title} />
				</Link>
			</h3>
			<p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700">
				<Link to={`/firms/${hit.firmId}`} className="font-medium text-slate-900 hover:underline">
					{hit.firmName}
				</Link>
				<VerifiedMark />
				<span>· {regionName(hit.regionCode, locale)}</span>
				{hit.chainNodeName ? (
					<span>· {hit.chainNodeName}</span>
				) : hit.clusterName ? (
					<span>· {hit.clusterName}</span>
				) : null}
			</p>
			{hit.snippet.length ? (
				<p className="mt-2 text-sm text-slate-800">
					<Highlight parts={hit.snippet} />
				</p>
			) : null}
			<dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
				{capacity ? (
					<div className="flex gap-1">
						<dt className="text-slate-600">{t('capability.capacity')}</dt>
						<dd className="font-medium">{capacity}</dd>
					</div>
				) : null}
				{hit.leadTimeDays != null ? (
					<div className="flex gap-1">
						<dt className="text-slate-600">{t('capability.leadTime')}</dt>
						<dd className="font-medium">{t('listing.days', { days: hit.leadTimeDays })}</dd>
					</div>
				) : null}
				{hit.publishedAt ? (
					<div className="flex gap-1">
						<dt className="text-slate-600">{t('listing.publishedAt')}</dt>
						<dd>{formatDate(hit.publishedAt)}</dd>
					</div>
				) : null}
			</dl>
			{hit.certifications.length ? (
				<ul className="mt-2 flex flex-wrap gap-1.5 text-xs" aria-label={t('capability.certifications')}>
					{hit.certifications.map((c) => (
						<li
							key={c}
							className="rounded border border-emerald-200 bg-emerald-50 px-1.5 py-0.5 text-emerald-900"
						>
							{c}
						</li>
					))}
				</ul>
			) : null}
		</li>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
