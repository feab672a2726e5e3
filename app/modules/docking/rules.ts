import { z } from 'zod'
import { wellFormedText } from '#app/utils/text'

// Pure rules of a docking session (对接): stages, who sees what, and the shapes of every input.

export const STAGES = ['INTENT', 'NEGOTIATION', 'SAMPLING', 'SIGNED', 'CLOSED'] as const
export type Stage = (typeof STAGES)[number]
export type Status = 'PENDING' | 'ACTIVE' | 'DECLINED' | 'EXPIRED' | 'WITHDRAWN'
export type Side = 'BUYER' | 'SUPPLIER' | 'BUREAU'

/** The pipeline shown to users; 关闭 is the exit from any open stage. */
export const PIPELINE: Stage[] = ['INTENT', 'NEGOTIATION', 'SAMPLING', 'SIGNED']

export const REQUEST_TTL_MS = 7 * 24 * 60 * 60 * 1000
/** The recipient is reminded this long before an unanswered request expires. */
export const REMINDER_BEFORE_MS = 24 * 60 * 60 * 1000
/** Unread messages older than this, for a user with no open socket, go into an email digest. */
export const DIGEST_DELAY_MS = 10 * 60 * 1000
export const CONSENT_TEXT_VERSION = 'contact-v1'
export const MESSAGE_MAX = 4000
export const MAX_ATTACHMENTS = 5
export const PAGE_SIZE = 50

export function isFinalStage(stage: Stage) {
	return stage === 'SIGNED' || stage === 'CLOSED'
}

/**
 * Stages only move forward (a step may be skipped: not every deal needs samples); 关闭 is possible
 * from any stage before 签约; nothing moves after 签约 or 关闭.
 */
export function canMoveTo(from: Stage, to: Stage): boolean {
	if (isFinalStage(from) || from === to) return false
	if (to === 'CLOSED') return true
	return PIPELINE.indexOf(to) > PIPELINE.indexOf(from)
}

export function nextStages(from: Stage): Stage[] {
	return STAGES.filter((to) => canMoveTo(from, to))
}

export function sideOfFirm(
	session: { buyerFirmId: string; supplierFirmId: string },
	firmId: string | null | undefined,
): 'BUYER' | 'SUPPLIER' | null {
	if (!firmId) return null
	if (firmId === session.buyerFirmId) return 'BUYER'
	if (firmId === session.supplierFirmId) return 'SUPPLIER'
	return null
}

export function otherSide(side: 'BUYER' | 'SUPPLIER'): 'BUYER' | 'SUPPLIER' {
	return side === 'BUYER' ? 'SUPPLIER' : 'BUYER'
}

export type Access = { canRead: boolean; canWrite: boolean; side: Side | null; isBureau: boolean }

/**
 * Users of either firm read their firm's sessions and write once the request is accepted and the
 * deal is not closed; bureau staff read only sessions a firm invited them to, and never write.
 */
export function accessFor(
	session: { buyerFirmId: string; supplierFirmId: string; status: Status; stage: Stage },
	viewer: { role: string; firmId: string | null },
	bureauMember: boolean,
): Access {
	const side = sideOfFirm(session, viewer.firmId)
	if (side && (viewer.role === 'SUPPLIER' || viewer.role === 'BUYER')) {
		return {
			canRead: true,
			canWrite: session.status === 'ACTIVE' && session.stage !== 'CLOSED',
			side,
			isBureau: false,
		}
	}
	if ((viewer.role === 'BUREAU' || viewer.role === 'ADMIN') && bureauMember)
		return { canRead: true, canWrite: false, side: 'BUREAU', isBureau: true }
	return { canRead: false, canWrite: false, side: null, isBureau: false }
}

/** PIPL: a firm's contact person and phone reach the other firm only after acceptance and with that firm's own consent. */
export function contactVisible(status: Status, consentingFirmIds: string[], firmId: string) {
	return status === 'ACTIVE' && consentingFirmIds.includes(firmId)
}

