import { mkdir } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export type EmbeddedPostgres = {
	url: string
	stop: () => Promise<void>
}

/**
 * Runs PGlite in this process and serves it on a loopback port. PGlite has a single connection,
 * so clients must use a pool of exactly one.
 */
export async function startEmbeddedPostgres({
	dataDir,
	port = 0,
}: {
	/** Directory for the data files; `memory://` keeps everything in memory. */
	dataDir: string
	port?: number
}): Promise<EmbeddedPostgres> {
	if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true })
	const db = await PGlite.create({ dataDir })
	const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port })
	await server.start()
	const address = (server as unknown as { server: { address(): AddressInfo } }).server.address()
	return {
		url: `postgresql://postgres@127.0.0.1:${address.port}/postgres?sslmode=disable`,
		async stop() {
			await server.stop()
			await db.close()
		},
	}
}
