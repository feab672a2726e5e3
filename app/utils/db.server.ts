import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@prisma/client'
import { forget, remember } from './remember.server'

type DbConfig = { url: string; max: number }

const CONFIG_KEY = 'db-config'
const CLIENT_KEY = 'prisma'

/**
 * Points the process at a database. `max: 1` is required for the embedded PGlite, which has a
 * single connection. Call before the first query; scripts may rely on DATABASE_URL instead.
 */
export function configureDatabase(config: DbConfig) {
	forget(CONFIG_KEY)
	remember(CONFIG_KEY, () => config)
}

function createClient(): PrismaClient {
	const config =
		remember<DbConfig | undefined>(CONFIG_KEY, () => undefined) ??
		(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, max: 10 } : undefined)
	if (!config) throw new Error('Database is not configured: call configureDatabase() or set DATABASE_URL')
	const adapter = new PrismaPg({
		connectionString: config.url,
		max: config.max,
		connectionTimeoutMillis: 10_000,
		idleTimeoutMillis: config.max === 1 ? 0 : 30_000,
	})
	return new PrismaClient({ adapter, log: [{ level: 'warn', emit: 'stdout' }] })
}

export function getPrisma(): PrismaClient {
	return remember(CLIENT_KEY, createClient)
}

export async function disconnectDatabase() {
	const store = globalThis as unknown as { __xnwhSingletons?: Map<string, unknown> }
	const client = store.__xnwhSingletons?.get(CLIENT_KEY) as PrismaClient | undefined
	forget(CLIENT_KEY)
	if (client) await client.$disconnect()
}

/** The shared client; created on first use so that start-up can configure it first. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
	get(_target, prop) {
		const client = getPrisma()
		const value = Reflect.get(client, prop, client) as unknown
		return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(client) : value
	},
})

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
