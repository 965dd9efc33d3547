/**
 * "The database cannot be reached" is a 503, not a 500 (docs/security.md,
 * "Database outages"). One mechanism for every route: the server wraps each
 * route module's loader and action once, when it loads the build
 * (server/app-build.ts), so a connection error thrown anywhere below a route becomes
 *
 * - a page route: a thrown 503 `data()`, which the root ErrorBoundary renders
 *   ("We are having trouble reaching our database"), for documents and for
 *   client-side data requests alike;
 * - an API route (`/api/…`): `{ error: { code: 'service_unavailable' } }`;
 * - any other resource route (sitemap, previews, widget): a plain-text 503.
 *
 * All carry `Retry-After` and `Cache-Control: no-store`. Other errors pass
 * through untouched. postgres.js fails fast on a refused connection and gives
 * up connecting after 5 s (app/db/client.server.ts), so nothing hangs.
 */
import type { ServerBuild } from '@remix-run/node'
import { data } from '@remix-run/node'
import { checkDatabaseHealth } from '#app/db/client.server.ts'
import { apiError, isDatabaseUnavailable } from './http.server.ts'

export const OUTAGE_RETRY_AFTER_SECONDS = 5
export const OUTAGE_MESSAGE = 'The database cannot be reached right now. Please try again in a moment.'
const LOG_EVERY_MS = 5_000

type RouteKind = 'page' | 'api' | 'resource'
type DataFunction = (args: { request: Request }) => unknown

let lastLoggedAt = 0
function logOutage(error: unknown) {
	// An outage under load would otherwise print one stack per request.
	const now = Date.now()
	if (now - lastLoggedAt < LOG_EVERY_MS) return
	lastLoggedAt = now
	console.error(`Database unavailable; answering 503: ${error instanceof Error ? error.message : String(error)}`)
}

