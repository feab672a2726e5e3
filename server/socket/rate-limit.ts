import {
	RateLimiterMemory,
	RateLimiterRedis,
	RateLimiterRes,
	type RateLimiterAbstract,
} from 'rate-limiter-flexible'
import type { RedisClientType } from 'redis'

export type SocketLimits = { messages: RateLimiterAbstract; typing: RateLimiterAbstract }

/** Per user, across tabs: 20 messages per 10 s (bursts of pasted lines pass, floods do not). */
export const MESSAGE_POINTS = 20
export const MESSAGE_WINDOW_SECONDS = 10

/**
 * With Redis the counters are shared by every app instance; if Redis is not ready the in-memory
 * limiter (per instance) takes over instead of failing the request.
 */
export function createLimiter(
	redis: RedisClientType | undefined,
	keyPrefix: string,
	points: number,
	duration: number,
): RateLimiterAbstract {
	const memory = new RateLimiterMemory({ keyPrefix, points, duration })
	if (!redis) return memory
	return new RateLimiterRedis({
		storeClient: redis,
		useRedisPackage: true,
		rejectIfRedisNotReady: true,
		keyPrefix: `rl:${keyPrefix}`,
		points,
		duration,
		insuranceLimiter: memory,
	})
}

export function createSocketLimits(redis?: RedisClientType): SocketLimits {
	return {
		messages: createLimiter(redis, 'chat-msg', MESSAGE_POINTS, MESSAGE_WINDOW_SECONDS),
		typing: createLimiter(redis, 'chat-typing', 30, 10),
	}
}

/** True when the user may go on; false when over the limit. Store errors fall through as allowed. */
export async function consume(limiter: RateLimiterAbstract, key: string) {
	try {
		await limiter.consume(key)
		return true
	} catch (error) {
		if (error instanceof RateLimiterRes) return false
		return true
	}
}
