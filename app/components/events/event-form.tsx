import {
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import {
	CheckboxGroup,
	Field,
	FormErrorSummary,
	SelectField,
	StatusButton,
	TextareaField,
} from '#app/components/forms'
import { useT } from '#app/i18n/use-t'
import { EventSchema } from '#app/modules/events/rules'
import { useIsPending } from '#app/utils/misc'

export type EventFormDefaults = {
	title: string
	description: string
	clusterSlugs: string[]
	format: 'ONLINE' | 'HYBRID'
	venue: string
	days: string
	dayStart: string
	dayEnd: string
	meetingMinutes: string
	gapMinutes: string
	breaks: string
	capacity: string
	minMeetings: string
	maxMeetings: string
	registrationOpensAt: string
	registrationClosesAt: string
	requestsCloseAt: string
}

/** The organizer's event form (create and edit); slots follow from the grid fields. */
export function EventForm({
	id,
	defaults,
	clusters,
	lastResult,
	submitLabel,
	children,
}: {
	id: string
	defaults: EventFormDefaults
	clusters: Array<{ slug: string; name: string }>
	lastResult?: SubmissionResult<string[]> | null
	submitLabel: string
	children?: React.ReactNode
}) {
	const t = useT()
	const isPending = useIsPending()
	const [form, fields] = useForm<EventFormDefaults>({
		id,
		lastResult,
		defaultValue: defaults,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: EventSchema }) as never,
	})
	return (
		<Form
			method="POST"
			{...getFormProps(form)}
			className="flex flex-col gap-5 rounded-lg border border-slate-200 bg-white p-6"
		>
			<FormErrorSummary errors={form.errors} />
			{children}
			<Field
				label={t('events.form.title')}
				inputProps={{ ...getInputProps(fields.title, { type: 'text' }), maxLength: 100 }}
				errors={fields.title.errors}
			/>
			<TextareaField
				label={t('events.form.description')}
				textareaProps={{ ...getTextareaProps(fields.description), rows: 4, maxLength: 4000 }}
				errors={fields.description.errors}
			/>
			<CheckboxGroup
				legend={t('events.form.clusters')}
				name={fields.clusterSlugs.name}
				options={clusters.map((c) => ({ value: c.slug, label: c.name }))}
				defaultValue={defaults.clusterSlugs}
				errors={fields.clusterSlugs.errors}
			/>
			<div className="grid gap-4 sm:grid-cols-2">
				<SelectField
					label={t('events.form.format')}
					selectProps={getSelectProps(fields.format)}
					errors={fields.format.errors}
				>
					<option value="ONLINE">{t('events.format.ONLINE')}</option>
					<option value="HYBRID">{t('events.format.HYBRID')}</option>
				</SelectField>
				<Field
					label={t('events.form.venue')}
					hint={t('events.form.venueHint')}
					inputProps={{ ...getInputProps(fields.venue, { type: 'text' }), maxLength: 200 }}
					errors={fields.venue.errors}
				/>
			</div>
			<fieldset className="flex flex-col gap-4 rounded-md border border-slate-200 p-4">
				<legend className="px-1 text-sm font-semibold text-slate-900">{t('events.form.grid')}</legend>
				<Field
					label={t('events.form.days')}
					hint={t('events.form.daysHint')}
					inputProps={{
						...getInputProps(fields.days, { type: 'text' }),
						placeholder: '2026-12-10, 2026-12-11',
					}}
					errors={fields.days.errors}
				/>
				<div className="grid gap-4 sm:grid-cols-2">
					<Field
						label={t('events.form.dayStart')}
						inputProps={getInputProps(fields.dayStart, { type: 'time' })}
						errors={fields.dayStart.errors}
					/>
					<Field
						label={t('events.form.dayEnd')}
						inputProps={getInputProps(fields.dayEnd, { type: 'time' })}
						errors={fields.dayEnd.errors}
					/>
					<Field
						label={t('events.form.meetingMinutes')}
						inputProps={{ ...getInputProps(fields.meetingMinutes, { type: 'number' }), min: 10, max: 120 }}
						errors={fields.meetingMinutes.errors}
					/>
					<Field
						label={t('events.form.gapMinutes')}
						inputProps={{ ...getInputProps(fields.gapMinutes, { type: 'number' }), min: 0, max: 60 }}
						errors={fields.gapMinutes.errors}
					/>
				</div>
				<Field
					label={t('events.form.breaks')}
					hint={t('events.form.breaksHint')}
					inputProps={{ ...getInputProps(fields.breaks, { type: 'text' }), placeholder: '12:00-13:30' }}
					errors={fields.breaks.errors}
				/>
			</fieldset>
			<div className="grid gap-4 sm:grid-cols-3">
				<Field
					label={t('events.form.capacity')}
					inputProps={{ ...getInputProps(fields.capacity, { type: 'number' }), min: 2 }}
					errors={fields.capacity.errors}
				/>
				<Field
					label={t('events.form.minMeetings')}
					inputProps={{ ...getInputProps(fields.minMeetings, { type: 'number' }), min: 0, max: 40 }}
					errors={fields.minMeetings.errors}
				/>
				<Field
					label={t('events.form.maxMeetings')}
					inputProps={{ ...getInputProps(fields.maxMeetings, { type: 'number' }), min: 1, max: 40 }}
					errors={fields.maxMeetings.errors}
				/>
			</div>
			<div className="grid gap-4 sm:grid-cols-3">
				<Field
					label={t('events.form.registrationOpensAt')}
					inputProps={getInputProps(fields.registrationOpensAt, { type: 'datetime-local' })}
					errors={fields.registrationOpensAt.errors}
				/>
				<Field
					label={t('events.form.registrationClosesAt')}
					inputProps={getInputProps(fields.registrationClosesAt, { type: 'datetime-local' })}
					errors={fields.registrationClosesAt.errors}
				/>
				<Field
					label={t('events.form.requestsCloseAt')}
					hint={t('events.form.requestsCloseHint')}
					inputProps={getInputProps(fields.requestsCloseAt, { type: 'datetime-local' })}
					errors={fields.requestsCloseAt.errors}
				/>
			</div>
			<p className="text-xs text-slate-600">{t('events.form.timeZone')}</p>
			<div>
				<StatusButton type="submit" pending={isPending}>
					{submitLabel}
				</StatusButton>
			</div>
		</Form>
	)
}
