import type { Server } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login } from '#app/modules/auth/auth.server'
import type { RealtimePublisher } from '#app/realtime/publisher'
import { init, parseEnv } from '#app/utils/env.server'
import { seed, DEMO_PASSWORD } from '#prisma/seed'
import { createExpressApp } from '#server/app'
import { startServer, type RunningServer } from '#server/start'
import { allowConsoleError } from '#tests/setup/console'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let server: RunningServer
let dataDir: string
let cookie: string
let uploadPath: string
const extra: Server[] = []
const figures = { responses: 0, nonces: 0, scripts: 0, failures: 0 }

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'xnwh-headers-'))
	db = await setupTestDatabase()
	const source: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'test',
		PORT: '0',
		DATA_DIR: dataDir,
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `hdr${Date.now()}_`,
		REDIS_URL: '',
		SEED_ON_START: 'false',
		LOG_LEVEL: 'silent',
	}
	init(source)
	server = await startServer(parseEnv(source), { logger: { info: () => {}, error: () => {} } })
	await seed({ log: () => {} })
	const result = await login('supplier@demo.xnwh.cn', DEMO_PASSWORD, {})
	if (!result.ok) throw new Error('demo login failed')
	cookie = result.setCookie.split(';')[0]!
	const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
		.png()
		.toBuffer()
	const body = new FormData()
	body.set('purpose', 'capability-image')
	body.set('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'a.png')
	const res = await fetch(`${server.url}/resources/uploads`, { method: 'POST', headers: { cookie }, body })
	uploadPath = `/resources/uploads/${((await res.json()) as { id: string }).id}`
})

afterAll(async () => {
	for (const s of extra) await new Promise((resolve) => s.close(resolve))
	await server?.stop()
	await db?.stop()
	if (dataDir) await rm(dataDir, { recursive: true, force: true })
	console.log(
		`SUITE headers responses=${figures.responses} nonces_unique=${figures.nonces} scripts_with_nonce=${figures.scripts} failures=${figures.failures}`,
	)
})

const seenNonces = new Set<string>()