function outageAnswer(kind: RouteKind) {
	const headers = { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' }
	if (kind === 'api') return apiError('service_unavailable', OUTAGE_MESSAGE, { headers })
	if (kind === 'page') return data({ message: OUTAGE_MESSAGE }, { status: 503, headers })
	return new Response(OUTAGE_MESSAGE, { status: 503, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * A loader or action still running after this long makes us ask the database
 * whether it is there (one `select 1`, shared by every request asking).
 * postgres.js 3.4.9 can leave a query waiting for as long as the server keeps
 * refusing new sessions (a failover, ALLOW_CONNECTIONS false: it reconnects
 * without ever failing the query, porsager/postgres#1193); without this, such
 * a request hung instead of answering 503.
 */
export const OUTAGE_SUSPECT_AFTER_MS = 3_000
const PROBE_TIMEOUT_MS = 1_000
const STILL_RUNNING = Symbol('still running')

let probeInFlight: Promise<boolean> | undefined
function databaseAnswers() {
	probeInFlight ??= checkDatabaseHealth(PROBE_TIMEOUT_MS)
		.then((health) => health.ok)
		.finally(() => (probeInFlight = undefined))
	return probeInFlight
}

async function unlessDatabaseIsGone<T>(running: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined
	const suspect = new Promise<typeof STILL_RUNNING>((resolve) => {
		timer = setTimeout(() => resolve(STILL_RUNNING), OUTAGE_SUSPECT_AFTER_MS)
	})
	try {
		const first = await Promise.race([running, suspect])
		if (first !== STILL_RUNNING) return first
		if (await databaseAnswers()) return await running
		// Its outcome no longer matters (and must not become an unhandled rejection).
		running.catch(() => {})
		throw Object.assign(new Error(`no answer within ${OUTAGE_SUSPECT_AFTER_MS} ms and the database does not answer`), { code: 'CONNECT_TIMEOUT' })
	} finally {
		clearTimeout(timer)
	}
}

/**
 * Whether work that failed with `error` met a session PostgreSQL had already
 * ended rather than a database that is gone: a connection error while the
 * database answers again. As PostgreSQL comes back, a pooled session it
 * terminated while stopping can hand its first query that old error (57P01,
 * "terminating connection due to administrator command", or the socket's
 * ECONNRESET), although the database answers on another session (one request
 * in about 170 after recovery met it, in tests/faults/database-outage;
 * checkDatabaseHealth retries for the same reason). Work that is safe to repeat
 * is then run once more.
 */
export async function failedOnAnEndedSession(error: unknown): Promise<boolean> {
	return isDatabaseUnavailable(error) && (await databaseAnswers())
}

/**
 * The loader or action, with "database unreachable" answered as a 503 of the
 * route's kind.
 *
 * A loader (a read) that failed on an ended session (`failedOnAnEndedSession`)
 * is run once more. Actions are never run twice; the events intake repeats
 * only its INSERT, which ids make idempotent (app/models/event.server.ts).
 * (A signed-in visitor's template page records its view in its loader: if the
 * first run recorded it and then failed, it counts twice.)
 */
export function answeringDatabaseOutages<Args, Result>(
	run: (args: Args) => Result | Promise<Result>,
	kind: RouteKind,
	{ retryWhenBack = false }: { retryWhenBack?: boolean } = {},
): (args: Args) => Promise<Result> {
	return async (args: Args) => {
		try {
			return await unlessDatabaseIsGone(Promise.resolve(run(args)))
		} catch (error) {
			if (!isDatabaseUnavailable(error)) throw error
			if (retryWhenBack && (await failedOnAnEndedSession(error))) {
				try {
					return await unlessDatabaseIsGone(Promise.resolve(run(args)))
				} catch (again) {
					if (!isDatabaseUnavailable(again)) throw again
				}
			}
			logOutage(error)
			throw outageAnswer(kind)
		}
	}
}

type HeadersArgs = { parentHeaders: Headers; errorHeaders?: Headers }
type RouteHeaders = ((args: HeadersArgs) => HeadersInit) | HeadersInit | undefined

/**
 * A page's document takes its headers from the route `headers` functions, and
 * Remix hands a thrown answer's headers only to the route that renders the
 * error (usually the root, which exports none): without this, the 503 page
 * went out without its Retry-After and no-store. The route's own headers are
 * kept (its parent's when it exports none, as Remix does).
 */
function keepingErrorRetryHeaders(original: RouteHeaders) {
	return (args: HeadersArgs) => {
		const headers = new Headers(original === undefined ? args.parentHeaders : typeof original === 'function' ? original(args) : original)
		const retryAfter = args.errorHeaders?.get('Retry-After')
		if (retryAfter) {
			headers.set('Retry-After', retryAfter)
			headers.set('Cache-Control', args.errorHeaders?.get('Cache-Control') ?? 'no-store')
		}
		return headers
	}
}

function routeKind(route: ServerBuild['routes'][string]): RouteKind {
	if (route.module.default) return 'page'
	return route.path?.startsWith('api/') || route.id.startsWith('routes/api.') ? 'api' : 'resource'
}

/** A copy of the server build whose every loader and action answers a database outage with a 503 (pages with their Retry-After). */
export function withDatabaseOutageAnswers(build: ServerBuild): ServerBuild {
	const routes = Object.fromEntries(
		Object.entries(build.routes).map(([id, route]) => {
			const kind = routeKind(route)
			const module = { ...route.module }
			if (module.loader) module.loader = answeringDatabaseOutages(module.loader as DataFunction, kind, { retryWhenBack: true }) as typeof module.loader
			if (module.action) module.action = answeringDatabaseOutages(module.action as DataFunction, kind) as typeof module.action
			if (kind === 'page') module.headers = keepingErrorRetryHeaders(module.headers as RouteHeaders) as typeof module.headers
			return [id, { ...route, module }]
		}),
	)
	return { ...build, routes }
}
