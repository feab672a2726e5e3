import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Facts, FirmCard, ModerationPanel, OwnerPanel, TagList } from '#app/components/listings/detail-parts'
import { formatCapacity, formatDate, formatQuantity, formatRange } from '#app/components/listings/format'
import { HiddenBadge, ListingStatusBadge } from '#app/components/listings/status-badge'
import { uploadUrl } from '#app/components/listings/upload-field'
import { createTranslator, localeFromCookieHeader } from '#app/i18n/i18n'
import { StartDockingLink } from '#app/components/docking/start-link'
import { useLocale, useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { DomainError } from '#app/modules/firms/firms.server'
import {
	getCapabilityForViewer,
	isCapabilityPublic,
	setCapabilityHidden,
	transitionCapability,
} from '#app/modules/listings/listings.server'
import { HideSchema } from '#app/modules/listings/schemas'
import { clientIp, getUser, requireFirmUser, requireUser } from '#app/utils/auth.server'
import { redirectWithToast } from '#app/utils/toast.server'

const IntentSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('publish') }),
	z.object({ intent: z.literal('archive') }),
	z.object({ intent: z.literal('unpublish') }),
	HideSchema.extend({ intent: z.literal('hide') }),
	z.object({ intent: z.literal('unhide') }),
])

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	const t = createTranslator(data?.locale ?? 'zh-CN')
	return [
		{
			title: data
				? `${data.capability.title} · ${t('capability.search.title')}`
				: t('capability.search.title'),
		},
	]
}

