/**
 * Who is asking, and signing in. A page's user comes from the cookie session
 * (app/utils/session.server.ts holds only the id); an API caller's from an
 * editor token (`Authorization: Bearer`) or the session. Helpers read like
 * sentences: getOptionalUser, requireUser, requireApiUser, requireAdminOr404.
 *
 * Sign-in goes through remix-auth v4, which only authenticates; the cookie
 * session is ours. Strategies:
 * - `demo`   (remix-auth-form): sign in as a seeded demo user, no password. On
 *            outside production and in the embedded demo; in production only with AUTH_DEMO_LOGIN=1.
 * - `bazaar` (editor single sign-on): `GET /auth/bazaar?token=…`, the editor-signed JWT.
 * - `github` (remix-auth-github): when GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are set.
 */
import { redirect } from '@remix-run/node'
import { Authenticator } from 'remix-auth'
import { FormStrategy } from 'remix-auth-form'
import { GitHubStrategy } from 'remix-auth-github'
import { Strategy } from 'remix-auth/strategy'
import { z } from 'zod'
import type { User } from '#app/db/schema.ts'
import { bearerToken, InvalidBazaarTokenError, verifyBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { requireSameOrigin } from '#app/utils/csrf.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { apiError, notFound } from '#app/utils/http.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { getSession, getUserId, loginPath, loginRedirect, SESSION_PENDING_FAVORITE_KEY, SESSION_RETURN_TO_KEY, SESSION_USER_KEY, safeReturnTo, sessionStorage } from '#app/utils/session.server.ts'
import { requestContext } from './event.server.ts'
import { completePendingFavorite } from './favorite.server.ts'
import { findDemoUserByEmail, findOrCreateGitHubUser, findOrCreateUserFromToken, findUserById, type GitHubProfile } from './user.server.ts'

// ---------------------------------------------------------------------------
// Who is asking
// ---------------------------------------------------------------------------

/** The signed-in user, or null (signed out, or the session names a user that is gone). */
export async function getOptionalUser(request: Request): Promise<User | null> {
	const userId = await getUserId(request)
	return userId ? findUserById(userId) : null
}

/**
 * The signed-in user, or a redirect to sign-in that brings them back here.
 * A state-changing request must also come from our own origin (403 otherwise),
 * so every action that needs a user is protected against cross-site posts.
 */
export async function requireUser(request: Request, options: { returnTo?: string } = {}): Promise<User> {
	requireSameOrigin(request)
	const user = await getOptionalUser(request)
	if (!user) throw loginRedirect(request, options.returnTo)
	return user
}

/**
 * For pages that must not reveal themselves: moderators only, 404 for everyone
 * else (signed out included), so the page's existence is not disclosed.
 */
export async function requireAdminOr404(request: Request): Promise<User> {
	const user = await getOptionalUser(request)
	if (!user?.isAdmin) notFound()
	// Only after the 404: a cross-site post must not learn that the page exists either.
	requireSameOrigin(request)
	return user
}

/** The user a valid editor token names, created from its email/name when the id is new. */
export async function userFromBazaarToken(token: string): Promise<User> {
	const claims = await verifyBazaarToken(token)
	const user = await findOrCreateUserFromToken(claims)
	if (!user) throw new InvalidBazaarTokenError('The token names an unknown user and carries no email to create it')
	return user
}

/**
 * The user of an `Authorization` header: a valid editor token's, null when
 * there is no such header, a JSON 401 for a token that does not verify or
 * another scheme. Reads the headers only.
 */
async function authorizedApiUser(request: Pick<Request, 'headers'>): Promise<User | null> {
	const token = bearerToken(request)
	if (token) {
		try {
			return await userFromBazaarToken(token)
		} catch (error) {
			if (error instanceof InvalidBazaarTokenError) {
				throw apiError('unauthorized', error.message, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } })
			}
			throw error
		}
	}
	if (request.headers.has('authorization')) {
		throw apiError('unauthorized', 'Use "Authorization: Bearer <token>"', { headers: { 'WWW-Authenticate': 'Bearer' } })
	}
	return null
}

/**
 * The API caller: a `Authorization: Bearer` editor token, or the site session
 * cookie (then a state-changing request must be same-origin). Throws a JSON
 * 401 (or 403 for a cross-site cookie request) otherwise.
 */
export async function requireApiUser(request: Request): Promise<User> {
	const authorized = await authorizedApiUser(request)
	if (authorized) return authorized
	const user = await getOptionalUser(request)
	if (!user) throw apiError('unauthorized', 'Sign in, or send an editor token as "Authorization: Bearer <token>"', { headers: { 'WWW-Authenticate': 'Bearer' } })
	requireSameOrigin(request)
	return user
}

/**
 * Who is calling, when being anonymous is fine (event beacons): the Bearer
 * token's user (an invalid token is still a JSON 401, so the widget asks for a
 * new one), else the session's user id, else null. Reads the headers only.
 */
export async function getOptionalApiUserId(request: Pick<Request, 'headers'>): Promise<string | null> {
	const authorized = await authorizedApiUser(request)
	return authorized ? authorized.id : getUserId(request)
}

/**
 * For reads that answer a signed-in caller a little more (an owner, a
 * moderator, whether they favorited it): the editor token's user, else the
 * session's. A token that does not verify makes the caller anonymous here
 * rather than failing the read: the panel keeps browsing, and its next write
 * asks for a new token.
 */
export async function getOptionalApiUser(request: Request): Promise<User | null> {
	const token = bearerToken(request)
	if (token) {
		try {
			return await userFromBazaarToken(token)
		} catch (error) {
			if (error instanceof InvalidBazaarTokenError) return null
			throw error
		}
	}
	return request.headers.has('authorization') ? null : getOptionalUser(request)
}

