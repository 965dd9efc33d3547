/**
 * The authorization matrix of every route and API call (docs/security.md):
 * for each, what an anonymous visitor, a signed-in stranger, the owner, an
 * admin, the editor token of another user, an expired token and a token with
 * a wrong signature get, as exact statuses, through the whole app. Pages use
 * the session cookie only, so a token there is the same as no one. Where a
 * call changes something, the test also checks that a refused one did not.
 * (tests/creators-authorization.test.ts goes deeper into the creator routes.)
 */
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { communityCreatorProfiles, communityFavorites, communityReports, communityTemplateScenes, communityTemplateVersions, communityTemplates, type User } from '#app/db/schema.ts'
import { ensureCreatorHandles } from '#app/models/creator-profile.server.ts'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { VALID_SCENE_TSX, createProject, createTemplate, createUser, sessionCookieFor } from '#tests/fixtures/community-factories.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

process.env.RATE_LIMIT_MULTIPLIER = '1000'
const { db } = useTestDatabase()
const app = useAppRequestHandler()

const ACTORS = ['anonymous', 'stranger', 'owner', 'admin', 'otherUserToken', 'expiredToken', 'badSignatureToken'] as const
type Actor = (typeof ACTORS)[number]
type Expected = Record<Actor, number>

let people: { stranger: User; owner: User; admin: User }
const credentials = {} as Record<Actor, { cookie?: string; bearer?: string }>

beforeAll(async () => {
	people = { stranger: await createUser(), owner: await createUser(), admin: await createUser({ isAdmin: true }) }
	credentials.anonymous = {}
	credentials.stranger = { cookie: await sessionCookieFor(people.stranger.id) }
	credentials.owner = { cookie: await sessionCookieFor(people.owner.id) }
	credentials.admin = { cookie: await sessionCookieFor(people.admin.id) }
	// The editor token of a user other than the owner (valid: it acts as that user, never as the owner).
	credentials.otherUserToken = { bearer: await signBazaarToken({ sub: people.stranger.id }) }
	credentials.expiredToken = { bearer: await signBazaarToken({ sub: people.owner.id }, { expiresInSeconds: -60 }) }
	credentials.badSignatureToken = { bearer: await signBazaarToken({ sub: people.owner.id }, { secret: 'not-the-signing-secret' }) }
})

function request(actor: Actor, path: string, { method = 'GET', form, json, html = true }: { method?: string; form?: Record<string, string>; json?: unknown; html?: boolean } = {}) {
	const headers = new Headers()
	if (html) headers.set('Accept', 'text/html')
	const { cookie, bearer } = credentials[actor]
	if (cookie) headers.set('Cookie', cookie)
	if (bearer) headers.set('Authorization', `Bearer ${bearer}`)
	let body: string | undefined
	if (form) {
		headers.set('Content-Type', 'application/x-www-form-urlencoded')
		body = new URLSearchParams(form).toString()
	} else if (json !== undefined) {
		headers.set('Content-Type', 'application/json')
		body = JSON.stringify(json)
	}
	return app.fetch(path, { method, headers, body })
}

/** Same answer for every actor. */
const all = (status: number): Expected => Object.fromEntries(ACTORS.map((actor) => [actor, status])) as Expected
/** Pages: tokens are not a sign-in there, so the three token actors get what anonymous gets. */
const page = (statuses: Record<'anonymous' | 'stranger' | 'owner' | 'admin', number>): Expected => ({
	...statuses,
	otherUserToken: statuses.anonymous,
	expiredToken: statuses.anonymous,
	badSignatureToken: statuses.anonymous,
})

interface Row {
	call: string
	expected: Expected
	send: (actor: Actor) => Promise<Response>
	/** After the call: what the database must show for this actor and status. */
	verify?: (actor: Actor, status: number) => Promise<void>
}

const fresh = () => createTemplate(people.owner.id)
const templateStatus = async (id: string) => (await db.select({ status: communityTemplates.status }).from(communityTemplates).where(eq(communityTemplates.id, id)))[0]!.status

