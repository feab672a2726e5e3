import {
	getFormProps,
	getInputProps,
	getSelectProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigate } from '@remix-run/react'
import { useCallback, useMemo } from 'react'
import { ChainGraph, Definitions, percent, type GraphNode } from '#app/components/chains/chain-graph'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Field, SelectField, StatusButton } from '#app/components/forms'
import { PageHeader } from '#app/components/layout'
import { useT } from '#app/i18n/use-t'
import { FieldError } from '#app/modules/auth/auth.server'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import {
	addChainNode,
	getChainMap,
	listNodeCapabilities,
	moveChainNode,
	renameChainNode,
	retagListing,
} from '#app/modules/chains/chains.server'
import { DEFAULT_THRESHOLD, STAGES, type NodeFigures, type Stage } from '#app/modules/chains/gaps'
import { ChainEditSchema, chainFilterQuery, parseChainFilters, THRESHOLDS } from '#app/modules/chains/schemas'
import { getRegion } from '#app/modules/firms/regions'
import { clientIp, requireRole } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { cn, useIsPending } from '#app/utils/misc'
import { redirectWithToast } from '#app/utils/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.cluster.name} · 产业链图谱` : '产业链图谱' },
]

const PAGE_DEMANDS = 20

type Row = {
	id: string
	parentId: string | null
	name: string
	stage: Stage
	sortOrder: number
	depth: number
	figures: NodeFigures
}

// GET /bureau/chains/:slug — one cluster's chain map: graph + nested table, node panel, ranked gap
// list, chain-tree edit forms. Filters (threshold, stage, leader, node) live in the URL. Staff only.
export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, STAFF_ROLES)
	const filters = parseChainFilters(new URL(request.url).searchParams)
	const map = await getChainMap(params.slug ?? '', filters)
	if (!map) throw new Response('Not Found', { status: 404 })
	const rows: Row[] = []
	const walk = (list: typeof map.tree) => {
		for (const { children, ...n } of list) {
			rows.push({
				id: n.id,
				parentId: n.parentId,
				name: n.name,
				stage: n.stage,
				sortOrder: n.sortOrder,
				depth: n.depth,
				figures: n.figures,
			})
			walk(children)
		}
	}
	walk(map.tree)
	const selected = filters.node ? (rows.find((r) => r.id === filters.node) ?? null) : null
	const capabilities = selected ? await listNodeCapabilities(map.cluster.id, selected.id) : []
	return json(
		{
			cluster: map.cluster,
			rows,
			unassigned: map.unassigned,
			totals: map.totals,
			// At most PAGE_DEMANDS demands per node on the page; the export holds them all.
			gaps: map.gaps.map((g) => ({
				...g,
				demandTotal: g.demands.length,
				demands: g.demands.slice(0, PAGE_DEMANDS),
			})),
			filters,
			selected,
			capabilities: capabilities.map((c) => ({
				id: c.id,
				title: c.title,
				status: c.status,
				hidden: c.hiddenAt !== null,
				firmName: c.firm.name,
				local: getRegion(c.firm.regionCode)?.area === 'XIANNING',
				verified: c.firm.verificationStatus === 'VERIFIED',
			})),
		},
		{ headers: { 'Cache-Control': 'private, no-store' } },
	)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const cluster = await prisma.cluster.findUnique({
		where: { slug: params.slug ?? '' },
		select: { id: true },
	})
	if (!cluster) throw new Response('Not Found', { status: 404 })
	const formData = await request.formData()
	const formId = String(formData.get('formId') ?? '')
	const submission = parseWithZod(formData, { schema: ChainEditSchema })
	if (submission.status !== 'success') return json({ formId, result: submission.reply() }, { status: 400 })
	const actor = { id: user.id, role: user.role }
	const meta = { ip: clientIp(request) }
	const value = submission.value
	try {
		if (value.intent === 'add') {
			await addChainNode(
				actor,
				cluster.id,
				{ parentId: value.parentId, stage: value.stage, name: value.name },
				meta,
			)
		} else if (value.intent === 'rename') {
			await renameChainNode(actor, cluster.id, { nodeId: value.nodeId, name: value.name }, meta)
		} else if (value.intent === 'move') {
			await moveChainNode(
				actor,
				cluster.id,
				{ nodeId: value.nodeId, parentId: value.parentId, stage: value.stage },
				meta,
			)
		} else {
			await retagListing(
				actor,
				cluster.id,
				{ kind: value.kind, listingId: value.listingId, chainNodeId: value.chainNodeId },
				meta,
			)
		}
	} catch (error) {
		if (error instanceof FieldError) {
			return json({ formId, result: submission.reply({ fieldErrors: error.fieldErrors }) }, { status: 400 })
		}
		throw error
	}
	const url = new URL(request.url)
	return redirectWithToast(`${url.pathname}${url.search}`, { message: `bureauChains.saved.${value.intent}` })
}

