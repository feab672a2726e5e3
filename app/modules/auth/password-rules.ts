/**
 * Password rules beyond length and letters+digits (schemas.ts): not a well-known password and not
 * containing the login name. Messages are i18n keys.
 */

// The most common leaked passwords that would otherwise pass the length and letters+digits rules,
// plus site-specific guesses. Compared case-insensitively.
const COMMON = new Set(
	[
		'password12',
		'password123',
		'password1234',
		'passw0rd123',
		'qwerty1234',
		'qwerty12345',
		'qwertyuiop1',
		'1qaz2wsx3edc',
		'1q2w3e4r5t',
		'1q2w3e4r5t6y',
		'q1w2e3r4t5',
		'a1b2c3d4e5',
		'abc1234567',
		'abcd123456',
		'abcd1234567',
		'abc123456789',
		'admin12345',
		'admin123456',
		'administrator1',
		'iloveyou123',
		'welcome123',
		'woaini1314',
		'woaini520520',
		'asdf123456',
		'asdfghjkl1',
		'zxcvbnm123',
		'aa12345678',
		'a123456789',
		'a1234567890',
		'qq123456789',
		'p@ssw0rd123',
		'letmein1234',
		'changeme123',
		'xianning123',
		'wuhan123456',
		'xnwh123456',
		'demo123456',
	].map((p) => p.toLowerCase()),
)

export function isCommonPassword(password: string): boolean {
	return COMMON.has(password.toLowerCase())
}

/** The problem with a password given the account's email, or null. */
export function passwordContextProblem(password: string, email: string): string | null {
	const local = email.split('@')[0]?.toLowerCase() ?? ''
	if (local.length >= 3 && password.toLowerCase().includes(local)) return 'err.passwordEmail'
	return null
}
