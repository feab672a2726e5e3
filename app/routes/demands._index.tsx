import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { labelFacets } from '#app/components/listings/facets'
import {
	daysUntil,
	formatDate,
	formatQuantity,
	formatRange,
	regionName,
} from '#app/components/listings/format'
import { Highlight } from '#app/components/listings/highlight'
import { NoResults, Pagination, SearchLayout, SearchUnavailable } from '#app/components/listings/search-page'
import { ChainLeaderBadge, VerifiedMark } from '#app/components/listings/status-badge'
import { createTranslator, localeFromCookieHeader } from '#app/i18n/i18n'
import { useLocale, useT } from '#app/i18n/use-t'
import { listClusters } from '#app/modules/firms/firms.server'
import { getUser } from '#app/utils/auth.server'
import { highlightParts, parseSearchParams, searchOrNull } from '#app/utils/listing-pages.server'
import { cn } from '#app/utils/misc'
import { searchDemands } from '#search/query.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	const t = createTranslator(data?.locale ?? 'zh-CN')
	return [{ title: `${t('demand.search.title')} · ${t('app.short')}` }]
}

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = localeFromCookieHeader(request.headers.get('cookie'))
	const { params, inputError } = parseSearchParams(request, ['relevance', 'newest', 'deadline'])
	const [user, clusters, result] = await Promise.all([
		getUser(request),
		listClusters(),
		searchOrNull(() => searchDemands(params)),
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
		canCreate: user?.role === 'BUYER' && !!user.firmId,
		unavailable: !result,
		total: result?.total ?? null,
		page: result?.page ?? params.page,
		pageCount: result?.pageCount ?? 0,
		facets: result ? labelFacets(result.facets, params, clusterInfo, locale) : null,
		hits: (result?.hits ?? []).map((hit) => ({
			id: hit.id,
			title: highlightParts(hit._formatted?.title, hit.title),
			snippet: highlightParts(hit._formatted?.description, hit.description),
			firmId: hit.firmId,
			firmName: hit.firmName,
			isChainLeader: hit.isChainLeader,
			regionCode: hit.regionCode,
			clusterName: hit.clusterName,
			chainNodeName: hit.chainNodeName,
			requiredCertifications: hit.requiredCertifications,
			quantityValue: hit.quantityValue,
			quantityUnit: hit.quantityUnit,
			budgetMin: hit.budgetMin,
			budgetMax: hit.budgetMax,
			budgetUnit: hit.budgetUnit,
			deadline: hit.deadline,
			daysLeft: daysUntil(hit.deadline),
			publishedAt: hit.publishedAt,
		})),
	})
}

export default function DemandsRoute() {
	const data = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<div>
			<PageHeader
				title={t('demand.search.title')}
				lead={t('demand.search.lead')}
				actions={
					data.canCreate ? (
						<Link
							to="/demands/new"
							className="bg-brand-700 hover:bg-brand-800 rounded-md px-4 py-2 text-sm font-semibold text-white"
						>
							{t('demand.new')}
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
				placeholder={t('demand.search.placeholder')}
				total={data.total}
				sortOptions={[
					{ value: 'relevance', label: t('search.sort.relevance') },
					{ value: 'newest', label: t('search.sort.newest') },
					{ value: 'deadline', label: t('search.sort.deadline') },
				]}
			>
				{data.unavailable ? (
					<SearchUnavailable />
				) : data.hits.length === 0 ? (
					<NoResults params={data.params} />
				) : (
					<>
						{!data.params.q && data.params.sort === 'newest' ? (
							<p className="text-sm text-slate-600">{t('search.showingNewest')}</p>
						) : null}
						<ol className="flex flex-col gap-4" data-testid="results">
							{data.hits.map((hit) => (
								<DemandCard key={hit.id} hit={hit} />
							))}
						</ol>
						<Pagination page={data.page} pageCount={data.pageCount} />
					</>
				)}
			</SearchLayout>
		</div>
	)
}

function DemandCard({ hit }: { hit: ReturnType<typeof useLoaderData<typeof loader>>['hits'][number] }) {
	const t = useT()
	const locale = useLocale()
	const budget = formatRange(hit.budgetMin, hit.budgetMax, hit.budgetUnit, locale)
	const quantity = formatQuantity(hit.quantityValue, hit.quantityUnit, locale)
	const days = hit.daysLeft
	return (
		<li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="result">
			<h3 className="text-lg font-semibold">
				<Link to={`/demands/${hit.id}`} className="text-brand-800 hover:underline">
					<Highlight parts={hit.title} />
				</Link>
			</h3>
			<p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700">
				<Link to={`/firms/${hit.firmId}`} className="font-medium text-slate-900 hover:underline">
					{hit.firmName}
				</Link>
				<VerifiedMark />
				{hit.isChainLeader ? <ChainLeaderBadge /> : null}
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
				{quantity ? (
					<div className="flex gap-1">
						<dt className="text-slate-600">{t('demand.quantity')}</dt>
						<dd className="font-medium">{quantity}</dd>
					</div>
				) : null}
				{budget ? (
					<div className="flex gap-1">
						<dt className="text-slate-600">{t('demand.budget')}</dt>
						<dd className="font-medium">{budget}</dd>
					</div>
				) : null}
				<div className="flex gap-1">
					<dt className="text-slate-600">{t('demand.deliveryRegion')}</dt>
					<dd>{regionName(hit.regionCode, locale)}</dd>
				</div>
				{hit.deadline ? (
					<div className="flex gap-1">
						<dt className="text-slate-600">{t('demand.deadline')}</dt>
						<dd className={cn(days !== null && days <= 7 && 'font-semibold text-red-800')}>
							{formatDate(hit.deadline)}
							{days !== null && days >= 0
								? ` (${t('demand.daysLeft', { days })})`
								: days !== null
									? ` (${t('demand.expired')})`
									: ''}
						</dd>
					</div>
				) : null}
			</dl>
			{hit.requiredCertifications.length ? (
				<ul className="mt-2 flex flex-wrap gap-1.5 text-xs" aria-label={t('demand.requiredCertifications')}>
					{hit.requiredCertifications.map((c) => (
						<li key={c} className="rounded border border-sky-200 bg-sky-50 px-1.5 py-0.5 text-sky-900">
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
