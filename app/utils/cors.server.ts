/**
 * CORS for the JSON API (`/api/`), so the widget can call it from the pages
 * that embed it. Only origins listed in WIDGET_ALLOWED_ORIGINS get an
 * `Access-Control-Allow-Origin`; everyone else gets no CORS headers at all, so
 * the browser refuses to hand them the answer. Credentials are never allowed:
 * the widget authenticates with a Bearer token, not with cookies.
 *
 * Remix refuses OPTIONS before any route runs, and a route's thrown Response
 * skips its own code, so the server (server/cors.ts) applies these to every `/api/` request
 * (see docs/widget.md, "CORS"). `withCors` is idempotent, so a route may also
 * call it (to be explicit) without doubling headers.
 */
import { getEnv } from '#app/utils/env.server.ts'

export const CORS_ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'] as const
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type'] as const
/** Headers the widget must read on cross-origin answers (429's wait). */
export const CORS_EXPOSED_HEADERS = ['Retry-After'] as const
/** How long a browser may reuse a preflight answer, in seconds. */
export const CORS_PREFLIGHT_MAX_AGE = 600

function allowedOrigins() {
	return getEnv().WIDGET_ALLOWED_ORIGINS
}

export function isAllowedOrigin(origin: string | null | undefined, allowed: readonly string[] = allowedOrigins()): origin is string {
	return Boolean(origin) && origin !== 'null' && allowed.includes(origin!)
}

/**
 * The CORS headers an actual (non-preflight) answer to `origin` carries.
 * `Vary: Origin` is always there, because the answer differs by origin and a
 * shared cache must not serve one origin's answer to another.
 */
export function corsHeaders(origin: string | null | undefined, allowed: readonly string[] = allowedOrigins()): Record<string, string> {
	if (!isAllowedOrigin(origin, allowed)) return { Vary: 'Origin' }
	return {
		Vary: 'Origin',
		'Access-Control-Allow-Origin': origin,
		'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS.join(', '),
	}
}

function mergeVary(existing: string | null, value: string) {
	const parts = (existing ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
	if (parts.includes('*') || parts.some((part) => part.toLowerCase() === value.toLowerCase())) return parts.join(', ')
	return [...parts, value].join(', ')
}

/** `response` with the CORS headers for `request`'s origin (a copy when its headers are immutable). */
export function withCors(request: Request, response: Response): Response {
	const headers = corsHeaders(request.headers.get('Origin'))
	let target = response
	try {
		applyHeaders(target.headers, headers)
	} catch {
		// Responses that came from fetch() have immutable headers.
		target = new Response(response.body, response)
		applyHeaders(target.headers, headers)
	}
	return target
}

function applyHeaders(target: Headers, headers: Record<string, string>) {
	for (const [name, value] of Object.entries(headers)) {
		if (name === 'Vary') target.set('Vary', mergeVary(target.get('Vary'), value))
		else target.set(name, value)
	}
}

/**
 * The answer to a preflight (`OPTIONS`) request: 204 with the allowed
 * methods and headers when the origin is allowed and asks for what we allow,
 * 403 without any CORS header otherwise (the browser then blocks the call).
 */
export function corsPreflight(request: Request, allowed: readonly string[] = allowedOrigins()): Response {
	const origin = request.headers.get('Origin')
	const method = (request.headers.get('Access-Control-Request-Method') ?? '').toUpperCase()
	const requestedHeaders = (request.headers.get('Access-Control-Request-Headers') ?? '')
		.split(',')
		.map((header) => header.trim().toLowerCase())
		.filter(Boolean)
	const allowedHeaders = CORS_ALLOWED_HEADERS.map((header) => header.toLowerCase())
	const acceptable =
		isAllowedOrigin(origin, allowed) &&
		(CORS_ALLOWED_METHODS as readonly string[]).includes(method) &&
		requestedHeaders.every((header) => allowedHeaders.includes(header))
	if (!acceptable) {
		return new Response(null, { status: 403, headers: { Vary: 'Origin', 'Cache-Control': 'no-store' } })
	}
	return new Response(null, {
		status: 204,
		headers: {
			...corsHeaders(origin, allowed),
			Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
			'Access-Control-Allow-Methods': CORS_ALLOWED_METHODS.join(', '),
			'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
			'Access-Control-Max-Age': String(CORS_PREFLIGHT_MAX_AGE),
		},
	})
}
