// Messages of the matchmaking events feature (events-catalogue), merged into zh.ts.
export const eventsCatalogueZh = {
	'events-catalogue.placeholder': '',
}
