// Messages of the matchmaking events feature (events-report), merged into zh.ts.
export const eventsReportZh = {
	'events-report.placeholder': '',
}
