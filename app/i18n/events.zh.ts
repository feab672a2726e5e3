// Messages of the matchmaking events feature (events), merged into zh.ts.
export const eventsZh = {
	'events.placeholder': '',
}
