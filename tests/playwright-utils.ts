import { randomBytes, randomInt } from 'node:crypto'
import { test as base, expect, type Browser, type Page } from '@playwright/test'
import { USCC_ALPHABET, withUsccCheckChar } from '../app/modules/firms/uscc'

export const DEMO_PASSWORD = 'Demo2026pass'

export const DEMO = {
	bureau: 'bureau@demo.xnwh.cn',
	/** 审计管理员: the only role that reads /bureau/audit. */
	auditor: 'auditor@demo.xnwh.cn',
	supplier: 'supplier@demo.xnwh.cn',
	/** Locked for 30 minutes by lockout.spec.ts: specs that run after it (by name) must not sign in as it. */
	supplier2: 'supplier2@demo.xnwh.cn',
	buyer: 'buyer@demo.xnwh.cn',
	buyer2: 'buyer2@demo.xnwh.cn',
} as const

/** Fills and submits the real /login form; the app creates the session row and sets the cookie. */
export async function loginThroughForm(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login')
	await page.getByLabel('邮箱').fill(email)
	await page.getByLabel('密码', { exact: true }).fill(password)
	await page.getByRole('button', { name: '登录', exact: true }).click()
	// The audit role's dashboard is the audit log.
	await expect(page).toHaveURL(/\/(dashboard|bureau\/audit)$/)
	await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible()
}

/**
 * A user of its own browser context (several users at once in one test), signed in through the real form.
 * Dialogs are recorded and dismissed: a test can assert none appeared (no script ran from user text).
 */
export async function signInNewContext(browser: Browser, baseURL: string, email: string) {
	const context = await browser.newContext({ locale: 'zh-CN', baseURL })
	const page = await context.newPage()
	const dialogs: string[] = []
	page.on('dialog', (d) => {
		dialogs.push(d.message())
		void d.dismiss()
	})
	await loginThroughForm(page, email)
	return { page, dialogs }
}

export async function logout(page: Page) {
	await page.getByRole('button', { name: '退出登录' }).click()
	await expect(page).toHaveURL(/\/$/)
	await expect(page.getByRole('link', { name: '登录', exact: true })).toBeVisible()
}

export const test = base.extend<{ login: (email: string, password?: string) => Promise<void> }>({
	login: async ({ page }, use) => {
		await use((email, password) => loginThroughForm(page, email, password))
	},
})

export { expect }

const CHINESE_DIGITS = '〇一二三四五六七八九'

/** A short run of Chinese numerals that makes names unique between tests and runs. */
export function uniqueChineseSuffix(length = 6): string {
	return Array.from({ length }, () => CHINESE_DIGITS[randomInt(10)]).join('')
}

export function uniqueEmail(prefix = 'e2e'): string {
	return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@example.cn`
}

/** A random 9-character 组织机构代码 from the USCC alphabet. */
export function randomOrgCode(): string {
	return Array.from({ length: 9 }, () => USCC_ALPHABET[randomInt(USCC_ALPHABET.length)]).join('')
}

/** A valid 统一社会信用代码: 9 (工商) 1 (企业), the 6-digit region code, the org code and its check character. */
export function makeUscc(regionCode = '421202', orgCode = randomOrgCode()): string {
	return withUsccCheckChar(`91${regionCode}${orgCode}`)
}

/** The same code with a wrong check character. */
export function withWrongCheckChar(uscc: string): string {
	const check = uscc.at(-1)!
	const wrong = USCC_ALPHABET[(USCC_ALPHABET.indexOf(check) + 1) % USCC_ALPHABET.length]!
	return uscc.slice(0, -1) + wrong
}

/** An 11-digit mobile number starting with 139. */
export function randomMobile(): string {
	return `139${String(randomInt(100_000_000)).padStart(8, '0')}`
}
