import type { Prisma } from '@prisma/client'
import { prisma } from '#app/utils/db.server'

export const AUDIT_PAGE_SIZE = 50

export type AuditFilter = { actor: string; action: string; from: string; to: string; page: number }

const DAY = /^\d{4}-\d{2}-\d{2}$/

export function parseAuditFilter(params: URLSearchParams): AuditFilter {
	const text = (name: string) => (params.get(name) ?? '').trim().slice(0, 100)
	const day = (name: string) => (DAY.test(text(name)) ? text(name) : '')
	const page = Number.parseInt(params.get('page') ?? '1', 10)
	return {
		actor: text('actor'),
		action: text('action'),
		from: day('from'),
		to: day('to'),
		page: Number.isFinite(page) && page > 0 ? Math.min(page, 100_000) : 1,
	}
}

/** The auditor's view: filters by actor (name or email), action and period (China time days), newest first. */
export async function queryAuditLog(filter: AuditFilter) {
	const where: Prisma.AuditLogWhereInput = {}
	if (filter.actor) {
		const actors = await prisma.user.findMany({
			where: {
				OR: [
					{ name: { contains: filter.actor, mode: 'insensitive' } },
					{ email: { contains: filter.actor, mode: 'insensitive' } },
				],
			},
			select: { id: true },
			take: 500,
		})
		where.actorId = { in: actors.map((a) => a.id) }
	}
	if (filter.action) where.action = { contains: filter.action, mode: 'insensitive' }
	if (filter.from || filter.to) {
		where.createdAt = {
			...(filter.from ? { gte: new Date(`${filter.from}T00:00:00+08:00`) } : {}),
			...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000) } : {}),
		}
	}
	const [total, entries] = await Promise.all([
		prisma.auditLog.count({ where }),
		prisma.auditLog.findMany({
			where,
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
			take: AUDIT_PAGE_SIZE,
		}),
	])
	const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id): id is string => !!id))]
	const actors = await prisma.user.findMany({
		where: { id: { in: actorIds } },
		select: { id: true, name: true, email: true },
	})
	const names = new Map(actors.map((a) => [a.id, `${a.name} <${a.email}>`]))
	return {
		total,
		pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
		entries: entries.map((e) => ({
			id: e.id,
			createdAt: e.createdAt,
			actor: (e.actorId && names.get(e.actorId)) ?? '系统',
			actorRole: e.actorRole,
			action: e.action,
			target: `${e.targetType}:${e.targetId}`,
			ip: e.ip ?? '',
			detail: JSON.stringify(e.detail),
		})),
	}
}
