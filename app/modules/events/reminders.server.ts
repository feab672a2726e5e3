import { queueMail } from '#app/modules/mail/mail.server'
import {
	createNotifications,
	publishNotifications,
	type NewNotification,
} from '#app/modules/notifications/notifications.server'
import { prisma } from '#app/utils/db.server'
import { REMIND_DAY_MS, REMIND_SOON_MS } from './rules'
import { formatLocal } from './slots'

// Reminders before each meeting of a published agenda: one a day before, one fifteen minutes before.
// Several app instances may run this at once: each reminder is claimed by a conditional update in the
// transaction that writes its notifications and mails, and only the claim that changed the row sends.

/**
 * The day reminder only while it still means "about a day ahead": a meeting placed or published less
 * than this before its start gets the fifteen-minute reminder only (the publish notice already told them).
 */
export const REMIND_DAY_LATEST_MS = REMIND_DAY_MS / 2

const BATCH = 200

export type ReminderKind = 'day' | 'soon'

/** Which reminder is due for a meeting at `now`, if any (pure; the worker ticks about once a minute). */
export function dueReminder(
	meeting: { startsAt: Date; remindedDayAt: Date | null; remindedSoonAt: Date | null },
	now: Date,
): ReminderKind | null {
	const left = meeting.startsAt.getTime() - now.getTime()
	if (left <= 0) return null
	if (left <= REMIND_SOON_MS) return meeting.remindedSoonAt ? null : 'soon'
	if (left <= REMIND_DAY_MS && left > REMIND_DAY_LATEST_MS) return meeting.remindedDayAt ? null : 'day'
	return null
}

type DueMeeting = {
	id: string
	eventId: string
	startsAt: Date
	endsAt: Date
	buyerFirmId: string
	supplierFirmId: string
	event: { title: string }
}

async function remind(meeting: DueMeeting, kind: ReminderKind, now: Date) {
	const rows = await prisma.$transaction(async (tx) => {
		const claimed =
			kind === 'day'
				? await tx.meeting.updateMany({
						where: { id: meeting.id, status: 'SCHEDULED', remindedDayAt: null },
						data: { remindedDayAt: now },
					})
				: await tx.meeting.updateMany({
						where: { id: meeting.id, status: 'SCHEDULED', remindedSoonAt: null },
						data: { remindedSoonAt: now },
					})
		if (claimed.count !== 1) return null
		const firms = await tx.firm.findMany({
			where: { id: { in: [meeting.buyerFirmId, meeting.supplierFirmId] } },
			select: { id: true, name: true, users: { select: { id: true, email: true } } },
		})
		const nameOf = (id: string) => firms.find((f) => f.id === id)?.name ?? '对方企业'
		const link = `/events/${meeting.eventId}/agenda`
		const time = `${formatLocal(meeting.startsAt)}–${formatLocal(meeting.endsAt).slice(11)}`
		const minutes = Math.max(1, Math.round((meeting.startsAt.getTime() - now.getTime()) / 60_000))
		const items: NewNotification[] = []
		for (const firm of firms) {
			const counterpart = nameOf(
				firm.id === meeting.buyerFirmId ? meeting.supplierFirmId : meeting.buyerFirmId,
			)
			const title =
				kind === 'day'
					? `会谈提醒：${time} 与 ${counterpart} 会谈`
					: `会谈将于 ${minutes} 分钟后开始：与 ${counterpart}`
			const body = `对接会「${meeting.event.title}」，${time}（北京时间），会谈室：${link}`
			for (const user of firm.users)
				items.push({ userId: user.id, kind: 'event.reminder', title, body, link })
			await queueMail(tx, {
				to: firm.users.map((u) => u.email),
				subject: `【产业链供需对接平台】${title}`,
				text: [
					`贵公司在对接会「${meeting.event.title}」的一对一会谈${kind === 'day' ? '即将举行' : `将于 ${minutes} 分钟后开始`}：`,
					'',
					`对方企业：${counterpart}`,
					`时间：${time}（北京时间）`,
					`会谈室：登录平台后打开 ${link}，在“我的议程”中点击“进入会谈室”（会前 15 分钟开放）。`,
				].join('\n'),
			})
		}
		return createNotifications(tx, items)
	})
	if (!rows) return false
	publishNotifications(rows)
	return true
}

const DUE_SELECT = {
	id: true,
	eventId: true,
	startsAt: true,
	endsAt: true,
	buyerFirmId: true,
	supplierFirmId: true,
	event: { select: { title: true } },
} as const

/** Sends the reminders due at `now`; returns how many meetings were reminded of each kind. */
export async function processEventReminders(now = new Date()) {
	const at = (ms: number) => new Date(now.getTime() + ms)
	const published = { status: 'PUBLISHED', agendaStatus: 'PUBLISHED' } as const
	const [soon, day] = await Promise.all([
		prisma.meeting.findMany({
			where: {
				status: 'SCHEDULED',
				event: published,
				remindedSoonAt: null,
				startsAt: { gt: now, lte: at(REMIND_SOON_MS) },
			},
			orderBy: { startsAt: 'asc' },
			select: DUE_SELECT,
			take: BATCH,
		}),
		prisma.meeting.findMany({
			where: {
				status: 'SCHEDULED',
				event: published,
				remindedDayAt: null,
				startsAt: { gt: at(REMIND_DAY_LATEST_MS), lte: at(REMIND_DAY_MS) },
			},
			orderBy: { startsAt: 'asc' },
			select: DUE_SELECT,
			take: BATCH,
		}),
	])
	let soonSent = 0
	let daySent = 0
	for (const m of soon) if (await remind(m, 'soon', now)) soonSent++
	for (const m of day) if (await remind(m, 'day', now)) daySent++
	return { day: daySent, soon: soonSent }
}
