// The slot grid of a matchmaking event: pure, no clock. Times are local to Asia/Shanghai (UTC+8, no
// daylight saving), so a local "YYYY-MM-DD" + "HH:MM" is turned into an instant with a fixed offset.

export const EVENT_TIME_ZONE = 'Asia/Shanghai'
const OFFSET = '+08:00'

export type SlotGrid = {
	days: string[]
	dayStart: string
	dayEnd: string
	meetingMinutes: number
	gapMinutes: number
	breaks: string[]
}

export type EventSlot = {
	/** stable across edits of the grid: "YYYY-MM-DDTHH:MM" local start */
	id: string
	day: string
	start: Date
	end: Date
	/** "HH:MM–HH:MM" */
	label: string
}

export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/
export const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/
export const BREAK_RE = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/
export const MAX_SLOTS = 200

export function minutesOf(time: string) {
	const [h, m] = time.split(':').map(Number)
	return h! * 60 + m!
}

function hhmm(minutes: number) {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export function localInstant(day: string, time: string) {
	return new Date(`${day}T${time}:00${OFFSET}`)
}

export function isRealDay(day: string) {
	if (!DAY_RE.test(day)) return false
	const d = new Date(`${day}T00:00:00Z`)
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day
}

export function parseBreak(value: string) {
	const [from, to] = value.split('-')
	return { from: minutesOf(from!), to: minutesOf(to!) }
}

/** Slots of the grid in time order; a slot never overlaps a break and never ends after dayEnd. */
export function buildSlots(grid: SlotGrid): EventSlot[] {
	const start = minutesOf(grid.dayStart)
	const end = minutesOf(grid.dayEnd)
	const breaks = grid.breaks.map(parseBreak)
	const step = grid.meetingMinutes + grid.gapMinutes
	const slots: EventSlot[] = []
	if (grid.meetingMinutes <= 0) return slots
	for (const day of [...new Set(grid.days)].sort()) {
		let t = start
		while (t + grid.meetingMinutes <= end && slots.length < MAX_SLOTS) {
			const slotEnd = t + grid.meetingMinutes
			const clash = breaks.find((b) => t < b.to && slotEnd > b.from)
			if (clash) {
				t = Math.max(clash.to, t + 1)
				continue
			}
			const from = hhmm(t)
			slots.push({
				id: `${day}T${from}`,
				day,
				start: localInstant(day, from),
				end: localInstant(day, hhmm(slotEnd)),
				label: `${from}–${hhmm(slotEnd)}`,
			})
			t += step
		}
	}
	return slots
}

/** Local "YYYY-MM-DD HH:MM" of an instant in the event's time zone. */
export function formatLocal(date: Date | string) {
	const d = new Date(new Date(date).getTime() + 8 * 60 * 60 * 1000)
	return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`
}

/** "YYYY-MM-DDTHH:MM" (datetime-local input) in the event's time zone → instant. */
export function parseLocalDateTime(value: string): Date | null {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null
	const [day, time] = value.split('T') as [string, string]
	if (!isRealDay(day) || !TIME_RE.test(time)) return null
	return localInstant(day, time)
}

export function toLocalInput(date: Date | string) {
	return formatLocal(date).replace(' ', 'T')
}
