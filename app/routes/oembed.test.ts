/**
 * oEmbed and the embeddable player on the seeded demo: a public or unlisted
 * template page unfurls, anything else is a 404 (docs/rendering.md, "Sharing").
 */
import { describe, expect, test } from 'vitest'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { loader as embedLoader } from './embed.$slug.ts'
import { loader as oembedLoader } from './oembed.ts'

useTestDatabase({ seed: true })
const ORIGIN = 'http://share.test'
const PUBLIC_SLUG = 'orbiting-shapes-loop'
const DISABLED_SLUG = 'retro-vhs-title'
const UNLISTED_SLUG = 'team-intro-unlisted-7fQk2LmZx9'

const oembed = (query: Record<string, string>) =>
	oembedLoader({ request: new Request(`${ORIGIN}/oembed?${new URLSearchParams(query)}`), params: {}, context: {} })
const embed = (slug: string) => embedLoader({ request: new Request(`${ORIGIN}/embed/${slug}`), params: { slug }, context: {} })

describe('GET /oembed', () => {
	test('a template page gets a rich answer whose iframe is the embeddable player', async () => {
		const response = await oembed({ url: `${ORIGIN}/t/${PUBLIC_SLUG}`, format: 'json' })
		expect(response.status).toBe(200)
		const body = await response.json()
		expect(body).toMatchObject({ version: '1.0', type: 'rich', title: 'Orbiting Shapes Loop', provider_name: 'Bazaar Community', width: 640, height: 360 })
		expect(body.html).toContain(`src="${ORIGIN}/embed/${PUBLIC_SLUG}"`)
		expect(body.html).toContain('sandbox="allow-scripts"')
	})

	test('unlisted unfurls for whoever has the link; disabled, unknown, other pages and other sites are 404', async () => {
		expect((await oembed({ url: `${ORIGIN}/t/${UNLISTED_SLUG}` })).status).toBe(200)
		for (const url of [`${ORIGIN}/t/${DISABLED_SLUG}`, `${ORIGIN}/t/no-such-template`, `${ORIGIN}/creators/maya`, `${ORIGIN}/`, `https://elsewhere.example/t/${PUBLIC_SLUG}`]) {
			const response = await oembed({ url, format: 'json' })
			expect(response.status, url).toBe(404)
		}
	})

	test('no url is a 400 naming it; a format other than json is 501', async () => {
		const missing = await oembed({ format: 'json' })
		expect(missing.status).toBe(400)
		expect(JSON.stringify(await missing.json())).toContain('url')
		expect((await oembed({ url: `${ORIGIN}/t/${PUBLIC_SLUG}`, format: 'xml' })).status).toBe(501)
	})
})

describe('GET /embed/:slug', () => {
	test('plays the first scene in the sandboxed document any site may frame, never indexed', async () => {
		const response = await embed(PUBLIC_SLUG)
		expect(response.status).toBe(200)
		const csp = response.headers.get('content-security-policy') ?? ''
		expect(csp).toContain('sandbox allow-scripts')
		expect(csp).toMatch(/frame-ancestors [^;]*\*/)
		expect(response.headers.get('x-robots-tag')).toBe('noindex')
		expect((await embed(UNLISTED_SLUG)).status).toBe(200)
	})

	test('disabled and unknown templates are 404', async () => {
		expect((await embed(DISABLED_SLUG)).status).toBe(404)
		expect((await embed('no-such-template')).status).toBe(404)
	})
})
