import { eq } from 'drizzle-orm'
import { SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, test } from 'vitest'
import { users } from '#app/db/schema.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { InvalidBazaarTokenError, signBazaarToken, verifyBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { getSession, SESSION_USER_KEY, sessionStorage } from '#app/utils/session.server.ts'
import { requireApiUser, userFromBazaarToken } from './auth.server.ts'

const { db } = useTestDatabase({ seed: true })

const thrownBy = async (promise: Promise<unknown>) =>
	promise.then(
		() => {
			throw new Error('expected a rejection')
		},
		(thrown: unknown) => thrown,
	)

async function sessionCookieFor(userId: string) {
	const session = await getSession(new Request('http://localhost/'))
	session.set(SESSION_USER_KEY, userId)
	return (await sessionStorage().commitSession(session)).split(';')[0]!
}

describe('editor tokens', () => {
	test('a token signed with BAZAAR_SIGNING_SECRET verifies with its claims', async () => {
		const token = await signBazaarToken({ sub: 'demo-maya', email: 'maya@bazaar.example', name: 'Maya Chen' })
		const claims = await verifyBazaarToken(token)
		expect(claims).toMatchObject({ sub: 'demo-maya', email: 'maya@bazaar.example', name: 'Maya Chen' })
		expect(claims.exp).toBeGreaterThan(Date.now() / 1000)
		expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256' })
	})

	test('an expired token is refused', async () => {
		const token = await signBazaarToken({ sub: 'demo-maya' }, { expiresInSeconds: -60 })
		const error = await thrownBy(verifyBazaarToken(token))
		expect(error).toBeInstanceOf(InvalidBazaarTokenError)
		expect((error as Error).message).toMatch(/expired/)
	})

	test('a token signed with another secret is refused', async () => {
		const token = await signBazaarToken({ sub: 'demo-maya' }, { secret: 'not-the-shared-secret' })
		const error = await thrownBy(verifyBazaarToken(token))
		expect(error).toBeInstanceOf(InvalidBazaarTokenError)
		expect((error as Error).message).toMatch(/signature/)
	})

	test('unsigned, other-algorithm, malformed and exp-less tokens are refused', async () => {
		const key = new TextEncoder().encode(getEnv().BAZAAR_SIGNING_SECRET)
		const unsecured = new UnsecuredJWT({}).setSubject('demo-admin').setExpirationTime('5m').encode()
		const hs512 = await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject('demo-admin').setExpirationTime('5m').sign(key)
		const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('demo-admin').sign(key)
		const badEmail = await new SignJWT({ email: 'not an email' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('5m').sign(key)
		for (const token of [unsecured, hs512, noExp, badEmail, 'not-a-token', '']) {
			expect(await thrownBy(verifyBazaarToken(token))).toBeInstanceOf(InvalidBazaarTokenError)
		}
	})

	test('an unknown sub with an email creates the user; without an email it is refused', async () => {
		const token = await signBazaarToken({ sub: 'editor-user-42', email: 'new.person@example.test', name: 'New Person' })
		const user = await userFromBazaarToken(token)
		expect(user).toMatchObject({ id: 'editor-user-42', email: 'new.person@example.test', name: 'New Person', isAdmin: false })
		// Twice, concurrently: still one user.
		await Promise.all([userFromBazaarToken(token), userFromBazaarToken(token)])
		expect(await db.select().from(users).where(eq(users.id, 'editor-user-42'))).toHaveLength(1)

		const anonymous = await signBazaarToken({ sub: 'editor-user-43' })
		expect(await thrownBy(userFromBazaarToken(anonymous))).toBeInstanceOf(InvalidBazaarTokenError)
		expect(await db.select().from(users).where(eq(users.id, 'editor-user-43'))).toHaveLength(0)
	})

	test('a known sub signs in as that user, whatever email the token claims', async () => {
		const token = await signBazaarToken({ sub: 'demo-leo', email: 'someone.else@example.test' })
		expect(await userFromBazaarToken(token)).toMatchObject({ id: 'demo-leo', email: 'leo@bazaar.example' })
	})
})

describe('requireApiUser', () => {
	const url = 'http://localhost/api/v1/templates/x/favorite'

	test('accepts a Bearer token', async () => {
		const token = await signBazaarToken({ sub: 'demo-kai' })
		const user = await requireApiUser(new Request(url, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, Origin: 'https://editor.example' } }))
		expect(user.id).toBe('demo-kai')
	})

	test('accepts the session cookie from our own origin', async () => {
		const cookie = await sessionCookieFor('demo-sofia')
		const user = await requireApiUser(new Request(url, { method: 'PUT', headers: { Cookie: cookie, Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' } }))
		expect(user.id).toBe('demo-sofia')
	})

	test('401 JSON without credentials, with a bad token, or with another scheme', async () => {
		const expired = await signBazaarToken({ sub: 'demo-kai' }, { expiresInSeconds: -1 })
		for (const headers of [{}, { Authorization: `Bearer ${expired}` }, { Authorization: 'Basic dXNlcjpwYXNz' }] as HeadersInit[]) {
			const response = (await thrownBy(requireApiUser(new Request(url, { method: 'PUT', headers })))) as Response
			expect(response).toBeInstanceOf(Response)
			expect(response.status).toBe(401)
			expect((await response.json()).error.code).toBe('unauthorized')
		}
	})

	test('403 for a state-changing cross-site request riding the cookie', async () => {
		const cookie = await sessionCookieFor('demo-sofia')
		const response = (await thrownBy(
			requireApiUser(new Request(url, { method: 'DELETE', headers: { Cookie: cookie, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } })),
		)) as Response
		expect(response.status).toBe(403)
		expect((await response.json()).error.code).toBe('forbidden')
	})
})
