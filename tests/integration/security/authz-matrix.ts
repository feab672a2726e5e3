import type { ClientToServerEvents } from '#app/realtime/events'
import { prisma } from '#app/utils/db.server'

// The authorization matrix (issue 8, Security): every route file's loader (GET) and action (POST),
// the server's own endpoints, and every socket event a client may emit, against seven actors. The
// fixtures are owned by firm A (supplier A 张经理 and buyer A 陈工, the chain leader); firm B's users
// are the IDOR attackers holding real ids of A. authz.test.ts runs every cell against the running app.
//
// How a cell is judged (see `judge` in authz.test.ts):
// - deny: 401/403/404/405, or a redirect to /login; for a `redirect: 'deny'` row also any other redirect
//   (e.g. the login page sending a signed-in user to /dashboard).
// - allow: any other answer below 500 (2xx, the route's normal redirect, or a business-rule 4xx such as
//   400/409 that is reached only after authorization passed).
// - rows with `marker`: a 2xx counts as allow only when the page shows the marker (A's data), else deny.
// - `scoped` POST rows act on the caller's own data only, so the route answers everyone; there the
//   cell is allow only when the probed state of A's row changed.
// - every denied POST re-reads `probe` before and after: a change is a wrong allow whatever the status.
// - `hidden` strings (A's drafts) must appear in no actor's answer.

export const ACTORS = ['anonymous', 'supplierA', 'supplierB', 'buyerA', 'buyerB', 'bureau', 'admin'] as const
export type Actor = (typeof ACTORS)[number]

/** Ids of the fixtures owned by firm A (and a few others), made in the test's beforeAll. */
export type Fixtures = {
	origin: string
	firms: { supplierA: string; supplierB: string; buyerA: string; buyerB: string; pending: string }
	users: { supplierA: string; buyerA: string }
	/** Published capability of supplier A (viewable by all) and drafts only A and staff may see. */
	capPub: string
	capPubTitle: string
	capDraft: string
	capDraftTitle: string
	capToPublish: string
	capMine: string
	capToHide: string
	demPub: string
	demDraft: string
	demDraftTitle: string
	demToPublish: string
	demMine: string
	demToHide: string
	suggestion: string
	/** A published capability of supplier B, the other end of `suggestion`. */
	capOfB: string
	/** A PDF of supplier A attached to nothing: A and staff only. */
	upload: string
	/** A PDF supplier A sent in the docking session: the session's two firms only. */
	chatUpload: string
	/** Docking session buyer A ↔ supplier A, accepted, with a message; the bureau was not invited. */
	session: string
	/** Event with supplier A and buyer A approved (firm B not registered), and their meeting. */
	event: string
	meeting: string
	checkInToken: string
	calendarToken: string
	/** A published event nobody registered at (for the registration action), and one of its slots. */
	eventOpen: string
	openSlot: string
	/** A draft event: staff only. */
	eventDraft: string
	/** The seeded demo event where all four firms are approved, with buyer A's pending requests to supplier B and to supplier A. */
	demoEvent: string
	requestToB: string
	requestToA: string
	/** Draft target list of the chain leader buyer A. */
	targetDraft: string
	targetDraftTitle: string
	followUpItem: string
	jobMine: string
	jobMineFile: string
	jobBureau: string
	notification: string
	invitePath: string
	chainSlug: string
	chainCluster: string
}

export type FormBody = Record<string, string | string[]>

export type RouteRow = {
	/** The file in app/routes, or `server:<name>` for an endpoint Express serves itself. */
	file: string
	method: 'GET' | 'POST'
	/** Tells two rows of the same route apart (e.g. a published and a draft listing). */
	variant?: string
	path: (f: Fixtures) => string
	allow: readonly Actor[]
	why: string
	body?: (f: Fixtures, actor: Actor) => FormBody | FormData
	/** POST: the state of A's row that a denied request must leave untouched. */
	probe?: (f: Fixtures) => Promise<unknown>
	marker?: (f: Fixtures) => string
	hidden?: (f: Fixtures) => string[]
	redirect?: 'allow' | 'deny'
	scoped?: boolean
	/** Runs before each cell of the row (e.g. to restore a fixture a background worker may drop). */
	prepare?: (f: Fixtures) => Promise<void>
	/** The action ends the caller's session: each cell uses a session of its own. */
	freshSession?: boolean
}

export type SocketRow = { event: keyof ClientToServerEvents; allow: readonly Actor[]; why: string }

const ALL = ACTORS
const SIGNED = ['supplierA', 'supplierB', 'buyerA', 'buyerB', 'bureau', 'admin'] as const
const FIRMS = ['supplierA', 'supplierB', 'buyerA', 'buyerB'] as const
const SUPPLIERS = ['supplierA', 'supplierB'] as const
const BUYERS = ['buyerA', 'buyerB'] as const
const STAFF = ['bureau', 'admin'] as const
const NONE = [] as const
const A_PAIR = ['supplierA', 'buyerA'] as const

