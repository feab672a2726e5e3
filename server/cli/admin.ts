import path from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { audit } from '#app/modules/audit/audit.server'
import { changeUserRole } from '#app/modules/auth/auth.server'
import { passwordContextProblem } from '#app/modules/auth/password-rules'
import { hashPassword } from '#app/modules/auth/password.server'
import { EmailSchema, PasswordSchema, PersonNameSchema } from '#app/modules/auth/schemas'
import { configureDatabase, disconnectDatabase, prisma } from '#app/utils/db.server'
import { init } from '#app/utils/env.server'
import { createTranslator } from '#app/i18n/i18n'
import { migrate } from '#server/db/migrate'
import { startEmbeddedPostgres } from '#server/embedded/pglite'

const USAGE = `用法 / usage:
  npm run admin -- create-staff --email <邮箱> --name <姓名> [--role BUREAU|ADMIN|AUDITOR] [--password <密码>]
    (no --password: read from the ADMIN_PASSWORD environment variable;
     AUDITOR = 审计管理员, the only role that reads the audit log)
  npm run admin -- set-role --email <邮箱> --role BUREAU|ADMIN|AUDITOR
    (changes a staff account's role; all its sessions are revoked)
  npm run admin -- list-staff`

const t = createTranslator('zh-CN')
const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: {
		email: { type: 'string' },
		name: { type: 'string' },
		role: { type: 'string' },
		password: { type: 'string' },
	},
})

const STAFF = ['BUREAU', 'ADMIN', 'AUDITOR'] as const
const StaffRoleSchema = z.enum(STAFF, { error: 'role 只能是 BUREAU、ADMIN 或 AUDITOR' })

const CreateStaffSchema = z
	.object({
		email: EmailSchema,
		name: PersonNameSchema,
		role: StaffRoleSchema.default('BUREAU'),
		password: PasswordSchema,
	})
	.superRefine((v, ctx) => {
		const problem = passwordContextProblem(v.password, v.email)
		if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
	})

const SetRoleSchema = z.object({ email: EmailSchema, role: StaffRoleSchema })

async function main() {
	const command = positionals[0]
	if (command !== 'create-staff' && command !== 'list-staff' && command !== 'set-role') {
		console.error(USAGE)
		return 2
	}
	let input: z.output<typeof CreateStaffSchema> | undefined
	let setRole: z.output<typeof SetRoleSchema> | undefined
	if (command === 'set-role') {
		const parsed = SetRoleSchema.safeParse(values)
		if (!parsed.success) {
			for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${t(issue.message)}`)
			console.error(USAGE)
			return 2
		}
		setRole = parsed.data
	}
	if (command === 'create-staff') {
		const parsed = CreateStaffSchema.safeParse({
			...values,
			password: values.password ?? process.env.ADMIN_PASSWORD,
		})
		if (!parsed.success) {
			for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${t(issue.message)}`)
			console.error(USAGE)
			return 2
		}
		input = parsed.data
	}
	const env = init()
	let url = env.DATABASE_URL
	let stop: (() => Promise<void>) | undefined
	if (!url) {
		const pg = await startEmbeddedPostgres({ dataDir: path.resolve(env.DATA_DIR, 'pg') })
		url = pg.url
		stop = pg.stop
	}
	await migrate(url)
	configureDatabase({ url, max: 1 })
	try {
		if (setRole) {
			const target = await prisma.user.findUnique({
				where: { email: setRole.email },
				select: { id: true, role: true },
			})
			if (!target || !(STAFF as readonly string[]).includes(target.role)) {
				console.error(`--email: 没有该工作人员账号`)
				return 1
			}
			await changeUserRole(target.id, { role: setRole.role }, null, { via: 'cli' })
			console.log(`已将 ${setRole.email} 的角色改为 ${setRole.role}，其登录会话已全部失效`)
			return 0
		}
		if (!input) {
			const staff = await prisma.user.findMany({
				where: { role: { in: [...STAFF] } },
				select: { email: true, name: true, role: true },
			})
			for (const s of staff) console.log(`${s.role}\t${s.email}\t${s.name}`)
			return 0
		}
		const data = input
		if (await prisma.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
			console.error(`--email: ${t('err.emailTaken')}`)
			return 1
		}
		const passwordHash = await hashPassword(data.password)
		await prisma.$transaction(async (tx) => {
			const user = await tx.user.create({
				data: { email: data.email, name: data.name, role: data.role, passwordHash },
			})
			await audit(tx, {
				actor: null,
				action: 'staff.create',
				targetType: 'User',
				targetId: user.id,
				detail: { via: 'cli', role: data.role },
			})
		})
		console.log(`已创建 ${data.role} 账号 ${data.email}`)
		return 0
	} finally {
		await disconnectDatabase()
		await stop?.()
	}
}

process.exitCode = await main()
