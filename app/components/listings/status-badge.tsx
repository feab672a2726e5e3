import { useT } from '#app/i18n/use-t'
import { cn } from '#app/utils/misc'

export type ListingStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED' | 'CLOSED'

export function ListingStatusBadge({ status }: { status: ListingStatus }) {
	const t = useT()
	return (
		<span
			className={cn(
				'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap',
				status === 'DRAFT' && 'bg-slate-200 text-slate-800',
				status === 'PUBLISHED' && 'bg-emerald-100 text-emerald-900',
				(status === 'ARCHIVED' || status === 'CLOSED') && 'bg-zinc-200 text-zinc-800',
			)}
			data-testid="listing-status"
		>
			{t(`listing.status.${status}`)}
		</span>
	)
}

export function HiddenBadge() {
	const t = useT()
	return (
		<span
			className="inline-flex items-center rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-red-900"
			data-testid="listing-hidden"
		>
			{t('listing.hidden')}
		</span>
	)
}

export function ChainLeaderBadge() {
	const t = useT()
	return (
		<span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-900">
			{t('firms.chainLeader')}
		</span>
	)
}

export function VerifiedMark() {
	const t = useT()
	return (
		<span className="inline-flex items-center gap-0.5 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-emerald-900">
			✓ {t('status.VERIFIED')}
		</span>
	)
}
