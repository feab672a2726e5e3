export type Worker = { stop: () => Promise<void> }

/**
 * Runs `tick` every `intervalMs`, never two at once, errors logged under `name`. `stop` ends the
 * timer and waits for a running tick; a tick may check `isStopped()` between steps.
 */
export function runEvery(
	name: string,
	intervalMs: number,
	logger: Pick<Console, 'error'>,
	tick: (isStopped: () => boolean) => Promise<void>,
): Worker {
	let stopped = false
	let running: Promise<void> | null = null
	const isStopped = () => stopped
	const timer = setInterval(() => {
		if (running || stopped) return
		running = tick(isStopped)
			.catch((error: Error) => logger.error(`[${name}] ${error.message}`))
			.finally(() => {
				running = null
			})
	}, intervalMs)
	timer.unref()
	return {
		async stop() {
			stopped = true
			clearInterval(timer)
			await running
		},
	}
}
