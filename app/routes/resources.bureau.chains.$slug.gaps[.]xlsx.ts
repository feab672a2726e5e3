import type { LoaderFunctionArgs } from '@remix-run/node'
import { STAFF_ROLES } from '#app/modules/auth/constants'
import {
	auditGapExport,
	buildGapWorkbook,
	gapContentDisposition,
	getChainMap,
	STAGE_LABEL,
} from '#app/modules/chains/chains.server'
import { parseChainFilters } from '#app/modules/chains/schemas'
import { clientIp, requireRole } from '#app/utils/auth.server'

// GET /resources/bureau/chains/:slug/gaps.xlsx — the ranked gap list of a cluster with the demands
// behind each node, for the filters in the query string (as on the page). Staff only (firms: 403).
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireRole(request, STAFF_ROLES)
	const filters = parseChainFilters(new URL(request.url).searchParams)
	const map = await getChainMap(params.slug ?? '', filters)
	if (!map) throw new Response('Not Found', { status: 404 })
	const described = [
		`合格匹配阈值 ${filters.threshold} 分`,
		filters.stage ? `环节：${STAGE_LABEL[filters.stage]}` : '全部环节',
		filters.leaderOnly ? '只含链主需求' : null,
	]
		.filter(Boolean)
		.join('；')
	const file = await buildGapWorkbook(map, described)
	await auditGapExport(
		{ id: user.id, role: user.role },
		map.cluster.id,
		{ ip: clientIp(request) },
		{
			threshold: filters.threshold,
			stage: filters.stage,
			leaderOnly: filters.leaderOnly,
			nodes: map.gaps.length,
		},
	)
	return new Response(new Uint8Array(file), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': gapContentDisposition(map.cluster.name, map.cluster.slug),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
