/**
 * The editor's runtime in the sandbox: a scene reading every global the
 * editor offers plays with its fonts in document.fonts, its icons drawn as
 * SVG, its avatar from our origin, and not one request leaving our origin; a
 * Remotion-only scene downloads no library, icon or font. Scenes are seeded
 * straight into the e2e database (tests/fixtures/editor-runtime-scenes.ts).
 */
import { createHash, randomUUID } from 'node:crypto'
import { type Page, type Request, expect, test } from '@playwright/test'
import postgres from 'postgres'
import { EVERY_GLOBAL_SCENE, REMOTION_ONLY_SCENE, RUN_TIME_NAMES_SCENE } from '../fixtures/editor-runtime-scenes.ts'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const SITE = `http://localhost:${PORT}`
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/bazaar_e2e_${PORT}`
// Three library bundles, icons, fonts and an avatar per page: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 })

const templates = { everyGlobal: randomUUID(), remotionOnly: randomUUID(), runTimeNames: randomUUID() }

test.beforeAll(async () => {
	const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} })
	const seed = async (id: string, title: string, tsxCode: string) => {
		await sql`insert into "bazaar-vid_community_templates" (id, slug, title, visibility, status, supported_formats)
			values (${id}, ${`e2e-${id}`}, ${title}, 'unlisted', 'active', ${sql.json(['landscape'])})`
		await sql`insert into "bazaar-vid_community_template_scenes" (template_id, scene_index, title, tsx_code, duration, preview_frame, code_hash)
			values (${id}, 0, ${title}, ${tsxCode}, 120, 30, ${createHash('sha256').update(tsxCode).digest('hex')})`
	}
	await seed(templates.everyGlobal, 'Every editor global', EVERY_GLOBAL_SCENE)
	await seed(templates.remotionOnly, 'Remotion only', REMOTION_ONLY_SCENE)
	await seed(templates.runTimeNames, 'Names at run time', RUN_TIME_NAMES_SCENE)
	await sql.end()
})

/** Every request the page makes, and the errors it logs. */
function watch(page: Page) {
	const requests: Request[] = []
	const errors: string[] = []
	page.on('request', (request) => requests.push(request))
	page.on('pageerror', (error) => errors.push(error.message))
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text())
	})
	const leaving = () => requests.map((request) => request.url()).filter((url) => !url.startsWith(`${SITE}/`) && !/^(data|blob):/.test(url))
	const paths = () => requests.map((request) => new URL(request.url()).pathname)
	return { requests, errors, leaving, paths }
}

async function openPreview(page: Page, templateId: string) {
	await page.setViewportSize({ width: 960, height: 540 })
	await page.goto(`/preview/${templateId}/0?autoplay=0`)
	await expect(page.locator('html')).toHaveAttribute('data-preview-state', 'ready')
}

const loadedFaces = (page: Page, family: string) =>
	page.evaluate(
		(wanted) => [...document.fonts].filter((face) => face.family.replace(/["']/g, '') === wanted && face.status === 'loaded').map((face) => face.weight),
		family,
	)

test('a scene reading every editor global plays with its fonts, SVG icons and avatar, all from our origin', async ({ page }) => {
	const watched = watch(page)
	await openPreview(page, templates.everyGlobal)
	await expect(page.getByTestId('title')).toHaveText('Every editor global')

	await expect(page.getByTestId('serif')).toHaveAttribute('data-ready', 'yes')
	await expect.poll(() => loadedFaces(page, 'Playfair Display')).toContain('700')
	await expect.poll(() => loadedFaces(page, 'Inter')).toEqual(expect.arrayContaining(['400', '700']))
	expect(await page.evaluate(() => document.fonts.check('700 72px Inter'))).toBe(true)

	await expect(page.getByTestId('core')).toHaveAttribute('data-react-dom', 'function')
	await expect(page.getByTestId('core')).toHaveAttribute('data-native-audio', 'function')
	await expect(page.getByTestId('heroicons').locator('svg path')).toHaveCount(2)
	await expect(page.getByTestId('lucide').locator('svg.lucide')).toHaveCount(1)
	await expect(page.getByTestId('shapes').locator('svg path')).toHaveCount(1)
	await expect.poll(() => page.getByTestId('rough').locator('path').count()).toBeGreaterThan(0)
	// Iconify icons: inline SVG with the set's own drawing, not a placeholder.
	await expect(page.getByTestId('iconify').locator('svg.iconify--mdi path')).toHaveCount(1)
	await expect(page.getByTestId('iconify').locator('svg.iconify--material-symbols path')).toHaveCount(1)
	await expect(page.getByTestId('iconify').locator('svg.iconify--material-symbols')).toHaveCSS('color', 'rgb(34, 211, 238)')
	await expect(page.getByTestId('inline-icon').locator('svg.iconify--tabler path')).not.toHaveCount(0)
	const unknown = page.getByTestId('unknown-icon').locator('[data-icon-missing="mdi:definitely-not-an-icon"]')
	await expect(unknown).toBeVisible()
	await expect(unknown).toHaveAttribute('aria-label', 'Unknown icon mdi:definitely-not-an-icon')

	const avatar = page.getByTestId('avatar')
	await expect.poll(() => avatar.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0)
	expect(await avatar.evaluate((image: HTMLImageElement) => image.currentSrc)).toBe(`${SITE}/preview/avatars/asian-woman`)
	await expect(page.getByTestId('avatar-alias')).toHaveAttribute('data-same', 'true')

	expect(watched.leaving()).toEqual([])
	expect(watched.paths()).toEqual(
		expect.arrayContaining(['/preview-runtime/iconify.js', '/preview-runtime/lucide.js', '/preview/icons.js', '/preview-fonts/inter-latin-700-normal.woff2']),
	)
	// Only the faces the scene uses: Playfair Display's 400 is never drawn.
	expect(watched.paths()).not.toContain('/preview-fonts/playfair-display-latin-400-normal.woff2')
	expect(watched.errors).toEqual([])
})

test('a Remotion-only scene downloads no library, icon or font', async ({ page }) => {
	const watched = watch(page)
	await openPreview(page, templates.remotionOnly)
	await expect(page.getByTestId('box')).toBeVisible()
	await page.evaluate(() => document.fonts.ready)
	const paths = watched.paths()
	expect(paths.filter((path) => path.startsWith('/preview-runtime/'))).toEqual(['/preview-runtime/runtime.js'])
	expect(paths.filter((path) => path.startsWith('/preview-fonts/') || path.startsWith('/preview/icons') || path.startsWith('/preview/avatars'))).toEqual([])
	expect(watched.leaving()).toEqual([])
	expect(watched.errors).toEqual([])
})

test('an icon and a font named only at run time are fetched from our origin when the scene asks', async ({ page }) => {
	const watched = watch(page)
	await openPreview(page, templates.runTimeNames)
	await expect(page.getByTestId('icon').locator('svg.iconify--mdi path')).toHaveCount(1)
	await expect(page.getByTestId('font')).toHaveAttribute('data-usable', 'yes')
	expect(await loadedFaces(page, 'Lobster')).toEqual(['400'])
	expect(watched.paths()).toContain('/preview-fonts/lobster-latin-400-normal.woff2')
	expect(watched.leaving()).toEqual([])
	expect(watched.errors).toEqual([])
})

test('the sandbox stays: the document is served with sandbox allow-scripts and no network beyond our origin', async ({ request }) => {
	const response = await request.get(`/preview/${templates.everyGlobal}/0`)
	const policy = response.headers()['content-security-policy'] ?? ''
	expect(policy).toContain('sandbox allow-scripts')
	expect(policy).toContain("connect-src 'none'")
	expect(policy).toContain("font-src 'self' data:")
	expect(policy).not.toContain('allow-same-origin')
	const html = await response.text()
	expect(html).toContain('@font-face{font-family:"Playfair Display"')
	expect(html).toMatch(/<script defer src="\/preview\/icons\.js\?icons=material-symbols:rocket-launch,mdi:definitely-not-an-icon,mdi:home,tabler:star"><\/script>/)
})
