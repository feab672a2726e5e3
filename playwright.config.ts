import { defineConfig, devices } from '@playwright/test'

// E2E_PORT lets two Playwright runs (e.g. two specs being written at once) use their own servers.
const PORT = Number(process.env.E2E_PORT ?? 3105)
const BASE_URL = `http://127.0.0.1:${PORT}`

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	reporter: 'list',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: BASE_URL,
		locale: 'zh-CN',
		trace: 'on-first-retry',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					// Debian's Chromium: Playwright cannot download its own browser build here.
					executablePath: '/usr/bin/chromium',
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--no-first-run',
					],
				},
			},
		},
	],
	webServer: {
		command: `rm -rf tests/.tmp/e2e-data-${PORT} && npx remix build && node --import tsx server/index.ts`,
		url: `${BASE_URL}/healthz`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: `tests/.tmp/e2e-data-${PORT}`,
			LOG_LEVEL: 'warn',
			// 'production' would mark the session cookie Secure, which the browser drops on http://127.0.0.1.
			NODE_ENV: 'test',
			// Empty values select the embedded PGlite and Meilisearch under DATA_DIR, whatever the shell exports.
			DATABASE_URL: '',
			MEILI_URL: '',
			REDIS_URL: '',
			SMTP_URL: '',
			SEED_ON_START: 'auto',
		},
	},
})
