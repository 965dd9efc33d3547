// <bazaar-template-panel> in real Chromium, embedded by the demo host page on
// another origin (port + 1, the one WIDGET_ALLOWED_ORIGINS allows in the e2e
// server) exactly as the editor would, against the production build and its
// PostgreSQL database.
import { expect, type Page, test } from '@playwright/test'
import postgres from 'postgres'
import { signPanelToken, startDemoHost } from '../../widget/examples/serve.mjs'

const API_PORT = Number(process.env.E2E_PORT ?? 3210)
const API = `http://localhost:${API_PORT}`
const ALLOWED_PORT = API_PORT + 1
const DISALLOWED_PORT = API_PORT + 2
const SECRET = 'e2e-signing-secret'
const USER_ID = 'demo-kai'

type HostEvent = { type: string; detail: Record<string, unknown> }
type DemoHost = Awaited<ReturnType<typeof startDemoHost>>

let allowedHost: DemoHost
let disallowedHost: DemoHost
let sql: postgres.Sql

test.beforeAll(async () => {
	allowedHost = await startDemoHost({ port: ALLOWED_PORT, apiBase: API, secret: SECRET })
	disallowedHost = await startDemoHost({ port: DISALLOWED_PORT, apiBase: API, secret: SECRET })
	sql = postgres(`postgres://postgres@127.0.0.1:5432/bazaar_e2e_${API_PORT}`, { max: 2, onnotice: () => {} })
})
test.afterAll(async () => {
	await allowedHost?.close()
	await disallowedHost?.close()
	await sql?.end()
})

function panel(page: Page) {
	return page.locator('bazaar-template-panel')
}

async function hostEvents(page: Page, type: string): Promise<HostEvent[]> {
	return page.evaluate((wanted) => (window as unknown as { bazaarEvents: HostEvent[] }).bazaarEvents.filter((event) => event.type === wanted), type)
}

async function waitForHostEvent(page: Page, type: string) {
	await expect.poll(async () => (await hostEvents(page, type)).length, { message: `host receives ${type}` }).toBeGreaterThan(0)
	return (await hostEvents(page, type)).at(-1)!
}

async function openHost(page: Page, query = '') {
	await page.goto(`${allowedHost.url}/${query}`)
	await expect(panel(page).getByRole('searchbox', { name: 'Search templates' })).toBeVisible()
}

async function openTemplate(page: Page, title: string) {
	await panel(page).getByRole('button', { name: new RegExp(title) }).first().click()
	const dialog = panel(page).getByRole('dialog')
	await expect(dialog.getByRole('heading', { name: title })).toBeVisible()
	await expect(dialog.getByText(/^Scene 1 of \d+/)).toBeVisible()
	return dialog
}

async function templateBySlugLike(title: string) {
	const [row] = await sql<{ id: string; slug: string }[]>`select id, slug from "bazaar-vid_community_templates" where title = ${title} limit 1`
	if (!row) throw new Error(`no seeded template titled ${title}`)
	return row
}

// ---- what needs only this branch ------------------------------------------------------

test('the bundle is served at the stable URL: JS, loadable from any origin, short cache + ETag, immutable hashed copy', async ({ request }) => {
	const stable = await request.get('/widget/v1/bazaar-community.js')
	expect(stable.status()).toBe(200)
	expect(stable.headers()['content-type']).toMatch(/^text\/javascript/)
	expect(stable.headers()['access-control-allow-origin']).toBe('*')
	expect(stable.headers()['cache-control']).toMatch(/max-age=300/)
	const etag = stable.headers()['etag']!
	expect(etag).toMatch(/^W\/"[0-9a-f]{12}"$/)
	expect(await stable.text()).toContain('bazaar-template-panel')

	const revalidated = await request.get('/widget/v1/bazaar-community.js', { headers: { 'If-None-Match': etag } })
	expect(revalidated.status()).toBe(304)

	const hashed = await request.get(`/widget/v1/${stable.headers()['x-widget-file']}`)
	expect(hashed.status()).toBe(200)
	expect(hashed.headers()['cache-control']).toBe('public, max-age=31536000, immutable')
	expect(await hashed.body()).toEqual(await stable.body())
})

