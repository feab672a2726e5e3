import { useId } from 'react'

export type FacetOption = { value: string; label: string; count: number }

/**
 * One facet as a group of checkboxes in the surrounding GET form; the URL carries one repeated
 * parameter per checked value. With JavaScript a change submits the form at once.
 */
export function FacetGroup({
	legend,
	name,
	options,
	selected,
	form,
}: {
	legend: string
	name: string
	options: FacetOption[]
	selected: string[]
	/** Id of the GET form the checkboxes belong to when they render outside it. */
	form?: string
}) {
	const id = useId()
	if (!options.length) return null
	return (
		<fieldset className="flex flex-col gap-1.5" data-testid={`facet-${name}`}>
			<legend className="mb-1 text-sm font-semibold text-slate-900">{legend}</legend>
			<ul className="flex max-h-72 flex-col gap-1 overflow-y-auto pr-1">
				{options.map((o, i) => (
					<li key={o.value}>
						<label htmlFor={`${id}-${i}`} className="flex items-start gap-2 text-sm text-slate-800">
							<input
								id={`${id}-${i}`}
								type="checkbox"
								name={name}
								form={form}
								value={o.value}
								defaultChecked={selected.includes(o.value)}
								className="mt-0.5 size-4 shrink-0"
								onChange={(e) => e.currentTarget.form?.requestSubmit()}
							/>
							<span className="flex-1">{o.label}</span>
							<span className="text-xs text-slate-600">{o.count}</span>
						</label>
					</li>
				))}
			</ul>
		</fieldset>
	)
}
