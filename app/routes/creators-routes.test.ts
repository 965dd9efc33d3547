/**
 * Creator profiles through the whole app (documents as a browser gets them):
 * /me/profile validation and saving, /creators/:handle (cards, sort, rollups,
 * canonical, JSON-LD, caching, 404, casing), the API shape, the sitemap, and
 * the creator links on cards and template pages. Real database, demo content.
 */
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { communityCreatorProfiles, communityTemplates } from '#app/db/schema.ts'
import { ensureCreatorHandles, findCreatorByHandle } from '#app/models/creator-profile.server.ts'
import { createTemplate, createUser, sessionCookieFor } from '#tests/fixtures/community-factories.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

process.env.RATE_LIMIT_MULTIPLIER = '1000'
const { db } = useTestDatabase({ seed: true })
const app = useAppRequestHandler()

async function postProfile(userId: string, form: Record<string, string>) {
	return app.fetch('/me/profile', {
		method: 'POST',
		headers: { Cookie: await sessionCookieFor(userId), 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
		body: new URLSearchParams(form).toString(),
	})
}
const profileOf = async (userId: string) => (await db.select().from(communityCreatorProfiles).where(eq(communityCreatorProfiles.userId, userId)))[0]

describe('derived handles', () => {
	test('every demo creator with a public template has one from their name; running again makes none', async () => {
		expect((await findCreatorByHandle('maya-chen'))?.userId).toBe('demo-maya')
		expect((await findCreatorByHandle('sofia-reyes'))?.userId).toBe('demo-sofia')
		expect(await ensureCreatorHandles()).toBe(0)
	})

	test('a namesake gets the next free handle; a creator with only unlisted templates gets none', async () => {
		const namesake = await createUser({ name: 'Maya Chen' })
		await createTemplate(namesake.id)
		const hidden = await createUser({ name: 'Hidden Person' })
		await createTemplate(hidden.id, { visibility: 'unlisted' })
		expect(await ensureCreatorHandles()).toBe(1)
		expect((await profileOf(namesake.id))?.handle).toBe('maya-chen-2')
		expect(await profileOf(hidden.id)).toBeUndefined()
	})
})

describe('GET/POST /me/profile', () => {
	let user: Awaited<ReturnType<typeof createUser>>
	beforeAll(async () => {
		user = await createUser({ name: 'Grace Hopper' })
		await createTemplate(user.id, { title: 'Compiler Intro' })
		await createTemplate(user.id, { title: 'Hidden one', visibility: 'unlisted' })
		await createTemplate(user.id, { title: 'Taken down', status: 'disabled' })
	})

	test('the form proposes the derived handle before any is chosen', async () => {
		const response = await app.fetch('/me/profile', { headers: { Cookie: await sessionCookieFor(user.id), Accept: 'text/html' } })
		expect(response.status).toBe(200)
		expect(await response.text()).toContain('value="grace-hopper"')
	})

	test('bad handle, bio and links: 400 with a message next to each field, nothing saved', async () => {
		const response = await postProfile(user.id, { handle: 'admin', bio: 'x'.repeat(501), links: 'https://ok.example\njavascript:alert(1)' })
		expect(response.status).toBe(400)
		const html = await response.text()
		expect(html).toMatch(/id="handle-error"[^>]*>This handle is reserved; choose another/)
		expect(html).toMatch(/id="bio-error"[^>]*>The bio can have at most 500 characters/)
		expect(html).toMatch(/id="links-error"[^>]*>Line 2: only https:\/\/ links are allowed \(not javascript:\)/)
		expect(await profileOf(user.id)).toBeUndefined()
	})

	test('a handle someone else holds, in any case, is refused with 409', async () => {
		const response = await postProfile(user.id, { handle: 'Maya-Chen', bio: '', links: '' })
		expect(response.status).toBe(409)
		expect(await response.text()).toMatch(/id="handle-error"[^>]*>This handle is taken; choose another/)
		expect(await profileOf(user.id)).toBeUndefined()
	})

	test('a good profile is saved (handle lower-cased, now chosen) and shown publicly', async () => {
		const response = await postProfile(user.id, { handle: 'Amazing-Grace', bio: 'Rear admiral.\nCompilers & <b>bugs</b>.', links: 'https://grace.example/\nhttps://example.org/cobol' })
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe('/me/profile?saved=1')
		expect(await profileOf(user.id)).toMatchObject({ handle: 'amazing-grace', handleChosen: true, links: ['https://grace.example/', 'https://example.org/cobol'] })

		const page = await app.fetch('/creators/amazing-grace', { headers: { Accept: 'text/html' } })
		expect(page.status).toBe(200)
		expect(page.headers.get('Cache-Control')).toMatch(/^public, max-age=0, s-maxage=\d+/)
		const html = await page.text()
		expect(html).toContain('Compilers &amp; &lt;b&gt;bugs&lt;/b&gt;.')
		expect(html).toContain('<a href="https://grace.example/" rel="ugc nofollow noopener noreferrer">')
		expect(html).toContain('<link rel="canonical" href="http://localhost:3000/creators/amazing-grace"/>')
		expect(html).toContain('Compiler Intro')
		expect(html).not.toContain('Hidden one')
		expect(html).not.toContain('Taken down')
		const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!)
		expect(ld).toMatchObject({ '@type': 'ProfilePage', mainEntity: { '@type': 'Person', name: 'Grace Hopper', alternateName: '@amazing-grace', sameAs: ['https://grace.example/', 'https://example.org/cobol'] } })
		// The derived handle no longer reaches the profile.
		expect((await app.fetch('/creators/grace-hopper', { headers: { Accept: 'text/html' } })).status).toBe(404)
	})
})

