import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Field, FormErrorSummary, SelectField, StatusButton, TextareaField } from '#app/components/forms'
import { PageHeader } from '#app/components/layout'
import { CoverageBars, ProblemText, StageBadge } from '#app/components/targets/parts'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import {
	addItems,
	closeItem,
	clusterOptions,
	getListDetail,
	pickableDemands,
	removeItem,
	setListStatus,
	TargetError,
	updateList,
	type ItemView,
} from '#app/modules/targets/targets.server'
import { clientIp, requireUser } from '#app/utils/auth.server'
import { redirectWithToast } from '#app/utils/toast.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	try {
		const detail = await getListDetail(user, params.listId ?? '')
		const manage = detail.canManage && detail.list.status !== 'CLOSED'
		const pickable = manage ? await pickableDemands(user, detail.list.id) : []
		const clusters = manage ? await clusterOptions() : []
		return json({ detail, pickable, clusters, staff: STAFF_ROLES.includes(user.role) })
	} catch (error) {
		if (error instanceof TargetError) throw new Response(error.message, { status: error.status })
		throw error
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const listId = params.listId ?? ''
	const form = await request.formData()
	const intent = String(form.get('intent') ?? '')
	const meta = { ip: clientIp(request) }
	const back = (message: string) => redirectWithToast(`/targets/${listId}`, { message })
	try {
		switch (intent) {
			case 'update':
				await updateList(
					user,
					listId,
					{
						title: String(form.get('title') ?? ''),
						description: String(form.get('description') ?? ''),
						clusterId: String(form.get('clusterId') ?? ''),
					},
					meta,
				)
				return back('targetLists.toast.saved')
			case 'publish':
				await setListStatus(user, listId, 'PUBLISHED', meta)
				return back('targetLists.toast.published')
			case 'close':
				await setListStatus(user, listId, 'CLOSED', meta)
				return back('targetLists.toast.closed')
			case 'addItems':
				await addItems(user, listId, form.getAll('demandId').map(String), meta)
				return back('targetLists.toast.added')
			case 'removeItem':
				await removeItem(user, listId, String(form.get('itemId') ?? ''), meta)
				return back('targetLists.toast.removed')
			case 'closeItem':
				await closeItem(
					user,
					listId,
					String(form.get('itemId') ?? ''),
					String(form.get('reason') ?? ''),
					meta,
				)
				return back('targetLists.toast.itemClosed')
			default:
				return json({ error: 'targetLists.err.intent', itemId: null }, { status: 400 })
		}
	} catch (error) {
		if (error instanceof TargetError) {
			if (error.status === 404 || error.status === 403)
				throw new Response(error.message, { status: error.status })
			return json(
				{ error: error.key, itemId: String(form.get('itemId') ?? '') || null },
				{ status: error.status },
			)
		}
		throw error
	}
}

