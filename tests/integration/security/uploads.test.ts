import http from 'node:http'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { zh } from '#app/i18n/zh'
import { login } from '#app/modules/auth/auth.server'
import { sniffType } from '#app/modules/uploads/sniff'
import { prisma } from '#app/utils/db.server'
import { init, parseEnv } from '#app/utils/env.server'
import { seed, DEMO_PASSWORD } from '#prisma/seed'
import { startServer, type RunningServer } from '#server/start'
import { badFiles, type BadFile } from '#tests/fixtures/bad-files'
import { setupTestDatabase, type TestDatabase } from '#tests/setup/db'

let db: TestDatabase
let server: RunningServer
let dataDir: string
const cookies: Record<string, string> = {}
const figures = { files: 0, rejected: 0, neutralized: 0, stored_unsafe: 0 }

async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
	return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
}

async function signIn(email: string) {
	const result = await login(email, DEMO_PASSWORD, {})
	if (!result.ok) throw new Error(`demo login failed for ${email}`)
	return result.setCookie.split(';')[0]!
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'xnwh-uploads-'))
	db = await setupTestDatabase()
	const source: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'test',
		PORT: '0',
		DATA_DIR: dataDir,
		DATABASE_URL: db.url,
		DATABASE_POOL_MAX: '4',
		MEILI_URL: inject('meiliUrl'),
		MEILI_MASTER_KEY: inject('meiliKey'),
		MEILI_INDEX_PREFIX: `upl${Date.now()}_`,
		REDIS_URL: '',
		SEED_ON_START: 'false',
		LOG_LEVEL: 'silent',
	}
	// The upload module reads DATA_DIR from the process-wide env.
	init(source)
	server = await startServer(parseEnv(source), { logger: { info: () => {}, error: () => {} } })
	await seed({ log: () => {} })
	cookies.supplier = await signIn('supplier@demo.xnwh.cn')
	cookies.bureau = await signIn('bureau@demo.xnwh.cn')
})

afterAll(async () => {
	await server?.stop()
	await db?.stop()
	if (dataDir) await rm(dataDir, { recursive: true, force: true })
	console.log(
		`SUITE uploads files=${figures.files} rejected=${figures.rejected} neutralized=${figures.neutralized} stored_unsafe=${figures.stored_unsafe}`,
	)
})

function form(file: BadFile, extra: Record<string, string>) {
	const body = new FormData()
	for (const [key, value] of Object.entries(extra)) body.set(key, value)
	body.set('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name)
	return body
}

const CHINESE = /[\u4e00-\u9fff]/

/** What is stored now: upload rows, import jobs and files under DATA_DIR/uploads. */
async function snapshot() {
	const [uploads, jobs, files] = await Promise.all([
		prisma.upload.count(),
		prisma.importJob.count(),
		listFiles(path.join(dataDir, 'uploads')),
	])
	return { uploads, jobs, files: files.length }
}

/**
 * POST on a connection of its own, reading the answer even when the server answers before the whole
 * body is sent (oversized files).
 */
async function post(url: string, cookie: string, body: FormData) {
	const encoded = new Response(body)
	const bytes = Buffer.from(await encoded.arrayBuffer())
	return new Promise<{ status: number; text: string }>((resolve, reject) => {
		const req = http.request(url, {
			method: 'POST',
			agent: false,
			headers: {
				cookie,
				'content-type': encoded.headers.get('content-type')!,
				'content-length': String(bytes.byteLength),
			},
		})
		let answered = false
		req.on('response', (res) => {
			answered = true
			const chunks: Buffer[] = []
			res.on('data', (c: Buffer) => chunks.push(c))
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
			)
			res.on('error', reject)
		})
		req.on('error', (error) => {
			if (!answered) reject(error)
		})
		req.end(bytes)
	})
}

async function sendUpload(file: BadFile) {
	const { status, text } = await post(
		`${server.url}/resources/uploads`,
		cookies.supplier!,
		form(file, { purpose: file.purpose! }),
	)
	let body: Record<string, unknown> = {}
	try {
		body = JSON.parse(text) as Record<string, unknown>
	} catch {
		body = { raw: text }
	}
	return { status, body }
}

/** The firm page and the bureau page share one action; each bad sheet goes through both. */
async function sendImport(file: BadFile, as: 'supplier' | 'bureau') {
	const firmId =
		as === 'bureau'
			? (await prisma.user.findUniqueOrThrow({ where: { email: 'supplier@demo.xnwh.cn' } })).firmId!
			: ''
	const url = as === 'bureau' ? `${server.url}/bureau/import?firmId=${firmId}` : `${server.url}/my/import`
	const { status, text } = await post(
		url,
		cookies[as]!,
		form(file, as === 'bureau' ? { firmId, kind: 'CAPABILITY' } : {}),
	)
	return { status, html: text }
}

