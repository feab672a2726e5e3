import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { FacetGroup, type FacetOption } from '#app/components/listings/facet-list'
import { regionName } from '#app/components/listings/format'
import { Highlight } from '#app/components/listings/highlight'
import { Pagination, SearchUnavailable } from '#app/components/listings/search-page'
import { VerifiedMark } from '#app/components/listings/status-badge'
import { createTranslator, isMessageKey, localeFromCookieHeader, type Translate } from '#app/i18n/i18n'
import { useLocale, useT } from '#app/i18n/use-t'
import {
	catalogueAccess,
	ParticipantSearchSchema,
	searchParticipants,
	suggestedCounterparts,
	type ParticipantSearchParams,
} from '#app/modules/events/catalogue.server'
import { listClusters } from '#app/modules/firms/firms.server'
import { requireUser } from '#app/utils/auth.server'
import { highlightParts, searchOrNull } from '#app/utils/listing-pages.server'
import { cn } from '#app/utils/misc'
import { searchParamsToObject } from '#search/query.server'

const FORM_ID = 'participant-search'

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	const t = createTranslator(data?.locale ?? 'zh-CN')
	return [
		{
			title: data ? t('eventsCatalogue.metaTitle', { event: data.event.title }) : t('eventsCatalogue.title'),
		},
	]
}

type Facets = Record<'side' | 'cluster' | 'area' | 'chainLeader', Record<string, number>>

/** Facet counts as labelled checkbox options; selected values stay listed (count 0) so they can be unchecked. */
function labelFacets(
	raw: Facets,
	params: ParticipantSearchParams,
	clusterNames: Map<string, string>,
	t: Translate,
): Record<'side' | 'cluster' | 'area' | 'chainLeader', FacetOption[]> {
	const options = (facet: 'side' | 'cluster' | 'area', label: (value: string) => string) => {
		const counts = { ...raw[facet] }
		for (const value of params[facet]) counts[value] ??= 0
		return Object.entries(counts)
			.filter(([value, count]) => count > 0 || (params[facet] as string[]).includes(value))
			.map(([value, count]) => ({ value, count, label: label(value) }))
			.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'))
	}
	const leaders = raw.chainLeader['true'] ?? 0
	return {
		side: options('side', (v) => t(`eventsCatalogue.side.${v}`)),
		cluster: options('cluster', (v) => clusterNames.get(v) ?? v),
		area: options('area', (v) => t(`eventsCatalogue.area.${v}`)),
		chainLeader:
			leaders > 0 || params.chainLeader
				? [{ value: '1', count: leaders, label: t('eventsCatalogue.chainLeaderOnly') }]
				: [],
	}
}

export async function loader({ request, params: routeParams }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const eventId = routeParams.eventId ?? ''
	const access = await catalogueAccess(user, eventId)
	if (!access) throw new Response('Not Found', { status: 404 })
	const locale = localeFromCookieHeader(request.headers.get('cookie'))
	const t = createTranslator(locale)
	const parsed = ParticipantSearchSchema.safeParse(searchParamsToObject(new URL(request.url).searchParams))
	const params = parsed.success ? parsed.data : ParticipantSearchSchema.parse({})
	const issue = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'err.invalid')
	const [clusters, result, suggestions] = await Promise.all([
		listClusters(),
		searchOrNull(() => searchParticipants(eventId, params)),
		access.registration && user.firmId ? suggestedCounterparts(eventId, user.firmId) : Promise.resolve([]),
	])
	const clusterNames = new Map(clusters.map((c) => [c.slug, locale === 'en' ? c.nameEn : c.name]))
	const mySide = access.registration?.side ?? null
	return json(
		{
			locale,
			event: { id: access.event.id, title: access.event.title },
			params,
			inputError: issue === null ? null : isMessageKey(issue) ? issue : 'err.invalid',
			mySide,
			myFirmId: access.staff ? null : user.firmId,
			unavailable: !result,
			total: result?.total ?? null,
			page: result?.page ?? params.page,
			pageCount: result?.pageCount ?? 0,
			facets: result ? labelFacets(result.facets, params, clusterNames, t) : null,
			hits: (result?.hits ?? []).map((hit) => {
				const titles = Array.isArray(hit._formatted?.listingTitles) ? hit._formatted.listingTitles : []
				return {
					id: hit.id,
					firmId: hit.firmId,
					firmName: highlightParts(hit._formatted?.firmName, hit.firmName),
					side: hit.side,
					isChainLeader: hit.isChainLeader,
					regionCode: hit.regionCode,
					clusterNames: hit.clusterNames,
					pitch: highlightParts(hit._formatted?.pitch, hit.pitch),
					listings: hit.listings.map((l, i) => ({
						...l,
						title: highlightParts(titles[i], l.title),
					})),
					canRequest: !!mySide && hit.side !== mySide && hit.firmId !== user.firmId,
				}
			}),
			suggestions: access.registration ? suggestions : null,
		},
		{ headers: { 'Cache-Control': 'private, no-store' } },
	)
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function hasFilters(params: ParticipantSearchParams) {
	return params.side.length + params.cluster.length + params.area.length > 0 || params.chainLeader
}

