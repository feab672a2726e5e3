import { Link } from '@remix-run/react'
import { useT } from '#app/i18n/use-t'
import { cn } from '#app/utils/misc'

/** "发起对接": opens the request form (which forwards to an open session with the same firm and listing, if there is one). */
export function StartDockingLink({
	demandId,
	capabilityId,
	className,
}: {
	demandId?: string
	capabilityId?: string
	className?: string
}) {
	const t = useT()
	const params = new URLSearchParams()
	if (demandId) params.set('demandId', demandId)
	if (capabilityId) params.set('capabilityId', capabilityId)
	return (
		<Link
			to={`/docking/new?${params.toString()}`}
			className={cn(
				'bg-brand-700 hover:bg-brand-800 inline-flex items-center rounded-md px-4 py-2 text-sm font-semibold text-white',
				className,
			)}
			data-testid="start-docking"
		>
			{t('matching.startDocking')}
		</Link>
	)
}