// ---------------------------------------------------------------------------
// Signing in
// ---------------------------------------------------------------------------

/** A sign-in that failed for a reason we can tell the person. */
export class SignInError extends Error {
	override name = 'SignInError'
}

export interface SignInModes {
	demo: boolean
	github: boolean
	/** A real deployment (production build on a real database). */
	production: boolean
}

export function signInModes(): SignInModes {
	const env = getEnv()
	return { demo: env.demoLoginEnabled, github: env.githubEnabled, production: env.isProduction }
}

const DemoLoginSchema = z.object({ email: z.string().trim().min(3).max(255) })

/** The editor's single sign-on: the token arrives in the query string. */
class BazaarTokenStrategy extends Strategy<User, { token: string }> {
	name = 'bazaar'
	async authenticate(request: Request) {
		const token = new URL(request.url).searchParams.get('token')
		if (!token) throw new SignInError('The sign-in link from the editor has no token.')
		return this.verify({ token })
	}
}

async function fetchGitHubProfile(accessToken: string): Promise<GitHubProfile> {
	const headers = { Authorization: `Bearer ${accessToken}`, Accept: 'application/vnd.github+json', 'User-Agent': 'bazaar-community' }
	const profileResponse = await fetch('https://api.github.com/user', { headers })
	if (!profileResponse.ok) throw new SignInError('GitHub did not share your profile.')
	const profile = (await profileResponse.json()) as { id: number; login: string; name: string | null; avatar_url: string | null }
	let verifiedEmail: string | null = null
	const emailsResponse = await fetch('https://api.github.com/user/emails', { headers })
	if (emailsResponse.ok) {
		const emails = (await emailsResponse.json()) as { email: string; primary: boolean; verified: boolean }[]
		verifiedEmail = emails.find((email) => email.primary && email.verified)?.email ?? null
	}
	return { id: profile.id, login: profile.login, name: profile.name, avatarUrl: profile.avatar_url, verifiedEmail }
}

/** The authenticator with the strategies this deployment has turned on. */
export function authenticatorFor(request: Request) {
	const env = getEnv()
	const authenticator = new Authenticator<User>()
	if (env.demoLoginEnabled) {
		authenticator.use(
			new FormStrategy(async ({ form }) => {
				const parsed = DemoLoginSchema.safeParse({ email: form.get('email') })
				if (!parsed.success) throw new SignInError('Choose one of the demo accounts.')
				const user = await findDemoUserByEmail(parsed.data.email)
				if (!user) throw new SignInError('That is not one of the demo accounts.')
				return user
			}),
			'demo',
		)
	}
	authenticator.use(
		new BazaarTokenStrategy(async ({ token }) => {
			try {
				return await userFromBazaarToken(token)
			} catch (error) {
				if (error instanceof InvalidBazaarTokenError) throw new SignInError(`The editor's sign-in link did not work: ${error.message.toLowerCase()}.`)
				throw error
			}
		}),
		'bazaar',
	)
	if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) {
		authenticator.use(
			new GitHubStrategy(
				{
					clientId: env.GITHUB_CLIENT_ID,
					clientSecret: env.GITHUB_CLIENT_SECRET,
					redirectURI: `${publicOrigin(request)}/auth/github/callback`,
					scopes: ['read:user', 'user:email'],
					cookie: { name: '__bazaar_github_oauth', sameSite: 'Lax', path: '/', ...(env.isProduction ? { secure: true } : {}) },
				},
				async ({ tokens }) => findOrCreateGitHubUser(await fetchGitHubProfile(tokens.accessToken())),
			),
			'github',
		)
	}
	return authenticator
}

/**
 * Opens the session for `user` and redirects to `returnTo` (same-site paths only).
 * A favorite the visitor asked for before signing in is done now.
 */
export async function signInAndRedirect(request: Request, user: User, returnTo: unknown) {
	const session = await getSession(request)
	session.set(SESSION_USER_KEY, user.id)
	const pendingFavorite = session.get(SESSION_PENDING_FAVORITE_KEY)
	session.unset(SESSION_PENDING_FAVORITE_KEY)
	session.unset(SESSION_RETURN_TO_KEY)
	if (pendingFavorite) await completePendingFavorite(user.id, pendingFavorite, requestContext(request, user.id))
	return redirect(safeReturnTo(returnTo), { headers: { 'Set-Cookie': await sessionStorage().commitSession(session) } })
}

/** For an anonymous visitor: remember the favorite they asked for, then send them to sign in and back to `returnTo`. */
export async function redirectToSignInWithPendingFavorite(request: Request, templateId: string, returnTo: string) {
	const session = await getSession(request)
	session.set(SESSION_PENDING_FAVORITE_KEY, templateId)
	return redirect(loginPath(returnTo), {
		headers: { 'Set-Cookie': await sessionStorage().commitSession(session) },
	})
}

/** Starts an OAuth round trip: keeps `returnTo` in the session and adds it to the provider's redirect. */
export async function startOAuthSignIn(request: Request, strategy: 'github', returnTo: unknown) {
	const session = await getSession(request)
	session.set(SESSION_RETURN_TO_KEY, safeReturnTo(returnTo))
	try {
		await authenticatorFor(request).authenticate(strategy, request)
	} catch (thrown) {
		if (thrown instanceof Response) {
			const headers = new Headers(thrown.headers)
			headers.append('Set-Cookie', await sessionStorage().commitSession(session))
			return new Response(null, { status: thrown.status, headers })
		}
		throw thrown
	}
	throw new SignInError('GitHub sign-in did not start.')
}

export async function pendingReturnTo(request: Request) {
	return (await getSession(request)).get(SESSION_RETURN_TO_KEY)
}
