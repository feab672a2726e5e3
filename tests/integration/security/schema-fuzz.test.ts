import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { z } from 'zod'
import * as authSchemas from '#app/modules/auth/schemas'
import * as chainSchemas from '#app/modules/chains/schemas'
import * as demandSchemas from '#app/modules/demands/schemas'
import * as dockingRules from '#app/modules/docking/rules'
import { ParticipantSearchSchema } from '#app/modules/events/catalogue.server'
import { NoShowSchema } from '#app/modules/events/lobby.server'
import * as eventRules from '#app/modules/events/rules'
import * as firmSchemas from '#app/modules/firms/schemas'
import * as listingSchemas from '#app/modules/listings/schemas'
import { FollowUpNoteSchema, ListInputSchema } from '#app/modules/targets/targets.server'
import { parseEnv } from '#app/utils/env.server'
import { prisma } from '#app/utils/db.server'
import { seed, DEMO_PASSWORD } from '#prisma/seed'
import { startServer, type RunningServer } from '#server/start'
import { signIn, type SignedIn } from '#tests/factories/docking'
import { loadBlns } from '#tests/fixtures/xss-payloads'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'
import * as accountIndex from '#app/routes/account._index'
import * as apiCapabilities from '#app/routes/api.v1.capabilities'
import * as apiDemands from '#app/routes/api.v1.demands'
import * as bureauChain from '#app/routes/bureau.chains.$slug'
import * as bureauFollowUps from '#app/routes/bureau.follow-ups'
import * as bureauImport from '#app/routes/bureau.import'
import * as bureauVerifications from '#app/routes/bureau.verifications'
import * as capabilityDetail from '#app/routes/capabilities.$capabilityId'
import * as capabilityEdit from '#app/routes/capabilities.$capabilityId_.edit'
import * as capabilitiesIndex from '#app/routes/capabilities._index'
import * as capabilityNew from '#app/routes/capabilities.new'
import * as demandDetail from '#app/routes/demands.$demandId'
import * as demandEdit from '#app/routes/demands.$demandId_.edit'
import * as demandSuggestions from '#app/routes/demands.$demandId_.suggestions'
import * as demandsIndex from '#app/routes/demands._index'
import * as demandNew from '#app/routes/demands.new'
import * as dockingSession from '#app/routes/docking.$sessionId'
import * as dockingNew from '#app/routes/docking.new'
import * as eventDetail from '#app/routes/events.$eventId'
import * as eventAgenda from '#app/routes/events.$eventId_.agenda'
import * as eventCheckIn from '#app/routes/events.$eventId_.check-in'
import * as eventEdit from '#app/routes/events.$eventId_.edit'
import * as eventLive from '#app/routes/events.$eventId_.live'
import * as eventManage from '#app/routes/events.$eventId_.manage'
import * as eventParticipants from '#app/routes/events.$eventId_.participants'
import * as eventNew from '#app/routes/events.new'
import * as firmMembers from '#app/routes/firm.members'
import * as firmProfile from '#app/routes/firm.profile'
import * as firmsIndex from '#app/routes/firms._index'
import * as invite from '#app/routes/invite.$token'
import * as login from '#app/routes/login'
import * as myCapabilities from '#app/routes/my.capabilities'
import * as myDemands from '#app/routes/my.demands'
import * as myImport from '#app/routes/my.import'
import * as notifications from '#app/routes/notifications'
import * as register from '#app/routes/register'
import * as dockingMessages from '#app/routes/resources.docking-messages.$sessionId'
import * as locale from '#app/routes/resources.locale'
import * as uploads from '#app/routes/resources.uploads'
import * as targetDetail from '#app/routes/targets.$listId'
import * as targetNew from '#app/routes/targets.new'

// Property tests: for every route action and API loader that parses its input with zod, fast-check sends
// 1,000 generated inputs (valid-shaped and garbage: random and huge strings, unicode, numbers as strings,
// missing and extra fields, repeated fields as arrays) through the route module with a real Request and a
// signed-in cookie. The property: the answer is never a 5xx and nothing but a Response is ever thrown.

const RUNS = Number(process.env.SCHEMA_FUZZ_RUNS ?? 1000)
const BASE = 'http://localhost'

let db: TestDatabase
let server: RunningServer
const actors: Record<'anon' | 'supplier' | 'buyer' | 'bureau' | 'admin', SignedIn | null> = {
	anon: null,
	supplier: null,
	buyer: null,
	bureau: null,
	admin: null,
}
const ids: Record<string, string> = {}
const figures = { targets: 0, schemas: new Set<unknown>(), runs: 0, serverErrors: 0, throws: 0 }
const examples: string[] = []

