/**
 * Sign-in through remix-auth v4. remix-auth only authenticates; the cookie
 * session is ours (session.server.ts). Strategies:
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
import { requestContext } from '#app/models/event.server.ts'
import { favoriteTemplate, TemplateNotFoundError } from '#app/models/favorite.server.ts'
import { findDemoUserByEmail, findOrCreateGitHubUser, type GitHubProfile } from '#app/models/user.server.ts'
import { InvalidBazaarTokenError, userFromBazaarToken } from './bazaar-token.server.ts'
import { getEnv } from './env.server.ts'
import {
	getSession,
	SESSION_PENDING_FAVORITE_KEY,
	SESSION_RETURN_TO_KEY,
	SESSION_USER_KEY,
	safeReturnTo,
	sessionStorage,
} from './session.server.ts'

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

export function siteOrigin(request: Request) {
	return getEnv().PUBLIC_URL?.replace(/\/+$/, '') ?? new URL(request.url).origin
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
					redirectURI: `${siteOrigin(request)}/auth/github/callback`,
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
	if (pendingFavorite) {
		try {
			await favoriteTemplate(user.id, pendingFavorite, { source: 'community_site', context: requestContext(request, user.id) })
		} catch (error) {
			// The template may have been disabled in the meantime: sign-in still succeeds.
			if (!(error instanceof TemplateNotFoundError)) throw error
		}
	}
	return redirect(safeReturnTo(returnTo), { headers: { 'Set-Cookie': await sessionStorage().commitSession(session) } })
}

/** For an anonymous visitor: remember the favorite they asked for, then send them to sign in and back to `returnTo`. */
export async function redirectToSignInWithPendingFavorite(request: Request, templateId: string, returnTo: string) {
	const session = await getSession(request)
	session.set(SESSION_PENDING_FAVORITE_KEY, templateId)
	return redirect(`/login?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`, {
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
