/**
 * The cookie session: HttpOnly, SameSite=Lax, Secure in production, signed
 * with SESSION_SECRET. Helpers read like sentences: getUserId, requireUserId.
 */
import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { db } from '#app/db/client.server.ts'
import { type User, users } from '#app/db/schema.ts'
import { requireSameOrigin } from './csrf.server.ts'
import { getEnv } from './env.server.ts'

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
				name: '__bazaar_session',
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

export async function getSession(request: Request) {
	return sessionStorage().getSession(request.headers.get('Cookie'))
}

export async function getUserId(request: Request): Promise<string | null> {
	const session = await getSession(request)
	const userId = session.get(SESSION_USER_KEY)
	return typeof userId === 'string' && userId.length > 0 ? userId : null
}

export async function getOptionalUser(request: Request): Promise<User | null> {
	const userId = await getUserId(request)
	if (!userId) return null
	const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1)
	return user ?? null
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

export function loginRedirect(request: Request, returnTo?: string) {
	const url = new URL(request.url)
	const target = safeReturnTo(returnTo ?? `${url.pathname}${url.search}`)
	return redirect(`/login?returnTo=${encodeURIComponent(target)}`)
}

/**
 * The signed-in user's id, or a redirect to sign-in that brings them back here.
 * A state-changing request must also come from our own origin (403 otherwise),
 * so every action that needs a user is protected against cross-site posts.
 */
export async function requireUserId(request: Request, { returnTo }: { returnTo?: string } = {}) {
	requireSameOrigin(request)
	const userId = await getUserId(request)
	if (!userId) throw loginRedirect(request, returnTo)
	return userId
}

export async function requireUser(request: Request, options: { returnTo?: string } = {}) {
	requireSameOrigin(request)
	const user = await getOptionalUser(request)
	if (!user) throw loginRedirect(request, options.returnTo)
	return user
}

export async function createUserSession(request: Request, userId: string, returnTo: string) {
	const session = await getSession(request)
	session.set(SESSION_USER_KEY, userId)
	return redirect(safeReturnTo(returnTo), { headers: { 'Set-Cookie': await sessionStorage().commitSession(session) } })
}

export async function destroyUserSession(request: Request, returnTo = '/') {
	const session = await getSession(request)
	return redirect(safeReturnTo(returnTo), { headers: { 'Set-Cookie': await sessionStorage().destroySession(session) } })
}
