import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { communityFavorites } from '#app/db/schema.ts'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { getUserId } from '#app/utils/session.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { loader as bazaarSignIn } from './auth.bazaar.ts'
import { action as loginAction, loader as loginLoader } from './login.tsx'
import { action as logoutAction } from './logout.tsx'
import { action as templateAction } from './t.$slug.tsx'

const { db } = useTestDatabase({ seed: true })
const ORIGIN = 'http://localhost:3000'
const args = <T,>(request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as unknown as T

function loginPost(fields: Record<string, string>, headers: Record<string, string> = { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' }) {
	return new Request(`${ORIGIN}/login`, { method: 'POST', headers, body: new URLSearchParams(fields) })
}
const cookieFrom = (response: Response) => response.headers.get('Set-Cookie')?.split(';')[0] ?? ''

afterEach(() => {
	delete process.env.AUTH_DEMO_LOGIN
	resetEnvCache()
})

describe('demo sign-in', () => {
	test('signs in as a demo account and returns to returnTo; the cookie is HttpOnly and SameSite=Lax', async () => {
		const response = (await loginAction(args(loginPost({ email: 'maya@bazaar.example', returnTo: '/t/logo-animation' })))) as Response
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe('/t/logo-animation')
		const setCookie = response.headers.get('Set-Cookie')!
		expect(setCookie).toMatch(/HttpOnly/i)
		expect(setCookie).toMatch(/SameSite=Lax/i)
		expect(await getUserId(new Request(ORIGIN, { headers: { Cookie: cookieFrom(response) } }))).toBe('demo-maya')
	})

	test('a returnTo of another site is ignored (no open redirect)', async () => {
		for (const returnTo of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
			const response = (await loginAction(args(loginPost({ email: 'leo@bazaar.example', returnTo })))) as Response
			expect(response.headers.get('Location'), returnTo).toBe('/')
		}
		const page = await loginLoader(args<LoaderFunctionArgs>(new Request(`${ORIGIN}/login?returnTo=https://evil.example`)))
		expect(page.returnTo).toBe('/')
	})

	test('only demo accounts; none when demo sign-in is off', async () => {
		const unknown = await loginAction(args(loginPost({ email: 'someone@example.test' })))
		expect(unknown).toMatchObject({ init: { status: 400 } })
		process.env.AUTH_DEMO_LOGIN = '0'
		resetEnvCache()
		const off = await loginAction(args(loginPost({ email: 'maya@bazaar.example' })))
		expect(off).toMatchObject({ init: { status: 403 } })
		const page = await loginLoader(args(new Request(`${ORIGIN}/login`)))
		expect(page.modes.demo).toBe(false)
		expect(page.demoAccounts).toEqual([])
	})

	test('a cross-site login post is refused (login CSRF)', async () => {
		const thrown = await Promise.resolve(
			loginAction(args(loginPost({ email: 'maya@bazaar.example' }, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }))),
		).catch((error: unknown) => error)
		expect((thrown as Response).status).toBe(403)
	})

	test('logout ends the session', async () => {
		const signedIn = (await loginAction(args(loginPost({ email: 'maya@bazaar.example' })))) as Response
		const response = await logoutAction(
			args<ActionFunctionArgs>(new Request(`${ORIGIN}/logout`, { method: 'POST', headers: { Cookie: cookieFrom(signedIn), Origin: ORIGIN } })),
		)
		expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
	})
})

describe('single sign-on from the editor', () => {
	test('a valid token opens a session and goes to returnTo', async () => {
		const token = await signBazaarToken({ sub: 'demo-kai' })
		const response = await bazaarSignIn(args(new Request(`${ORIGIN}/auth/bazaar?token=${token}&returnTo=/me/favorites`)))
		expect(response.headers.get('Location')).toBe('/me/favorites')
		expect(response.headers.get('Referrer-Policy')).toBe('no-referrer')
		expect(await getUserId(new Request(ORIGIN, { headers: { Cookie: cookieFrom(response) } }))).toBe('demo-kai')
	})

	test('an expired token opens nothing and says so on the login page; returnTo stays same-site', async () => {
		const token = await signBazaarToken({ sub: 'demo-kai' }, { expiresInSeconds: -5 })
		const response = await bazaarSignIn(args(new Request(`${ORIGIN}/auth/bazaar?token=${token}&returnTo=https://evil.example`)))
		expect(response.headers.get('Location')).toBe('/login?error=bazaar&returnTo=%2F')
		expect(response.headers.get('Set-Cookie')).toBeNull()
	})

	test('a valid token with returnTo of another site lands on /', async () => {
		const token = await signBazaarToken({ sub: 'demo-kai' })
		const response = await bazaarSignIn(args(new Request(`${ORIGIN}/auth/bazaar?token=${token}&returnTo=https://evil.example`)))
		expect(response.headers.get('Location')).toBe('/')
	})
})

describe('anonymous favorite', () => {
	test('goes to sign-in and comes back with the favorite done', async () => {
		const templateId = demoTemplateId({ slug: 'gradient-title-reveal' })
		const favoriteRows = () =>
			db
				.select()
				.from(communityFavorites)
				.where(and(eq(communityFavorites.userId, 'demo-admin'), eq(communityFavorites.templateId, templateId)))
		await db.delete(communityFavorites).where(and(eq(communityFavorites.userId, 'demo-admin'), eq(communityFavorites.templateId, templateId)))
		const request = new Request(`${ORIGIN}/t/gradient-title-reveal`, {
			method: 'POST',
			headers: { Origin: ORIGIN },
			body: new URLSearchParams({ intent: 'favorite' }),
		})
		const toLogin = (await templateAction(args(request, { slug: 'gradient-title-reveal' }))) as Response
		expect(toLogin.headers.get('Location')).toBe(`/login?returnTo=${encodeURIComponent('/t/gradient-title-reveal')}`)
		const pendingCookie = cookieFrom(toLogin)

		const signIn = (await loginAction(
			args(loginPost({ email: 'admin@bazaar.example', returnTo: '/t/gradient-title-reveal' }, { Origin: ORIGIN, Cookie: pendingCookie })),
		)) as Response
		expect(signIn.headers.get('Location')).toBe('/t/gradient-title-reveal')
		expect(await favoriteRows()).toHaveLength(1)
	})
})
