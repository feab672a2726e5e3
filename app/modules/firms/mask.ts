/** 王小明 → 王**; contact details stay hidden until a docking request is accepted. */
export function maskName(name: string): string {
	const chars = [...name.trim()]
	if (chars.length === 0) return ''
	return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)))
}

/** 13900001234 → 139****1234; landlines keep the area code and last two digits. */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '')
	if (digits.length === 11 && digits.startsWith('1')) return `${digits.slice(0, 3)}****${digits.slice(7)}`
	if (digits.length <= 6) return '****'
	return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`
}

export function maskEmail(email: string): string {
	const [local = '', domain = ''] = email.split('@')
	if (!domain) return ''
	return `${local.slice(0, 1)}***@${domain}`
}