describe('bad files through the real upload and import endpoints', async () => {
	const files = await badFiles()

	test('the set holds at least 15 bad files', () => {
		expect(files.length).toBeGreaterThanOrEqual(15)
	})

	for (const file of files) {
		test(`${file.target}: ${file.label} is ${file.expect === 'reject' ? 'refused in Chinese' : 'neutralized'}`, async () => {
			figures.files++
			const before = await snapshot()
			if (file.target === 'import') {
				for (const as of ['supplier', 'bureau'] as const) {
					const { status, html } = await sendImport(file, as)
					expect(status, `${as} ${status}`).toBeGreaterThanOrEqual(400)
					expect(status).toBeLessThan(500)
					const message = zh[file.errorKey as keyof typeof zh]
					expect(message, file.errorKey).toBeTruthy()
					expect(html).toContain(message)
				}
				const after = await snapshot()
				if (after.jobs !== before.jobs || after.files !== before.files) figures.stored_unsafe++
				expect(after).toEqual(before)
				figures.rejected++
				return
			}

			const { status, body } = await sendUpload(file)
			if (file.expect === 'reject') {
				const after = await snapshot()
				if (after.uploads !== before.uploads || after.files !== before.files) figures.stored_unsafe++
				expect(status, JSON.stringify(body)).toBeGreaterThanOrEqual(400)
				expect(status).toBeLessThan(500)
				expect(body.error).toBe(file.errorKey)
				expect(String(body.message)).toMatch(CHINESE)
				expect(body.message).toBe(zh[file.errorKey as keyof typeof zh])
				expect(after).toEqual(before)
				figures.rejected++
				return
			}

			// Neutralized: stored only as what we produced, served with our type and safe headers.
			expect(status, JSON.stringify(body)).toBe(200)
			const id = String(body.id)
			const row = await prisma.upload.findUniqueOrThrow({ where: { id } })
			const stored = await readFile(path.join(dataDir, 'uploads', row.storageKey))
			const served = await fetch(`${server.url}/resources/uploads/${id}`, {
				headers: { cookie: cookies.supplier! },
			})
			const servedBytes = Buffer.from(await served.arrayBuffer())
			const sniffed = sniffType(stored)
			const problems: string[] = []
			if (sniffed !== row.mime || !['image/webp', 'application/pdf'].includes(row.mime))
				problems.push(`stored as ${sniffed}/${row.mime}`)
			if (file.marker && stored.includes(Buffer.from(file.marker, 'latin1'))) problems.push('marker survived')
			if (/<script|<html|APPENDED-MARKER/i.test(stored.toString('latin1'))) problems.push('html survived')
			if (!/^[^/\\\u0000-\u001f\u202a-\u202e]+$/.test(row.originalName))
				problems.push(`name ${JSON.stringify(row.originalName)}`)
			if (!/^\d{4}\/\d{2}\/[0-9a-f]{32}\.(webp|pdf)$/.test(row.storageKey))
				problems.push(`key ${row.storageKey}`)
			if (served.headers.get('content-type') !== row.mime)
				problems.push(`served type ${served.headers.get('content-type')}`)
			if (served.headers.get('x-content-type-options') !== 'nosniff') problems.push('no nosniff')
			if (!/\bsandbox\b/.test(served.headers.get('content-security-policy') ?? ''))
				problems.push('no sandbox')
			const disposition = served.headers.get('content-disposition') ?? ''
			const ext = row.mime === 'application/pdf' ? 'pdf' : 'webp'
			if (!new RegExp(`^(inline|attachment); filename\\*=UTF-8''[^"/\\\\]+\\.${ext}$`).test(disposition))
				problems.push(`disposition ${disposition}`)
			if (row.mime === 'application/pdf' && !disposition.startsWith('attachment')) problems.push('pdf inline')
			if (!servedBytes.equals(stored)) problems.push('served bytes differ')
			if (problems.length) figures.stored_unsafe++
			expect(problems).toEqual([])
			figures.neutralized++
		})
	}

	test('every file was counted and none was stored unsafely', () => {
		expect(figures.rejected + figures.neutralized).toBe(figures.files)
		expect(figures.stored_unsafe).toBe(0)
	})
})
