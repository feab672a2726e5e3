import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { SuggestionCard, type ReasonView } from '#app/components/matching/suggestion-card'
import { StartDockingLink } from '#app/components/docking/start-link'
import { useT } from '#app/i18n/use-t'
import { getRegion } from '#app/modules/firms/regions'
import { listOpportunities, type StoredReasons } from '#app/modules/matching/matching.server'
import { requireFirmUser } from '#app/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireFirmUser(request)
	if (user.role !== 'SUPPLIER') throw new Response('Forbidden', { status: 403 })
	const rows = await listOpportunities(user)
	return json({
		opportunities: rows.map((s) => {
			const stored = s.reasons as unknown as StoredReasons
			return {
				id: s.id,
				score: s.score,
				parts: s.parts as Record<string, number>,
				reasons: (stored?.reasons ?? []) as ReasonView[],
				nextQuestion: stored?.nextQuestion ?? null,
				missingCertifications: s.missingCertifications,
				capability: s.capability,
				demand: {
					id: s.demand.id,
					title: s.demand.title,
					quantity: s.demand.quantityValue !== null ? `${s.demand.quantityValue}${s.demand.quantityUnit}` : '',
					deadline: s.demand.deadline,
					buyer: s.demand.firm.name,
					isChainLeader: s.demand.firm.isChainLeader,
					region: getRegion(s.demand.firm.regionCode)?.name ?? '',
				},
			}
		}),
	})
}

export default function OpportunitiesRoute() {
	const { opportunities } = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<div>
			<PageHeader title={t('matching.opportunitiesTitle')} lead={t('matching.opportunitiesLead')} />
			{opportunities.length === 0 ? (
				<p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">{t('matching.noOpportunities')}</p>
			) : (
				<ol className="flex flex-col gap-4" aria-label={t('matching.opportunitiesTitle')}>
					{opportunities.map((o) => (
						<li key={o.id}>
							<SuggestionCard
								title={
									<Link to={`/demands/${o.demand.id}`} className="text-brand-800 hover:underline">
										{o.demand.title}
									</Link>
								}
								subtitle={
									<>
										{o.demand.buyer}
										{o.demand.isChainLeader ? ` · ${t('firms.chainLeader')}` : ''} · {o.demand.region}
										{o.demand.quantity ? ` · ${o.demand.quantity}` : ''} · {t('matching.forCapability', { title: o.capability.title })}
									</>
								}
								score={o.score}
								parts={o.parts}
								reasons={o.reasons}
								nextQuestion={o.nextQuestion}
							/>
							<div className="mt-2">
								<StartDockingLink demandId={o.demand.id} capabilityId={o.capability.id} />
							</div>
						</li>
					))}
				</ol>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
