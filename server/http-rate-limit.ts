import type { NextFunction, Request, Response } from 'express'
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { createClient, type RedisClientType } from 'redis'
import { createTranslator } from '#app/i18n/i18n'
import { fallbackPage } from './fallback-page'
import { createLimiter } from './socket/rate-limit'

/** Per client address; 0 turns a limit off. Names match the RATE_LIMIT_* environment variables. */
export type HttpLimitConfig = {
	/** POST /login per minute. */
	loginPerMinute: number
	/** POST /register per hour. */
	registerPerHour: number
	/** GET /api/v1/* and listing pages with a query, per minute. */
	searchPerMinute: number
}

export const DEFAULT_HTTP_LIMITS: HttpLimitConfig = {
	loginPerMinute: 30,
	registerPerHour: 20,
	searchPerMinute: 240,
}

type Kind = 'login' | 'register' | 'search'

export type HttpLimits = {
	middleware: (req: Request, res: Response, next: NextFunction) => void
	close: () => Promise<void>
}

// Listing pages whose query string runs a search (any parameter but Remix's own _data).
const SEARCH_PAGES = new Set(['/capabilities', '/demands', '/firms'])

function kindOf(req: Request): Kind | null {
	const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path
	if (req.method === 'POST' && path === '/login') return 'login'
	if (req.method === 'POST' && path === '/register') return 'register'
	if (req.method !== 'GET' && req.method !== 'HEAD') return null
	if (path.startsWith('/api/')) return 'search'
	if (SEARCH_PAGES.has(path) && Object.keys(req.query).some((k) => k !== '_data')) return 'search'
	return null
}

const MESSAGE_KEY: Record<Kind, string> = {
	login: 'err.rateLimitedLogin',
	register: 'err.rateLimitedRegister',
	search: 'err.rateLimitedSearch',
}

/** 429 in the form the caller reads: JSON for the API, the route's error page for Remix data requests, HTML otherwise. */
function refuse(req: Request, res: Response, kind: Kind, retryAfter: number) {
	const t = createTranslator('zh-CN')
	const message = t(MESSAGE_KEY[kind], { seconds: retryAfter })
	res.status(429).set({ 'Retry-After': String(retryAfter), 'Cache-Control': 'no-store' })
	if (req.path.startsWith('/api/')) {
		res.json({ error: { code: 'rate_limited', message, retryAfter } })
		return
	}
	if ('_data' in req.query) {
		// Remix's client turns a 4xx without its own headers into the route's error boundary, status and text kept.
		res.type('text/plain; charset=utf-8').send(message)
		return
	}
	const nonce = String(res.locals.cspNonce ?? '')
	res.type('text/html; charset=utf-8').send(fallbackPage({ status: 429, message, nonce }))
}

/**
 * Limits for login, registration and search per client address. With REDIS_URL the counters are shared by
 * every instance (a connection of their own); while Redis is away each instance counts in memory.
 */
export async function createHttpLimits({
	config = DEFAULT_HTTP_LIMITS,
	redisUrl,
	namespace = 'http',
}: {
	config?: HttpLimitConfig
	redisUrl?: string
	namespace?: string
} = {}): Promise<HttpLimits> {
	let redis: RedisClientType | undefined
	if (redisUrl) {
		redis = createClient({
			url: redisUrl,
			socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 5000) },
		})
		redis.on('error', () => {})
		// Not awaited: the insurance limiter counts until Redis answers.
		redis.connect().catch(() => {})
	}
	const limiters: Partial<Record<Kind, RateLimiterAbstract>> = {}
	if (config.loginPerMinute > 0)
		limiters.login = createLimiter(redis, `${namespace}-login`, config.loginPerMinute, 60)
	if (config.registerPerHour > 0)
		limiters.register = createLimiter(redis, `${namespace}-register`, config.registerPerHour, 3600)
	if (config.searchPerMinute > 0)
		limiters.search = createLimiter(redis, `${namespace}-search`, config.searchPerMinute, 60)

	return {
		middleware(req, res, next) {
			const kind = kindOf(req)
			const limiter = kind && limiters[kind]
			if (!kind || !limiter) return next()
			const key = req.ip ?? req.socket.remoteAddress ?? 'unknown'
			limiter.consume(key).then(
				() => next(),
				(error: unknown) => {
					if (!(error instanceof RateLimiterRes)) return next()
					refuse(req, res, kind, Math.max(1, Math.ceil(error.msBeforeNext / 1000)))
				},
			)
		},
		async close() {
			if (!redis) return
			if (redis.isOpen) await redis.quit().catch(() => undefined)
			try {
				redis.destroy()
			} catch {
				// already closed
			}
		},
	}
}
