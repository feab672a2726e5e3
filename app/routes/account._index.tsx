import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormErrorSummary, StatusButton } from '#app/components/forms'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { changePassword, FieldError } from '#app/modules/auth/auth.server'
import { ChangePasswordSchema, DeleteAccountSchema } from '#app/modules/auth/schemas'
import { sessionCookie } from '#app/modules/auth/session.server'
import { deleteAccount } from '#app/modules/privacy/privacy.server'
import { prisma } from '#app/utils/db.server'
import { clientIp, requireUser } from '#app/utils/auth.server'
import { useIsPending } from '#app/utils/misc'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireUser(request)
	const [profile, sessions] = await Promise.all([
		prisma.user.findUniqueOrThrow({
			where: { id: user.id },
			select: {
				name: true,
				email: true,
				role: true,
				createdAt: true,
				lastLoginAt: true,
				firm: { select: { name: true } },
			},
		}),
		prisma.session.findMany({
			where: { userId: user.id },
			select: { createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
			orderBy: { lastSeenAt: 'desc' },
			take: 20,
		}),
	])
	return json({ profile, sessions, passwordChanged: new URL(request.url).searchParams.has('changed') })
}

const HIDE = ['currentPassword', 'password', 'confirmPassword']

function splitErrors(fieldErrors: Record<string, string[]>) {
	const { '': formErrors = [], ...rest } = fieldErrors
	return { formErrors, fieldErrors: rest }
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireUser(request)
	const formData = await request.formData()
	const meta = { ip: clientIp(request), userAgent: request.headers.get('user-agent') }
	if (formData.get('intent') === 'delete') {
		const submission = parseWithZod(formData, { schema: DeleteAccountSchema })
		if (submission.status !== 'success') {
			return json(
				{ intent: 'delete' as const, result: submission.reply({ hideFields: HIDE }) },
				{ status: 400 },
			)
		}
		try {
			await deleteAccount(user.id, submission.value.currentPassword, meta)
		} catch (error) {
			if (error instanceof FieldError) {
				const reply = submission.reply({ ...splitErrors(error.fieldErrors), hideFields: HIDE })
				return json({ intent: 'delete' as const, result: reply }, { status: 400 })
			}
			throw error
		}
		return redirect('/login?deleted=1', {
			headers: { 'Set-Cookie': await sessionCookie.serialize('', { maxAge: 0 }) },
		})
	}
	const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
	if (submission.status !== 'success') {
		return json(
			{ intent: 'password' as const, result: submission.reply({ hideFields: HIDE }) },
			{ status: 400 },
		)
	}
	try {
		const setCookie = await changePassword(user.id, submission.value, meta)
		return redirect('/account?changed=1', { headers: { 'Set-Cookie': setCookie } })
	} catch (error) {
		if (error instanceof FieldError) {
			const reply = submission.reply({ ...splitErrors(error.fieldErrors), hideFields: HIDE })
			return json({ intent: 'password' as const, result: reply }, { status: 400 })
		}
		throw error
	}
}

