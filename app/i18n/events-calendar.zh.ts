// Messages of the matchmaking events feature (events-calendar), merged into zh.ts.
export const eventsCalendarZh = {
	'events-calendar.placeholder': '',
}
