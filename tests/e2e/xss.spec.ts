import type { Page } from '@playwright/test'
import { loadBlns, XSS_MARK, XSS_PAYLOADS } from '../fixtures/xss-payloads'
import { DEMO, expect, signInNewContext, test } from '../playwright-utils'

// XSS through the real forms: every payload calls window.__xssMark() (or opens a dialog) if a browser ever
// runs it. Each page gets the marker before its own scripts; dialogs and page errors are recorded.
// Shown text is compared with white space collapsed (HTML rendering folds it; the API suite checks bytes).

const blns = loadBlns()
// A BLNS sample: script and template injections, RTL, zalgo, emoji, CJK, quotes and backslashes.
const BLNS_SAMPLE = [
	...blns.filter((s) => /<|javascript:|\$\{|\{\{|onerror|onload/i.test(s)).filter((_, i) => i % 6 === 0),
	...blns
		.filter((s) => /[\u0600-\u06ff\u202e\u0300-\u036f]|😍|田中|Ｔ|\\\\|'"/.test(s))
		.filter((_, i) => i % 4 === 0),
].filter((s) => s.trim() !== '' && [...s].length <= 300)
const TITLES = XSS_PAYLOADS.filter((p) => [...p].length <= 80 && p.trim().length >= 2)
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()

type Watch = { page: Page; dialogs: string[]; errors: string[] }
const watches: Watch[] = []

async function watched(browser: Parameters<typeof signInNewContext>[0], baseURL: string, email: string) {
	const { page, dialogs } = await signInNewContext(browser, baseURL, email)
	const errors: string[] = []
	page.on('pageerror', (e) => errors.push(e.message))
	await page.addInitScript((mark) => {
		const w = window as unknown as Record<string, unknown>
		w.__xssFired = 0
		w[mark] = () => {
			w.__xssFired = (w.__xssFired as number) + 1
		}
	}, XSS_MARK)
	const watch = { page, dialogs, errors }
	watches.push(watch)
	return watch
}

async function fired(page: Page) {
	return page.evaluate(() => (window as unknown as { __xssFired?: number }).__xssFired ?? 0)
}

const figures = {
	submissions: 0,
	payloads: 0,
	blns: BLNS_SAMPLE.length,
	executions: 0,
	dialogs: 0,
	pageErrors: 0,
	mismatches: 0,
}

async function settle(w: Watch) {
	// Let any injected handler (onerror, onload, autofocus) run before counting.
	await w.page.waitForTimeout(300)
	figures.executions += await fired(w.page)
	expect(await fired(w.page), `script ran on ${w.page.url()}`).toBe(0)
}

test.afterAll(() => {
	for (const w of watches) {
		figures.dialogs += w.dialogs.length
		figures.pageErrors += w.errors.length
	}
	console.log(
		`SUITE xss-e2e submissions=${figures.submissions} payloads=${figures.payloads} blns_sample=${figures.blns} script_executions=${figures.executions} dialogs=${figures.dialogs} page_errors=${figures.pageErrors} mismatches=${figures.mismatches}`,
	)
})

test.describe('XSS through the real forms', () => {
	test.setTimeout(600_000)

	test('capability and demand titles and descriptions, shown back as text', async ({ browser, baseURL }) => {
		const supplier = await watched(browser, baseURL!, DEMO.supplier)
		const buyer = await watched(browser, baseURL!, DEMO.buyer)
		const description = [...XSS_PAYLOADS, ...BLNS_SAMPLE].join('\n').slice(0, 3900)
		for (const [i, title] of TITLES.entries()) {
			const w = i % 2 === 0 ? supplier : buyer
			const kind = i % 2 === 0 ? 'capabilities' : 'demands'
			await w.page.goto(`/${kind}/new`)
			await w.page.locator('main [name="title"]').fill(title)
			if (i < 2) await w.page.locator('main [name="description"]').fill(description)
			await w.page.getByRole('button', { name: '保存草稿' }).click()
			await expect(w.page).toHaveURL(new RegExp(`/${kind}/(?!new$)[^/]+$`))
			figures.submissions++
			figures.payloads++
			// toHaveText retries until the detail page has rendered, and compares with white space collapsed.
			await expect(w.page.getByRole('heading', { level: 1 }))
				.toHaveText(collapse(title))
				.catch((error: unknown) => {
					figures.mismatches++
					throw error
				})
			if (i < 2) {
				const body = collapse(await w.page.locator('main').innerText())
				for (const line of description.split('\n')) {
					figures.payloads++
					if (!body.includes(collapse(line))) figures.mismatches++
					expect(body, JSON.stringify(line)).toContain(collapse(line))
				}
			}
			await settle(w)
		}
		for (const w of [supplier, buyer]) {
			expect(w.dialogs).toEqual([])
			expect(w.errors).toEqual([])
		}
	})

	test('firm profile fields keep the payloads as values', async ({ browser, baseURL }) => {
		// Not supplier2: lockout.spec.ts locks it for 30 minutes on the server the whole run shares.
		const w = await watched(browser, baseURL!, DEMO.supplier)
		const address = TITLES.find((t) => t.includes('<img'))!
		const description = [...XSS_PAYLOADS, ...BLNS_SAMPLE.slice(0, 10)].join('\n').slice(0, 1990)
		await w.page.goto('/firm/profile')
		await w.page.locator('form#firm-profile [name="address"]').fill(address)
		await w.page.locator('form#firm-profile [name="description"]').fill(description)
		await w.page.locator('form#firm-profile button[type="submit"]').click()
		await expect(w.page.getByText(/已保存|已重新提交/).first()).toBeVisible()
		figures.submissions++
		figures.payloads += 2
		await w.page.goto('/firm/profile')
		await expect(w.page.locator('form#firm-profile [name="address"]')).toHaveValue(address)
		const stored = await w.page.locator('form#firm-profile [name="description"]').inputValue()
		// A textarea's value has LF line breaks only (the browser turns CR and CRLF into LF; HTML spec).
		const want = description.replace(/\r\n?/g, '\n').trim()
		if (stored !== want) figures.mismatches++
		expect(stored).toBe(want)
		await settle(w)
		expect(w.dialogs).toEqual([])
		expect(w.errors).toEqual([])
	})

	test('the search box shows each query back as text', async ({ browser, baseURL }) => {
		const w = await watched(browser, baseURL!, DEMO.buyer2)
		for (const [i, q] of [...XSS_PAYLOADS, ...BLNS_SAMPLE.slice(0, 10)].entries()) {
			const path = i % 2 === 0 ? '/capabilities' : '/demands'
			await w.page.goto(path)
			await w.page.locator('#search-q').fill(q)
			await w.page.locator('#search-q').press('Enter')
			await expect(w.page).toHaveURL(/\?/)
			figures.submissions++
			figures.payloads++
			const value = await w.page.locator('#search-q').inputValue()
			// The input is one line (a search field drops line breaks) of at most 200 characters.
			const want = q.replace(/[\r\n]/g, '').slice(0, 200)
			if (value.trim() !== want.trim()) figures.mismatches++
			expect(value.trim(), JSON.stringify(q)).toBe(want.trim())
			await settle(w)
		}
		expect(w.dialogs).toEqual([])
		expect(w.errors).toEqual([])
	})
})