describe('GET /creators/:handle', () => {
	test('cards sorted by popularity or newest, rollups over public active templates only', async () => {
		const creator = await createUser({ name: 'Rollup Person' })
		const old = await createTemplate(creator.id, { title: 'Old favourite', usesCount: 10, favoritesCount: 4, createdAt: new Date('2026-01-01T00:00:00Z') })
		const recent = await createTemplate(creator.id, { title: 'Brand new', usesCount: 1, favoritesCount: 1 })
		await createTemplate(creator.id, { title: 'Unlisted', visibility: 'unlisted', usesCount: 100, favoritesCount: 100 })
		await createTemplate(creator.id, { title: 'Disabled', status: 'disabled', usesCount: 100, favoritesCount: 100 })
		await ensureCreatorHandles({ userIds: [creator.id] })
		const { handle } = (await profileOf(creator.id))!

		const api = await app.fetch(`/api/v1/creators/${handle}`)
		expect(api.status).toBe(200)
		const body = await api.json()
		expect(body).toMatchObject({ handle: 'rollup-person', name: 'Rollup Person', image: null, bio: '', links: [], totals: { templates: 2, uses: 11, favorites: 5 } })
		expect(body.templates.map((item: { id: string }) => item.id)).toEqual([old.id, recent.id])
		expect(body.templates[0]).toMatchObject({ slug: old.slug, creatorHandle: 'rollup-person', creatorUrl: 'http://localhost:3000/creators/rollup-person', url: `http://localhost:3000/t/${old.slug}` })
		const newest = await (await app.fetch(`/api/v1/creators/${handle}?sort=new`)).json()
		expect(newest.templates.map((item: { id: string }) => item.id)).toEqual([recent.id, old.id])
		expect((await app.fetch(`/api/v1/creators/${handle}?sort=worst`)).status).toBe(400)

		const page = await (await app.fetch(`/creators/${handle}?sort=new`, { headers: { Accept: 'text/html' } })).text()
		expect(page.indexOf('Brand new')).toBeLessThan(page.indexOf('Old favourite'))
		expect(page).toMatch(/data-testid="creator-total-uses">11</)
		expect(page).toMatch(/data-testid="creator-total-favorites">5</)
		expect(page).toMatch(/data-testid="creator-total-templates">2</)
	})

	test('unknown handles 404 (page and API); another casing redirects to the canonical address', async () => {
		expect((await app.fetch('/creators/nobody-here', { headers: { Accept: 'text/html' } })).status).toBe(404)
		const api = await app.fetch('/api/v1/creators/nobody-here')
		expect(api.status).toBe(404)
		expect(await api.json()).toMatchObject({ error: { code: 'not_found' } })
		const redirect = await app.fetch('/creators/Maya-Chen?sort=new', { headers: { Accept: 'text/html' } })
		expect(redirect.status).toBe(301)
		expect(redirect.headers.get('Location')).toBe('/creators/maya-chen?sort=new')
	})

	test('a signed-in visitor gets a private copy', async () => {
		const page = await app.fetch('/creators/maya-chen', { headers: { Accept: 'text/html', Cookie: await sessionCookieFor('demo-kai') } })
		expect(page.headers.get('Cache-Control')).toBe('private, no-cache')
	})
})

describe('links to profiles and the sitemap', () => {
	test('gallery cards and the template page link the creator name to the profile', async () => {
		const gallery = await (await app.fetch('/', { headers: { Accept: 'text/html' } })).text()
		expect(gallery).toContain('<a class="creator-link" href="/creators/maya-chen">Maya Chen</a>')
		const [logo] = await db.select({ slug: communityTemplates.slug }).from(communityTemplates).where(eq(communityTemplates.slug, 'logo-animation'))
		const templatePage = await (await app.fetch(`/t/${logo!.slug}`, { headers: { Accept: 'text/html' } })).text()
		expect(templatePage).toContain('<a class="creator-link" data-discover="true" href="/creators/maya-chen">Maya Chen</a>')
		expect(templatePage).toContain('"url":"http://localhost:3000/creators/maya-chen"')
	})

	test('the sitemap lists every creator with a public template', async () => {
		const xml = await (await app.fetch('/sitemap.xml')).text()
		expect(xml).toContain('<loc>http://localhost:3000/creators/maya-chen</loc>')
		expect(xml).toContain('<loc>http://localhost:3000/creators/sofia-reyes</loc>')
	})
})