export default function EventParticipantsRoute() {
	const data = useLoaderData<typeof loader>()
	const t = useT()
	const navigation = useNavigation()
	const location = useLocation()
	const searching = navigation.state === 'loading' && navigation.location.pathname === location.pathname
	const clearHref = data.params.q ? `?q=${encodeURIComponent(data.params.q)}` : '?'
	return (
		<div>
			<PageHeader
				title={t('eventsCatalogue.title')}
				lead={
					<>
						<span className="font-semibold">{data.event.title}</span> · {t('eventsCatalogue.lead')}
					</>
				}
				actions={
					<Link to={`/events/${data.event.id}`} className="text-brand-700 text-sm underline">
						{t('eventsCatalogue.back')}
					</Link>
				}
			/>
			{data.inputError ? (
				<p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
					{t(data.inputError)}
				</p>
			) : null}
			{data.suggestions ? (
				<Suggestions eventId={data.event.id} mySide={data.mySide} suggestions={data.suggestions} />
			) : null}
			<div className="flex flex-col gap-4">
				<Form
					method="GET"
					id={FORM_ID}
					role="search"
					aria-label={t('search.label')}
					className="flex flex-wrap gap-2"
				>
					<label htmlFor="participant-q" className="sr-only">
						{t('search.label')}
					</label>
					<input
						id="participant-q"
						key={data.params.q}
						type="search"
						name="q"
						defaultValue={data.params.q}
						placeholder={t('eventsCatalogue.placeholder')}
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
						{data.facets ? (
							<div key={location.search} className="flex flex-col gap-5">
								<FacetGroup
									legend={t('eventsCatalogue.facet.side')}
									name="side"
									options={data.facets.side}
									selected={data.params.side}
									form={FORM_ID}
								/>
								<FacetGroup
									legend={t('eventsCatalogue.facet.cluster')}
									name="cluster"
									options={data.facets.cluster}
									selected={data.params.cluster}
									form={FORM_ID}
								/>
								<FacetGroup
									legend={t('eventsCatalogue.facet.area')}
									name="area"
									options={data.facets.area}
									selected={data.params.area}
									form={FORM_ID}
								/>
								<FacetGroup
									legend={t('eventsCatalogue.facet.chainLeader')}
									name="chainLeader"
									options={data.facets.chainLeader}
									selected={data.params.chainLeader ? ['1'] : []}
									form={FORM_ID}
								/>
							</div>
						) : null}
						<div className="flex flex-wrap items-center gap-3">
							<button
								type="submit"
								form={FORM_ID}
								className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100"
							>
								{t('search.applyFilters')}
							</button>
							{hasFilters(data.params) ? (
								<Link to={clearHref} className="text-brand-700 text-sm underline">
									{t('search.clearFilters')}
								</Link>
							) : null}
						</div>
					</aside>
					<section
						aria-labelledby="participants-heading"
						aria-busy={searching || undefined}
						className={cn('flex flex-col gap-4', searching && 'opacity-70')}
					>
						<h2
							id="participants-heading"
							className="text-sm text-slate-700"
							aria-live="polite"
							data-testid="result-total"
						>
							{data.total === null
								? t('eventsCatalogue.results')
								: data.params.q
									? t('eventsCatalogue.totalFor', { total: data.total, q: data.params.q })
									: t('eventsCatalogue.total', { total: data.total })}
						</h2>
						{data.unavailable ? (
							<SearchUnavailable />
						) : data.hits.length === 0 ? (
							<div
								className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700"
								data-testid="no-results"
							>
								{data.params.q || hasFilters(data.params) ? (
									<>
										<p className="font-semibold">{t('eventsCatalogue.noResults')}</p>
										<p className="mt-2 text-sm">
											{t('eventsCatalogue.noResultsHint')}{' '}
											{hasFilters(data.params) ? (
												<Link to={clearHref} className="text-brand-700 underline">
													{t('search.clearFilters')}
												</Link>
											) : null}
										</p>
									</>
								) : (
									<p>{t('eventsCatalogue.empty')}</p>
								)}
							</div>
						) : (
							<>
								<ol className="flex flex-col gap-4" data-testid="results">
									{data.hits.map((hit) => (
										<ParticipantCard
											key={hit.id}
											hit={hit}
											eventId={data.event.id}
											mine={hit.firmId === data.myFirmId}
										/>
									))}
								</ol>
								<Pagination page={data.page} pageCount={data.pageCount} />
							</>
						)}
					</section>
				</div>
			</div>
		</div>
	)
}

