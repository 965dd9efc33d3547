/**
 * The cookie session: HttpOnly, SameSite=Lax, Secure in production, signed
 * with SESSION_SECRET. It holds ids only; turning the id into a user is the
 * user model's job (app/models/auth.server.ts: getOptionalUser, requireUser).
 */
import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { getEnv } from './env.server.ts'

/** The session cookie's name; the page cache (server/page-cache.ts) never serves or keeps a request that carries it. */
export const SESSION_COOKIE_NAME = '__bazaar_session'
export const SESSION_USER_KEY = 'userId'
/** A template id an anonymous visitor asked to favorite: done as soon as they sign in. */
export const SESSION_PENDING_FAVORITE_KEY = 'pendingFavorite'
/** Where to go after a round trip to an OAuth provider. */
export const SESSION_RETURN_TO_KEY = 'returnTo'
const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 30

type SessionData = {
	[SESSION_USER_KEY]: string
	[SESSION_PENDING_FAVORITE_KEY]: string
	[SESSION_RETURN_TO_KEY]: string
}
let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined

export function sessionStorage() {
	if (!storage) {
		const env = getEnv()
		storage = createCookieSessionStorage<SessionData>({
			cookie: {
				name: SESSION_COOKIE_NAME,
				httpOnly: true,
				sameSite: 'lax',
				path: '/',
				secure: env.isProduction,
				secrets: [env.SESSION_SECRET],
				maxAge: SESSION_MAX_AGE_SECONDS,
			},
		})
	}
	return storage
}

/** Reads only the request's Cookie header. */
export async function getSession(request: Pick<Request, 'headers'>) {
	return sessionStorage().getSession(request.headers.get('Cookie'))
}

export async function getUserId(request: Pick<Request, 'headers'>): Promise<string | null> {
	const session = await getSession(request)
	const userId = session.get(SESSION_USER_KEY)
	return typeof userId === 'string' && userId.length > 0 ? userId : null
}

/** A same-site relative path to come back to, or `/`. Rejects `//host`, `/\host` and absolute URLs (no open redirect). */
export function safeReturnTo(value: unknown, fallback = '/') {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
	try {
		const url = new URL(value, 'http://same.site')
		return url.origin === 'http://same.site' ? `${url.pathname}${url.search}${url.hash}` : fallback
	} catch {
		return fallback
	}
}

/** The sign-in page, coming back to `returnTo` (same-site paths only) afterwards; `error` names a failed sign-in to explain. */
export function loginPath(returnTo: unknown, { error }: { error?: 'bazaar' } = {}) {
	return `/login?${error ? `error=${error}&` : ''}returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`
}

/** A redirect to sign in that brings the visitor back to `returnTo`, or to the page they asked for. */
export function loginRedirect(request: Request, returnTo?: string) {
	const url = new URL(request.url)
	return redirect(loginPath(returnTo ?? `${url.pathname}${url.search}`))
}

export async function destroyUserSession(request: Request, returnTo = '/') {
	const session = await getSession(request)
	return redirect(safeReturnTo(returnTo), { headers: { 'Set-Cookie': await sessionStorage().destroySession(session) } })
}
