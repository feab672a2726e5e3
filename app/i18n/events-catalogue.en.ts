import type { eventsCatalogueZh } from './events-catalogue.zh'

export const eventsCatalogueEn: Record<keyof typeof eventsCatalogueZh, string> = {
	'events-catalogue.placeholder': '',
}
