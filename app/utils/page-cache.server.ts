/**
 * The anonymous page cache's store and its invalidation (the middleware that
 * serves from it is server/page-cache.ts). Pages live in this process (an LRU)
 * and, when REDIS_URL is set, in Redis too, so every instance shares them.
 *
 * Invalidation is a generation number: every stored page carries the
 * generation it was rendered under, and a page of an older generation is never
 * served. `invalidatePageCache()` bumps the generation in this process and, with
 * Redis, the shared counter every instance reads for each request (a read sent
 * after the request arrived, shared by the requests waiting at once), so a publish or a
 * moderation on one instance is seen by all at once. A page rendered while the
 * generation moved is stored under the old one and so never served.
 *
 * State lives on globalThis: the server entry (the middleware) and the Remix
 * build (the models that invalidate) are separate bundles with their own copies
 * of this module, and must see one cache.
 */
import { redisConnected, sharedRedis } from './redis.server.ts'

/** A stored page: its body and CSP header cut where the nonce was, so each answer puts in its own. */
export interface StoredPage {
	status: number
	headers: Array<[string, string]>
	/** The Content-Security-Policy header split around the nonce (absent when the answer had none). */
	policyParts?: string[]
	/** The body (UTF-8) split around the nonce (one part when it had none); Buffers in this process, base64 in Redis. */
	bodyParts: Buffer[]
	/** The page's ETag as rendered (it never depends on the nonce). */
	etag?: string
	storedAt: number
	/** Fresh until then; after it, until `staleUntil`, it may stand in while one request renders it again. */
	expiresAt: number
	staleUntil: number
}

const LOCAL_MAX_ENTRIES = 2_000
const LOCAL_MAX_BYTES = 64 * 1024 * 1024
const REDIS_GENERATION_KEY = 'bazaar:page-cache:generation'
const redisPageKey = (generation: string, key: string) => `bazaar:page-cache:${generation}:${key}`

interface CacheState {
	/** Bumped by every invalidation in this process (the only generation without Redis). */
	localGeneration: number
	entries: Map<string, { generation: string; page: StoredPage; bytes: number }>
	bytes: number
}

const globalStore = globalThis as typeof globalThis & { __bazaarPageCache?: CacheState }

function state(): CacheState {
	globalStore.__bazaarPageCache ??= { localGeneration: 0, entries: new Map(), bytes: 0 }
	return globalStore.__bazaarPageCache
}

function pageBytes(page: StoredPage) {
	return page.bodyParts.reduce((sum, part) => sum + part.byteLength, 0) + 512
}

function dropLocal(key: string) {
	const cache = state()
	const entry = cache.entries.get(key)
	if (!entry) return
	cache.entries.delete(key)
	cache.bytes -= entry.bytes
}

type LocalEntry = CacheState['entries'] extends Map<string, infer Entry> ? Entry : never

/** Moves an entry to the young end of the LRU (a Map keeps insertion order): most recently used last. */
function markRecentlyUsed(key: string, entry: LocalEntry) {
	const cache = state()
	cache.entries.delete(key)
	cache.entries.set(key, entry)
	return entry
}

function keepLocal(generation: string, key: string, page: StoredPage) {
	const cache = state()
	dropLocal(key)
	const bytes = pageBytes(page)
	cache.entries.set(key, { generation, page, bytes })
	cache.bytes += bytes
	// A Map iterates in insertion order, and a read re-inserts: the first key is the least recently used.
	for (const oldest of cache.entries.keys()) {
		if (cache.entries.size <= LOCAL_MAX_ENTRIES && cache.bytes <= LOCAL_MAX_BYTES) break
		dropLocal(oldest)
	}
}

/**
 * The generation pages are stored and served under now, or null when it cannot
 * be known (Redis configured but not answering): then nothing is served from
 * the cache, because another instance may have invalidated it.
 */
export async function currentPageGeneration(): Promise<string | null> {
	const local = state().localGeneration
	const redis = sharedRedis()
	if (!redis) return `${local}`
	try {
		await redisConnected(redis)
		const shared = (await redis.get(REDIS_GENERATION_KEY)) ?? '0'
		return `${shared}.${local}`
	} catch {
		return null
	}
}

