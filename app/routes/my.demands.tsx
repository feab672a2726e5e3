import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { formatDate } from '#app/components/listings/format'
import { OwnListingsTable, type OwnListing, type RowAction } from '#app/components/listings/my-listings'
import { createTranslator, localeFromCookieHeader } from '#app/i18n/i18n'
import { useT } from '#app/i18n/use-t'
import { listOwnDemands, transitionDemand } from '#app/modules/demands/demands.server'
import { DomainError } from '#app/modules/firms/firms.server'
import { requireFirmUser, requireRole } from '#app/utils/auth.server'
import { redirectWithToast } from '#app/utils/toast.server'

const TransitionSchema = z.object({
	id: z.string().min(1).max(40),
	intent: z.enum(['publish', 'close', 'unpublish']),
})

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: createTranslator(data?.locale ?? 'zh-CN')('my.demands.title') },
]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, ['BUYER'])
	const user = await requireFirmUser(request)
	const items = await listOwnDemands(user)
	return json({
		locale: localeFromCookieHeader(request.headers.get('cookie')),
		verified: user.firm.verificationStatus === 'VERIFIED',
		items: items.map((d) => ({
			id: d.id,
			title: d.title,
			status: d.status,
			hidden: !!d.hiddenAt,
			hiddenReason: d.hiddenReason,
			updatedAt: d.updatedAt,
			clusterName: d.cluster?.name ?? null,
			extra: d.deadline ? formatDate(d.deadline) : null,
		})),
	})
}

export async function action({ request }: ActionFunctionArgs) {
	await requireRole(request, ['BUYER'])
	const user = await requireFirmUser(request)
	const submission = parseWithZod(await request.formData(), { schema: TransitionSchema })
	if (submission.status !== 'success') throw new Response('Bad request', { status: 400 })
	const { id, intent } = submission.value
	try {
		await transitionDemand(user, id, intent)
	} catch (error) {
		if (error instanceof DomainError) {
			if (error.code === 'not_found') throw new Response('Not found', { status: 404 })
			return redirectWithToast('/my/demands', {
				type: 'error',
				message: error.message.startsWith('listing.') ? error.message : 'error.403',
			})
		}
		throw error
	}
	return redirectWithToast('/my/demands', { message: `demand.toast.${intent}` })
}

export default function MyDemandsRoute() {
	const { items, verified } = useLoaderData<typeof loader>()
	const t = useT()
	const actionsFor = (item: OwnListing): RowAction[] => {
		const publish: RowAction[] = verified
			? [
					{
						intent: 'publish',
						label: item.status === 'CLOSED' ? t('demand.reopen') : t('listing.publish'),
						variant: 'primary',
					},
				]
			: []
		if (item.status === 'DRAFT') return [...publish, { intent: 'close', label: t('demand.close') }]
		if (item.status === 'PUBLISHED')
			return [
				{ intent: 'unpublish', label: t('listing.unpublish') },
				{ intent: 'close', label: t('demand.close') },
			]
		return [...publish, { intent: 'unpublish', label: t('listing.backToDraft') }]
	}
	return (
		<div>
			<PageHeader
				title={t('my.demands.title')}
				lead={t('my.demands.lead')}
				actions={
					<Link
						to="/demands/new"
						className="bg-brand-700 hover:bg-brand-800 rounded-md px-4 py-2 text-sm font-semibold text-white"
					>
						{t('demand.new')}
					</Link>
				}
			/>
			{!verified ? (
				<p
					role="note"
					className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
					data-testid="publish-needs-verification"
				>
					{t('listing.publishNeedsVerification')}{' '}
					<Link to="/firm/profile" className="underline">
						{t('dashboard.editProfile')}
					</Link>
				</p>
			) : null}
			{items.length ? (
				<OwnListingsTable
					items={items}
					basePath="/demands"
					actionsFor={actionsFor}
					extraHeading={t('demand.deadline')}
				/>
			) : (
				<div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
					<p>{t('my.demands.empty')}</p>
					<Link to="/demands/new" className="text-brand-700 mt-3 inline-block underline">
						{t('demand.new')}
					</Link>
				</div>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
