import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { useT } from '#app/i18n/use-t'
import { cn } from '#app/utils/misc'

export type ListOfErrors = Array<string | null | undefined> | null | undefined

export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
	const t = useT()
	const list = errors?.filter(Boolean)
	if (!list?.length) return null
	return (
		<ul id={id} className="mt-1 flex flex-col gap-0.5">
			{list.map((e) => (
				<li key={e} className="text-sm text-red-700">
					{t(e!)}
				</li>
			))}
		</ul>
	)
}

const inputClass =
	'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm placeholder:text-slate-400 aria-[invalid=true]:border-red-600'

export function Field({
	label,
	hint,
	inputProps,
	errors,
	className,
}: {
	label: ReactNode
	hint?: ReactNode
	inputProps: InputHTMLAttributes<HTMLInputElement>
	errors?: ListOfErrors
	className?: string
}) {
	const fallbackId = useId()
	const id = inputProps.id ?? fallbackId
	const errorId = errors?.length ? `${id}-error` : undefined
	const hintId = hint ? `${id}-hint` : undefined
	return (
		<div className={cn('flex flex-col gap-1', className)}>
			<label htmlFor={id} className="text-sm font-medium text-slate-800">
				{label}
			</label>
			<input
				{...inputProps}
				id={id}
				className={inputClass}
				aria-invalid={errorId ? true : undefined}
				aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
			/>
			{hint ? (
				<p id={hintId} className="text-xs text-slate-600">
					{hint}
				</p>
			) : null}
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function TextareaField({
	label,
	textareaProps,
	errors,
	className,
}: {
	label: ReactNode
	textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement>
	errors?: ListOfErrors
	className?: string
}) {
	const fallbackId = useId()
	const id = textareaProps.id ?? fallbackId
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div className={cn('flex flex-col gap-1', className)}>
			<label htmlFor={id} className="text-sm font-medium text-slate-800">
				{label}
			</label>
			<textarea {...textareaProps} id={id} className={inputClass} aria-invalid={errorId ? true : undefined} aria-describedby={errorId} />
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function SelectField({
	label,
	selectProps,
	errors,
	children,
	className,
}: {
	label: ReactNode
	selectProps: SelectHTMLAttributes<HTMLSelectElement>
	errors?: ListOfErrors
	children: ReactNode
	className?: string
}) {
	const fallbackId = useId()
	const id = selectProps.id ?? fallbackId
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div className={cn('flex flex-col gap-1', className)}>
			<label htmlFor={id} className="text-sm font-medium text-slate-800">
				{label}
			</label>
			<select {...selectProps} id={id} className={inputClass} aria-invalid={errorId ? true : undefined} aria-describedby={errorId}>
				{children}
			</select>
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function CheckboxGroup({
	legend,
	name,
	options,
	defaultValue = [],
	errors,
}: {
	legend: ReactNode
	name: string
	options: Array<{ value: string; label: ReactNode; group?: string }>
	defaultValue?: string[]
	errors?: ListOfErrors
}) {
	const id = useId()
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<fieldset className="flex flex-col gap-2" aria-describedby={errorId}>
			<legend className="text-sm font-medium text-slate-800">{legend}</legend>
			<div className="flex flex-wrap gap-x-4 gap-y-2">
				{options.map((o) => (
					<label key={o.value} className="flex items-center gap-2 text-sm">
						<input type="checkbox" name={name} value={o.value} defaultChecked={defaultValue.includes(o.value)} className="size-4" />
						{o.label}
					</label>
				))}
			</div>
			<ErrorList id={errorId} errors={errors} />
		</fieldset>
	)
}

export function StatusButton({
	pending,
	children,
	className,
	variant = 'primary',
	...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { pending?: boolean; variant?: 'primary' | 'secondary' | 'danger' }) {
	const t = useT()
	return (
		<button
			{...props}
			disabled={pending || props.disabled}
			aria-busy={pending || undefined}
			className={cn(
				'inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold shadow-sm disabled:opacity-60',
				variant === 'primary' && 'bg-brand-700 text-white hover:bg-brand-800',
				variant === 'secondary' && 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100',
				variant === 'danger' && 'bg-red-700 text-white hover:bg-red-800',
				className,
			)}
		>
			{pending ? t('common.submitting') : children}
		</button>
	)
}

export function FormErrorSummary({ errors }: { errors?: ListOfErrors }) {
	const t = useT()
	const list = errors?.filter(Boolean)
	if (!list?.length) return null
	return (
		<div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
			{list.map((e) => (
				<p key={e}>{t(e!)}</p>
			))}
		</div>
	)
}
