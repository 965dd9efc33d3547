/**
 * The anonymous page cache. The middleware returned here runs for every
 * request that reached the app proper: after the static files, CORS, the
 * cross-site check and the body limit, right before Remix renders; its
 * answers still pass through draining, the baseline security headers and
 * compression (server/index.ts, `createApp`), so it stores and serves
 * uncompressed bodies. Both `npm run dev` and `npm start` run it.
 *
 * What it respects (docs/security.md, docs/gallery.md, docs/performance.md):
 * - only GET/HEAD without a session cookie or an Authorization header are
 *   served from it, and only GET answers that say they are shared-cacheable
 *   (`Cache-Control: public`, 200) and carry no `Set-Cookie` are kept; a 5xx
 *   (a database outage says `no-store`) never is;
 * - every answer carries its own CSP nonce: a page is stored with its nonce cut
 *   out of the body and the header, and each answer puts a fresh one in both;
 * - keyed by the normalized URL (origin, path, query parameters sorted), for
 *   PAGE_CACHE_SECONDS; dropped by `invalidatePageCache()` (app/utils/page-cache.server.ts).
 *
 * A page past its lifetime, of the current generation, may stand in for up to
 * another lifetime while one request renders it again (`stale`); an invalidated
 * one never does. Requests for a page being rendered wait for that rendering.
 *
 * `X-Page-Cache: hit | stale | miss` says which happened (tests and benches read it).
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import zlib from 'node:zlib'
import accepts from 'accepts'
import type { Request, RequestHandler, Response } from 'express'
import { corsHeaders } from '#app/utils/cors.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { etagMatches, isPublicCacheControl } from '#app/utils/http-cache.server.ts'
import {
	currentPageGeneration,
	freshLocalPage,
	localOnlyPageGeneration,
	pageGenerationForArrival,
	readStoredPage,
	type StoredPage,
	storePage,
} from '#app/utils/page-cache.server.ts'
import { createNonce } from '#app/utils/security-headers.server.ts'
import { SESSION_COOKIE_NAME } from '#app/utils/session.server.ts'

/** Set per answer (by Node, compression or this module), so never stored. */
const PER_ANSWER_HEADERS = new Set(['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers', 'content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'age', 'x-page-cache', 'set-cookie'])
/** Bodies kept as text (Redis holds them as JSON); anything else is rendered every time. */
const TEXT_CONTENT_TYPE = /^(text\/(html|plain|xml)|application\/(json|xml|ld\+json|rss\+xml)|image\/svg\+xml)\b/i
const MAX_STORED_BODY_BYTES = 2 * 1024 * 1024

export interface PageCacheOptions {
	/** Lifetime of a stored page; 0 turns the cache off. Defaults to PAGE_CACHE_SECONDS. */
	seconds?: number
	/** Paths starting with one of these are never looked up nor kept (static files). */
	skipPathPrefixes?: string[]
}

export function pageCache({ seconds = getEnv().PAGE_CACHE_SECONDS, skipPathPrefixes = [] }: PageCacheOptions = {}): RequestHandler[] {
	if (seconds <= 0) return []
	const lifetimeMs = seconds * 1000
	const handler: RequestHandler = (req, res, next) => {
		if ((req.method !== 'GET' && req.method !== 'HEAD') || isPersonalRequest(req)) return next()
		if (skipPathPrefixes.some((prefix) => req.path.startsWith(prefix))) return next()
		answerFromCache(req, res, next, lifetimeMs).catch(next)
	}
	return [handler]
}

/**
 * The front of the cache: a page this process holds fresh is answered by the
 * server's own request listener, before Express (server/index.ts), with none
 * of the middleware: a stored answer already carries the baseline security
 * headers, and nothing else in the chain (compression, CORS, the cross-site
 * and body checks, the static files) changes a stored anonymous page. It
 * compresses with gzip itself, from deflate blocks made once per stored page
 * (`gzipBody`), so a hit costs a nonce and a checksum of the bytes after the
 * first nonce, not a compression of the page. A stored API answer gets the
 * CORS headers of the origin asking (`corsHeaders`, as server/cors.ts adds them
 * on Express's path; they are never stored). Anything else (a miss, a stale
 * page, a page only Redis holds, a server draining) goes on to Express and
 * `pageCache`. Decision 009.
 *
 * With Redis the generation lives there: the front first waits for a read of
 * it sent after the request arrived (`pageGenerationForArrival`, one GET for
 * every request arriving while the previous one was out), then answers a page
 * this process holds under it; a miss takes the read generation on to
 * `pageCache`, which does not ask again.
 *
 * Returns whether it answered, or a promise of that with Redis.
 */
export function pageCacheFront({
	seconds = getEnv().PAGE_CACHE_SECONDS,
	skipPathPrefixes = [],
	trustProxy,
	isDraining,
}: PageCacheOptions & {
	/** Express's compiled `trust proxy` (app.get('trust proxy fn')): the key must name the origin as Express's requests do. */
	trustProxy: ProxyTrust
	isDraining: () => boolean
}): ((req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>) | null {
	if (seconds <= 0) return null
	return (req, res) => {
		if ((req.method !== 'GET' && req.method !== 'HEAD') || isDraining() || isPersonalRequest(req)) return false
		const url = req.url ?? '/'
		if (skipPathPrefixes.some((prefix) => url.startsWith(prefix))) return false
		const key = pageKey(requestOrigin(req, trustProxy), url)
		const cors = url.startsWith('/api/') ? corsHeaders(req.headers.origin ?? null) : undefined
		const localGeneration = localOnlyPageGeneration()
		if (localGeneration !== null) return answerLocalPage(req, res, localGeneration, key, cors)
		return pageGenerationForArrival().then((generation) => {
			if (generation === null) return false
			generationsReadAtArrival.set(req, generation)
			// Shutdown may have begun while the read was out: Express's draining answers then.
			return !isDraining() && answerLocalPage(req, res, generation, key, cors)
		})
	}
}

/** The generation the front read for a request it did not answer, so that `pageCache` does not read it again. */
const generationsReadAtArrival = new WeakMap<IncomingMessage, string>()

function answerLocalPage(req: IncomingMessage, res: ServerResponse, generation: string, key: string, cors?: Record<string, string>) {
	const page = freshLocalPage(generation, key)
	if (!page) return false
	const gzip = page.bodyParts.reduce((sum, part) => sum + part.byteLength, 0) >= COMPRESSION_THRESHOLD_BYTES && accepts(req).encoding(['gzip', 'identity']) === 'gzip'
	sendStoredPage(req, res, page, 'hit', { gzip, perAnswerHeaders: cors })
	return true
}

export type ProxyTrust = (address: string, hop: number) => boolean

/**
 * `protocol://hostname[:port]` as Express names a request's origin
 * (`req.protocol`, `req.hostname`, the Host header's port), read from the bare
 * request: forwarded headers count only from a trusted proxy.
 */
export function requestOrigin(req: IncomingMessage, trustProxy: ProxyTrust) {
	const trusted = trustProxy(req.socket.remoteAddress ?? '', 0)
	const forwardedProto = trusted ? firstHeaderValue(req.headers['x-forwarded-proto']) : undefined
	const protocol = forwardedProto ?? ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http')
	const hostHeader = firstHeaderValue(req.headers.host)
	const host = (trusted ? firstHeaderValue(req.headers['x-forwarded-host']) : undefined) ?? hostHeader ?? ''
	// A bracketed IPv6 literal keeps its colons; the port goes.
	const portStart = host.indexOf(':', host.startsWith('[') ? host.indexOf(']') + 1 : 0)
	const hostname = portStart === -1 ? host : host.slice(0, portStart)
	const port = hostHeader?.split(':')[1]
	return `${protocol}://${hostname.toLowerCase()}${port ? `:${port}` : ''}`
}

function firstHeaderValue(value: string | string[] | undefined) {
	const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim()
	return first || undefined
}

/** As the compression middleware's default: smaller bodies are sent as they are. */
const COMPRESSION_THRESHOLD_BYTES = 1024

/**
 * Renders in progress, by generation and URL: while one request renders a page,
 * the others asking for it wait for that answer (or get the stale copy at once)
 * instead of all rendering it together, which is what a burst after expiry or
 * an invalidation would otherwise do.
 */
const rendering = new Map<string, Promise<StoredPage | null>>()

async function answerFromCache(req: Request, res: Response, next: () => void, lifetimeMs: number) {
	const generation = generationsReadAtArrival.get(req) ?? (await currentPageGeneration())
	if (generation === null) return next()
	const key = normalizedUrl(req)
	const stored = await readStoredPage(generation, key)
	if (stored && stored.expiresAt > Date.now()) return sendStoredPage(req, res, stored, 'hit')
	const renderKey = `${generation} ${key}`
	const inProgress = rendering.get(renderKey)
	if (inProgress) {
		// Past its lifetime but of the current generation (nothing it shows was changed since): stands in.
		if (stored) return sendStoredPage(req, res, stored, 'stale')
		const rendered = await inProgress
		if (rendered) return sendStoredPage(req, res, rendered, 'hit')
		return next()
	}
	res.setHeader('X-Page-Cache', 'miss')
	if (req.method !== 'GET') return next()
	let settle: (page: StoredPage | null) => void = () => {}
	const thisRendering = new Promise<StoredPage | null>((resolve) => (settle = resolve))
	rendering.set(renderKey, thisRendering)
	let finished = false
	const finish = (page: StoredPage | null) => {
		if (finished) return
		finished = true
		// Only this rendering's own entry: by the time this answer closes, a later request may be rendering the same page.
		if (rendering.get(renderKey) === thisRendering) rendering.delete(renderKey)
		settle(page)
	}
	// An answer cut short (client gone, error) settles with nothing: the waiters render themselves.
	res.once('close', () => finish(null))
	captureAnswer(res, (answer) => {
		const page = storablePage(answer, lifetimeMs)
		if (page) void storePage(generation, key, page)
		finish(page)
	})
	next()
}

function isPersonalRequest(req: IncomingMessage) {
	if (req.headers.authorization) return true
	const cookie = req.headers.cookie
	return Boolean(cookie && cookie.split(';').some((pair) => pair.trimStart().startsWith(`${SESSION_COOKIE_NAME}=`)))
}

/** Origin (a page's links may follow the Host when PUBLIC_URL is unset), path, and the query with its parameters sorted. */
export function pageKey(origin: string, requestUrl: string) {
	const url = new URL(requestUrl, 'http://placeholder')
	// Array.prototype.sort is stable: repeated parameters keep their order.
	const parameters = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
	const query = new URLSearchParams(parameters).toString()
	return `${origin}${url.pathname}${query ? `?${query}` : ''}`
}

/** The key of a request that reached Express (the same as the front computes from the bare request). */
export function normalizedUrl(req: Request) {
	return pageKey(requestOrigin(req, req.app.get('trust proxy fn') as ProxyTrust), req.originalUrl)
}

/**
 * `perAnswerHeaders`: headers of this answer alone (an API answer's CORS), never stored; a `Vary` among
 * them is merged into the stored one.
 */
function sendStoredPage(
	req: IncomingMessage,
	res: ServerResponse,
	page: StoredPage,
	how: 'hit' | 'stale',
	{ gzip = false, perAnswerHeaders = {} }: { gzip?: boolean; perAnswerHeaders?: Record<string, string> } = {},
) {
	const ifNoneMatch = req.headers['if-none-match']
	// As app/utils/http-cache.server.ts answers a 304: the client keeps the type and policy stored with its body.
	const notModified = Boolean(page.etag && etagMatches(typeof ifNoneMatch === 'string' ? ifNoneMatch : null, page.etag))
	// One flat list for one writeHead: on a bare answer Node takes it as it is, without a setHeader per name.
	const headers: string[] = []
	let vary: string | undefined
	for (const [name, value] of page.headers) {
		if (name === 'vary') vary = value
		else if (!(notModified && name === 'content-type')) headers.push(name, value)
	}
	for (const [name, value] of Object.entries(perAnswerHeaders)) {
		if (name.toLowerCase() !== 'vary') headers.push(name, value)
		else if (!(vary ?? '').split(',').some((part) => part.trim().toLowerCase() === value.toLowerCase())) vary = vary ? `${vary}, ${value}` : value
	}
	const nonce = page.policyParts ? createNonce() : ''
	if (page.policyParts && !notModified) headers.push('Content-Security-Policy', page.policyParts.join(nonce))
	headers.push('X-Page-Cache', how, 'Age', String(Math.max(0, Math.floor((Date.now() - page.storedAt) / 1000))))
	if (gzip && !notModified) {
		headers.push('Content-Encoding', 'gzip')
		if (!/accept-encoding/i.test(vary ?? '')) vary = vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding'
	}
	if (vary) headers.push('Vary', vary)
	if (notModified) {
		res.writeHead(304, headers)
		res.end()
		return
	}
	const nonceBytes = Buffer.from(nonce)
	const body = gzip ? gzipBody(page, nonceBytes) : withNonce(page.bodyParts, nonceBytes)
	headers.push('Content-Length', String(body.reduce((sum, part) => sum + part.byteLength, 0)))
	res.writeHead(page.status, headers)
	if (req.method === 'HEAD') return void res.end()
	// Written part by part (one writev), not copied into one buffer per answer.
	res.cork()
	for (const part of body) res.write(part)
	res.uncork()
	res.end()
}

/** The stored parts with the answer's nonce between them. */
function withNonce(parts: Buffer[], nonce: Buffer) {
	const body: Buffer[] = []
	for (const [index, part] of parts.entries()) {
		if (index > 0) body.push(nonce)
		body.push(part)
	}
	return body
}

interface GzipTemplate {
	/** Each stored part as raw deflate blocks ending on a byte boundary (a sync flush), none final. */
	deflatedParts: Buffer[]
	/** CRC-32 of the first part, where every answer's checksum starts. */
	firstPartCrc: number
	uncompressedBytes: number
	/** The nonce length the parts were deflated for (their back-references span it). */
	nonceLength: number
}

const gzipTemplates = new WeakMap<StoredPage, GzipTemplate>()
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])
/** An empty final stored block: ends the deflate stream. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff])
const DEFLATE_WINDOW_BYTES = 32 * 1024

/**
 * A gzip member (RFC 1952) of the page with this answer's nonce: the parts'
 * deflate blocks as made once, the nonce between them as stored (uncompressed)
 * blocks, which deflate allows anywhere on a byte boundary, then the checksum
 * and length of what it all inflates to.
 *
 * Each part after the first is deflated with what precedes it as the preset
 * dictionary, so it may refer back to the earlier parts (a page's data repeats
 * its markup) as a whole-page compression would. In that dictionary every
 * nonce is NUL bytes: a page without NUL bytes of its own (any page but a
 * strange one, whose parts are deflated alone) has no back-reference reaching
 * into a nonce, the one thing that differs between answers.
 */
export function gzipBody(page: StoredPage, nonce: Buffer): Buffer[] {
	let template = gzipTemplates.get(page)
	if (!template) {
		template = deflateParts(page.bodyParts, nonce.byteLength)
		gzipTemplates.set(page, template)
	}
	if (template.nonceLength !== nonce.byteLength) return [zlib.gzipSync(Buffer.concat(withNonce(page.bodyParts, nonce)))]
	const nonceBlock = storedBlock(nonce)
	let crc = template.firstPartCrc
	const body: Buffer[] = [GZIP_HEADER, template.deflatedParts[0]!]
	for (let index = 1; index < page.bodyParts.length; index++) {
		crc = zlib.crc32(page.bodyParts[index]!, zlib.crc32(nonce, crc))
		body.push(nonceBlock, template.deflatedParts[index]!)
	}
	const trailer = Buffer.alloc(8)
	trailer.writeUInt32LE(crc >>> 0, 0)
	trailer.writeUInt32LE((template.uncompressedBytes + nonce.byteLength * (page.bodyParts.length - 1)) % 2 ** 32, 4)
	body.push(FINAL_EMPTY_BLOCK, trailer)
	return body
}

function deflateParts(parts: Buffer[], nonceLength: number): GzipTemplate {
	const nonceStandIn = Buffer.alloc(nonceLength)
	// A page with a NUL byte of its own could match the stand-in: its parts are deflated alone.
	const referBack = !parts.some((part) => part.includes(0))
	const deflatedParts: Buffer[] = []
	let preceding: Buffer = Buffer.alloc(0)
	for (const [index, part] of parts.entries()) {
		const dictionary = preceding.subarray(Math.max(0, preceding.byteLength - DEFLATE_WINDOW_BYTES))
		deflatedParts.push(zlib.deflateRawSync(part, { finishFlush: zlib.constants.Z_SYNC_FLUSH, ...(index > 0 && referBack ? { dictionary } : {}) }))
		preceding = Buffer.concat(index === parts.length - 1 ? [] : [dictionary, part, nonceStandIn])
	}
	return {
		deflatedParts,
		firstPartCrc: zlib.crc32(parts[0]!),
		uncompressedBytes: parts.reduce((sum, part) => sum + part.byteLength, 0),
		nonceLength,
	}
}

/** A non-final stored deflate block holding `bytes` (at most 65,535 of them). */
function storedBlock(bytes: Buffer) {
	const block = Buffer.alloc(5 + bytes.byteLength)
	block[0] = 0x00
	block.writeUInt16LE(bytes.byteLength, 1)
	block.writeUInt16LE(~bytes.byteLength & 0xffff, 3)
	bytes.copy(block, 5)
	return block
}

interface CapturedAnswer {
	status: number
	headers: OutgoingHttpHeaders
	body: Buffer | null
}

/**
 * Calls `done` with what the app wrote, once it has all been written. Headers
 * are read when they are sent, before compression (mounted earlier, so wrapped
 * inside this) adds its Content-Encoding; the body as the app wrote it.
 */
function captureAnswer(res: Response, done: (answer: CapturedAnswer) => void) {
	let headers: OutgoingHttpHeaders | undefined
	let status = 0
	let chunks: Buffer[] | null = []
	let size = 0
	const collect = (chunk: unknown, encoding: unknown) => {
		if (!chunks || chunk === undefined || chunk === null || typeof chunk === 'function') return
		const buffer = Buffer.isBuffer(chunk)
			? chunk
			: typeof chunk === 'string'
				? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
				: chunk instanceof Uint8Array
					? Buffer.from(chunk)
					: null
		if (!buffer) return void (chunks = null)
		size += buffer.length
		if (size > MAX_STORED_BODY_BYTES) chunks = null
		else chunks.push(buffer)
	}
	const writeHead = res.writeHead
	res.writeHead = function (this: Response, ...args: unknown[]) {
		status = typeof args[0] === 'number' ? args[0] : res.statusCode
		headers = { ...res.getHeaders() }
		const extra = args.slice(1).find((arg) => arg && typeof arg === 'object' && !Array.isArray(arg)) as OutgoingHttpHeaders | undefined
		if (extra) for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value
		return (writeHead as (...a: unknown[]) => Response).apply(this, args)
	} as Response['writeHead']
	const write = res.write
	res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
		collect(chunk, rest[0])
		return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest)
	} as Response['write']
	const end = res.end
	res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
		collect(chunk, rest[0])
		const result = (end as (...a: unknown[]) => Response).call(this, chunk, ...rest)
		if (headers) done({ status, headers, body: chunks ? Buffer.concat(chunks) : null })
		return result
	} as Response['end']
}

