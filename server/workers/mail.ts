import nodemailer from 'nodemailer'
import { prisma } from '#app/utils/db.server'
import { runEvery, type Worker } from './interval'

const BATCH = 20
const MAX_ATTEMPTS = 5

/**
 * Drains MailOutbox: over SMTP when SMTP_URL is set, otherwise one log line per mail (development
 * and tests read the table itself).
 */
export function startMailWorker({
	smtpUrl,
	from = '产业链供需对接平台 <noreply@localhost>',
	intervalMs = 2000,
	logger = console,
}: {
	smtpUrl?: string
	from?: string
	intervalMs?: number
	logger?: Pick<Console, 'info' | 'error'>
}): Worker {
	const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null
	const tick = async (isStopped: () => boolean) => {
		const batch = await prisma.mailOutbox.findMany({
			where: { sentAt: null, attempts: { lt: MAX_ATTEMPTS } },
			orderBy: { createdAt: 'asc' },
			take: BATCH,
		})
		for (const mail of batch) {
			if (isStopped()) return
			try {
				if (transport) await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
				else logger.info(`[mail] to=${mail.to} subject=${JSON.stringify(mail.subject)}`)
				await prisma.mailOutbox.update({
					where: { id: mail.id },
					data: { sentAt: new Date(), attempts: { increment: 1 } },
				})
			} catch (error) {
				logger.error(`[mail] delivery to ${mail.to} failed: ${(error as Error).message}`)
				await prisma.mailOutbox.update({ where: { id: mail.id }, data: { attempts: { increment: 1 } } })
			}
		}
	}

	const worker = runEvery('mail', intervalMs, logger, tick)
	return {
		async stop() {
			await worker.stop()
			transport?.close()
		},
	}
}
