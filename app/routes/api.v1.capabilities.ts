import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { createTranslator } from '#app/i18n/i18n'
import { apiSearch } from '#app/utils/listing-pages.server'
import { searchCapabilities } from '#search/query.server'

/** GET /api/v1/capabilities?q=&cluster=&node=&region=&cert=&sort=&page= — public, published capabilities only. */
export async function loader({ request }: LoaderFunctionArgs) {
	return apiSearch(request, searchCapabilities, createTranslator('zh-CN'))
}

export async function action() {
	return json(
		{ error: { field: null, message: '仅支持 GET 请求。' } },
		{ status: 405, headers: { Allow: 'GET', 'Cache-Control': 'no-store' } },
	)
}
