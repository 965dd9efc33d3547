/**
 * The anonymous page cache (server/page-cache.ts) on the real server and a
 * seeded database: a stored page is served again with a fresh CSP nonce in
 * header and body; it never crosses between signed-in and anonymous visitors;
 * publishing, moderation and the nightly aggregation drop it at once; with
 * PAGE_CACHE_SECONDS=0 nothing is ever served from it.
 */
import zlib from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { aggregateMetrics } from '#app/models/metrics.server.ts'
import { createProject, createTemplate, createUser, sessionCookieFor } from '#tests/fixtures/community-factories.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { sendOverHttp, TEST_ORIGIN, useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { startServer } from '../server/index.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { db } from '#app/db/client.server.ts'
import { communityTemplates } from '#app/db/schema.ts'
import { eq } from 'drizzle-orm'

// Two sites that embed the widget (CORS, app/utils/cors.server.ts).
const EDITOR_ORIGIN = 'https://editor.example'
const OTHER_WIDGET_ORIGIN = 'https://other-widget.example'
process.env.WIDGET_ALLOWED_ORIGINS = `${EDITOR_ORIGIN},${OTHER_WIDGET_ORIGIN}`
resetEnvCache()

useTestDatabase({ seed: true })
const app = useAppRequestHandler({ pageCacheSeconds: 300 })

function nonceOf(response: Response) {
	return /'nonce-([^']+)'/.exec(response.headers.get('Content-Security-Policy') ?? '')?.[1] ?? null
}

async function getPage(path: string, headers: Record<string, string> = {}) {
	const response = await app.fetch(path, { headers: { Accept: 'text/html', ...headers } })
	return { response, html: await response.text(), cache: response.headers.get('X-Page-Cache') }
}

/** Fetches until the page has been stored (the first answer is a miss; it is stored once written). */
async function cachedPage(path: string) {
	const first = await getPage(path)
	const second = await getPage(path)
	expect(second.cache, `${path} was not served from the cache on the second request`).toBe('hit')
	return { first, second }
}

describe('anonymous pages', () => {
	test('a stored page is served again, each answer with its own nonce in the header and on every script', async () => {
		const path = '/?sort=new'
		const first = await getPage(path)
		expect(first.cache).toBe('miss')
		const answers = [await getPage(path), await getPage(path)]
		const nonces = [first, ...answers].map(({ response }) => nonceOf(response))
		expect(new Set(nonces).size).toBe(3)
		for (const [index, answer] of answers.entries()) {
			expect(answer.cache).toBe('hit')
			const nonce = nonces[index + 1]!
			expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
			const scriptNonces = [...answer.html.matchAll(/<script\b[^>]*\bnonce="([^"]+)"/g)].map((match) => match[1])
			expect(scriptNonces.length).toBeGreaterThan(0)
			expect(new Set(scriptNonces)).toEqual(new Set([nonce]))
			// The same page otherwise, byte for byte.
			expect(answer.html.replaceAll(nonce, 'NONCE')).toBe(first.html.replaceAll(nonces[0]!, 'NONCE'))
		}
	})

	test('a burst of requests for a page not yet stored renders it once', async () => {
		const answers = await Promise.all(Array.from({ length: 8 }, () => getPage('/?sort=new&format=square')))
		expect(answers.map((answer) => answer.response.status)).toEqual(Array(8).fill(200))
		expect(answers.filter((answer) => answer.cache === 'miss')).toHaveLength(1)
		expect(new Set(answers.map(({ response }) => nonceOf(response))).size).toBe(8)
	})

	test('parameters in another order are the same page; other parameters are another page', async () => {
		await cachedPage('/?sort=new&category=intros')
		expect((await getPage('/?category=intros&sort=new')).cache).toBe('hit')
		expect((await getPage('/?category=intros&sort=popular')).cache).toBe('miss')
	})

	test('a hit asked for gzip is a gzip stream of the same page with its own nonce; identity when gzip is refused; HEAD has no body', async () => {
		const path = '/?sort=new&category=titles'
		const { second: plain } = await cachedPage(path)
		const plainNonce = nonceOf(plain.response)!
		for (let answer = 0; answer < 3; answer++) {
			const response = await app.fetch(path, { headers: { Accept: 'text/html', 'Accept-Encoding': 'gzip, deflate, br' } })
			expect(response.headers.get('X-Page-Cache')).toBe('hit')
			expect(response.headers.get('Content-Encoding')).toBe('gzip')
			expect(response.headers.get('Vary')).toMatch(/Accept-Encoding/i)
			const compressed = Buffer.from(await response.arrayBuffer())
			expect(Number(response.headers.get('Content-Length'))).toBe(compressed.byteLength)
			expect(compressed.byteLength).toBeLessThan(Buffer.byteLength(plain.html) / 3)
			// gunzip checks the stream's checksum and length.
			const html = zlib.gunzipSync(compressed).toString('utf8')
			const nonce = nonceOf(response)!
			expect(nonce).not.toBe(plainNonce)
			expect(html.replaceAll(nonce, 'NONCE')).toBe(plain.html.replaceAll(plainNonce, 'NONCE'))
		}
		const refused = await app.fetch(path, { headers: { Accept: 'text/html', 'Accept-Encoding': 'gzip;q=0, identity' } })
		expect(refused.headers.get('Content-Encoding')).toBeNull()
		const refusedNonce = nonceOf(refused)!
		expect((await refused.text()).replaceAll(refusedNonce, 'NONCE')).toBe(plain.html.replaceAll(plainNonce, 'NONCE'))
		const head = await app.fetch(path, { method: 'HEAD', headers: { 'Accept-Encoding': 'gzip' } })
		expect(head.status).toBe(200)
		expect(head.headers.get('X-Page-Cache')).toBe('hit')
		expect(Number(head.headers.get('Content-Length'))).toBeGreaterThan(0)
	})

	test('an unchanged stored page answers 304 to its ETag, without a policy for a body it does not send', async () => {
		const { second } = await cachedPage('/t/logo-animation')
		const etag = second.response.headers.get('ETag')
		expect(etag).toBeTruthy()
		const revalidated = await app.fetch('/t/logo-animation', { headers: { 'If-None-Match': etag! } })
		expect(revalidated.status).toBe(304)
		expect(revalidated.headers.get('X-Page-Cache')).toBe('hit')
		expect(revalidated.headers.get('Content-Security-Policy')).toBeNull()
	})
})