type ActionData = { formId: string; result: SubmissionResult<string[]> } | undefined

function useLastResult(formId: string) {
	const actionData = useActionData<typeof action>() as ActionData
	return actionData?.formId === formId ? actionData.result : undefined
}

function Figures({ f, label }: { f: NodeFigures; label: string }) {
	const t = useT()
	return (
		<dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-6" aria-label={label}>
			{(
				[
					['bureauChains.col.localSuppliers', f.localSuppliers],
					['bureauChains.col.openDemands', f.openDemands],
					['bureauChains.col.coverage', percent(f.coverage)],
					['bureauChains.col.signed', f.signedDemands],
					['bureauChains.col.gapDemands', f.gapDemands],
					['bureauChains.col.quantity', quantityText(f) || t('bureauChains.noData')],
				] as const
			).map(([key, value]) => (
				<div key={key} className="rounded-md border border-slate-200 bg-white p-3">
					<dt className="text-xs text-slate-600">{t(key)}</dt>
					<dd className="text-lg font-semibold tabular-nums">{value}</dd>
				</div>
			))}
		</dl>
	)
}

const quantityText = (f: NodeFigures) =>
	f.quantities.map((q) => `${q.total.toLocaleString('zh-CN')}${q.unit ? ` ${q.unit}` : ''}`).join(' · ')

export default function ChainMapRoute() {
	const data = useLoaderData<typeof loader>()
	const { cluster, rows, filters, selected } = data
	const t = useT()
	const navigate = useNavigate()
	const location = useLocation()
	const onSelect = useCallback(
		(id: string) =>
			navigate(`${location.pathname}${chainFilterQuery(filters, { node: id })}`, {
				preventScrollReset: true,
			}),
		[navigate, location.pathname, filters],
	)
	const graphNodes: GraphNode[] = useMemo(
		() =>
			rows.map((r) => ({
				id: r.id,
				parentId: r.parentId,
				name: r.name,
				stage: r.stage,
				depth: r.depth,
				localSuppliers: r.figures.localSuppliers,
				openDemands: r.figures.openDemands,
				coverage: r.figures.coverage,
				gapDemands: r.figures.gapDemands,
			})),
		[rows],
	)
	const exportHref = `/resources/bureau/chains/${cluster.slug}/gaps.xlsx${chainFilterQuery(filters, { node: null })}`
	return (
		<div className="flex flex-col gap-6">
			<PageHeader
				title={t('bureauChains.cluster.title', { name: cluster.name })}
				lead={cluster.summary}
				actions={
					<Link
						to={`/bureau/chains${chainFilterQuery({ ...filters, stage: null, leaderOnly: false, node: null })}`}
						className="text-brand-700 text-sm hover:underline"
					>
						{t('bureauChains.back')}
					</Link>
				}
			/>
			<Form
				method="GET"
				className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
				aria-label={t('bureauChains.filters')}
			>
				{filters.node ? <input type="hidden" name="node" value={filters.node} /> : null}
				<div className="flex flex-col gap-1">
					<label htmlFor="f-threshold" className="text-sm font-medium">
						{t('bureauChains.threshold')}
					</label>
					<select
						id="f-threshold"
						name="threshold"
						defaultValue={filters.threshold}
						className="rounded-md border border-slate-300 bg-white px-3 py-2"
					>
						{THRESHOLDS.map((v) => (
							<option key={v} value={v}>
								{v}
								{v === DEFAULT_THRESHOLD ? ' *' : ''}
							</option>
						))}
					</select>
				</div>
				<div className="flex flex-col gap-1">
					<label htmlFor="f-stage" className="text-sm font-medium">
						{t('bureauChains.filter.stage')}
					</label>
					<select
						id="f-stage"
						name="stage"
						defaultValue={filters.stage ?? ''}
						className="rounded-md border border-slate-300 bg-white px-3 py-2"
					>
						<option value="">{t('bureauChains.stage.all')}</option>
						{STAGES.map((s) => (
							<option key={s} value={s}>
								{t(`bureauChains.stage.${s}`)}
							</option>
						))}
					</select>
				</div>
				<label className="flex items-center gap-2 py-2 text-sm">
					<input type="checkbox" name="leader" value="1" defaultChecked={filters.leaderOnly} />
					{t('bureauChains.filter.leaderOnly')}
				</label>
				<button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
					{t('bureauChains.apply')}
				</button>
			</Form>

			<section aria-labelledby="totals-h" className="flex flex-col gap-2">
				<h2 id="totals-h" className="text-lg font-semibold">
					{t('bureauChains.totals')}
				</h2>
				<Figures f={data.totals} label={t('bureauChains.totals')} />
			</section>

			<section aria-labelledby="graph-h" className="rounded-lg border border-slate-200 bg-white p-4">
				<h2 id="graph-h" className="text-lg font-semibold">
					{t('bureauChains.graph')}
				</h2>
				<p className="mb-2 text-sm text-slate-600">{t('bureauChains.graph.hint')}</p>
				<ChainGraph nodes={graphNodes} selectedId={selected?.id ?? null} onSelect={onSelect} />
			</section>

			{selected ? <NodePanel /> : <p className="text-sm text-slate-600">{t('bureauChains.node.none')}</p>}

			<NodeTable />
			<GapList exportHref={exportHref} />
			<EditForms key={selected?.id ?? 'none'} />
			<Definitions threshold={filters.threshold} />
		</div>
	)
}