const capabilityForm = (title: string): FormBody => ({ title, description: '权限矩阵测试用能力描述。' })
const demandForm = (title: string): FormBody => ({ title, description: '权限矩阵测试用需求描述。' })
/** A small, inert PDF the upload sniffer accepts. */
export const pdf = () =>
	new Uint8Array(
		Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
	)

const capabilityRow = (id: string) =>
	prisma.capability.findUniqueOrThrow({
		where: { id },
		select: { title: true, status: true, hiddenAt: true, updatedAt: true },
	})
const demandRow = (id: string) =>
	prisma.demand.findUniqueOrThrow({
		where: { id },
		select: { title: true, status: true, hiddenAt: true, updatedAt: true },
	})

export const ROUTES: RouteRow[] = [
	// ---- public pages and the JSON API ----
	{ file: '_index.tsx', method: 'GET', path: () => '/', allow: ALL, why: '首页 public' },
	{
		file: 'clusters._index.tsx',
		method: 'GET',
		path: () => '/clusters',
		allow: ALL,
		why: 'cluster list public',
	},
	{
		file: 'firms._index.tsx',
		method: 'GET',
		path: () => '/firms',
		allow: ALL,
		why: 'verified firm directory public',
	},
	{
		file: 'firms.$firmId.tsx',
		method: 'GET',
		variant: 'verified',
		path: (f) => `/firms/${f.firms.supplierA}`,
		allow: ALL,
		why: 'a verified firm page is public',
	},
	{
		file: 'firms.$firmId.tsx',
		method: 'GET',
		variant: 'pending',
		path: (f) => `/firms/${f.firms.pending}`,
		allow: STAFF,
		why: 'an unverified firm: its own members (none of the actors) and staff',
	},
	{
		file: 'api.v1.capabilities.ts',
		method: 'GET',
		path: () => '/api/v1/capabilities?q=%E5%8A%A0%E5%B7%A5',
		allow: ALL,
		why: 'public search API; drafts never appear',
		hidden: (f) => [f.capDraftTitle],
	},
	{
		file: 'api.v1.capabilities.ts',
		method: 'POST',
		path: () => '/api/v1/capabilities',
		allow: NONE,
		why: 'read-only API: 405 for everyone',
		body: () => ({ title: 'x' }),
		probe: () => prisma.capability.count(),
	},
	{
		file: 'api.v1.demands.ts',
		method: 'GET',
		path: () => '/api/v1/demands?q=%E9%87%87%E8%B4%AD',
		allow: ALL,
		why: 'public search API; drafts never appear',
		hidden: (f) => [f.demDraftTitle],
	},
	{
		file: 'api.v1.demands.ts',
		method: 'POST',
		path: () => '/api/v1/demands',
		allow: NONE,
		why: 'read-only API: 405 for everyone',
		body: () => ({ title: 'x' }),
		probe: () => prisma.demand.count(),
	},
	{
		file: 'server:healthz',
		method: 'GET',
		path: () => '/healthz',
		allow: ALL,
		why: 'load-balancer health check',
	},
	{
		file: 'server:internal',
		method: 'POST',
		path: () => '/internal/search/check',
		allow: NONE,
		why: 'maintenance endpoint needs the token file: 404 to any HTTP caller',
		body: () => ({}),
		probe: () => prisma.searchOutbox.count(),
	},

	// ---- accounts ----
	{
		file: 'login.tsx',
		method: 'GET',
		path: () => '/login',
		allow: ['anonymous'],
		redirect: 'deny',
		why: 'signed-in users are sent to /dashboard',
	},
	{
		file: 'login.tsx',
		method: 'POST',
		path: () => '/login',
		allow: ALL,
		why: 'anyone may try to sign in (unknown account: 400, nothing changes)',
		body: () => ({ email: 'nobody.authz@example.com', password: 'Wrong2026pass' }),
	},
	{
		file: 'register.tsx',
		method: 'GET',
		path: () => '/register',
		allow: ['anonymous'],
		redirect: 'deny',
		why: 'signed-in users are sent to /dashboard',
	},
	{
		file: 'register.tsx',
		method: 'POST',
		path: () => '/register',
		allow: ALL,
		why: 'public registration (incomplete form: 400)',
		body: () => ({ firmName: '权限测试' }),
		probe: () => prisma.firm.count(),
	},
	{ file: 'logout.tsx', method: 'GET', path: () => '/logout', allow: ALL, why: 'GET only redirects home' },
	{
		file: 'logout.tsx',
		method: 'POST',
		path: () => '/logout',
		allow: ALL,
		why: 'ends the caller’s own session',
		freshSession: true,
		body: () => ({}),
	},
	{
		file: 'invite.$token.tsx',
		method: 'GET',
		path: (f) => f.invitePath,
		allow: ALL,
		why: 'the token in the link is the credential',
	},
	{
		file: 'invite.$token.tsx',
		method: 'POST',
		path: () => '/invite/authz-not-a-real-token-000000000000',
		allow: ALL,
		why: 'a wrong token is refused as an invalid invitation (410), no user is made',
		body: () => ({ name: '王五', password: 'Authz2026pass', confirmPassword: 'Authz2026pass' }),
		probe: () => prisma.user.count(),
	},
	{
		file: 'account._index.tsx',
		method: 'GET',
		path: () => '/account',
		allow: SIGNED,
		why: 'the caller’s own account',
	},
	{
		file: 'account._index.tsx',
		method: 'POST',
		path: () => '/account',
		allow: SIGNED,
		why: 'acts on the caller’s own account only (incomplete form: 400)',
		body: () => ({ intent: 'password' }),
		probe: (f) =>
			prisma.user.findUniqueOrThrow({ where: { id: f.users.supplierA }, select: { passwordHash: true } }),
	},
	{
		file: 'account.export.tsx',
		method: 'GET',
		path: () => '/account/export',
		allow: SIGNED,
		why: 'the caller’s own personal data (PIPL export)',
	},
	{
		file: 'dashboard.tsx',
		method: 'GET',
		path: () => '/dashboard',
		allow: SIGNED,
		why: 'any signed-in user',
	},
	{
		file: 'resources.locale.ts',
		method: 'GET',
		path: () => '/resources/locale',
		allow: ALL,
		why: 'redirects home',
	},
	{
		file: 'resources.locale.ts',
		method: 'POST',
		path: () => '/resources/locale',
		allow: ALL,
		why: 'sets the caller’s own language',
		body: () => ({ locale: 'zh-CN', redirectTo: '/' }),
	},
	{
		file: 'notifications.tsx',
		method: 'GET',
		path: () => '/notifications',
		allow: ['supplierA'],
		marker: () => 'AUTHZ 通知甲',
		why: 'own notifications only: supplier A sees its notification, nobody else does',
	},
	{
		file: 'notifications.tsx',
		method: 'POST',
		path: () => '/notifications',
		allow: ['supplierA'],
		scoped: true,
		why: 'marking A’s notification read by id works only for its owner',
		body: (f) => ({ intent: 'read', id: f.notification }),
		probe: (f) =>
			prisma.notification.findUniqueOrThrow({ where: { id: f.notification }, select: { readAt: true } }),
	},

	// ---- firm ----
	{
		file: 'firm.profile.tsx',
		method: 'GET',
		path: () => '/firm/profile',
		allow: FIRMS,
		why: 'own firm profile',
	},
	{
		file: 'firm.profile.tsx',
		method: 'POST',
		path: () => '/firm/profile',
		allow: FIRMS,
		why: 'own firm only (incomplete form: 400); staff and anonymous refused',
		body: () => ({ name: '' }),
		probe: (f) => prisma.firm.findUniqueOrThrow({ where: { id: f.firms.supplierA } }),
	},
	{
		file: 'firm.members.tsx',
		method: 'GET',
		path: () => '/firm/members',
		allow: FIRMS,
		why: 'own firm members',
	},
	{
		file: 'firm.members.tsx',
		method: 'POST',
		path: () => '/firm/members',
		allow: FIRMS,
		why: 'invites a colleague into the caller’s own firm',
		body: (_f, actor) => ({ email: `authz.${actor.toLowerCase()}.${Date.now()}@example.com` }),
		probe: () => prisma.invitation.count(),
	},

	// ---- capabilities ----
	{
		file: 'capabilities._index.tsx',
		method: 'GET',
		path: () => '/capabilities',
		allow: ALL,
		why: 'public search page; drafts never appear',
		hidden: (f) => [f.capDraftTitle],
	},
	{
		file: 'capabilities.$capabilityId.tsx',
		method: 'GET',
		variant: 'published',
		path: (f) => `/capabilities/${f.capPub}`,
		allow: ALL,
		why: 'a published capability is public',
	},
	{
		file: 'capabilities.$capabilityId.tsx',
		method: 'GET',
		variant: 'draft',
		path: (f) => `/capabilities/${f.capDraft}`,
		allow: ['supplierA', 'bureau', 'admin'],
		why: 'a draft: owner and staff',
	},
	{
		file: 'capabilities.$capabilityId.tsx',
		method: 'POST',
		variant: 'publish',
		path: (f) => `/capabilities/${f.capToPublish}`,
		allow: ['supplierA'],
		why: 'only the owner firm publishes (staff may not act for the firm)',
		body: () => ({ intent: 'publish' }),
		probe: (f) => capabilityRow(f.capToPublish),
	},
	{
		file: 'capabilities.$capabilityId.tsx',
		method: 'POST',
		variant: 'hide',
		path: (f) => `/capabilities/${f.capToHide}`,
		allow: STAFF,
		why: 'only staff hide a listing (moderation)',
		body: () => ({ intent: 'hide', reason: '权限矩阵测试下架' }),
		probe: (f) => capabilityRow(f.capToHide),
	},
	{
		file: 'capabilities.$capabilityId_.edit.tsx',
		method: 'GET',
		path: (f) => `/capabilities/${f.capPub}/edit`,
		allow: ['supplierA'],
		why: 'editing even a published capability: owner only',
	},
	{
		file: 'capabilities.$capabilityId_.edit.tsx',
		method: 'POST',
		path: (f) => `/capabilities/${f.capDraft}/edit`,
		allow: ['supplierA'],
		why: 'owner only; supplier B holding A’s id must not change it',
		body: (f) => capabilityForm(f.capDraftTitle),
		probe: (f) => capabilityRow(f.capDraft),
	},
	{
		file: 'capabilities.new.tsx',
		method: 'GET',
		path: () => '/capabilities/new',
		allow: SUPPLIERS,
		why: 'supplier users',
	},
	{
		file: 'capabilities.new.tsx',
		method: 'POST',
		path: () => '/capabilities/new',
		allow: SUPPLIERS,
		why: 'a supplier creates its own draft',
		body: (_f, actor) => capabilityForm(`AUTHZ 新能力 ${actor}`),
		probe: () => prisma.capability.count(),
	},
	{
		file: 'my.capabilities.tsx',
		method: 'GET',
		path: () => '/my/capabilities',
		allow: ['supplierA'],
		marker: (f) => f.capDraftTitle,
		why: 'own list: A’s draft shows for A only (supplier B gets its own list)',
	},
	{
		file: 'my.capabilities.tsx',
		method: 'POST',
		path: () => '/my/capabilities',
		allow: ['supplierA'],
		scoped: true,
		why: 'a transition by id acts only on the caller’s own capability',
		body: (f) => ({ id: f.capMine, intent: 'publish' }),
		probe: (f) => capabilityRow(f.capMine),
	},

	// ---- demands ----
	{
		file: 'demands._index.tsx',
		method: 'GET',
		path: () => '/demands',
		allow: ALL,
		why: 'public search page; drafts never appear',
		hidden: (f) => [f.demDraftTitle],
	},
	{
		file: 'demands.$demandId.tsx',
		method: 'GET',
		variant: 'published',
		path: (f) => `/demands/${f.demPub}`,
		allow: ALL,
		why: 'a published demand is public',
	},
	{
		file: 'demands.$demandId.tsx',
		method: 'GET',
		variant: 'draft',
		path: (f) => `/demands/${f.demDraft}`,
		allow: ['buyerA', 'bureau', 'admin'],
		why: 'a draft: owner and staff',
	},
	{
		file: 'demands.$demandId.tsx',
		method: 'POST',
		variant: 'publish',
		path: (f) => `/demands/${f.demToPublish}`,
		allow: ['buyerA'],
		why: 'only the owner firm publishes',
		body: () => ({ intent: 'publish' }),
		probe: (f) => demandRow(f.demToPublish),
	},
	{
		file: 'demands.$demandId.tsx',
		method: 'POST',
		variant: 'hide',
		path: (f) => `/demands/${f.demToHide}`,
		allow: STAFF,
		why: 'only staff hide a listing',
		body: () => ({ intent: 'hide', reason: '权限矩阵测试下架' }),
		probe: (f) => demandRow(f.demToHide),
	},
	{
		file: 'demands.$demandId_.edit.tsx',
		method: 'GET',
		path: (f) => `/demands/${f.demPub}/edit`,
		allow: ['buyerA'],
		why: 'owner only',
	},
	{
		file: 'demands.$demandId_.edit.tsx',
		method: 'POST',
		path: (f) => `/demands/${f.demDraft}/edit`,
		allow: ['buyerA'],
		why: 'owner only; buyer B holding A’s id must not change it',
		body: (f) => demandForm(f.demDraftTitle),
		probe: (f) => demandRow(f.demDraft),
	},
	{
		file: 'demands.$demandId_.suggestions.tsx',
		method: 'GET',
		path: (f) => `/demands/${f.demPub}/suggestions`,
		allow: ['buyerA', 'bureau', 'admin'],
		why: 'match suggestions of a demand: its owner and staff',
	},
	{
		file: 'demands.$demandId_.suggestions.tsx',
		method: 'POST',
		path: (f) => `/demands/${f.demPub}/suggestions`,
		allow: ['buyerA'],
		why: 'shortlisting a suggestion of A’s demand: buyer A only',
		// The matching worker recomputes suggestions after indexing and may drop this hand-made one.
		prepare: async (f) => {
			const row = await prisma.matchSuggestion.upsert({
				where: { demandId_capabilityId: { demandId: f.demPub, capabilityId: f.capOfB } },
				create: { demandId: f.demPub, capabilityId: f.capOfB, score: 0.61 },
				update: {},
				select: { id: true },
			})
			f.suggestion = row.id
		},
		body: (f) => ({ suggestionId: f.suggestion, status: 'SHORTLISTED' }),
		probe: (f) =>
			prisma.matchSuggestion.findUniqueOrThrow({ where: { id: f.suggestion }, select: { status: true } }),
	},
	{ file: 'demands.new.tsx', method: 'GET', path: () => '/demands/new', allow: BUYERS, why: 'buyer users' },
	{
		file: 'demands.new.tsx',
		method: 'POST',
		path: () => '/demands/new',
		allow: BUYERS,
		why: 'a buyer creates its own draft',
		body: (_f, actor) => demandForm(`AUTHZ 新需求 ${actor}`),
		probe: () => prisma.demand.count(),
	},
	{
		file: 'my.demands.tsx',
		method: 'GET',
		path: () => '/my/demands',
		allow: ['buyerA'],
		marker: (f) => f.demDraftTitle,
		why: 'own list: A’s draft shows for A only',
	},
	{
		file: 'my.demands.tsx',
		method: 'POST',
		path: () => '/my/demands',
		allow: ['buyerA'],
		scoped: true,
		why: 'a transition by id acts only on the caller’s own demand',
		body: (f) => ({ id: f.demMine, intent: 'publish' }),
		probe: (f) => demandRow(f.demMine),
	},
	{
		file: 'my.opportunities.tsx',
		method: 'GET',
		path: () => '/my/opportunities',
		allow: SUPPLIERS,
		why: '商机 for suppliers (each sees its own)',
	},

	// ---- imports ----
	{
		file: 'my.import.tsx',
		method: 'GET',
		path: (f) => `/my/import?job=${f.jobMine}`,
		allow: ['supplierA'],
		marker: (f) => f.jobMineFile,
		why: 'an import job by id: its firm only',
	},
	{
		file: 'my.import.tsx',
		method: 'POST',
		path: () => '/my/import',
		allow: ['supplierA'],
		why: 'confirming A’s import job: firm A only',
		body: (f) => ({ intent: 'confirm', jobId: f.jobMine }),
		probe: (f) => prisma.importJob.findUniqueOrThrow({ where: { id: f.jobMine }, select: { status: true } }),
	},
	{
		file: 'bureau.import.tsx',
		method: 'GET',
		path: (f) => `/bureau/import?firmId=${f.firms.supplierA}&job=${f.jobBureau}`,
		allow: STAFF,
		why: 'import on behalf of a firm: staff',
	},
	{
		file: 'bureau.import.tsx',
		method: 'POST',
		path: () => '/bureau/import',
		allow: STAFF,
		why: 'staff confirm on behalf of a firm',
		body: (f) => ({ intent: 'confirm', jobId: f.jobBureau, firmId: f.firms.supplierA, kind: 'CAPABILITY' }),
		probe: (f) =>
			prisma.importJob.findUniqueOrThrow({ where: { id: f.jobBureau }, select: { status: true } }),
	},
	{
		file: 'resources.import-template.ts',
		method: 'GET',
		path: () => '/resources/import-template?kind=DEMAND',
		allow: SIGNED,
		why: 'blank template for any signed-in user',
	},

	// ---- uploads ----
	{
		file: 'resources.uploads.$uploadId.ts',
		method: 'GET',
		variant: 'chat',
		path: (f) => `/resources/uploads/${f.chatUpload}`,
		allow: A_PAIR,
		why: 'a chat attachment: the two firms of the session (staff only once invited)',
	},
	{
		file: 'resources.uploads.$uploadId.ts',
		method: 'GET',
		variant: 'unattached',
		path: (f) => `/resources/uploads/${f.upload}`,
		allow: ['supplierA', 'bureau', 'admin'],
		why: 'a file attached to nothing public: its firm and staff',
	},
	{
		file: 'resources.uploads.ts',
		method: 'POST',
		path: () => '/resources/uploads',
		allow: FIRMS,
		why: 'firm users upload into their own firm',
		body: () => {
			const form = new FormData()
			form.set('purpose', 'docking-attachment')
			form.set('file', new File([pdf()], 'authz.pdf', { type: 'application/pdf' }))
			return form
		},
		probe: () => prisma.upload.count(),
	},

	// ---- docking ----
	{
		file: 'docking._index.tsx',
		method: 'GET',
		path: () => '/docking?filter=all',
		allow: A_PAIR,
		marker: (f) => f.session,
		why: 'own sessions only: A’s session is listed for its two firms',
	},
	{
		file: 'docking.$sessionId.tsx',
		method: 'GET',
		path: (f) => `/docking/${f.session}`,
		allow: A_PAIR,
		why: 'the two firms; the bureau only once invited (it was not)',
	},
	{
		file: 'docking.$sessionId.tsx',
		method: 'POST',
		path: (f) => `/docking/${f.session}`,
		allow: A_PAIR,
		why: 'consenting to share contacts: a firm of the session only',
		body: () => ({ intent: 'consent' }),
		probe: (f) => prisma.contactConsent.findMany({ where: { sessionId: f.session }, orderBy: { id: 'asc' } }),
	},
	{
		file: 'resources.docking-messages.$sessionId.ts',
		method: 'GET',
		path: (f) => `/resources/docking-messages/${f.session}`,
		allow: A_PAIR,
		why: 'chat history: the two firms',
	},
	{
		file: 'resources.docking-badge.ts',
		method: 'GET',
		path: () => '/resources/docking-badge',
		allow: SIGNED,
		why: 'the caller’s own unread count',
	},
	{
		file: 'docking.new.tsx',
		method: 'GET',
		path: (f) => `/docking/new?demandId=${f.demDraft}`,
		allow: ['buyerA'],
		why: 'starting from a draft demand: only its own firm may see it',
	},
	{
		file: 'docking.new.tsx',
		method: 'POST',
		path: () => '/docking/new',
		allow: ['buyerA'],
		why: 'a request on A’s draft demand must not reach it from another firm',
		body: (f) => ({ demandId: f.demDraft, message: '权限矩阵测试对接请求' }),
		probe: () => prisma.dockingSession.count(),
	},

	// ---- events ----
	{ file: 'events._index.tsx', method: 'GET', path: () => '/events', allow: ALL, why: 'public calendar' },
	{
		file: 'events.$eventId.tsx',
		method: 'GET',
		path: (f) => `/events/${f.event}`,
		allow: ALL,
		why: 'a published event is public',
	},
	{
		file: 'events.$eventId.tsx',
		method: 'POST',
		path: (f) => `/events/${f.eventOpen}`,
		allow: FIRMS,
		why: 'a firm registers itself; staff do not register',
		body: (f, actor) => ({
			side: actor.startsWith('buyer') ? 'BUYER' : 'SUPPLIER',
			pitch: '权限矩阵测试报名',
			availableSlots: f.openSlot,
		}),
		probe: (f) => prisma.eventRegistration.count({ where: { eventId: f.eventOpen } }),
	},
	{
		file: 'events.$eventId_.agenda.tsx',
		method: 'GET',
		path: (f) => `/events/${f.event}/agenda`,
		allow: A_PAIR,
		redirect: 'deny',
		why: 'a firm’s agenda: approved firms (others are sent back to the event page)',
	},
	{
		file: 'events.$eventId.tsx',
		method: 'GET',
		variant: 'draft',
		path: (f) => `/events/${f.eventDraft}`,
		allow: STAFF,
		why: 'a draft event: staff only',
	},
	{
		file: 'events.$eventId_.agenda.tsx',
		method: 'POST',
		variant: 'room',
		path: (f) => `/events/${f.event}/agenda`,
		allow: A_PAIR,
		why: 'opening the meeting room of A’s meeting: its two firms only',
		body: (f) => ({ intent: 'room', meetingId: f.meeting }),
		probe: (f) =>
			prisma.meeting.findUniqueOrThrow({ where: { id: f.meeting }, select: { dockingSessionId: true } }),
	},
	{
		file: 'events.$eventId_.agenda.tsx',
		method: 'POST',
		variant: 'withdraw',
		path: (f) => `/events/${f.demoEvent}/agenda`,
		allow: ['buyerA'],
		why: 'withdrawing buyer A’s meeting request: only its sender (all four firms are at this event)',
		body: (f) => ({ intent: 'withdraw', requestId: f.requestToB }),
		probe: (f) =>
			prisma.meetingRequest.findUniqueOrThrow({ where: { id: f.requestToB }, select: { status: true } }),
	},
	{
		file: 'events.$eventId_.agenda.tsx',
		method: 'POST',
		variant: 'respond',
		path: (f) => `/events/${f.demoEvent}/agenda`,
		allow: ['supplierA'],
		why: 'answering a request addressed to supplier A: only supplier A (not the sender, not another firm)',
		body: (f) => ({
			intent: 'respond',
			decision: 'decline',
			requestId: f.requestToA,
			reason: '权限矩阵测试婉拒',
		}),
		probe: (f) =>
			prisma.meetingRequest.findUniqueOrThrow({ where: { id: f.requestToA }, select: { status: true } }),
	},
	{
		file: 'events.$eventId_.agenda.tsx',
		method: 'POST',
		variant: 'outcome',
		path: (f) => `/events/${f.event}/agenda`,
		allow: A_PAIR,
		why: 'recording the outcome of A’s meeting: its two firms only',
		body: (f) => ({ intent: 'outcome', meetingId: f.meeting, outcome: 'INTENT', note: '权限矩阵' }),
		probe: (f) =>
			prisma.meeting.findUniqueOrThrow({
				where: { id: f.meeting },
				select: { outcome: true, outcomeNote: true, status: true },
			}),
	},
	{
		file: 'resources.events.$eventId.agenda[.]ics.ts',
		method: 'GET',
		variant: 'session',
		path: (f) => `/resources/events/${f.event}/agenda.ics`,
		allow: A_PAIR,
		why: 'the signed-in firm’s own calendar: approved firms',
	},
	{
		file: 'resources.events.$eventId.agenda[.]ics.ts',
		method: 'GET',
		variant: 'token',
		path: (f) => `/resources/events/${f.event}/agenda.ics?token=${encodeURIComponent(f.calendarToken)}`,
		allow: ALL,
		why: 'the subscription link carries its own secret token',
	},
	{
		file: 'events.$eventId_.participants.tsx',
		method: 'GET',
		path: (f) => `/events/${f.event}/participants`,
		allow: [...A_PAIR, ...STAFF],
		why: 'catalogue: approved firms and staff',
	},
	{
		file: 'events.$eventId_.live.tsx',
		method: 'GET',
		path: (f) => `/events/${f.event}/live`,
		allow: [...A_PAIR, ...STAFF],
		why: 'live lobby: approved firms and staff',
	},
	{
		file: 'events.$eventId_.live.tsx',
		method: 'POST',
		path: (f) => `/events/${f.event}/live`,
		allow: STAFF,
		why: 'announcements: staff only',
		body: () => ({ intent: 'announce', body: '权限矩阵测试公告' }),
		probe: (f) => prisma.announcement.count({ where: { eventId: f.event } }),
	},
	{
		file: 'events.$eventId_.check-in.tsx',
		method: 'GET',
		path: (f) => `/events/${f.event}/check-in`,
		allow: STAFF,
		why: 'check-in desk: staff',
	},
	{
		file: 'events.$eventId_.check-in.tsx',
		method: 'POST',
		path: (f) => `/events/${f.event}/check-in`,
		allow: STAFF,
		why: 'checking a firm in: staff (a firm holding the token may not check itself in)',
		body: (f) => ({ token: f.checkInToken }),
		probe: (f) =>
			prisma.eventRegistration.findUniqueOrThrow({
				where: { eventId_firmId: { eventId: f.event, firmId: f.firms.supplierA } },
				select: { checkedInAt: true },
			}),
	},
	{
		file: 'events.$eventId_.manage.tsx',
		method: 'GET',
		path: (f) => `/events/${f.event}/manage`,
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'events.$eventId_.manage.tsx',
		method: 'POST',
		path: (f) => `/events/${f.event}/manage`,
		allow: STAFF,
		why: 'event management: staff',
		body: () => ({ intent: 'publish' }),
		probe: (f) =>
			prisma.event.findUniqueOrThrow({ where: { id: f.event }, select: { status: true, updatedAt: true } }),
	},
	{
		file: 'events.$eventId_.edit.tsx',
		method: 'GET',
		path: (f) => `/events/${f.event}/edit`,
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'events.$eventId_.edit.tsx',
		method: 'POST',
		path: (f) => `/events/${f.event}/edit`,
		allow: STAFF,
		why: 'staff (incomplete form: 400 for them)',
		body: () => ({ title: '' }),
		probe: (f) => prisma.event.findUniqueOrThrow({ where: { id: f.event } }),
	},
	{
		file: 'events.$eventId_.report.tsx',
		method: 'GET',
		path: (f) => `/events/${f.event}/report`,
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'resources.events.$eventId.report[.]xlsx.ts',
		method: 'GET',
		path: (f) => `/resources/events/${f.event}/report.xlsx`,
		allow: STAFF,
		why: 'staff',
	},
	{ file: 'events.new.tsx', method: 'GET', path: () => '/events/new', allow: STAFF, why: 'staff' },
	{
		file: 'events.new.tsx',
		method: 'POST',
		path: () => '/events/new',
		allow: STAFF,
		why: 'staff (incomplete form: 400 for them)',
		body: () => ({ title: '' }),
		probe: () => prisma.event.count(),
	},

	// ---- chain leader target lists ----
	{
		file: 'targets._index.tsx',
		method: 'GET',
		path: () => '/targets',
		allow: ['buyerA', 'bureau', 'admin'],
		marker: (f) => f.targetDraftTitle,
		why: 'A’s draft list shows for its owner and staff only',
	},
	{
		file: 'targets.$listId.tsx',
		method: 'GET',
		path: (f) => `/targets/${f.targetDraft}`,
		allow: ['buyerA', 'bureau', 'admin'],
		why: 'a draft list: owner and staff',
	},
	{
		file: 'targets.$listId.tsx',
		method: 'POST',
		path: (f) => `/targets/${f.targetDraft}`,
		allow: ['buyerA', 'bureau', 'admin'],
		why: 'editing a list: owner (buyer) and staff',
		body: (f) => ({
			intent: 'update',
			title: f.targetDraftTitle,
			description: '权限矩阵测试',
			clusterId: '',
		}),
		probe: (f) => prisma.targetList.findUniqueOrThrow({ where: { id: f.targetDraft } }),
	},
	{
		file: 'resources.targets.$listId[.]xlsx.ts',
		method: 'GET',
		path: (f) => `/resources/targets/${f.targetDraft}.xlsx`,
		allow: ['buyerA', 'bureau', 'admin'],
		why: 'export: owner and staff',
	},
	{
		file: 'targets.new.tsx',
		method: 'GET',
		path: () => '/targets/new',
		allow: ['buyerA', 'bureau', 'admin'],
		why: 'chain leaders (buyer A) and staff',
	},
	{
		file: 'targets.new.tsx',
		method: 'POST',
		path: () => '/targets/new',
		allow: ['buyerA', 'bureau', 'admin'],
		why: 'chain leaders and staff create lists',
		body: (f, actor) => ({
			title: `AUTHZ 新目标清单 ${actor}`,
			description: '',
			clusterId: '',
			ownerFirmId: actor === 'bureau' || actor === 'admin' ? f.firms.buyerA : '',
		}),
		probe: () => prisma.targetList.count(),
	},

	// ---- bureau ----
	{
		file: 'bureau.audit.tsx',
		method: 'GET',
		path: () => '/bureau/audit',
		allow: NONE,
		why: 'audit role only (none of the seven actors)',
	},
	{
		file: 'bureau.chains._index.tsx',
		method: 'GET',
		path: () => '/bureau/chains',
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'bureau.chains.$slug.tsx',
		method: 'GET',
		path: (f) => `/bureau/chains/${f.chainSlug}`,
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'bureau.chains.$slug.tsx',
		method: 'POST',
		path: (f) => `/bureau/chains/${f.chainSlug}`,
		allow: STAFF,
		why: 'editing the chain map: staff',
		body: (_f, actor) => ({
			intent: 'add',
			parentId: '',
			stage: 'UPSTREAM',
			name: `权限矩阵节点${ACTORS.indexOf(actor)}`,
		}),
		probe: (f) => prisma.chainNode.count({ where: { clusterId: f.chainCluster } }),
	},
	{
		file: 'resources.bureau.chains.$slug.gaps[.]xlsx.ts',
		method: 'GET',
		path: (f) => `/resources/bureau/chains/${f.chainSlug}/gaps.xlsx`,
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'bureau.follow-ups.tsx',
		method: 'GET',
		path: () => '/bureau/follow-ups',
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'bureau.follow-ups.tsx',
		method: 'POST',
		path: () => '/bureau/follow-ups',
		allow: STAFF,
		why: 'recording a follow-up: staff',
		body: (f) => ({ itemId: f.followUpItem, note: '权限矩阵测试跟进' }),
		probe: () => prisma.followUp.count(),
	},
	{ file: 'bureau.monitor.tsx', method: 'GET', path: () => '/bureau/monitor', allow: STAFF, why: 'staff' },
	{
		file: 'bureau.monitor_.report.tsx',
		method: 'GET',
		path: () => '/bureau/monitor/report',
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'resources.bureau.monitor[.]xlsx.ts',
		method: 'GET',
		path: () => '/resources/bureau/monitor.xlsx',
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'bureau.verifications.tsx',
		method: 'GET',
		path: () => '/bureau/verifications',
		allow: STAFF,
		why: 'staff',
	},
	{
		file: 'bureau.verifications.tsx',
		method: 'POST',
		path: () => '/bureau/verifications',
		allow: STAFF,
		why: 'approving a firm: staff',
		body: (f) => ({ intent: 'approve', firmId: f.firms.pending, firmName: '权限矩阵' }),
		probe: (f) =>
			prisma.firm.findUniqueOrThrow({ where: { id: f.firms.pending }, select: { verificationStatus: true } }),
	},
]

export const SOCKET_EVENTS: SocketRow[] = [
	{ event: 'presence:ping', allow: SIGNED, why: 'any signed-in socket' },
	{ event: 'docking:join', allow: A_PAIR, why: 'the two firms of the session (bureau not invited)' },
	{ event: 'docking:leave', allow: SIGNED, why: 'leaves only the caller’s own rooms' },
	{ event: 'docking:send', allow: A_PAIR, why: 'the two firms of the session' },
	{ event: 'docking:typing', allow: A_PAIR, why: 'reaches the room only from a member' },
	{ event: 'docking:read', allow: A_PAIR, why: 'the two firms of the session' },
	{
		event: 'event:join',
		allow: [...A_PAIR, ...STAFF],
		why: 'approved firms and staff (A’s event; firm B not registered)',
	},
	{ event: 'event:leave', allow: SIGNED, why: 'leaves only the caller’s own rooms' },
]
