import { Form, Link, useNavigation } from '@remix-run/react'
import { useId, type ReactNode } from 'react'
import { ErrorList, FormErrorSummary, StatusButton } from '#app/components/forms'
import { VerificationBadge } from '#app/components/layout'
import { useLocale, useT } from '#app/i18n/use-t'
import { regionName } from './format'
import { ChainLeaderBadge, HiddenBadge, ListingStatusBadge, type ListingStatus } from './status-badge'

export type FirmSummary = {
	id: string
	name: string
	regionCode: string
	verificationStatus: 'PENDING' | 'VERIFIED' | 'REJECTED'
	isChainLeader: boolean
}

export function FirmCard({ firm, heading }: { firm: FirmSummary; heading: string }) {
	const t = useT()
	const locale = useLocale()
	return (
		<section
			aria-labelledby="firm-card"
			className="rounded-lg border border-slate-200 bg-white p-5"
			data-testid="firm-card"
		>
			<h2 id="firm-card" className="text-sm font-semibold text-slate-700">
				{heading}
			</h2>
			<p className="mt-2 text-lg font-semibold">
				<Link to={`/firms/${firm.id}`} className="text-brand-800 hover:underline">
					{firm.name}
				</Link>
			</p>
			<div className="mt-2 flex flex-wrap items-center gap-2">
				<VerificationBadge status={firm.verificationStatus} />
				{firm.isChainLeader ? <ChainLeaderBadge /> : null}
			</div>
			<p className="mt-2 text-sm text-slate-700">
				{t('firm.region')}：{regionName(firm.regionCode, locale)}
			</p>
			<p className="mt-3 text-xs text-slate-600">{t('firm.contactMasked')}</p>
			<Link to={`/firms/${firm.id}`} className="text-brand-700 mt-3 inline-block text-sm underline">
				{t('listing.viewFirm')}
			</Link>
		</section>
	)
}

/** A definition list that skips empty values. */
export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
	const shown = items.filter(
		([, value]) => value !== null && value !== undefined && value !== '' && value !== false,
	)
	if (!shown.length) return null
	return (
		<dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
			{shown.map(([label, value]) => (
				<div key={label} className="contents">
					<dt className="text-slate-600">{label}</dt>
					<dd className="text-slate-900">{value}</dd>
				</div>
			))}
		</dl>
	)
}

export function TagList({
	items,
	label,
	tone = 'slate',
}: {
	items: string[]
	label: string
	tone?: 'slate' | 'emerald' | 'sky'
}) {
	const t = useT()
	if (!items.length) return <p className="text-sm text-slate-600">{t('common.none')}</p>
	const toneClass = {
		slate: 'border-slate-200 bg-slate-50 text-slate-800',
		emerald: 'border-emerald-200 bg-emerald-50 text-emerald-900',
		sky: 'border-sky-200 bg-sky-50 text-sky-900',
	}[tone]
	return (
		<ul className="flex flex-wrap gap-2 text-sm" aria-label={label}>
			{items.map((item) => (
				<li key={item} className={`rounded border px-2 py-0.5 ${toneClass}`}>
					{item}
				</li>
			))}
		</ul>
	)
}

type Transition = { intent: string; label: string; variant?: 'primary' | 'secondary' | 'danger' }

/**
 * What the owning firm sees: status, the bureau's reason when hidden, edit and status buttons.
 * Each button posts an `intent` to the page's action.
 */
export function OwnerPanel({
	status,
	hidden,
	hiddenReason,
	editTo,
	transitions,
	canPublish,
	isPublic,
	formErrors,
}: {
	status: ListingStatus
	hidden: boolean
	hiddenReason: string
	editTo: string
	transitions: Transition[]
	canPublish: boolean
	isPublic: boolean
	formErrors?: string[] | null
}) {
	const t = useT()
	const navigation = useNavigation()
	const pending = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
	const shown = transitions.filter((tr) => tr.intent !== 'publish' || canPublish)
	return (
		<section
			aria-labelledby="owner-panel"
			className="border-brand-100 bg-brand-50 flex flex-col gap-3 rounded-lg border p-5"
			data-testid="owner-panel"
		>
			<div className="flex flex-wrap items-center gap-2">
				<h2 id="owner-panel" className="font-semibold">
					{t('listing.ownerPanel')}
				</h2>
				<ListingStatusBadge status={status} />
				{hidden ? <HiddenBadge /> : null}
			</div>
			{hidden ? (
				<p role="alert" className="rounded-md border border-red-200 bg-white p-3 text-sm text-red-900">
					{t('listing.hiddenReason')}：{hiddenReason || t('common.none')}
				</p>
			) : null}
			{status === 'PUBLISHED' && !hidden && !isPublic ? (
				<p className="text-sm text-amber-900">{t('listing.notPublicUnverified')}</p>
			) : null}
			{status !== 'PUBLISHED' ? <p className="text-sm text-slate-700">{t('listing.onlyYouSee')}</p> : null}
			{!canPublish && transitions.some((tr) => tr.intent === 'publish') ? (
				<p className="text-sm text-amber-900" data-testid="publish-needs-verification">
					{t('listing.publishNeedsVerification')}
				</p>
			) : null}
			<FormErrorSummary errors={formErrors} />
			<div className="flex flex-wrap items-center gap-3">
				<Link
					to={editTo}
					className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
				>
					{t('listing.edit')}
				</Link>
				{shown.map((tr) => (
					<Form key={tr.intent} method="POST">
						<StatusButton
							type="submit"
							name="intent"
							value={tr.intent}
							variant={tr.variant ?? 'secondary'}
							pending={pending === tr.intent}
						>
							{tr.label}
						</StatusButton>
					</Form>
				))}
			</div>
		</section>
	)
}

/** Bureau moderation: hide with a reason the owner will see, or make visible again. */
export function ModerationPanel({
	hidden,
	hiddenReason,
	errors,
}: {
	hidden: boolean
	hiddenReason: string
	errors?: string[] | null
}) {
	const t = useT()
	const id = useId()
	const navigation = useNavigation()
	const pending = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<section
			aria-labelledby="moderation"
			className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-5"
			data-testid="moderation-panel"
		>
			<div className="flex flex-wrap items-center gap-2">
				<h2 id="moderation" className="font-semibold">
					{t('listing.moderation')}
				</h2>
				{hidden ? <HiddenBadge /> : null}
			</div>
			{hidden ? (
				<>
					<p className="text-sm">
						{t('listing.hiddenReason')}：{hiddenReason}
					</p>
					<Form method="POST">
						<StatusButton
							type="submit"
							name="intent"
							value="unhide"
							variant="secondary"
							pending={pending === 'unhide'}
						>
							{t('listing.unhide')}
						</StatusButton>
					</Form>
				</>
			) : (
				<Form method="POST" className="flex flex-wrap items-start gap-2">
					<div className="flex flex-1 flex-col gap-1">
						<label htmlFor={id} className="text-sm font-medium">
							{t('listing.hideReason')}
						</label>
						<input
							id={id}
							name="reason"
							maxLength={500}
							className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
							aria-invalid={errorId ? true : undefined}
							aria-describedby={errorId}
						/>
						<ErrorList id={errorId} errors={errors} />
					</div>
					<StatusButton
						type="submit"
						name="intent"
						value="hide"
						variant="danger"
						pending={pending === 'hide'}
						className="mt-6"
					>
						{t('listing.hide')}
					</StatusButton>
				</Form>
			)}
		</section>
	)
}
