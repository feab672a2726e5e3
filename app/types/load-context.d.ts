import type { RealtimePublisher } from '#app/realtime/publisher'

declare module '@remix-run/node' {
	interface AppLoadContext {
		cspNonce: string
		realtime: RealtimePublisher
	}
}

export {}
