import { Prisma, type Role } from '@prisma/client'
import type { z } from 'zod'
import { audit } from '#app/modules/audit/audit.server'
import type { RequestMeta } from '#app/modules/auth/auth.server'
import { queueMail } from '#app/modules/mail/mail.server'
import {
	createNotifications,
	publishNotifications,
	type NewNotification,
} from '#app/modules/notifications/notifications.server'
import { rooms, type MessagePayload, type ReadPayload } from '#app/realtime/events'
import { getRealtimePublisher } from '#app/realtime/registry.server'
import type { FirmUser } from '#app/utils/auth.server'
import { prisma, type Tx } from '#app/utils/db.server'
import {
	accessFor,
	canMoveTo,
	CONSENT_TEXT_VERSION,
	contactVisible,
	DIGEST_DELAY_MS,
	PAGE_SIZE,
	REMINDER_BEFORE_MS,
	requestTimers,
	sideOfFirm,
	unreadCount,
	type Access,
	type Side,
	type Stage,
	type StageSchema,
	type StartSchema,
} from './rules'

/** A refusal the user can act on; `key` is an i18n message key. */
export class DockingError extends Error {
	constructor(
		public key: string,
		public status = 400,
	) {
		super(key)
	}
}

export type Viewer = { id: string; role: Role; firmId: string | null; name: string }

const STAGE_LABEL: Record<Stage, string> = {
	INTENT: '意向',
	NEGOTIATION: '洽谈',
	SAMPLING: '送样/考察',
	SIGNED: '签约',
	CLOSED: '关闭',
}
const SIDE_LABEL: Record<Side, string> = { BUYER: '采购方', SUPPLIER: '供应方', BUREAU: '主管部门' }

const MESSAGE_SELECT = {
	id: true,
	sessionId: true,
	seq: true,
	clientId: true,
	kind: true,
	body: true,
	meta: true,
	side: true,
	createdAt: true,
	sender: { select: { id: true, name: true } },
	attachments: {
		select: { id: true, kind: true, originalName: true, bytes: true },
		orderBy: { sortOrder: 'asc' },
	},
} satisfies Prisma.MessageSelect

type MessageRow = Prisma.MessageGetPayload<{ select: typeof MESSAGE_SELECT }>

export function toMessagePayload(row: MessageRow): MessagePayload {
	return {
		id: row.id,
		sessionId: row.sessionId,
		seq: row.seq,
		clientId: row.clientId,
		kind: row.kind,
		body: row.body,
		meta: (row.meta ?? {}) as Record<string, unknown>,
		side: row.side,
		sender: row.sender,
		attachments: row.attachments,
		createdAt: row.createdAt.toISOString(),
	}
}

// ---- realtime fan-out (after commit) -------------------------------------------------------------

function publishMessages(sessionId: string, memberIds: string[], messages: MessageRow[]) {
	const publisher = getRealtimePublisher()
	if (!publisher) return
	const targets = [rooms.docking(sessionId), ...memberIds.map(rooms.user)]
	for (const m of messages) publisher.toRooms(targets, 'docking:message', toMessagePayload(m))
}

function publishUpdated(session: { id: string; status: string; stage: string }, memberIds: string[]) {
	getRealtimePublisher()?.toRooms(
		[rooms.docking(session.id), ...memberIds.map(rooms.user)],
		'docking:updated',
		{
			sessionId: session.id,
			status: session.status,
			stage: session.stage,
		},
	)
}

async function memberIdsOf(tx: Tx, sessionId: string) {
	const members = await tx.dockingMember.findMany({ where: { sessionId }, select: { userId: true } })
	return members.map((m) => m.userId)
}

/** Takes the next seq under the session row's lock (held to commit), so seqs are gap-free and in commit order. */
async function nextSeq(
	tx: Tx,
	sessionId: string,
	extraWhere: Omit<Prisma.DockingSessionWhereInput, 'id'> = {},
) {
	const now = new Date()
	try {
		const row = await tx.dockingSession.update({
			where: { id: sessionId, ...extraWhere },
			data: { lastMessageSeq: { increment: 1 }, lastMessageAt: now },
			select: { lastMessageSeq: true },
		})
		return row.lastMessageSeq
	} catch (error) {
		if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025')
			throw new DockingError('err.dockingReadOnly', 409)
		throw error
	}
}

async function appendSystemMessage(
	tx: Tx,
	sessionId: string,
	body: string,
	meta: Prisma.InputJsonObject,
	actor: Viewer | null,
	side: Side | null,
) {
	const seq = await nextSeq(tx, sessionId)
	const message = await tx.message.create({
		data: {
			sessionId,
			seq,
			clientId: `sys-${sessionId}-${seq}`,
			kind: 'SYSTEM',
			body,
			meta,
			senderId: actor?.id ?? null,
			side,
		},
		select: MESSAGE_SELECT,
	})
	// The actor's own event is never unread for them (no badge, no digest mail about it), as with sendMessage.
	if (actor)
		await tx.dockingMember.updateMany({
			where: { sessionId, userId: actor.id, lastReadSeq: { lt: seq } },
			data: { lastReadSeq: seq },
		})
	return message
}

// ---- access -------------------------------------------------------------------------------------

const ACCESS_SELECT = {
	id: true,
	buyerFirmId: true,
	supplierFirmId: true,
	status: true,
	stage: true,
	initiatorSide: true,
	expiresAt: true,
	lastMessageSeq: true,
} as const

