import { Prisma } from '@prisma/client'
import { REGIONS, type RegionArea } from '#app/modules/firms/regions'
import { prisma } from '#app/utils/db.server'
import {
	addAmounts,
	emptyFigures,
	parseMonitorFilters,
	ratio,
	STAGES,
	trendBuckets,
	type Figures,
	type MonitorFilters,
} from './monitor'

// The figures of the monitoring dashboard, by SQL aggregates (GROUP BY) over the live tables: one
// query per family of figures and dimension (total, per cluster, per county, per month). Callers
// check the role. Definitions of what is counted: FIGURE_DEFINITIONS in monitor.ts.

export type ClusterOption = { id: string; slug: string; name: string }
export type MonitorQuery = MonitorFilters & { clusterId: string | null }

export type MonitorResolve =
	| { ok: true; query: MonitorQuery; clusters: ClusterOption[] }
	| { ok: false; errors: Record<string, string>; clusters: ClusterOption[] }

export async function listClusters(): Promise<ClusterOption[]> {
	return prisma.cluster.findMany({
		select: { id: true, slug: true, name: true },
		orderBy: { sortOrder: 'asc' },
	})
}

/** The filters of a request URL, checked against the clusters and regions that exist. */
export async function resolveMonitorFilters(url: URL, now = new Date()): Promise<MonitorResolve> {
	const clusters = await listClusters()
	const parsed = parseMonitorFilters(url.searchParams, now)
	if (!parsed.ok) return { ok: false, errors: parsed.errors, clusters }
	const { filters } = parsed
	const errors: Record<string, string> = {}
	const cluster = filters.cluster ? clusters.find((c) => c.slug === filters.cluster) : null
	if (filters.cluster && !cluster) errors.cluster = `产业链不存在：${filters.cluster}`
	if (filters.county && !REGIONS.some((r) => r.code === filters.county))
		errors.county = `区县不存在：${filters.county}`
	if (Object.keys(errors).length) return { ok: false, errors, clusters }
	return { ok: true, query: { ...filters, clusterId: cluster?.id ?? null }, clusters }
}

type Dim = 'total' | 'cluster' | 'county' | 'month' | 'combined'
type Row = Record<string, unknown> & { key: string }

type Spec = {
	from: Prisma.Sql
	date: Prisma.Sql
	where: Prisma.Sql
	cluster: { join: Prisma.Sql; col: Prisma.Sql }
	region: { join: Prisma.Sql; col: Prisma.Sql }
	select: Prisma.Sql
	apply: (f: Figures, row: Row) => void
	/** A join of the cluster or county can repeat a row: totals then need their own statement. */
	fanout?: boolean
}

const empty = Prisma.empty
const XIANNING = REGIONS.filter((r) => r.area === 'XIANNING').map((r) => r.code)
const WUHAN = REGIONS.filter((r) => r.area === 'WUHAN').map((r) => r.code)

/** A UTC instant as a `timestamp` literal (Prisma stores DateTime as UTC `timestamp(3)`). */
const ts = (d: Date) => Prisma.sql`${d.toISOString().replace('T', ' ').replace('Z', '')}::timestamp`
const int = (v: unknown) => Number(v ?? 0)
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const text = (v: unknown) => (v === null || v === undefined ? '0' : String(v))