test('the element registers on a page of another origin, labels its controls and fits 320 px', async ({ page }) => {
	const errors: string[] = []
	page.on('pageerror', (error) => errors.push(error.message))
	await page.setViewportSize({ width: 700, height: 800 })
	await openHost(page)
	expect(await page.evaluate(() => document.querySelector('bazaar-template-panel') instanceof customElements.get('bazaar-template-panel')!)).toBe(true)
	await expect(panel(page).getByRole('combobox', { name: 'Category' })).toBeVisible()
	await expect(panel(page).getByRole('combobox', { name: 'Sort by' })).toHaveValue('popular')
	await page.getByRole('button', { name: 'Toggle 320 px panel' }).click()
	const side = page.locator('#side')
	expect(await side.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0)
	expect(await panel(page).evaluate((element) => element.getBoundingClientRect().width)).toBeLessThanOrEqual(320)
	expect(errors).toEqual([])
})

test('offline: the panel says so, tells the host, and reloads when the connection is back', async ({ page, context }) => {
	await openHost(page)
	await context.setOffline(true)
	await panel(page).getByRole('searchbox', { name: 'Search templates' }).fill('logo')
	await expect(panel(page).getByRole('alert')).toContainText('You are offline')
	await expect
		.poll(async () => (await hostEvents(page, 'bazaar-error')).map((event) => event.detail))
		.toContainEqual(expect.objectContaining({ action: 'list', code: 'offline', status: 0 }))
	await context.setOffline(false)
	// Back online: the search runs again, its results show and the notice is gone.
	await expect(panel(page).getByRole('button', { name: /Logo Animation/ })).toBeVisible()
	await expect(panel(page).locator('[part=notice]')).toBeHidden()
	await expect(panel(page).locator('[part=notice]')).not.toHaveText(/offline/)
})

