/**
 * HTTP caching for the public pages and the read API. Anonymous GETs are
 * shared-cacheable (a CDN keeps them `s-maxage`, serves them stale while it
 * revalidates) and carry an ETag answered with 304; anything personal (a
 * signed-in visitor) is `private`. `Vary: Cookie` keeps a CDN from handing
 * an anonymous copy to a signed-in visitor or the reverse.
 */
import { createHash } from 'node:crypto'

export const PUBLIC_CACHE = { sMaxAge: 60, staleWhileRevalidate: 600 }

export function cacheControl({ personal }: { personal: boolean }, policy = PUBLIC_CACHE) {
	return personal
		? 'private, no-cache'
		: `public, max-age=0, s-maxage=${policy.sMaxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`
}

/** Headers for a page or API answer: cache policy plus `Vary: Cookie`. */
export function cacheHeaders(options: { personal: boolean }, policy = PUBLIC_CACHE): Record<string, string> {
	return { 'Cache-Control': cacheControl(options, policy), Vary: 'Cookie' }
}

/** Whether a Cache-Control value lets shared caches (a CDN, the page cache) keep the answer. */
export function isPublicCacheControl(cacheControlValue: string) {
	return /(^|,)\s*public\b/.test(cacheControlValue) && !/(^|,)\s*(private|no-store)\b/.test(cacheControlValue)
}

export function isSharedCacheable(headers: Headers) {
	return isPublicCacheControl(headers.get('Cache-Control') ?? '')
}

/**
 * A weak ETag from what a page shows: row versions (updated_at), counters and
 * whatever else the loader read, never its rendered bytes. app/entry.server.tsx
 * adds the build's version (markup and scripts change with a deploy) and answers
 * a match with 304 before rendering anything.
 */
export function dataEtag(versions: ReadonlyArray<string | number | boolean | null | undefined>) {
	return `W/"${createHash('sha1').update(versions.map((part) => String(part ?? '')).join('\u0001')).digest('base64url').slice(0, 20)}"`
}

/** A page's ETag: its data's, tied to the build that renders it. */
export function pageEtag(dataTag: string, buildVersion: string) {
	return `W/"${buildVersion}.${dataTag.replace(/^W\//, '').replaceAll('"', '')}"`
}

/** A 304 for `headers` (no body, so no Content-Type, and no policy for a body it does not send). */
export function notModified(headers: Headers) {
	const answer = new Headers(headers)
	answer.delete('Content-Length')
	answer.delete('Content-Type')
	answer.delete('Content-Security-Policy')
	return new Response(null, { status: 304, headers: answer })
}

export function weakEtag(body: string | Uint8Array) {
	return `W/"${createHash('sha1').update(body).digest('base64url')}"`
}

/** Whether an If-None-Match header names `etag` (weak comparison). */
export function etagMatches(ifNoneMatch: string | null, etag: string) {
	if (!ifNoneMatch) return false
	const bare = etag.replace(/^W\//, '')
	return ifNoneMatch.split(',').some((candidate) => {
		const value = candidate.trim()
		return value === '*' || value.replace(/^W\//, '') === bare
	})
}

/**
 * Adds an ETag to a cacheable 200 answer (reading its body) and turns it into
 * a 304 when the request already holds that version. Other answers pass through.
 *
 * `ignoring` is a per-request string inside the body (the page's CSP nonce): the
 * ETag is computed without it, so an unchanged page still answers 304. A 304
 * then carries no Content-Security-Policy, so the cache keeps the policy it
 * stored with its body, whose nonce matches that body (docs/security.md).
 */
export async function withEtag(request: Request, response: Response, { ignoring }: { ignoring?: string } = {}): Promise<Response> {
	if (!['GET', 'HEAD'].includes(request.method) || response.status !== 200 || !isSharedCacheable(response.headers)) return response
	const body = new Uint8Array(await response.arrayBuffer())
	const etag = weakEtag(ignoring ? new TextDecoder().decode(body).replaceAll(ignoring, '') : body)
	const headers = new Headers(response.headers)
	headers.set('ETag', etag)
	if (etagMatches(request.headers.get('If-None-Match'), etag)) {
		headers.delete('Content-Length')
		headers.delete('Content-Type')
		if (ignoring) headers.delete('Content-Security-Policy')
		return new Response(null, { status: 304, headers })
	}
	return new Response(body, { status: 200, headers })
}

/** A JSON answer with the cache policy and an ETag (304 when unchanged). */
export function cachedJson(request: Request, value: unknown, options: { personal: boolean }, policy = PUBLIC_CACHE) {
	return withEtag(request, Response.json(value, { headers: cacheHeaders(options, policy) }))
}