function specs(now: Date): Spec[] {
	const firmCluster = {
		join: Prisma.sql`LEFT JOIN "_ClusterToFirm" fc ON fc."B" = f.id`,
		col: Prisma.sql`fc."A"`,
	}
	const firmRegion = { join: empty, col: Prisma.sql`f."regionCode"` }
	const sessionCluster = {
		join: Prisma.sql`LEFT JOIN "Demand" d ON d.id = s."demandId" LEFT JOIN "Capability" c ON c.id = s."capabilityId"`,
		col: Prisma.sql`COALESCE(d."clusterId", c."clusterId")`,
	}
	const sessionRegion = {
		join: Prisma.sql`JOIN "Firm" f ON f.id = s."supplierFirmId"`,
		col: Prisma.sql`f."regionCode"`,
	}
	const isWuhan = Prisma.sql`df."regionCode" IN (${Prisma.join(WUHAN)})`
	return [
		{
			from: Prisma.sql`"Firm" f`,
			date: Prisma.sql`f."createdAt"`,
			where: Prisma.sql`TRUE`,
			cluster: firmCluster,
			region: firmRegion,
			select: Prisma.sql`count(DISTINCT f.id)::int AS n`,
			apply: (f, r) => (f.firmsRegistered = int(r.n)),
			fanout: true,
		},
		{
			from: Prisma.sql`"Firm" f`,
			date: Prisma.sql`f."verifiedAt"`,
			where: Prisma.sql`f."verificationStatus" = 'VERIFIED'`,
			cluster: firmCluster,
			region: firmRegion,
			select: Prisma.sql`count(DISTINCT f.id)::int AS n`,
			apply: (f, r) => (f.firmsVerified = int(r.n)),
			fanout: true,
		},
		{
			from: Prisma.sql`"Capability" c`,
			date: Prisma.sql`c."publishedAt"`,
			where: Prisma.sql`c.status <> 'DRAFT'`,
			cluster: { join: empty, col: Prisma.sql`c."clusterId"` },
			region: { join: Prisma.sql`JOIN "Firm" f ON f.id = c."firmId"`, col: Prisma.sql`f."regionCode"` },
			select: Prisma.sql`count(*)::int AS n`,
			apply: (f, r) => (f.capabilities = int(r.n)),
		},
		{
			// Demands published in the period: open, response time, local-supply ratio.
			from: Prisma.sql`"Demand" d JOIN "Firm" df ON df.id = d."firmId"
				LEFT JOIN (SELECT s."demandId", min(s."createdAt") AS first,
						bool_or(s."signedAt" IS NOT NULL AND lf."regionCode" IN (${Prisma.join(XIANNING)})) AS local
					FROM "DockingSession" s JOIN "Firm" lf ON lf.id = s."supplierFirmId"
					WHERE s."demandId" IS NOT NULL GROUP BY s."demandId") fr ON fr."demandId" = d.id`,
			date: Prisma.sql`d."publishedAt"`,
			where: Prisma.sql`d.status <> 'DRAFT'`,
			cluster: { join: empty, col: Prisma.sql`d."clusterId"` },
			region: { join: empty, col: Prisma.sql`df."regionCode"` },
			select: Prisma.sql`count(*)::int AS n,
				count(*) FILTER (WHERE d.status = 'PUBLISHED')::int AS open,
				count(fr.first)::int AS responded,
				(percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(0, EXTRACT(EPOCH FROM fr.first - d."publishedAt")) / 3600.0))::float8 AS median,
				(percentile_cont(0.9) WITHIN GROUP (ORDER BY GREATEST(0, EXTRACT(EPOCH FROM fr.first - d."publishedAt")) / 3600.0))::float8 AS p90,
				count(*) FILTER (WHERE ${isWuhan})::int AS wuhan,
				count(*) FILTER (WHERE ${isWuhan} AND fr.local)::int AS local`,
			apply: (f, r) => {
				f.demandsPublished = int(r.n)
				f.demandsOpen = int(r.open)
				f.responded = int(r.responded)
				f.responseMedianHours = num(r.median)
				f.responseP90Hours = num(r.p90)
				f.wuhanDemands = int(r.wuhan)
				f.localSigned = int(r.local)
				f.localRatio = ratio(f.localSigned, f.wuhanDemands)
			},
		},
		{
			from: Prisma.sql`"Demand" d JOIN "Firm" df ON df.id = d."firmId"`,
			date: Prisma.sql`d."closedAt"`,
			where: Prisma.sql`d.status = 'CLOSED'`,
			cluster: { join: empty, col: Prisma.sql`d."clusterId"` },
			region: { join: empty, col: Prisma.sql`df."regionCode"` },
			select: Prisma.sql`count(*)::int AS n`,
			apply: (f, r) => (f.demandsClosed = int(r.n)),
		},
		{
			from: Prisma.sql`"MatchSuggestion" ms`,
			date: Prisma.sql`ms."createdAt"`,
			where: Prisma.sql`TRUE`,
			cluster: { join: Prisma.sql`JOIN "Demand" d ON d.id = ms."demandId"`, col: Prisma.sql`d."clusterId"` },
			region: {
				join: Prisma.sql`JOIN "Capability" c ON c.id = ms."capabilityId" JOIN "Firm" f ON f.id = c."firmId"`,
				col: Prisma.sql`f."regionCode"`,
			},
			select: Prisma.sql`count(*)::int AS n`,
			apply: (f, r) => (f.suggestions = int(r.n)),
		},
		{
			// Docking sessions started in the period and how far they got.
			from: Prisma.sql`"DockingSession" s`,
			date: Prisma.sql`s."createdAt"`,
			where: Prisma.sql`TRUE`,
			cluster: sessionCluster,
			region: sessionRegion,
			select: Prisma.sql`count(*)::int AS n,
				${Prisma.join(
					STAGES.map(
						(st) =>
							Prisma.sql`count(*) FILTER (WHERE s.stage = ${st}::"DockingStage")::int AS ${Prisma.raw(`"st_${st}"`)}`,
					),
				)},
				count(*) FILTER (WHERE s."signedAt" IS NOT NULL OR s.stage IN ('SAMPLING', 'SIGNED')
					OR EXISTS (SELECT 1 FROM "DockingStageChange" h WHERE h."sessionId" = s.id AND h."toStage" IN ('SAMPLING', 'SIGNED')))::int AS sampling,
				count(*) FILTER (WHERE s."signedAt" IS NOT NULL)::int AS signed`,
			apply: (f, r) => {
				f.dockings = int(r.n)
				for (const st of STAGES) f.stages[st] = int(r[`st_${st}`])
				f.reachedSampling = int(r.sampling)
				f.reachedSigned = int(r.signed)
			},
		},
		{
			// Contracts signed in the period through docking sessions.
			from: Prisma.sql`"DockingSession" s`,
			date: Prisma.sql`s."signedAt"`,
			where: Prisma.sql`TRUE`,
			cluster: sessionCluster,
			region: sessionRegion,
			select: Prisma.sql`count(*)::int AS n, COALESCE(sum(s."dealAmount"), 0)::text AS amount`,
			apply: (f, r) => {
				f.dockingContracts = int(r.n)
				f.dockingAmount = addAmounts(text(r.amount))
			},
		},
		{
			// Event meetings held with a contract, unless their docking session signed (counted above).
			from: Prisma.sql`"Meeting" m JOIN "Firm" f ON f.id = m."supplierFirmId"`,
			date: Prisma.sql`m."startsAt"`,
			where: Prisma.sql`m.status = 'HELD' AND m.outcome = 'CONTRACT' AND NOT EXISTS (
				SELECT 1 FROM "DockingSession" x WHERE x.id = m."dockingSessionId" AND x."signedAt" IS NOT NULL)`,
			cluster: {
				join: Prisma.sql`LEFT JOIN "_ClusterToFirm" fc ON fc."B" = m."supplierFirmId"`,
				col: Prisma.sql`fc."A"`,
			},
			region: firmRegion,
			select: Prisma.sql`count(*)::int AS n, COALESCE(sum(m."dealAmount"), 0)::text AS amount`,
			apply: (f, r) => {
				f.meetingContracts = int(r.n)
				f.meetingAmount = addAmounts(text(r.amount))
			},
			fanout: true,
		},
		{
			from: Prisma.sql`"Event" e`,
			date: Prisma.sql`e."startsAt"`,
			where: Prisma.sql`e.status IN ('PUBLISHED', 'CLOSED') AND e."startsAt" <= ${ts(now)}`,
			cluster: {
				join: Prisma.sql`LEFT JOIN "_EventClusters" ec ON ec."B" = e.id`,
				col: Prisma.sql`ec."A"`,
			},
			region: {
				join: Prisma.sql`LEFT JOIN "EventRegistration" er ON er."eventId" = e.id AND er.status = 'APPROVED'
					LEFT JOIN "Firm" ef ON ef.id = er."firmId"`,
				col: Prisma.sql`ef."regionCode"`,
			},
			select: Prisma.sql`count(DISTINCT e.id)::int AS n`,
			apply: (f, r) => (f.events = int(r.n)),
			fanout: true,
		},
	]
}

