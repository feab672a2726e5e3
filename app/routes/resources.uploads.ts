import { json, MaxPartSizeExceededError, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { MAX_PDF_BYTES, saveUpload, UploadError } from '#app/modules/uploads/uploads.server'
import { createTranslator } from '#app/i18n/i18n'
import { requireFirmUser } from '#app/utils/auth.server'
import { readMultipartForm } from '#app/utils/multipart.server'

const PurposeSchema = z.enum(['capability-image', 'demand-attachment', 'docking-attachment'])

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireFirmUser(request)
	const t = createTranslator('zh-CN')
	const fail = (key: string, status = 400) => json({ error: key, message: t(key) }, { status })
	let form: FormData
	try {
		form = await readMultipartForm(request, MAX_PDF_BYTES)
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) return fail('err.uploadTooLarge', 413)
		return fail('err.uploadType')
	}
	const purpose = PurposeSchema.safeParse(form.get('purpose'))
	const file = form.get('file')
	if (!purpose.success) return fail('err.invalid')
	if (!(file instanceof File) || file.size === 0) return fail('err.uploadMissing')
	try {
		const upload = await saveUpload(
			user,
			{ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
			purpose.data,
		)
		return json(upload)
	} catch (error) {
		if (error instanceof UploadError) return fail(error.message)
		throw error
	}
}
