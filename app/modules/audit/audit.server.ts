import type { Prisma, Role } from '@prisma/client'
import type { Tx } from '#app/utils/db.server'

export type Actor = { id: string; role: Role }

export type AuditEntry = {
	actor: Actor | null
	action: string
	targetType: string
	targetId: string
	ip?: string | null
	detail?: Prisma.InputJsonValue
}

/** Writes inside the caller's transaction, so the action and its audit record commit together. */
export async function audit(tx: Tx, entry: AuditEntry) {
	await tx.auditLog.create({
		data: {
			actorId: entry.actor?.id ?? null,
			actorRole: entry.actor?.role ?? null,
			action: entry.action,
			targetType: entry.targetType,
			targetId: entry.targetId,
			ip: entry.ip?.slice(0, 64) ?? null,
			detail: entry.detail ?? {},
		},
	})
}
