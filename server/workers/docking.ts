import { processRequestTimers, sendUnreadDigests } from '#app/modules/docking/docking.server'
import type { Worker } from './mail'

/**
 * Once a minute: remind and expire unanswered docking requests, and mail digests of unread
 * messages to members who are offline. Several instances may run it: every step is conditional.
 */
export function startDockingWorker({
	isOnline,
	intervalMs = 60_000,
	logger = console,
}: {
	isOnline: (userId: string) => Promise<boolean>
	intervalMs?: number
	logger?: Pick<Console, 'info' | 'error'>
}): Worker {
	let stopped = false
	let running: Promise<void> | null = null
	const tick = async () => {
		const timers = await processRequestTimers()
		if (timers.reminded || timers.expired)
			logger.info(`[docking] reminded ${timers.reminded}, expired ${timers.expired} request(s)`)
		if (stopped) return
		const digests = await sendUnreadDigests(isOnline)
		if (digests) logger.info(`[docking] queued ${digests} unread digest mail(s)`)
	}
	const timer = setInterval(() => {
		if (running || stopped) return
		running = tick()
			.catch((error: Error) => logger.error(`[docking] ${error.message}`))
			.finally(() => {
				running = null
			})
	}, intervalMs)
	timer.unref()
	return {
		async stop() {
			stopped = true
			clearInterval(timer)
			await running
		},
	}
}
