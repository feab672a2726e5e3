import { MaxPartSizeExceededError } from '@remix-run/node'

/**
 * A multipart form, parsed by the platform (undici) as browsers encode it. Remix's parseMultipartFormData
 * splits Content-Disposition on ";" and "=", so a file named "报价=最新.xlsx" or "a;b.pdf" was refused, or
 * threw. The body is read up to the size a part may have plus room for the other fields; a larger body, or
 * a file part over `maxPartSize`, throws MaxPartSizeExceededError as the Remix upload handler did.
 */
export async function readMultipartForm(request: Request, maxPartSize: number): Promise<FormData> {
	const limit = maxPartSize + 256 * 1024
	const chunks: Uint8Array[] = []
	let size = 0
	const reader = request.body?.getReader()
	for (;;) {
		if (!reader) break
		const { done, value } = await reader.read()
		if (done) break
		size += value.byteLength
		if (size > limit) {
			await reader.cancel()
			throw new MaxPartSizeExceededError('file', maxPartSize)
		}
		chunks.push(value)
	}
	const body = new Response(Buffer.concat(chunks), {
		headers: { 'content-type': request.headers.get('content-type') ?? '' },
	})
	const form = await body.formData()
	for (const [field, value] of form)
		if (value instanceof File && value.size > maxPartSize)
			throw new MaxPartSizeExceededError(field, maxPartSize)
	return form
}