export async function getAccess(sessionId: string, viewer: Pick<Viewer, 'id' | 'role' | 'firmId'>) {
	const session = await prisma.dockingSession.findUnique({ where: { id: sessionId }, select: ACCESS_SELECT })
	if (!session) return null
	const bureauMember =
		viewer.role === 'BUREAU' || viewer.role === 'ADMIN'
			? Boolean(
					await prisma.dockingMember.findFirst({
						where: { sessionId, userId: viewer.id, side: 'BUREAU' },
						select: { userId: true },
					}),
				)
			: false
	const access = accessFor(session, viewer, bureauMember)
	return access.canRead ? { session, access } : null
}

async function requireAccess(sessionId: string, viewer: Viewer) {
	const found = await getAccess(sessionId, viewer)
	if (!found) throw new DockingError('err.dockingNotFound', 404)
	return found
}

function requireFirmSide(access: Access): 'BUYER' | 'SUPPLIER' {
	if (access.side !== 'BUYER' && access.side !== 'SUPPLIER')
		throw new DockingError('err.dockingForbidden', 403)
	return access.side
}

// ---- starting and answering a request ------------------------------------------------------------

type ListingAccessRow = {
	firmId: string
	status: string
	hiddenAt: Date | null
	firm: { verificationStatus: string }
}

/** A listing a firm may dock on: its own, or one that is public (published, not hidden, firm verified). */
export function listingVisibleTo(listing: ListingAccessRow | null, firmId: string) {
	return (
		!!listing &&
		(listing.firmId === firmId ||
			(listing.status === 'PUBLISHED' && !listing.hiddenAt && listing.firm.verificationStatus === 'VERIFIED'))
	)
}

const LISTING_FIRM = {
	select: { id: true, name: true, verificationStatus: true, users: { select: { id: true, email: true } } },
} as const

/**
 * Starts a request from a demand, a capability or a suggestion (both). Which side the actor is on
 * follows from whose listing is whose; an open session for the same pair and listings is reused.
 */
export async function startDocking(
	actor: FirmUser & { name: string },
	input: z.output<typeof StartSchema>,
	meta: RequestMeta,
) {
	if (actor.firm.verificationStatus !== 'VERIFIED') throw new DockingError('err.dockingFirmNotVerified', 403)
	const [demand, capability] = await Promise.all([
		input.demandId
			? prisma.demand.findUnique({
					where: { id: input.demandId },
					select: { id: true, title: true, firmId: true, status: true, hiddenAt: true, firm: LISTING_FIRM },
				})
			: null,
		input.capabilityId
			? prisma.capability.findUnique({
					where: { id: input.capabilityId },
					select: { id: true, title: true, firmId: true, status: true, hiddenAt: true, firm: LISTING_FIRM },
				})
			: null,
	])
	const visible = (l: ListingAccessRow | null) => listingVisibleTo(l, actor.firmId)
	if ((input.demandId && !visible(demand)) || (input.capabilityId && !visible(capability)))
		throw new DockingError('err.dockingListingGone', 404)

	let side: 'BUYER' | 'SUPPLIER'
	if (demand && demand.firmId === actor.firmId) side = 'BUYER'
	else if (capability && capability.firmId === actor.firmId) side = 'SUPPLIER'
	else if (demand) side = 'SUPPLIER'
	else side = 'BUYER'
	// The actor's own listing on the other end is optional, but must really be theirs.
	if (side === 'SUPPLIER' && capability && capability.firmId !== actor.firmId)
		throw new DockingError('err.dockingListingNotOwn')
	if (side === 'BUYER' && demand && demand.firmId !== actor.firmId)
		throw new DockingError('err.dockingListingNotOwn')
	if (side === 'SUPPLIER' && !demand) throw new DockingError('err.dockingNoListing')
	if (side === 'BUYER' && !capability) throw new DockingError('err.dockingNoListing')
	if (side === 'SUPPLIER' && actor.firm.kind === 'BUYER') throw new DockingError('err.dockingWrongKind', 403)
	if (side === 'BUYER' && actor.firm.kind === 'SUPPLIER') throw new DockingError('err.dockingWrongKind', 403)
	const counterpart = side === 'SUPPLIER' ? demand!.firm : capability!.firm
	if (counterpart.id === actor.firmId) throw new DockingError('err.dockingSelf')
	const buyerFirmId = side === 'BUYER' ? actor.firmId : counterpart.id
	const supplierFirmId = side === 'SUPPLIER' ? actor.firmId : counterpart.id

	const existing = await prisma.dockingSession.findFirst({
		where: {
			buyerFirmId,
			supplierFirmId,
			demandId: demand?.id ?? null,
			capabilityId: capability?.id ?? null,
			status: { in: ['PENDING', 'ACTIVE'] },
		},
		select: { id: true },
	})
	if (existing) return { id: existing.id, existing: true }

	const now = new Date()
	const subject = [
		demand ? `需求「${demand.title}」` : null,
		capability ? `能力「${capability.title}」` : null,
	]
		.filter(Boolean)
		.join(' / ')
	const notifications = await prisma.$transaction(async (tx) => {
		const session = await tx.dockingSession.create({
			data: {
				buyerFirmId,
				supplierFirmId,
				demandId: demand?.id ?? null,
				capabilityId: capability?.id ?? null,
				initiatorSide: side,
				initiatedById: actor.id,
				requestMessage: input.message,
				expiresAt: requestTimers(now).expiresAt,
				members: { create: { userId: actor.id, side } },
				stageChanges: { create: { toStage: 'INTENT', toStatus: 'PENDING', actorId: actor.id } },
				...(input.consent
					? {
							consents: {
								create: {
									firmId: actor.firmId,
									userId: actor.id,
									textVersion: CONSENT_TEXT_VERSION,
									ip: meta.ip?.slice(0, 64) ?? null,
								},
							},
						}
					: {}),
			},
			select: { id: true },
		})
		await appendSystemMessage(tx, session.id, input.message, { event: 'requested' }, actor, side)
		const link = `/docking/${session.id}`
		await queueMail(tx, {
			to: counterpart.users.map((u) => u.email),
			subject: `【产业链供需对接平台】${actor.firm.name} 向您发起对接请求`,
			text: `${actor.firm.name}（${SIDE_LABEL[side]}）就${subject}向贵公司发起对接请求：\n\n${input.message}\n\n请在 7 天内登录平台“对接”页面接受或婉拒，逾期请求自动失效。`,
		})
		return {
			id: session.id,
			rows: await createNotifications(
				tx,
				counterpart.users.map((u) => ({
					userId: u.id,
					kind: 'docking.requested',
					title: `${actor.firm.name} 向您发起对接请求`,
					body: subject,
					link,
				})),
			),
		}
	})
	publishNotifications(notifications.rows)
	return { id: notifications.id, existing: false }
}

