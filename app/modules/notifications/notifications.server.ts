import { getRealtimePublisher } from '#app/realtime/registry.server'
import { prisma, type Tx } from '#app/utils/db.server'

export type NewNotification = { userId: string; kind: string; title: string; body?: string; link?: string }

const SELECT = { id: true, userId: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true } as const

/** Writes inside the caller's transaction; call publishNotifications with the result after commit. */
export async function createNotifications(tx: Tx, items: NewNotification[]) {
	if (items.length === 0) return []
	return tx.notification.createManyAndReturn({
		data: items.map((n) => ({ userId: n.userId, kind: n.kind, title: n.title.slice(0, 200), body: (n.body ?? '').slice(0, 1000), link: n.link ?? '' })),
		select: SELECT,
	})
}

export function publishNotifications(rows: Array<{ id: string; userId: string; kind: string; title: string; body: string; link: string; createdAt: Date }>) {
	const publisher = getRealtimePublisher()
	if (!publisher) return
	for (const n of rows) {
		publisher.toUser(n.userId, 'notification:created', { id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt.toISOString() })
	}
}

/** Creates and pushes in one go, for callers without a transaction of their own. */
export async function notifyUsers(items: NewNotification[]) {
	const rows = await prisma.$transaction((tx) => createNotifications(tx, items))
	publishNotifications(rows)
	return rows
}

export function unreadCount(userId: string) {
	return prisma.notification.count({ where: { userId, readAt: null } })
}

export const NOTIFICATION_PAGE_SIZE = 30

export async function listNotifications(userId: string, page = 1) {
	const [items, total] = await Promise.all([
		prisma.notification.findMany({
			where: { userId },
			orderBy: { createdAt: 'desc' },
			skip: (page - 1) * NOTIFICATION_PAGE_SIZE,
			take: NOTIFICATION_PAGE_SIZE,
			select: SELECT,
		}),
		prisma.notification.count({ where: { userId } }),
	])
	return { items, total, pageCount: Math.max(1, Math.ceil(total / NOTIFICATION_PAGE_SIZE)) }
}

/** Marks one of the user's notifications, or all of them, as read; other users' ids change nothing. */
export async function markRead(userId: string, target: { id: string } | 'all') {
	const { count } = await prisma.notification.updateMany({
		where: { userId, readAt: null, ...(target === 'all' ? {} : { id: target.id }) },
		data: { readAt: new Date() },
	})
	return count
}
