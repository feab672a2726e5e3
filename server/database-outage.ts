import type { ServerBuild } from '@remix-run/node'
import { createTranslator } from '#app/i18n/i18n'
import { fallbackPage } from './fallback-page'

// While PostgreSQL is unreachable (restarting, failing over) a page or form post fails in its loader
// or action. Instead of the generic 500 the user gets a 503 with a Chinese "try again shortly",
// without any error detail, and Retry-After; the app itself keeps running and serves again as soon
// as the database answers (the pool reconnects on the next query).

const RETRY_AFTER_SECONDS = 5

/** Errors of a lost or refused database connection (pg, Prisma's pg adapter, PostgreSQL shutting down). */
const CONNECTION_ERROR =
	/ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Can't reach database|Client has encountered a connection error|timeout exceeded when trying to connect|Server has closed the connection/i
const CONNECTION_CODES = new Set([
	'P1001',
	'P1002',
	'P1017',
	'57P01',
	'57P02',
	'57P03',
	'ECONNREFUSED',
	'ECONNRESET',
])

export function isDatabaseConnectionError(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 4) return false
	const e = error as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown }
	if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true
	if (typeof e.message === 'string' && CONNECTION_ERROR.test(e.message)) return true
	return isDatabaseConnectionError(e.cause, depth + 1) || isDatabaseConnectionError(e.meta, depth + 1)
}

function unavailableResponse(request: Request, nonce: string, data: boolean) {
	const t = createTranslator('zh-CN')
	const message = t('err.dockingUnavailable')
	const headers = { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' }
	// Remix's client turns a data response of 4xx/5xx without its own headers into the route's error boundary.
	if (data)
		return new Response(message, {
			status: 503,
			headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
		})
	return new Response(
		fallbackPage({ status: 503, message, nonce, refreshSeconds: RETRY_AFTER_SECONDS * 2 }),
		{ status: 503, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } },
	)
}

const wrapped = new WeakMap<ServerBuild, ServerBuild>()

/**
 * The build with its document and data handlers answering 503 when a request failed because the
 * database is unreachable: the loader's or action's error was a connection error, or `databaseAvailable`
 * (a short `SELECT 1`) fails right after the 500.
 */
export function withDatabaseOutagePages(
	build: ServerBuild,
	databaseAvailable: () => Promise<boolean>,
): ServerBuild {
	const cached = wrapped.get(build)
	if (cached) return cached
	const entry = build.entry.module
	// Remix hands loader and action errors to handleError before it replaces them with a generic
	// "Unexpected Server Error" (outside development): the requests that failed on the database.
	const failedOnDatabase = new WeakSet<Request>()
	const unavailable = async (request: Request) =>
		failedOnDatabase.has(request) || !(await databaseAvailable().catch(() => false))
	const result: ServerBuild = {
		...build,
		entry: {
			...build.entry,
			module: {
				...entry,
				handleError: (error, args) => {
					if (isDatabaseConnectionError(error)) failedOnDatabase.add(args.request)
					entry.handleError?.(error, args)
				},
				default: async (request, statusCode, headers, context, loadContext) => {
					if (statusCode >= 500 && (await unavailable(request)))
						return unavailableResponse(request, String(loadContext.cspNonce ?? ''), false)
					return entry.default(request, statusCode, headers, context, loadContext)
				},
				handleDataRequest: async (response, args) => {
					const res = entry.handleDataRequest ? await entry.handleDataRequest(response, args) : response
					if (res.status < 500 || !(await unavailable(args.request))) return res
					// Legacy ?_data: a plain 503 text, which Remix's client shows in the route's error boundary.
					if (res.headers.has('X-Remix-Error')) return unavailableResponse(args.request, '', true)
					// Single fetch (.data): the encoded (already generic) error stays, so that the client
					// decodes it into the route's error boundary (a Chinese message); the status says 503.
					const headers = new Headers(res.headers)
					headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
					headers.set('Cache-Control', 'no-store')
					return new Response(res.body, { status: 503, headers })
				},
			},
		},
	}
	wrapped.set(build, result)
	return result
}
