import { readFile } from 'node:fs/promises'
import { expect, makeUscc, randomMobile, test, uniqueChineseSuffix, uniqueEmail } from '../playwright-utils'

// PIPL: a user finds 个人信息与隐私 in the user menu, downloads their data and closes the account.
test('a user exports their personal data as JSON and closes the account, after which login fails', async ({
	page,
}) => {
	const suffix = uniqueChineseSuffix()
	const email = uniqueEmail('privacy')
	const password = '咸宁隐私Pass2026'
	const name = `隐私测试${suffix}`

	await test.step('register a firm of its own', async () => {
		await page.goto('/register')
		await page.getByLabel('企业类型').selectOption({ label: '供应商（咸宁企业）' })
		await page.getByLabel('企业名称').fill(`咸宁市隐私测试有限公司（${suffix}）`)
		await page.getByLabel('统一社会信用代码').fill(makeUscc('421202'))
		await page.getByLabel('所在地区').selectOption({ label: '咸安区' })
		await page.getByLabel('业务联系人').fill('欧阳隐私')
		await page.getByLabel('联系电话').fill(randomMobile())
		await page.getByLabel('您的姓名').fill(name)
		await page.getByLabel('邮箱').fill(email)
		await page.getByLabel('密码', { exact: true }).fill(password)
		await page.getByLabel('确认密码').fill(password)
		await page.getByRole('checkbox', { name: '我已阅读并同意平台服务协议和个人信息处理规则' }).check()
		await page.getByRole('button', { name: '提交注册' }).click()
		await expect(page).toHaveURL(/\/dashboard$/)
	})

	await test.step('the user menu leads to 个人信息与隐私', async () => {
		await page.getByTestId('account-link').click()
		await expect(page).toHaveURL(/\/account$/)
		await expect(page.getByRole('heading', { level: 1, name: '个人信息与隐私' })).toBeVisible()
		await expect(page.getByText(email)).toBeVisible()
	})

	await test.step('导出我的个人信息 downloads valid JSON with the user’s email', async () => {
		const downloadPromise = page.waitForEvent('download')
		await page.getByRole('link', { name: '导出我的个人信息' }).click()
		const download = await downloadPromise
		expect(download.suggestedFilename()).toMatch(/^personal-data-\d{4}-\d{2}-\d{2}\.json$/)
		const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
			profile: { email: string; name: string }
			sessions: unknown[]
		}
		expect(data.profile.email).toBe(email)
		expect(data.profile.name).toBe(name)
		expect(data.sessions.length).toBeGreaterThanOrEqual(1)
	})

	await test.step('注销账号 asks for the password, then signs the user out', async () => {
		await page.getByLabel('请输入当前密码确认').fill('not-my-password-1')
		await page.getByRole('button', { name: '注销账号' }).click()
		await expect(page.getByText('当前密码不正确')).toBeVisible()
		await page.getByLabel('请输入当前密码确认').fill(password)
		await page.getByRole('button', { name: '注销账号' }).click()
		// Two argon2 runs (verify, then an unusable hash): allow for a busy machine.
		await expect(page).toHaveURL(/\/login\?deleted=1$/, { timeout: 30_000 })
		await expect(page.getByRole('status')).toHaveText('账号已注销。')
		await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0)
	})

	await test.step('the old email and password no longer sign in', async () => {
		await page.getByLabel('邮箱').fill(email)
		await page.getByLabel('密码', { exact: true }).fill(password)
		await page.getByRole('button', { name: '登录', exact: true }).click()
		await expect(page.getByRole('alert')).toHaveText('邮箱或密码不正确。')
		await expect(page).toHaveURL(/\/login/)
	})
})