/** Every problem with one response's security headers (and, for HTML, its scripts). */
async function problemsOf(res: Response, { hsts, kind }: { hsts: boolean; kind: 'page' | 'file' | 'other' }) {
	figures.responses++
	const problems: string[] = []
	const csp = res.headers.get('content-security-policy') ?? ''
	const directives = new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name!, values] as const),
	)
	if (!csp) problems.push('no CSP')
	if (csp.includes(', ')) problems.push('two CSP headers')
	const scriptSrc = directives.get('script-src') ?? directives.get('default-src') ?? []
	if (scriptSrc.includes("'unsafe-inline'")) problems.push("script-src 'unsafe-inline'")
	if (scriptSrc.includes("'unsafe-eval'") || (directives.get('default-src') ?? []).includes("'unsafe-eval'"))
		problems.push("'unsafe-eval'")
	if (directives.get('frame-ancestors')?.join(' ') !== "'none'") problems.push('frame-ancestors not none')
	if (res.headers.get('x-content-type-options') !== 'nosniff')
		problems.push(`nosniff: ${res.headers.get('x-content-type-options')}`)
	if (!res.headers.get('referrer-policy')) problems.push('no Referrer-Policy')
	const sts = res.headers.get('strict-transport-security')
	if (hsts && !/max-age=\d{7,}/.test(sts ?? '')) problems.push(`HSTS missing: ${sts}`)
	if (!hsts && sts) problems.push(`HSTS outside production: ${sts}`)
	if (res.headers.get('x-powered-by')) problems.push('X-Powered-By')
	if (kind === 'file' && !directives.has('sandbox')) problems.push('file without sandbox')
	if (kind === 'page') {
		const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
		if (!nonce) problems.push('no nonce')
		else if (seenNonces.has(nonce)) problems.push('nonce reused')
		else {
			seenNonces.add(nonce)
			figures.nonces++
		}
		const html = await res.text()
		const tags = html.match(/<script\b[^>]*>/g) ?? []
		if (!tags.length) problems.push('page without scripts (nothing checked)')
		for (const tag of tags) {
			if (tag.includes(`nonce="${nonce}"`)) figures.scripts++
			else problems.push(`script without nonce: ${tag}`)
		}
		if (/\son[a-z]+\s*=\s*["']/i.test(html.replace(/<script\b[\s\S]*?<\/script>/g, '')))
			problems.push('inline event handler')
	}
	if (problems.length) figures.failures++
	return problems
}

describe('security headers (NODE_ENV=test)', () => {
	const cases: Array<{
		label: string
		path: string
		kind: 'page' | 'file' | 'other'
		status: number
		auth?: boolean
	}> = [
		{ label: 'home page', path: '/', kind: 'page', status: 200 },
		{ label: 'login page', path: '/login', kind: 'page', status: 200 },
		{ label: 'listing search page', path: '/capabilities?q=%E7%94%B5%E5%AD%90', kind: 'page', status: 200 },
		{ label: 'signed-in page', path: '/dashboard', kind: 'page', status: 200, auth: true },
		{ label: '404 page', path: '/no-such-page', kind: 'page', status: 404 },
		{ label: '403 page', path: '/bureau/verifications', kind: 'page', status: 403, auth: true },
		{ label: 'search API', path: '/api/v1/capabilities?q=%E7%94%B5', kind: 'other', status: 200 },
		{
			label: 'resource route',
			path: '/resources/import-template?kind=CAPABILITY',
			kind: 'other',
			status: 200,
			auth: true,
		},
		{ label: 'health report', path: '/healthz', kind: 'other', status: 200 },
		{ label: 'static asset', path: '/favicon.svg', kind: 'other', status: 200 },
		{ label: 'served upload', path: 'UPLOAD', kind: 'file', status: 200, auth: true },
		{ label: 'missing upload', path: '/resources/uploads/nope', kind: 'other', status: 404, auth: true },
	]
	for (const c of cases) {
		test(`${c.label}: CSP, nosniff, referrer policy, no HSTS`, async () => {
			// Remix logs unmatched URLs as errors.
			if (c.status === 404) allowConsoleError()
			const res = await fetch(`${server.url}${c.path === 'UPLOAD' ? uploadPath : c.path}`, {
				headers: c.auth ? { cookie } : {},
				redirect: 'manual',
			})
			expect(res.status).toBe(c.status)
			expect(await problemsOf(res, { hsts: false, kind: c.kind })).toEqual([])
		})
	}

	test('each response gets its own nonce', async () => {
		const nonces = await Promise.all(
			[1, 2, 3].map(
				async () =>
					/'nonce-([^']+)'/.exec(
						(await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '',
					)?.[1],
			),
		)
		expect(new Set(nonces).size).toBe(3)
	})
})

describe('security headers (NODE_ENV=production)', () => {
	async function listen(build: () => Promise<ServerBuild>) {
		const app = createExpressApp({
			build,
			mode: 'production',
			realtime: () => ({ publish: () => {} }) as unknown as RealtimePublisher,
			allowedOrigins: [],
			health: async () => ({ status: 'ok' }),
			trustProxy: false,
			logRequests: false,
		})
		const http = await new Promise<Server>((resolve) => {
			const s = app.listen(0, '127.0.0.1', () => resolve(s))
		})
		extra.push(http)
		return `http://127.0.0.1:${(http.address() as { port: number }).port}`
	}

	test('pages, API, 404 and 500 carry HSTS and the same policy', async () => {
		allowConsoleError()
		const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild
		const url = await listen(async () => build)
		for (const [p, status, kind] of [
			['/', 200, 'page'],
			['/no-such-page', 404, 'page'],
			['/api/v1/demands', 200, 'other'],
			['/healthz', 200, 'other'],
		] as const) {
			const res = await fetch(`${url}${p}`, { redirect: 'manual' })
			expect(res.status, p).toBe(status)
			expect(await problemsOf(res, { hsts: true, kind }), p).toEqual([])
		}
		const broken = await listen(async () => {
			throw new Error('build unavailable')
		})
		const res = await fetch(`${broken}/`)
		expect(res.status).toBe(500)
		expect(await problemsOf(res, { hsts: true, kind: 'other' })).toEqual([])
	})

	test('figures', () => {
		expect(figures.failures).toBe(0)
		expect(figures.scripts).toBeGreaterThan(0)
	})
})