const rows: Row[] = [
	// Public pages.
	{ call: 'GET /', expected: all(200), send: (actor) => request(actor, '/') },
	{ call: 'GET /login', expected: all(200), send: (actor) => request(actor, '/login') },
	{ call: 'GET /sitemap.xml', expected: all(200), send: (actor) => request(actor, '/sitemap.xml', { html: false }) },
	{ call: 'GET /robots.txt', expected: all(200), send: (actor) => request(actor, '/robots.txt', { html: false }) },
	{ call: 'GET /healthz', expected: all(200), send: (actor) => request(actor, '/healthz', { html: false }) },
	{ call: 'GET /t/:slug (active)', expected: all(200), send: async (actor) => request(actor, `/t/${(await fresh()).slug}`) },
	{
		call: 'GET /t/:slug (unlisted: anyone with the link)',
		expected: all(200),
		send: async (actor) => request(actor, `/t/${(await createTemplate(people.owner.id, { visibility: 'unlisted' })).slug}`),
	},
	{
		call: 'GET /t/:slug (disabled: owner and admins only)',
		expected: page({ anonymous: 404, stranger: 404, owner: 200, admin: 200 }),
		send: async (actor) => request(actor, `/t/${(await createTemplate(people.owner.id, { status: 'disabled' })).slug}`),
	},
	{
		call: 'GET /preview/:id/0 (disabled: nobody)',
		expected: all(404),
		send: async (actor) => request(actor, `/preview/${(await createTemplate(people.owner.id, { status: 'disabled' })).id}/0`),
	},
	// Signed-in pages.
	{ call: 'GET /me/favorites', expected: page({ anonymous: 302, stranger: 200, owner: 200, admin: 200 }), send: (actor) => request(actor, '/me/favorites') },
	{ call: 'GET /me/templates', expected: page({ anonymous: 302, stranger: 200, owner: 200, admin: 200 }), send: (actor) => request(actor, '/me/templates') },
	{ call: 'GET /publish', expected: page({ anonymous: 302, stranger: 200, owner: 200, admin: 200 }), send: (actor) => request(actor, '/publish') },
	{
		call: 'GET /me/templates/:id (owner only; 404 reveals nothing)',
		expected: page({ anonymous: 302, stranger: 404, owner: 200, admin: 404 }),
		send: async (actor) => request(actor, `/me/templates/${(await fresh()).id}`),
	},
	{
		call: 'POST /me/templates/:id',
		expected: page({ anonymous: 302, stranger: 404, owner: 302, admin: 404 }),
		send: async (actor) => {
			const template = await fresh()
			const response = await request(actor, `/me/templates/${template.id}`, {
				method: 'POST',
				form: { title: `Edited by ${actor}`, description: '', category: 'titles', tags: 'a', formats: 'square', visibility: 'public' },
			})
			const [row] = await db.select({ title: communityTemplates.title }).from(communityTemplates).where(eq(communityTemplates.id, template.id))
			expect(row!.title === `Edited by ${actor}`, `${actor} edited it`).toBe(actor === 'owner')
			return response
		},
	},
	{
		call: 'POST /me/templates/:id intent=update-scenes (owner only: a moderator cannot change someone’s scenes)',
		expected: page({ anonymous: 302, stranger: 404, owner: 302, admin: 404 }),
		send: async (actor) => {
			const template = await fresh()
			// Each signed-in actor offers a project of their own; only the owner's may replace the owner's scenes.
			const actorId = actor === 'stranger' || actor === 'admin' ? people[actor].id : people.owner.id
			const { project } = await createProject(actorId, [VALID_SCENE_TSX.replace('#111', '#0a0b0c')])
			const response = await request(actor, `/me/templates/${template.id}?projectId=${project.id}`, {
				method: 'POST',
				form: { intent: 'update-scenes', projectId: project.id, note: `Updated by ${actor}` },
			})
			const versions = await db.select({ version: communityTemplateVersions.version }).from(communityTemplateVersions).where(eq(communityTemplateVersions.templateId, template.id))
			const scenes = await db.select({ tsxCode: communityTemplateScenes.tsxCode }).from(communityTemplateScenes).where(eq(communityTemplateScenes.templateId, template.id))
			expect(versions.length === 2, `${actor} updated it`).toBe(actor === 'owner')
			expect(scenes.map((scene) => scene.tsxCode.includes('#0a0b0c'))).toEqual([actor === 'owner'])
			if (actor === 'owner') expect(response.headers.get('Location')).toBe(`/me/templates/${template.id}?updated=2`)
			return response
		},
	},
	{
		call: 'POST /publish (the owner’s project)',
		expected: page({ anonymous: 302, stranger: 404, owner: 302, admin: 404 }),
		send: async (actor) => {
			const { project } = await createProject(people.owner.id)
			return request(actor, '/publish', { method: 'POST', form: { projectId: project.id, title: `Published by ${actor}`, category: 'intros', formats: 'landscape', visibility: 'public' } })
		},
	},
	{
		call: 'GET /t/:slug/report (signed in, not the owner)',
		expected: page({ anonymous: 302, stranger: 200, owner: 403, admin: 200 }),
		send: async (actor) => request(actor, `/t/${(await fresh()).slug}/report`),
	},
	{
		call: 'POST /t/:slug/report',
		expected: page({ anonymous: 302, stranger: 200, owner: 403, admin: 200 }),
		send: async (actor) => {
			const template = await fresh()
			const response = await request(actor, `/t/${template.slug}/report`, { method: 'POST', form: { reason: 'spam', details: 'x' } })
			const reports = await db.select().from(communityReports).where(eq(communityReports.templateId, template.id))
			expect(reports.length).toBe(response.status === 200 ? 1 : 0)
			return response
		},
	},
	{
		call: 'POST /t/:slug intent=favorite (anonymous: to sign-in)',
		expected: page({ anonymous: 302, stranger: 302, owner: 302, admin: 302 }),
		send: async (actor) => {
			const template = await fresh()
			const response = await request(actor, `/t/${template.slug}`, { method: 'POST', form: { intent: 'favorite' } })
			const signedIn = credentials[actor].cookie !== undefined
			expect(response.headers.get('Location')).toMatch(signedIn ? new RegExp(`^/t/${template.slug}$`) : /^\/login\?returnTo=/)
			const rows = await db.select().from(communityFavorites).where(eq(communityFavorites.templateId, template.id))
			expect(rows.length).toBe(signedIn ? 1 : 0)
			return response
		},
	},
	// Creator profiles.
	{ call: 'GET /me/profile', expected: page({ anonymous: 302, stranger: 200, owner: 200, admin: 200 }), send: (actor) => request(actor, '/me/profile') },
	{
		call: 'POST /me/profile (saves the caller’s own profile only)',
		expected: page({ anonymous: 302, stranger: 302, owner: 302, admin: 302 }),
		send: async (actor) => {
			const handle = `by-${actor.toLowerCase()}`
			const response = await request(actor, '/me/profile', { method: 'POST', form: { handle, bio: `Bio of ${actor}`, links: 'https://example.org/' } })
			const saved = await db.select({ userId: communityCreatorProfiles.userId }).from(communityCreatorProfiles).where(eq(communityCreatorProfiles.handle, handle))
			const signedIn = credentials[actor].cookie !== undefined
			expect(saved.map((row) => row.userId)).toEqual(signedIn ? [people[actor as 'stranger' | 'owner' | 'admin'].id] : [])
			if (signedIn) expect(response.headers.get('Location')).toBe('/me/profile?saved=1')
			return response
		},
	},
	{
		call: 'GET /creators/:handle (public)',
		expected: all(200),
		send: async (actor) => {
			await fresh()
			await ensureCreatorHandles({ userIds: [people.owner.id] })
			const [profile] = await db.select({ handle: communityCreatorProfiles.handle }).from(communityCreatorProfiles).where(eq(communityCreatorProfiles.userId, people.owner.id))
			return request(actor, `/creators/${profile!.handle}`)
		},
	},
	{ call: 'GET /creators/:handle (unknown)', expected: all(404), send: (actor) => request(actor, '/creators/no-such-creator') },
	{
		call: 'GET /api/v1/creators/:handle',
		expected: all(200),
		send: async (actor) => {
			await fresh()
			await ensureCreatorHandles({ userIds: [people.owner.id] })
			const [profile] = await db.select({ handle: communityCreatorProfiles.handle }).from(communityCreatorProfiles).where(eq(communityCreatorProfiles.userId, people.owner.id))
			return request(actor, `/api/v1/creators/${profile!.handle}`, { html: false })
		},
	},
	{ call: 'POST /logout', expected: all(302), send: (actor) => request(actor, '/logout', { method: 'POST', form: {} }) },
	// Moderation.
	{ call: 'GET /admin/templates (admins only; 404 for others)', expected: page({ anonymous: 404, stranger: 404, owner: 404, admin: 200 }), send: (actor) => request(actor, '/admin/templates') },
	{
		call: 'POST /admin/templates intent=disable',
		expected: page({ anonymous: 404, stranger: 404, owner: 404, admin: 200 }),
		send: async (actor) => {
			const template = await fresh()
			const response = await request(actor, '/admin/templates', { method: 'POST', form: { intent: 'disable', templateId: template.id, reason: 'Breaks the rules' } })
			expect(await templateStatus(template.id)).toBe(actor === 'admin' ? 'disabled' : 'active')
			return response
		},
	},
	// Editor single sign-on.
	{
		call: 'GET /auth/bazaar?token= (the actor’s token, if any)',
		expected: all(302),
		send: async (actor) => {
			const response = await request(actor, `/auth/bazaar?token=${encodeURIComponent(credentials[actor].bearer ?? 'none')}&returnTo=%2Fme%2Ffavorites`)
			const opened = Boolean(response.headers.get('Set-Cookie')?.includes('__bazaar_session='))
			expect(response.headers.get('Location')).toBe(actor === 'otherUserToken' ? '/me/favorites' : '/login?error=bazaar&returnTo=%2Fme%2Ffavorites')
			expect(opened).toBe(actor === 'otherUserToken')
			return response
		},
	},
	// The read API.
	{ call: 'GET /api/v1/templates', expected: all(200), send: (actor) => request(actor, '/api/v1/templates', { html: false }) },
	{
		call: 'GET /api/v1/templates/:id (disabled: owner and admins; a token that does not verify reads as anonymous)',
		expected: { anonymous: 404, stranger: 404, owner: 200, admin: 200, otherUserToken: 404, expiredToken: 404, badSignatureToken: 404 },
		send: async (actor) => request(actor, `/api/v1/templates/${(await createTemplate(people.owner.id, { status: 'disabled' })).id}`, { html: false }),
	},
	// The write API: a session cookie or a valid editor token, acting as its own user.
	...(['PUT', 'DELETE'] as const).map(
		(method): Row => ({
			call: `${method} /api/v1/templates/:id/favorite`,
			expected: { anonymous: 401, stranger: 200, owner: 200, admin: 200, otherUserToken: 200, expiredToken: 401, badSignatureToken: 401 },
			send: async (actor) => {
				const template = await fresh()
				if (method === 'DELETE') await db.insert(communityFavorites).values({ userId: people.owner.id, templateId: template.id })
				const response = await request(actor, `/api/v1/templates/${template.id}/favorite`, { method, html: false })
				// Whoever it was, the owner's own favorite is only ever changed by the owner.
				const ownerFavorite = await db.select().from(communityFavorites).where(and(eq(communityFavorites.templateId, template.id), eq(communityFavorites.userId, people.owner.id)))
				expect(ownerFavorite.length).toBe((method === 'PUT') === (actor === 'owner') ? 1 : 0)
				if (response.status === 401) expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
				return response
			},
		}),
	),
	{
		call: 'POST /api/v1/templates/:id/use (a new project)',
		expected: { anonymous: 401, stranger: 201, owner: 201, admin: 201, otherUserToken: 201, expiredToken: 401, badSignatureToken: 401 },
		send: async (actor) => request(actor, `/api/v1/templates/${(await fresh()).id}/use`, { method: 'POST', json: { mode: 'use' }, html: false }),
	},
	{
		call: 'POST /api/v1/templates/:id/use into the owner’s project',
		expected: { anonymous: 401, stranger: 403, owner: 200, admin: 403, otherUserToken: 403, expiredToken: 401, badSignatureToken: 401 },
		send: async (actor) => {
			const { project } = await createProject(people.owner.id)
			return request(actor, `/api/v1/templates/${(await fresh()).id}/use`, { method: 'POST', json: { mode: 'use', projectId: project.id }, html: false })
		},
	},
	{
		call: 'POST /api/v1/events (anonymous allowed; a bad token is refused)',
		expected: { anonymous: 202, stranger: 202, owner: 202, admin: 202, otherUserToken: 202, expiredToken: 401, badSignatureToken: 401 },
		send: async (actor) => request(actor, '/api/v1/events', { method: 'POST', json: { events: [{ templateId: (await fresh()).id, type: 'view' }] }, html: false }),
	},
]

