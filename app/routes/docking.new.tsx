import { getFormProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { FormErrorSummary, SelectField, StatusButton, TextareaField } from '#app/components/forms'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import {
	DockingError,
	listingVisibleTo,
	openSessionFor,
	startDocking,
} from '#app/modules/docking/docking.server'
import { StartSchema } from '#app/modules/docking/rules'
import { clientIp, requireFirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { useIsPending } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

const LISTING = {
	id: true,
	title: true,
	firmId: true,
	status: true,
	hiddenAt: true,
	firm: { select: { name: true, verificationStatus: true } },
} as const

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireFirmUser(request)
	const url = new URL(request.url)
	const demandId = url.searchParams.get('demandId') ?? undefined
	const capabilityId = url.searchParams.get('capabilityId') ?? undefined
	if (!demandId && !capabilityId) throw redirect('/docking')
	const [demand, capability] = await Promise.all([
		demandId ? prisma.demand.findUnique({ where: { id: demandId }, select: LISTING }) : null,
		capabilityId ? prisma.capability.findUnique({ where: { id: capabilityId }, select: LISTING }) : null,
	])
	if (
		(demandId && !listingVisibleTo(demand, user.firmId)) ||
		(capabilityId && !listingVisibleTo(capability, user.firmId))
	)
		throw new Response('Not Found', { status: 404 })
	const existing = await openSessionFor(user.firmId, { demandId, capabilityId })
	if (existing) throw await redirectWithToast(`/docking/${existing.id}`, { message: 'docking.existing' })
	// The actor's own listing on the other end, when only the counterpart's was given.
	const pick =
		demand && !capability && demand.firmId !== user.firmId
			? {
					kind: 'capability' as const,
					options: await prisma.capability.findMany({
						where: { firmId: user.firmId, status: 'PUBLISHED' },
						select: { id: true, title: true },
						orderBy: { updatedAt: 'desc' },
						take: 50,
					}),
				}
			: capability && !demand && capability.firmId !== user.firmId
				? {
						kind: 'demand' as const,
						options: await prisma.demand.findMany({
							where: { firmId: user.firmId, status: 'PUBLISHED' },
							select: { id: true, title: true },
							orderBy: { updatedAt: 'desc' },
							take: 50,
						}),
					}
				: null
	return json({
		demand: demand ? { id: demand.id, title: demand.title, firm: demand.firm.name } : null,
		capability: capability
			? { id: capability.id, title: capability.title, firm: capability.firm.name }
			: null,
		pick,
		verified: user.firm.verificationStatus === 'VERIFIED',
	})
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireFirmUser(request)
	const submission = parseWithZod(await request.formData(), { schema: StartSchema })
	if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
	try {
		const started = await startDocking(user, submission.value, { ip: clientIp(request) })
		return redirectWithToast(`/docking/${started.id}`, {
			message: started.existing ? 'docking.existing' : 'docking.requested',
		})
	} catch (error) {
		if (error instanceof DockingError)
			return json({ result: submission.reply({ formErrors: [error.key] }) }, { status: error.status })
		throw error
	}
}

export default function NewDockingRoute() {
	const { demand, capability, pick, verified } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const t = useT()
	const isPending = useIsPending()
	const [form, fields] = useForm({
		id: 'start-docking',
		lastResult: actionData?.result,
		shouldValidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: StartSchema }),
	})
	return (
		<div className="max-w-2xl">
			<PageHeader title={t('docking.new.title')} lead={t('docking.new.lead')} />
			{!verified ? (
				<p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
					{t('err.dockingFirmNotVerified')}
				</p>
			) : null}
			<Form
				method="POST"
				{...getFormProps(form)}
				className="flex flex-col gap-5 rounded-lg border border-slate-200 bg-white p-6"
			>
				<FormErrorSummary errors={form.errors} />
				<div>
					<h2 className="text-sm font-medium text-slate-800">{t('docking.new.with')}</h2>
					<ul className="mt-1 flex flex-col gap-1 text-slate-900">
						{demand ? (
							<li>
								<Link to={`/demands/${demand.id}`} className="text-brand-800 hover:underline">
									{t('docking.new.demand', { title: demand.title, firm: demand.firm })}
								</Link>
							</li>
						) : null}
						{capability ? (
							<li>
								<Link to={`/capabilities/${capability.id}`} className="text-brand-800 hover:underline">
									{t('docking.new.capability', { title: capability.title, firm: capability.firm })}
								</Link>
							</li>
						) : null}
					</ul>
				</div>
				{demand ? <input type="hidden" name="demandId" value={demand.id} /> : null}
				{capability ? <input type="hidden" name="capabilityId" value={capability.id} /> : null}
				{pick && pick.options.length ? (
					<SelectField
						label={t(pick.kind === 'capability' ? 'docking.new.ownCapability' : 'docking.new.ownDemand')}
						selectProps={getSelectProps(pick.kind === 'capability' ? fields.capabilityId : fields.demandId)}
						errors={(pick.kind === 'capability' ? fields.capabilityId : fields.demandId).errors}
					>
						<option value="">{t('docking.new.none')}</option>
						{pick.options.map((o) => (
							<option key={o.id} value={o.id}>
								{o.title}
							</option>
						))}
					</SelectField>
				) : null}
				<TextareaField
					label={t('docking.new.message')}
					textareaProps={{
						...getTextareaProps(fields.message),
						rows: 5,
						maxLength: 1000,
						placeholder: t('docking.new.messageHelp'),
					}}
					errors={fields.message.errors}
				/>
				<div className="flex flex-col gap-1">
					<label className="flex items-start gap-2 text-sm text-slate-900">
						{/* Uncontrolled: consent is given by ticking, never restored from an earlier submission. */}
						<input type="checkbox" name={fields.consent.name} className="mt-1" />
						<span>{t('docking.consent.label')}</span>
					</label>
					<p className="text-xs text-slate-600">{t('docking.consent.help')}</p>
				</div>
				<div>
					<StatusButton type="submit" pending={isPending} disabled={!verified}>
						{t('docking.new.submit')}
					</StatusButton>
				</div>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