test('CORS: the allowed origin may read API answers, another origin is refused (preflight and actual request)', async ({ page, request }) => {
	const allowedPreflight = await request.fetch('/api/v1/templates/x/favorite', {
		method: 'OPTIONS',
		headers: { Origin: allowedHost.url, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization' },
	})
	expect(allowedPreflight.status()).toBe(204)
	expect(allowedPreflight.headers()['access-control-allow-origin']).toBe(allowedHost.url)
	expect(allowedPreflight.headers()['access-control-allow-headers']).toMatch(/Authorization/)
	const refusedPreflight = await request.fetch('/api/v1/templates/x/favorite', {
		method: 'OPTIONS',
		headers: { Origin: disallowedHost.url, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization' },
	})
	expect(refusedPreflight.status()).toBe(403)
	expect(refusedPreflight.headers()['access-control-allow-origin']).toBeUndefined()

	// In the browser: the same fetch succeeds from the allowed origin and is blocked from the other.
	const fetchFrom = async (origin: string) => {
		await page.goto(`${origin}/?anonymous=1`)
		return page.evaluate(async (api) => {
			try {
				const response = await fetch(`${api}/api/v1/templates?limit=1`, { headers: { Authorization: 'Bearer x' } })
				return { status: response.status, vary: response.headers.get('Vary') }
			} catch (error) {
				return { blocked: String(error) }
			}
		}, API)
	}
	const allowed = await fetchFrom(allowedHost.url)
	expect(allowed).toHaveProperty('status')
	expect(allowed).not.toHaveProperty('blocked')
	expect(await fetchFrom(disallowedHost.url)).toMatchObject({ blocked: expect.stringContaining('Failed to fetch') })
})

// ---- what needs the API from the other branches (GET/PUT/POST /api/v1/…, /preview) -----

test('lists, searches and filters templates; "load more" follows the cursor', async ({ page }) => {
	await openHost(page, '?page-size=4')
	const cards = panel(page).getByRole('list', { name: 'Templates' }).getByRole('listitem')
	await expect(cards).toHaveCount(4)
	await panel(page).getByRole('button', { name: 'Load more' }).click()
	await expect(cards).toHaveCount(8)

	await panel(page).getByRole('searchbox', { name: 'Search templates' }).fill('logo animation')
	await expect(panel(page).getByRole('button', { name: /Logo Animation/ })).toBeVisible()
	await expect(cards).not.toHaveCount(8)

	await panel(page).getByRole('searchbox', { name: 'Search templates' }).fill('')
	await panel(page).getByRole('combobox', { name: 'Category' }).selectOption('data')
	// The cards from before the filter stay until its answer arrives: wait for the list to have
	// finished loading and to show only templates whose category (in the database) is "data".
	const grid = panel(page).getByRole('list', { name: 'Templates' })
	const shownCategories = async () => {
		if ((await grid.getAttribute('aria-busy')) === 'true') return ['(loading)']
		const shown = await cards.evaluateAll((items) => items.map((item) => item.getAttribute('data-template-id')))
		const rows = await sql<{ category: string }[]>`select category from "bazaar-vid_community_templates" where id = any(${shown})`
		return rows.length === shown.length ? [...new Set(rows.map((row) => row.category))] : ['(unknown card)']
	}
	await expect.poll(shownCategories).toEqual(['data'])
	await expect(cards.first()).toBeVisible()

	await panel(page).getByRole('searchbox', { name: 'Search templates' }).fill('zzzz no such template qqq')
	await expect(panel(page).getByText('No templates match these filters.')).toBeVisible()
})

test('a preview plays in a sandboxed frame, scene by scene, and focus returns to the card', async ({ page }) => {
	const [multiScene] = await sql<{ title: string }[]>`
		select t.title from "bazaar-vid_community_templates" t join "bazaar-vid_community_template_scenes" s on s.template_id = t.id
		where t.visibility = 'public' and t.status = 'active' group by t.id, t.title having count(*) >= 2 order by t.title limit 1`
	await openHost(page)
	await panel(page).getByRole('searchbox', { name: 'Search templates' }).fill(multiScene!.title)
	const opener = panel(page).getByRole('button', { name: new RegExp(multiScene!.title) }).first()
	await opener.click()
	const dialog = panel(page).getByRole('dialog')
	await expect(dialog.getByText(/^Scene 1 of [2-9]/)).toBeVisible()
	const frame = dialog.locator('iframe')
	await expect(frame).toHaveAttribute('sandbox', 'allow-scripts')
	await expect(frame).toHaveAttribute('src', new RegExp(`^${API}/preview/[0-9a-f-]{36}/0$`))
	// Playing: the frame's pixels change (poll screenshots until they differ from the first).
	const first = await frame.screenshot()
	await expect.poll(async () => (await frame.screenshot()).equals(first), { timeout: 15_000 }).toBe(false)
	await dialog.getByRole('button', { name: 'Next scene' }).click()
	await expect(dialog.getByText(/^Scene 2 of/)).toBeVisible()
	await expect(frame).toHaveAttribute('src', /\/1$/)
	await page.keyboard.press('Escape')
	await expect(dialog).toBeHidden()
	await expect(opener).toBeFocused()
})

test('Use appends the template’s scenes to project-id and the host receives the new scene ids', async ({ page }) => {
	const [project] = await sql<{ id: string }[]>`
		insert into "bazaar-vid_project" ("userId", title, props) values (${USER_ID}, ${`Widget e2e ${Date.now()}`}, '{}'::jsonb) returning id`
	await sql`insert into "bazaar-vid_scene" ("projectId", "order", name, "tsxCode") values (${project!.id}, 0, 'Existing', 'export default function Scene() { return null }')`
	const template = await templateBySlugLike('Logo Animation')

	await openHost(page, `?project=${project!.id}`)
	const dialog = await openTemplate(page, 'Logo Animation')
	await dialog.getByRole('button', { name: 'Add to project' }).click()
	const used = await waitForHostEvent(page, 'bazaar-template-use')
	expect(used.detail).toMatchObject({ templateId: template.id, slug: template.slug, projectId: project!.id, mode: 'use' })
	const sceneIds = used.detail.sceneIds as string[]
	const templateScenes = await sql`select 1 from "bazaar-vid_community_template_scenes" where template_id = ${template.id}`
	expect(sceneIds).toHaveLength(templateScenes.length)

	const rows = await sql<{ id: string; name: string }[]>`select id, name from "bazaar-vid_scene" where "projectId" = ${project!.id} order by "order"`
	expect(rows[0]!.name).toBe('Existing')
	expect(rows.slice(1).map((row) => row.id)).toEqual(sceneIds)
})

test('favorite works with a token and is refused without one', async ({ page, request }) => {
	const template = await templateBySlugLike('Logo Animation')
	await sql`delete from "bazaar-vid_community_favorites" where user_id = ${USER_ID} and template_id = ${template.id}`

	await openHost(page)
	const dialog = await openTemplate(page, 'Logo Animation')
	await dialog.getByRole('button', { name: /Favorite/ }).click()
	const favorited = await waitForHostEvent(page, 'bazaar-template-favorite')
	expect(favorited.detail).toMatchObject({ templateId: template.id, favorited: true })
	await expect(dialog.getByRole('button', { name: /Favorited/ })).toHaveAttribute('aria-pressed', 'true')
	const rows = await sql`select 1 from "bazaar-vid_community_favorites" where user_id = ${USER_ID} and template_id = ${template.id}`
	expect(rows).toHaveLength(1)

	// Opened again later, the panel knows it is a favorite (the API tells a signed-in caller).
	await openHost(page)
	const reopened = await openTemplate(page, 'Logo Animation')
	await expect(reopened.getByRole('button', { name: /Favorited/ })).toHaveAttribute('aria-pressed', 'true')

	// Without a token: the panel is read-only and the API refuses.
	await openHost(page, '?anonymous=1')
	const readOnly = await openTemplate(page, 'Logo Animation')
	await expect(readOnly.getByRole('button', { name: /Favorite/ })).toBeDisabled()
	await expect(readOnly.getByText(/Read-only/)).toBeVisible()
	const refused = await request.put(`/api/v1/templates/${template.id}/favorite`, { headers: { Origin: allowedHost.url } })
	expect(refused.status()).toBe(401)
	expect((await refused.json()).error.code).toBeTruthy()
})

test('events land in community_events with source in_app_panel', async ({ page }) => {
	const template = await templateBySlugLike('Logo Animation')
	const since = new Date()
	await openHost(page)
	const dialog = await openTemplate(page, 'Logo Animation')
	await dialog.getByRole('button', { name: 'Use as prompt' }).click()
	const prompt = await waitForHostEvent(page, 'bazaar-template-prompt')
	expect(prompt.detail).toMatchObject({ templateId: template.id, slug: template.slug })
	expect(String(prompt.detail.prompt)).toContain('Logo Animation')
	await dialog.getByRole('button', { name: 'Use', exact: true }).click()
	await waitForHostEvent(page, 'bazaar-template-use')

	await expect
		.poll(async () => {
			const rows = await sql<{ event_type: string; source: string; user_id: string | null }[]>`
				select event_type, source, user_id from "bazaar-vid_community_events"
				where template_id = ${template.id} and created_at >= ${since} order by created_at`
			return rows.map((row) => `${row.event_type}:${row.source}:${row.user_id}`).sort()
		})
		.toEqual([`click:in_app_panel:${USER_ID}`, `prompt:in_app_panel:${USER_ID}`, `use:in_app_panel:${USER_ID}`, `view:in_app_panel:${USER_ID}`])
})

test('an expired token makes the panel ask the host for a new one, and the action then works', async ({ page }) => {
	await openHost(page)
	const expired = await signPanelToken({ secret: SECRET, userId: USER_ID, name: 'Kai Nakamura', email: 'kai@bazaar.example', expiresIn: Math.floor(Date.now() / 1000) - 60 })
	await panel(page).evaluate((element, token) => element.setAttribute('token', token), expired)
	const dialog = await openTemplate(page, 'Logo Animation')
	await dialog.getByRole('button', { name: /Favorite/ }).click()
	const request = await waitForHostEvent(page, 'bazaar-token-expired')
	expect(request.detail).toMatchObject({ status: 401 })
	// The demo host answers with a fresh token from its own server.
	await expect.poll(() => panel(page).evaluate((element, old) => element.getAttribute('token') !== old, expired)).toBe(true)
	await dialog.getByRole('button', { name: /Favorite/ }).click()
	await waitForHostEvent(page, 'bazaar-template-favorite')
})
