import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = {
	algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1,
} as const

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS)
}

let dummyHash: Promise<string> | undefined

/** Verifies against a real hash, or burns the same time on a dummy one when there is none. */
export async function verifyPassword(
	passwordHash: string | null | undefined,
	password: string,
): Promise<boolean> {
	if (!passwordHash) {
		dummyHash ??= hashPassword('dummy-password-0')
		await verify(await dummyHash, password).catch(() => false)
		return false
	}
	try {
		return await verify(passwordHash, password)
	} catch {
		return false
	}
}
