import { useNavigation } from '@remix-run/react'

export function cn(...classes: Array<string | false | null | undefined>) {
	return classes.filter(Boolean).join(' ')
}

export function getErrorMessage(error: unknown): string {
	if (typeof error === 'string') return error
	if (error instanceof Error) return error.message
	return 'Unknown error'
}

/** True while this page's form is submitting (or any form, without `formAction`). */
export function useIsPending({ formAction, formMethod = 'POST' }: { formAction?: string; formMethod?: 'POST' | 'GET' } = {}) {
	const navigation = useNavigation()
	return (
		navigation.state !== 'idle' &&
		navigation.formMethod === formMethod &&
		(formAction === undefined || navigation.formAction === formAction)
	)
}

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/dashboard'): string {
	if (!to || typeof to !== 'string') return fallback
	if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
	return to
}