/**
 * The stored page for `key` under `generation`, from this process or else from
 * Redis; possibly stale (past `expiresAt`): the caller decides whether it may
 * stand in. A page of another generation (invalidated) is never returned.
 */
export async function readStoredPage(generation: string, key: string, now = Date.now()): Promise<StoredPage | null> {
	const entry = state().entries.get(key)
	if (entry) {
		if (entry.generation === generation && entry.page.staleUntil > now) return markRecentlyUsed(key, entry).page
		dropLocal(key)
	}
	const redis = sharedRedis()
	if (!redis) return null
	try {
		const stored = await redis.get(redisPageKey(generation, key))
		if (!stored) return null
		const { bodyParts, ...rest } = JSON.parse(stored) as Omit<StoredPage, 'bodyParts'> & { bodyParts: string[] }
		const page: StoredPage = { ...rest, bodyParts: bodyParts.map((part) => Buffer.from(part, 'base64')) }
		if (page.staleUntil <= now) return null
		keepLocal(generation, key, page)
		return page
	} catch {
		return null
	}
}

/**
 * `read` wrapped so that each call gets the result of a read started after the
 * call: the first caller starts one; whoever calls while it is out shares the
 * next one, started when it settles (fulfilled or not). Never the read already
 * in flight, whose answer may predate the caller.
 */
export function readsStartedAfterArrival<T>(read: () => Promise<T>): () => Promise<T> {
	let sent: Promise<T> | null = null
	let next: Promise<T> | null = null
	const send = () => {
		const reading = read()
		sent = reading
		const settled = () => {
			if (sent === reading) sent = null
		}
		reading.then(settled, settled)
		return reading
	}
	const sendNext = () => {
		next = null
		return send()
	}
	return () => {
		if (!sent) return send()
		next ??= sent.then(sendNext, sendNext)
		return next
	}
}

/**
 * The generation as read by a Redis GET sent after this call, shared by every
 * caller that asks while one read is out: those wait for the next read, sent
 * when it returns, never for the one already in flight (an invalidation that
 * finished before a request arrived must be seen by that request). Under load
 * that is one GET per round trip, however many requests arrive meanwhile.
 * The front calls it only with Redis (`localOnlyPageGeneration` is null).
 */
export const pageGenerationForArrival = readsStartedAfterArrival(currentPageGeneration)

/**
 * A page this process holds under `generation`, fresh: what the cache's front
 * answers without Express (server/page-cache.ts `pageCacheFront`). A page only
 * Redis holds is left to the full path, which copies it here.
 */
export function freshLocalPage(generation: string, key: string, now = Date.now()): StoredPage | null {
	const entry = state().entries.get(key)
	if (!entry || entry.generation !== generation || entry.page.expiresAt <= now) return null
	return markRecentlyUsed(key, entry).page
}

/** This process's generation when it is the only one (no Redis): the front may then answer without waiting. */
export function localOnlyPageGeneration(): string | null {
	return sharedRedis() ? null : `${state().localGeneration}`
}

/** Keeps a page under `generation` (in this process, and in Redis for the other instances). */
export async function storePage(generation: string, key: string, page: StoredPage) {
	keepLocal(generation, key, page)
	const redis = sharedRedis()
	if (!redis) return
	const ttlMs = page.staleUntil - page.storedAt
	try {
		const shared = { ...page, bodyParts: page.bodyParts.map((part) => part.toString('base64')) }
		await redis.set(redisPageKey(generation, key), JSON.stringify(shared), 'PX', Math.max(1, ttlMs))
	} catch {
		// Kept locally; the other instances render it themselves.
	}
}

/**
 * Drops every cached page, here and (through the shared generation) on every
 * instance. Called after something a public page shows has changed and been
 * committed: publish, edit, visibility, moderation, the nightly counters,
 * a creator's profile. Never throws: a failed Redis call leaves the other
 * instances' pages to expire within PAGE_CACHE_SECONDS.
 */
export async function invalidatePageCache() {
	const cache = state()
	cache.localGeneration += 1
	cache.entries.clear()
	cache.bytes = 0
	const redis = sharedRedis()
	if (!redis) return
	try {
		await redisConnected(redis)
		await redis.incr(REDIS_GENERATION_KEY)
	} catch (error) {
		console.error(`Page cache: could not tell the other instances to drop their pages (${error instanceof Error ? error.message : error})`)
	}
}
