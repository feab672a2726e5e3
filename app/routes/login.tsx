import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { Field, FormErrorSummary, StatusButton } from '#app/components/forms'
import { useT } from '#app/i18n/use-t'
import { login } from '#app/modules/auth/auth.server'
import { LoginSchema } from '#app/modules/auth/schemas'
import { clientIp, getUser, requireAnonymous } from '#app/utils/auth.server'
import { safeRedirect, useIsPending } from '#app/utils/misc'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	return json({})
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: LoginSchema })
	if (submission.status !== 'success') {
		return json({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const previous = await getUser(request)
	const result = await login(submission.value.email, submission.value.password, {
		ip: clientIp(request),
		userAgent: request.headers.get('user-agent'),
		replaceSessionId: previous?.sessionId,
	})
	if (!result.ok) {
		return json(
			{
				result: submission.reply({
					formErrors: [result.reason === 'locked' ? 'auth.locked' : 'auth.invalid'],
					hideFields: ['password'],
				}),
			},
			{ status: result.reason === 'locked' ? 429 : 400 },
		)
	}
	return redirect(safeRedirect(submission.value.redirectTo), { headers: { 'Set-Cookie': result.setCookie } })
}

export default function LoginRoute() {
	const t = useT()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const isPending = useIsPending()
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		shouldValidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
	})
	return (
		<div className="mx-auto max-w-md">
			<h1 className="mb-6 text-2xl font-bold">{t('auth.login.title')}</h1>
			{searchParams.get('expired') ? (
				<p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">{t('auth.sessionExpired')}</p>
			) : null}
			{searchParams.get('deleted') ? (
				<p role="status" className="mb-4 rounded-md bg-slate-100 p-3 text-sm text-slate-800">
					{t('account.deleted')}
				</p>
			) : null}
			<Form
				method="POST"
				{...getFormProps(form)}
				className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6"
			>
				<FormErrorSummary errors={form.errors} />
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<Field
					label={t('auth.email')}
					inputProps={{
						...getInputProps(fields.email, { type: 'email' }),
						autoComplete: 'username',
						autoFocus: true,
					}}
					errors={fields.email.errors}
				/>
				<Field
					label={t('auth.password')}
					inputProps={{
						...getInputProps(fields.password, { type: 'password' }),
						autoComplete: 'current-password',
					}}
					errors={fields.password.errors}
				/>
				<StatusButton type="submit" pending={isPending}>
					{t('auth.login.submit')}
				</StatusButton>
				<p className="text-sm text-slate-700">
					{t('auth.login.noAccount')}{' '}
					<Link to="/register" className="text-brand-700 underline">
						{t('auth.login.registerLink')}
					</Link>
				</p>
			</Form>
		</div>
	)
}