function finish(f: Figures) {
	f.contracts = f.dockingContracts + f.meetingContracts
	f.amount = addAmounts(f.dockingAmount, f.meetingAmount)
	return f
}

function statement(spec: Spec, dim: Dim, query: MonitorQuery, range: { start: Date; end: Date }) {
	const combined = dim === 'combined'
	const needCluster = combined || dim === 'cluster' || query.clusterId !== null
	const needRegion = combined || dim === 'county' || query.county !== null
	const ck = Prisma.sql`COALESCE(${spec.cluster.col}, '')`
	const rk = Prisma.sql`COALESCE(${spec.region.col}, '')`
	// combined: total, per cluster and per county in one scan (GROUPING: 3 total, 1 cluster, 2 county).
	const key = combined
		? Prisma.sql`GROUPING(${ck}, ${rk}) AS g, ${ck} AS ck, ${rk} AS rk, '' AS key`
		: dim === 'total'
			? Prisma.sql`'all'::text AS key`
			: dim === 'cluster'
				? Prisma.sql`${ck} AS key`
				: dim === 'county'
					? Prisma.sql`${rk} AS key`
					: Prisma.sql`to_char(${spec.date} + interval '8 hours', 'YYYY-MM') AS key`
	const group = combined
		? Prisma.sql`GROUP BY GROUPING SETS ((), (${ck}), (${rk}))`
		: dim === 'total'
			? empty
			: Prisma.sql`GROUP BY 1`
	return Prisma.sql`
		SELECT ${key}, ${spec.select}
		FROM ${spec.from} ${needCluster ? spec.cluster.join : empty} ${needRegion ? spec.region.join : empty}
		WHERE ${spec.date} >= ${ts(range.start)} AND ${spec.date} < ${ts(range.end)} AND ${spec.where}
			${query.clusterId !== null ? Prisma.sql`AND ${spec.cluster.col} = ${query.clusterId}` : empty}
			${query.county !== null ? Prisma.sql`AND ${spec.region.col} = ${query.county}` : empty}
		${group}`
}

