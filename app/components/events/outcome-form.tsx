import { Form } from '@remix-run/react'
import { ErrorList, StatusButton, type ListOfErrors } from '#app/components/forms'
import { useT } from '#app/i18n/use-t'
import { OUTCOMES } from '#app/modules/events/rules'

/** Records what came of a meeting; posts to the event's agenda route (also from the docking room). */
export function OutcomeForm({
	meetingId,
	errors,
	defaults,
	redirectTo,
	action,
}: {
	meetingId: string
	errors?: ListOfErrors
	defaults: { outcome: string | null; dealAmount: string | null; outcomeNote: string }
	redirectTo?: string
	action?: string
}) {
	const t = useT()
	return (
		<Form
			method="POST"
			action={action}
			className="mt-2 flex flex-wrap items-end gap-2 rounded-md bg-slate-50 p-2 text-sm"
		>
			<input type="hidden" name="intent" value="outcome" />
			<input type="hidden" name="meetingId" value={meetingId} />
			{redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
			<label className="flex flex-col text-xs text-slate-700">
				{t('events.outcomeLabel')}
				<select
					name="outcome"
					defaultValue={defaults.outcome ?? 'INTENT'}
					className="rounded border border-slate-300 px-2 py-1 text-sm"
				>
					{OUTCOMES.map((o) => (
						<option key={o} value={o}>
							{t(`events.outcome.${o}`)}
						</option>
					))}
				</select>
			</label>
			<label className="flex flex-col text-xs text-slate-700">
				{t('events.amountLabel')}
				<input
					name="amount"
					inputMode="decimal"
					defaultValue={defaults.dealAmount ?? ''}
					className="w-36 rounded border border-slate-300 px-2 py-1 text-sm"
				/>
			</label>
			<label className="flex flex-col text-xs text-slate-700">
				{t('events.noteLabel')}
				<input
					name="note"
					maxLength={1000}
					defaultValue={defaults.outcomeNote}
					className="rounded border border-slate-300 px-2 py-1 text-sm"
				/>
			</label>
			<StatusButton type="submit" variant="secondary">
				{t('events.saveOutcome')}
			</StatusButton>
			<ErrorList errors={errors} />
		</Form>
	)
}
