import type { ActionFunctionArgs } from '@remix-run/node'
import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { communityFavorites, projects } from '#app/db/schema.ts'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { getSession, SESSION_USER_KEY, sessionStorage } from '#app/utils/session.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { action } from './t.$slug.tsx'

const { db } = useTestDatabase({ seed: true })
const ORIGIN = 'http://localhost:3000'

async function cookieFor(userId: string) {
	const session = await getSession(new Request(ORIGIN))
	session.set(SESSION_USER_KEY, userId)
	return (await sessionStorage().commitSession(session)).split(';')[0]!
}

async function post(slug: string, fields: Record<string, string>, headers: Record<string, string>) {
	const request = new Request(`${ORIGIN}/t/${slug}`, { method: 'POST', headers, body: new URLSearchParams(fields) })
	return Promise.resolve(action({ request, params: { slug }, context: {} } as unknown as ActionFunctionArgs)).catch((thrown: unknown) => thrown)
}

describe('POST /t/:slug', () => {
	test('favorite then unfavorite with a plain form post redirect back; with response=json they answer JSON', async () => {
		const cookie = await cookieFor('demo-kai')
		const templateId = demoTemplateId({ slug: 'logo-animation' })
		await db.delete(communityFavorites).where(and(eq(communityFavorites.userId, 'demo-kai'), eq(communityFavorites.templateId, templateId)))
		const headers = { Cookie: cookie, Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' }
		const favorited = (await post('logo-animation', { intent: 'favorite', returnTo: '/me/favorites' }, headers)) as Response
		expect(favorited.headers.get('Location')).toBe('/me/favorites')
		const rows = () => db.select().from(communityFavorites).where(and(eq(communityFavorites.userId, 'demo-kai'), eq(communityFavorites.templateId, templateId)))
		expect(await rows()).toHaveLength(1)
		const json = await post('logo-animation', { intent: 'unfavorite', response: 'json' }, headers)
		expect(json).toMatchObject({ favorited: false })
		expect(await rows()).toHaveLength(0)
		const evil = (await post('logo-animation', { intent: 'favorite', returnTo: 'https://evil.example' }, headers)) as Response
		expect(evil.headers.get('Location')).toBe('/t/logo-animation')
	})

	test('use creates the project and redirects to the editor', async () => {
		const response = (await post('startup-launch-intro', { intent: 'use' }, { Cookie: await cookieFor('demo-sofia'), Origin: ORIGIN })) as Response
		const location = response.headers.get('Location')!
		const match = location.match(/^http:\/\/localhost:3001\/projects\/([0-9a-f-]{36})\/generate$/)
		expect(match, location).not.toBeNull()
		const [project] = await db.select().from(projects).where(eq(projects.id, match![1]!))
		expect(project).toMatchObject({ userId: 'demo-sofia', title: expect.stringMatching(/^Startup Launch Intro/) })
	})

	test('a cross-site post is refused with 403 and changes nothing', async () => {
		const before = await db.select().from(projects).where(eq(projects.userId, 'demo-leo'))
		const response = (await post('logo-animation', { intent: 'use' }, { Cookie: await cookieFor('demo-leo'), Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })) as Response
		expect(response.status).toBe(403)
		expect(await db.select().from(projects).where(eq(projects.userId, 'demo-leo'))).toHaveLength(before.length)
	})

	test('anonymous use goes to sign-in; bad intent 400; disabled template 404; unlisted usable', async () => {
		const anonymous = (await post('logo-animation', { intent: 'use' }, { Origin: ORIGIN })) as Response
		expect(anonymous.headers.get('Location')).toBe('/login?returnTo=%2Ft%2Flogo-animation')
		const cookie = await cookieFor('demo-maya')
		expect(((await post('logo-animation', { intent: 'delete' }, { Cookie: cookie })) as Response).status).toBe(400)
		expect(((await post('retro-vhs-title', { intent: 'use' }, { Cookie: cookie })) as Response).status).toBe(404)
		const unlisted = (await post('team-intro-unlisted-7fQk2LmZx9', { intent: 'use' }, { Cookie: cookie })) as Response
		expect(unlisted.headers.get('Location')).toMatch(/\/generate$/)
	})
})
