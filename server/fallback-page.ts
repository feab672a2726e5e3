import { createTranslator } from '#app/i18n/i18n'

// The plain Chinese page served where Remix cannot render one (rate limited, database away).

function escapeHtml(text: string) {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function fallbackPage({
	status,
	message,
	nonce,
	refreshSeconds,
}: {
	status: number
	message: string
	nonce: string
	refreshSeconds?: number
}) {
	const t = createTranslator('zh-CN')
	const title = escapeHtml(t('error.title'))
	return (
		`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
		(refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '') +
		`<title>${title} (${status})</title><style nonce="${escapeHtml(nonce)}">body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1e293b}</style></head>` +
		`<body><h1>${title} <small>(${status})</small></h1><p>${escapeHtml(message)}</p>` +
		`<p><a href="/">${escapeHtml(t('error.home'))}</a></p></body></html>`
	)
}
