import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Field, StatusButton } from '#app/components/forms'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { FieldError } from '#app/modules/auth/auth.server'
import { InviteSchema } from '#app/modules/auth/schemas'
import { inviteColleague, listFirmMembers } from '#app/modules/firms/firms.server'
import { clientIp, requireFirmUser } from '#app/utils/auth.server'
import { useIsPending } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireFirmUser(request)
	return json(await listFirmMembers(user))
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireFirmUser(request)
	const submission = parseWithZod(await request.formData(), { schema: InviteSchema })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	try {
		await inviteColleague(user, submission.value.email, { ip: clientIp(request), origin: new URL(request.url).origin })
	} catch (error) {
		if (error instanceof FieldError) return json({ result: submission.reply({ fieldErrors: error.fieldErrors }) }, { status: 400 })
		throw error
	}
	return redirectWithToast('/firm/members', { message: 'members.invited' })
}

export default function MembersRoute() {
	const { members, invitations } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const isPending = useIsPending()
	const [form, fields] = useForm({
		id: 'invite',
		lastResult: actionData?.result,
		shouldValidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
	})
	return (
		<div className="flex flex-col gap-6">
			<PageHeader title={t('members.title')} lead={t('members.lead')} />
			<Form method="POST" {...getFormProps(form)} className="flex max-w-xl flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-5">
				<Field className="min-w-64 flex-1" label={t('members.inviteEmail')} inputProps={getInputProps(fields.email, { type: 'email' })} errors={fields.email.errors} />
				<StatusButton type="submit" pending={isPending}>
					{t('members.invite')}
				</StatusButton>
			</Form>
			<section className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
				<table className="w-full text-left text-sm">
					<caption className="sr-only">{t('members.title')}</caption>
					<thead className="bg-slate-50 text-slate-700">
						<tr>
							<th className="px-4 py-2">{t('auth.name')}</th>
							<th className="px-4 py-2">{t('auth.email')}</th>
							<th className="px-4 py-2">{t('members.lastLogin')}</th>
						</tr>
					</thead>
					<tbody>
						{members.map((m) => (
							<tr key={m.id} className="border-t border-slate-100">
								<td className="px-4 py-2">{m.name}</td>
								<td className="px-4 py-2">{m.email}</td>
								<td className="px-4 py-2">{m.lastLoginAt ? new Date(m.lastLoginAt).toLocaleString('zh-CN') : t('members.never')}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			{invitations.length ? (
				<section className="rounded-lg border border-slate-200 bg-white p-5">
					<h2 className="font-semibold">{t('members.pending')}</h2>
					<ul className="mt-2 flex flex-col gap-1 text-sm">
						{invitations.map((i) => (
							<li key={i.id}>
								{i.email} · {t('members.expires')} {new Date(i.expiresAt).toLocaleDateString('zh-CN')}
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