async function firmUsers(tx: Tx, firmId: string) {
	return tx.user.findMany({ where: { firmId }, select: { id: true, email: true } })
}

/** The recipient firm accepts (optionally consenting to show its contact) or declines with a reason. */
export async function respondToRequest(
	actor: FirmUser & { name: string },
	sessionId: string,
	input: { intent: 'accept'; consent: boolean } | { intent: 'decline'; reason: string },
	meta: RequestMeta,
	now = new Date(),
) {
	const { session, access } = await requireAccess(sessionId, actor)
	const side = requireFirmSide(access)
	if (side === session.initiatorSide) throw new DockingError('err.dockingNotRecipient', 403)
	if (session.status !== 'PENDING') throw new DockingError('err.dockingNotPending', 409)
	if (session.expiresAt <= now) throw new DockingError('err.dockingExpired', 409)
	const accepted = input.intent === 'accept'
	const result = await prisma.$transaction(async (tx) => {
		const { count } = await tx.dockingSession.updateMany({
			where: { id: sessionId, status: 'PENDING', expiresAt: { gt: now } },
			data: {
				status: accepted ? 'ACTIVE' : 'DECLINED',
				respondedAt: now,
				respondedById: actor.id,
				declineReason: accepted ? '' : input.reason,
			},
		})
		if (count === 0) throw new DockingError('err.dockingNotPending', 409)
		await tx.dockingMember.upsert({
			where: { sessionId_userId: { sessionId, userId: actor.id } },
			create: { sessionId, userId: actor.id, side },
			update: {},
		})
		if (accepted && input.consent) await recordConsent(tx, sessionId, actor, meta)
		await tx.dockingStageChange.create({
			data: {
				sessionId,
				fromStatus: 'PENDING',
				toStatus: accepted ? 'ACTIVE' : 'DECLINED',
				fromStage: 'INTENT',
				toStage: 'INTENT',
				actorId: actor.id,
				reason: accepted ? '' : input.reason,
			},
		})
		const message = await appendSystemMessage(
			tx,
			sessionId,
			accepted
				? `${actor.firm.name} 接受了对接请求，双方可以开始洽谈。`
				: `${actor.firm.name} 婉拒了对接请求。理由：${input.reason}`,
			{ event: accepted ? 'accepted' : 'declined', ...(accepted ? {} : { reason: input.reason }) },
			actor,
			side,
		)
		const initiatorFirmId = side === 'BUYER' ? session.supplierFirmId : session.buyerFirmId
		const users = await firmUsers(tx, initiatorFirmId)
		const title = accepted ? `${actor.firm.name} 接受了您的对接请求` : `${actor.firm.name} 婉拒了您的对接请求`
		await queueMail(tx, {
			to: users.map((u) => u.email),
			subject: `【产业链供需对接平台】${title}`,
			text: accepted ? `${title}。请登录平台进入“对接”页面继续洽谈。` : `${title}。理由：${input.reason}`,
		})
		const rows = await createNotifications(
			tx,
			users.map((u): NewNotification => ({
				userId: u.id,
				kind: accepted ? 'docking.accepted' : 'docking.declined',
				title,
				body: accepted ? '' : input.reason,
				link: `/docking/${sessionId}`,
			})),
		)
		return { message, rows, memberIds: await memberIdsOf(tx, sessionId) }
	})
	publishNotifications(result.rows)
	publishMessages(sessionId, result.memberIds, [result.message])
	publishUpdated(
		{ id: sessionId, status: accepted ? 'ACTIVE' : 'DECLINED', stage: 'INTENT' },
		result.memberIds,
	)
}

/** The initiating firm takes back an unanswered request. */
export async function withdrawRequest(actor: FirmUser & { name: string }, sessionId: string) {
	const { session, access } = await requireAccess(sessionId, actor)
	const side = requireFirmSide(access)
	if (side !== session.initiatorSide) throw new DockingError('err.dockingForbidden', 403)
	const result = await prisma.$transaction(async (tx) => {
		const { count } = await tx.dockingSession.updateMany({
			where: { id: sessionId, status: 'PENDING' },
			data: { status: 'WITHDRAWN', closedAt: new Date() },
		})
		if (count === 0) throw new DockingError('err.dockingNotPending', 409)
		await tx.dockingStageChange.create({
			data: {
				sessionId,
				fromStatus: 'PENDING',
				toStatus: 'WITHDRAWN',
				fromStage: 'INTENT',
				toStage: 'INTENT',
				actorId: actor.id,
			},
		})
		const message = await appendSystemMessage(
			tx,
			sessionId,
			`${actor.firm.name} 撤回了对接请求。`,
			{ event: 'withdrawn' },
			actor,
			side,
		)
		return { message, memberIds: await memberIdsOf(tx, sessionId) }
	})
	publishMessages(sessionId, result.memberIds, [result.message])
	publishUpdated({ id: sessionId, status: 'WITHDRAWN', stage: 'INTENT' }, result.memberIds)
}

