import { remember } from '#app/utils/remember.server'
import type { RealtimePublisher } from './publisher'

const holder = remember('realtime-publisher', () => ({ publisher: null as RealtimePublisher | null }))

/** Background work (outbox, imports) has no request context; the server registers its publisher here. */
export function setRealtimePublisher(publisher: RealtimePublisher | null) {
	holder.publisher = publisher
}

export function getRealtimePublisher(): RealtimePublisher | null {
	return holder.publisher
}
