/**
 * Rate limits, through rate-limiter-flexible: in memory in one process, in
 * Redis (shared by every instance) when REDIS_URL is set. Every limit is
 * multiplied by RATE_LIMIT_MULTIPLIER (load tests raise it).
 */
import { once } from 'node:events'
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

/** How long a request waits for a Redis connection still being opened before the memory fallback counts it. */
const REDIS_CONNECT_WAIT_MS = 1000

/**
 * The client refuses commands until it is connected (no offline queue, so a
 * Redis outage never makes requests hang). A new instance opens it on its first
 * limited request: without this wait, that request (and any arriving meanwhile)
 * would be counted by the per-process fallback instead of the shared limit.
 */
async function redisConnected(redis: Redis) {
	if (redis.status !== 'wait' && redis.status !== 'connecting' && redis.status !== 'connect') return
	const ac = new AbortController()
	const timer = setTimeout(() => ac.abort(), REDIS_CONNECT_WAIT_MS)
	try {
		await once(redis, 'ready', { signal: ac.signal })
	} catch {
		// Not connected in time: the insurance limiter counts this request.
	} finally {
		clearTimeout(timer)
	}
}

/** Spends `cost` points of `rule` for `key` (a user id, a visitor+IP…). */
export async function consumeRateLimit(rule: RateLimitRule, key: string, cost = 1): Promise<RateLimitResult> {
	try {
		const limiter = limiterFor(rule)
		if (globalStore.__bazaarRedis) await redisConnected(globalStore.__bazaarRedis)
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

