import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { Field, FormErrorSummary, SelectField, StatusButton } from '#app/components/forms'
import { useLocale, useT } from '#app/i18n/use-t'
import { FieldError, registerFirm } from '#app/modules/auth/auth.server'
import { RegisterSchema } from '#app/modules/auth/schemas'
import { REGIONS } from '#app/modules/firms/regions'
import { clientIp, requireAnonymous } from '#app/utils/auth.server'
import { useIsPending } from '#app/utils/misc'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	return json({})
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: RegisterSchema })
	if (submission.status !== 'success') {
		return json({ result: submission.reply({ hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
	}
	try {
		const setCookie = await registerFirm(submission.value, { ip: clientIp(request), userAgent: request.headers.get('user-agent') })
		return redirect('/dashboard', { headers: { 'Set-Cookie': setCookie } })
	} catch (error) {
		if (error instanceof FieldError) {
			return json({ result: submission.reply({ fieldErrors: error.fieldErrors, hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
		}
		throw error
	}
}

export default function RegisterRoute() {
	const t = useT()
	const locale = useLocale()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const isPending = useIsPending()
	const kindParam = searchParams.get('kind')
	const [form, fields] = useForm({
		id: 'register',
		lastResult: actionData?.result,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		defaultValue: { kind: kindParam === 'BUYER' ? 'BUYER' : 'SUPPLIER' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
	})
	return (
		<div className="mx-auto max-w-2xl">
			<h1 className="text-2xl font-bold">{t('auth.register.title')}</h1>
			<p className="mt-1 mb-6 text-slate-700">{t('auth.register.lead')}</p>
			<Form method="POST" {...getFormProps(form)} className="flex flex-col gap-6 rounded-lg border border-slate-200 bg-white p-6">
				<FormErrorSummary errors={form.errors} />
				<fieldset className="flex flex-col gap-4">
					<legend className="mb-2 text-lg font-semibold">{t('auth.register.firm')}</legend>
					<SelectField label={t('auth.register.kind')} selectProps={getSelectProps(fields.kind)} errors={fields.kind.errors}>
						<option value="SUPPLIER">{t('kind.SUPPLIER')}</option>
						<option value="BUYER">{t('kind.BUYER')}</option>
					</SelectField>
					<Field label={t('auth.register.firmName')} inputProps={getInputProps(fields.firmName, { type: 'text' })} errors={fields.firmName.errors} />
					<Field
						label={t('auth.register.uscc')}
						hint={t('auth.register.usccHint')}
						inputProps={{ ...getInputProps(fields.uscc, { type: 'text' }), autoCapitalize: 'characters', spellCheck: false }}
						errors={fields.uscc.errors}
					/>
					<SelectField label={t('auth.register.region')} selectProps={getSelectProps(fields.regionCode)} errors={fields.regionCode.errors}>
						<option value="">{t('region.choose')}</option>
						<optgroup label={t('region.xianning')}>
							{REGIONS.filter((r) => r.area === 'XIANNING').map((r) => (
								<option key={r.code} value={r.code}>
									{locale === 'en' ? r.nameEn : r.name}
								</option>
							))}
						</optgroup>
						<optgroup label={t('region.wuhan')}>
							{REGIONS.filter((r) => r.area === 'WUHAN').map((r) => (
								<option key={r.code} value={r.code}>
									{locale === 'en' ? r.nameEn : r.name}
								</option>
							))}
						</optgroup>
					</SelectField>
					<div className="grid gap-4 sm:grid-cols-2">
						<Field label={t('auth.register.contactName')} inputProps={getInputProps(fields.contactName, { type: 'text' })} errors={fields.contactName.errors} />
						<Field
							label={t('auth.register.contactPhone')}
							inputProps={{ ...getInputProps(fields.contactPhone, { type: 'tel' }), autoComplete: 'tel' }}
							errors={fields.contactPhone.errors}
						/>
					</div>
				</fieldset>
				<fieldset className="flex flex-col gap-4">
					<legend className="mb-2 text-lg font-semibold">{t('auth.register.account')}</legend>
					<Field label={t('auth.name')} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }} errors={fields.name.errors} />
					<Field label={t('auth.email')} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} errors={fields.email.errors} />
					<div className="grid gap-4 sm:grid-cols-2">
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
					</div>
				</fieldset>
				<div aria-hidden="true" className="hidden">
					<label>
						Website
						<input type="text" name="website" tabIndex={-1} autoComplete="off" />
					</label>
				</div>
				<div>
					<label className="flex items-start gap-2 text-sm">
						<input {...getInputProps(fields.agree, { type: 'checkbox' })} className="mt-0.5 size-4" />
						<span>{t('auth.register.agree')}</span>
					</label>
					{fields.agree.errors?.length ? <p className="mt-1 text-sm text-red-700">{t(fields.agree.errors[0]!)}</p> : null}
				</div>
				<StatusButton type="submit" pending={isPending}>
					{t('auth.register.submit')}
				</StatusButton>
				<p className="text-sm text-slate-700">
					{t('auth.register.haveAccount')}{' '}
					<Link to="/login" className="text-brand-700 underline">
						{t('nav.login')}
					</Link>
				</p>
			</Form>
		</div>
	)
}
