import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest'
import { zh } from '#app/i18n/zh'
import { toLocalInput } from '#app/modules/events/slots'
import { addItems, createList, ListInputSchema } from '#app/modules/targets/targets.server'
import { safeFileName } from '#app/modules/uploads/sniff'
import { parseEnv } from '#app/utils/env.server'
import { addRow, xlsxBuffer } from '#app/utils/excel.server'
import { prisma } from '#app/utils/db.server'
import { wellFormedText } from '#app/utils/text'
import { seed, DEMO_PASSWORD } from '#prisma/seed'
import { startServer, type RunningServer } from '#server/start'
import { signIn, type SignedIn } from '#tests/factories/docking'
import { dayFromNow } from '#tests/factories/events'
import { loadBlns, XSS_PAYLOADS } from '#tests/fixtures/xss-payloads'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'
import * as capabilitiesIndex from '#app/routes/capabilities._index'
import * as capabilityNew from '#app/routes/capabilities.new'
import * as demandsIndex from '#app/routes/demands._index'
import * as demandNew from '#app/routes/demands.new'
import * as eventNew from '#app/routes/events.new'
import * as firmProfile from '#app/routes/firm.profile'
import * as firmsIndex from '#app/routes/firms._index'
import * as myImport from '#app/routes/my.import'
import * as uploads from '#app/routes/resources.uploads'
import * as monitorXlsx from '#app/routes/resources.bureau.monitor[.]xlsx'
import * as gapsXlsx from '#app/routes/resources.bureau.chains.$slug.gaps[.]xlsx'
import * as reportXlsx from '#app/routes/resources.events.$eventId.report[.]xlsx'
import * as importTemplate from '#app/routes/resources.import-template'
import * as targetsXlsx from '#app/routes/resources.targets.$listId[.]xlsx'

// Every user-writable free-text field, through the real route actions (a Request with a signed-in cookie),
// filled with the 515 strings of the Big List of Naughty Strings plus common XSS payloads.
//
// The normalisation the app applies on purpose, and the only difference allowed between input and stored value:
// - `text`: wellFormedText (lone surrogates → U+FFFD, NUL and the search highlight markers U+0002/U+0003
//   removed) and trimming of leading/trailing white space;
// - `raw`: wellFormedText only (multi-line free text that keeps its leading white space);
// - phone numbers lose spaces and dashes; upload file names go through safeFileName (directory part, control
//   characters and "<>|*?: removed, trimmed, at most 120 characters, "file" when nothing is left).
// A refused value must answer 4xx with an error on that field whose i18n key has a Chinese message, and leave
// the stored record unchanged.

const STRINGS = [...loadBlns(), ...XSS_PAYLOADS]
const BLNS_COUNT = loadBlns().length
const BASE = 'http://localhost'

let db: TestDatabase
let server: RunningServer
let supplier: SignedIn
let buyer: SignedIn
let bureau: SignedIn

const figures = {
	exports: 0,
	formulaCells: 0,
	exportMismatches: 0,
	fields: 0,
	values: 0,
	accepted: 0,
	refused: 0,
	serverErrors: 0,
	mismatches: 0,
	unescaped: 0,
	xlsxAstralSplits: 0,
}
let problems: string[] = []
beforeEach(() => {
	problems = []
})

beforeAll(async () => {
	db = await setupTestDatabase()
	const env = parseEnv({
		NODE_ENV: 'test',
		PORT: '0',
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `blns${Date.now()}_`,
		SEED_ON_START: 'false',
		LOG_LEVEL: 'silent',
		// The search rate limit has a suite of its own; here it would only slow the 549 × 5 searches down.
		RATE_LIMIT_SEARCH_PER_MIN: '0',
	})
	server = await startServer(env, { logger: { info: () => {}, error: () => {} } })
	await seed({ log: () => {} })
	supplier = await signIn('supplier@demo.xnwh.cn', DEMO_PASSWORD)
	buyer = await signIn('buyer@demo.xnwh.cn', DEMO_PASSWORD)
	bureau = await signIn('bureau@demo.xnwh.cn', DEMO_PASSWORD)
}, 180_000)

