/**
 * HTTP helpers shared by routes: the JSON error shape of docs/architecture.md
 * (`{ error: { code, message, issues? } }`), zod-issue formatting, and the
 * mapping of "database unreachable" to 503.
 */
import type { HeadersFunction } from '@remix-run/node'
import type { z } from 'zod'

export type ApiErrorCode =
	| 'bad_request'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'payload_too_large'
	| 'rate_limited'
	| 'unsupported_media_type'
	| 'method_not_allowed'
	| 'service_unavailable'

export interface ApiIssue {
	path: string
	message: string
}

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
	bad_request: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	method_not_allowed: 405,
	conflict: 409,
	payload_too_large: 413,
	unsupported_media_type: 415,
	rate_limited: 429,
	service_unavailable: 503,
}

export function apiError(code: ApiErrorCode, message: string, options: { issues?: ApiIssue[]; headers?: HeadersInit } = {}) {
	const headers = new Headers(options.headers)
	headers.set('Cache-Control', 'no-store')
	return Response.json(
		{ error: { code, message, ...(options.issues ? { issues: options.issues } : {}) } },
		{ status: STATUS_BY_CODE[code], headers },
	)
}

/** Status and `Retry-After` of a refusal by a rate limit (a JSON API error or a form page's data). */
export function rateLimitedInit(retryAfterSeconds: number) {
	return { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } }
}

/**
 * A form page's `headers`: Remix sends a document only the headers this returns,
 * so a refused action's `Retry-After` (rateLimitedInit) must be passed on here.
 */
export const formPageHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => (actionHeaders.has('Retry-After') ? actionHeaders : loaderHeaders)

/** The 429 of every rate-limited API call: the JSON error, saying how long to wait. */
export function rateLimited(message: string, retryAfterSeconds: number) {
	return apiError('rate_limited', message, { headers: rateLimitedInit(retryAfterSeconds).headers })
}

/** Throws a plain 404 page that no cache keeps (a page that must not reveal whether the thing exists). */
export function notFound(message = 'Not Found'): never {
	throw new Response(message, { status: 404, headers: { 'Cache-Control': 'no-store' } })
}

export function formatZodIssues(error: z.ZodError): ApiIssue[] {
	return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }))
}

/** A 400 answer listing what was wrong with the input. */
export function invalidInput(error: z.ZodError, message = 'The request is not valid') {
	return apiError('bad_request', message, { issues: formatZodIssues(error) })
}

/**
 * Error codes that mean "no usable connection to the database": Node's socket
 * errors and postgres.js's own connection codes.
 */
const CONNECTION_ERROR_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
])
/**
 * SQLSTATEs of a server that will not serve us right now: the session was
 * ended (57P01 admin shutdown, which is what pg_terminate_backend and a
 * failover send; 57P02 crash; 57P03 starting up or shutting down; 57P04
 * database dropped; 57P05 idle session timeout) or no connection is to be
 * had (53300 too many connections). Class 08 (connection exception) is matched
 * by its prefix.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P04', '57P05', '53300'])
/** What PGlite says once it is closed or closing (no code). */
const CLOSED_EMBEDDED_DATABASE = /^PGlite is clos(ed|ing)$/

function isConnectionLevelError(candidate: { code?: unknown; severity?: unknown; message?: unknown }) {
	const { code, severity } = candidate
	if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true
	// A FATAL (or PANIC) error ends the session: at connect time it is how PostgreSQL refuses
	// us, e.g. 'database "x" is not currently accepting connections' (55000, ALLOW_CONNECTIONS false).
	if (severity === 'FATAL' || severity === 'PANIC') return true
	return typeof candidate.message === 'string' && CLOSED_EMBEDDED_DATABASE.test(candidate.message)
}

/**
 * True when an error means "the database cannot be reached right now" rather
 * than a bug: it is answered with a 503 and Retry-After, and the pool
 * reconnects by itself once the database is back. Looks through `cause`
 * (Drizzle wraps driver errors).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	let current: unknown = error
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		if (isConnectionLevelError(current as Record<string, unknown>)) return true
		current = (current as { cause?: unknown }).cause
	}
	return false
}

const FORM_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])
/**
 * Far larger than any form on the site (the longest field is a 5,000-character
 * description), yet room for a pasted megabyte: that reaches validation and is
 * refused next to its field, with the rest of the form kept, instead of a bare 413.
 */
export const MAX_FORM_BYTES = 4 * 1024 * 1024

/**
 * The body of a form post. Anything that is not a form (JSON, text, broken
 * multipart, an oversized body) is thrown as a 4xx with a message instead of
 * the TypeError `request.formData()` would throw (a 500).
 */
export async function readFormData(request: Request): Promise<FormData> {
	const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''
	if (!FORM_CONTENT_TYPES.has(contentType)) {
		throw apiError('unsupported_media_type', 'Send this form as application/x-www-form-urlencoded or multipart/form-data')
	}
	const declared = Number(request.headers.get('content-length'))
	if (Number.isFinite(declared) && declared > MAX_FORM_BYTES) throw apiError('payload_too_large', 'The form is too large')
	try {
		return await request.formData()
	} catch {
		throw apiError('bad_request', 'The form could not be read')
	}
}

export type JsonBody = { ok: true; body: unknown } | { ok: false; response: Response }

/**
 * The JSON body of an API call, reading at most `maxBytes`: a body that is
 * larger (by its Content-Length or by what really arrives) is refused with a
 * 413 without reading the rest into memory, one that is not JSON with a 400.
 * An empty body is `emptyBody` when the call allows one, else not JSON.
 */
export async function readJsonBody(request: Request, options: { maxBytes: number; emptyBody?: unknown }): Promise<JsonBody> {
	return parseJsonBody(await readBytesWithCap(request, options.maxBytes), options)
}

const utf8 = new TextDecoder()

/**
 * The same answers for a body already read (the server reads some bodies
 * itself, server/events-intake.ts): null or more than `maxBytes` is a 413.
 */
export function parseJsonBody(bytes: Uint8Array | null, { maxBytes, emptyBody }: { maxBytes: number; emptyBody?: unknown }): JsonBody {
	if (bytes === null || bytes.byteLength > maxBytes) return { ok: false, response: apiError('payload_too_large', `The body is larger than ${maxBytes} bytes`) }
	const text = utf8.decode(bytes)
	if (emptyBody !== undefined && text.trim() === '') return { ok: true, body: emptyBody }
	try {
		return { ok: true, body: JSON.parse(text) }
	} catch {
		return { ok: false, response: apiError('bad_request', 'The body is not JSON') }
	}
}


/** Reads at most `limit` bytes of the body; null when it is larger (whatever Content-Length claims). */
export async function readBytesWithCap(request: Request, limit: number): Promise<Uint8Array | null> {
	const declared = Number(request.headers.get('content-length'))
	if (Number.isFinite(declared) && declared > limit) return null
	if (!request.body) return new Uint8Array()
	const reader = request.body.getReader()
	const chunks: Uint8Array[] = []
	let total = 0
	for (;;) {
		const { done, value } = await reader.read()
		if (done) break
		total += value.byteLength
		if (total > limit) {
			await reader.cancel().catch(() => {})
			return null
		}
		chunks.push(value)
	}
	return Buffer.concat(chunks)
}
