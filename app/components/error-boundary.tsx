import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useT } from '#app/i18n/use-t'

export function GeneralErrorBoundary() {
	const error = useRouteError()
	const t = useT()
	let message = t('error.500')
	let status = 500
	if (isRouteErrorResponse(error)) {
		status = error.status
		if (error.status === 403) message = t('error.403')
		else if (error.status === 404) message = t('error.404')
		else if ((error.status === 400 || error.status === 429) && typeof error.data === 'string')
			message = error.data
	}
	return (
		<div className="mx-auto flex max-w-xl flex-col items-start gap-4 py-16">
			<h1 className="text-2xl font-bold">
				{t('error.title')} <span className="text-slate-500">({status})</span>
			</h1>
			<p className="text-slate-700">{message}</p>
			<Link to="/" className="text-brand-700 underline">
				{t('error.home')}
			</Link>
		</div>
	)
}
