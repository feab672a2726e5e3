import type { Page } from '@playwright/test'
import {
	DEMO,
	expect,
	logout,
	makeUscc,
	randomMobile,
	test,
	uniqueChineseSuffix,
	uniqueEmail,
	withWrongCheckChar,
} from '../playwright-utils'

type NewFirm = {
	firmName: string
	uscc: string
	contactName: string
	contactPhone: string
	name: string
	email: string
	password: string
}

function newSupplier(overrides: Partial<NewFirm> = {}): NewFirm {
	const suffix = uniqueChineseSuffix()
	return {
		firmName: `咸宁市鑫达精密机械有限公司（测试${suffix}）`,
		uscc: makeUscc('421202'),
		contactName: '欧阳明月',
		contactPhone: randomMobile(),
		name: `王建国${suffix}`,
		email: uniqueEmail('supplier'),
		password: '咸宁对接Pass2026',
		...overrides,
	}
}

async function fillRegistration(page: Page, firm: NewFirm) {
	await page.goto('/register')
	await page.getByLabel('企业类型').selectOption({ label: '供应商（咸宁企业）' })
	await page.getByLabel('企业名称').fill(firm.firmName)
	await page.getByLabel('统一社会信用代码').fill(firm.uscc)
	await page.getByLabel('所在地区').selectOption({ label: '咸安区' })
	await page.getByLabel('业务联系人').fill(firm.contactName)
	await page.getByLabel('联系电话').fill(firm.contactPhone)
	await page.getByLabel('您的姓名').fill(firm.name)
	await page.getByLabel('邮箱').fill(firm.email)
	await page.getByLabel('密码', { exact: true }).fill(firm.password)
	await page.getByLabel('确认密码').fill(firm.password)
	await page.getByRole('checkbox', { name: '我已阅读并同意平台服务协议和个人信息处理规则' }).check()
	await page.getByRole('button', { name: '提交注册' }).click()
}

async function registerSupplier(page: Page, firm: NewFirm) {
	await fillRegistration(page, firm)
	await expect(page).toHaveURL(/\/dashboard$/)
	await expect(page.getByRole('heading', { name: firm.firmName })).toBeVisible()
	await expect(page.getByTestId('verification-badge')).toHaveText('待审核')
	await expect(page.getByText('正在等待主管部门审核')).toBeVisible()
}

function queueEntry(page: Page, firmName: string) {
	return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: firmName }) })
}

/** Opens the bureau's pending queue and returns the firm's entry and its id. */
async function findPendingFirm(page: Page, firm: NewFirm) {
	await page.goto('/bureau/verifications')
	const entry = queueEntry(page, firm.firmName)
	await expect(entry).toBeVisible()
	await expect(entry).toContainText(firm.uscc)
	await expect(entry).toContainText('咸安区')
	const href = await entry.getByRole('link', { name: firm.firmName }).getAttribute('href')
	const firmId = href?.match(/^\/firms\/([^/?#]+)$/)?.[1]
	expect(firmId, `link to the firm's page, got ${href}`).toBeTruthy()
	return { entry, firmId: firmId! }
}

test('a supplier registers, the bureau approves it, and the firm shows as verified', async ({
	page,
	login,
}) => {
	const firm = newSupplier()
	let firmId = ''

	await test.step('register through /register', async () => {
		await registerSupplier(page, firm)
		await logout(page)
	})

	await test.step('the bureau sees the new firm and approves it', async () => {
		await login(DEMO.bureau)
		const found = await findPendingFirm(page, firm)
		firmId = found.firmId
		await found.entry.getByRole('button', { name: '通过认证' }).click()
		await expect(page.getByRole('status')).toHaveText(`已通过 ${firm.firmName} 的认证。`)
		await expect(queueEntry(page, firm.firmName)).toHaveCount(0)
		await page.getByRole('link', { name: '已通过' }).click()
		await expect(queueEntry(page, firm.firmName)).toBeVisible()
		await logout(page)
	})

	await test.step('the supplier sees 已认证 on the dashboard and the profile', async () => {
		await login(firm.email, firm.password)
		await expect(page.getByTestId('verification-badge')).toHaveText(/已认证/)
		await expect(page.getByText('您的企业已通过认证。')).toBeVisible()
		await page.goto('/firm/profile')
		await expect(page.getByRole('heading', { name: '企业资料' })).toBeVisible()
		await expect(page.getByTestId('verification-badge')).toHaveText(/已认证/)
		await logout(page)
	})

	await test.step('the public firm page masks the contact person and phone', async () => {
		await page.goto(`/firms/${firmId}`)
		await expect(page.getByRole('heading', { level: 1, name: firm.firmName })).toBeVisible()
		await expect(page.getByTestId('verification-badge')).toHaveText(/已认证/)
		const maskedPhone = `${firm.contactPhone.slice(0, 3)}****${firm.contactPhone.slice(-4)}`
		await expect(page.getByTestId('contact-phone')).toHaveText(maskedPhone)
		await expect(page.getByTestId('contact-name')).toHaveText('欧***')
		await expect(page.locator('body')).not.toContainText(firm.contactPhone)
		await expect(page.locator('body')).not.toContainText(firm.contactName)
	})
})

test('registering a 统一社会信用代码 that is already taken shows the error on the field', async ({
	page,
}) => {
	const first = newSupplier()
	await registerSupplier(page, first)
	await logout(page)

	const second = newSupplier({ uscc: first.uscc })
	await fillRegistration(page, second)
	await expect(page).toHaveURL(/\/register$/)
	const uscc = page.getByLabel('统一社会信用代码')
	await expect(uscc).toHaveAttribute('aria-invalid', 'true')
	await expect(uscc).toHaveAccessibleDescription(/该统一社会信用代码已注册/)
	await expect(page.getByText('该统一社会信用代码已注册，请联系贵司管理员邀请您加入')).toBeVisible()
	await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0)
})

test('a 统一社会信用代码 with a wrong check character is refused', async ({ page }) => {
	const firm = newSupplier()
	await fillRegistration(page, { ...firm, uscc: withWrongCheckChar(firm.uscc) })
	await expect(page).toHaveURL(/\/register$/)
	const uscc = page.getByLabel('统一社会信用代码')
	await expect(uscc).toHaveAttribute('aria-invalid', 'true')
	await expect(uscc).toHaveAccessibleDescription(/统一社会信用代码校验位不正确/)
	await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0)
})

test('a bureau rejection and its reason are shown to the firm on /dashboard', async ({ page, login }) => {
	const firm = newSupplier()
	const reason = '营业执照照片模糊，无法核对统一社会信用代码'
	await registerSupplier(page, firm)
	await logout(page)

	await login(DEMO.bureau)
	const { entry } = await findPendingFirm(page, firm)
	await entry.getByLabel('驳回原因').fill(reason)
	await entry.getByRole('button', { name: '驳回' }).click()
	await expect(page.getByRole('status')).toHaveText(`已驳回 ${firm.firmName}。`)
	await expect(queueEntry(page, firm.firmName)).toHaveCount(0)
	await logout(page)

	await login(firm.email, firm.password)
	await expect(page.getByTestId('verification-badge')).toHaveText('未通过')
	await expect(page.getByText(`认证未通过，原因：${reason}。请修改企业资料后重新提交。`)).toBeVisible()
})