beforeAll(async () => {
	db = await setupTestDatabase()
	const env = parseEnv({
		NODE_ENV: 'test',
		PORT: '0',
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `fuzz${Date.now()}_`,
		SEED_ON_START: 'false',
		LOG_LEVEL: 'silent',
	})
	server = await startServer(env, { logger: { info: () => {}, error: () => {} } })
	await seed({ log: () => {} })
	actors.supplier = await signIn('supplier@demo.xnwh.cn', DEMO_PASSWORD)
	actors.buyer = await signIn('buyer@demo.xnwh.cn', DEMO_PASSWORD)
	actors.bureau = await signIn('bureau@demo.xnwh.cn', DEMO_PASSWORD)
	actors.admin = await signIn('admin@demo.xnwh.cn', DEMO_PASSWORD)
	const supplierFirm = actors.supplier.user.firmId!
	const buyerFirm = actors.buyer.user.firmId!
	ids.capability = (await prisma.capability.findFirst({ where: { firmId: supplierFirm } }))?.id ?? 'none'
	ids.demand = (await prisma.demand.findFirst({ where: { firmId: buyerFirm } }))?.id ?? 'none'
	ids.session = (await prisma.dockingSession.findFirst())?.id ?? 'none'
	ids.event = (await prisma.event.findFirst())?.id ?? 'none'
	ids.list = (await prisma.targetList.findFirst())?.id ?? 'none'
	ids.chain = (await prisma.cluster.findFirst())?.slug ?? 'none'
	ids.notification =
		(await prisma.notification.findFirst({ where: { userId: actors.buyer.user.id } }))?.id ?? 'none'
	ids.firm = supplierFirm
}, 180_000)

afterAll(async () => {
	console.log(
		`SUITE schema-fuzz schemas=${figures.schemas.size} endpoints=${figures.targets} runs=${figures.runs} server_errors=${figures.serverErrors} unhandled_throws=${figures.throws}`,
	)
	await server?.stop()
	await db?.stop()
})

/** The field names of a zod schema (objects, unions, pipes, defaults…), for the generator's vocabulary. */
function keysOf(schema: unknown, seen = new Set<unknown>()): string[] {
	if (!schema || typeof schema !== 'object' || seen.has(schema)) return []
	seen.add(schema)
	const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def
	if (!def) return []
	const out: string[] = []
	if (def.type === 'object') {
		const shape = def.shape as Record<string, unknown>
		for (const [k, v] of Object.entries(shape)) out.push(k, ...keysOf(v, seen).map((sub) => `${k}[0].${sub}`))
	}
	for (const key of ['in', 'out', 'innerType', 'schema', 'left', 'right'] as const)
		out.push(...keysOf(def[key], seen))
	if (Array.isArray(def.options)) for (const o of def.options) out.push(...keysOf(o, seen))
	if (def.type === 'array') out.push(...keysOf(def.element, seen))
	return [...new Set(out)]
}

/** The literal and enum values of a schema (intents, decisions, kinds), also for the vocabulary. */
function literalsOf(schema: unknown, seen = new Set<unknown>()): string[] {
	if (!schema || typeof schema !== 'object' || seen.has(schema)) return []
	seen.add(schema)
	const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def
	if (!def) return []
	const out: string[] = []
	if (def.type === 'literal') out.push(...(def.values as unknown[]).map(String))
	if (def.type === 'enum') out.push(...Object.values(def.entries as Record<string, unknown>).map(String))
	if (def.type === 'object')
		for (const v of Object.values(def.shape as Record<string, unknown>)) out.push(...literalsOf(v, seen))
	for (const key of ['in', 'out', 'innerType', 'schema', 'left', 'right', 'element'] as const)
		out.push(...literalsOf(def[key], seen))
	if (Array.isArray(def.options)) for (const o of def.options) out.push(...literalsOf(o, seen))
	return [...new Set(out)]
}

type Route = { action?: unknown; loader?: unknown }
type Target = {
	name: string
	route: Route
	kind: 'action' | 'loader'
	path: () => string
	params?: () => Record<string, string>
	actor: keyof typeof actors
	/** The zod schemas this action or loader parses its input with (exported ones; local ones are listed by fields). */
	schemas: unknown[]
	/** Field names read directly or by a schema local to the route. */
	fields?: string[]
	/** Local schemas of the route, counted by name. */
	local?: string[]
	/** Values that are known to pass a field (intents, ids), mixed into the generated ones. */
	values?: string[]
}

