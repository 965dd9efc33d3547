/**
 * Cross-site request forgery defence. A state-changing request (anything but
 * GET/HEAD/OPTIONS) must come from our own origin: browsers tell us through
 * `Sec-Fetch-Site` and `Origin`, and a cross-site one is refused with 403.
 * Requests that carry neither header (curl, server-to-server, tests) are not
 * browser form posts and pass; they cannot ride a visitor's cookie anyway.
 * Bearer-token API calls do not use the cookie and skip this check.
 */
import { apiError } from './http.server.ts'
import { getEnv } from './env.server.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isSafeMethod(request: Request) {
	return SAFE_METHODS.has(request.method.toUpperCase())
}

function ownOrigins(request: Request) {
	const origins = new Set([new URL(request.url).origin])
	const publicUrl = getEnv().PUBLIC_URL
	if (publicUrl) origins.add(new URL(publicUrl).origin)
	return origins
}

/**
 * True when the browser says a request was started by another site (or an
 * opaque origin). `ownOrigins` are the origins this site answers on.
 */
export function isCrossOriginSubmission(headers: Pick<Headers, 'get'>, ownOrigins: Iterable<string>) {
	const fetchSite = headers.get('sec-fetch-site')
	// `none` is a user-initiated navigation (address bar, bookmark): not forged.
	if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return true
	const origin = headers.get('origin')
	if (origin === null) return false
	return !new Set(ownOrigins).has(origin)
}

export function isCrossOriginRequest(request: Request) {
	return isCrossOriginSubmission(request.headers, ownOrigins(request))
}

/**
 * For the HTTP server (server/cross-site.ts), before Remix runs: a state-changing page
 * request from another origin gets a 403 (Remix itself would abort such an
 * action with a bare 500). `/api/` is left to the routes: Bearer-token and
 * beacon calls come from other origins by design.
 */
export function refuseCrossSitePagePost(method: string, path: string, headers: Pick<Headers, 'get'>, requestOrigin: string) {
	if (SAFE_METHODS.has(method.toUpperCase()) || path.startsWith('/api/')) return false
	const origins = [requestOrigin]
	const publicUrl = getEnv().PUBLIC_URL
	if (publicUrl) origins.push(new URL(publicUrl).origin)
	return isCrossOriginSubmission(headers, origins)
}

/** Throws a 403 when a state-changing request comes from another origin. */
export function requireSameOrigin(request: Request) {
	if (isSafeMethod(request)) return
	if (isCrossOriginRequest(request)) {
		throw apiError('forbidden', 'Cross-site requests cannot change anything here. Use the form on this site.')
	}
}
