/**
 * The gallery's routes called with real Requests on a seeded database: the
 * read API (validation, cursors, visibility, caching), the template page's
 * access rules and server-side view logging.
 */
import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { DEMO_USERS } from '#app/db/demo-content.ts'
import { communityEvents } from '#app/db/schema.ts'
import { demoUserId } from '#app/db/seed.server.ts'
import { favoriteTemplate, unfavoriteTemplate } from '#app/models/favorite.server.ts'
import { getTemplateBySlugOrId } from '#app/models/template.server.ts'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { SESSION_USER_KEY, sessionStorage } from '#app/utils/session.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { loader as templateLoader } from './api.v1.templates.$idOrSlug.ts'
import { loader as listLoader } from './api.v1.templates.ts'
import { loader as robotsLoader } from './robots[.]txt.ts'
import { loader as sitemapLoader } from './sitemap[.]xml.ts'
import { loader as pageLoader } from './t.$slug.tsx'

const database = useTestDatabase({ seed: true })
const ORIGIN = 'http://gallery.test'
const ADMIN_ID = DEMO_USERS.find((user) => user.isAdmin)!.id
const DISABLED_SLUG = 'retro-vhs-title'
const UNLISTED_SLUG = 'team-intro-unlisted-7fQk2LmZx9'

async function cookieFor(userId: string) {
	const session = await sessionStorage().getSession()
	session.set(SESSION_USER_KEY, userId)
	return (await sessionStorage().commitSession(session)).split(';')[0]!
}