async function recordConsent(tx: Tx, sessionId: string, actor: FirmUser, meta: RequestMeta) {
	const existing = await tx.contactConsent.findUnique({
		where: { sessionId_firmId: { sessionId, firmId: actor.firmId } },
		select: { id: true },
	})
	if (existing) return false
	await tx.contactConsent.create({
		data: {
			sessionId,
			firmId: actor.firmId,
			userId: actor.id,
			textVersion: CONSENT_TEXT_VERSION,
			ip: meta.ip?.slice(0, 64) ?? null,
		},
	})
	return true
}

/** PIPL: the firm's separate consent to show its contact person and phone to the other firm. */
export async function grantContactConsent(
	actor: FirmUser & { name: string },
	sessionId: string,
	meta: RequestMeta,
) {
	const { session, access } = await requireAccess(sessionId, actor)
	const side = requireFirmSide(access)
	const result = await prisma.$transaction(async (tx) => {
		if (!(await recordConsent(tx, sessionId, actor, meta))) return null
		const message = await appendSystemMessage(
			tx,
			sessionId,
			`${actor.firm.name} 同意向对方展示联系人及电话。`,
			{ event: 'consent' },
			actor,
			side,
		)
		return { message, memberIds: await memberIdsOf(tx, sessionId) }
	})
	if (!result) return
	publishMessages(sessionId, result.memberIds, [result.message])
	publishUpdated(session, result.memberIds)
}

/** A colleague joins their firm's side: from now on they get unread counts, live messages and digests. */
export async function joinSide(actor: FirmUser & { name: string }, sessionId: string) {
	const { session, access } = await requireAccess(sessionId, actor)
	const side = requireFirmSide(access)
	const result = await prisma.$transaction(async (tx) => {
		const member = await tx.dockingMember.findUnique({
			where: { sessionId_userId: { sessionId, userId: actor.id } },
			select: { userId: true },
		})
		if (member) return null
		await tx.dockingMember.create({
			data: { sessionId, userId: actor.id, side, lastReadSeq: session.lastMessageSeq + 1 },
		})
		const message = await appendSystemMessage(
			tx,
			sessionId,
			`${actor.name}（${actor.firm.name}）加入了对接。`,
			{ event: 'joined' },
			actor,
			side,
		)
		return { message, memberIds: await memberIdsOf(tx, sessionId) }
	})
	if (!result) return
	publishMessages(sessionId, result.memberIds, [result.message])
	publishUpdated(session, result.memberIds)
}

/** A firm invites a bureau staff member (by email) to follow the session; audited. */
export async function inviteBureau(
	actor: FirmUser & { name: string },
	sessionId: string,
	email: string,
	meta: RequestMeta,
) {
	const { session, access } = await requireAccess(sessionId, actor)
	const side = requireFirmSide(access)
	const staff = await prisma.user.findUnique({
		where: { email },
		select: { id: true, name: true, role: true, email: true },
	})
	if (!staff || (staff.role !== 'BUREAU' && staff.role !== 'ADMIN'))
		throw new DockingError('err.dockingBureauNotFound')
	const result = await prisma.$transaction(async (tx) => {
		const member = await tx.dockingMember.findUnique({
			where: { sessionId_userId: { sessionId, userId: staff.id } },
			select: { userId: true },
		})
		if (member) return null
		await tx.dockingMember.create({
			data: { sessionId, userId: staff.id, side: 'BUREAU', invitedById: actor.id },
		})
		await audit(tx, {
			actor: { id: actor.id, role: actor.role },
			action: 'docking.bureau_invited',
			targetType: 'DockingSession',
			targetId: sessionId,
			ip: meta.ip,
			detail: { staffId: staff.id },
		})
		const message = await appendSystemMessage(
			tx,
			sessionId,
			`${actor.firm.name} 邀请主管部门工作人员 ${staff.name} 查看本次对接。`,
			{ event: 'bureau_invited' },
			actor,
			side,
		)
		const rows = await createNotifications(tx, [
			{
				userId: staff.id,
				kind: 'docking.bureau_invited',
				title: `${actor.firm.name} 邀请您查看一次对接`,
				link: `/docking/${sessionId}`,
			},
		])
		return { message, rows, memberIds: await memberIdsOf(tx, sessionId) }
	})
	if (!result) return
	publishNotifications(result.rows)
	publishMessages(sessionId, result.memberIds, [result.message])
	publishUpdated(session, result.memberIds)
}

/** Moves the deal along the pipeline; 签约 records the amount, 关闭 the reason; each move is a system message. */
export async function changeStage(
	actor: FirmUser & { name: string },
	sessionId: string,
	input: z.output<typeof StageSchema>,
) {
	const { session, access } = await requireAccess(sessionId, actor)
	const side = requireFirmSide(access)
	if (session.status !== 'ACTIVE') throw new DockingError('err.dockingNotActive', 409)
	if (!canMoveTo(session.stage, input.stage)) throw new DockingError('err.dockingStageOrder', 409)
	const now = new Date()
	const amount =
		input.stage === 'SIGNED' && input.amount !== undefined
			? new Prisma.Decimal(input.amount.toFixed(2))
			: null
	const result = await prisma.$transaction(async (tx) => {
		const { count } = await tx.dockingSession.updateMany({
			where: { id: sessionId, status: 'ACTIVE', stage: session.stage },
			data: {
				stage: input.stage,
				...(input.stage === 'SIGNED' ? { dealAmount: amount, dealNotes: input.notes, signedAt: now } : {}),
				...(input.stage === 'CLOSED' ? { closeReason: input.reason, closedAt: now } : {}),
			},
		})
		if (count === 0) throw new DockingError('err.dockingStageOrder', 409)
		await tx.dockingStageChange.create({
			data: {
				sessionId,
				fromStage: session.stage,
				toStage: input.stage,
				fromStatus: 'ACTIVE',
				toStatus: 'ACTIVE',
				actorId: actor.id,
				reason: input.reason,
				amount,
			},
		})
		const body =
			input.stage === 'SIGNED'
				? `${actor.firm.name} 将对接推进到「签约」，合同金额 ${formatYuan(input.amount!)}。${input.notes ? `备注：${input.notes}` : ''}`
				: input.stage === 'CLOSED'
					? `${actor.firm.name} 关闭了对接。理由：${input.reason}`
					: `${actor.firm.name} 将对接推进到「${STAGE_LABEL[input.stage]}」。`
		const message = await appendSystemMessage(
			tx,
			sessionId,
			body,
			{
				event: 'stage',
				from: session.stage,
				stage: input.stage,
				...(input.reason ? { reason: input.reason } : {}),
				...(amount ? { amount: amount.toString() } : {}),
			},
			actor,
			side,
		)
		return { message, memberIds: await memberIdsOf(tx, sessionId) }
	})
	publishMessages(sessionId, result.memberIds, [result.message])
	publishUpdated({ id: sessionId, status: 'ACTIVE', stage: input.stage }, result.memberIds)
}

