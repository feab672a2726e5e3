/**
 * Monitoring dashboard benchmark (/bureau/monitor): the loader's data function (resolveMonitorFilters
 * + getMonitorData, every SQL aggregate of the page) on a database of 100,000 listings (50,000
 * capabilities + 50,000 demands) and 1,000,000 docking messages, against a baseline in the same run:
 *
 *   npm run bench:dashboard -- [--quick]
 *   (node --import tsx tests/load/dashboard.bench.ts …)
 *
 * --quick: 10,000 listings and 100,000 messages (well under a minute).
 *
 * Data (generate_series INSERT … SELECT, in SQL): 2,000 firms (half Xianning suppliers, half Wuhan
 * buyers, one cluster each, registered over 24 months), the listings spread over 24 months and 6
 * clusters, 3 match suggestions per demand, one docking session per 5 demands at every stage (a
 * third of them signed, with amounts), stage changes, the messages spread over the sessions, 48
 * events with 20 held meetings each (a quarter contracts, some linked to a signed session). Then
 * ANALYZE, as autovacuum would.
 *
 * Measured: 20 runs of the dashboard data with different filters (month, quarter, year, custom
 * ranges; all clusters or one; all counties or one), after 2 warm-up runs; p50/p95/max. Baseline:
 * 20 runs of one plain statement counting the rows of the same tables (Capability, Demand,
 * MatchSuggestion, DockingSession, Message); ratio = dashboard p95 / baseline p95.
 *
 * The database is a fresh PostgreSQL database (CREATE DATABASE xnwh_bench_<random> on
 * BENCH_DATABASE_URL's server, default postgresql://postgres@127.0.0.1:5432/test), migrated, and
 * dropped at the end. Not part of `npm test`; it measures and prints, it asserts nothing. The BENCH
 * line is the last line.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
process.chdir(ROOT)
process.env.NODE_ENV = 'production'

const QUICK = process.argv.includes('--quick')
const LISTINGS = QUICK ? 10_000 : 100_000
const MESSAGES = QUICK ? 100_000 : 1_000_000
const FIRMS = 2_000
const RUNS = 20
const WARMUP = 2

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a')

function percentile(values: number[], p: number) {
	if (values.length === 0) return NaN
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

async function createDatabase() {
	const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'
	const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
	await admin.connect()
	const name = `xnwh_bench_${randomBytes(6).toString('hex')}`
	try {
		await admin.query(`CREATE DATABASE "${name}"`)
	} finally {
		await admin.end()
	}
	const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString()
	return {
		url,
		async drop() {
			const a = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
			await a.connect()
			try {
				await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
			} finally {
				await a.end()
			}
		},
	}
}

/** Seeds the volume with set-based SQL. Timestamps: the 24 months before now. */
async function seed(url: string, log: (line: string) => void) {
	const c = new pg.Client({ connectionString: url })
	await c.connect()
	const caps = LISTINGS / 2
	const demands = LISTINGS / 2
	const sessions = Math.floor(demands / 5)
	const perSession = Math.ceil(MESSAGES / sessions)
	const step = async (label: string, sql: string) => {
		const t0 = performance.now()
		const r = await c.query(sql)
		log(`  ${label}: ${r.rowCount ?? ''} rows in ${ms(performance.now() - t0)} ms`)
	}
	const XN = ['421202', '421221', '421281', '421222', '421223', '421224', 'XN-HTZ']
	const WH = ['420102', '420103', '420104', '420105', '420106', '420111', 'WH-EHTZ', 'WH-WEDZ']
	const arr = (codes: string[]) => `ARRAY[${codes.map((x) => `'${x}'`).join(',')}]`
	// A time within the last 730 days, spread by g.
	const ago = (g: string, mod = 730) =>
		`now() - ((${g} * 7919) % ${mod}) * interval '1 day' - ((${g} * 31) % 1440) * interval '1 minute'`
	await step(
		'clusters',
		`INSERT INTO "Cluster" (id, slug, name, "nameEn", summary, "sortOrder", "updatedAt")
		SELECT 'cl' || g, 'bench-' || g, '链群' || g, 'Cluster ' || g, '', g, now() FROM generate_series(1, 6) g`,
	)
	await step(
		'firms',
		`INSERT INTO "Firm" (id, name, uscc, kind, "regionCode", "contactName", "contactPhone", "verificationStatus",
			"verifiedAt", "createdAt", "submittedAt", "updatedAt")
		SELECT 'f' || g, '企业' || g, 'USCC' || lpad(g::text, 14, '0'),
			(CASE WHEN g <= ${FIRMS / 2} THEN 'SUPPLIER' ELSE 'BUYER' END)::"FirmKind",
			CASE WHEN g <= ${FIRMS / 2} THEN (${arr(XN)})[1 + g % ${XN.length}] ELSE (${arr(WH)})[1 + g % ${WH.length}] END,
			'联系人', '13900000000',
			(CASE WHEN g % 10 = 0 THEN 'PENDING' ELSE 'VERIFIED' END)::"VerificationStatus",
			CASE WHEN g % 10 = 0 THEN NULL ELSE ${ago('g', 700)} + interval '2 days' END,
			${ago('g', 700)}, ${ago('g', 700)}, now()
		FROM generate_series(1, ${FIRMS}) g`,
	)
	await step(
		'firm clusters',
		`INSERT INTO "_ClusterToFirm" ("A", "B") SELECT 'cl' || (1 + g % 6), 'f' || g FROM generate_series(1, ${FIRMS}) g`,
	)
	await step(
		'capabilities',
		`INSERT INTO "Capability" (id, "firmId", title, "clusterId", status, "publishedAt", "createdAt", "updatedAt")
		SELECT 'c' || g, 'f' || (1 + g % ${FIRMS / 2}), '能力' || g, 'cl' || (1 + g % 6),
			(CASE WHEN g % 20 = 0 THEN 'DRAFT' WHEN g % 20 = 1 THEN 'ARCHIVED' ELSE 'PUBLISHED' END)::"CapabilityStatus",
			CASE WHEN g % 20 = 0 THEN NULL ELSE ${ago('g')} END, ${ago('g')}, now()
		FROM generate_series(1, ${caps}) g`,
	)
	await step(
		'demands',
		`INSERT INTO "Demand" (id, "firmId", title, "clusterId", status, "publishedAt", "closedAt", "createdAt", "updatedAt")
		SELECT 'd' || g, 'f' || (${FIRMS / 2} + 1 + g % ${FIRMS / 2}), '需求' || g, 'cl' || (1 + g % 6),
			(CASE WHEN g % 20 = 0 THEN 'DRAFT' WHEN g % 3 = 0 THEN 'CLOSED' ELSE 'PUBLISHED' END)::"DemandStatus",
			CASE WHEN g % 20 = 0 THEN NULL ELSE ${ago('g')} END,
			CASE WHEN g % 20 <> 0 AND g % 3 = 0 THEN ${ago('g')} + interval '20 days' END,
			${ago('g')}, now()
		FROM generate_series(1, ${demands}) g`,
	)
	await step(
		'match suggestions',
		`INSERT INTO "MatchSuggestion" (id, "demandId", "capabilityId", score, "createdAt", "updatedAt")
		SELECT 's' || g || '_' || k, 'd' || g, 'c' || (1 + (g * 7 + k * 1013) % ${caps}), 50 + (g + k) % 50,
			${ago('g')} + interval '1 hour', now()
		FROM generate_series(1, ${demands}) g, generate_series(1, 3) k`,
	)
	await step(
		'docking sessions',
		`INSERT INTO "DockingSession" (id, "buyerFirmId", "supplierFirmId", "demandId", "capabilityId", "initiatorSide",
			status, stage, "dealAmount", "expiresAt", "signedAt", "createdAt", "updatedAt", "lastMessageSeq")
		SELECT 'k' || g, 'f' || (${FIRMS / 2} + 1 + (g * 5) % ${FIRMS / 2}), 'f' || (1 + (1 + (g * 7 * 5) % ${caps}) % ${FIRMS / 2}),
			'd' || (g * 5), 'c' || (1 + (g * 5 * 7 + 1013) % ${caps}), 'BUYER',
			(CASE WHEN g % 6 = 0 THEN 'DECLINED' ELSE 'ACTIVE' END)::"DockingStatus",
			(ARRAY['INTENT','NEGOTIATION','SAMPLING','SIGNED','SIGNED','CLOSED'])[1 + g % 6]::"DockingStage",
			CASE WHEN g % 6 IN (3, 4) THEN (g % 1000) * 1000 + 0.5 END,
			now() + interval '30 days',
			CASE WHEN g % 6 IN (3, 4) THEN ${ago('g * 5')} + interval '30 days' END,
			${ago('g * 5')} + interval '6 hours', now(), ${perSession}
		FROM generate_series(1, ${sessions}) g`,
	)
	await step(
		'stage changes',
		`INSERT INTO "DockingStageChange" (id, "sessionId", "fromStage", "toStage", "toStatus", "createdAt")
		SELECT 'h' || g, 'k' || g, 'NEGOTIATION', 'SAMPLING', 'ACTIVE', now()
		FROM generate_series(1, ${sessions}) g WHERE g % 6 IN (2, 3, 4, 5)`,
	)
	await step(
		'messages',
		`INSERT INTO "Message" (id, "sessionId", seq, "clientId", side, body, "createdAt")
		SELECT 'm' || g, 'k' || (1 + (g - 1) / ${perSession}), 1 + (g - 1) % ${perSession}, 'cm' || g,
			(CASE WHEN g % 2 = 0 THEN 'BUYER' ELSE 'SUPPLIER' END)::"DockingSide",
			'您好，关于贵司的产品规格与交期想进一步沟通，第 ' || g || ' 条消息。', now() - (g % 10000) * interval '1 minute'
		FROM generate_series(1, ${MESSAGES}) g`,
	)
	await step(
		'events',
		`INSERT INTO "Event" (id, title, days, "dayStart", "dayEnd", "meetingMinutes", capacity, "registrationOpensAt",
			"registrationClosesAt", "requestsCloseAt", "startsAt", "endsAt", status, "updatedAt")
		SELECT 'e' || g, '对接会' || g, ARRAY[to_char(now() - g * interval '15 days', 'YYYY-MM-DD')], '09:00', '12:00', 30, 100,
			now() - g * interval '15 days' - interval '20 days', now() - g * interval '15 days' - interval '5 days',
			now() - g * interval '15 days' - interval '2 days', now() - g * interval '15 days', now() - g * interval '15 days' + interval '3 hours',
			(CASE WHEN g % 8 = 0 THEN 'CANCELLED' ELSE 'CLOSED' END)::"EventStatus", now()
		FROM generate_series(1, 48) g`,
	)
	await step(
		'event clusters',
		`INSERT INTO "_EventClusters" ("A", "B") SELECT 'cl' || (1 + g % 6), 'e' || g FROM generate_series(1, 48) g`,
	)
	await step(
		'registrations',
		`INSERT INTO "EventRegistration" (id, "eventId", "firmId", side, status, "checkInToken", "calendarToken", "updatedAt")
		SELECT 'r' || g || '_' || k, 'e' || g, 'f' || (1 + (g * 41 + k) % ${FIRMS}),
			(CASE WHEN (1 + (g * 41 + k) % ${FIRMS}) <= ${FIRMS / 2} THEN 'SUPPLIER' ELSE 'BUYER' END)::"DockingSide",
			'APPROVED', 'ci' || g || '_' || k, 'ca' || g || '_' || k, now()
		FROM generate_series(1, 48) g, generate_series(1, 40) k`,
	)
	await step(
		'meeting requests',
		`INSERT INTO "MeetingRequest" (id, "eventId", "fromFirmId", "toFirmId", "buyerFirmId", "supplierFirmId", priority, status, "updatedAt")
		SELECT 'q' || g || '_' || k, 'e' || g, 'f' || (${FIRMS / 2} + k + g), 'f' || (k + g), 'f' || (${FIRMS / 2} + k + g), 'f' || (k + g),
			'MEET', 'ACCEPTED', now()
		FROM generate_series(1, 48) g, generate_series(1, 20) k`,
	)
	await step(
		'meetings',
		`INSERT INTO "Meeting" (id, "eventId", "requestId", "buyerFirmId", "supplierFirmId", "slotId", "startsAt", "endsAt",
			status, outcome, "dealAmount", "dockingSessionId", "updatedAt")
		SELECT 'mt' || g || '_' || k, 'e' || g, 'q' || g || '_' || k, 'f' || (${FIRMS / 2} + k + g), 'f' || (k + g), 's' || k,
			now() - g * interval '15 days', now() - g * interval '15 days' + interval '30 minutes', 'HELD',
			(ARRAY['NO_INTENT','INTENT','SAMPLE','CONTRACT'])[1 + k % 4]::"MeetingOutcome",
			CASE WHEN k % 4 = 3 THEN 20000 + k END,
			CASE WHEN k = 3 THEN 'k' || (g * 6 + 3) END, now()
		FROM generate_series(1, 48) g, generate_series(1, 20) k`,
	)
	const t0 = performance.now()
	await c.query('ANALYZE')
	log(`  ANALYZE in ${ms(performance.now() - t0)} ms`)
	await c.end()
}