function NodeTable() {
	const { rows, unassigned, filters, cluster } = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<section aria-labelledby="tree-h" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
			<h2 id="tree-h" className="px-4 pt-4 text-lg font-semibold">
				{t('bureauChains.tree')}
			</h2>
			<table className="w-full text-left text-sm" data-testid="chain-table">
				<caption className="sr-only">{t('bureauChains.tree.caption')}</caption>
				<thead className="bg-slate-50 text-slate-700">
					<tr>
						<th scope="col" className="px-3 py-2">
							{t('bureauChains.col.node')}
						</th>
						<th scope="col" className="px-3 py-2">
							{t('bureauChains.col.stage')}
						</th>
						<th scope="col" className="px-3 py-2 text-right">
							{t('bureauChains.col.localSuppliers')}
						</th>
						<th scope="col" className="px-3 py-2 text-right">
							{t('bureauChains.col.openDemands')}
						</th>
						<th scope="col" className="px-3 py-2">
							{t('bureauChains.col.quantity')}
						</th>
						<th scope="col" className="px-3 py-2 text-right">
							{t('bureauChains.col.coverage')}
						</th>
						<th scope="col" className="px-3 py-2 text-right">
							{t('bureauChains.col.signed')}
						</th>
						<th scope="col" className="px-3 py-2 text-right">
							{t('bureauChains.col.gapDemands')}
						</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((r) => (
						<tr
							key={r.id}
							className={cn('border-t border-slate-100', r.id === filters.node && 'bg-amber-50')}
							data-depth={r.depth}
						>
							<th
								scope="row"
								className="px-3 py-2 font-normal"
								style={{ paddingLeft: `${0.75 + r.depth * 1.25}rem` }}
							>
								<Link
									to={`/bureau/chains/${cluster.slug}${chainFilterQuery(filters, { node: r.id })}`}
									preventScrollReset
									aria-current={r.id === filters.node ? 'true' : undefined}
									className="text-brand-700 hover:underline"
								>
									{r.depth > 0 ? '└ ' : ''}
									{r.name}
								</Link>
							</th>
							<td className="px-3 py-2">{t(`bureauChains.stage.${r.stage}`)}</td>
							<FigureCells f={r.figures} />
						</tr>
					))}
					<tr className="border-t border-slate-100 text-slate-600">
						<th scope="row" className="px-3 py-2 font-normal">
							{t('bureauChains.unassigned')}
						</th>
						<td className="px-3 py-2">—</td>
						<FigureCells f={unassigned} />
					</tr>
				</tbody>
			</table>
		</section>
	)
}

function FigureCells({ f }: { f: NodeFigures }) {
	return (
		<>
			<td className="px-3 py-2 text-right tabular-nums">{f.localSuppliers}</td>
			<td className="px-3 py-2 text-right tabular-nums">{f.openDemands}</td>
			<td className="px-3 py-2">{quantityText(f) || '—'}</td>
			<td className="px-3 py-2 text-right tabular-nums">{percent(f.coverage)}</td>
			<td className="px-3 py-2 text-right tabular-nums">{f.signedDemands}</td>
			<td
				className={cn('px-3 py-2 text-right tabular-nums', f.gapDemands > 0 && 'font-semibold text-red-700')}
			>
				{f.gapDemands}
			</td>
		</>
	)
}

