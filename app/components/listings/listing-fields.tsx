import { getInputProps, getSelectProps, type FieldMetadata, type FormMetadata } from '@conform-to/react'
import { useState, type ReactNode } from 'react'
import { CheckboxGroup, ErrorList, Field, SelectField } from '#app/components/forms'
import { useLocale, useT } from '#app/i18n/use-t'
import { CURATED_CERTIFICATIONS } from '#app/modules/firms/constants'

export type ChainStage = 'UPSTREAM' | 'MIDSTREAM' | 'DOWNSTREAM'
export type ClusterOption = {
	id: string
	name: string
	nameEn: string
	nodes: Array<{ id: string; name: string; stage: ChainStage }>
}

const STAGES: ChainStage[] = ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM']

/** Conform's prop getters include `key`; React wants it passed separately, not spread. */
export function withoutKey<T extends { key?: unknown }>(props: T): Omit<T, 'key'> {
	const { key: _key, ...rest } = props
	return rest
}

export function FormSection({ title, children }: { title: string; children: ReactNode }) {
	return (
		<fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
			<legend className="px-1 text-base font-semibold text-slate-900">{title}</legend>
			{children}
		</fieldset>
	)
}

/**
 * Cluster and chain-node selects. With a cluster chosen the node list shows only its nodes;
 * without one (or without JavaScript) every node is offered, grouped by cluster.
 */
export function TaxonomyFields({
	clusters,
	cluster,
	node,
}: {
	clusters: ClusterOption[]
	cluster: FieldMetadata<string | undefined>
	node: FieldMetadata<string | undefined>
}) {
	const t = useT()
	const locale = useLocale()
	const [clusterId, setClusterId] = useState(String(cluster.initialValue ?? ''))
	const clusterName = (c: ClusterOption) => (locale === 'en' ? c.nameEn : c.name)
	const selected = clusters.find((c) => c.id === clusterId)
	return (
		<div className="grid gap-4 md:grid-cols-2">
			<SelectField
				label={t('listing.field.cluster')}
				selectProps={{ ...getSelectProps(cluster), onChange: (e) => setClusterId(e.currentTarget.value) }}
				errors={cluster.errors}
			>
				<option value="">{t('listing.field.chooseCluster')}</option>
				{clusters.map((c) => (
					<option key={c.id} value={c.id}>
						{clusterName(c)}
					</option>
				))}
			</SelectField>
			{/* Remounted per cluster, so a node from another cluster is dropped. */}
			<SelectField
				key={clusterId}
				label={t('listing.field.chainNode')}
				selectProps={withoutKey(getSelectProps(node))}
				errors={node.errors}
			>
				<option value="">{t('listing.field.chooseNode')}</option>
				{selected
					? STAGES.map((stage) => {
							const nodes = selected.nodes.filter((n) => n.stage === stage)
							return nodes.length ? (
								<optgroup key={stage} label={t(`stage.${stage}`)}>
									{nodes.map((n) => (
										<option key={n.id} value={n.id}>
											{n.name}
										</option>
									))}
								</optgroup>
							) : null
						})
					: clusters.map((c) => (
							<optgroup key={c.id} label={clusterName(c)}>
								{c.nodes.map((n) => (
									<option key={n.id} value={n.id}>
										{t(`stage.${n.stage}`)} · {n.name}
									</option>
								))}
							</optgroup>
						))}
			</SelectField>
		</div>
	)
}

type SpecRow = { key: string; value: string }

/** Repeatable name/value rows; add and remove are Conform list intents, so they also work without JavaScript. */
export function SpecsFields({
	form,
	specs,
}: {
	form: FormMetadata
	specs: FieldMetadata<SpecRow[] | undefined>
}) {
	const t = useT()
	const rows = specs.getFieldList()
	return (
		<div className="flex flex-col gap-2" data-testid="specs">
			<div
				aria-hidden="true"
				className="hidden grid-cols-[1fr_2fr_auto] gap-2 text-sm font-medium text-slate-800 sm:grid"
			>
				<span>{t('listing.spec.key')}</span>
				<span>{t('listing.spec.value')}</span>
				<span className="w-16" />
			</div>
			<ol className="flex flex-col gap-2">
				{rows.map((row, index) => {
					const fields = row.getFieldset()
					const keyProps = withoutKey(getInputProps(fields.key, { type: 'text' }))
					const valueProps = withoutKey(getInputProps(fields.value, { type: 'text' }))
					return (
						<li key={row.key} className="grid grid-cols-1 gap-2 sm:grid-cols-[1fr_2fr_auto]">
							<div>
								<label htmlFor={keyProps.id} className="sr-only">
									{t('listing.spec.keyN', { n: index + 1 })}
								</label>
								<input
									{...keyProps}
									placeholder={t('listing.spec.keyPlaceholder')}
									maxLength={40}
									className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
								/>
								<ErrorList errors={fields.key.errors} />
							</div>
							<div>
								<label htmlFor={valueProps.id} className="sr-only">
									{t('listing.spec.valueN', { n: index + 1 })}
								</label>
								<input
									{...valueProps}
									placeholder={t('listing.spec.valuePlaceholder')}
									maxLength={200}
									className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
								/>
								<ErrorList errors={fields.value.errors} />
							</div>
							<button
								{...form.remove.getButtonProps({ name: specs.name, index })}
								className="w-16 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm hover:bg-slate-100"
								aria-label={t('listing.spec.removeN', { n: index + 1 })}
							>
								{t('listing.spec.remove')}
							</button>
						</li>
					)
				})}
			</ol>
			<ErrorList errors={specs.errors} />
			{rows.length < 30 ? (
				<div>
					<button
						{...form.insert.getButtonProps({ name: specs.name, defaultValue: { key: '', value: '' } })}
						className="rounded-md border border-dashed border-slate-400 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
					>
						+ {t('listing.spec.add')}
					</button>
				</div>
			) : null}
		</div>
	)
}

const CURATED = new Set<string>(CURATED_CERTIFICATIONS)

export function splitCertifications(list: string[]) {
	return {
		curated: list.filter((c) => CURATED.has(c)),
		other: list.filter((c) => !CURATED.has(c)).join('，'),
	}
}

export function CertificationFields({
	legend,
	certifications,
	other,
}: {
	legend: string
	certifications: FieldMetadata<string[] | undefined>
	other: FieldMetadata<string | undefined>
}) {
	const t = useT()
	const initial = certifications.initialValue
	const defaultValue = (Array.isArray(initial) ? initial : initial ? [initial] : []).filter(
		(v): v is string => typeof v === 'string',
	)
	return (
		<div className="flex flex-col gap-4">
			<CheckboxGroup
				legend={legend}
				name={certifications.name}
				options={CURATED_CERTIFICATIONS.map((c) => ({ value: c, label: c }))}
				defaultValue={defaultValue}
				errors={certifications.errors}
			/>
			<Field
				label={t('listing.field.otherCertifications')}
				hint={t('listing.field.commaHint')}
				inputProps={getInputProps(other, { type: 'text' })}
				errors={other.errors}
			/>
		</div>
	)
}
