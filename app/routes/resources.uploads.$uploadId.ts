import type { LoaderFunctionArgs } from '@remix-run/node'
import { getUploadForViewer } from '#app/modules/uploads/uploads.server'
import { getUser } from '#app/utils/auth.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const file = await getUploadForViewer(params.uploadId ?? '', user).catch(() => null)
	if (!file) throw new Response('Not found', { status: 404 })
	const disposition = file.kind === 'IMAGE' ? 'inline' : 'attachment'
	return new Response(file.bytes, {
		headers: {
			'Content-Type': file.mime,
			'Content-Length': String(file.bytes.byteLength),
			'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'Cache-Control': 'private, max-age=3600',
		},
	})
}
