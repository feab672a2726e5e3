import path from 'node:path'
import { defineConfig } from 'vitest/config'

const alias = {
	'#app': path.resolve('app'),
	'#search': path.resolve('search'),
	'#server': path.resolve('server'),
	'#tests': path.resolve('tests'),
	'#prisma': path.resolve('prisma'),
}

// Tests that do not depend on the database run once, in the PGlite project.
const DB_INDEPENDENT = ['tests/integration/prisma/**', 'tests/integration/server/meilisearch.test.ts', 'tests/integration/server/redis-adapter.test.ts']
// Tests that need the real PostgreSQL (several processes share one database) run only in the postgres project.
// Hardening suites (security, faults) run once, against the real PostgreSQL, as CI does.
const POSTGRES_ONLY = ['tests/integration/server/docking-cluster.test.ts', 'tests/integration/security/**', 'tests/integration/faults/**']

const integration = (name: string, dbKind: 'pglite' | 'postgres') => ({
	extends: true as const,
	test: {
		name,
		include: ['tests/integration/**/*.test.ts'],
		exclude: dbKind === 'postgres' ? DB_INDEPENDENT : POSTGRES_ONLY,
		globalSetup: ['tests/setup/global-integration.ts'],
		setupFiles: ['tests/setup/console.ts'],
		env: { TEST_DB_KIND: dbKind },
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Each file gets its own database; PGlite files are heavy, so two at a time on two cores.
		maxWorkers: 2,
	},
})

export default defineConfig({
	resolve: { alias },
	test: {
		projects: [
			{ extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], setupFiles: ['tests/setup/console.ts'] } },
			integration('integration-pglite', 'pglite'),
			integration('integration-postgres', 'postgres'),
		],
	},
})