export function unreadCount(lastMessageSeq: number, lastReadSeq: number) {
	return Math.max(0, lastMessageSeq - lastReadSeq)
}

/** The request expires if unanswered; the reminder is due a day before. */
export function requestTimers(createdAt: Date) {
	const expiresAt = new Date(createdAt.getTime() + REQUEST_TTL_MS)
	return { expiresAt, remindAt: new Date(expiresAt.getTime() - REMINDER_BEFORE_MS) }
}

// ---- input shapes -------------------------------------------------------------------------------

const id = z
	.string()
	.min(1)
	.max(40)
	.regex(/^[A-Za-z0-9_-]+$/)
const text = (max: number) => z.string().max(max, `err.tooLong${max}`).transform(wellFormedText)

export const JoinSchema = z.object({
	sessionId: id,
	afterSeq: z
		.number()
		.int()
		.min(0)
		.max(2 ** 31 - 1),
})
export const LeaveSchema = z.object({ sessionId: id })
export const TypingSchema = z.object({ sessionId: id, typing: z.boolean() })
export const ReadSchema = z.object({
	sessionId: id,
	seq: z
		.number()
		.int()
		.min(0)
		.max(2 ** 31 - 1),
})

export const SendSchema = z
	.object({
		sessionId: id,
		clientId: z
			.string()
			.min(8)
			.max(64)
			.regex(/^[A-Za-z0-9_-]+$/, 'err.dockingClientId'),
		body: z.string().max(MESSAGE_MAX, 'err.dockingMessageTooLong').transform(wellFormedText),
		attachmentIds: z.array(id).max(MAX_ATTACHMENTS, 'err.dockingTooManyAttachments').default([]),
	})
	.refine((m) => m.body.length > 0 || m.attachmentIds.length > 0, {
		message: 'err.dockingMessageEmpty',
		path: ['body'],
	})

export const HistorySchema = z.object({
	before: z.coerce
		.number()
		.int()
		.min(1)
		.max(2 ** 31 - 1)
		.optional(),
	after: z.coerce
		.number()
		.int()
		.min(0)
		.max(2 ** 31 - 1)
		.optional(),
})

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())

export const StartSchema = z
	.object({
		demandId: id.optional(),
		capabilityId: id.optional(),
		message: z
			.string({ error: 'err.dockingRequestMessage' })
			.max(1000, 'err.tooLong1000')
			.transform(wellFormedText)
			.pipe(z.string().trim().min(1, 'err.dockingRequestMessage')),
		consent: checkbox.default(false),
	})
	.refine((v) => v.demandId || v.capabilityId, { message: 'err.dockingNoListing', path: ['demandId'] })

export const RespondSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('accept'), consent: checkbox.default(false) }),
	z.object({
		intent: z.literal('decline'),
		reason: z
			.string({ error: 'err.dockingDeclineReason' })
			.max(500, 'err.tooLong500')
			.transform(wellFormedText)
			.pipe(z.string().trim().min(2, 'err.dockingDeclineReason')),
	}),
])

export const StageSchema = z
	.object({
		stage: z.enum(STAGES),
		reason: text(500).default(''),
		amount: z.preprocess(
			(v) => (v === '' || v == null ? undefined : v),
			z.coerce
				.number({ message: 'err.dockingAmount' })
				.positive('err.dockingAmount')
				.max(1e12, 'err.dockingAmount')
				.optional(),
		),
		notes: text(2000).default(''),
	})
	.refine((v) => v.stage !== 'CLOSED' || v.reason.trim().length >= 2, {
		message: 'err.dockingCloseReason',
		path: ['reason'],
	})
	.refine((v) => v.stage !== 'SIGNED' || v.amount !== undefined, {
		message: 'err.dockingAmount',
		path: ['amount'],
	})

export const InviteBureauSchema = z.object({
	email: z.string({ error: 'err.required' }).trim().toLowerCase().email('err.email').max(254),
})
