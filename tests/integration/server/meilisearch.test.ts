import { rm } from 'node:fs/promises'
import path from 'node:path'
import { Meilisearch } from 'meilisearch'
import { afterAll, describe, expect, test } from 'vitest'
import { allowConsoleError } from '#tests/setup/console'
import { startEmbeddedMeilisearch, type EmbeddedMeili } from '#server/embedded/meilisearch'

const dataDir = path.resolve('tests/.tmp', `meili-supervisor-${process.pid}-${process.env.TEST_DB_KIND}`)
let meili: EmbeddedMeili | undefined

afterAll(async () => {
	await meili?.stop()
	await rm(dataDir, { recursive: true, force: true })
})

describe('embedded Meilisearch', () => {
	test('starts with a persistent master key, is restarted after a crash and keeps its data', async () => {
		allowConsoleError()
		const lines: string[] = []
		meili = await startEmbeddedMeilisearch({ dataDir, logger: { info: () => {}, error: (m) => lines.push(m) } })
		const unauthorized = await fetch(`${meili.url}/indexes`)
		expect(unauthorized.status).toBe(401)
		const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey })
		// The first task after an index is created can take Meilisearch seconds on a busy machine.
		await client.index('probe').addDocuments([{ id: 1, title: '光模块' }]).waitTask({ timeout: 30_000 })

		const before = meili.pid()
		meili.crash()
		await new Promise((r) => setTimeout(r, 300))
		await meili.waitHealthy(20_000)
		expect(meili.pid()).not.toBe(before)
		expect(lines.some((l) => l.includes('exited unexpectedly'))).toBe(true)
		const { hits } = await client.index('probe').search('光模块')
		expect(hits).toHaveLength(1)

		const key = meili.masterKey
		await meili.stop()
		meili = await startEmbeddedMeilisearch({ dataDir, logger: { info: () => {}, error: () => {} } })
		expect(meili.masterKey).toBe(key)
	})
})
