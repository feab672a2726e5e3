import { z } from 'zod'

const optionalUrl = (protocols: string[]) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine((v) => v === undefined || protocols.some((p) => v.startsWith(`${p}://`)), {
			message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
		})
		.refine(
			(v) => {
				if (v === undefined) return true
				try {
					new URL(v)
					return true
				} catch {
					return false
				}
			},
			{ message: 'is not a valid URL' },
		)

const port = z.coerce.number().int().min(0).max(65535)

const schema = z.object({
	NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
	HOST: z.string().trim().min(1).default('127.0.0.1'),
	PORT: port.default(3000),
	DATA_DIR: z.string().trim().min(1).default('data'),
	DATABASE_URL: optionalUrl(['postgresql', 'postgres']),
	DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
	/** Port of the loopback socket that serves the embedded PGlite (0: pick a free one). */
	PGLITE_PORT: port.default(0),
	MEILI_URL: optionalUrl(['http', 'https']),
	MEILI_MASTER_KEY: z.string().trim().min(16, 'must be at least 16 characters').optional(),
	MEILI_INDEX_PREFIX: z
		.string()
		.regex(/^[a-zA-Z0-9_-]*$/, 'may contain only letters, digits, - and _')
		.default(''),
	/** Port for the embedded Meilisearch child (0: pick a free one). */
	MEILI_PORT: port.default(0),
	REDIS_URL: optionalUrl(['redis', 'rediss']),
	SMTP_URL: optionalUrl(['smtp', 'smtps']),
	/** Comma-separated origins allowed for WebSocket and state-changing requests, besides the app's own. */
	ALLOWED_ORIGINS: z
		.string()
		.default('')
		.transform((v) =>
			v
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean),
		),
	SEED_ON_START: z
		.enum(['auto', 'true', 'false'])
		.default('auto')
		.describe('auto seeds demo data only when the database has no clusters'),
	LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
	TRUST_PROXY: z.enum(['true', 'false']).default('false'),
	/** Requests per client address; 0 turns the limit off. */
	RATE_LIMIT_LOGIN_PER_MIN: z.coerce.number().int().min(0).default(30),
	RATE_LIMIT_REGISTER_PER_HOUR: z.coerce.number().int().min(0).default(20),
	RATE_LIMIT_SEARCH_PER_MIN: z.coerce.number().int().min(0).default(240),
})

export type Env = z.infer<typeof schema>

export class EnvError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
	const result = schema.safeParse(source)
	if (result.success) {
		if (result.data.MEILI_URL && !result.data.MEILI_MASTER_KEY) {
			throw new EnvError('MEILI_MASTER_KEY: required when MEILI_URL is set')
		}
		return result.data
	}
	const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
	throw new EnvError(`Invalid environment variables:\n  ${lines.join('\n  ')}`)
}

const ENV_KEY = Symbol.for('xnwh.env')
type WithEnv = typeof globalThis & { [ENV_KEY]?: Env }

export function init(source: NodeJS.ProcessEnv = process.env): Env {
	const env = parseEnv(source)
	;(globalThis as WithEnv)[ENV_KEY] = env
	return env
}

export function getServerEnv(): Env {
	const g = globalThis as WithEnv
	return (g[ENV_KEY] ??= parseEnv(process.env))
}

/** Values safe to send to the browser as window.ENV. */
export function getPublicEnv() {
	return { MODE: getServerEnv().NODE_ENV }
}

export type PublicEnv = ReturnType<typeof getPublicEnv>
