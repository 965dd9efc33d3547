/**
 * A seeded scene plays in its preview document: frames advance and the picture
 * changes; `?autoplay=0` holds the still at the preview frame; headers.
 */
import { expect, test } from '@playwright/test'
import postgres from 'postgres'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/bazaar_e2e_${PORT}`

let scene: { templateId: string; previewFrame: number; duration: number; slug: string }

test.beforeAll(async () => {
	const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} })
	const [row] = await sql<{ templateId: string; previewFrame: number; duration: number; slug: string }[]>`
		select t.id as "templateId", s.preview_frame as "previewFrame", s.duration, t.slug
		from "bazaar-vid_community_templates" t join "bazaar-vid_community_template_scenes" s on s.template_id = t.id
		where t.slug = 'logo-animation' and s.scene_index = 0`
	await sql.end()
	if (!row) throw new Error('the demo template logo-animation is missing from the e2e database')
	scene = row
})

const frameOf = async (page: import('@playwright/test').Page) => Number(await page.locator('html').getAttribute('data-frame'))

test('a seeded scene plays: frames advance and the picture changes', async ({ page }) => {
	const errors: string[] = []
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text())
	})
	await page.setViewportSize({ width: 640, height: 360 })
	await page.goto(`/preview/${scene.templateId}/0`)
	await expect(page.locator('html')).toHaveAttribute('data-preview-state', 'ready')
	const firstFrame = await frameOf(page)
	const first = await page.screenshot()
	await expect.poll(() => frameOf(page)).not.toBe(firstFrame)
	await expect.poll(async () => (await page.screenshot()).equals(first)).toBe(false)
	expect(errors).toEqual([])
})

test('?autoplay=0 holds the still at the preview frame', async ({ page }) => {
	await page.goto(`/preview/${scene.templateId}/0?autoplay=0`)
	await expect(page.locator('html')).toHaveAttribute('data-preview-state', 'ready')
	expect(await frameOf(page)).toBe(scene.previewFrame)
	const still = await page.screenshot()
	// A playing player moves on every animation frame: let the page render 30 of them.
	await page.evaluate(() => new Promise<void>((resolve) => {
		let rendered = 0
		const tick = () => (++rendered >= 30 ? resolve() : requestAnimationFrame(tick))
		requestAnimationFrame(tick)
	}))
	expect(await frameOf(page)).toBe(scene.previewFrame)
	expect((await page.screenshot()).equals(still)).toBe(true)
})

test('the document carries the strict policy; unknown scenes are 404', async ({ request }) => {
	const response = await request.get(`/preview/${scene.templateId}/0`)
	expect(response.status()).toBe(200)
	const policy = response.headers()['content-security-policy'] ?? ''
	expect(policy).toContain("default-src 'none'")
	expect(policy).toContain("connect-src 'none'")
	expect(policy).toContain(`frame-ancestors 'self' http://localhost:${PORT + 1}`)
	const code = (await response.text()).match(/src="(\/preview\/code\/[0-9a-f]{64}\.js)"/)?.[1]
	expect(code).toBeTruthy()
	const script = await request.get(code!)
	expect(script.headers()['cache-control']).toBe('public, max-age=31536000, immutable')
	expect((await request.get(`/preview/${scene.templateId}/${99}`)).status()).toBe(404)
	expect((await request.get('/preview/00000000-0000-4000-8000-000000000000/0')).status()).toBe(404)
})
