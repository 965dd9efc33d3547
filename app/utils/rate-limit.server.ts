/**
 * Rate limits, through rate-limiter-flexible: in memory in one process, in
 * Redis (shared by every instance) when REDIS_URL is set. Every limit is
 * multiplied by RATE_LIMIT_MULTIPLIER (load tests raise it).
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { getEnv } from './env.server.ts'
import { openedRedis, redisConnected, sharedRedis } from './redis.server.ts'

export interface RateLimitRule {
	/** A stable name: it prefixes the keys in Redis. */
	name: string
	points: number
	durationSeconds: number
}

export type RateLimitResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number }

const globalStore = globalThis as typeof globalThis & { __bazaarLimiters?: Map<string, RateLimiterAbstract> }

function limiterFor(rule: RateLimitRule): RateLimiterAbstract {
	const limiters = (globalStore.__bazaarLimiters ??= new Map())
	const env = getEnv()
	const points = Math.max(1, Math.round(rule.points * env.RATE_LIMIT_MULTIPLIER))
	const key = `${rule.name}:${points}:${rule.durationSeconds}:${env.REDIS_URL ?? 'memory'}`
	let limiter = limiters.get(key)
	if (!limiter) {
		const options = { keyPrefix: `bazaar:rl:${rule.name}`, points, duration: rule.durationSeconds }
		limiter = env.REDIS_URL
			? new RateLimiterRedis({
					...options,
					storeClient: sharedRedis()!,
					// If Redis is down, fall back to this process's memory rather than failing requests.
					insuranceLimiter: new RateLimiterMemory(options),
				})
			: new RateLimiterMemory(options)
		limiters.set(key, limiter)
	}
	return limiter
}

/** Spends `cost` points of `rule` for `key` (a user id, a visitor+IP…). */
export async function consumeRateLimit(rule: RateLimitRule, key: string, cost = 1): Promise<RateLimitResult> {
	try {
		const limiter = limiterFor(rule)
		const redis = openedRedis()
		if (redis) await redisConnected(redis)
		const result = await limiter.consume(key, cost)
		return { allowed: true, remaining: result.remainingPoints }
	} catch (rejection) {
		if (rejection instanceof RateLimiterRes) {
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) }
		}
		throw rejection
	}
}

/**
 * The client address that the server (server/client-address.ts) puts in the load context: Express's `req.ip`,
 * which is the first X-Forwarded-For hop when TRUST_PROXY is on and the socket's
 * otherwise. Headers are not read here: with TRUST_PROXY off they are the client's
 * to forge, and with it on Express has already read them.
 */
export function clientAddress(loadContext: unknown): string {
	const address = (loadContext as { clientAddress?: unknown } | null | undefined)?.clientAddress
	return typeof address === 'string' && address.length > 0 ? address : 'unknown'
}

