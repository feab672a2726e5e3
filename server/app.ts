import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type Request, type Response, type NextFunction } from 'express'
import helmet from 'helmet'
import morgan from 'morgan'
import type { RealtimePublisher } from '#app/realtime/publisher'
import type { HttpLimits } from './http-rate-limit'
import { isAllowedOrigin } from './socket/auth'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024

const OWN_HEADERS = new Set([
	'content-security-policy',
	'x-content-type-options',
	'cross-origin-resource-policy',
	'referrer-policy',
	'x-frame-options',
])

export type HealthReport = { status: 'ok' | 'degraded'; [part: string]: unknown }

export function createExpressApp({
	build,
	mode,
	realtime,
	allowedOrigins,
	health,
	control,
	trustProxy,
	logRequests,
	rateLimits,
}: {
	build: () => Promise<ServerBuild>
	mode: 'production' | 'development' | 'test'
	realtime: () => RealtimePublisher
	allowedOrigins: string[]
	health: () => Promise<HealthReport>
	control?: express.Router
	trustProxy: boolean
	logRequests: boolean
	/** Login, registration and search limits per client address (none when absent). */
	rateLimits?: HttpLimits
}) {
	const app = express()
	app.disable('x-powered-by')
	if (trustProxy) app.set('trust proxy', true)

	app.use((_req, res, next) => {
		res.locals.cspNonce = randomBytes(16).toString('base64')
		next()
	})
	app.use(
		helmet({
			// Defaults plus: nonce-only scripts, no framing, same-origin sockets.
			contentSecurityPolicy: {
				directives: {
					defaultSrc: ["'self'"],
					scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
					styleSrc: ["'self'", "'unsafe-inline'"],
					imgSrc: ["'self'", 'data:', 'blob:'],
					connectSrc: ["'self'", 'ws:', 'wss:'],
					fontSrc: ["'self'"],
					objectSrc: ["'none'"],
					frameAncestors: ["'none'"],
					formAction: ["'self'"],
					baseUri: ["'self'"],
					upgradeInsecureRequests: mode === 'production' ? [] : null,
				},
			},
			strictTransportSecurity: mode === 'production' ? { maxAge: 31536000, includeSubDomains: true } : false,
			referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
			crossOriginEmbedderPolicy: false,
		}),
	)

	// After helmet, so the health report and the test control routes carry the same headers as pages.
	app.get('/healthz', async (_req, res) => {
		const report = await health()
		res
			.status(report.status === 'ok' ? 200 : 503)
			.set('Cache-Control', 'no-store')
			.json(report)
	})

	// Not compressed: the control routes stream progress lines.
	if (control) app.use('/internal', control)

	app.use(compression())
	if (logRequests) app.use(morgan('tiny', { skip: (req) => req.url?.startsWith('/build/') ?? false }))

	app.use('/build', express.static(path.join(ROOT, 'public/build'), { immutable: true, maxAge: '1y' }))
	app.use(express.static(path.join(ROOT, 'public'), { maxAge: '1h' }))

	// State-changing requests must come from our own pages (SameSite=Lax covers most, this covers the rest).
	app.use((req: Request, res: Response, next: NextFunction) => {
		if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
		const origin = req.headers.origin
		const crossSite = req.headers['sec-fetch-site'] === 'cross-site'
		if ((origin && !isAllowedOrigin(origin, req.headers.host, allowedOrigins)) || (!origin && crossSite)) {
			res.status(403).type('text/plain; charset=utf-8').send('跨站请求已被拒绝 (cross-site request refused)')
			return
		}
		next()
	})

	// Modules read the caller's address from this header; whatever the client sent is replaced.
	app.use((req, _res, next) => {
		req.headers['x-client-ip'] = req.ip ?? req.socket.remoteAddress ?? ''
		next()
	})

	if (rateLimits) app.use(rateLimits.middleware)

	// Remix cancels a body it stops reading (an upload over its limit) by destroying the request, which
	// resets the connection before the client reads our 413 and its Chinese message. Bounded bodies are
	// drained instead, so the answer arrives.
	app.use((req, _res, next) => {
		const length = Number(req.headers['content-length'])
		if (length > 0 && length <= DRAIN_LIMIT_BYTES) {
			req.destroy = ((_error?: Error) => {
				req.resume()
				return req
			}) as typeof req.destroy
		}
		next()
	})

	// A route's own security headers (e.g. the sandbox CSP of served uploads) replace helmet's defaults
	// instead of being appended next to them ("nosniff, nosniff", two CSPs).
	app.use((_req, res, next) => {
		const append = res.append.bind(res)
		res.append = (field: string, value?: string | string[]) =>
			OWN_HEADERS.has(field.toLowerCase()) && value !== undefined
				? res.set(field, value)
				: append(field, value)
		next()
	})

	app.all(
		'*',
		createRequestHandler({
			build,
			mode,
			getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string, realtime: realtime() }),
		}),
	)

	// Express's own error page would replace the policy with its bare CSP; this one keeps helmet's headers.
	app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
		if (res.headersSent) return next(error)
		if (mode !== 'test') console.error(error)
		res
			.status(500)
			.set('Cache-Control', 'no-store')
			.type('text/html; charset=utf-8')
			.send(
				'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>出错了 (500)</title></head>' +
					'<body><h1>出错了 (500)</h1><p>服务器暂时出现问题，请稍后重试。</p><p><a href="/">返回首页</a></p></body></html>',
			)
	})
	return app
}
