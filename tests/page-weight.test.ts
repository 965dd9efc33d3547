/**
 * Gallery and template pages: their ETag comes from what they show (row
 * versions, counters, the build), so an unchanged page answers 304 without
 * being rendered and a changed one gets a new tag; cards show their poster as
 * an image of known size, served from a URL cached as immutable, not as
 * inline drawings.
 */
import fs from 'node:fs'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '#app/db/client.server.ts'
import { communityTemplates } from '#app/db/schema.ts'
import { createTemplate, createUser } from '#tests/fixtures/community-factories.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

useTestDatabase({ seed: true })
const app = useAppRequestHandler()

async function page(path: string, headers: Record<string, string> = {}) {
	const response = await app.fetch(path, { headers: { Accept: 'text/html', ...headers } })
	return { response, etag: response.headers.get('ETag'), html: response.status === 200 ? await response.text() : '' }
}

describe('ETags from data', () => {
	test('the gallery keeps its ETag across renders (new nonce each time), answers 304 to it, and changes it when a count it shows changes', async () => {
		const first = await page('/?sort=new')
		const second = await page('/?sort=new')
		expect(first.etag).toMatch(/^W\/".+"$/)
		expect(second.etag).toBe(first.etag)
		expect(second.response.headers.get('Content-Security-Policy')).not.toBe(first.response.headers.get('Content-Security-Policy'))

		const revalidated = await page('/?sort=new', { 'If-None-Match': first.etag! })
		expect(revalidated.response.status).toBe(304)
		expect(revalidated.response.headers.get('Content-Security-Policy')).toBeNull()

		const shown = /href="\/t\/([^"?]+)\?ref=gallery"/.exec(first.html)![1]!
		await db.update(communityTemplates).set({ favoritesCount: sql`${communityTemplates.favoritesCount} + 1` }).where(eq(communityTemplates.slug, shown))
		const changed = await page('/?sort=new', { 'If-None-Match': first.etag! })
		expect(changed.response.status).toBe(200)
		expect(changed.etag).not.toBe(first.etag)
	})

	test('a template page changes its ETag when it is edited, and keeps it otherwise', async () => {
		const owner = await createUser()
		const template = await createTemplate(owner.id, { title: 'Before the edit' })
		const first = await page(`/t/${template.slug}`)
		expect((await page(`/t/${template.slug}`)).etag).toBe(first.etag)
		expect((await page(`/t/${template.slug}`, { 'If-None-Match': first.etag! })).response.status).toBe(304)
		await db.update(communityTemplates).set({ title: 'After the edit', updatedAt: new Date(Date.now() + 1000) }).where(eq(communityTemplates.id, template.id))
		const edited = await page(`/t/${template.slug}`, { 'If-None-Match': first.etag! })
		expect(edited.response.status).toBe(200)
		expect(edited.html).toContain('After the edit')
	})
})

describe('card posters are images', () => {
	test('each card has one poster image of known size, loaded lazily but the first (fetched at once, first); no inline drawing', async () => {
		const { html } = await page('/')
		const cards = html.match(/<article class="template-card">[\s\S]*?<\/article>/g) ?? []
		expect(cards.length).toBeGreaterThan(10)
		for (const [index, card] of cards.entries()) {
			expect(card).not.toContain('poster-motif')
			const images = card.match(/<img\b[^>]*>/g) ?? []
			expect(images).toHaveLength(1)
			expect(images[0]).toMatch(/ src="[^"]+"/)
			expect(images[0]).toContain('width="320"')
			expect(images[0]).toContain('height="180"')
			expect(images[0]).toContain('alt=""')
			if (index === 0) {
				expect(images[0]).toContain('fetchpriority="high"')
				expect(images[0]).not.toContain('loading=')
			} else {
				expect(images[0]).toContain('loading="lazy"')
				expect(images[0]).not.toContain('fetchpriority')
			}
		}
	})

	test('the generated poster is an SVG cached as immutable; unknown or malformed ones are 404', async () => {
		// The demo templates show their shipped renders; a template not rendered yet has the generated poster.
		await createTemplate((await createUser()).id, { title: 'Not rendered yet' })
		const { html } = await page('/?sort=new')
		const src = /<img class="poster-image" src="(\/posters\/[^"]+\.svg\?v=[^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&')
		const poster = await app.fetch(src)
		expect(poster.status).toBe(200)
		expect(poster.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/)
		expect(poster.headers.get('Cache-Control')).toContain('immutable')
		const svg = await poster.text()
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
		expect(svg).toContain('linearGradient')
		expect((await app.fetch('/posters/00000000-0000-4000-8000-000000000000.svg')).status).toBe(404)
		expect((await app.fetch('/posters/not-a-template.svg')).status).toBe(404)
	})
})

describe('a lean gallery page', () => {
	test('a full gallery page of templates not rendered yet is at most 40 KB of HTML: icons are drawn by the stylesheet, cards carry no inline drawing or style', async () => {
		// Titles and names as long as the demo's; a rendered poster adds its two sizes' addresses (docs/performance.md).
		const owner = await createUser()
		for (let index = 0; index < 21; index++) await createTemplate(owner.id, { title: `Weighed Lower Third Reveal ${index}`, tags: ['weighed'], viewsCount: 1200 + index, usesCount: 40 })
		const { html } = await page('/?tag=weighed')
		expect(html.match(/<article class="template-card">/g)).toHaveLength(20)
		expect(Buffer.byteLength(html)).toBeLessThanOrEqual(40 * 1024)
		expect(html).not.toContain('<symbol')
		expect(html).not.toContain('<use ')
		const cards = html.match(/<article class="template-card">[\s\S]*?<\/article>/g) ?? []
		expect(cards.length).toBeGreaterThan(10)
		for (const card of cards) {
			expect(card).not.toContain('<svg')
			expect(card).not.toContain('style=')
		}
	})

	test('every icon a page can name has its drawing in the stylesheet', async () => {
		const { ICON_NAMES } = await import('#app/components/Icon.tsx')
		const stylesheet = fs.readFileSync(path.join(process.cwd(), 'app/styles/app.css'), 'utf8')
		for (const name of ICON_NAMES) {
			expect(stylesheet).toMatch(new RegExp(`--icon-${name}: url\\("data:image/svg\\+xml,<svg [^"]+"\\);`))
			expect(stylesheet).toContain(`.icon-${name} {\n\t--icon: var(--icon-${name});`)
		}
	})

	test('a card tells a screen reader its length, scenes and counts in words', async () => {
		const { html } = await page('/?sort=new')
		const card = /<article class="template-card">[\s\S]*?<\/article>/.exec(html)![0]
		expect(card).toMatch(/<p class="visually-hidden">(Plays in Bazaar\. )?\d+s, \d+ scenes?\. [\d.kM]+ views, [\d.kM]+ favorites, [\d.kM]+ uses\.<\/p>/)
		expect(card).toMatch(/<div class="card-footer" aria-hidden="true">/)
		expect(card).toMatch(/<p class="format-list" role="img" title="Formats: [^"]+">/)
	})
})
