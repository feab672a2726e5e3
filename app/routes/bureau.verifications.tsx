import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { ErrorList, StatusButton } from '#app/components/forms'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { decideVerification, DomainError, listVerificationQueue } from '#app/modules/firms/firms.server'
import { getRegion } from '#app/modules/firms/regions'
import { VerificationDecisionSchema } from '#app/modules/firms/schemas'
import { clientIp, requireRole } from '#app/utils/auth.server'
import { cn } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

const TABS = ['PENDING', 'VERIFIED', 'REJECTED'] as const
const TabSchema = z.enum(TABS).catch('PENDING')

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, STAFF_ROLES)
	const status = TabSchema.parse(new URL(request.url).searchParams.get('status') ?? 'PENDING')
	return json({ status, firms: await listVerificationQueue(status) })
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const submission = parseWithZod(await request.formData(), { schema: VerificationDecisionSchema })
	if (submission.status !== 'success') {
		return json({ firmId: String(submission.payload.firmId ?? ''), errors: submission.error?.reason ?? ['err.invalid'] }, { status: 400 })
	}
	const value = submission.value
	try {
		await decideVerification(
			{ id: user.id, role: user.role },
			value.intent === 'approve' ? { firmId: value.firmId, approve: true } : { firmId: value.firmId, approve: false, reason: value.reason },
			{ ip: clientIp(request) },
		)
	} catch (error) {
		if (error instanceof DomainError && error.code === 'not_found') throw new Response('Not found', { status: 404 })
		throw error
	}
	const url = new URL(request.url)
	return redirectWithToast(`/bureau/verifications${url.search}`, {
		message: value.intent === 'approve' ? 'bureau.approved' : 'bureau.rejected',
		vars: { firm: String(submission.payload.firmName ?? '') },
	})
}

export default function VerificationsRoute() {
	const { status, firms } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const t = useT()
	return (
		<div>
			<PageHeader title={t('bureau.verifications.title')} lead={t('bureau.verifications.lead')} />
			<nav aria-label={t('bureau.verifications.title')} className="mb-4 flex gap-2">
				{TABS.map((tab) => (
					<Link
						key={tab}
						to={`?status=${tab}`}
						aria-current={tab === status ? 'page' : undefined}
						className={cn('rounded-md px-3 py-1.5 text-sm', tab === status ? 'bg-brand-700 font-semibold text-white' : 'border border-slate-300 bg-white')}
					>
						{t(`bureau.tab.${tab}`)}
					</Link>
				))}
			</nav>
			{firms.length === 0 ? (
				<p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700">{t('bureau.empty')}</p>
			) : (
				<ul className="flex flex-col gap-4">
					{firms.map((f) => {
						const pending = navigation.state !== 'idle' && navigation.formData?.get('firmId') === f.id
						return (
							<li key={f.id} className="rounded-lg border border-slate-200 bg-white p-5" data-testid={`firm-${f.id}`}>
								<div className="flex flex-wrap items-baseline justify-between gap-2">
									<h2 className="text-lg font-semibold">
										<Link to={`/firms/${f.id}`} className="hover:underline">
											{f.name}
										</Link>
									</h2>
									<span className="text-xs text-slate-600">
										{t('bureau.submittedAt')} {new Date(f.submittedAt).toLocaleString('zh-CN')}
									</span>
								</div>
								<dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm md:grid-cols-[auto_1fr_auto_1fr]">
									<dt className="text-slate-600">{t('auth.register.uscc')}</dt>
									<dd className="font-mono">{f.uscc}</dd>
									<dt className="text-slate-600">{t('auth.register.kind')}</dt>
									<dd>{t(`kind.${f.kind}`)}</dd>
									<dt className="text-slate-600">{t('firm.region')}</dt>
									<dd>{getRegion(f.regionCode)?.name ?? f.regionCode}</dd>
									<dt className="text-slate-600">{t('firm.contactName')}</dt>
									<dd>
										{f.contactName} {f.contactPhone}
									</dd>
									{f.verifiedBy ? (
										<>
											<dt className="text-slate-600">{t('bureau.verifiedBy')}</dt>
											<dd>{f.verifiedBy.name}</dd>
										</>
									) : null}
									{f.verificationNote ? (
										<>
											<dt className="text-slate-600">{t('profile.rejectedReason')}</dt>
											<dd>{f.verificationNote}</dd>
										</>
									) : null}
								</dl>
								{status !== 'VERIFIED' ? (
									<div className="mt-4 flex flex-wrap items-start gap-4">
										<Form method="POST" action={`/bureau/verifications?${searchParams.toString()}`}>
											<input type="hidden" name="firmId" value={f.id} />
											<input type="hidden" name="firmName" value={f.name} />
											<StatusButton type="submit" name="intent" value="approve" pending={pending && navigation.formData?.get('intent') === 'approve'}>
												{t('bureau.approve')}
											</StatusButton>
										</Form>
										{status === 'PENDING' ? (
											<Form method="POST" action={`/bureau/verifications?${searchParams.toString()}`} className="flex flex-wrap items-start gap-2">
												<input type="hidden" name="firmId" value={f.id} />
												<input type="hidden" name="firmName" value={f.name} />
												<div className="flex flex-col">
													<label htmlFor={`reason-${f.id}`} className="sr-only">
														{t('bureau.rejectReason')}
													</label>
													<input
														id={`reason-${f.id}`}
														name="reason"
														placeholder={t('bureau.rejectReason')}
														className="w-64 rounded-md border border-slate-300 px-3 py-2 text-sm"
														aria-describedby={actionData?.firmId === f.id ? `reason-${f.id}-error` : undefined}
													/>
													{actionData?.firmId === f.id ? <ErrorList id={`reason-${f.id}-error`} errors={actionData.errors} /> : null}
												</div>
												<StatusButton type="submit" name="intent" value="reject" variant="danger" pending={pending && navigation.formData?.get('intent') === 'reject'}>
													{t('bureau.reject')}
												</StatusButton>
											</Form>
										) : null}
									</div>
								) : null}
							</li>
						)
					})}
				</ul>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
