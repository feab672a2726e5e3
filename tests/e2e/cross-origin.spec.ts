import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEMO, expect, loginThroughForm, test } from '../playwright-utils'

/**
 * A second local server on another 127.0.0.1 port: the same site (the session cookie IS sent), another
 * origin. Its pages attack the app with a fetch, a WebSocket and an auto-submitted form; only the app's
 * origin check stands in the way.
 */
let attacker: Server
let attackerUrl = ''
const figures = {
	attempts: 0,
	fetch_answered: 0,
	sent_with_cookie: 0,
	http_403: 0,
	ws_refused: 0,
	changed: 0,
	ws_same_origin_open: 0,
}

function attackPage(app: string) {
	const ws = app.replace(/^http/, 'ws')
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>抽奖活动</title></head><body>
<form id="logout" method="POST" action="${app}/logout"></form>
<form id="locale" method="POST" action="${app}/resources/locale"><input type="hidden" name="locale" value="en"><input type="hidden" name="redirectTo" value="/dashboard"></form>
<script>
window.results = { fetches: [], ws: null }
async function attack() {
	for (const [path, body] of [['/resources/locale', 'locale=en'], ['/logout', ''], ['/notifications', 'intent=read-all']]) {
		try {
			await fetch('${app}' + path, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })
			window.results.fetches.push(path + ' sent')
		} catch (e) { window.results.fetches.push(path + ' failed') }
	}
	window.results.ws = await new Promise((resolve) => {
		const socket = new WebSocket('${ws}/socket.io/?EIO=4&transport=websocket')
		socket.onopen = () => { resolve('open'); socket.close() }
		socket.onerror = () => resolve('refused')
		setTimeout(() => resolve('timeout'), 5000)
	})
	window.done = true
}
attack()
</script></body></html>`
}

function formPage(app: string, form: 'logout' | 'locale') {
	const fields =
		form === 'locale'
			? '<input type="hidden" name="locale" value="en"><input type="hidden" name="redirectTo" value="/dashboard">'
			: ''
	const action = form === 'locale' ? `${app}/resources/locale` : `${app}/logout`
	return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<form id="f" method="POST" action="${action}">${fields}</form>
<script>document.getElementById('f').submit()</script></body></html>`
}

test.describe.configure({ retries: 0 })

test.beforeAll(async ({ baseURL }) => {
	const app = baseURL!.replace(/\/$/, '')
	attacker = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x')
		const html =
			url.pathname === '/form-logout'
				? formPage(app, 'logout')
				: url.pathname === '/form-locale'
					? formPage(app, 'locale')
					: attackPage(app)
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
	})
	await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
	attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`
})

test.afterAll(async () => {
	await new Promise((resolve) => attacker?.close(resolve))
	console.log(
		`SUITE csrf-origin ${Object.entries(figures)
			.map(([k, v]) => `${k}=${v}`)
			.join(' ')}`,
	)
})

test('requests and sockets from another origin on the same site are refused; nothing changes', async ({
	page,
	baseURL,
}) => {
	const app = baseURL!.replace(/\/$/, '')
	await loginThroughForm(page, DEMO.supplier)
	const cookies = await page.context().cookies(app)
	expect(cookies.some((c) => c.name === 'xnwh_session')).toBe(true)

	// The control: the app's own page opens the same WebSocket.
	const own = await page.evaluate(
		(ws) =>
			new Promise<string>((resolve) => {
				const socket = new WebSocket(`${ws}/socket.io/?EIO=4&transport=websocket`)
				socket.onopen = () => {
					resolve('open')
					socket.close()
				}
				socket.onerror = () => resolve('refused')
				setTimeout(() => resolve('timeout'), 5000)
			}),
		app.replace(/^http/, 'ws'),
	)
	if (own === 'open') figures.ws_same_origin_open++
	expect(own).toBe('open')

	// Every state-changing request the attacker's pages make to the app. For navigations (the forms) the
	// browser reports the headers it sent; for the fetches it does not, so what they did is checked in the UI.
	const sent: Array<{ url: string; navigation: boolean; headers: Promise<Record<string, string>> }> = []
	const failures: string[] = []
	page.on('request', (request) => {
		if (!request.url().startsWith(app) || request.method() !== 'POST') return
		sent.push({
			url: request.url(),
			navigation: request.isNavigationRequest(),
			headers: request.allHeaders(),
		})
	})
	page.on('requestfailed', (request) => {
		if (request.url().startsWith(app))
			failures.push(`${new URL(request.url()).pathname} ${request.failure()?.errorText}`)
	})

	await page.goto(`${attackerUrl}/`)
	await page.waitForFunction(() => (window as unknown as { done?: boolean }).done === true)
	const results = await page.evaluate(
		() => (window as unknown as { results: { fetches: string[]; ws: string } }).results,
	)
	// The fetches cannot read the answer (no CORS, and CORP same-origin); what they did shows in the UI below.
	figures.attempts += results.fetches.length + 1
	if (results.ws !== 'open') figures.ws_refused++
	else figures.changed++
	expect(results.ws).not.toBe('open')

	for (const form of ['form-locale', 'form-logout'] as const) {
		figures.attempts++
		const [response] = await Promise.all([
			page.waitForResponse((res) => res.url().startsWith(app) && res.request().method() === 'POST'),
			page.goto(`${attackerUrl}/${form}`),
		])
		if (response.status() === 403) figures.http_403++
		expect(response.status()).toBe(403)
		await expect(page.getByText('跨站请求已被拒绝')).toBeVisible()
	}

	// The premise holds: same site, so the browser sent the session cookie with the attacks, from the other origin.
	expect(sent.map((r) => new URL(r.url).pathname).sort()).toEqual(
		['/logout', '/logout', '/notifications', '/resources/locale', '/resources/locale'].sort(),
	)
	for (const request of sent.filter((r) => r.navigation)) {
		const headers = await request.headers
		expect(headers.origin).toBe(attackerUrl)
		expect(headers.cookie ?? '').toContain('xnwh_session=')
		figures.sent_with_cookie++
	}
	// The fetches reached the app and were answered (its CORP header is what the browser blocks them on).
	expect(failures.sort()).toEqual(
		['/logout', '/notifications', '/resources/locale'].map(
			(p) => `${p} net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin`,
		),
	)
	figures.fetch_answered = failures.length

	// In the UI: still signed in, still in Chinese, notifications untouched.
	await page.goto(`${app}/dashboard`)
	await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible()
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
	const after = await page.context().cookies(app)
	if (
		!after.some(
			(c) => c.name === 'xnwh_session' && c.value === cookies.find((x) => x.name === 'xnwh_session')!.value,
		)
	)
		figures.changed++
	expect(after.find((c) => c.name === 'lng')?.value ?? 'zh-CN').toBe('zh-CN')
	expect(figures.changed).toBe(0)
})
