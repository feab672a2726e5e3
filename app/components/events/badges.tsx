import { useT } from '#app/i18n/use-t'
import type { Phase } from '#app/modules/events/rules'
import { cn } from '#app/utils/misc'

export function PhaseBadge({ phase }: { phase: Phase }) {
	const t = useT()
	return (
		<span
			className={cn(
				'rounded-full px-2 py-0.5 text-xs font-semibold',
				phase === 'registration' && 'bg-emerald-100 text-emerald-900',
				(phase === 'requests' || phase === 'scheduling') && 'bg-sky-100 text-sky-900',
				phase === 'live' && 'bg-red-100 text-red-900',
				(phase === 'draft' || phase === 'before') && 'bg-amber-100 text-amber-900',
				(phase === 'ended' || phase === 'cancelled') && 'bg-slate-200 text-slate-800',
			)}
		>
			{t(`events.phase.${phase}`)}
		</span>
	)
}

export function MeetingStatusBadge({ status }: { status: string }) {
	const t = useT()
	return (
		<span
			className={cn(
				'rounded px-1.5 py-0.5 text-xs font-semibold',
				status === 'DRAFT' && 'bg-amber-100 text-amber-900',
				status === 'SCHEDULED' && 'bg-sky-100 text-sky-900',
				status === 'HELD' && 'bg-emerald-100 text-emerald-900',
				status === 'NEEDS_RESCHEDULE' && 'bg-red-100 text-red-900',
				(status === 'NO_SHOW' || status === 'CANCELLED') && 'bg-slate-200 text-slate-800',
			)}
		>
			{t(`events.meeting.${status}`)}
		</span>
	)
}