function formatYuan(amount: number) {
	return `${amount.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`
}

// ---- messages -------------------------------------------------------------------------------------

const SEND_TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 }

export type SendResult = { message: MessagePayload; duplicate: boolean }

/**
 * Persists a message (idempotent on the client's id) and broadcasts it after commit. Sending makes
 * a firm colleague a member of their side, with everything up to their message read.
 */
export async function sendMessage(
	viewer: Viewer,
	input: { sessionId: string; clientId: string; body: string; attachmentIds: string[] },
	known?: { access: Access },
): Promise<SendResult> {
	const access = known?.access ?? (await requireAccess(input.sessionId, viewer)).access
	if (!access.canWrite) throw new DockingError('err.dockingReadOnly', 409)
	const side = requireFirmSide(access)
	let result: { row: MessageRow; memberIds: string[] }
	try {
		result = await prisma.$transaction(async (tx) => {
			// Five statements while the session row is locked: seq, message, read mark, members (+ attachments).
			const seq = await nextSeq(tx, input.sessionId, { status: 'ACTIVE', stage: { not: 'CLOSED' } })
			const created = await tx.message.create({
				data: {
					sessionId: input.sessionId,
					seq,
					clientId: input.clientId,
					senderId: viewer.id,
					side,
					body: input.body,
				},
				select: {
					id: true,
					sessionId: true,
					seq: true,
					clientId: true,
					kind: true,
					body: true,
					meta: true,
					side: true,
					createdAt: true,
				},
			})
			const attachments: MessageRow['attachments'] = []
			for (const [i, uploadId] of input.attachmentIds.entries()) {
				const { count } = await tx.upload.updateMany({
					where: { id: uploadId, uploaderId: viewer.id, messageId: null, capabilityId: null, demandId: null },
					data: { messageId: created.id, sortOrder: i },
				})
				if (count === 0) throw new DockingError('err.dockingAttachment')
			}
			if (input.attachmentIds.length) {
				attachments.push(
					...(await tx.upload.findMany({
						where: { messageId: created.id },
						select: { id: true, kind: true, originalName: true, bytes: true },
						orderBy: { sortOrder: 'asc' },
					})),
				)
			}
			// The sender has read everything up to their own message; a colleague's first message joins them.
			await tx.$executeRaw`
				INSERT INTO "DockingMember" ("sessionId", "userId", "side", "lastReadSeq")
				VALUES (${input.sessionId}, ${viewer.id}, ${side}::"DockingSide", ${seq})
				ON CONFLICT ("sessionId", "userId") DO UPDATE SET "lastReadSeq" = GREATEST("DockingMember"."lastReadSeq", EXCLUDED."lastReadSeq")`
			const row: MessageRow = { ...created, sender: { id: viewer.id, name: viewer.name }, attachments }
			return { row, memberIds: await memberIdsOf(tx, input.sessionId) }
			// Under a burst (and on the single-connection PGlite) sends queue for the connection: wait
			// longer than Prisma's 2 s default rather than refuse a message.
		}, SEND_TX_OPTIONS)
	} catch (error) {
		if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
			// A retry of a message that is already stored: answer with it (and let clients dedupe by seq).
			const row = await prisma.message.findUnique({
				where: { sessionId_clientId: { sessionId: input.sessionId, clientId: input.clientId } },
				select: MESSAGE_SELECT,
			})
			if (!row || row.sender?.id !== viewer.id) throw new DockingError('err.dockingClientId', 409)
			return { message: toMessagePayload(row), duplicate: true }
		}
		throw error
	}
	publishMessages(input.sessionId, result.memberIds, [result.row])
	return { message: toMessagePayload(result.row), duplicate: false }
}

/** Moves the member's read mark forward (never back, never past the last message) and tells the room. */
export async function markRead(
	viewer: Viewer,
	sessionId: string,
	seq: number,
	known?: { access: Access },
): Promise<ReadPayload | null> {
	const found = known ? null : await requireAccess(sessionId, viewer)
	const access = known?.access ?? found!.access
	if (!access.side) return null
	const session = await prisma.dockingSession.findUnique({
		where: { id: sessionId },
		select: { lastMessageSeq: true },
	})
	if (!session) return null
	const target = Math.min(seq, session.lastMessageSeq)
	const { count } = await prisma.dockingMember.updateMany({
		where: { sessionId, userId: viewer.id, lastReadSeq: { lt: target } },
		data: { lastReadSeq: target },
	})
	if (count === 0) return null
	const payload: ReadPayload = { sessionId, userId: viewer.id, side: access.side, seq: target }
	const memberIds = await memberIdsOf(prisma, sessionId)
	getRealtimePublisher()?.toRooms(
		[rooms.docking(sessionId), ...memberIds.map(rooms.user)],
		'docking:read',
		payload,
	)
	return payload
}

