import type { Tx } from '#app/utils/db.server'

/** Queues a mail in the outbox inside the caller's transaction; a worker delivers or logs it. */
export async function queueMail(tx: Tx, mail: { to: string | string[]; subject: string; text: string }) {
	const recipients = Array.isArray(mail.to) ? mail.to : [mail.to]
	if (recipients.length === 0) return
	await tx.mailOutbox.createMany({
		data: recipients.map((to) => ({ to, subject: mail.subject, text: mail.text })),
	})
}