function get(path: string, headers: Record<string, string> = {}) {
	return new Request(`${ORIGIN}${path}`, { headers })
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

describe('GET /api/v1/templates', () => {
	test('lists listed templates with a cursor that pages through all of them', async () => {
		const seen: string[] = []
		let cursor: string | null = null
		do {
			const response = await listLoader(args(get(`/api/v1/templates?limit=7${cursor ? `&cursor=${cursor}` : ''}`)))
			expect(response.status).toBe(200)
			const body = (await response.json()) as { items: Array<{ slug: string; url: string }>; nextCursor: string | null }
			expect(body.items.length).toBeLessThanOrEqual(7)
			seen.push(...body.items.map((item) => item.slug))
			cursor = body.nextCursor
		} while (cursor)
		expect(new Set(seen).size).toBe(seen.length)
		expect(seen).toContain('logo-animation')
		expect(seen).not.toContain(DISABLED_SLUG)
		expect(seen).not.toContain(UNLISTED_SLUG)
	})

	test('takes the gallery filters', async () => {
		const response = await listLoader(args(get('/api/v1/templates?q=logo%20anim&category=intros&format=landscape&sort=new')))
		const body = (await response.json()) as { items: Array<{ slug: string; category: string }> }
		expect(body.items.map((item) => item.slug)).toContain('logo-animation')
		expect(body.items.every((item) => item.category === 'intros')).toBe(true)
	})

	test.each([
		['limit=51', 'limit'],
		['limit=0', 'limit'],
		['limit=abc', 'limit'],
		['sort=random', 'sort'],
		['format=round', 'format'],
		['category=nope', 'category'],
		['cursor=not-a-cursor', 'cursor'],
	])('bad input (%s) is a 400 JSON error', async (query, field) => {
		const response = await listLoader(args(get(`/api/v1/templates?${query}`)))
		expect(response.status).toBe(400)
		const body = (await response.json()) as { error: { code: string; issues: Array<{ path: string }> } }
		expect(body.error.code).toBe('bad_request')
		expect(body.error.issues.map((issue) => issue.path)).toContain(field)
	})

	test('anonymous answers are CDN-cacheable with an ETag answered by 304; signed-in ones are private', async () => {
		const first = await listLoader(args(get('/api/v1/templates')))
		expect(first.headers.get('Cache-Control')).toMatch(/^public, .*s-maxage=\d+.*stale-while-revalidate=\d+/)
		expect(first.headers.get('Vary')).toContain('Cookie')
		const etag = first.headers.get('ETag')!
		expect(etag).toMatch(/^W\/".+"$/)
		const again = await listLoader(args(get('/api/v1/templates', { 'If-None-Match': etag })))
		expect(again.status).toBe(304)
		expect(await again.text()).toBe('')
		const signedIn = await listLoader(args(get('/api/v1/templates', { Cookie: await cookieFor(ADMIN_ID) })))
		expect(signedIn.headers.get('Cache-Control')).toMatch(/^private/)
		expect(signedIn.headers.get('ETag')).toBeNull()
	})
})

describe('GET /api/v1/templates/:idOrSlug', () => {
	test('returns the template with its scenes, by slug or by id', async () => {
		const bySlug = await templateLoader(args(get('/api/v1/templates/quarterly-results-dashboard'), { idOrSlug: 'quarterly-results-dashboard' }))
		expect(bySlug.status).toBe(200)
		const body = (await bySlug.json()) as { id: string; scenes: Array<Record<string, unknown>> }
		expect(body.scenes.length).toBeGreaterThan(1)
		expect(Object.keys(body.scenes[0]!).sort()).toEqual(['duration', 'index', 'previewFrame', 'title', 'tsxCode'])
		expect(body.scenes.map((scene) => scene.index)).toEqual(body.scenes.map((_, index) => index))
		const byId = await templateLoader(args(get(`/api/v1/templates/${body.id}`), { idOrSlug: body.id }))
		expect(((await byId.json()) as { id: string }).id).toBe(body.id)
	})

	test('unlisted is reachable; disabled and unknown are 404 but for the owner and moderators', async () => {
		expect((await templateLoader(args(get('/'), { idOrSlug: UNLISTED_SLUG }))).status).toBe(200)
		const missing = await templateLoader(args(get('/'), { idOrSlug: DISABLED_SLUG }))
		expect(missing.status).toBe(404)
		expect(await missing.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
		expect((await templateLoader(args(get('/'), { idOrSlug: 'no-such-thing' }))).status).toBe(404)
		const disabled = (await getTemplateBySlugOrId(DISABLED_SLUG))!
		const asOwner = await templateLoader(args(get('/', { Cookie: await cookieFor(disabled.ownerUserId!) }), { idOrSlug: DISABLED_SLUG }))
		expect(asOwner.status).toBe(200)
		expect(asOwner.headers.get('Cache-Control')).toMatch(/^private/)
		const asAdmin = await templateLoader(args(get('/', { Cookie: await cookieFor(ADMIN_ID) }), { idOrSlug: DISABLED_SLUG }))
		expect(asAdmin.status).toBe(200)
		const asSomeoneElse = await templateLoader(args(get('/', { Cookie: await cookieFor(demoUserId('maya')) }), { idOrSlug: DISABLED_SLUG }))
		expect(asSomeoneElse.status).toBe(404)
	})

	test('tells a signed-in caller (session or editor token) whether they favorited it; anonymous callers and bad tokens are not told', async () => {
		const slug = 'quarterly-results-dashboard'
		const template = (await getTemplateBySlugOrId(slug))!
		const fan = demoUserId('maya')
		await unfavoriteTemplate(fan, template.id)
		const favoritedFor = async (headers: Record<string, string>) => {
			const response = await templateLoader(args(get(`/api/v1/templates/${slug}`, headers), { idOrSlug: slug }))
			expect(response.status).toBe(200)
			return ((await response.json()) as { favorited?: boolean }).favorited
		}
		const token = { Authorization: `Bearer ${await signBazaarToken({ sub: fan })}` }
		expect(await favoritedFor(token)).toBe(false)
		await favoriteTemplate(fan, template.id)
		expect(await favoritedFor(token)).toBe(true)
		expect(await favoritedFor({ Cookie: await cookieFor(fan) })).toBe(true)
		expect(await favoritedFor({})).toBeUndefined()
		// A token that does not verify reads as anonymous rather than failing the read.
		expect(await favoritedFor({ Authorization: 'Bearer not-a-token' })).toBeUndefined()
	})
})

type DataResult = { data: Record<string, unknown>; init: ResponseInit | null }

async function thrownBy(promise: Promise<unknown>) {
	try {
		await promise
	} catch (thrown) {
		return thrown as DataResult | Response
	}
	throw new Error('expected the loader to throw')
}

describe('the template page loader', () => {
	test('a disabled template is a 404 for visitors, visible to its owner', async () => {
		const thrown = (await thrownBy(pageLoader(args(get(`/t/${DISABLED_SLUG}`), { slug: DISABLED_SLUG })))) as DataResult
		expect(thrown.init?.status).toBe(404)
		const disabled = (await getTemplateBySlugOrId(DISABLED_SLUG))!
		const owner = (await pageLoader(args(get(`/t/${DISABLED_SLUG}`, { Cookie: await cookieFor(disabled.ownerUserId!) }), { slug: DISABLED_SLUG }))) as unknown as DataResult
		expect((owner.data.template as { status: string }).status).toBe('disabled')
		expect(new Headers(owner.init?.headers).get('X-Robots-Tag')).toBe('noindex')
	})

	test('reached by id, it redirects to the slug', async () => {
		const template = (await getTemplateBySlugOrId('logo-animation'))!
		const thrown = (await thrownBy(pageLoader(args(get(`/t/${template.id}`), { slug: template.id })))) as Response
		expect(thrown.status).toBe(301)
		expect(thrown.headers.get('Location')).toBe('/t/logo-animation')
	})

	test('a signed-in visit from a gallery card logs a view and a click; anonymous and crawler visits log nothing server-side', async () => {
		const template = (await getTemplateBySlugOrId('clean-lower-third'))!
		const userId = demoUserId('maya')
		const countEvents = async () =>
			(await database.db.select().from(communityEvents).where(and(eq(communityEvents.templateId, template.id), eq(communityEvents.userId, userId)))).map(
				(event) => `${event.eventType}:${event.source}`,
			)
		const before = await countEvents()
		const html = { Accept: 'text/html', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36' }
		const cookie = await cookieFor(userId)
		const result = (await pageLoader(args(get('/t/clean-lower-third?ref=gallery', { ...html, Cookie: cookie }), { slug: 'clean-lower-third' }))) as unknown as DataResult
		expect(result.data.viewLogged).toBe(true)
		expect(new Headers(result.init?.headers).get('Cache-Control')).toMatch(/^private/)
		expect((await countEvents()).length - before.length).toBe(2)
		expect(await countEvents()).toEqual(expect.arrayContaining(['view:community_site', 'click:community_site']))

		// A client-side data request (a revalidation after favoriting, say) is not a new view.
		await pageLoader(args(get('/t/clean-lower-third', { Accept: '*/*', Cookie: cookie }), { slug: 'clean-lower-third' }))
		// A crawler with a session cookie still logs nothing.
		await pageLoader(args(get('/t/clean-lower-third', { Accept: 'text/html', 'User-Agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)', Cookie: cookie }), { slug: 'clean-lower-third' }))
		expect((await countEvents()).length - before.length).toBe(2)

		const anonymous = (await pageLoader(args(get('/t/clean-lower-third', html), { slug: 'clean-lower-third' }))) as unknown as DataResult
		expect(anonymous.data.viewLogged).toBe(false)
		expect(new Headers(anonymous.init?.headers).get('Cache-Control')).toMatch(/^public/)
	})
})

describe('crawler files', () => {
	test('the sitemap lists public active templates and categories with lastmod, never unlisted or disabled', async () => {
		const response = await sitemapLoader(args(get('/sitemap.xml')))
		const xml = await response.text()
		expect(response.headers.get('Content-Type')).toContain('application/xml')
		expect(xml).toContain('<loc>http://gallery.test/t/logo-animation</loc><lastmod>')
		expect(xml).toContain('<loc>http://gallery.test/?category=data</loc>')
		expect(xml).not.toContain(DISABLED_SLUG)
		expect(xml).not.toContain(UNLISTED_SLUG)
	})

	test('robots.txt keeps crawlers out of private areas and names the sitemap', async () => {
		const text = await robotsLoader(args(get('/robots.txt'))).text()
		for (const path of ['/me', '/admin', '/api', '/preview']) expect(text).toContain(`Disallow: ${path}\n`)
		expect(text).toContain('Sitemap: http://gallery.test/sitemap.xml')
	})
})