export default function AccountRoute() {
	const { profile, sessions, passwordChanged } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const isPending = useIsPending()
	const [passwordForm, passwordFields] = useForm({
		id: 'change-password',
		lastResult: actionData?.intent === 'password' ? actionData.result : undefined,
		shouldValidate: 'onBlur',
		// Clear a server error while typing, so the button does not move under the pointer on blur.
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
	})
	const [deleteForm, deleteFields] = useForm({
		id: 'delete-account',
		lastResult: actionData?.intent === 'delete' ? actionData.result : undefined,
		shouldValidate: 'onBlur',
		// Clear a server error while typing, so the button does not move under the pointer on blur.
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }),
	})
	return (
		<div className="flex max-w-3xl flex-col gap-6">
			<PageHeader title={t('account.title')} lead={t('account.lead')} />
			<section className="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="account-profile">
				<h2 id="account-profile" className="mb-3 text-lg font-semibold">
					{t('account.profile')}
				</h2>
				<dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
					<dt className="text-slate-600">{t('account.name')}</dt>
					<dd>{profile.name}</dd>
					<dt className="text-slate-600">{t('account.email')}</dt>
					<dd>{profile.email}</dd>
					<dt className="text-slate-600">{t('account.role')}</dt>
					<dd>{t(`role.${profile.role}`)}</dd>
					{profile.firm ? (
						<>
							<dt className="text-slate-600">{t('account.firm')}</dt>
							<dd>{profile.firm.name}</dd>
						</>
					) : null}
					<dt className="text-slate-600">{t('account.createdAt')}</dt>
					<dd>{new Date(profile.createdAt).toLocaleString('zh-CN')}</dd>
					<dt className="text-slate-600">{t('account.lastLoginAt')}</dt>
					<dd>{profile.lastLoginAt ? new Date(profile.lastLoginAt).toLocaleString('zh-CN') : '—'}</dd>
				</dl>
				<h3 className="mt-4 mb-2 font-semibold">{t('account.sessions')}</h3>
				<ul className="text-sm text-slate-700">
					{sessions.map((s) => (
						<li key={`${s.createdAt}-${s.ip}`}>
							{new Date(s.lastSeenAt).toLocaleString('zh-CN')} · {s.ip ?? '—'} ·{' '}
							{s.userAgent?.slice(0, 80) ?? '—'}
						</li>
					))}
				</ul>
			</section>
			<section className="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="account-export">
				<h2 id="account-export" className="mb-2 text-lg font-semibold">
					{t('account.export.title')}
				</h2>
				<p className="mb-3 text-sm text-slate-700">{t('account.export.lead')}</p>
				<a
					href="/account/export"
					download
					className="bg-brand-700 hover:bg-brand-800 inline-block rounded-md px-4 py-2 font-semibold text-white"
				>
					{t('account.export.submit')}
				</a>
			</section>
			<section className="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="account-password">
				<h2 id="account-password" className="mb-3 text-lg font-semibold">
					{t('account.password.title')}
				</h2>
				{passwordChanged ? (
					<p role="status" className="mb-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
						{t('account.password.done')}
					</p>
				) : null}
				<Form method="POST" {...getFormProps(passwordForm)} className="flex flex-col gap-4">
					<FormErrorSummary errors={passwordForm.errors} />
					<input type="hidden" name="intent" value="password" />
					<Field
						label={t('account.password.current')}
						inputProps={{
							...getInputProps(passwordFields.currentPassword, { type: 'password' }),
							autoComplete: 'current-password',
						}}
						errors={passwordFields.currentPassword.errors}
					/>
					<Field
						label={t('account.password.new')}
						inputProps={{
							...getInputProps(passwordFields.password, { type: 'password' }),
							autoComplete: 'new-password',
						}}
						errors={passwordFields.password.errors}
					/>
					<Field
						label={t('account.password.confirm')}
						inputProps={{
							...getInputProps(passwordFields.confirmPassword, { type: 'password' }),
							autoComplete: 'new-password',
						}}
						errors={passwordFields.confirmPassword.errors}
					/>
					<StatusButton type="submit" pending={isPending} className="self-start">
						{t('account.password.submit')}
					</StatusButton>
				</Form>
			</section>
			<section className="rounded-lg border border-red-200 bg-white p-6" aria-labelledby="account-delete">
				<h2 id="account-delete" className="mb-2 text-lg font-semibold text-red-800">
					{t('account.delete.title')}
				</h2>
				<p className="mb-3 text-sm text-slate-700">{t('account.delete.lead')}</p>
				<Form method="POST" {...getFormProps(deleteForm)} className="flex flex-col gap-4">
					<FormErrorSummary errors={deleteForm.errors} />
					<input type="hidden" name="intent" value="delete" />
					<Field
						label={t('account.delete.password')}
						inputProps={{
							...getInputProps(deleteFields.currentPassword, { type: 'password' }),
							autoComplete: 'current-password',
						}}
						errors={deleteFields.currentPassword.errors}
					/>
					<StatusButton type="submit" variant="danger" pending={isPending} className="self-start">
						{t('account.delete.submit')}
					</StatusButton>
				</Form>
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
