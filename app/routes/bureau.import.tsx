import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { FormErrorSummary } from '#app/components/forms'
import { ImportPanel, type ImportJobView } from '#app/components/import-panel'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import { handleImportAction, loadImportJob } from '#app/modules/imports/route-helpers.server'
import { prisma } from '#app/utils/db.server'
import { requireRole } from '#app/utils/auth.server'

const TargetSchema = z.object({ firmId: z.string().min(1).max(40), kind: z.enum(['CAPABILITY', 'DEMAND']) })

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const url = new URL(request.url)
	const firms = await prisma.firm.findMany({ orderBy: [{ kind: 'asc' }, { name: 'asc' }], select: { id: true, name: true, kind: true, isChainLeader: true } })
	const firmId = url.searchParams.get('firmId') ?? ''
	const firm = firms.find((f) => f.id === firmId) ?? null
	const kind = firm ? (firm.kind === 'BUYER' ? 'DEMAND' : 'CAPABILITY') : 'DEMAND'
	return json({ firms, firm, kind: kind as 'CAPABILITY' | 'DEMAND', job: (await loadImportJob(request, { ...user, firmId: null })) as ImportJobView | null })
}

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	return handleImportAction(request, { ...user, firmId: null }, async (form) => {
		const parsed = TargetSchema.safeParse({ firmId: form.get('firmId'), kind: form.get('kind') })
		// A post without a firm or kind (only a hand-made one): 400, not a 500 from parse().
		if (!parsed.success) throw json({ error: 'import.chooseFirm' }, { status: 400 })
		const target = parsed.data
		return { ...target, back: `/bureau/import?firmId=${encodeURIComponent(target.firmId)}` }
	})
}

export default function BureauImportRoute() {
	const { firms, firm, kind, job } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const t = useT()
	return (
		<div>
			<PageHeader title={t('import.titleBureau')} lead={t('import.leadBureau')} />
			<Form method="GET" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
				<label className="flex flex-col gap-1 text-sm">
					<span className="font-medium">{t('import.firm')}</span>
					<select name="firmId" defaultValue={firm?.id ?? ''} className="min-w-72 rounded-md border border-slate-300 px-2 py-1.5" required>
						<option value="">{t('import.chooseFirm')}</option>
						{firms.map((f) => (
							<option key={f.id} value={f.id}>
								{f.name}（{t(`kind.${f.kind}`)}
								{f.isChainLeader ? ` · ${t('firms.chainLeader')}` : ''}）
							</option>
						))}
					</select>
				</label>
				<button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold">
					{t('import.select')}
				</button>
			</Form>
			<FormErrorSummary errors={actionData && 'error' in actionData ? [actionData.error] : undefined} />
			{firm ? <ImportPanel kind={kind} job={job} hiddenFields={{ firmId: firm.id, kind }} pending={navigation.state === 'submitting'} /> : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