/** A page of history: after a seq (backfill, ascending), before a seq (scrolling up), or the newest. */
export async function listMessages(
	sessionId: string,
	page: { before?: number; after?: number; limit?: number } = {},
) {
	const limit = Math.min(page.limit ?? PAGE_SIZE, 200)
	if (page.after !== undefined) {
		const rows = await prisma.message.findMany({
			where: { sessionId, seq: { gt: page.after } },
			orderBy: { seq: 'asc' },
			take: limit + 1,
			select: MESSAGE_SELECT,
		})
		return { messages: rows.slice(0, limit).map(toMessagePayload), more: rows.length > limit }
	}
	const rows = await prisma.message.findMany({
		where: { sessionId, ...(page.before !== undefined ? { seq: { lt: page.before } } : {}) },
		orderBy: { seq: 'desc' },
		take: limit + 1,
		select: MESSAGE_SELECT,
	})
	return { messages: rows.slice(0, limit).reverse().map(toMessagePayload), more: rows.length > limit }
}

/** Search within one session's messages (substring, case-insensitive), newest first. */
export async function searchMessages(sessionId: string, query: string) {
	const q = query.trim().slice(0, 100)
	if (!q) return []
	const rows = await prisma.message.findMany({
		// Prisma hands `contains` to LIKE as is: escape the wildcards (and the escape) so % and _ are literal.
		where: { sessionId, body: { contains: q.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' } },
		orderBy: { seq: 'desc' },
		take: 50,
		select: MESSAGE_SELECT,
	})
	return rows.map(toMessagePayload)
}

/**
 * Read marks for receipts: per side, the member who has read furthest (a sent message shows 已读
 * once anyone on the other side has read it). Three rows at most, however large the session.
 */
export async function readStates(sessionId: string): Promise<ReadPayload[]> {
	const rows = await prisma.$queryRaw<
		Array<{ userId: string; side: ReadPayload['side']; lastReadSeq: number }>
	>`
		SELECT DISTINCT ON (side) "userId", side, "lastReadSeq"
		FROM "DockingMember" WHERE "sessionId" = ${sessionId}
		ORDER BY side, "lastReadSeq" DESC, "userId"`
	return rows.map((m) => ({ sessionId, userId: m.userId, side: m.side, seq: m.lastReadSeq }))
}

// ---- pages ----------------------------------------------------------------------------------------

const FIRM_SUMMARY = {
	select: {
		id: true,
		name: true,
		regionCode: true,
		contactName: true,
		contactPhone: true,
		isChainLeader: true,
	},
} as const

/** Everything the session page shows, with contacts revealed only as the PIPL rule allows; bureau views are audited. */
export async function getSessionView(viewer: Viewer, sessionId: string, meta: RequestMeta) {
	const found = await requireAccess(sessionId, viewer)
	const [session, history, reads] = await Promise.all([
		prisma.dockingSession.findUniqueOrThrow({
			where: { id: sessionId },
			select: {
				id: true,
				status: true,
				stage: true,
				initiatorSide: true,
				requestMessage: true,
				declineReason: true,
				closeReason: true,
				dealAmount: true,
				dealNotes: true,
				expiresAt: true,
				signedAt: true,
				closedAt: true,
				createdAt: true,
				lastMessageSeq: true,
				eventId: true,
				buyerFirm: FIRM_SUMMARY,
				supplierFirm: FIRM_SUMMARY,
				demand: { select: { id: true, title: true } },
				capability: { select: { id: true, title: true } },
				members: {
					select: {
						userId: true,
						side: true,
						lastReadSeq: true,
						joinedAt: true,
						user: { select: { name: true } },
					},
					orderBy: { joinedAt: 'asc' },
				},
				consents: { select: { firmId: true, grantedAt: true } },
				stageChanges: {
					select: { toStage: true, toStatus: true, createdAt: true },
					orderBy: { createdAt: 'asc' },
				},
			},
		}),
		listMessages(sessionId),
		readStates(sessionId),
	])
	if (found.access.isBureau) {
		await prisma.$transaction((tx) =>
			audit(tx, {
				actor: { id: viewer.id, role: viewer.role },
				action: 'docking.viewed',
				targetType: 'DockingSession',
				targetId: sessionId,
				ip: meta.ip,
			}),
		)
	}
	const consenting = session.consents.map((c) => c.firmId)
	const contactOf = (firm: typeof session.buyerFirm) => {
		const own = viewer.firmId === firm.id
		return own || contactVisible(session.status, consenting, firm.id)
			? { name: firm.contactName, phone: firm.contactPhone }
			: null
	}
	const me = session.members.find((m) => m.userId === viewer.id)
	const firm = (f: typeof session.buyerFirm) => ({
		id: f.id,
		name: f.name,
		regionCode: f.regionCode,
		isChainLeader: f.isChainLeader,
		contact: contactOf(f),
		consented: consenting.includes(f.id),
	})
	return {
		access: found.access,
		session: {
			id: session.id,
			status: session.status,
			stage: session.stage,
			initiatorSide: session.initiatorSide,
			requestMessage: session.requestMessage,
			declineReason: session.declineReason,
			closeReason: session.closeReason,
			dealAmount: session.dealAmount?.toString() ?? null,
			dealNotes: session.dealNotes,
			expiresAt: session.expiresAt.toISOString(),
			createdAt: session.createdAt.toISOString(),
			lastMessageSeq: session.lastMessageSeq,
			buyer: firm(session.buyerFirm),
			supplier: firm(session.supplierFirm),
			demand: session.demand,
			capability: session.capability,
			members: session.members.map((m) => ({ userId: m.userId, name: m.user.name, side: m.side })),
			stageChanges: session.stageChanges.map((c) => ({
				stage: c.toStage,
				status: c.toStatus,
				at: c.createdAt.toISOString(),
			})),
		},
		isMember: Boolean(me),
		unread: me ? unreadCount(session.lastMessageSeq, me.lastReadSeq) : 0,
		messages: history.messages,
		more: history.more,
		reads,
	}
}

export type SessionListFilter = 'open' | 'pending' | 'ended'

/** The sessions a user can see, newest activity first, with their unread count where they are a member. */
export async function listSessions(viewer: Viewer, filter: SessionListFilter = 'open') {
	const statusFilter: Prisma.DockingSessionWhereInput =
		filter === 'pending'
			? { status: 'PENDING' }
			: filter === 'ended'
				? {
						OR: [
							{ status: { in: ['DECLINED', 'EXPIRED', 'WITHDRAWN'] } },
							{ stage: { in: ['SIGNED', 'CLOSED'] } },
						],
					}
				: { status: 'ACTIVE', stage: { in: ['INTENT', 'NEGOTIATION', 'SAMPLING'] } }
	const visibility: Prisma.DockingSessionWhereInput =
		viewer.firmId && (viewer.role === 'SUPPLIER' || viewer.role === 'BUYER')
			? { OR: [{ buyerFirmId: viewer.firmId }, { supplierFirmId: viewer.firmId }] }
			: { members: { some: { userId: viewer.id, side: 'BUREAU' } } }
	const rows = await prisma.dockingSession.findMany({
		where: { AND: [visibility, statusFilter] },
		orderBy: [{ lastMessageAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
		take: 100,
		select: {
			id: true,
			status: true,
			stage: true,
			initiatorSide: true,
			expiresAt: true,
			lastMessageAt: true,
			lastMessageSeq: true,
			createdAt: true,
			buyerFirmId: true,
			supplierFirmId: true,
			buyerFirm: { select: { name: true } },
			supplierFirm: { select: { name: true } },
			demand: { select: { id: true, title: true } },
			capability: { select: { id: true, title: true } },
			members: { where: { userId: viewer.id }, select: { lastReadSeq: true } },
		},
	})
	return rows.map((r) => {
		const side = sideOfFirm(r, viewer.firmId)
		const member = r.members[0]
		return {
			id: r.id,
			status: r.status,
			stage: r.stage,
			expiresAt: r.expiresAt.toISOString(),
			lastActivity: (r.lastMessageAt ?? r.createdAt).toISOString(),
			counterpart:
				side === 'BUYER'
					? r.supplierFirm.name
					: side === 'SUPPLIER'
						? r.buyerFirm.name
						: `${r.buyerFirm.name} ↔ ${r.supplierFirm.name}`,
			mySide: side,
			demand: r.demand,
			capability: r.capability,
			isMember: Boolean(member),
			unread: member ? unreadCount(r.lastMessageSeq, member.lastReadSeq) : 0,
			awaitingMe: r.status === 'PENDING' && side !== null && side !== r.initiatorSide,
		}
	})
}

/** For the nav: unread messages over the user's sessions and requests waiting for their firm's answer. */
export async function dockingBadge(viewer: Pick<Viewer, 'id' | 'firmId' | 'role'>) {
	const [unread, pending] = await Promise.all([
		prisma.$queryRaw<Array<{ n: bigint | null }>>`
			SELECT SUM(s."lastMessageSeq" - m."lastReadSeq") AS n
			FROM "DockingMember" m JOIN "DockingSession" s ON s.id = m."sessionId"
			WHERE m."userId" = ${viewer.id} AND s."lastMessageSeq" > m."lastReadSeq"`,
		viewer.firmId && (viewer.role === 'SUPPLIER' || viewer.role === 'BUYER')
			? prisma.dockingSession.count({
					where: {
						status: 'PENDING',
						OR: [
							{ buyerFirmId: viewer.firmId, initiatorSide: 'SUPPLIER' },
							{ supplierFirmId: viewer.firmId, initiatorSide: 'BUYER' },
						],
					},
				})
			: 0,
	])
	return { unread: Number(unread[0]?.n ?? 0), pending }
}

/** Open sessions this firm already has about a listing, to link instead of offering a second request. */
export async function openSessionFor(firmId: string, listing: { demandId?: string; capabilityId?: string }) {
	return prisma.dockingSession.findFirst({
		where: {
			status: { in: ['PENDING', 'ACTIVE'] },
			OR: [{ buyerFirmId: firmId }, { supplierFirmId: firmId }],
			...(listing.demandId ? { demandId: listing.demandId } : {}),
			...(listing.capabilityId ? { capabilityId: listing.capabilityId } : {}),
		},
		orderBy: { createdAt: 'desc' },
		select: { id: true },
	})
}

// ---- background: expiry, reminders, digests ---------------------------------------------------------

const TIMER_SELECT = {
	id: true,
	initiatorSide: true,
	buyerFirmId: true,
	supplierFirmId: true,
	buyerFirm: { select: { name: true } },
	supplierFirm: { select: { name: true } },
} satisfies Prisma.DockingSessionSelect

/** Reminds recipients a day before an unanswered request lapses and expires lapsed ones; returns counts. */
export async function processRequestTimers(now = new Date()) {
	let reminded = 0
	let expired = 0
	const due = await prisma.dockingSession.findMany({
		where: {
			status: 'PENDING',
			reminderSentAt: null,
			expiresAt: { gt: now, lte: new Date(now.getTime() + REMINDER_BEFORE_MS) },
		},
		select: TIMER_SELECT,
		take: 200,
	})
	for (const s of due) {
		const rows = await prisma.$transaction(async (tx) => {
			const { count } = await tx.dockingSession.updateMany({
				where: { id: s.id, reminderSentAt: null },
				data: { reminderSentAt: now },
			})
			if (count === 0) return []
			const recipientFirmId = s.initiatorSide === 'BUYER' ? s.supplierFirmId : s.buyerFirmId
			const from = s.initiatorSide === 'BUYER' ? s.buyerFirm.name : s.supplierFirm.name
			const users = await firmUsers(tx, recipientFirmId)
			const title = `${from} 的对接请求将在 24 小时内失效`
			await queueMail(tx, {
				to: users.map((u) => u.email),
				subject: `【产业链供需对接平台】${title}`,
				text: `${title}，请尽快登录平台接受或婉拒。`,
			})
			return createNotifications(
				tx,
				users.map((u) => ({ userId: u.id, kind: 'docking.expiring', title, link: `/docking/${s.id}` })),
			)
		})
		reminded += rows.length ? 1 : 0
		publishNotifications(rows)
	}
	const lapsed = await prisma.dockingSession.findMany({
		where: { status: 'PENDING', expiresAt: { lte: now } },
		select: TIMER_SELECT,
		take: 200,
	})
	for (const s of lapsed) {
		const result = await prisma.$transaction(async (tx) => {
			const { count } = await tx.dockingSession.updateMany({
				where: { id: s.id, status: 'PENDING' },
				data: { status: 'EXPIRED', closedAt: now },
			})
			if (count === 0) return null
			await tx.dockingStageChange.create({
				data: {
					sessionId: s.id,
					fromStatus: 'PENDING',
					toStatus: 'EXPIRED',
					fromStage: 'INTENT',
					toStage: 'INTENT',
				},
			})
			const message = await appendSystemMessage(
				tx,
				s.id,
				'对方 7 天内未答复，对接请求已失效。',
				{ event: 'expired' },
				null,
				null,
			)
			const initiatorFirmId = s.initiatorSide === 'BUYER' ? s.buyerFirmId : s.supplierFirmId
			const to = s.initiatorSide === 'BUYER' ? s.supplierFirm.name : s.buyerFirm.name
			const users = await firmUsers(tx, initiatorFirmId)
			const rows = await createNotifications(
				tx,
				users.map((u) => ({
					userId: u.id,
					kind: 'docking.expired',
					title: `您向 ${to} 发起的对接请求已失效`,
					link: `/docking/${s.id}`,
				})),
			)
			return { message, rows, memberIds: await memberIdsOf(tx, s.id) }
		})
		if (!result) continue
		expired++
		publishNotifications(result.rows)
		publishMessages(s.id, result.memberIds, [result.message])
		publishUpdated({ id: s.id, status: 'EXPIRED', stage: 'INTENT' }, result.memberIds)
	}
	return { reminded, expired }
}

/**
 * One email per user summarising unread messages they have not been mailed about, when the newest
 * of them is older than the delay and the user has no socket open. Returns the number of mails.
 */
export async function sendUnreadDigests(isOnline: (userId: string) => Promise<boolean>, now = new Date()) {
	const cutoff = new Date(now.getTime() - DIGEST_DELAY_MS)
	const candidates = await prisma.$queryRaw<
		Array<{ userId: string; sessionId: string; from: number; to: number }>
	>`
		SELECT m."userId", m."sessionId", GREATEST(m."lastReadSeq", m."lastDigestSeq") AS "from", s."lastMessageSeq" AS "to"
		FROM "DockingMember" m JOIN "DockingSession" s ON s.id = m."sessionId"
		WHERE m.side <> 'BUREAU' AND s."lastMessageSeq" > GREATEST(m."lastReadSeq", m."lastDigestSeq") AND s."lastMessageAt" <= ${cutoff}
		ORDER BY m."userId" LIMIT 2000`
	const byUser = new Map<string, typeof candidates>()
	for (const c of candidates) byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), c])
	let sent = 0
	for (const [userId, items] of byUser) {
		if (await isOnline(userId)) continue
		const sessions = await prisma.dockingSession.findMany({
			where: { id: { in: items.map((i) => i.sessionId) } },
			select: {
				id: true,
				buyerFirmId: true,
				buyerFirm: { select: { name: true } },
				supplierFirm: { select: { name: true } },
			},
		})
		const user = await prisma.user.findUnique({
			where: { id: userId },
			select: { email: true, firmId: true },
		})
		if (!user) continue
		const lines = items.map((i) => {
			const s = sessions.find((x) => x.id === i.sessionId)!
			const counterpart = s.buyerFirmId === user.firmId ? s.supplierFirm.name : s.buyerFirm.name
			return `- 与 ${counterpart} 的对接：${i.to - i.from} 条未读消息（/docking/${i.sessionId}）`
		})
		const total = items.reduce((n, i) => n + i.to - i.from, 0)
		await prisma.$transaction(async (tx) => {
			await queueMail(tx, {
				to: user.email,
				subject: `【产业链供需对接平台】您有 ${total} 条未读对接消息`,
				text: `您不在线期间，对接中有新的消息：\n${lines.join('\n')}\n\n登录平台“对接”页面查看并回复。`,
			})
			for (const i of items) {
				await tx.dockingMember.updateMany({
					where: { sessionId: i.sessionId, userId, lastDigestSeq: { lt: i.to } },
					data: { lastDigestSeq: i.to },
				})
			}
		})
		sent++
	}
	return sent
}

/** The first system message of a session another module creates inside `tx` (event meeting rooms). */
export function appendFirstSystemMessage(tx: Tx, sessionId: string, body: string, meta: Prisma.InputJsonObject) {
	return appendSystemMessage(tx, sessionId, body, meta, null, null)
}