afterAll(async () => {
	console.log(
		`SUITE blns fields=${figures.fields} strings=${STRINGS.length} blns=${BLNS_COUNT} values=${figures.values} accepted=${figures.accepted} refused=${figures.refused} server_errors=${figures.serverErrors} mismatches=${figures.mismatches} unescaped_html=${figures.unescaped} exports=${figures.exports} formula_cells=${figures.formulaCells} export_mismatches=${figures.exportMismatches} xlsx_astral_splits=${figures.xlsxAstralSplits}`,
	)
	await server?.stop()
	await db?.stop()
})

type Reply = { status: number; location: string | null; body: unknown }
type Route = { action?: (args: never) => Promise<Response>; loader?: (args: never) => Promise<Response> }

/** Calls a route module's action (or loader) like Remix does; a thrown Response is its answer, anything else a 500. */
async function call(
	route: Route,
	kind: 'action' | 'loader',
	request: Request,
	params: Record<string, string> = {},
): Promise<Reply> {
	let response: Response
	try {
		const fn = route[kind] as unknown as (args: {
			request: Request
			params: object
			context: object
		}) => Promise<Response>
		response = await fn({ request, params, context: {} })
	} catch (error) {
		if (!(error instanceof Response)) return { status: 500, location: null, body: String(error) }
		response = error
	}
	const type = response.headers.get('content-type') ?? ''
	const body: unknown = type.includes('json') ? await response.json() : await response.text()
	return { status: response.status, location: response.headers.get('location'), body }
}

function post(path: string, cookie: string, form: Record<string, string | string[]>) {
	const body = new URLSearchParams()
	for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
	return new Request(`${BASE}${path}`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
		body,
	})
}

const text = (s: string) => wellFormedText(s).trim()
const raw = (s: string) => wellFormedText(s)
const label = (s: string) => JSON.stringify(s).slice(0, 80)

/** The Chinese message of an error key (unknown keys pass through the translator unchanged). */
function chinese(message: string) {
	const zhText = (zh as Record<string, string>)[message] ?? message
	return /[\u4e00-\u9fff]/.test(zhText)
}

function fail(kind: 'server' | 'mismatch' | 'refusal', where: string, detail: string) {
	if (kind === 'server') figures.serverErrors++
	else figures.mismatches++
	if (problems.length < 40) problems.push(`${kind} ${where}: ${detail}`)
}

type FieldCase = {
	name: string
	expected: (s: string) => unknown
	read: (row: Record<string, unknown>) => unknown
}
type FormCase = {
	name: string
	path: string
	cookie: (lane: number) => string
	route: Route
	base: () => Record<string, string | string[]>
	fields: FieldCase[]
	/** The stored row after a successful submission (from the redirect), or the one row an update form edits. */
	row: (reply: Reply, lane: number) => Promise<Record<string, unknown>>
	/** For update forms: the row as stored before a submission, to prove a refused one loses nothing. */
	current?: (lane: number) => Promise<Record<string, unknown>>
	/** Submissions running at once (update forms: one record per lane). */
	lanes?: number
}

/**
 * Each submission puts a different string into every field (string i + 131·j into field j), so every field
 * sees every string once. Refused fields must carry a Chinese error and change nothing; the submission is
 * then repeated with those fields at their valid defaults, and the rest must be stored as expected.
 */
