import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { StatusButton } from '#app/components/forms'
import { PageHeader } from '#app/components/layout'
import { ProblemText, StageBadge } from '#app/components/targets/parts'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { QUALIFYING_SCORE, STALL_DAYS } from '#app/modules/targets/lifecycle'
import { contactFirm, followUpHistory, followUpQueue, TargetError } from '#app/modules/targets/targets.server'
import { clientIp, requireRole } from '#app/utils/auth.server'
import { redirectWithToast } from '#app/utils/toast.server'
import { wellFormedText } from '#app/utils/text'

// GET /bureau/follow-ups — the bureau's queue of target-list items with no match or a stalled
// docking, newest problems first, with a logged 联系企业 action and its history.
export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, STAFF_ROLES)
	const [queue, history] = await Promise.all([followUpQueue(), followUpHistory()])
	return json({ queue, history, stallDays: STALL_DAYS, score: QUALIFYING_SCORE })
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const form = await request.formData()
	const itemId = wellFormedText(String(form.get('itemId') ?? ''))
	try {
		await contactFirm(user, itemId, String(form.get('note') ?? ''), { ip: clientIp(request) })
	} catch (error) {
		if (error instanceof TargetError) {
			if (error.status === 404) throw new Response('Not Found', { status: 404 })
			return json({ itemId, error: error.key }, { status: error.status })
		}
		throw error
	}
	return redirectWithToast('/bureau/follow-ups', { message: 'targetLists.toast.contacted' })
}

export default function FollowUpsRoute() {
	const { queue, history, stallDays, score } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const t = useT()
	return (
		<div>
			<PageHeader
				title={t('targetLists.fu.title')}
				lead={t('targetLists.fu.lead', { days: stallDays, score })}
			/>
			<section aria-labelledby="queue-h" className="mb-8">
				<h2 id="queue-h" className="mb-3 text-lg font-semibold">
					{t('targetLists.fu.queue', { count: queue.length })}
				</h2>
				{queue.length === 0 ? (
					<p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">
						{t('targetLists.fu.empty')}
					</p>
				) : (
					<ul className="flex flex-col gap-3">
						{queue.map((e) => {
							const key = `${e.itemId}-${e.problem.kind}-${e.problem.kind === 'stalled' ? e.problem.dockingId : ''}`
							const pending = navigation.state !== 'idle' && navigation.formData?.get('key') === key
							return (
								<li
									key={key}
									className="rounded-lg border border-slate-200 bg-white p-4"
									data-testid="follow-up-entry"
								>
									<div className="flex flex-wrap items-baseline justify-between gap-2">
										<h3 className="font-semibold">
											<Link to={`/demands/${e.demandId}`} className="hover:underline">
												{e.demandTitle}
											</Link>{' '}
											<StageBadge stage={e.stage} />
										</h3>
										<span className="text-xs text-slate-600">
											{t('targetLists.fu.since')} {new Date(e.problem.since).toLocaleString('zh-CN')}
										</span>
									</div>
									<p className="text-sm text-slate-700">
										{e.firmName} ·{' '}
										<Link to={`/targets/${e.listId}`} className="text-brand-700 underline">
											{e.listTitle}
										</Link>
									</p>
									<p className="mt-1 text-sm">
										<ProblemText problem={e.problem} />
									</p>
									<Form method="POST" className="mt-2 flex flex-wrap items-end gap-2">
										<input type="hidden" name="itemId" value={e.itemId} />
										<input type="hidden" name="key" value={key} />
										<label className="flex min-w-64 flex-1 flex-col text-sm">
											{t('targetLists.fu.note')}
											<input
												name="note"
												required
												maxLength={1000}
												className="rounded-md border border-slate-300 px-3 py-1.5"
											/>
										</label>
										<StatusButton type="submit" pending={pending}>
											{t('targetLists.fu.contact')}
										</StatusButton>
									</Form>
									{actionData?.itemId === e.itemId ? (
										<p role="alert" className="mt-1 text-sm text-red-700">
											{t(actionData.error)}
										</p>
									) : null}
								</li>
							)
						})}
					</ul>
				)}
			</section>
			<section aria-labelledby="history-h">
				<h2 id="history-h" className="mb-3 text-lg font-semibold">
					{t('targetLists.fu.history')}
				</h2>
				{history.length === 0 ? (
					<p className="text-slate-700">{t('targetLists.fu.historyEmpty')}</p>
				) : (
					<div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
						<table className="w-full text-left text-sm">
							<caption className="sr-only">{t('targetLists.fu.history')}</caption>
							<thead className="bg-slate-50 text-slate-700">
								<tr>
									<th className="px-3 py-2">{t('targetLists.fu.col.time')}</th>
									<th className="px-3 py-2">{t('targetLists.fu.col.actor')}</th>
									<th className="px-3 py-2">{t('targetLists.fu.col.action')}</th>
									<th className="px-3 py-2">{t('targetLists.fu.col.item')}</th>
									<th className="px-3 py-2">{t('targetLists.fu.col.note')}</th>
								</tr>
							</thead>
							<tbody>
								{history.map((h) => (
									<tr key={h.id} className="border-t border-slate-100" data-testid="follow-up-history">
										<td className="px-3 py-1.5 whitespace-nowrap">
											{new Date(h.createdAt).toLocaleString('zh-CN')}
										</td>
										<td className="px-3 py-1.5">{h.actorName}</td>
										<td className="px-3 py-1.5">{t(`targetLists.fu.action.${h.action}`)}</td>
										<td className="px-3 py-1.5">
											<Link to={`/targets/${h.listId}`} className="hover:underline">
												{h.listTitle}
											</Link>{' '}
											· {h.demandTitle}
										</td>
										<td className="px-3 py-1.5 whitespace-pre-line">{h.note}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
