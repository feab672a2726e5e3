import { DEMO, expect, loginThroughForm, test, uniqueChineseSuffix } from '../playwright-utils'

test('a buyer publishes a demand, the matching supplier is told in real time, and the buyer sees explained suggestions', async ({ browser }) => {
	test.setTimeout(180_000)
	// Seeding re-matches every demo listing in the background; wait until that backlog is done, so
	// this test's notification is not one of dozens arriving at the same moment.
	await expect
		.poll(async () => ((await (await fetch('http://127.0.0.1:3105/healthz')).json()) as { search: { outboxPending: number } }).search.outboxPending, {
			timeout: 90_000,
			intervals: [1000],
		})
		.toBe(0)
	const tag = uniqueChineseSuffix()
	const capabilityTitle = `车载摄像头模组主动对准组装${tag}`
	const supplier = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
	const buyer = await (await browser.newContext({ locale: 'zh-CN' })).newPage()

	// The supplier publishes a capability and stays on its dashboard with the socket open.
	await loginThroughForm(supplier, DEMO.supplier)
	await supplier.goto('/capabilities/new')
	await supplier.getByLabel('能力名称').fill(capabilityTitle)
	await supplier.getByLabel('详细介绍').fill('车规级摄像头模组 AA 主动对准组装与测试，年产 50 万套，通过 IATF 16949，为车谷整车厂配套前视与环视摄像头。')
	await supplier.getByLabel('产业链群', { exact: true }).selectOption({ label: '电子信息产业集群' })
	await supplier.getByRole('checkbox', { name: 'IATF 16949' }).check()
	await supplier.getByLabel('产能数值').fill('50')
	await supplier.getByLabel('产能单位').fill('万套')
	await supplier.getByLabel('产能周期').selectOption({ label: '每年' })
	await supplier.getByRole('button', { name: '保存并发布' }).click()
	await expect(supplier.getByRole('heading', { level: 1, name: capabilityTitle })).toBeVisible()
	await supplier.goto('/dashboard')
	const bell = supplier.getByTestId('notification-bell')
	const before = Number((await bell.getAttribute('aria-label'))?.match(/\d+/)?.[0] ?? 0)

	// The buyer publishes a demand worded the buyer's way.
	await loginThroughForm(buyer, DEMO.buyer2)
	await buyer.goto('/demands/new')
	await buyer.getByLabel('需求名称').fill(`采购车载前视摄像头模组${tag}`)
	await buyer.getByLabel('详细说明').fill(`新车型前视摄像头模组，车规级，年需求约 10 万套，要求 IATF 16949，交付车谷。${tag}`)
	await buyer.getByLabel('产业链群', { exact: true }).selectOption({ label: '电子信息产业集群' })
	await buyer.getByLabel('采购数量').fill('10')
	await buyer.getByLabel('数量单位').fill('万套')
	await buyer.getByRole('checkbox', { name: 'IATF 16949' }).check()
	await buyer.getByRole('button', { name: '保存并发布' }).click()
	await expect(buyer.getByTestId('suggestions-link')).toBeVisible()

	// Without reloading, the supplier's page shows the new opportunity.
	await expect(supplier.getByTestId('live-notice').filter({ hasText: capabilityTitle })).toBeVisible({ timeout: 30_000 })
	await expect.poll(async () => Number((await bell.getAttribute('aria-label'))?.match(/\d+/)?.[0] ?? 0)).toBeGreaterThan(before)

	// The buyer's suggestions explain themselves and can be shortlisted.
	const suggestionsUrl = (await buyer.getByTestId('suggestions-link').getAttribute('href'))!
	await expect(async () => {
		await buyer.goto(suggestionsUrl)
		await expect(buyer.getByRole('link', { name: capabilityTitle })).toBeVisible({ timeout: 2000 })
	}).toPass({ timeout: 30_000 })
	const card = buyer.getByRole('listitem').filter({ has: buyer.getByRole('link', { name: capabilityTitle }) })
	await expect(card).toContainText('IATF 16949')
	await expect(card).toContainText('匹配度')
	await card.getByRole('button', { name: '加入候选' }).click()
	await expect(card).toContainText('已加入候选')

	await supplier.goto('/my/opportunities')
	await expect(supplier.getByRole('link', { name: `采购车载前视摄像头模组${tag}` }).first()).toBeVisible()
})
