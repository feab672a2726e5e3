import closeWithGrace from 'close-with-grace'
import { EnvError, init } from '#app/utils/env.server'
import { startServer } from './start'

let env
try {
	env = init()
} catch (error) {
	if (error instanceof EnvError) {
		console.error(error.message)
		process.exit(1)
	}
	throw error
}

const dev = process.argv.includes('--dev')
const logger = {
	info: (msg: string) => {
		if (env.LOG_LEVEL !== 'silent' && env.LOG_LEVEL !== 'error' && env.LOG_LEVEL !== 'warn') console.log(msg)
	},
	error: (msg: string) => {
		if (env.LOG_LEVEL !== 'silent') console.error(msg)
	},
}

const server = await startServer(env, { logger, dev }).catch((error: Error) => {
	console.error(`start-up failed: ${error.message}`)
	process.exit(1)
})

closeWithGrace({ delay: 9000 }, async ({ signal, err }) => {
	if (err) console.error(err)
	logger.info(`${signal ?? 'shutdown'}: stopping`)
	await server.stop()
	logger.info('stopped')
})