/** The statements of a query: per spec, totals/clusters/counties (one or three) and the months. */
function plan(query: MonitorQuery, now: Date) {
	const trend = trendBuckets(query.period)
	const trendRange = { start: trend[0]!.start, end: trend.at(-1)!.end }
	return specs(now).flatMap((spec, i) => {
		const dims: Dim[] = spec.fanout ? ['total', 'cluster', 'county', 'month'] : ['combined', 'month']
		return dims.map((dim) => ({
			spec,
			dim,
			label: `${SPEC_NAMES[i]}/${dim}`,
			sql: statement(spec, dim, query, dim === 'month' ? trendRange : query.period),
		}))
	})
}

/** Every SQL statement the dashboard runs for a query (the benchmark times them one by one). */
export function monitorStatements(query: MonitorQuery, now = new Date()) {
	return plan(query, now).map(({ label, sql }) => ({ label, sql }))
}

const SPEC_NAMES = [
	'firmsRegistered',
	'firmsVerified',
	'capabilities',
	'demands',
	'demandsClosed',
	'suggestions',
	'dockings',
	'dockingContracts',
	'meetingContracts',
	'events',
]

type Maps = Record<'total' | 'cluster' | 'county' | 'month', Map<string, Figures>>

async function runAll(query: MonitorQuery, now: Date): Promise<Maps> {
	const maps: Maps = { total: new Map(), cluster: new Map(), county: new Map(), month: new Map() }
	const get = (map: Map<string, Figures>, key: string) => {
		let f = map.get(key)
		if (!f) map.set(key, (f = emptyFigures()))
		return f
	}
	get(maps.total, 'all')
	const results = await Promise.all(
		plan(query, now).map(async (p) => ({ ...p, rows: await prisma.$queryRaw<Row[]>(p.sql) })),
	)
	for (const { spec, dim, rows } of results)
		for (const row of rows) {
			if (dim !== 'combined') spec.apply(get(maps[dim], row.key), row)
			else {
				const g = int(row.g)
				if (g === 3) spec.apply(get(maps.total, 'all'), row)
				else if (g === 1) spec.apply(get(maps.cluster, String(row.ck)), row)
				else if (g === 2) spec.apply(get(maps.county, String(row.rk)), row)
			}
		}
	for (const map of Object.values(maps)) for (const f of map.values()) finish(f)
	return maps
}

