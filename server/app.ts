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
import { isAllowedOrigin } from './socket/auth'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

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
}: {
	build: () => Promise<ServerBuild>
	mode: 'production' | 'development' | 'test'
	realtime: () => RealtimePublisher
	allowedOrigins: string[]
	health: () => Promise<HealthReport>
	control?: express.Router
	trustProxy: boolean
	logRequests: boolean
}) {
	const app = express()
	app.disable('x-powered-by')
	if (trustProxy) app.set('trust proxy', true)

	app.get('/healthz', async (_req, res) => {
		const report = await health()
		res.status(report.status === 'ok' ? 200 : 503).set('Cache-Control', 'no-store').json(report)
	})

	if (control) app.use('/internal', control)

	app.use(compression())
	if (logRequests) app.use(morgan('tiny', { skip: (req) => req.url?.startsWith('/build/') ?? false }))

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

	app.all(
		'*',
		createRequestHandler({
			build,
			mode,
			getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string, realtime: realtime() }),
		}),
	)
	return app
}