async function main() {
	const started = performance.now()
	const db = await createDatabase()
	const { migrate } = await import('#server/db/migrate')
	const { configureDatabase, disconnectDatabase, prisma } = await import('#app/utils/db.server')
	const { getMonitorData, monitorStatements, resolveMonitorFilters } =
		await import('#app/modules/reports/monitor.server')
	try {
		await migrate(db.url)
		console.log(`dashboard bench (${QUICK ? 'quick' : 'full'}): fresh PostgreSQL database, migrated; seeding`)
		const t0 = performance.now()
		await seed(db.url, (line) => console.log(line))
		console.log(`seeded ${LISTINGS} listings and ${MESSAGES} messages in ${ms(performance.now() - t0)} ms`)
		configureDatabase({ url: db.url, max: 10 })

		const now = new Date()
		const local = new Date(now.getTime() + 8 * 3600_000)
		const ym = (back: number) => {
			const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 1))
			return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
		}
		const year = local.getUTCFullYear()
		const filters = [
			`period=month&from=${ym(0)}`,
			`period=month&from=${ym(1)}&cluster=bench-1`,
			`period=month&from=${ym(3)}&county=421281`,
			`period=month&from=${ym(6)}&cluster=bench-2&county=421202`,
			`period=quarter&from=${year}-Q1`,
			`period=quarter&from=${year - 1}-Q4&cluster=bench-3`,
			`period=quarter&from=${year}-Q2&county=420106`,
			`period=year&from=${year}`,
			`period=year&from=${year - 1}`,
			`period=year&from=${year}&cluster=bench-4`,
			`period=year&from=${year - 1}&county=WH-EHTZ`,
			`period=custom&from=${year - 2}-01-01&to=${year}-12-31`,
			`period=custom&from=${year - 1}-06-01&to=${year}-05-31&cluster=bench-5`,
			`period=custom&from=${ym(2)}-01&to=${ym(1)}-15&county=421222`,
			`period=month&from=${ym(9)}&cluster=bench-6`,
			`period=quarter&from=${year - 1}-Q3`,
			`period=month&from=${ym(12)}`,
			`period=year&from=${year}&county=421281&cluster=bench-1`,
			`period=custom&from=${year}-01-01&to=${year}-01-31`,
			`period=month&from=${ym(4)}&county=420111`,
		]
		const dashboard = async (query: string) => {
			const resolved = await resolveMonitorFilters(new URL(`http://localhost/bureau/monitor?${query}`), now)
			if (!resolved.ok) throw new Error(`bad filters ${query}: ${JSON.stringify(resolved.errors)}`)
			return getMonitorData(resolved.query, resolved.clusters, now)
		}
		const baseline = () =>
			prisma.$queryRaw`SELECT (SELECT count(*) FROM "Capability") + (SELECT count(*) FROM "Demand")
				+ (SELECT count(*) FROM "MatchSuggestion") + (SELECT count(*) FROM "DockingSession")
				+ (SELECT count(*) FROM "Message") AS n`
		for (let i = 0; i < WARMUP; i++) {
			await dashboard(filters[i]!)
			await baseline()
		}
		const dash: number[] = []
		const base: number[] = []
		let sample: Awaited<ReturnType<typeof dashboard>> | null = null
		for (let i = 0; i < RUNS; i++) {
			// Interleaved, so both see the same conditions.
			let t = performance.now()
			const data = await dashboard(filters[i % filters.length]!)
			dash.push(performance.now() - t)
			if (i === 11) sample = data
			t = performance.now()
			await baseline()
			base.push(performance.now() - t)
		}
		const p95 = percentile(dash, 95)
		const b95 = percentile(base, 95)
		console.log(
			`dashboard data (${RUNS} runs, ${filters.length} filter sets): p50 ${ms(percentile(dash, 50))} ms, p95 ${ms(p95)} ms, max ${ms(Math.max(...dash))} ms`,
		)
		console.log(
			`baseline count(*) over the same tables: p50 ${ms(percentile(base, 50))} ms, p95 ${ms(b95)} ms, max ${ms(Math.max(...base))} ms`,
		)
		if (sample)
			console.log(
				`sanity (custom 3-year range): demands ${sample.totals.demandsPublished}, capabilities ${sample.totals.capabilities}, dockings ${sample.totals.dockings}, contracts ${sample.totals.contracts}, amount ${sample.totals.amount}, events ${sample.totals.events}`,
			)
		// Where the time goes: each statement alone (best of 3), for a whole-year, all-clusters query.
		const yearQuery = await resolveMonitorFilters(new URL(`http://localhost/?period=year&from=${year}`), now)
		if (yearQuery.ok) {
			const timings: Array<{ label: string; ms: number }> = []
			for (const { label, sql } of monitorStatements(yearQuery.query, now)) {
				let best = Infinity
				for (let i = 0; i < 3; i++) {
					const t = performance.now()
					await prisma.$queryRaw(sql)
					best = Math.min(best, performance.now() - t)
				}
				timings.push({ label, ms: best })
			}
			timings.sort((a, b) => b.ms - a.ms)
			const sum = timings.reduce((acc, x) => acc + x.ms, 0)
			console.log(
				`statements one by one (year ${year}, best of 3): ${timings.length} statements, sum ${ms(sum)} ms; slowest: ${timings
					.slice(0, 6)
					.map((x) => `${x.label} ${ms(x.ms)}`)
					.join(', ')}`,
			)
		}
		console.log(`total bench time ${ms(performance.now() - started)} ms`)
		await disconnectDatabase()
		await db.drop()
		console.log(
			`BENCH dashboard p95_ms=${p95.toFixed(1)} ratio=${(p95 / b95).toFixed(2)} listings=${LISTINGS} messages=${MESSAGES}`,
		)
	} catch (error) {
		await disconnectDatabase().catch(() => {})
		await db.drop().catch(() => {})
		throw error
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error)
		process.exit(1)
	},
)