const blns = loadBlns()

function arbitraries(target: Target) {
	const names = [
		...new Set([...target.schemas.flatMap((s) => keysOf(s)), ...(target.fields ?? []), 'intent']),
	]
	const known = [
		...new Set([
			...target.schemas.flatMap((s) => literalsOf(s)),
			...(target.values ?? []),
			...Object.values(ids),
		]),
	]
	const scalar = fc.oneof(
		{
			weight: 3,
			arbitrary: fc.constantFrom(
				...known,
				'',
				' ',
				'0',
				'-1',
				'1e309',
				'NaN',
				'null',
				'true',
				'__proto__',
				'2026-02-30',
				'25:61',
				'421202',
			),
		},
		{ weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
		{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
		{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
		{ weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: false })).map(String) },
		{ weight: 2, arbitrary: fc.constantFrom(...blns) },
		{
			weight: 1,
			arbitrary: fc
				.tuple(fc.constantFrom('x', '中', '😀', '0', ' '), fc.integer({ min: 1_000, max: 120_000 }))
				.map(([c, n]) => c.repeat(n)),
		},
	)
	const value = fc.oneof(
		{ weight: 5, arbitrary: scalar },
		{ weight: 1, arbitrary: fc.array(scalar, { minLength: 2, maxLength: 12 }) },
	)
	const own = fc.record(Object.fromEntries(names.map((n) => [n, value])), { requiredKeys: [] })
	const extra = fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 3 })
	return fc.tuple(own, extra).map(([a, b]) => ({ ...b, ...a }) as Record<string, string | string[]>)
}

async function attempt(target: Target, input: Record<string, string | string[]>) {
	const cookie = actors[target.actor]?.cookie
	const headers: Record<string, string> = cookie ? { cookie } : {}
	const body = new URLSearchParams()
	for (const [k, v] of Object.entries(input))
		for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
	let request: Request
	if (target.kind === 'loader') {
		request = new Request(`${BASE}${target.path()}?${body.toString()}`, { headers })
	} else {
		headers['content-type'] = 'application/x-www-form-urlencoded'
		request = new Request(`${BASE}${target.path()}`, { method: 'POST', headers, body })
	}
	const fn = target.route[target.kind] as (args: {
		request: Request
		params: object
		context: object
	}) => Promise<Response>
	try {
		const response = await fn({ request, params: target.params?.() ?? {}, context: {} })
		await response.body?.cancel()
		return response.status
	} catch (error) {
		if (error instanceof Response) return error.status
		figures.throws++
		if (examples.length < 20)
			examples.push(
				`${target.name} threw ${String(error).slice(0, 300)} for ${JSON.stringify(input).slice(0, 300)}`,
			)
		return 500
	}
}

