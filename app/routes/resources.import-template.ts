import type { LoaderFunctionArgs } from '@remix-run/node'
import { buildTemplate } from '#app/modules/imports/imports.server'
import { requireUser } from '#app/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	const kind = new URL(request.url).searchParams.get('kind') === 'DEMAND' ? 'DEMAND' : 'CAPABILITY'
	const file = await buildTemplate(kind)
	const name = kind === 'DEMAND' ? '配套需求对接清单模板.xlsx' : '能力清单导入模板.xlsx'
	return new Response(new Uint8Array(file), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
			'Cache-Control': 'no-store',
		},
	})
}
