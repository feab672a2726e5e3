import { expireMeetingRequests } from '#app/modules/events/events.server'
import { processEventReminders } from '#app/modules/events/reminders.server'
import { openDueMeetingRooms } from '#app/modules/events/rooms.server'
import { runEvery, type Worker } from './interval'

/**
 * Once a minute: expire meeting requests left unanswered when requests close, open the docking rooms
 * of meetings about to start, and send the day-before and fifteen-minute reminders. Several instances may run it: rooms are created under the meeting's row
 * lock and every reminder is claimed by a conditional update.
 */
export function startEventsWorker({
	intervalMs = 60_000,
	logger = console,
}: {
	intervalMs?: number
	logger?: Pick<Console, 'info' | 'error'>
} = {}): Worker {
	return runEvery('events', intervalMs, logger, async (isStopped) => {
		const now = new Date()
		const expired = await expireMeetingRequests(now)
		if (expired) logger.info(`[events] expired ${expired} unanswered meeting request(s)`)
		const rooms = await openDueMeetingRooms(now)
		if (rooms) logger.info(`[events] opened ${rooms} meeting room(s)`)
		if (isStopped()) return
		const reminded = await processEventReminders(now)
		if (reminded.day || reminded.soon)
			logger.info(`[events] reminded ${reminded.day} meeting(s) a day ahead, ${reminded.soon} shortly before`)
	})
}
