import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Facts, FirmCard, ModerationPanel, OwnerPanel, TagList } from '#app/components/listings/detail-parts'
import {
	daysUntil,
	formatDate,
	formatQuantity,
	formatRange,
	regionName,
} from '#app/components/listings/format'
import { HiddenBadge, ListingStatusBadge } from '#app/components/listings/status-badge'
import { uploadUrl } from '#app/components/listings/upload-field'
import { createTranslator, localeFromCookieHeader } from '#app/i18n/i18n'
import { StartDockingLink } from '#app/components/docking/start-link'
import { useLocale, useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import {
	getDemandForViewer,
	isDemandPublic,
	setDemandHidden,
	transitionDemand,
} from '#app/modules/demands/demands.server'
import { DomainError } from '#app/modules/firms/firms.server'
import { HideSchema } from '#app/modules/listings/schemas'
import { clientIp, getUser, requireFirmUser, requireUser } from '#app/utils/auth.server'
import { cn } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

const IntentSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('publish') }),
	z.object({ intent: z.literal('close') }),
	z.object({ intent: z.literal('unpublish') }),
	HideSchema.extend({ intent: z.literal('hide') }),
	z.object({ intent: z.literal('unhide') }),
])

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	const t = createTranslator(data?.locale ?? 'zh-CN')
	return [{ title: data ? `${data.demand.title} · ${t('demand.search.title')}` : t('demand.search.title') }]
}

function formatBytes(bytes: number) {
	return bytes >= 1024 * 1024
		? `${(bytes / 1024 / 1024).toFixed(1)} MB`
		: `${Math.max(1, Math.round(bytes / 1024))} KB`
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const found = await getDemandForViewer(
		params.demandId ?? '',
		user ? { firmId: user.firmId, role: user.role } : null,
	)
	if (!found) throw new Response('Not found', { status: 404 })
	const { demand: d, isStaff } = found
	const isOwner = found.isOwner && user?.role === 'BUYER'
	return json({
		locale: localeFromCookieHeader(request.headers.get('cookie')),
		demand: {
			id: d.id,
			title: d.title,
			description: d.description,
			quantityValue: d.quantityValue,
			quantityUnit: d.quantityUnit,
			budgetMin: d.budgetMin,
			budgetMax: d.budgetMax,
			budgetUnit: d.budgetUnit,
			requiredCertifications: d.requiredCertifications,
			deliveryRegionCode: d.deliveryRegionCode,
			deadline: d.deadline,
			daysLeft: d.deadline ? daysUntil(d.deadline.toISOString()) : null,
			status: d.status,
			source: d.source,
			publishedAt: d.publishedAt,
			updatedAt: d.updatedAt,
			hidden: !!d.hiddenAt,
			hiddenReason: isOwner || isStaff ? d.hiddenReason : '',
			cluster: d.cluster,
			chainNode: d.chainNode,
			firm: d.firm,
			attachments: d.attachments.map((a) => ({
				id: a.id,
				name: a.originalName,
				kind: a.kind,
				size: formatBytes(a.bytes),
			})),
		},
		isOwner,
		isStaff,
		isPublic: isDemandPublic(d),
		canPublish: isOwner && user?.firm?.verificationStatus === 'VERIFIED',
		canDock: !found.isOwner && user?.role === 'SUPPLIER' && isDemandPublic(d),
	})
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const demandId = params.demandId ?? ''
	const submission = parseWithZod(await request.formData(), { schema: IntentSchema })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	const value = submission.value
	try {
		if (value.intent === 'hide' || value.intent === 'unhide') {
			if (!STAFF_ROLES.includes(user.role)) throw new Response('Forbidden', { status: 403 })
			await setDemandHidden(
				{ id: user.id, role: user.role },
				demandId,
				value.intent === 'hide' ? { reason: value.reason } : null,
				{
					ip: clientIp(request),
				},
			)
		} else {
			await transitionDemand(await requireFirmUser(request), demandId, value.intent)
		}
	} catch (error) {
		if (error instanceof DomainError) {
			if (error.code === 'not_found') throw new Response('Not found', { status: 404 })
			if (error.message.startsWith('listing.'))
				return json({ result: submission.reply({ formErrors: [error.message] }) }, { status: 403 })
			throw new Response('Forbidden', { status: 403 })
		}
		throw error
	}
	return redirectWithToast(`/demands/${demandId}`, { message: `demand.toast.${value.intent}` })
}

