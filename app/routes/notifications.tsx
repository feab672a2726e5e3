import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { listNotifications, markRead } from '#app/modules/notifications/notifications.server'
import { requireUser } from '#app/utils/auth.server'
import { cn } from '#app/utils/misc'

const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('read'), id: z.string().min(1).max(40) }),
	z.object({ intent: z.literal('read-all') }),
])

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const page = z.coerce.number().int().min(1).max(1000).catch(1).parse(new URL(request.url).searchParams.get('page') ?? 1)
	return json({ ...(await listNotifications(user.id, page)), page })
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return json({ ok: false }, { status: 400 })
	const count = await markRead(user.id, parsed.data.intent === 'read-all' ? 'all' : { id: parsed.data.id })
	return json({ ok: true, count })
}

export default function NotificationsRoute() {
	const { items, page, pageCount } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const t = useT()
	const hasUnread = items.some((n) => !n.readAt)
	return (
		<div>
			<PageHeader
				title={t('notifications.title')}
				actions={
					hasUnread ? (
						<Form method="POST">
							<button type="submit" name="intent" value="read-all" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold">
								{t('notifications.readAll')}
							</button>
						</Form>
					) : null
				}
			/>
			{items.length === 0 ? (
				<p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">{t('notifications.empty')}</p>
			) : (
				<ul className="flex flex-col gap-2" aria-label={t('notifications.title')}>
					{items.map((n) => (
						<li key={n.id} className={cn('flex items-start justify-between gap-4 rounded-lg border bg-white p-4', n.readAt ? 'border-slate-200' : 'border-brand-600')}>
							<div className="min-w-0">
								<p className="font-semibold">
									{n.readAt ? null : <span className="mr-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs text-white">{t('notifications.new')}</span>}
									{n.link ? (
										<Link to={n.link} className="text-brand-800 hover:underline">
											{n.title}
										</Link>
									) : (
										n.title
									)}
								</p>
								{n.body ? <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{n.body}</p> : null}
								<p className="mt-1 text-xs text-slate-600">{new Date(n.createdAt).toLocaleString('zh-CN')}</p>
							</div>
							{n.readAt ? null : (
								<Form method="POST">
									<input type="hidden" name="id" value={n.id} />
									<button type="submit" name="intent" value="read" className="text-sm whitespace-nowrap text-brand-700 underline">
										{t('notifications.markRead')}
									</button>
								</Form>
							)}
						</li>
					))}
				</ul>
			)}
			{pageCount > 1 ? (
				<nav className="mt-4 flex gap-3 text-sm" aria-label={t('notifications.pages')}>
					{page > 1 ? <Link to={`?${new URLSearchParams({ ...Object.fromEntries(searchParams), page: String(page - 1) })}`}>{t('notifications.prev')}</Link> : null}
					<span>
						{page} / {pageCount}
					</span>
					{page < pageCount ? <Link to={`?${new URLSearchParams({ ...Object.fromEntries(searchParams), page: String(page + 1) })}`}>{t('notifications.next')}</Link> : null}
				</nav>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
