import { afterEach, beforeEach, vi, type MockInstance } from 'vitest'

// An unexpected console.error fails the test (Epic's rule); call allowConsoleError() to opt out.
let spy: MockInstance<typeof console.error> | undefined
let allowed = false

export function allowConsoleError() {
	allowed = true
	spy?.mockImplementation(() => {})
}

beforeEach(() => {
	allowed = false
	spy = vi.spyOn(console, 'error')
})

afterEach(() => {
	const calls = spy?.mock.calls ?? []
	spy?.mockRestore()
	if (!allowed && calls.length) {
		throw new Error(`console.error was called:\n${calls.map((c) => c.map(String).join(' ')).join('\n')}`)
	}
})
