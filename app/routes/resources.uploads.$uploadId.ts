import type { LoaderFunctionArgs } from '@remix-run/node'
import { getUploadForViewer } from '#app/modules/uploads/uploads.server'
import { getUser } from '#app/utils/auth.server'

const EXTENSION: Record<string, string> = { 'image/webp': '.webp', 'application/pdf': '.pdf' }

/** The stored name with the extension of what we serve ("报价.html" holding a PDF is saved as "报价.pdf"). */
function downloadName(originalName: string, mime: string) {
	const stem = originalName.replace(/(\.[^.\s]{1,10})+$/, '') || 'file'
	return `${stem}${EXTENSION[mime] ?? ''}`
}

/** RFC 5987 value: encodeURIComponent leaves ' ( ) * which are not allowed there. */
const rfc5987 = (text: string) =>
	encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await getUser(request)
	const file = await getUploadForViewer(params.uploadId ?? '', user).catch(() => null)
	if (!file) throw new Response('Not found', { status: 404 })
	const disposition = file.kind === 'IMAGE' ? 'inline' : 'attachment'
	const name = downloadName(file.originalName, file.mime)
	return new Response(file.bytes, {
		headers: {
			// The type is ours (decoded and re-encoded, or a checked PDF), never the uploader's claim.
			'Content-Type': file.mime,
			'Content-Length': String(file.bytes.byteLength),
			'Content-Disposition': `${disposition}; filename*=UTF-8''${rfc5987(name)}`,
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
			'Cross-Origin-Resource-Policy': 'same-origin',
			'Cache-Control': 'private, max-age=3600',
		},
	})
}
