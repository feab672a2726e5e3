import {
	json,
	MaxPartSizeExceededError,
	redirect,
} from '@remix-run/node'
import { DomainError } from '#app/modules/firms/firms.server'
import { clientIp } from '#app/utils/auth.server'
import { readMultipartForm } from '#app/utils/multipart.server'
import type { ImportKindName } from './columns'
import { confirmImport, getImportJob, previewImport } from './imports.server'
import { SheetError } from './sheet.server'

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024

type ImportActor = Parameters<typeof previewImport>[0]

/** The shared action of the firm and bureau import pages: preview an upload, or confirm a job. */
export async function handleImportAction(request: Request, actor: ImportActor, target: (form: FormData) => Promise<{ firmId: string; kind: ImportKindName; back: string }>) {
	let form: FormData
	try {
		const multipart = request.headers.get('content-type')?.startsWith('multipart/form-data')
		form = multipart ? await readMultipartForm(request, MAX_IMPORT_BYTES) : await request.formData()
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) return json({ error: 'import.errorTooLarge' }, { status: 413 })
		// A body that is not the form it claims to be.
		return json({ error: 'import.errorUnreadable' }, { status: 400 })
	}
	const { firmId, kind, back } = await target(form)
	const meta = { ip: clientIp(request) }
	try {
		if (form.get('intent') === 'confirm') {
			const jobId = String(form.get('jobId') ?? '')
			await confirmImport(actor, jobId, meta)
			return redirect(`${back}${back.includes('?') ? '&' : '?'}job=${encodeURIComponent(jobId)}`)
		}
		const file = form.get('file')
		if (!(file instanceof File) || file.size === 0) return json({ error: 'err.uploadMissing' }, { status: 400 })
		const result = await previewImport(actor, { firmId, kind, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, meta)
		return redirect(`${back}${back.includes('?') ? '&' : '?'}job=${result.jobId}`)
	} catch (error) {
		if (error instanceof SheetError) return json({ error: error.message }, { status: 400 })
		if (error instanceof DomainError) return json({ error: error.message === error.code ? 'error.403' : error.message }, { status: 403 })
		throw error
	}
}

export async function loadImportJob(request: Request, actor: ImportActor) {
	const jobId = new URL(request.url).searchParams.get('job')
	return jobId ? await getImportJob(actor, jobId) : null
}