const targets: Target[] = [
	{
		name: 'login',
		route: login,
		kind: 'action',
		path: () => '/login',
		actor: 'anon',
		schemas: [authSchemas.LoginSchema],
		fields: ['redirectTo'],
	},
	{
		name: 'register',
		route: register,
		kind: 'action',
		path: () => '/register',
		actor: 'anon',
		schemas: [authSchemas.RegisterSchema],
	},
	{
		name: 'invite',
		route: invite,
		kind: 'action',
		path: () => '/invite/x',
		params: () => ({ token: 'x'.repeat(43) }),
		actor: 'anon',
		schemas: [authSchemas.AcceptInviteSchema],
	},
	{
		name: 'account',
		route: accountIndex,
		kind: 'action',
		path: () => '/account',
		actor: 'supplier',
		schemas: [authSchemas.ChangePasswordSchema, authSchemas.DeleteAccountSchema],
		values: ['password', 'delete'],
	},
	{
		name: 'firm.profile',
		route: firmProfile,
		kind: 'action',
		path: () => '/firm/profile',
		actor: 'supplier',
		schemas: [firmSchemas.FirmProfileSchema],
	},
	{
		name: 'firm.members',
		route: firmMembers,
		kind: 'action',
		path: () => '/firm/members',
		actor: 'supplier',
		schemas: [authSchemas.InviteSchema],
	},
	{
		name: 'capabilities.new',
		route: capabilityNew,
		kind: 'action',
		path: () => '/capabilities/new',
		actor: 'supplier',
		schemas: [listingSchemas.CapabilitySchema],
		values: ['publish', 'draft'],
	},
	{
		name: 'capabilities.edit',
		route: capabilityEdit,
		kind: 'action',
		path: () => `/capabilities/${ids.capability}/edit`,
		params: () => ({ capabilityId: ids.capability! }),
		actor: 'supplier',
		schemas: [listingSchemas.CapabilitySchema],
	},
	{
		name: 'capabilities.detail',
		route: capabilityDetail,
		kind: 'action',
		path: () => `/capabilities/${ids.capability}`,
		params: () => ({ capabilityId: ids.capability! }),
		actor: 'supplier',
		schemas: [listingSchemas.HideSchema],
		local: ['capabilities.$capabilityId IntentSchema'],
		values: ['publish', 'archive', 'unpublish', 'hide', 'unhide'],
	},
	{
		name: 'capabilities.detail (bureau)',
		route: capabilityDetail,
		kind: 'action',
		path: () => `/capabilities/${ids.capability}`,
		params: () => ({ capabilityId: ids.capability! }),
		actor: 'bureau',
		schemas: [listingSchemas.HideSchema],
		values: ['hide', 'unhide'],
	},
	{
		name: 'my.capabilities',
		route: myCapabilities,
		kind: 'action',
		path: () => '/my/capabilities',
		actor: 'supplier',
		schemas: [],
		fields: ['id'],
		local: ['my.capabilities TransitionSchema'],
		values: ['publish', 'archive', 'unpublish'],
	},
	{
		name: 'demands.new',
		route: demandNew,
		kind: 'action',
		path: () => '/demands/new',
		actor: 'buyer',
		schemas: [demandSchemas.DemandSchema],
		values: ['publish', 'draft'],
	},
	{
		name: 'demands.edit',
		route: demandEdit,
		kind: 'action',
		path: () => `/demands/${ids.demand}/edit`,
		params: () => ({ demandId: ids.demand! }),
		actor: 'buyer',
		schemas: [demandSchemas.DemandSchema],
	},
	{
		name: 'demands.detail',
		route: demandDetail,
		kind: 'action',
		path: () => `/demands/${ids.demand}`,
		params: () => ({ demandId: ids.demand! }),
		actor: 'buyer',
		schemas: [listingSchemas.HideSchema],
		local: ['demands.$demandId IntentSchema'],
		values: ['publish', 'close', 'unpublish', 'hide', 'unhide'],
	},
	{
		name: 'demands.suggestions',
		route: demandSuggestions,
		kind: 'action',
		path: () => `/demands/${ids.demand}/suggestions`,
		params: () => ({ demandId: ids.demand! }),
		actor: 'buyer',
		schemas: [],
		fields: ['suggestionId', 'status'],
		local: ['demands.suggestions ActionSchema'],
		values: ['SUGGESTED', 'SHORTLISTED', 'DISMISSED'],
	},
	{
		name: 'my.demands',
		route: myDemands,
		kind: 'action',
		path: () => '/my/demands',
		actor: 'buyer',
		schemas: [],
		fields: ['id'],
		local: ['my.demands TransitionSchema'],
		values: ['publish', 'close', 'unpublish'],
	},
	{
		name: 'my.import',
		route: myImport,
		kind: 'action',
		path: () => '/my/import',
		actor: 'buyer',
		schemas: [],
		fields: ['jobId', 'file'],
		values: ['confirm'],
	},
	{
		name: 'notifications',
		route: notifications,
		kind: 'action',
		path: () => '/notifications',
		actor: 'buyer',
		schemas: [],
		fields: ['id'],
		local: ['notifications ActionSchema'],
		values: ['read', 'read-all'],
	},
	{
		name: 'docking.new',
		route: dockingNew,
		kind: 'action',
		path: () => '/docking/new',
		actor: 'buyer',
		schemas: [dockingRules.StartSchema],
		fields: ['capabilityId', 'demandId'],
	},
	{
		name: 'docking.session',
		route: dockingSession,
		kind: 'action',
		path: () => `/docking/${ids.session}`,
		params: () => ({ sessionId: ids.session! }),
		actor: 'buyer',
		schemas: [dockingRules.RespondSchema, dockingRules.StageSchema, dockingRules.InviteBureauSchema],
		local: ['docking.$sessionId IntentSchema'],
		values: ['accept', 'decline', 'withdraw', 'stage', 'consent', 'join', 'invite-bureau'],
	},
	{
		name: 'docking.session (bureau)',
		route: dockingSession,
		kind: 'action',
		path: () => `/docking/${ids.session}`,
		params: () => ({ sessionId: ids.session! }),
		actor: 'bureau',
		schemas: [dockingRules.InviteBureauSchema],
		values: ['join', 'invite-bureau'],
	},
	{
		name: 'events.new',
		route: eventNew,
		kind: 'action',
		path: () => '/events/new',
		actor: 'bureau',
		schemas: [eventRules.EventSchema],
	},
	{
		name: 'events.edit',
		route: eventEdit,
		kind: 'action',
		path: () => `/events/${ids.event}/edit`,
		params: () => ({ eventId: ids.event! }),
		actor: 'bureau',
		schemas: [eventRules.EventSchema],
	},
	{
		name: 'events.detail',
		route: eventDetail,
		kind: 'action',
		path: () => `/events/${ids.event}`,
		params: () => ({ eventId: ids.event! }),
		actor: 'supplier',
		schemas: [eventRules.RegisterSchema],
		values: ['register', 'withdraw', 'update'],
	},
	{
		name: 'events.agenda',
		route: eventAgenda,
		kind: 'action',
		path: () => `/events/${ids.event}/agenda`,
		params: () => ({ eventId: ids.event! }),
		actor: 'buyer',
		schemas: [eventRules.MeetingRequestSchema, eventRules.OutcomeSchema, eventRules.RespondRequestSchema],
		fields: ['meetingId', 'requestId', 'redirectTo', 'request'],
		local: ['events.agenda IntentSchema'],
	},
	{
		name: 'events.check-in',
		route: eventCheckIn,
		kind: 'action',
		path: () => `/events/${ids.event}/check-in`,
		params: () => ({ eventId: ids.event! }),
		actor: 'bureau',
		schemas: [],
		fields: ['token'],
	},
	{
		name: 'events.live',
		route: eventLive,
		kind: 'action',
		path: () => `/events/${ids.event}/live`,
		params: () => ({ eventId: ids.event! }),
		actor: 'bureau',
		schemas: [eventRules.AnnouncementSchema, NoShowSchema],
		fields: ['meetingId', 'body'],
		local: ['events.live IntentSchema'],
	},
	{
		name: 'events.manage',
		route: eventManage,
		kind: 'action',
		path: () => `/events/${ids.event}/manage`,
		params: () => ({ eventId: ids.event! }),
		actor: 'bureau',
		schemas: [
			eventRules.DecisionSchema,
			eventRules.InviteSchema,
			eventRules.MeetingRequestSchema,
			eventRules.RespondRequestSchema,
		],
		fields: ['fromFirmId', 'meetingId', 'requestId', 'slotId'],
		local: ['events.manage IntentSchema'],
		values: [
			'publish',
			'cancel',
			'close',
			'decide',
			'invite',
			'request',
			'respond',
			'schedule',
			'place',
			'remove',
			'publishAgenda',
		],
	},
	{
		name: 'bureau.verifications',
		route: bureauVerifications,
		kind: 'action',
		path: () => '/bureau/verifications',
		actor: 'bureau',
		schemas: [firmSchemas.VerificationDecisionSchema],
		fields: ['status'],
	},
	{
		name: 'bureau.chains',
		route: bureauChain,
		kind: 'action',
		path: () => `/bureau/chains/${ids.chain}`,
		params: () => ({ slug: ids.chain! }),
		actor: 'admin',
		schemas: [chainSchemas.ChainEditSchema],
		fields: ['formId'],
	},
	{
		name: 'bureau.follow-ups',
		route: bureauFollowUps,
		kind: 'action',
		path: () => '/bureau/follow-ups',
		actor: 'bureau',
		schemas: [FollowUpNoteSchema],
		fields: ['itemId', 'key', 'note'],
	},
	{
		name: 'bureau.import',
		route: bureauImport,
		kind: 'action',
		path: () => '/bureau/import',
		actor: 'bureau',
		schemas: [],
		fields: ['firmId', 'kind', 'jobId'],
		local: ['bureau.import TargetSchema'],
		values: ['CAPABILITY', 'DEMAND', 'confirm'],
	},
	{
		name: 'targets.new',
		route: targetNew,
		kind: 'action',
		path: () => '/targets/new',
		actor: 'bureau',
		schemas: [ListInputSchema],
		fields: ['clusterId', 'description', 'ownerFirmId', 'title'],
	},
	{
		name: 'targets.detail',
		route: targetDetail,
		kind: 'action',
		path: () => `/targets/${ids.list}`,
		params: () => ({ listId: ids.list! }),
		actor: 'bureau',
		schemas: [ListInputSchema],
		fields: ['clusterId', 'description', 'itemId', 'reason', 'title', 'demandIds'],
		values: ['addItems', 'close', 'closeItem', 'publish', 'removeItem', 'update'],
	},
	{
		name: 'resources.locale',
		route: locale,
		kind: 'action',
		path: () => '/resources/locale',
		actor: 'anon',
		schemas: [],
		fields: ['locale', 'redirectTo'],
		values: ['zh-CN', 'en'],
	},
	{
		name: 'resources.uploads',
		route: uploads,
		kind: 'action',
		path: () => '/resources/uploads',
		actor: 'supplier',
		schemas: [],
		fields: ['purpose', 'file'],
		local: ['resources.uploads PurposeSchema'],
		values: ['capability-image', 'demand-attachment', 'docking-attachment'],
	},
	// API and search loaders (query strings).
	{
		name: 'api.v1.capabilities',
		route: apiCapabilities,
		kind: 'loader',
		path: () => '/api/v1/capabilities',
		actor: 'anon',
		schemas: [],
		fields: ['q', 'cluster', 'node', 'region', 'cert', 'sort', 'page'],
		local: ['ListingSearchSchema'],
		values: ['relevance', 'newest'],
	},
	{
		name: 'api.v1.demands',
		route: apiDemands,
		kind: 'loader',
		path: () => '/api/v1/demands',
		actor: 'anon',
		schemas: [],
		fields: ['q', 'cluster', 'node', 'region', 'cert', 'sort', 'page'],
		values: ['relevance', 'newest', 'deadline'],
	},
	{
		name: 'capabilities search',
		route: capabilitiesIndex,
		kind: 'loader',
		path: () => '/capabilities',
		actor: 'buyer',
		schemas: [],
		fields: ['q', 'cluster', 'node', 'region', 'cert', 'sort', 'page'],
	},
	{
		name: 'demands search',
		route: demandsIndex,
		kind: 'loader',
		path: () => '/demands',
		actor: 'supplier',
		schemas: [],
		fields: ['q', 'cluster', 'node', 'region', 'cert', 'sort', 'page'],
	},
	{
		name: 'firms search',
		route: firmsIndex,
		kind: 'loader',
		path: () => '/firms',
		actor: 'buyer',
		schemas: [],
		fields: ['q', 'cluster', 'region', 'kind', 'page'],
		local: ['firms._index FilterSchema'],
	},
	{
		name: 'events.participants',
		route: eventParticipants,
		kind: 'loader',
		path: () => `/events/${ids.event}/participants`,
		params: () => ({ eventId: ids.event! }),
		actor: 'supplier',
		schemas: [ParticipantSearchSchema],
	},
	{
		name: 'docking messages',
		route: dockingMessages,
		kind: 'loader',
		path: () => `/resources/docking-messages/${ids.session}`,
		params: () => ({ sessionId: ids.session! }),
		actor: 'buyer',
		schemas: [dockingRules.HistorySchema],
	},
]

describe(`zod schemas at the API under fast-check (${process.env.TEST_DB_KIND})`, () => {
	test('every exported schema used by a route is a zod schema with fields', () => {
		for (const t of targets) for (const s of t.schemas) expect(s, t.name).toBeInstanceOf(z.ZodType)
		expect(targets.length).toBeGreaterThanOrEqual(40)
	})

	for (const target of targets) {
		test(`${target.name} (${target.kind}): ${RUNS} runs, no 5xx`, { timeout: 900_000 }, async () => {
			figures.targets++
			for (const s of target.schemas) figures.schemas.add(s)
			for (const l of target.local ?? []) figures.schemas.add(l)
			let serverErrors = 0
			const result = await fc.check(
				fc.asyncProperty(arbitraries(target), async (input) => {
					figures.runs++
					const status = await attempt(target, input)
					if (status >= 500) {
						serverErrors++
						figures.serverErrors++
						if (examples.length < 20)
							examples.push(`${target.name} ${status} for ${JSON.stringify(input).slice(0, 300)}`)
					}
					return true
				}),
				{ numRuns: RUNS, seed: 8_2026 },
			)
			expect(result.failed).toBe(false)
			expect(serverErrors, examples.join('\n')).toBe(0)
		})
	}
})
