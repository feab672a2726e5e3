import { chromium } from '@playwright/test'
const base = 'http://127.0.0.1:3210'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
async function as(email) {
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
  const page = await ctx.newPage()
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
  page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()))
  await page.goto(base + '/login')
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码', { exact: true }).fill('Demo2026pass')
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL(/dashboard/)
  return page
}
const pages = process.argv.slice(2)
for (const spec of pages) {
  const [email, path, name] = spec.split('|')
  const page = await as(email)
  await page.goto(base + path)
  await page.waitForTimeout(800)
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true })
  console.log(name, page.url())
  await page.context().close()
}
await browser.close()
