import { Form, Link, useNavigation } from '@remix-run/react'
import { StatusButton } from '#app/components/forms'
import { useT } from '#app/i18n/use-t'
import { formatDate } from './format'
import { HiddenBadge, ListingStatusBadge, type ListingStatus } from './status-badge'

export type OwnListing = {
	id: string
	title: string
	status: ListingStatus
	hidden: boolean
	hiddenReason: string
	updatedAt: string
	clusterName: string | null
	extra?: string | null
}

export type RowAction = { intent: string; label: string; variant?: 'primary' | 'secondary' | 'danger' }

/** The firm's own listings with per-row status buttons; each posts `intent` and `id`. */
export function OwnListingsTable({
	items,
	basePath,
	actionsFor,
	extraHeading,
}: {
	items: OwnListing[]
	basePath: string
	actionsFor: (item: OwnListing) => RowAction[]
	extraHeading?: string
}) {
	const t = useT()
	const navigation = useNavigation()
	const pendingId = navigation.state === 'submitting' ? navigation.formData?.get('id') : null
	const pendingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
	return (
		<div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
			<table className="w-full min-w-[44rem] border-collapse text-sm">
				<thead className="bg-slate-50 text-left text-slate-700">
					<tr>
						<th scope="col" className="px-4 py-2 font-medium">
							{t('my.col.title')}
						</th>
						<th scope="col" className="px-4 py-2 font-medium">
							{t('my.col.cluster')}
						</th>
						{extraHeading ? (
							<th scope="col" className="px-4 py-2 font-medium">
								{extraHeading}
							</th>
						) : null}
						<th scope="col" className="px-4 py-2 font-medium">
							{t('my.col.status')}
						</th>
						<th scope="col" className="px-4 py-2 font-medium">
							{t('my.col.updatedAt')}
						</th>
						<th scope="col" className="px-4 py-2 font-medium">
							{t('my.col.actions')}
						</th>
					</tr>
				</thead>
				<tbody>
					{items.map((item) => (
						<tr key={item.id} className="border-t border-slate-100 align-top" data-testid={`own-${item.id}`}>
							<td className="px-4 py-3">
								<Link
									to={`${basePath}/${item.id}`}
									className="text-brand-800 font-medium break-all hover:underline"
								>
									{item.title}
								</Link>
								{item.hidden ? (
									<p className="mt-1 text-xs text-red-800">
										{t('listing.hiddenReason')}：{item.hiddenReason || t('common.none')}
									</p>
								) : null}
							</td>
							<td className="px-4 py-3 text-slate-700">{item.clusterName ?? '—'}</td>
							{extraHeading ? <td className="px-4 py-3 text-slate-700">{item.extra || '—'}</td> : null}
							<td className="px-4 py-3">
								<div className="flex flex-wrap gap-1">
									<ListingStatusBadge status={item.status} />
									{item.hidden ? <HiddenBadge /> : null}
								</div>
							</td>
							<td className="px-4 py-3 whitespace-nowrap text-slate-700">{formatDate(item.updatedAt)}</td>
							<td className="px-4 py-3">
								<div className="flex flex-wrap gap-2">
									<Link
										to={`${basePath}/${item.id}/edit`}
										className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-xs font-semibold hover:bg-slate-100"
										aria-label={t('my.editNamed', { title: item.title })}
									>
										{t('listing.edit')}
									</Link>
									{actionsFor(item).map((a) => (
										<Form key={a.intent} method="POST">
											<input type="hidden" name="id" value={item.id} />
											<StatusButton
												type="submit"
												name="intent"
												value={a.intent}
												variant={a.variant ?? 'secondary'}
												className="px-3 py-1.5 text-xs"
												pending={pendingId === item.id && pendingIntent === a.intent}
												aria-label={`${a.label}：${item.title}`}
											>
												{a.label}
											</StatusButton>
										</Form>
									))}
								</div>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
