import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useT } from '#app/i18n/use-t'
import { cn } from '#app/utils/misc'
import { FacetGroup } from './facet-list'
import type { LabelledFacets } from './facets'

export const SEARCH_FORM_ID = 'listing-search'

export type SearchState = {
	q: string
	cluster: string[]
	node: string[]
	region: string[]
	cert: string[]
	sort: string
	page: number
}

export function hasFilters(params: SearchState) {
	return params.cluster.length + params.node.length + params.region.length + params.cert.length > 0
}

/** The GET form: query box on top, facets in the sidebar; results render beside it as children. */
export function SearchLayout({
	params,
	facets,
	placeholder,
	sortOptions,
	total,
	children,
}: {
	params: SearchState
	facets: LabelledFacets | null
	placeholder: string
	sortOptions: Array<{ value: string; label: string }>
	total: number | null
	children: ReactNode
}) {
	const t = useT()
	const navigation = useNavigation()
	const location = useLocation()
	const searching = navigation.state === 'loading' && navigation.location.pathname === location.pathname
	return (
		<div className="flex flex-col gap-4">
			<Form
				method="GET"
				id={SEARCH_FORM_ID}
				role="search"
				aria-label={t('search.label')}
				className="flex flex-wrap gap-2"
			>
				<label htmlFor="search-q" className="sr-only">
					{t('search.label')}
				</label>
				<input
					id="search-q"
					key={params.q}
					type="search"
					name="q"
					defaultValue={params.q}
					placeholder={placeholder}
					maxLength={200}
					className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
				/>
				<button
					type="submit"
					className="bg-brand-700 hover:bg-brand-800 rounded-md px-5 py-2 text-sm font-semibold text-white"
				>
					{t('search.submit')}
				</button>
			</Form>
			<div className="grid gap-6 md:grid-cols-[15rem_1fr]">
				<aside
					aria-label={t('search.filters')}
					className="flex flex-col gap-5 self-start rounded-lg border border-slate-200 bg-white p-4"
				>
					{facets ? (
						// Keyed by the URL so checkboxes reset when a link (not the form) changes the filters.
						<div key={location.search} className="flex flex-col gap-5">
							<FacetGroup
								legend={t('search.facet.cluster')}
								name="cluster"
								options={facets.cluster}
								selected={params.cluster}
								form={SEARCH_FORM_ID}
							/>
							<FacetGroup
								legend={t('search.facet.node')}
								name="node"
								options={facets.node}
								selected={params.node}
								form={SEARCH_FORM_ID}
							/>
							<FacetGroup
								legend={t('search.facet.region')}
								name="region"
								options={facets.region}
								selected={params.region}
								form={SEARCH_FORM_ID}
							/>
							<FacetGroup
								legend={t('search.facet.cert')}
								name="cert"
								options={facets.cert}
								selected={params.cert}
								form={SEARCH_FORM_ID}
							/>
						</div>
					) : null}
					{facets && !Object.values(facets).some((f) => f.length) ? (
						<p className="text-sm text-slate-600">{t('search.noFacets')}</p>
					) : null}
					<div className="flex flex-wrap items-center gap-3">
						{/* Without JavaScript the checkboxes need an explicit submit. */}
						<button
							type="submit"
							form={SEARCH_FORM_ID}
							className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100"
						>
							{t('search.applyFilters')}
						</button>
						{hasFilters(params) ? (
							<Link
								to={params.q ? `?q=${encodeURIComponent(params.q)}` : '?'}
								className="text-brand-700 text-sm underline"
							>
								{t('search.clearFilters')}
							</Link>
						) : null}
					</div>
				</aside>
				<section
					aria-labelledby="results-heading"
					aria-busy={searching || undefined}
					className={cn('flex flex-col gap-4', searching && 'opacity-70')}
				>
					<div className="flex flex-wrap items-center justify-between gap-3">
						<h2
							id="results-heading"
							className="text-sm text-slate-700"
							aria-live="polite"
							data-testid="result-total"
						>
							{total === null
								? t('search.results')
								: params.q
									? t('search.totalFor', { total, q: params.q })
									: t('search.total', { total })}
						</h2>
						<label className="flex items-center gap-2 text-sm">
							<span>{t('search.sort')}</span>
							<select
								name="sort"
								form={SEARCH_FORM_ID}
								defaultValue={params.sort}
								key={params.sort}
								onChange={(e) => e.currentTarget.form?.requestSubmit()}
								className="rounded-md border border-slate-300 bg-white px-2 py-1.5"
							>
								{sortOptions.map((o) => (
									<option key={o.value} value={o.value}>
										{o.label}
									</option>
								))}
							</select>
						</label>
					</div>
					{children}
				</section>
			</div>
		</div>
	)
}

export function SearchUnavailable() {
	const t = useT()
	return (
		<div
			role="alert"
			className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950"
			data-testid="search-unavailable"
		>
			<p className="font-semibold">{t('search.unavailable')}</p>
			<p className="mt-1 text-sm">{t('search.unavailableHint')}</p>
		</div>
	)
}

export function NoResults({ params }: { params: SearchState }) {
	const t = useT()
	return (
		<div
			className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700"
			data-testid="no-results"
		>
			<p className="font-semibold">{t('search.noResults')}</p>
			{hasFilters(params) ? (
				<p className="mt-2 text-sm">
					{t('search.noResultsFilters')}{' '}
					<Link
						to={params.q ? `?q=${encodeURIComponent(params.q)}` : '?'}
						className="text-brand-700 underline"
					>
						{t('search.clearFilters')}
					</Link>
				</p>
			) : params.q ? (
				<p className="mt-2 text-sm">{t('search.noResultsQuery')}</p>
			) : (
				<p className="mt-2 text-sm">{t('search.nothingYet')}</p>
			)}
		</div>
	)
}

export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
	const t = useT()
	const location = useLocation()
	if (pageCount <= 1) return null
	const href = (p: number) => {
		const params = new URLSearchParams(location.search)
		if (p === 1) params.delete('page')
		else params.set('page', String(p))
		const query = params.toString()
		return query ? `?${query}` : '?'
	}
	const first = Math.max(1, Math.min(page - 2, pageCount - 4))
	const pages = Array.from({ length: Math.min(5, pageCount) }, (_, i) => first + i)
	const linkClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100'
	return (
		<nav aria-label={t('search.pagination')} className="flex flex-wrap items-center gap-2 text-sm">
			{page > 1 ? (
				<Link to={href(page - 1)} rel="prev" className={linkClass}>
					{t('search.prev')}
				</Link>
			) : null}
			{pages.map((p) =>
				p === page ? (
					<span
						key={p}
						aria-current="page"
						className="bg-brand-700 rounded-md px-3 py-1.5 font-semibold text-white"
					>
						{p}
					</span>
				) : (
					<Link key={p} to={href(p)} className={linkClass} aria-label={t('search.pageN', { page: p })}>
						{p}
					</Link>
				),
			)}
			{page < pageCount ? (
				<Link to={href(page + 1)} rel="next" className={linkClass}>
					{t('search.next')}
				</Link>
			) : null}
			<span className="text-slate-600">{t('search.pageOf', { page, pageCount })}</span>
		</nav>
	)
}
