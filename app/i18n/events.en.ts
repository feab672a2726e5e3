import type { eventsZh } from './events.zh'

export const eventsEn: Record<keyof typeof eventsZh, string> = {
	'events.placeholder': '',
}