describe('never across visitors', () => {
	test('a signed-in visitor is never served the anonymous copy, and their page is never stored', async () => {
		const user = await createUser({ name: 'Cache Person' })
		const cookie = await sessionCookieFor(user.id)
		await cachedPage('/?sort=most-used')
		for (let attempt = 0; attempt < 2; attempt++) {
			const signedIn = await getPage('/?sort=most-used', { Cookie: cookie })
			expect(signedIn.cache).toBeNull()
			expect(signedIn.response.headers.get('Cache-Control')).toMatch(/private/)
			expect(signedIn.html).toContain('Sign out')
		}

		// A page first asked for while signed in: the next anonymous visitor gets an anonymous page.
		const path = '/?sort=trending'
		const signedIn = await getPage(path, { Cookie: cookie })
		expect(signedIn.html).toContain('Sign out')
		const anonymous = await getPage(path)
		expect(anonymous.cache).toBe('miss')
		expect(anonymous.html).not.toContain('Sign out')
		expect(anonymous.html).not.toContain('Cache Person')
		expect((await getPage(path)).html).not.toContain('Cache Person')
	})

	test('a stored API answer gets the CORS headers of the origin asking, never those of the answer that was stored', async () => {
		const path = '/api/v1/templates?limit=2'
		const stored = await app.fetch(path, { headers: { Origin: EDITOR_ORIGIN } })
		expect(stored.headers.get('X-Page-Cache')).toBe('miss')
		expect(stored.headers.get('Access-Control-Allow-Origin')).toBe(EDITOR_ORIGIN)
		const body = await stored.text()
		for (const [origin, allowed] of [
			[OTHER_WIDGET_ORIGIN, OTHER_WIDGET_ORIGIN],
			[EDITOR_ORIGIN, EDITOR_ORIGIN],
			['https://not-allowed.example', null],
			[undefined, null],
		] as const) {
			const hit = await app.fetch(path, { headers: origin ? { Origin: origin } : {} })
			expect(hit.headers.get('X-Page-Cache'), String(origin)).toBe('hit')
			expect(hit.headers.get('Access-Control-Allow-Origin'), String(origin)).toBe(allowed)
			expect(hit.headers.get('Access-Control-Expose-Headers'), String(origin)).toBe(allowed ? 'Retry-After' : null)
			expect(hit.headers.get('Vary'), String(origin)).toMatch(/(^|,\s*)Origin(\s*,|$)/)
			expect(await hit.text()).toBe(body)
		}
	})

	test('an API call with a token is never answered from the cache', async () => {
		await cachedPage('/api/v1/templates?limit=3')
		const withToken = await app.fetch('/api/v1/templates?limit=3', { headers: { Authorization: 'Bearer not-a-real-token' } })
		expect(withToken.headers.get('X-Page-Cache')).toBeNull()
	})

	test('an answer that is not shared-cacheable (the login page) is never stored', async () => {
		const first = await getPage('/login')
		const second = await getPage('/login')
		expect(first.response.headers.get('Cache-Control') ?? '').not.toMatch(/public/)
		expect(second.cache).toBe('miss')
	})
})

