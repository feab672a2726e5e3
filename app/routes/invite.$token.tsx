import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Field, FormErrorSummary, StatusButton } from '#app/components/forms'
import { useT } from '#app/i18n/use-t'
import { FieldError } from '#app/modules/auth/auth.server'
import { AcceptInviteSchema } from '#app/modules/auth/schemas'
import { acceptInvitation, DomainError, getInvitation } from '#app/modules/firms/firms.server'
import { clientIp } from '#app/utils/auth.server'
import { useIsPending } from '#app/utils/misc'

export async function loader({ params }: LoaderFunctionArgs) {
	const invitation = await getInvitation(params.token ?? '')
	return json({ invitation: invitation ? { email: invitation.email, firmName: invitation.firm.name } : null })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const submission = parseWithZod(await request.formData(), { schema: AcceptInviteSchema })
	if (submission.status !== 'success') {
		return json({ result: submission.reply({ hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
	}
	try {
		const setCookie = await acceptInvitation(params.token ?? '', submission.value, {
			ip: clientIp(request),
			userAgent: request.headers.get('user-agent'),
		})
		return redirect('/dashboard', { headers: { 'Set-Cookie': setCookie } })
	} catch (error) {
		if (error instanceof DomainError) return json({ result: submission.reply({ formErrors: ['invite.invalid'] }) }, { status: 410 })
		if (error instanceof FieldError) return json({ result: submission.reply({ fieldErrors: error.fieldErrors }) }, { status: 400 })
		throw error
	}
}

export default function InviteRoute() {
	const { invitation } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const isPending = useIsPending()
	const [form, fields] = useForm({
		id: 'accept-invite',
		lastResult: actionData?.result,
		shouldValidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInviteSchema }),
	})
	if (!invitation) {
		return <p className="mx-auto max-w-md rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900">{t('invite.invalid')}</p>
	}
	return (
		<div className="mx-auto max-w-md">
			<h1 className="text-2xl font-bold">{t('invite.title', { firm: invitation.firmName })}</h1>
			<p className="mt-1 mb-6 text-slate-700">{t('invite.lead', { email: invitation.email })}</p>
			<Form method="POST" {...getFormProps(form)} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6">
				<FormErrorSummary errors={form.errors} />
				<Field label={t('auth.name')} inputProps={getInputProps(fields.name, { type: 'text' })} errors={fields.name.errors} />
				<Field
					label={t('auth.password')}
					hint={t('auth.passwordHint')}
					inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
					errors={fields.password.errors}
				/>
				<Field
					label={t('auth.confirmPassword')}
					inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
					errors={fields.confirmPassword.errors}
				/>
				<StatusButton type="submit" pending={isPending}>
					{t('invite.submit')}
				</StatusButton>
			</Form>
		</div>
	)
}
