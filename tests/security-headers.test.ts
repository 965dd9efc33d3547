/**
 * Every HTML page the app renders carries the security headers (docs/security.md),
 * and every script in it either carries this response's CSP nonce or is a
 * JSON-LD data block that cannot break out of its element. The app runs whole
 * (entry.server, root, error boundaries) on a seeded database.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { saveCreatorProfile } from '#app/models/creator-profile.server.ts'
import { createTemplate, createUser, sessionCookieFor } from '#tests/fixtures/community-factories.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

useTestDatabase({ seed: true })
const app = useAppRequestHandler()

let pages: Array<{ route: string; path: string; cookie?: string; status?: number }>
beforeAll(async () => {
	const owner = await createUser()
	const admin = await createUser({ isAdmin: true })
	const template = await createTemplate(owner.id, { title: 'Headers </script><script>window.__xss=1</script>' })
	const ownerCookie = await sessionCookieFor(owner.id)
	const saved = await saveCreatorProfile(owner.id, { handle: 'headers-owner', bio: 'Bio </script><script>window.__xss=1</script>', links: [] })
	if (!saved.ok) throw new Error('the test creator could not take its handle')
	const adminCookie = await sessionCookieFor(admin.id)
	pages = [
		{ route: 'routes/_index', path: '/' },
		{ route: 'routes/_index', path: '/?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&sort=new' },
		{ route: 'routes/_index', path: '/', cookie: ownerCookie },
		{ route: 'routes/t.$slug', path: '/t/logo-animation' },
		{ route: 'routes/t.$slug', path: `/t/${template.slug}`, cookie: ownerCookie },
		{ route: 'routes/t.$slug_.report', path: `/t/logo-animation/report`, cookie: ownerCookie },
		{ route: 'routes/login', path: '/login?returnTo=%2Fpublish' },
		{ route: 'routes/me.favorites', path: '/me/favorites', cookie: ownerCookie },
		{ route: 'routes/me.templates._index', path: '/me/templates', cookie: ownerCookie },
		{ route: 'routes/me.templates.$id', path: `/me/templates/${template.id}`, cookie: ownerCookie },
		{ route: 'routes/publish', path: '/publish', cookie: ownerCookie },
		{ route: 'routes/me.profile', path: '/me/profile', cookie: ownerCookie },
		{ route: 'routes/creators.$handle', path: '/creators/headers-owner' },
		{ route: 'routes/creators.$handle', path: '/creators/maya-chen' },
		{ route: 'routes/creators.$handle', path: '/creators/no-such-creator', status: 404 },
		{ route: 'routes/admin.templates', path: '/admin/templates', cookie: adminCookie },
		{ route: 'root', path: '/t/no-such-template', status: 404 },
		{ route: 'root', path: '/no/such/page', status: 404 },
	]
})

async function getPage(path: string, cookie?: string) {
	const headers: Record<string, string> = { Accept: 'text/html' }
	if (cookie) headers.Cookie = cookie
	return app.fetch(path, { headers })
}

function nonceOf(csp: string) {
	return csp.match(/script-src [^;]*'nonce-([^']+)'/)?.[1] ?? null
}

function expectSecurePage(response: Response, html: string) {
	const csp = response.headers.get('Content-Security-Policy') ?? ''
	expect(csp).toContain("default-src 'self'")
	expect(csp).toContain("object-src 'none'")
	expect(csp).toContain("base-uri 'self'")
	expect(csp).toContain("frame-ancestors 'self'")
	expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/)
	expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
	expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin')
	expect(response.headers.get('X-Frame-Options')).toBe('SAMEORIGIN')
	expect(response.headers.get('Permissions-Policy')).toMatch(/camera=\(\)/)
	const nonce = nonceOf(csp)
	expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)

	const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
	expect(scripts.length).toBeGreaterThan(0)
	for (const [, attributes, content] of scripts) {
		if (/type="application\/ld\+json"/.test(attributes!)) {
			// A data block: never executed, but it must not close its element early.
			expect(content).not.toMatch(/</)
			expect(() => JSON.parse(content!)).not.toThrow()
			continue
		}
		expect(attributes, `a script without this response's nonce: <script${attributes}>${content!.slice(0, 200)}`).toContain(`nonce="${nonce}"`)
	}
	// Inline event handlers are blocked by the CSP; the markup should not carry any.
	expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i)
}

describe('security headers on every HTML page', () => {
	test('the list below covers every route that renders a page', () => {
		const pageRoutes = Object.values(app.build.routes)
			.filter((route) => route.module.default)
			.map((route) => route.id)
		expect(new Set(pages.map((page) => page.route))).toEqual(new Set(pageRoutes))
	})

	test('each page: CSP with a fresh nonce on every script, nosniff, referrer, frame and permissions policies', async () => {
		for (const page of pages) {
			const response = await getPage(page.path, page.cookie)
			expect(response.status, page.path).toBe(page.status ?? 200)
			expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
			expectSecurePage(response, await response.text())
		}
	})

	test('two requests get two different nonces', async () => {
		const first = nonceOf((await getPage('/login')).headers.get('Content-Security-Policy') ?? '')
		const second = nonceOf((await getPage('/login')).headers.get('Content-Security-Policy') ?? '')
		expect(first).not.toBe(second)
	})

	test('a cacheable page keeps its ETag across renders (the nonce is not part of it) and its 304 carries no CSP', async () => {
		const first = await getPage('/t/logo-animation')
		const second = await getPage('/t/logo-animation')
		const etag = first.headers.get('ETag')
		expect(etag).toBeTruthy()
		expect(second.headers.get('ETag')).toBe(etag)
		expect(nonceOf(first.headers.get('Content-Security-Policy')!)).not.toBe(nonceOf(second.headers.get('Content-Security-Policy')!))
		const revalidated = await app.fetch('/t/logo-animation', { headers: { Accept: 'text/html', 'If-None-Match': etag! } })
		expect(revalidated.status).toBe(304)
		// The cache keeps the policy stored with its body, whose nonce matches that body.
		expect(revalidated.headers.get('Content-Security-Policy')).toBeNull()
	})

	test('the preview document keeps its own policy: framable by the widget origins, sandboxed, no inline scripts', async () => {
		const gallery = await (await app.fetch('/api/v1/templates?limit=1')).json()
		const templateId = (gallery as { items: Array<{ id: string }> }).items[0]!.id
		const response = await app.fetch(`/preview/${templateId}/0`)
		expect(response.status).toBe(200)
		const csp = response.headers.get('Content-Security-Policy') ?? ''
		expect(csp).toContain("script-src 'self'")
		expect(csp).toContain('sandbox allow-scripts')
		expect(csp).toMatch(/frame-ancestors 'self'/)
		expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(response.headers.get('X-Frame-Options')).toBeNull()
	})
})