describe('dropped when what a page shows changes', () => {
	test('publishing shows the new template in the gallery at once', async () => {
		const creator = await createUser({ name: 'Fresh Publisher' })
		const { project } = await createProject(creator.id)
		await cachedPage('/?sort=new')
		const body = new URLSearchParams({ projectId: project.id, title: 'Cache buster launch', description: 'Published while the gallery was cached', category: 'intros', tags: 'cache', visibility: 'public' })
		body.append('formats', 'landscape')
		const published = await app.fetch('/publish', {
			method: 'POST',
			headers: { Cookie: await sessionCookieFor(creator.id), 'Content-Type': 'application/x-www-form-urlencoded', Origin: TEST_ORIGIN },
			body,
		})
		expect(published.status).toBe(302)
		const after = await getPage('/?sort=new')
		expect(after.cache).toBe('miss')
		expect(after.html).toContain('Cache buster launch')
	})

	test('a moderator disabling a template takes it off its cached page and the cached gallery', async () => {
		const owner = await createUser()
		const moderator = await createUser({ isAdmin: true })
		const template = await createTemplate(owner.id, { title: 'Soon disabled by a moderator' })
		const { second: cachedTemplatePage } = await cachedPage(`/t/${template.slug}`)
		expect(cachedTemplatePage.response.status).toBe(200)
		// A gallery address not asked for before (the template was inserted straight into the database).
		const gallery = '/?sort=new&tag=test'
		const { second: cachedGallery } = await cachedPage(gallery)
		expect(cachedGallery.html).toContain('Soon disabled by a moderator')

		const disabled = await app.fetch('/admin/templates', {
			method: 'POST',
			headers: { Cookie: await sessionCookieFor(moderator.id), 'Content-Type': 'application/x-www-form-urlencoded', Origin: TEST_ORIGIN },
			body: new URLSearchParams({ intent: 'disable', templateId: template.id, reason: 'Breaks the rules' }),
		})
		expect(disabled.status).toBeLessThan(400)
		const [row] = await db.select({ status: communityTemplates.status }).from(communityTemplates).where(eq(communityTemplates.id, template.id))
		expect(row?.status).toBe('disabled')

		expect((await getPage(`/t/${template.slug}`)).response.status).toBe(404)
		expect((await getPage(gallery)).html).not.toContain('Soon disabled by a moderator')
	})

	test('the nightly aggregation drops the cached pages (their counters and trending change)', async () => {
		await cachedPage('/?sort=popular')
		const result = await aggregateMetrics({})
		expect(result.status).toBe('done')
		expect((await getPage('/?sort=popular')).cache).toBe('miss')
	})
})

describe('PAGE_CACHE_SECONDS=0', () => {
	test('turns the cache off: every anonymous request is rendered', async () => {
		const before = process.env.PAGE_CACHE_SECONDS
		process.env.PAGE_CACHE_SECONDS = '0'
		resetEnvCache()
		const off = await startServer({ mode: 'development', port: 0, host: '127.0.0.1', prepareDatabase: false, closeDatabaseOnStop: false, vite: { logLevel: 'error', server: { hmr: false, ws: false, watch: null } }, log: () => {} })
		try {
			const answers = []
			for (let index = 0; index < 3; index++) answers.push(await sendOverHttp(off.port, new Request(new URL('/?sort=new', TEST_ORIGIN))))
			for (const answer of answers) {
				expect(answer.status).toBe(200)
				expect(answer.headers.get('X-Page-Cache')).toBeNull()
			}
			expect(new Set(answers.map(nonceOf)).size).toBe(3)
		} finally {
			await off.stop()
			if (before === undefined) delete process.env.PAGE_CACHE_SECONDS
			else process.env.PAGE_CACHE_SECONDS = before
			resetEnvCache()
		}
	})
})