export default function TargetListRoute() {
	const { detail, pickable, clusters, staff } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const t = useT()
	const { list, items, coverage } = detail
	const manage = detail.canManage && list.status !== 'CLOSED'
	const busy = (intent: string) =>
		navigation.state !== 'idle' && navigation.formData?.get('intent') === intent
	const behind = items.filter((i) => i.problems.length > 0)
	return (
		<div>
			<p className="mb-2 text-sm">
				<Link to="/targets" className="text-brand-700 underline">
					{t('targetLists.back')}
				</Link>
			</p>
			<PageHeader
				title={list.title}
				lead={`${t('targetLists.owner')}：${list.ownerName ?? t('targetLists.bureauOwned')} · ${t('targetLists.cluster')}：${list.clusterName ?? t('targetLists.noCluster')} · ${t(`targetLists.status.${list.status}`)}`}
				actions={
					<div className="flex flex-wrap gap-2">
						{detail.canManage ? (
							<a
								href={`/resources/targets/${list.id}.xlsx`}
								className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
							>
								{t('targetLists.export')}
							</a>
						) : null}
						{manage && list.status === 'DRAFT' ? (
							<Form method="POST">
								<StatusButton type="submit" name="intent" value="publish" pending={busy('publish')}>
									{t('targetLists.publish')}
								</StatusButton>
							</Form>
						) : null}
						{manage && list.status === 'PUBLISHED' ? (
							<Form method="POST">
								<StatusButton
									type="submit"
									name="intent"
									value="close"
									variant="secondary"
									pending={busy('close')}
								>
									{t('targetLists.close')}
								</StatusButton>
							</Form>
						) : null}
					</div>
				}
			/>
			{list.description ? (
				<p className="mb-4 whitespace-pre-line text-slate-800">{list.description}</p>
			) : null}
			<FormErrorSummary errors={actionData && !actionData.itemId ? [actionData.error] : undefined} />

			<section aria-labelledby="coverage-h" className="mb-6 rounded-lg border border-slate-200 bg-white p-5">
				<h2 id="coverage-h" className="mb-3 text-lg font-semibold">
					{t('targetLists.coverage.title')}
				</h2>
				<CoverageBars coverage={coverage} />
			</section>

			<section aria-labelledby="items-h" className="mb-6">
				<h2 id="items-h" className="mb-3 text-lg font-semibold">
					{t('targetLists.items', { count: items.length })}
				</h2>
				{items.length === 0 ? (
					<p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-700">
						{t('targetLists.noItems')}
					</p>
				) : (
					<div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
						<table className="w-full text-left text-sm" data-testid="target-items">
							<caption className="sr-only">{t('targetLists.itemsCaption')}</caption>
							<thead className="bg-slate-50 text-slate-700">
								<tr>
									<th className="px-3 py-2">#</th>
									<th className="px-3 py-2">{t('targetLists.col.demand')}</th>
									<th className="px-3 py-2">{t('targetLists.col.stage')}</th>
									<th className="px-3 py-2">{t('targetLists.col.matches')}</th>
									<th className="px-3 py-2">{t('targetLists.col.qualified')}</th>
									{manage ? <th className="px-3 py-2">{t('targetLists.col.actions')}</th> : null}
								</tr>
							</thead>
							<tbody>
								{items.map((item, index) => (
									<ItemRow
										key={item.id}
										item={item}
										index={index}
										manage={manage}
										error={actionData?.itemId === item.id ? actionData.error : null}
									/>
								))}
							</tbody>
						</table>
					</div>
				)}
			</section>

			{detail.canManage ? (
				<section aria-labelledby="behind-h" className="mb-6 rounded-lg border border-slate-200 bg-white p-5">
					<h2 id="behind-h" className="text-lg font-semibold">
						{t('targetLists.behind.title')}
					</h2>
					<p className="mb-3 text-xs text-slate-600">
						{t('targetLists.behind.def', { days: detail.stallDays, score: detail.qualifyingScore })}
					</p>
					{behind.length === 0 ? (
						<p className="text-slate-700">{t('targetLists.behind.none')}</p>
					) : (
						<ul className="flex flex-col gap-2 text-sm" data-testid="behind">
							{behind.flatMap((item) =>
								item.problems.map((p, i) => (
									<li key={`${item.id}-${i}`}>
										<span className="font-medium">{item.demandTitle}</span>：<ProblemText problem={p} />
									</li>
								)),
							)}
						</ul>
					)}
				</section>
			) : null}

			{manage ? (
				<section aria-labelledby="add-h" className="mb-6 rounded-lg border border-slate-200 bg-white p-5">
					<h2 id="add-h" className="text-lg font-semibold">
						{t('targetLists.add.title')}
					</h2>
					<p className="mb-3 text-sm text-slate-700">
						{t('targetLists.add.hint')}{' '}
						<Link to={staff ? '/bureau/import' : '/my/import'} className="text-brand-700 underline">
							{t('targetLists.add.import')}
						</Link>
					</p>
					{pickable.length === 0 ? (
						<p className="text-slate-700">{t('targetLists.add.none')}</p>
					) : (
						<Form method="POST" className="flex flex-col gap-3">
							<fieldset className="flex max-h-80 flex-col gap-1 overflow-y-auto">
								<legend className="sr-only">{t('targetLists.add.title')}</legend>
								{pickable.map((d) => (
									<label key={d.id} className="flex items-center gap-2 text-sm">
										<input type="checkbox" name="demandId" value={d.id} className="size-4" />
										<span>
											{d.title}
											<span className="ml-2 text-xs text-slate-600">
												{d.firm.name} · {t(`targetLists.source.${d.source}`)} ·{' '}
												{t(`targetLists.demandStatus.${d.status}`)}
											</span>
										</span>
									</label>
								))}
							</fieldset>
							<div>
								<StatusButton type="submit" name="intent" value="addItems" pending={busy('addItems')}>
									{t('targetLists.add.submit')}
								</StatusButton>
							</div>
						</Form>
					)}
				</section>
			) : null}

			{manage ? (
				<section
					aria-labelledby="edit-h"
					className="max-w-2xl rounded-lg border border-slate-200 bg-white p-5"
				>
					<h2 id="edit-h" className="mb-3 text-lg font-semibold">
						{t('targetLists.edit')}
					</h2>
					<Form method="POST" className="flex flex-col gap-4">
						<Field
							label={t('targetLists.field.title')}
							inputProps={{ name: 'title', required: true, maxLength: 100, defaultValue: list.title }}
						/>
						<TextareaField
							label={t('targetLists.field.description')}
							textareaProps={{
								name: 'description',
								rows: 3,
								maxLength: 2000,
								defaultValue: list.description,
							}}
						/>
						<SelectField
							label={t('targetLists.cluster')}
							selectProps={{ name: 'clusterId', defaultValue: list.clusterId ?? '' }}
						>
							<option value="">{t('targetLists.noCluster')}</option>
							{clusters.map((c) => (
								<option key={c.id} value={c.id}>
									{c.name}
								</option>
							))}
						</SelectField>
						<div>
							<StatusButton type="submit" name="intent" value="update" pending={busy('update')}>
								{t('targetLists.save')}
							</StatusButton>
						</div>
					</Form>
				</section>
			) : null}
		</div>
	)
}

