import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma } from '#app/utils/db.server'
import { getServerEnv } from '#app/utils/env.server'
import { hasForeignPayload, pdfHasActiveContent, safeFileName, sniffType } from './sniff'

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024
export const MAX_PDF_BYTES = 20 * 1024 * 1024
const MAX_INPUT_PIXELS = 40_000_000
const MAX_EDGE = 1600

export type UploadPurpose = 'capability-image' | 'demand-attachment' | 'docking-attachment'

export class UploadError extends Error {}

function uploadsRoot() {
	return path.resolve(getServerEnv().DATA_DIR, 'uploads')
}

/**
 * Stores an upload after checking what it really is: images are decoded and re-encoded (which drops
 * metadata and anything appended to the pixels), PDFs with scripts or embedded files are refused.
 */
export async function saveUpload(
	actor: FirmUser,
	file: { name: string; bytes: Uint8Array },
	purpose: UploadPurpose,
) {
	const type = sniffType(file.bytes)
	if (!type) throw new UploadError('err.uploadType')
	if (purpose === 'capability-image' && type === 'application/pdf')
		throw new UploadError('err.uploadImageOnly')

	let output: Buffer
	let mime: string
	let width: number | null = null
	let height: number | null = null
	if (type === 'application/pdf') {
		if (file.bytes.byteLength > MAX_PDF_BYTES) throw new UploadError('err.uploadTooLarge')
		if (pdfHasActiveContent(file.bytes)) throw new UploadError('err.uploadPdfActive')
		// PDFs are stored as sent, so nothing else may ride on them (images are re-encoded instead).
		if (hasForeignPayload(file.bytes)) throw new UploadError('err.uploadPolyglot')
		output = Buffer.from(file.bytes)
		mime = 'application/pdf'
	} else {
		if (file.bytes.byteLength > MAX_IMAGE_BYTES) throw new UploadError('err.uploadTooLarge')
		try {
			const result = await sharp(file.bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
				.rotate()
				.resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
				.webp({ quality: 82 })
				.toBuffer({ resolveWithObject: true })
			output = result.data
			width = result.info.width
			height = result.info.height
		} catch {
			throw new UploadError('err.uploadBroken')
		}
		mime = 'image/webp'
	}

	const now = new Date()
	const key = path.posix.join(
		String(now.getUTCFullYear()),
		String(now.getUTCMonth() + 1).padStart(2, '0'),
		`${randomBytes(16).toString('hex')}.${mime === 'image/webp' ? 'webp' : 'pdf'}`,
	)
	const target = path.join(uploadsRoot(), key)
	await mkdir(path.dirname(target), { recursive: true })
	const temp = `${target}.part`
	try {
		await writeFile(temp, output, { mode: 0o640 })
		await rename(temp, target)
	} catch (error) {
		await rm(temp, { force: true })
		throw error
	}
	try {
		return await prisma.upload.create({
			data: {
				firmId: actor.firmId,
				uploaderId: actor.id,
				kind: mime === 'application/pdf' ? 'PDF' : 'IMAGE',
				mime,
				bytes: output.byteLength,
				width,
				height,
				originalName: safeFileName(file.name),
				storageKey: key,
			},
			select: { id: true, kind: true, originalName: true, width: true, height: true, bytes: true },
		})
	} catch (error) {
		await rm(target, { force: true })
		throw error
	}
}

/**
 * Who may read a file: images of public capabilities and attachments of public demands (signed-in
 * users only) are shared; everything else only with the owning firm and bureau staff.
 */
export async function getUploadForViewer(
	uploadId: string,
	viewer: { id?: string; firmId: string | null; role: string } | null,
) {
	const upload = await prisma.upload.findUnique({
		where: { id: uploadId },
		select: {
			firmId: true,
			kind: true,
			mime: true,
			originalName: true,
			storageKey: true,
			capability: {
				select: { status: true, hiddenAt: true, firm: { select: { verificationStatus: true } } },
			},
			demand: { select: { status: true, hiddenAt: true, firm: { select: { verificationStatus: true } } } },
			message: {
				select: {
					session: {
						select: {
							id: true,
							buyerFirmId: true,
							supplierFirmId: true,
							members: { where: { side: 'BUREAU' }, select: { userId: true } },
						},
					},
				},
			},
		},
	})
	if (!upload) return null
	const isOwner = !!viewer?.firmId && viewer.firmId === upload.firmId
	const docking = upload.message?.session
	if (docking) {
		// A chat attachment: both firms of the session and the bureau staff they invited, nobody else.
		const party =
			!!viewer?.firmId && (viewer.firmId === docking.buyerFirmId || viewer.firmId === docking.supplierFirmId)
		const invited = !!viewer?.id && docking.members.some((m) => m.userId === viewer.id)
		if (!party && !invited) return null
		const bytes = await readFile(path.join(uploadsRoot(), upload.storageKey))
		return { bytes, mime: upload.mime, kind: upload.kind, originalName: upload.originalName }
	}
	const isStaff = viewer?.role === 'BUREAU' || viewer?.role === 'ADMIN'
	const publicParent = (
		p: { status: string; hiddenAt: Date | null; firm: { verificationStatus: string } } | null,
	) => !!p && p.status === 'PUBLISHED' && !p.hiddenAt && p.firm.verificationStatus === 'VERIFIED'
	const shared = publicParent(upload.capability) || (publicParent(upload.demand) && !!viewer)
	if (!isOwner && !isStaff && !shared) return null
	const bytes = await readFile(path.join(uploadsRoot(), upload.storageKey))
	return { bytes, mime: upload.mime, kind: upload.kind, originalName: upload.originalName }
}