function SideBadge({ side }: { side: 'BUYER' | 'SUPPLIER' }) {
	const t = useT()
	return (
		<span
			className={cn(
				'rounded px-1.5 py-0.5 text-xs font-semibold',
				side === 'BUYER' ? 'bg-sky-100 text-sky-900' : 'bg-violet-100 text-violet-900',
			)}
			data-testid="side-badge"
		>
			{t(`eventsCatalogue.side.${side}`)}
		</span>
	)
}

function ChainLeaderBadge() {
	const t = useT()
	return (
		<span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
			{t('eventsCatalogue.chainLeader')}
		</span>
	)
}

function RequestLink({ eventId, firmId, firmName }: { eventId: string; firmId: string; firmName: string }) {
	const t = useT()
	return (
		<Link
			to={`/events/${eventId}/agenda?request=${encodeURIComponent(firmId)}`}
			className="bg-brand-700 hover:bg-brand-800 shrink-0 rounded-md px-3 py-1.5 text-sm font-semibold text-white"
			aria-label={t('eventsCatalogue.requestMeetingWith', { firm: firmName })}
		>
			{t('eventsCatalogue.requestMeeting')}
		</Link>
	)
}

function ParticipantCard({
	hit,
	eventId,
	mine,
}: {
	hit: LoaderData['hits'][number]
	eventId: string
	mine: boolean
}) {
	const t = useT()
	const locale = useLocale()
	const plainName = hit.firmName.map((p) => p.text).join('')
	return (
		<li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="participant">
			<div className="flex flex-wrap items-start justify-between gap-3">
				<div className="min-w-0">
					<h3 className="text-lg font-semibold">
						<Link to={`/firms/${hit.firmId}`} className="text-brand-800 hover:underline">
							<Highlight parts={hit.firmName} />
						</Link>
					</h3>
					<p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700">
						<SideBadge side={hit.side} />
						{hit.isChainLeader ? <ChainLeaderBadge /> : null}
						<VerifiedMark />
						<span>{regionName(hit.regionCode, locale)}</span>
						{mine ? (
							<span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{t('eventsCatalogue.you')}</span>
						) : null}
					</p>
				</div>
				{hit.canRequest ? <RequestLink eventId={eventId} firmId={hit.firmId} firmName={plainName} /> : null}
			</div>
			{hit.pitch.length ? (
				<p className="mt-2 text-sm whitespace-pre-line text-slate-800">
					<Highlight parts={hit.pitch} />
				</p>
			) : null}
			{hit.clusterNames.length ? (
				<ul className="mt-2 flex flex-wrap gap-1.5 text-xs" aria-label={t('eventsCatalogue.clusters')}>
					{hit.clusterNames.map((name) => (
						<li
							key={name}
							className="rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 text-slate-800"
						>
							{name}
						</li>
					))}
				</ul>
			) : null}
			{hit.listings.length ? (
				<div className="mt-3">
					<h4 className="text-xs font-semibold text-slate-600">{t('eventsCatalogue.listings')}</h4>
					<ul className="mt-1 flex flex-col gap-1 text-sm">
						{hit.listings.map((l) => (
							<li key={`${l.kind}-${l.id}`} className="flex gap-2">
								<span className="shrink-0 text-slate-600">{t(`eventsCatalogue.listing.${l.kind}`)}</span>
								<Link
									to={l.kind === 'capability' ? `/capabilities/${l.id}` : `/demands/${l.id}`}
									className="text-brand-800 hover:underline"
								>
									<Highlight parts={l.title} />
								</Link>
							</li>
						))}
					</ul>
				</div>
			) : null}
		</li>
	)
}