function parseSpecs(specs: unknown) {
	if (!Array.isArray(specs)) return []
	return specs.filter(
		(s): s is { key: string; value: string } =>
			!!s && typeof s === 'object' && typeof s.key === 'string' && typeof s.value === 'string',
	)
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const found = await getCapabilityForViewer(
		params.capabilityId ?? '',
		user ? { firmId: user.firmId, role: user.role } : null,
	)
	if (!found) throw new Response('Not found', { status: 404 })
	const { capability: c, isStaff } = found
	const isOwner = found.isOwner && user?.role === 'SUPPLIER'
	return json({
		locale: localeFromCookieHeader(request.headers.get('cookie')),
		capability: {
			id: c.id,
			title: c.title,
			description: c.description,
			tags: c.tags,
			specs: parseSpecs(c.specs),
			certifications: c.certifications,
			capacityValue: c.capacityValue,
			capacityUnit: c.capacityUnit,
			capacityPeriod: c.capacityPeriod,
			moqValue: c.moqValue,
			moqUnit: c.moqUnit,
			leadTimeDays: c.leadTimeDays,
			priceMin: c.priceMin,
			priceMax: c.priceMax,
			priceUnit: c.priceUnit,
			status: c.status,
			publishedAt: c.publishedAt,
			updatedAt: c.updatedAt,
			hidden: !!c.hiddenAt,
			hiddenReason: isOwner || isStaff ? c.hiddenReason : '',
			cluster: c.cluster,
			chainNode: c.chainNode,
			firm: c.firm,
			images: c.images,
		},
		isOwner,
		isStaff,
		isPublic: isCapabilityPublic(c),
		canPublish: isOwner && user?.firm?.verificationStatus === 'VERIFIED',
		canDock: !found.isOwner && user?.role === 'BUYER' && isCapabilityPublic(c),
	})
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const capabilityId = params.capabilityId ?? ''
	const submission = parseWithZod(await request.formData(), { schema: IntentSchema })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	const value = submission.value
	try {
		if (value.intent === 'hide' || value.intent === 'unhide') {
			if (!STAFF_ROLES.includes(user.role)) throw new Response('Forbidden', { status: 403 })
			await setCapabilityHidden(
				{ id: user.id, role: user.role },
				capabilityId,
				value.intent === 'hide' ? { reason: value.reason } : null,
				{
					ip: clientIp(request),
				},
			)
		} else {
			await transitionCapability(await requireFirmUser(request), capabilityId, value.intent)
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
	return redirectWithToast(`/capabilities/${capabilityId}`, { message: `capability.toast.${value.intent}` })
}

export default function CapabilityRoute() {
	const { capability: c, isOwner, isStaff, isPublic, canPublish, canDock } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const locale = useLocale()
	const errors = actionData?.result.error
	const node = c.chainNode ? `${t(`stage.${c.chainNode.stage}`)} · ${c.chainNode.name}` : null
	return (
		<article className="flex flex-col gap-6">
			<header className="flex flex-col gap-2">
				<p className="text-sm text-slate-600">
					{t('capability.kindLabel')}
					{c.cluster ? ` · ${c.cluster.name}` : ''}
				</p>
				<div className="flex flex-wrap items-center gap-3">
					<h1 className="text-2xl font-bold break-all text-slate-900" data-testid="listing-title">
						{c.title}
					</h1>
					{isOwner || isStaff ? <ListingStatusBadge status={c.status} /> : null}
					{(isOwner || isStaff) && c.hidden ? <HiddenBadge /> : null}
				</div>
				{c.publishedAt && c.status === 'PUBLISHED' ? (
					<p className="text-xs text-slate-600">
						{t('listing.publishedAt')} {formatDate(c.publishedAt)} · {t('listing.updatedAt')}{' '}
						{formatDate(c.updatedAt)}
					</p>
				) : null}
				{canDock ? <StartDockingLink capabilityId={c.id} className="self-start" /> : null}
			</header>
			{isOwner ? (
				<OwnerPanel
					status={c.status}
					hidden={c.hidden}
					hiddenReason={c.hiddenReason}
					editTo={`/capabilities/${c.id}/edit`}
					canPublish={canPublish}
					isPublic={isPublic}
					formErrors={errors?.['']}
					transitions={
						c.status === 'DRAFT'
							? [
									{ intent: 'publish', label: t('listing.publish'), variant: 'primary' },
									{ intent: 'archive', label: t('capability.archive') },
								]
							: c.status === 'PUBLISHED'
								? [
										{ intent: 'unpublish', label: t('listing.unpublish') },
										{ intent: 'archive', label: t('capability.archive') },
									]
								: [
										{ intent: 'publish', label: t('listing.republish'), variant: 'primary' },
										{ intent: 'unpublish', label: t('listing.backToDraft') },
									]
					}
				/>
			) : null}
			{isStaff ? (
				<ModerationPanel hidden={c.hidden} hiddenReason={c.hiddenReason} errors={errors?.reason} />
			) : null}
			<div className="grid gap-6 lg:grid-cols-3">
				<div className="flex flex-col gap-6 lg:col-span-2">
					{c.images.length ? (
						<section aria-labelledby="images" className="rounded-lg border border-slate-200 bg-white p-5">
							<h2 id="images" className="sr-only">
								{t('capability.images')}
							</h2>
							<ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="gallery">
								{c.images.map((image, i) => (
									<li key={image.id} className={i === 0 ? 'col-span-2 sm:col-span-3' : undefined}>
										<a href={uploadUrl(image.id)} target="_blank" rel="noreferrer" className="block">
											<img
												src={uploadUrl(image.id)}
												alt={t('capability.imageAlt', { title: c.title, n: i + 1 })}
												width={image.width ?? undefined}
												height={image.height ?? undefined}
												loading={i === 0 ? 'eager' : 'lazy'}
												className={
													i === 0
														? 'max-h-96 w-full rounded-md bg-slate-50 object-contain'
														: 'h-32 w-full rounded-md object-cover'
												}
											/>
										</a>
									</li>
								))}
							</ul>
						</section>
					) : null}
					<section aria-labelledby="about" className="rounded-lg border border-slate-200 bg-white p-5">
						<h2 id="about" className="font-semibold">
							{t('capability.description')}
						</h2>
						<p className="mt-2 break-words whitespace-pre-line text-slate-800">
							{c.description || t('common.none')}
						</p>
					</section>
					<section aria-labelledby="specs" className="rounded-lg border border-slate-200 bg-white p-5">
						<h2 id="specs" className="font-semibold">
							{t('listing.section.specs')}
						</h2>
						{c.specs.length ? (
							<table className="mt-3 w-full border-collapse text-sm">
								<thead>
									<tr className="border-b border-slate-200 text-left text-slate-700">
										<th scope="col" className="py-2 pr-4 font-medium">
											{t('listing.spec.key')}
										</th>
										<th scope="col" className="py-2 font-medium">
											{t('listing.spec.value')}
										</th>
									</tr>
								</thead>
								<tbody>
									{c.specs.map((s, i) => (
										<tr key={`${s.key}-${i}`} className="border-b border-slate-100">
											<th scope="row" className="py-2 pr-4 text-left font-normal text-slate-700">
												{s.key}
											</th>
											<td className="py-2 text-slate-900">{s.value}</td>
										</tr>
									))}
								</tbody>
							</table>
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
								[t('capability.capacity'), formatCapacity(c, t, locale) ?? t('listing.negotiable')],
								[
									t('capability.moq'),
									formatQuantity(c.moqValue, c.moqUnit, locale) ?? t('listing.negotiable'),
								],
								[
									t('capability.leadTime'),
									c.leadTimeDays != null
										? t('listing.days', { days: c.leadTimeDays })
										: t('listing.negotiable'),
								],
								[
									t('capability.priceBand'),
									formatRange(c.priceMin, c.priceMax, c.priceUnit, locale) ?? t('listing.negotiable'),
								],
							]}
						/>
						<h3 className="mt-4 mb-2 text-sm font-semibold">{t('capability.certifications')}</h3>
						<TagList items={c.certifications} label={t('capability.certifications')} tone="emerald" />
						<h3 className="mt-4 mb-2 text-sm font-semibold">{t('listing.field.tags')}</h3>
						<TagList items={c.tags} label={t('listing.field.tags')} />
					</section>
					<FirmCard firm={c.firm} heading={t('capability.supplier')} />
				</div>
			</div>
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