describe('authorization matrix: every route and API call × every kind of caller', () => {
	test.each(rows.flatMap((row) => ACTORS.map((actor) => [row.call, actor, row] as const)))('%s as %s', async (_call, actor, row) => {
		const response = await row.send(actor)
		await response.arrayBuffer()
		expect(response.status).toBe(row.expected[actor])
		if (response.status === 302 && row.expected.anonymous === 302 && actor === 'anonymous' && !row.call.startsWith('POST /logout') && !row.call.startsWith('GET /auth/')) {
			expect(response.headers.get('Location')).toMatch(/^\/login\?returnTo=/)
		}
	})
})

describe('a signed-in browser cannot be made to act from another site', () => {
	test.each([
		['POST /t/:slug', async (): Promise<string> => `/t/${(await fresh()).slug}`, { intent: 'favorite' }],
		['POST /admin/templates', async (): Promise<string> => '/admin/templates', { intent: 'disable', templateId: '00000000-0000-4000-8000-000000000000', reason: 'forged' }],
		['POST /logout', async (): Promise<string> => '/logout', {}],
		['POST /me/profile', async (): Promise<string> => '/me/profile', { handle: 'forged-handle', bio: 'forged', links: '' }],
		['POST /me/templates/:id intent=update-scenes', async (): Promise<string> => `/me/templates/${(await createTemplate(people.admin.id)).id}`, { intent: 'update-scenes', projectId: '00000000-0000-4000-8000-000000000000', note: 'forged' }],
	] as const)('%s with Origin: https://evil.example → 403', async (_call, path, form) => {
		const response = await app.fetch(await path(), {
			method: 'POST',
			headers: { Cookie: credentials.admin.cookie!, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
			body: new URLSearchParams(form as Record<string, string>).toString(),
		})
		expect(response.status).toBe(403)
	})

	test('PUT /api/v1/templates/:id/favorite with a cookie from another site → 403 (a Bearer token from the widget is fine)', async () => {
		const template = await fresh()
		const forged = await app.fetch(`/api/v1/templates/${template.id}/favorite`, { method: 'PUT', headers: { Cookie: credentials.stranger.cookie!, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } })
		expect(forged.status).toBe(403)
		const widget = await app.fetch(`/api/v1/templates/${template.id}/favorite`, { method: 'PUT', headers: { Authorization: `Bearer ${credentials.otherUserToken.bearer}`, Origin: 'https://editor.example', 'Sec-Fetch-Site': 'cross-site' } })
		expect(widget.status).toBe(200)
	})
})
