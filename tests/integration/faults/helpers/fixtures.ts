import { spawn, type ChildProcess } from 'node:child_process'
import { login } from '#app/modules/auth/auth.server'
import { prisma } from '#app/utils/db.server'
import { DEMO_PASSWORD } from '#prisma/seed'
import { findFreePort } from '#server/utils/ports'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A session cookie (`name=value`) of a demo account, from the real login. */
export async function cookieFor(email: string) {
	const result = await login(email, DEMO_PASSWORD, {})
	if (!result.ok) throw new Error(`demo login failed for ${email}`)
	return result.setCookie.split(';')[0]!
}

/** An accepted docking session between the demo buyer's and supplier's firms. */
export async function createDockingSession() {
	const [buyer, supplier] = await Promise.all(
		['buyer@demo.xnwh.cn', 'supplier@demo.xnwh.cn'].map((email) =>
			prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, firmId: true } }),
		),
	)
	const now = new Date()
	const session = await prisma.dockingSession.create({
		data: {
			buyerFirmId: buyer!.firmId!,
			supplierFirmId: supplier!.firmId!,
			initiatorSide: 'BUYER',
			initiatedById: buyer!.id,
			status: 'ACTIVE',
			respondedAt: now,
			respondedById: supplier!.id,
			expiresAt: new Date(now.getTime() + 7 * 24 * 3600 * 1000),
			members: {
				create: [
					{ userId: buyer!.id, side: 'BUYER' },
					{ userId: supplier!.id, side: 'SUPPLIER' },
				],
			},
		},
		select: { id: true },
	})
	return session.id
}

export async function distinctFreePorts(n: number) {
	const ports = new Set<number>()
	while (ports.size < n) ports.add(await findFreePort())
	return [...ports]
}

export type RedisServer = {
	url: string
	port: number
	pid: () => number | undefined
	stop: () => Promise<void>
	start: () => Promise<void>
}

/** A private redis-server on loopback (no persistence), stopped and started again by PID. */
export async function startRedisServer(port: number): Promise<RedisServer> {
	let child: ChildProcess | undefined
	const start = async () => {
		const proc = spawn(
			'redis-server',
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		)
		child = proc
		let out = ''
		proc.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c))
		const deadline = Date.now() + 10_000
		while (!out.includes('Ready to accept connections')) {
			if (proc.exitCode !== null) throw new Error(`redis-server exited: ${out}`)
			if (Date.now() > deadline) throw new Error(`redis-server not ready: ${out}`)
			await sleep(20)
		}
	}
	await start()
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		pid: () => child?.pid,
		start,
		async stop() {
			const proc = child
			if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
			const exited = new Promise((r) => proc.once('exit', r))
			process.kill(proc.pid!, 'SIGTERM')
			const timer = setTimeout(() => proc.exitCode === null && process.kill(proc.pid!, 'SIGKILL'), 5_000)
			await exited
			clearTimeout(timer)
		},
	}
}

/** A request that must answer within `timeoutMs` (a hung request is a failure, not a wait). */
export async function timedFetch(url: string, init: RequestInit = {}, timeoutMs = 5_000) {
	const started = Date.now()
	try {
		const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
		const body = await res.text()
		return {
			status: res.status,
			body,
			ms: Date.now() - started,
			type: res.headers.get('content-type') ?? '',
			location: res.headers.get('location') ?? undefined,
		}
	} catch (error) {
		return {
			status: 0,
			body: String((error as Error).message),
			ms: Date.now() - started,
			type: '',
			location: undefined as string | undefined,
		}
	}
}
