import type { eventsReportZh } from './events-report.zh'

export const eventsReportEn: Record<keyof typeof eventsReportZh, string> = {
	'events-report.placeholder': '',
}
