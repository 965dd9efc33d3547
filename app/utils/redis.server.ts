/**
 * The one Redis connection of a process (REDIS_URL), shared by the rate limits
 * and the page cache. It refuses commands while disconnected (no offline queue)
 * so a Redis outage never makes a request hang: callers fall back (limits to
 * process memory, the page cache to rendering).
 *
 * Kept on globalThis: the server entry and the Remix build are two bundles
 * with their own copies of this module, and must still share one connection.
 */
import { once } from 'node:events'
import { createRequire } from 'node:module'
import type { Redis } from 'ioredis'
import { getEnv } from './env.server.ts'

// Loaded only where REDIS_URL is set: importing it cost every process 90 ms of its start
// (the nightly aggregation's is part of its measured time, docs/performance.md).
const loadIoredis = () => createRequire(import.meta.url)('ioredis') as typeof import('ioredis')

const globalStore = globalThis as typeof globalThis & { __bazaarRedis?: Redis }

/** The shared client, opened on first use; undefined when REDIS_URL is unset. */
export function sharedRedis(): Redis | undefined {
	const url = getEnv().REDIS_URL
	if (!url) return undefined
	if (!globalStore.__bazaarRedis) {
		const redis = new (loadIoredis().Redis)(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
		// Errors surface on each command (and fall back there); an unhandled 'error' event would end the process.
		redis.on('error', () => {})
		globalStore.__bazaarRedis = redis
	}
	return globalStore.__bazaarRedis
}

/** The client if one was opened (for callers that must not open one). */
export function openedRedis(): Redis | undefined {
	return globalStore.__bazaarRedis
}

/** How long a caller waits for a connection still being opened before falling back. */
const REDIS_CONNECT_WAIT_MS = 1000

/**
 * Waits (briefly) for a connection being opened. Without this, the first
 * requests of a new instance would all take the fallback path instead of the
 * shared one. Resolves whether or not it connected.
 */
export async function redisConnected(redis: Redis) {
	if (redis.status !== 'wait' && redis.status !== 'connecting' && redis.status !== 'connect') return
	const ac = new AbortController()
	const timer = setTimeout(() => ac.abort(), REDIS_CONNECT_WAIT_MS)
	try {
		await once(redis, 'ready', { signal: ac.signal })
	} catch {
		// Not connected in time: the caller's fallback takes over.
	} finally {
		clearTimeout(timer)
	}
}

/** Closes the shared connection (scripts, before they exit). */
export async function closeSharedRedis() {
	const redis = globalStore.__bazaarRedis
	globalStore.__bazaarRedis = undefined
	if (!redis) return
	try {
		await redis.quit()
	} catch {
		redis.disconnect()
	}
}
