import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { StatusButton } from '#app/components/forms'
import { PageHeader } from '#app/components/layout'
import { SuggestionCard, type ReasonView } from '#app/components/matching/suggestion-card'
import { StartDockingLink } from '#app/components/docking/start-link'
import { useT } from '#app/i18n/use-t'
import { DomainError } from '#app/modules/firms/firms.server'
import { getRegion } from '#app/modules/firms/regions'
import { listSuggestionsForDemand, setSuggestionStatus, type StoredReasons } from '#app/modules/matching/matching.server'
import { requireFirmUser, requireUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'

const ActionSchema = z.object({ suggestionId: z.string().min(1).max(40), status: z.enum(['SUGGESTED', 'SHORTLISTED', 'DISMISSED']) })

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const demandId = params.demandId ?? ''
	try {
		const [demand, suggestions] = await Promise.all([
			prisma.demand.findUniqueOrThrow({ where: { id: demandId }, select: { id: true, title: true, status: true, firmId: true } }),
			listSuggestionsForDemand(user, demandId),
		])
		const canAct = user.role === 'BUYER' && user.firmId === demand.firmId
		return json({
			demand: { id: demand.id, title: demand.title, status: demand.status },
			canAct,
			suggestions: suggestions.map((s) => {
				const stored = s.reasons as unknown as StoredReasons
				return {
					id: s.id,
					score: s.score,
					status: s.status,
					parts: s.parts as Record<string, number>,
					reasons: (stored?.reasons ?? []) as ReasonView[],
					nextQuestion: stored?.nextQuestion ?? null,
					missingCertifications: s.missingCertifications,
					capability: { id: s.capability.id, title: s.capability.title },
					firm: { id: s.capability.firm.id, name: s.capability.firm.name, region: getRegion(s.capability.firm.regionCode)?.name ?? '' },
				}
			}),
		})
	} catch (error) {
		if (error instanceof DomainError && error.code === 'forbidden') throw new Response('Forbidden', { status: 403 })
		throw new Response('Not found', { status: 404 })
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireFirmUser(request)
	const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return json({ ok: false }, { status: 400 })
	try {
		await setSuggestionStatus(user, parsed.data.suggestionId, parsed.data.status)
	} catch (error) {
		if (error instanceof DomainError) throw new Response('Not found', { status: 404 })
		throw error
	}
	return json({ ok: true })
}

export default function DemandSuggestionsRoute() {
	const { demand, suggestions, canAct } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const t = useT()
	const visible = suggestions.filter((s) => s.status !== 'DISMISSED')
	const dismissed = suggestions.filter((s) => s.status === 'DISMISSED')
	const pendingId = navigation.formData?.get('suggestionId')
	const actionsFor = (s: (typeof suggestions)[number]) =>
		canAct ? (
			<Form method="POST" className="flex flex-wrap gap-2">
				<input type="hidden" name="suggestionId" value={s.id} />
				{s.status !== 'SHORTLISTED' ? (
					<StatusButton type="submit" name="status" value="SHORTLISTED" pending={pendingId === s.id && navigation.formData?.get('status') === 'SHORTLISTED'}>
						{t('matching.shortlist')}
					</StatusButton>
				) : null}
				{s.status !== 'DISMISSED' ? (
					<StatusButton type="submit" name="status" value="DISMISSED" variant="secondary" pending={pendingId === s.id && navigation.formData?.get('status') === 'DISMISSED'}>
						{t('matching.dismiss')}
					</StatusButton>
				) : (
					<StatusButton type="submit" name="status" value="SUGGESTED" variant="secondary">
						{t('matching.restore')}
					</StatusButton>
				)}
				<Link to={`/capabilities/${s.capability.id}`} className="inline-flex items-center rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold">
					{t('matching.viewCapability')}
				</Link>
				<StartDockingLink demandId={demand.id} capabilityId={s.capability.id} />
			</Form>
		) : (
			<Link to={`/capabilities/${s.capability.id}`} className="text-sm text-brand-700 underline">
				{t('matching.viewCapability')}
			</Link>
		)
	return (
		<div>
			<PageHeader
				title={t('matching.suppliersTitle', { title: demand.title })}
				lead={t('matching.suppliersLead')}
				actions={
					<Link to={`/demands/${demand.id}`} className="text-sm text-brand-700 underline">
						{t('matching.backToDemand')}
					</Link>
				}
			/>
			{demand.status !== 'PUBLISHED' ? <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">{t('matching.notPublished')}</p> : null}
			{visible.length === 0 ? (
				<p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">{t('matching.noSuppliers')}</p>
			) : (
				<ol className="flex flex-col gap-4" aria-label={t('matching.suppliersList')}>
					{visible.map((s) => (
						<li key={s.id}>
							<SuggestionCard
								title={
									<Link to={`/capabilities/${s.capability.id}`} className="text-brand-800 hover:underline">
										{s.capability.title}
									</Link>
								}
								subtitle={
									<>
										<Link to={`/firms/${s.firm.id}`} className="hover:underline">
											{s.firm.name}
										</Link>{' '}
										· {s.firm.region}
									</>
								}
								score={s.score}
								parts={s.parts}
								reasons={s.reasons}
								nextQuestion={s.nextQuestion}
								status={s.status}
								actions={actionsFor(s)}
							/>
						</li>
					))}
				</ol>
			)}
			{dismissed.length ? (
				<details className="mt-6">
					<summary className="cursor-pointer text-sm text-slate-700">{t('matching.dismissedCount', { count: dismissed.length })}</summary>
					<ul className="mt-3 flex flex-col gap-3">
						{dismissed.map((s) => (
							<li key={s.id}>
								<SuggestionCard
									title={s.capability.title}
									subtitle={s.firm.name}
									score={s.score}
									parts={s.parts}
									reasons={s.reasons}
									nextQuestion={s.nextQuestion}
									status={s.status}
									actions={actionsFor(s)}
								/>
							</li>
						))}
					</ul>
				</details>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

