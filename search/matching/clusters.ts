// The nine clusters of the Xianning plan, by slug, with the short names listings and data files use
// (电子信息, 装备制造 …) so a cluster given by name resolves to the same slug as the dictionary's sources.

export const CLUSTER_NAMES: Readonly<Record<string, string>> = {
	'low-carbon-metallurgy': '低碳冶金',
	electronics: '电子信息',
	equipment: '装备制造',
	'food-beverage': '食品饮料',
	'modern-chemicals': '现代化工',
	biomedicine: '生物医药',
	'clean-energy': '清洁能源',
	'new-materials': '新材料',
	'low-altitude-testing': '低空制造和检验检测服务',
}

/** Slug for a cluster slug or name (短名 or 全称 such as 电子信息产业集群), or null. */
export function resolveClusterSlug(slugOrName: string | null | undefined): string | null {
	if (!slugOrName) return null
	if (slugOrName in CLUSTER_NAMES) return slugOrName
	const name = slugOrName.replace(/产业集群$|集群$|产业$/, '')
	for (const [slug, short] of Object.entries(CLUSTER_NAMES))
		if (name === short || name.startsWith(short)) return slug
	return null
}

export function clusterName(slug: string | null | undefined): string | null {
	return slug ? (CLUSTER_NAMES[slug] ?? null) : null
}
