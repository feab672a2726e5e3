import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv as parseEnvRaw } from '#app/utils/env.server'

// NodeJS.ProcessEnv requires NODE_ENV in this project's typings; these tests pass partial envs on purpose.
const parseEnv = (vars: Record<string, string>) => parseEnvRaw(vars as NodeJS.ProcessEnv)

function envError(source: Record<string, string>): EnvError {
	try {
		parseEnv(source)
	} catch (error) {
		expect(error).toBeInstanceOf(EnvError)
		return error as EnvError
	}
	throw new Error(`parseEnv accepted ${JSON.stringify(source)}`)
}

describe('parseEnv', () => {
	test('an empty environment gives the defaults', () => {
		const env = parseEnv({})
		expect(env).toMatchObject({
			NODE_ENV: 'development',
			HOST: '127.0.0.1',
			PORT: 3000,
			DATA_DIR: 'data',
			PGLITE_PORT: 0,
			MEILI_INDEX_PREFIX: '',
			MEILI_PORT: 0,
			ALLOWED_ORIGINS: [],
			SEED_ON_START: 'auto',
			LOG_LEVEL: 'info',
			TRUST_PROXY: 'false',
		})
		for (const key of ['DATABASE_URL', 'MEILI_URL', 'MEILI_MASTER_KEY', 'REDIS_URL', 'SMTP_URL'] as const) {
			expect(env[key], key).toBeUndefined()
		}
	})

	test('accepts a full valid environment', () => {
		const env = parseEnv({
			NODE_ENV: 'production',
			HOST: '0.0.0.0',
			PORT: '8080',
			DATABASE_URL: 'postgresql://app:secret@db:5432/app',
			MEILI_URL: 'http://127.0.0.1:7700',
			MEILI_MASTER_KEY: 'a-master-key-of-16+',
			REDIS_URL: 'rediss://cache:6380',
			SMTP_URL: 'smtp://mail:25',
			LOG_LEVEL: 'debug',
		})
		expect(env).toMatchObject({
			NODE_ENV: 'production',
			HOST: '0.0.0.0',
			PORT: 8080,
			DATABASE_URL: 'postgresql://app:secret@db:5432/app',
			MEILI_URL: 'http://127.0.0.1:7700',
			REDIS_URL: 'rediss://cache:6380',
			LOG_LEVEL: 'debug',
		})
	})

	test('empty URLs count as unset', () => {
		const env = parseEnv({ DATABASE_URL: '', MEILI_URL: '  ', REDIS_URL: '' })
		expect(env.DATABASE_URL).toBeUndefined()
		expect(env.MEILI_URL).toBeUndefined()
		expect(env.REDIS_URL).toBeUndefined()
	})

	test.each([
		['DATABASE_URL', 'mysql://db/app'],
		['DATABASE_URL', 'localhost:5432'],
		['DATABASE_URL', 'postgres://bad host/app'],
		['PORT', 'abc'],
		['PORT', '70000'],
		['PORT', '-1'],
		['PORT', '80.5'],
		['MEILI_MASTER_KEY', 'too-short'],
		['REDIS_URL', 'http://cache:6379'],
		['REDIS_URL', 'cache:6379'],
		['SMTP_URL', 'mailto:x@example.com'],
		['NODE_ENV', 'staging'],
		['MEILI_INDEX_PREFIX', 'has space'],
	])('malformed %s=%j throws EnvError naming it', (name, value) => {
		const error = envError({ [name]: value })
		expect(error.message).toContain(`${name}:`)
	})

	test('the message lists every bad variable', () => {
		const error = envError({ PORT: 'x', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x' })
		for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL']) expect(error.message).toContain(`${name}:`)
	})

	test('MEILI_URL without MEILI_MASTER_KEY throws naming MEILI_MASTER_KEY', () => {
		const error = envError({ MEILI_URL: 'http://127.0.0.1:7700' })
		expect(error.message).toContain('MEILI_MASTER_KEY')
	})

	test('MEILI_MASTER_KEY without MEILI_URL is fine (embedded Meilisearch)', () => {
		expect(parseEnv({ MEILI_MASTER_KEY: 'k'.repeat(16) }).MEILI_MASTER_KEY).toBe('k'.repeat(16))
	})

	test('ALLOWED_ORIGINS splits on commas, trims and drops empties', () => {
		expect(
			parseEnv({ ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443 ,,' }).ALLOWED_ORIGINS,
		).toEqual(['https://a.example', 'https://b.example:8443'])
		expect(parseEnv({ ALLOWED_ORIGINS: 'https://only.example' }).ALLOWED_ORIGINS).toEqual([
			'https://only.example',
		])
		expect(parseEnv({ ALLOWED_ORIGINS: ' , ' }).ALLOWED_ORIGINS).toEqual([])
	})

	test('coerces ports and keeps 0 meaning "pick a free one"', () => {
		expect(parseEnv({ PORT: '0', PGLITE_PORT: '5433', MEILI_PORT: '65535' })).toMatchObject({
			PORT: 0,
			PGLITE_PORT: 5433,
			MEILI_PORT: 65535,
		})
	})
})