export default function DemandRoute() {
	const { demand: d, isOwner, isStaff, isPublic, canPublish, canDock } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const locale = useLocale()
	const errors = actionData?.result.error
	const node = d.chainNode ? `${t(`stage.${d.chainNode.stage}`)} · ${d.chainNode.name}` : null
	return (
		<article className="flex flex-col gap-6">
			<header className="flex flex-col gap-2">
				<p className="text-sm text-slate-600">
					{t('demand.kindLabel')}
					{d.cluster ? ` · ${d.cluster.name}` : ''}
					{d.source === 'CHAIN_LEADER_LIST' ? ` · ${t('demand.source.CHAIN_LEADER_LIST')}` : ''}
				</p>
				<div className="flex flex-wrap items-center gap-3">
					<h1 className="text-2xl font-bold break-all text-slate-900" data-testid="listing-title">
						{d.title}
					</h1>
					{isOwner || isStaff ? <ListingStatusBadge status={d.status} /> : null}
					{(isOwner || isStaff) && d.hidden ? <HiddenBadge /> : null}
				</div>
				{d.publishedAt && d.status === 'PUBLISHED' ? (
					<p className="text-xs text-slate-600">
						{t('listing.publishedAt')} {formatDate(d.publishedAt)} · {t('listing.updatedAt')}{' '}
						{formatDate(d.updatedAt)}
					</p>
				) : null}
				{(isOwner || isStaff) && d.status === 'PUBLISHED' ? (
					<Link
						to={`/demands/${d.id}/suggestions`}
						className="self-start rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
						data-testid="suggestions-link"
					>
						{t('matching.viewSuggestions')}
					</Link>
				) : null}
				{canDock ? <StartDockingLink demandId={d.id} className="self-start" /> : null}
			</header>
			{isOwner ? (
				<OwnerPanel
					status={d.status}
					hidden={d.hidden}
					hiddenReason={d.hiddenReason}
					editTo={`/demands/${d.id}/edit`}
					canPublish={canPublish}
					isPublic={isPublic}
					formErrors={errors?.['']}
					transitions={
						d.status === 'DRAFT'
							? [
									{ intent: 'publish', label: t('listing.publish'), variant: 'primary' },
									{ intent: 'close', label: t('demand.close') },
								]
							: d.status === 'PUBLISHED'
								? [
										{ intent: 'unpublish', label: t('listing.unpublish') },
										{ intent: 'close', label: t('demand.close') },
									]
								: [
										{ intent: 'publish', label: t('demand.reopen'), variant: 'primary' },
										{ intent: 'unpublish', label: t('listing.backToDraft') },
									]
					}
				/>
			) : null}
			{isStaff ? (
				<ModerationPanel hidden={d.hidden} hiddenReason={d.hiddenReason} errors={errors?.reason} />
			) : null}
			<div className="grid gap-6 lg:grid-cols-3">
				<div className="flex flex-col gap-6 lg:col-span-2">
					<section aria-labelledby="about" className="rounded-lg border border-slate-200 bg-white p-5">
						<h2 id="about" className="font-semibold">
							{t('demand.description')}
						</h2>
						<p className="mt-2 break-words whitespace-pre-line text-slate-800">
							{d.description || t('common.none')}
						</p>
					</section>
					<section aria-labelledby="attachments" className="rounded-lg border border-slate-200 bg-white p-5">
						<h2 id="attachments" className="font-semibold">
							{t('listing.section.attachments')}
						</h2>
						{d.attachments.length ? (
							<ul className="mt-2 flex flex-col gap-2" data-testid="attachments">
								{d.attachments.map((a) => (
									<li key={a.id} className="flex flex-wrap items-center gap-3 text-sm">
										<span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-800">
											{a.kind === 'PDF' ? 'PDF' : t('listing.upload.image')}
										</span>
										<a href={uploadUrl(a.id)} download={a.name} className="text-brand-700 underline">
											{a.name}
										</a>
										<span className="text-xs text-slate-600">{a.size}</span>
									</li>
								))}
							</ul>
						) : (
							<p className="mt-2 text-sm text-slate-600">{t('common.none')}</p>
						)}
					</section>
				</div>
				<div className="flex flex-col gap-6">
					<section aria-labelledby="terms" className="rounded-lg border border-slate-200 bg-white p-5">
						<h2 id="terms" className="mb-3 font-semibold">
							{t('listing.section.terms')}
						</h2>
						<Facts
							items={[
								[t('listing.field.chainNode'), node ?? t('common.none')],
								[
									t('demand.quantity'),
									formatQuantity(d.quantityValue, d.quantityUnit, locale) ?? t('listing.negotiable'),
								],
								[
									t('demand.budget'),
									formatRange(d.budgetMin, d.budgetMax, d.budgetUnit, locale) ?? t('listing.negotiable'),
								],
								[
									t('demand.deliveryRegion'),
									d.deliveryRegionCode
										? regionName(d.deliveryRegionCode, locale)
										: t('demand.field.deliveryRegionAny'),
								],
								[
									t('demand.deadline'),
									d.deadline ? (
										<span
											className={cn(d.daysLeft !== null && d.daysLeft <= 7 && 'font-semibold text-red-800')}
										>
											{formatDate(d.deadline)}
											{d.daysLeft !== null
												? ` (${d.daysLeft >= 0 ? t('demand.daysLeft', { days: d.daysLeft }) : t('demand.expired')})`
												: ''}
										</span>
									) : (
										t('demand.noDeadline')
									),
								],
							]}
						/>
						<h3 className="mt-4 mb-2 text-sm font-semibold">{t('demand.requiredCertifications')}</h3>
						<TagList items={d.requiredCertifications} label={t('demand.requiredCertifications')} tone="sky" />
					</section>
					<FirmCard firm={d.firm} heading={t('demand.buyer')} />
				</div>
			</div>
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
