import { processRequestTimers, sendUnreadDigests } from '#app/modules/docking/docking.server'
import { runEvery, type Worker } from './interval'

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
	return runEvery('docking', intervalMs, logger, async (isStopped) => {
		const timers = await processRequestTimers()
		if (timers.reminded || timers.expired)
			logger.info(`[docking] reminded ${timers.reminded}, expired ${timers.expired} request(s)`)
		if (isStopped()) return
		const digests = await sendUnreadDigests(isOnline)
		if (digests) logger.info(`[docking] queued ${digests} unread digest mail(s)`)
	})
}
