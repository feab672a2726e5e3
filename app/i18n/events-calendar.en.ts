import type { eventsCalendarZh } from './events-calendar.zh'

export const eventsCalendarEn: Record<keyof typeof eventsCalendarZh, string> = {
	'eventsCalendar.download': 'Export to calendar (.ics)',
	'eventsCalendar.subscribe': 'Subscribe in a calendar',
	'eventsCalendar.subscribeHint':
		'Add this link to Outlook, Apple Calendar or your phone as a subscribed calendar; changes to your meetings sync automatically. The link contains a private key: do not share it.',
	'eventsCalendar.copyLink': 'Copy subscription link',
	'eventsCalendar.enterRoom': 'Enter meeting room',
	'eventsCalendar.roomOpensAt': 'Room opens at {time}',
	'err.eventsCalendarRoomNotFound': 'This meeting does not exist or is not one of your firm’s.',
	'err.eventsCalendarRoomUnavailable':
		'This meeting was cancelled or needs rebooking; its room is not available.',
}