function NodePanel() {
	const { selected, capabilities, rows, cluster, filters } = useLoaderData<typeof loader>()
	const t = useT()
	if (!selected) return null
	return (
		<section
			aria-labelledby="node-h"
			className="rounded-lg border-2 border-amber-300 bg-white p-4"
			data-testid="node-panel"
		>
			<div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
				<h2 id="node-h" className="text-lg font-semibold">
					{t('bureauChains.node.detail', { name: selected.name })}{' '}
					<span className="text-sm font-normal text-slate-600">
						{t(`bureauChains.stage.${selected.stage}`)}
					</span>
				</h2>
				<Link
					to={`/bureau/chains/${cluster.slug}${chainFilterQuery(filters, { node: null })}`}
					preventScrollReset
					className="text-brand-700 text-sm hover:underline"
				>
					{t('bureauChains.node.close')}
				</Link>
			</div>
			<Figures f={selected.figures} label={selected.name} />
			<h3 className="mt-4 mb-2 font-semibold">{t('bureauChains.node.capabilities')}</h3>
			{capabilities.length === 0 ? (
				<p className="text-sm text-slate-600">{t('bureauChains.node.noCapabilities')}</p>
			) : (
				<ul className="flex flex-col gap-2 text-sm">
					{capabilities.map((c) => (
						<li
							key={c.id}
							className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-2"
						>
							<span>
								<Link to={`/capabilities/${c.id}`} className="text-brand-700 hover:underline">
									{c.title}
								</Link>{' '}
								· {c.firmName}{' '}
								<span className="text-xs text-slate-600">
									{[
										t(`bureauChains.status.${c.status}`),
										c.hidden ? t('bureauChains.hidden') : null,
										c.verified ? null : t('bureauChains.unverified'),
										c.local ? null : t('bureauChains.outsideXianning'),
									]
										.filter(Boolean)
										.join(' · ')}
								</span>
							</span>
							<RetagForm kind="capability" listingId={c.id} currentNodeId={selected.id} rows={rows} />
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

function RetagForm({
	kind,
	listingId,
	currentNodeId,
	rows,
}: {
	kind: 'capability' | 'demand'
	listingId: string
	currentNodeId: string | null
	rows: Array<{ id: string; name: string; depth: number }>
}) {
	const t = useT()
	const formId = `retag-${listingId}`
	const isPending = useIsPending()
	const [form, fields] = useForm({
		id: formId,
		lastResult: useLastResult(formId),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ChainEditSchema }),
		defaultValue: { chainNodeId: currentNodeId ?? '' },
	})
	return (
		<Form
			method="POST"
			{...getFormProps(form)}
			className="flex flex-wrap items-start gap-2"
			preventScrollReset
		>
			<input type="hidden" name="formId" value={formId} />
			<input type="hidden" name="intent" value="retag" />
			<input type="hidden" name="kind" value={kind} />
			<input type="hidden" name="listingId" value={listingId} />
			<SelectField
				label={<span className="sr-only">{t('bureauChains.retag.to')}</span>}
				selectProps={{ ...getSelectProps(fields.chainNodeId), className: 'text-sm' }}
				errors={[...(fields.chainNodeId.errors ?? []), ...(fields.listingId.errors ?? [])]}
			>
				<option value="">{t('bureauChains.edit.choose')}</option>
				{rows.map((r) => (
					<option key={r.id} value={r.id}>
						{'　'.repeat(r.depth)}
						{r.name}
					</option>
				))}
			</SelectField>
			<StatusButton type="submit" variant="secondary" pending={isPending} className="px-3 py-1.5">
				{t('bureauChains.retag.submit')}
			</StatusButton>
		</Form>
	)
}

function GapList({ exportHref }: { exportHref: string }) {
	const { gaps, rows } = useLoaderData<typeof loader>()
	const t = useT()
	return (
		<section aria-labelledby="gaps-h" className="flex flex-col gap-3">
			<div className="flex flex-wrap items-end justify-between gap-2">
				<div>
					<h2 id="gaps-h" className="text-lg font-semibold">
						{t('bureauChains.gaps.title')}
					</h2>
					<p className="text-sm text-slate-600">{t('bureauChains.gaps.lead')}</p>
				</div>
				<a
					href={exportHref}
					className="bg-brand-700 rounded-md px-4 py-2 text-sm font-semibold text-white"
					download
				>
					{t('bureauChains.gaps.export')}
				</a>
			</div>
			{gaps.length === 0 ? (
				<p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-700">
					{t('bureauChains.gaps.empty')}
				</p>
			) : (
				<ol className="flex flex-col gap-4" data-testid="gap-list">
					{gaps.map((g) => {
						const name = g.nodeId ? g.nodeName : t('bureauChains.unassigned')
						return (
							<li key={g.nodeId ?? 'none'} className="rounded-lg border border-slate-200 bg-white p-4">
								<h3 className="font-semibold">
									<span className="mr-2 text-slate-600">{t('bureauChains.gaps.rank', { rank: g.rank })}</span>
									{name}
									{g.stage ? (
										<span className="ml-2 text-sm font-normal text-slate-600">
											{t(`bureauChains.stage.${g.stage}`)}
										</span>
									) : null}
									<span className="ml-2 rounded bg-red-50 px-2 py-0.5 text-sm text-red-800">
										{t('bureauChains.gaps.score', { score: g.score })}
									</span>
								</h3>
								<p className="mt-1 text-sm text-slate-700">
									{t('bureauChains.gaps.summary', {
										suppliers: g.localSuppliers,
										total: g.demandTotal,
										noMatch: g.noMatch,
										notSigned: g.notSigned,
										leader: g.leaderDemands,
										oldest: g.oldestDays,
									})}
								</p>
								<div className="mt-2 overflow-x-auto">
									<table className="w-full text-left text-sm">
										<caption className="sr-only">{t('bureauChains.gaps.caption', { node: name })}</caption>
										<thead className="text-slate-600">
											<tr>
												<th scope="col" className="px-2 py-1">
													{t('bureauChains.col.demand')}
												</th>
												<th scope="col" className="px-2 py-1">
													{t('bureauChains.col.buyer')}
												</th>
												<th scope="col" className="px-2 py-1">
													{t('bureauChains.col.kind')}
												</th>
												<th scope="col" className="px-2 py-1 text-right">
													{t('bureauChains.col.bestScore')}
												</th>
												<th scope="col" className="px-2 py-1 text-right">
													{t('bureauChains.col.age')}
												</th>
												<th scope="col" className="px-2 py-1 text-right">
													{t('bureauChains.col.weight')}
												</th>
												<th scope="col" className="px-2 py-1">
													{t('bureauChains.col.retag')}
												</th>
											</tr>
										</thead>
										<tbody>
											{g.demands.map((d) => (
												<tr key={d.id} className="border-t border-slate-100 align-top">
													<td className="px-2 py-1">
														<Link to={`/demands/${d.id}`} className="text-brand-700 hover:underline">
															{d.title}
														</Link>
													</td>
													<td className="px-2 py-1">
														{d.firmName}
														{d.chainLeader ? (
															<span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">
																{t('bureauChains.leader')}
															</span>
														) : null}
													</td>
													<td className="px-2 py-1">{t(`bureauChains.kind.${d.kind}`)}</td>
													<td className="px-2 py-1 text-right tabular-nums">
														{d.bestScore === null ? '—' : Math.round(d.bestScore * 10) / 10}
													</td>
													<td className="px-2 py-1 text-right tabular-nums">{d.ageDays}</td>
													<td className="px-2 py-1 text-right tabular-nums">{d.weight}</td>
													<td className="px-2 py-1">
														<RetagForm kind="demand" listingId={d.id} currentNodeId={g.nodeId} rows={rows} />
													</td>
												</tr>
											))}
										</tbody>
									</table>
								</div>
								{g.demandTotal > g.demands.length ? (
									<p className="mt-2 text-sm text-slate-600">
										{t('bureauChains.gaps.more', { n: g.demandTotal - g.demands.length })}
									</p>
								) : null}
							</li>
						)
					})}
				</ol>
			)}
		</section>
	)
}

function NodeOptions({
	rows,
	withTop,
}: {
	rows: Array<{ id: string; name: string; depth: number }>
	withTop?: boolean
}) {
	const t = useT()
	return (
		<>
			<option value="">{withTop ? t('bureauChains.edit.topLevel') : t('bureauChains.edit.choose')}</option>
			{rows.map((r) => (
				<option key={r.id} value={r.id}>
					{'　'.repeat(r.depth)}
					{r.name}
				</option>
			))}
		</>
	)
}

function StageOptions() {
	const t = useT()
	return (
		<>
			<option value="">—</option>
			{STAGES.map((s) => (
				<option key={s} value={s}>
					{t(`bureauChains.stage.${s}`)}
				</option>
			))}
		</>
	)
}

function EditForms() {
	const { rows, selected } = useLoaderData<typeof loader>()
	const t = useT()
	const isPending = useIsPending()
	const schema = {
		onValidate: ({ formData }: { formData: FormData }) => parseWithZod(formData, { schema: ChainEditSchema }),
	}
	const [addForm, add] = useForm({
		id: 'chain-add',
		lastResult: useLastResult('chain-add'),
		shouldValidate: 'onBlur',
		...schema,
		defaultValue: { parentId: selected?.id ?? '' },
	})
	const [renameForm, rename] = useForm({
		id: 'chain-rename',
		lastResult: useLastResult('chain-rename'),
		shouldValidate: 'onBlur',
		...schema,
		defaultValue: { nodeId: selected?.id ?? '', name: selected?.name ?? '' },
	})
	const [moveForm, move] = useForm({
		id: 'chain-move',
		lastResult: useLastResult('chain-move'),
		shouldValidate: 'onBlur',
		...schema,
		defaultValue: { nodeId: selected?.id ?? '' },
	})
	const box = 'flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4'
	return (
		<section aria-labelledby="edit-h" className="flex flex-col gap-3">
			<div>
				<h2 id="edit-h" className="text-lg font-semibold">
					{t('bureauChains.edit.title')}
				</h2>
				<p className="text-sm text-slate-600">{t('bureauChains.edit.lead')}</p>
			</div>
			<div className="grid gap-4 md:grid-cols-3">
				<Form method="POST" {...getFormProps(addForm)} className={box} preventScrollReset>
					<h3 className="font-semibold">{t('bureauChains.edit.add')}</h3>
					<input type="hidden" name="formId" value="chain-add" />
					<input type="hidden" name="intent" value="add" />
					<SelectField
						label={t('bureauChains.edit.parent')}
						selectProps={getSelectProps(add.parentId)}
						errors={add.parentId.errors}
					>
						<NodeOptions rows={rows} withTop />
					</SelectField>
					<SelectField
						label={t('bureauChains.edit.stage')}
						selectProps={getSelectProps(add.stage)}
						errors={add.stage.errors}
					>
						<StageOptions />
					</SelectField>
					<Field
						label={t('bureauChains.edit.name')}
						inputProps={getInputProps(add.name, { type: 'text' })}
						errors={add.name.errors}
					/>
					<StatusButton type="submit" pending={isPending}>
						{t('bureauChains.edit.submitAdd')}
					</StatusButton>
				</Form>
				<Form method="POST" {...getFormProps(renameForm)} className={box} preventScrollReset>
					<h3 className="font-semibold">{t('bureauChains.edit.rename')}</h3>
					<input type="hidden" name="formId" value="chain-rename" />
					<input type="hidden" name="intent" value="rename" />
					<SelectField
						label={t('bureauChains.edit.node')}
						selectProps={getSelectProps(rename.nodeId)}
						errors={rename.nodeId.errors}
					>
						<NodeOptions rows={rows} />
					</SelectField>
					<Field
						label={t('bureauChains.edit.newName')}
						inputProps={getInputProps(rename.name, { type: 'text' })}
						errors={rename.name.errors}
					/>
					<StatusButton type="submit" pending={isPending}>
						{t('bureauChains.edit.submitRename')}
					</StatusButton>
				</Form>
				<Form method="POST" {...getFormProps(moveForm)} className={box} preventScrollReset>
					<h3 className="font-semibold">{t('bureauChains.edit.move')}</h3>
					<input type="hidden" name="formId" value="chain-move" />
					<input type="hidden" name="intent" value="move" />
					<SelectField
						label={t('bureauChains.edit.node')}
						selectProps={getSelectProps(move.nodeId)}
						errors={move.nodeId.errors}
					>
						<NodeOptions rows={rows} />
					</SelectField>
					<SelectField
						label={t('bureauChains.edit.parent')}
						selectProps={getSelectProps(move.parentId)}
						errors={move.parentId.errors}
					>
						<NodeOptions rows={rows} withTop />
					</SelectField>
					<SelectField
						label={t('bureauChains.edit.stage')}
						selectProps={getSelectProps(move.stage)}
						errors={move.stage.errors}
					>
						<StageOptions />
					</SelectField>
					<StatusButton type="submit" pending={isPending}>
						{t('bureauChains.edit.submitMove')}
					</StatusButton>
				</Form>
			</div>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
