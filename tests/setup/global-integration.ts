import { rm } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migrate, readMigrations } from '#server/db/migrate'
import { startEmbeddedMeilisearch } from '#server/embedded/meilisearch'
import { createHash } from 'node:crypto'

declare module 'vitest' {
	export interface ProvidedContext {
		meiliUrl: string
		meiliKey: string
		pgTemplate: string
		pgAdminUrl: string
	}
}

/** One real Meilisearch child per project run; for PostgreSQL a migrated template database. */
export default async function setup(project: TestProject) {
	const dataDir = path.resolve('tests/.tmp', `meili-${project.name}-${process.pid}`)
	const meili = await startEmbeddedMeilisearch({ dataDir, logger: { info: () => {}, error: (m) => console.warn(m) } })
	project.provide('meiliUrl', meili.url)
	project.provide('meiliKey', meili.masterKey)

	let pgTemplate = ''
	let pgAdminUrl = ''
	if (project.config.env?.TEST_DB_KIND === 'postgres') {
		pgAdminUrl = process.env.TEST_DATABASE_URL ?? ''
		if (!pgAdminUrl) throw new Error('integration-postgres needs TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)')
		const migrations = await readMigrations()
		const hash = createHash('sha256').update(migrations.map((m) => m.checksum).join()).digest('hex').slice(0, 12)
		pgTemplate = `xnwh_tpl_${hash}`
		const admin = new pg.Client({ connectionString: pgAdminUrl })
		await admin.connect()
		try {
			const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [pgTemplate])
			if (!rowCount) {
				const building = `${pgTemplate}_build_${process.pid}`
				await admin.query(`CREATE DATABASE "${building}"`)
				await migrate(Object.assign(new URL(pgAdminUrl), { pathname: `/${building}` }).toString())
				await admin.query(`ALTER DATABASE "${building}" RENAME TO "${pgTemplate}"`)
			}
		} finally {
			await admin.end()
		}
	}
	project.provide('pgTemplate', pgTemplate)
	project.provide('pgAdminUrl', pgAdminUrl)

	return async () => {
		await meili.stop()
		await rm(dataDir, { recursive: true, force: true })
	}
}
