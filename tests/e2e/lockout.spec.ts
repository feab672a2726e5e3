import type { Page } from '@playwright/test'
import { DEMO, DEMO_PASSWORD, expect, test, uniqueEmail } from '../playwright-utils'

const INVALID = '邮箱或密码不正确。'
const LOCKED = '登录失败次数过多，该账号已锁定 30 分钟，请稍后再试。'

// A lock lasts 30 minutes on the server that the whole run shares, so a retry would start locked.
test.describe.configure({ retries: 0 })

async function attempt(page: Page, email: string, password: string) {
	await page.goto('/login')
	await page.getByLabel('邮箱').fill(email)
	await page.getByLabel('密码', { exact: true }).fill(password)
	await page.getByRole('button', { name: '登录', exact: true }).click()
	const alert = page.getByRole('alert')
	await expect(alert).toBeVisible()
	await expect(page).toHaveURL(/\/login$/)
	return (await alert.innerText()).trim()
}

test('5 wrong passwords lock an existing account, even against the correct password', async ({ page }) => {
	for (let i = 1; i <= 4; i++) {
		expect(await attempt(page, DEMO.supplier2, `wrongPass${i}x`), `attempt ${i}`).toBe(INVALID)
	}
	expect(await attempt(page, DEMO.supplier2, 'wrongPass5x'), 'attempt 5').toBe(LOCKED)
	expect(await attempt(page, DEMO.supplier2, DEMO_PASSWORD), 'correct password while locked').toBe(LOCKED)
	await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0)
})

test('a non-existent email locks the same way after 5 tries', async ({ page }) => {
	const ghost = uniqueEmail('ghost')
	for (let i = 1; i <= 4; i++) {
		expect(await attempt(page, ghost, `wrongPass${i}x`), `attempt ${i}`).toBe(INVALID)
	}
	expect(await attempt(page, ghost, 'wrongPass5x'), 'attempt 5').toBe(LOCKED)
	expect(await attempt(page, ghost, DEMO_PASSWORD), 'attempt 6').toBe(LOCKED)
})

test('one wrong try gives the same message for an existing and a non-existent email', async ({ page }) => {
	const existing = await attempt(page, DEMO.buyer2, 'wrongPass1x')
	const missing = await attempt(page, uniqueEmail('ghost'), 'wrongPass1x')
	expect(existing).toBe(INVALID)
	expect(missing).toBe(existing)
})