function ItemRow({
	item,
	index,
	manage,
	error,
}: {
	item: ItemView
	index: number
	manage: boolean
	error: string | null
}) {
	const t = useT()
	return (
		<tr className="border-t border-slate-100 align-top" data-testid={`item-${item.id}`}>
			<td className="px-3 py-2">{index + 1}</td>
			<td className="px-3 py-2">
				<Link to={`/demands/${item.demandId}`} className="hover:underline">
					{item.demandTitle}
				</Link>
				<div className="text-xs text-slate-600">{item.firmName}</div>
				{item.closeReason ? (
					<div className="text-xs text-slate-600">
						{t('targetLists.closeReason')}：{item.closeReason}
					</div>
				) : null}
			</td>
			<td className="px-3 py-2">
				<StageBadge stage={item.stage} />
			</td>
			<td className="px-3 py-2">{item.matches}</td>
			<td className="px-3 py-2">{item.qualifiedSuppliers}</td>
			{manage ? (
				<td className="px-3 py-2">
					{item.closedAt ? null : (
						<Form method="POST" className="flex flex-wrap items-end gap-2">
							<input type="hidden" name="itemId" value={item.id} />
							<label className="flex flex-col text-xs">
								{t('targetLists.closeReason')}
								<input
									name="reason"
									maxLength={500}
									className="rounded border border-slate-300 px-2 py-1 text-sm"
								/>
							</label>
							<button
								type="submit"
								name="intent"
								value="closeItem"
								className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
							>
								{t('targetLists.closeItem')}
							</button>
							<button
								type="submit"
								name="intent"
								value="removeItem"
								className="rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
							>
								{t('targetLists.removeItem')}
							</button>
						</Form>
					)}
					{error ? (
						<p role="alert" className="mt-1 text-xs text-red-700">
							{t(error)}
						</p>
					) : null}
				</td>
			) : null}
		</tr>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