async function runForm(c: FormCase) {
	figures.fields += c.fields.length
	const n = STRINGS.length
	await pool(n, c.lanes ?? 3, async (i, lane) => {
		const values = c.fields.map((_, j) => STRINGS[(i + 131 * j) % n]!)
		figures.values += values.length
		const refused = new Set<string>()
		for (let attempt = 0; attempt < 4; attempt++) {
			const before = c.current ? await c.current(lane) : null
			const form = { ...c.base() }
			c.fields.forEach((f, j) => {
				if (!refused.has(f.name)) form[f.name] = values[j]!
			})
			const reply = await call(c.route, 'action', post(c.path, c.cookie(lane), form))
			const where = `${c.name}[${i}]`
			if (reply.status >= 500) {
				fail('server', where, `${reply.status} ${label(String(reply.body))} for ${label(values.join(' | '))}`)
				break
			}
			if (reply.status === 302) {
				const row = await c.row(reply, lane)
				c.fields.forEach((f, j) => {
					if (refused.has(f.name)) return
					figures.accepted++
					const got = f.read(row)
					const want = f.expected(values[j]!)
					if (JSON.stringify(got) !== JSON.stringify(want))
						fail(
							'mismatch',
							`${where}.${f.name}`,
							`sent ${label(values[j]!)} stored ${label(JSON.stringify(got))}`,
						)
				})
				break
			}
			const errors = ((reply.body as { result?: { error?: Record<string, string[] | null> } })?.result
				?.error ?? {}) as Record<string, string[] | null>
			const fieldErrors = Object.entries(errors).filter(([, m]) => m?.length)
			if (reply.status < 400 || reply.status >= 500 || fieldErrors.length === 0) {
				fail(
					'refusal',
					where,
					`status ${reply.status} without a field error: ${label(JSON.stringify(reply.body))}`,
				)
				break
			}
			for (const [field, messages] of fieldErrors) {
				const name = field.split(/[.[]/)[0]!
				if (!c.fields.some((f) => f.name === name) || refused.has(name))
					fail(
						'refusal',
						`${where}.${field}`,
						`refused a field holding a valid default: ${messages!.join(',')}`,
					)
				else if (!messages!.every(chinese))
					fail('refusal', `${where}.${field}`, `no Chinese message: ${messages!.join(',')}`)
				refused.add(name)
			}
			if (before && c.current) {
				const after = await c.current(lane)
				if (JSON.stringify(after) !== JSON.stringify(before))
					fail('refusal', where, 'a refused submission changed the record')
			}
		}
		figures.refused += refused.size
	})
}

/** Runs fn over 0..count-1, `width` at a time. */
async function pool(count: number, width: number, fn: (i: number, lane: number) => Promise<void>) {
	let next = 0
	await Promise.all(
		Array.from({ length: width }, async (_, lane) => {
			while (next < count) await fn(next++, lane)
		}),
	)
}

const idFrom = (reply: Reply) => reply.location!.split('?')[0]!.split('/').pop()!

describe(`Big List of Naughty Strings through the API (${process.env.TEST_DB_KIND})`, () => {
	test('the list has the 515 strings', () => {
		expect(BLNS_COUNT).toBe(515)
		expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(30)
	})

	test('firm profile: every text field', { timeout: 1_200_000 }, async () => {
		const users = [
			supplier,
			buyer,
			await signIn('supplier2@demo.xnwh.cn', DEMO_PASSWORD),
			await signIn('buyer2@demo.xnwh.cn', DEMO_PASSWORD),
		]
		const read = (lane: number) =>
			prisma.firm.findUniqueOrThrow({ where: { id: users[lane]!.user.firmId! } }) as unknown as Promise<
				Record<string, unknown>
			>
		await runForm({
			name: 'profile',
			path: '/firm/profile',
			cookie: (lane) => users[lane]!.cookie,
			lanes: users.length,
			route: firmProfile,
			base: () => ({
				name: '咸宁示例精密制造有限公司',
				regionCode: '421202',
				contactName: '王小明',
				contactPhone: '13900001234',
			}),
			fields: [
				{ name: 'name', expected: text, read: (r) => r.name },
				{ name: 'address', expected: text, read: (r) => r.address },
				{ name: 'description', expected: text, read: (r) => r.description },
				{ name: 'contactName', expected: text, read: (r) => r.contactName },
				{ name: 'contactPhone', expected: (s) => text(s).replace(/[\s-]/g, ''), read: (r) => r.contactPhone },
				{ name: 'contactEmail', expected: text, read: (r) => r.contactEmail },
				{ name: 'website', expected: text, read: (r) => r.website },
			],
			row: (_, lane) => read(lane),
			current: (lane) => read(lane),
		})
		expect(problems).toEqual([])
	})

	test('capability: every text field', { timeout: 1_200_000 }, async () => {
		await runForm({
			name: 'capability',
			path: '/capabilities/new',
			cookie: () => supplier.cookie,
			route: capabilityNew,
			base: () => ({
				title: '精密数控加工服务',
				capacityValue: '20',
				capacityUnit: '万件',
				capacityPeriod: 'YEAR',
				moqValue: '5',
				moqUnit: '件',
				priceMin: '1',
				priceUnit: '元/件',
			}),
			fields: [
				{ name: 'title', expected: text, read: (r) => r.title },
				{ name: 'description', expected: text, read: (r) => r.description },
				{ name: 'capacityUnit', expected: text, read: (r) => r.capacityUnit },
				{ name: 'moqUnit', expected: text, read: (r) => r.moqUnit },
				{ name: 'priceUnit', expected: text, read: (r) => r.priceUnit },
			],
			row: async (reply) =>
				(await prisma.capability.findUniqueOrThrow({ where: { id: idFrom(reply) } })) as unknown as Record<
					string,
					unknown
				>,
		})
		expect(problems).toEqual([])
	})

	test('demand: every text field', { timeout: 1_200_000 }, async () => {
		await runForm({
			name: 'demand',
			path: '/demands/new',
			cookie: () => buyer.cookie,
			route: demandNew,
			base: () => ({
				title: '采购精密机加工零件',
				quantityValue: '5',
				quantityUnit: '万件',
				budgetMin: '1',
				budgetUnit: '万元',
			}),
			fields: [
				{ name: 'title', expected: text, read: (r) => r.title },
				{ name: 'description', expected: text, read: (r) => r.description },
				{ name: 'quantityUnit', expected: text, read: (r) => r.quantityUnit },
				{ name: 'budgetUnit', expected: text, read: (r) => r.budgetUnit },
			],
			row: async (reply) =>
				(await prisma.demand.findUniqueOrThrow({ where: { id: idFrom(reply) } })) as unknown as Record<
					string,
					unknown
				>,
		})
		expect(problems).toEqual([])
	})

	test('event: title, description and venue', { timeout: 1_200_000 }, async () => {
		const DAY = 24 * 60 * 60 * 1000
		await runForm({
			name: 'event',
			path: '/events/new',
			cookie: () => bureau.cookie,
			route: eventNew,
			base: () => {
				const now = Date.now()
				return {
					title: '咸宁—武汉光电子信息产销对接会',
					clusterSlugs: ['electronics'],
					format: 'HYBRID',
					venue: '咸宁市会展中心',
					days: dayFromNow(10),
					dayStart: '09:00',
					dayEnd: '11:00',
					meetingMinutes: '30',
					gapMinutes: '0',
					capacity: '60',
					minMeetings: '0',
					maxMeetings: '6',
					registrationOpensAt: toLocalInput(new Date(now - DAY)),
					registrationClosesAt: toLocalInput(new Date(now + 3 * DAY)),
					requestsCloseAt: toLocalInput(new Date(now + 5 * DAY)),
				}
			},
			fields: [
				{ name: 'title', expected: text, read: (r) => r.title },
				{ name: 'description', expected: raw, read: (r) => r.description },
				{ name: 'venue', expected: text, read: (r) => r.venue },
			],
			row: async (reply) => {
				const id = reply.location!.split('?')[0]!.split('/').at(-2)!
				return (await prisma.event.findUniqueOrThrow({ where: { id } })) as unknown as Record<string, unknown>
			},
		})
		expect(problems).toEqual([])
	})

	test('search box: listing pages and /api/v1/*', { timeout: 1_200_000 }, async () => {
		figures.fields += 5
		const decode = (v: string) =>
			v
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"')
				.replace(/&#x27;|&#39;/g, "'")
				.replace(/&amp;/g, '&')
		await pool(STRINGS.length, 4, async (i) => {
			const s = STRINGS[i]!
			const qs = new URLSearchParams({ q: s }).toString()
			for (const [name, route, path] of [
				['capabilities', capabilitiesIndex, '/capabilities'],
				['demands', demandsIndex, '/demands'],
				['firms', firmsIndex, '/firms'],
			] as const) {
				figures.values++
				const reply = await call(
					route as Route,
					'loader',
					new Request(`${BASE}${path}?${qs}`, { headers: { cookie: buyer.cookie } }),
				)
				if (reply.status >= 500)
					fail('server', `${name}?q[${i}]`, `${reply.status} ${label(String(reply.body))}`)
				else if (reply.status >= 400) figures.refused++
				else figures.accepted++
			}
			for (const api of ['capabilities', 'demands']) {
				figures.values++
				const res = await fetch(`${server.url}/api/v1/${api}?${qs}`)
				const body = (await res.json()) as { error?: { field: string | null; message: string } }
				if (res.status >= 500) fail('server', `api/${api}?q[${i}]`, `${res.status} ${JSON.stringify(body)}`)
				else if (res.status >= 400) {
					figures.refused++
					if (body.error?.field !== 'q' || !chinese(body.error.message))
						fail('refusal', `api/${api}?q[${i}]`, `no Chinese error on q: ${JSON.stringify(body)}`)
				} else figures.accepted++
			}
			// Every 5th string through the rendered page too: the search box shows the query back, escaped.
			if (i % 25 === 0 || i >= BLNS_COUNT) {
				const res = await fetch(`${server.url}/capabilities?${qs}`, { headers: { cookie: buyer.cookie } })
				const html = await res.text()
				if (res.status >= 500) fail('server', `page /capabilities?q[${i}]`, String(res.status))
				const value = /<input[^>]*name="q"[^>]*>/.exec(html)?.[0]
				const shown = value ? decode(/value="([^"]*)"/.exec(value)?.[1] ?? '') : null
				if (res.status === 200 && shown !== null && shown !== text(s).slice(0, 200) && shown !== s)
					fail('mismatch', `page /capabilities?q[${i}]`, `sent ${label(s)} shown ${label(shown)}`)
				if (
					/<(script|img|svg|iframe)\b[^>]*__xssMark/i.test(
						html.replace(/<script nonce="[^"]+"[^>]*>[\s\S]*?<\/script>/g, ''),
					)
				) {
					figures.unescaped++
					fail('mismatch', `page /capabilities?q[${i}]`, 'payload rendered as markup')
				}
			}
		})
		expect(problems).toEqual([])
	})

	test('upload file names', { timeout: 1_200_000 }, async () => {
		figures.fields++
		const pdf = new TextEncoder().encode(
			'%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
		)
		// multipart/form-data carries '"', CR and LF of a file name as %22, %0D and %0A; the server decodes them.
		const sent = (s: string) => s
		await pool(STRINGS.length, 3, async (i) => {
			const s = STRINGS[i]!
			figures.values++
			const form = new FormData()
			form.append('purpose', 'demand-attachment')
			form.append('file', new File([pdf], s, { type: 'application/pdf' }))
			const reply = await call(
				uploads,
				'action',
				new Request(`${BASE}/resources/uploads`, {
					method: 'POST',
					headers: { cookie: buyer.cookie },
					body: form,
				}),
			)
			const where = `upload[${i}]`
			if (reply.status >= 500) {
				fail('server', where, `${reply.status} ${label(String(reply.body))} for ${label(s)}`)
				return
			}
			if (reply.status !== 200) {
				figures.refused++
				const body = reply.body as { error?: string; message?: string }
				if (!body.message || !chinese(body.message))
					fail('refusal', where, `no Chinese message: ${JSON.stringify(body)}`)
				return
			}
			figures.accepted++
			const id = (reply.body as { id: string }).id
			const row = await prisma.upload.findUniqueOrThrow({ where: { id } })
			if (row.originalName !== safeFileName(sent(s)))
				fail(
					'mismatch',
					where,
					`sent ${label(s)} stored ${label(row.originalName)} expected ${label(safeFileName(sent(s)))}`,
				)
		})
		expect(problems).toEqual([])
	})

	test('imports: CSV and xlsx content', { timeout: 1_200_000 }, async () => {
		figures.fields += 4
		const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`
		const rows = STRINGS.map((s, i) => ({ ref: `BLNS-${i}`, title: `导入需求${i}`, description: s, unit: s }))
		const csv = [
			'外部编号,需求名称,需求描述',
			...rows.map((r) => [r.ref, r.title, r.description].map(csvCell).join(',')),
		].join('\r\n')
		const wb = new ExcelJS.Workbook()
		const sheet = wb.addWorksheet('需求')
		sheet.addRow(['外部编号', '需求名称', '需求描述'])
		// Text as Excel itself writes it (characters XML cannot carry as _xHHHH_, every character whole),
		// with the app's own writer.
		for (const r of rows) addRow(sheet, [`X${r.ref}`, r.title, r.description])
		const xlsx = new Uint8Array(await xlsxBuffer(wb))
		for (const [fileName, bytes, prefix] of [
			['blns.csv', new TextEncoder().encode(csv), ''],
			['blns.xlsx', xlsx, 'X'],
		] as const) {
			figures.values += rows.length
			const form = new FormData()
			form.append('file', new File([bytes], fileName))
			const preview = await call(
				myImport,
				'action',
				new Request(`${BASE}/my/import`, { method: 'POST', headers: { cookie: buyer.cookie }, body: form }),
			)
			if (preview.status >= 500) {
				fail('server', fileName, `${preview.status} ${label(String(preview.body))}`)
				continue
			}
			expect(preview.status, JSON.stringify(preview.body)).toBe(302)
			const jobId = new URL(preview.location!, BASE).searchParams.get('job')!
			const job = await prisma.importJob.findUniqueOrThrow({ where: { id: jobId } })
			const confirm = await call(
				myImport,
				'action',
				post('/my/import', buyer.cookie, { intent: 'confirm', jobId }),
			)
			if (confirm.status >= 500)
				fail('server', `${fileName} confirm`, `${confirm.status} ${label(String(confirm.body))}`)
			for (let t = 0; t < 120; t++) {
				const now = await prisma.importJob.findUniqueOrThrow({ where: { id: jobId } })
				if (now.status !== 'RUNNING' && now.status !== 'PREVIEWED') break
				await new Promise((r) => setTimeout(r, 250))
			}
			const stored = new Map(
				(
					await prisma.demand.findMany({
						where: { firmId: buyer.user.firmId!, externalRef: { startsWith: `${prefix}BLNS-` } },
						select: { externalRef: true, description: true },
					})
				).map((d) => [d.externalRef, d.description]),
			)
			let refusedRows = 0
			for (const r of rows) {
				const got = stored.get(`${prefix}${r.ref}`)
				if (got === undefined) {
					refusedRows++
					continue
				}
				figures.accepted++
				const want = text(r.description)
				if (got === want) continue
				// exceljs's reader cuts each XML part into 16,384-code-unit strings; readSheet escapes
				// astral characters first so one on a cut is not split into U+FFFD U+FFFD. Counted apart.
				const split = [...want].some(
					(ch, k) =>
						ch.length === 2 &&
						got === [...want].slice(0, k).join('') + '\uFFFD\uFFFD' + [...want].slice(k + 1).join(''),
				)
				if (split) figures.xlsxAstralSplits++
				fail('mismatch', `${fileName} ${r.ref}`, `sent ${label(r.description)} stored ${label(got)}`)
			}
			figures.refused += refusedRows
			// A refused row is one the preview listed with an error (a description over the limit).
			const errors = job.rowErrors as Array<{ row: number; message: string }>
			expect(refusedRows, `${fileName}: ${JSON.stringify(errors).slice(0, 400)}`).toBe(
				new Set(errors.map((e) => e.row)).size,
			)
			for (const e of errors)
				if (!chinese(e.message))
					fail('refusal', `${fileName} row ${e.row}`, `no Chinese message: ${e.message}`)
		}
		expect(problems).toEqual([])
	})

	test('every Excel export keeps formula-looking text as plain text', { timeout: 120_000 }, async () => {
		// Text that a spreadsheet would run as a formula when it starts a cell (=, +, -, @, tab, CR).
		const FORMULAS = [
			'=HYPERLINK("http://evil.example","点击")',
			"=cmd|' /C calc'!A0",
			'+1+1',
			'-2+3',
			'@SUM(1+1)',
			'\t=1+1',
			'\r=1+1',
		]
		const buyerFirm = buyer.user.firmId!
		await prisma.firm.update({ where: { id: buyerFirm }, data: { name: FORMULAS[0]!, isChainLeader: true } })
		const demands = await prisma.demand.findMany({
			where: { firmId: buyerFirm, status: 'PUBLISHED' },
			take: FORMULAS.length,
		})
		expect(demands.length).toBeGreaterThan(0)
		for (const [k, d] of demands.entries())
			await prisma.demand.update({ where: { id: d.id }, data: { title: FORMULAS[k % FORMULAS.length]! } })
		const staff = { id: bureau.user.id, role: bureau.user.role } as Parameters<typeof createList>[0]
		const list = await createList(
			staff,
			ListInputSchema.parse({ title: FORMULAS[1], description: FORMULAS[2], ownerFirmId: buyerFirm }),
			{ ip: null },
		)
		await addItems(
			staff,
			list.id,
			demands.map((d) => d.id),
			{ ip: null },
		)
		// An event the event test created through the form with a formula-looking title.
		const event =
			(await prisma.event.findFirst({ where: { title: FORMULAS[0] } })) ??
			(await prisma.event.findFirstOrThrow())
		await prisma.event.update({ where: { id: event.id }, data: { title: FORMULAS[0]! } })
		const clusters = await prisma.cluster.findMany({ select: { slug: true } })

		const exports: Array<[string, Route, string, Record<string, string>]> = [
			['targets', targetsXlsx, `/resources/targets/${list.id}.xlsx`, { listId: list.id }],
			['monitor', monitorXlsx, '/resources/bureau/monitor.xlsx', {}],
			['report', reportXlsx, `/resources/events/${event.id}/report.xlsx`, { eventId: event.id }],
			['template capability', importTemplate, '/resources/import-template?kind=CAPABILITY', {}],
			['template demand', importTemplate, '/resources/import-template?kind=DEMAND', {}],
			...clusters.map((c): [string, Route, string, Record<string, string>] => [
				`gaps ${c.slug}`,
				gapsXlsx,
				`/resources/bureau/chains/${c.slug}/gaps.xlsx?threshold=0`,
				{ slug: c.slug },
			]),
		]
		const seen = new Set<string>()
		for (const [name, route, path, params] of exports) {
			let response: Response
			try {
				response = await (route.loader as (a: object) => Promise<Response>)({
					request: new Request(`${BASE}${path}`, { headers: { cookie: bureau.cookie } }),
					params,
					context: {},
				})
			} catch (error) {
				response = error instanceof Response ? error : new Response(String(error), { status: 500 })
			}
			expect(response.status, `${name}: ${response.status}`).toBe(200)
			figures.exports++
			const wb = new ExcelJS.Workbook()
			await wb.xlsx.load((await response.arrayBuffer()) as never)
			wb.eachSheet((sheet) =>
				sheet.eachRow((row) =>
					row.eachCell((cell) => {
						if (cell.formula !== undefined || cell.type === ExcelJS.ValueType.Formula) {
							figures.formulaCells++
							fail('mismatch', `${name}!${cell.address}`, `a formula cell: ${String(cell.formula)}`)
						}
						if (typeof cell.value !== 'string') return
						seen.add(cell.value)
						// Text starting like a formula is a string cell in the Text format ("@"), so Excel shows it and
						// editing it keeps it text.
						if (/^[=+\-@\t\r]/.test(cell.value) && cell.numFmt !== '@') {
							figures.exportMismatches++
							fail('mismatch', `${name}!${cell.address}`, `${label(cell.value)} without the Text format`)
						}
					}),
				),
			)
		}
		// The planted texts came back exactly, as text.
		for (const f of FORMULAS.slice(0, Math.min(FORMULAS.length, demands.length))) {
			if (!seen.has(f)) {
				figures.exportMismatches++
				fail('mismatch', 'exports', `${label(f)} not found as a text cell`)
			}
		}
		expect(problems).toEqual([])
	})
})