function Suggestions({
	eventId,
	mySide,
	suggestions,
}: {
	eventId: string
	mySide: 'BUYER' | 'SUPPLIER' | null
	suggestions: NonNullable<LoaderData['suggestions']>
}) {
	const t = useT()
	const locale = useLocale()
	return (
		<section
			aria-labelledby="suggested-heading"
			className="mb-6 rounded-lg border border-emerald-200 bg-emerald-50/50 p-4"
			data-testid="suggested"
		>
			<h2 id="suggested-heading" className="text-lg font-semibold text-slate-900">
				{t('eventsCatalogue.suggested.title')}
			</h2>
			{mySide ? (
				<p className="mt-1 text-sm text-slate-700">
					{t('eventsCatalogue.suggested.lead', {
						mine: t(`eventsCatalogue.suggested.mine${mySide}`),
						theirs: t(`eventsCatalogue.suggested.theirs${mySide}`),
					})}
				</p>
			) : null}
			{suggestions.length === 0 ? (
				<p className="mt-3 text-sm text-slate-700">{t('eventsCatalogue.suggested.none')}</p>
			) : (
				<ol className="mt-3 grid gap-3 md:grid-cols-2">
					{suggestions.map((s) => (
						<li
							key={s.firmId}
							className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
							data-testid="suggestion"
						>
							<div className="flex flex-wrap items-start justify-between gap-2">
								<div className="min-w-0">
									<h3 className="font-semibold">
										<Link to={`/firms/${s.firmId}`} className="text-brand-800 hover:underline">
											{s.firmName}
										</Link>
									</h3>
									<p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
										<SideBadge side={s.side} />
										{s.isChainLeader ? <ChainLeaderBadge /> : null}
										<span>{regionName(s.regionCode, locale)}</span>
										<span className="font-semibold text-emerald-800">
											{t('eventsCatalogue.suggested.score', { score: s.score })}
										</span>
									</p>
								</div>
								<RequestLink eventId={eventId} firmId={s.firmId} firmName={s.firmName} />
							</div>
							<p className="text-sm text-slate-800">
								{t('eventsCatalogue.suggested.pair', { mine: s.mine.title, theirs: s.theirs.title })}
							</p>
							{s.reasons.length ? (
								<ul
									className="flex flex-col gap-1 text-sm"
									aria-label={t('eventsCatalogue.suggested.reasons')}
								>
									{s.reasons.map((r) => (
										<li key={r.text} className="flex gap-1.5">
											<span
												aria-hidden="true"
												className={r.tone === 'good' ? 'text-emerald-700' : 'text-slate-500'}
											>
												{r.tone === 'good' ? '✓' : '·'}
											</span>
											<span>{r.text}</span>
										</li>
									))}
								</ul>
							) : null}
						</li>
					))}
				</ol>
			)}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
