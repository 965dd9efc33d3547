/**
 * Rate limits, through rate-limiter-flexible: in memory in one process, in
 * Redis (shared by every instance) when REDIS_URL is set. Every limit is
 * multiplied by RATE_LIMIT_MULTIPLIER (load tests raise it).
 */
import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { getEnv } from './env.server.ts'

export interface RateLimitRule {
	/** A stable name: it prefixes the keys in Redis. */
	name: string
	points: number
	durationSeconds: number
}

export type RateLimitResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number }

const globalStore = globalThis as typeof globalThis & { __bazaarRedis?: Redis; __bazaarLimiters?: Map<string, RateLimiterAbstract> }

function redisClient(url: string) {
	globalStore.__bazaarRedis ??= new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
	return globalStore.__bazaarRedis
}

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
					storeClient: redisClient(env.REDIS_URL),
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
		const result = await limiterFor(rule).consume(key, cost)
		return { allowed: true, remaining: result.remainingPoints }
	} catch (rejection) {
		if (rejection instanceof RateLimiterRes) {
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) }
		}
		throw rejection
	}
}

/** The client address: the first X-Forwarded-For hop when TRUST_PROXY is on, otherwise the socket's (passed by the server). */
export function clientAddress(request: Request, socketAddress?: string | null) {
	if (getEnv().TRUST_PROXY) {
		const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
		if (forwarded) return forwarded
	}
	return socketAddress ?? request.headers.get('x-real-ip') ?? 'unknown'
}

export async function closeRateLimitStore() {
	const redis = globalStore.__bazaarRedis
	globalStore.__bazaarRedis = undefined
	globalStore.__bazaarLimiters = undefined
	await redis?.quit().catch(() => {})
}