function headerText(value: OutgoingHttpHeaders[string]) {
	return Array.isArray(value) ? value.join(', ') : value === undefined ? undefined : String(value)
}

/** The page to keep, or null when the answer must not be kept (not a public 200 of text, or it sets a cookie). */
function storablePage({ status, headers, body }: CapturedAnswer, lifetimeMs: number): StoredPage | null {
	if (status !== 200 || !body || headers['set-cookie'] !== undefined) return null
	if (!isPublicCacheControl(headerText(headers['cache-control']) ?? '')) return null
	if (!TEXT_CONTENT_TYPE.test(headerText(headers['content-type']) ?? '')) return null
	const policy = headerText(headers['content-security-policy'])
	const nonce = policy ? /'nonce-([^']+)'/.exec(policy)?.[1] : undefined
	const kept: Array<[string, string]> = []
	for (const [name, value] of Object.entries(headers)) {
		const lower = name.toLowerCase()
		const textValue = headerText(value)
		if (PER_ANSWER_HEADERS.has(lower) || textValue === undefined || (nonce && lower === 'content-security-policy')) continue
		kept.push([lower, textValue])
	}
	const storedAt = Date.now()
	return {
		status,
		headers: kept,
		policyParts: nonce ? policy!.split(nonce) : undefined,
		bodyParts: nonce ? splitBuffer(body, Buffer.from(nonce)) : [body],
		etag: headerText(headers.etag),
		storedAt,
		expiresAt: storedAt + lifetimeMs,
		staleUntil: storedAt + 2 * lifetimeMs,
	}
}

function splitBuffer(buffer: Buffer, separator: Buffer) {
	const parts: Buffer[] = []
	let start = 0
	for (let at = buffer.indexOf(separator); at !== -1; at = buffer.indexOf(separator, start)) {
		parts.push(buffer.subarray(start, at))
		start = at + separator.length
	}
	parts.push(buffer.subarray(start))
	return parts
}