export type MonitorData = {
	period: { type: string; from: string; to: string; label: string; start: string; end: string }
	cluster: ClusterOption | null
	county: { code: string; name: string } | null
	totals: Figures
	byCluster: Array<{ key: string; slug: string | null; name: string; figures: Figures }>
	byCounty: Array<{ key: string; name: string; area: RegionArea | null; figures: Figures }>
	series: Array<{ month: string; figures: Figures }>
}

const isEmpty = (f: Figures) =>
	f.firmsRegistered +
		f.firmsVerified +
		f.capabilities +
		f.demandsPublished +
		f.demandsClosed +
		f.suggestions +
		f.dockings +
		f.contracts +
		f.events ===
	0

/** Every figure of the dashboard for the filters: totals, per cluster, per county and the monthly trend. */
export async function getMonitorData(
	query: MonitorQuery,
	clusters: ClusterOption[],
	now = new Date(),
): Promise<MonitorData> {
	const { period } = query
	const trend = trendBuckets(period)
	const maps = await runAll(query, now)
	const [total, byCluster, byCounty, byMonth] = [maps.total, maps.cluster, maps.county, maps.month]
	const clusterRows: MonitorData['byCluster'] = clusters
		.filter((c) => query.clusterId === null || c.id === query.clusterId)
		.map((c) => ({ key: c.id, slug: c.slug, name: c.name, figures: byCluster.get(c.id) ?? emptyFigures() }))
	const unclassified = byCluster.get('')
	if (unclassified && !isEmpty(unclassified))
		clusterRows.push({ key: '', slug: null, name: '未分类', figures: unclassified })
	const countyRows: MonitorData['byCounty'] = REGIONS.filter((r) =>
		query.county ? r.code === query.county : true,
	)
		.map((r) => ({
			key: r.code,
			name: r.name,
			area: r.area,
			figures: byCounty.get(r.code) ?? emptyFigures(),
		}))
		.filter((r) => query.county !== null || r.area === 'XIANNING' || !isEmpty(r.figures))
	for (const [code, figures] of byCounty)
		if (!REGIONS.some((r) => r.code === code) && !isEmpty(figures))
			countyRows.push({ key: code, name: code || '未填区县', area: null, figures })
	const cluster = clusters.find((c) => c.id === query.clusterId) ?? null
	const region = REGIONS.find((r) => r.code === query.county)
	return {
		period: {
			type: period.type,
			from: period.from,
			to: period.to,
			label: period.label,
			start: period.start.toISOString(),
			end: period.end.toISOString(),
		},
		cluster,
		county: region ? { code: region.code, name: region.name } : null,
		totals: total.get('all') ?? finish(emptyFigures()),
		byCluster: clusterRows,
		byCounty: countyRows,
		series: trend.map((b) => ({ month: b.key, figures: byMonth.get(b.key) ?? emptyFigures() })),
	}
}
