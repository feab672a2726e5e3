export type SeedCapability = {
	/** Stable unique kebab-case id, also the listing's external reference. */
	key: string
	/** A SUPPLIER_FIRMS key; the listing fits that firm's clusters, chain nodes and certifications. */
	firmKey: string
	title: string
	description: string
	clusterSlug: string
	chainNodeSlug: string
	tags: string[]
	specs: Array<{ key: string; value: string }>
	certifications: string[]
	capacity: { value: number; unit: string; period: 'YEAR' | 'MONTH' | 'DAY' } | null
	moq: { value: number; unit: string } | null
	leadTimeDays: number | null
	price: { min: number; max: number; unit: string } | null
	status: 'PUBLISHED' | 'DRAFT'
}

export type SeedDemand = {
	key: string
	/** A BUYER_FIRMS key. */
	firmKey: string
	title: string
	description: string
	clusterSlug: string
	chainNodeSlug: string
	quantity: { value: number; unit: string } | null
	budget: { min: number; max: number; unit: string } | null
	requiredCertifications: string[]
	/** A Wuhan region code. */
	deliveryRegionCode: string
	/** Days from seeding until the response deadline. */
	deadlineDays: number
	status: 'PUBLISHED' | 'DRAFT' | 'CLOSED'
	source: 'MANUAL' | 'IMPORT' | 'CHAIN_LEADER_LIST'
}
