import { randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import express from 'express'
import { checkIndex, reindex } from '#search/maintenance.server'
import { INDEXED_ENTITIES, type IndexedEntity } from '#search/indexes/index'

const ENTITIES: readonly IndexedEntity[] = INDEXED_ENTITIES

export type RuntimeInfo = { url: string; pid: number; embedded: boolean }

/**
 * The embedded PGlite belongs to the running process, so maintenance commands (search:reindex,
 * search:check) run inside it through this loopback-only endpoint, authorised by a token file in
 * the data directory that only the server's user can read.
 */
export async function createControlRouter(dataDir: string) {
	await mkdir(dataDir, { recursive: true })
	const tokenFile = path.join(dataDir, 'control-token')
	let token: string
	try {
		token = (await readFile(tokenFile, 'utf8')).trim()
	} catch {
		token = randomBytes(24).toString('base64url')
		await writeFile(tokenFile, token + '\n', { mode: 0o600 })
	}
	const expected = Buffer.from(`Bearer ${token}`)
	const router = express.Router()
	router.use((req, res, next) => {
		const remote = req.socket.remoteAddress ?? ''
		const given = Buffer.from(req.headers.authorization ?? '')
		const loopback = remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1'
		if (!loopback || given.length !== expected.length || !timingSafeEqual(given, expected)) {
			res.status(404).end()
			return
		}
		next()
	})
	// Process figures for load and soak runs (tests/load/soak.bench.ts): memory and event-loop delay
	// since the last `?reset=1` (10 ms resolution: a cheap timer, on for the process's lifetime).
	const loopDelay = monitorEventLoopDelay({ resolution: 10 })
	loopDelay.enable()
	router.get('/metrics', (req, res) => {
		const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : null)
		const memory = process.memoryUsage()
		res.set('Cache-Control', 'no-store').json({
			pid: process.pid,
			uptimeSeconds: process.uptime(),
			memory: {
				rss: memory.rss,
				heapUsed: memory.heapUsed,
				heapTotal: memory.heapTotal,
				external: memory.external,
			},
			loopDelayMs: {
				count: loopDelay.count,
				mean: ms(loopDelay.mean),
				p50: ms(loopDelay.percentile(50)),
				p99: ms(loopDelay.percentile(99)),
				max: ms(loopDelay.max),
			},
		})
		if (req.query.reset === '1') loopDelay.reset()
	})
	router.post('/search/:command', async (req, res) => {
		const entities = ENTITIES.filter((e) => !req.query.entity || req.query.entity === e)
		res.type('text/plain; charset=utf-8')
		try {
			for (const entity of entities) {
				if (req.params.command === 'reindex') {
					const result = await reindex(entity, (done, total) =>
						res.write(`progress ${entity} ${done} ${total}\n`),
					)
					res.write(`result ${JSON.stringify(result)}\n`)
				} else if (req.params.command === 'check') {
					res.write(`result ${JSON.stringify(await checkIndex(entity))}\n`)
				} else {
					res.status(404)
					break
				}
			}
		} catch (error) {
			res.write(`error ${(error as Error).message}\n`)
		}
		res.end()
	})
	return router
}

export async function writeRuntimeFile(dataDir: string, info: RuntimeInfo) {
	const file = path.join(dataDir, 'runtime.json')
	await writeFile(file, JSON.stringify(info), { mode: 0o600 })
	return () => rm(file, { force: true })
}

export async function readRuntime(dataDir: string): Promise<(RuntimeInfo & { token: string }) | null> {
	try {
		const info = JSON.parse(await readFile(path.join(dataDir, 'runtime.json'), 'utf8')) as RuntimeInfo
		process.kill(info.pid, 0)
		const token = (await readFile(path.join(dataDir, 'control-token'), 'utf8')).trim()
		return { ...info, token }
	} catch {
		return null
	}
}
