import type { eventsCalendarZh } from './events-calendar.zh'

export const eventsCalendarEn: Record<keyof typeof eventsCalendarZh, string> = {
	'events-calendar.placeholder': '',
}
