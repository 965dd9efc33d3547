/**
 * Issue 6's whole publishing story in real Chromium against the production
 * build and its own seeded PostgreSQL database (bazaar_e2e_<port>): people sign
 * in through the demo login form like a visitor would; the test reads and
 * prepares the database with postgres.js.
 *
 * publish with a broken scene (named, line/column, nothing saved) → fix it →
 * publish unlisted → the link works signed out and says noindex, yet it is in
 * no listing → switch to public → listed under its clean slug → an admin
 * disables it → gone everywhere, use refused → the creator's chart shows the
 * day's views after the nightly aggregation.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { type Page, expect, test } from '@playwright/test'
import { signInAs } from './demo-sign-in.ts'
import postgres from 'postgres'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const BASE = `http://localhost:${PORT}`
const databaseUrl = new URL(process.env.E2E_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
databaseUrl.pathname = `/bazaar_e2e_${PORT}`
const sql = postgres(databaseUrl.toString(), { max: 2, onnotice: () => {} })
test.afterAll(() => sql.end())

const GOOD_SCENE = `const { AbsoluteFill } = window.Remotion;\nexport default function Scene() {\n  return <AbsoluteFill style={{ background: '#0b1d3a' }} />;\n}\n`
const BROKEN_SCENE = `const { AbsoluteFill } = window.Remotion;\nexport default function Scene() {\n  const orbit = ;\n  return <AbsoluteFill />;\n}\n`

async function countRows(query: Promise<Array<{ count: string }>>) {
	return Number((await query)[0]!.count)
}

async function expectListed(page: Page, template: { id: string; slug: string; title: string }, listed: boolean) {
	const cards = () => page.locator(`a[href^="/t/${template.slug}?"]`)

	// The gallery, newest first (a brand-new template would be first there if listed).
	await page.goto('/?sort=new')
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	if (listed) await expect(cards().first()).toBeVisible()
	else await expect(cards()).toHaveCount(0)

	// Search by the words of its title.
	await page.goto(`/?q=${encodeURIComponent('orbit recap')}`)
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	if (listed) await expect(cards().first()).toBeVisible()
	else await expect(cards()).toHaveCount(0)

	// The JSON API's list, searched and newest first.
	for (const query of ['q=orbit%20recap', 'sort=new&limit=50']) {
		const response = await page.request.get(`/api/v1/templates?${query}`)
		expect(response.status()).toBe(200)
		const { items } = (await response.json()) as { items: Array<{ id: string; slug: string }> }
		expect(items.some((item) => item.id === template.id), `API ?${query}`).toBe(listed)
	}

	// The sitemap.
	const sitemap = await (await page.request.get('/sitemap.xml')).text()
	expect(sitemap).toMatch(new RegExp(`<loc>${BASE}/t/[a-z0-9-]+</loc>`))
	expect(sitemap.includes(`/t/${template.slug}<`), 'in the sitemap').toBe(listed)
	expect(sitemap).not.toContain('orbit-recap-quarterly-')
}

test('publish → unlisted → public → disabled, with the creator’s chart after aggregation', async ({ browser }) => {
	test.setTimeout(180_000)
	const title = 'Orbit Recap Quarterly'
	const [project] = await sql`insert into "bazaar-vid_project" ("userId", title, props) values ('demo-maya', 'Orbit recap (e2e)', '{}') returning id`
	const [, brokenScene] = await sql`insert into "bazaar-vid_scene" ("projectId", "order", name, "tsxCode", duration) values
		(${project!.id}, 0, 'Launch', ${GOOD_SCENE}, 90), (${project!.id}, 1, 'Orbit numbers', ${BROKEN_SCENE}, 120) returning id`
	const templatesFromProject = () => sql<Array<{ id: string; slug: string; visibility: string; status: string }>>`
		select id, slug, visibility, status from "bazaar-vid_community_templates" where source_project_id = ${project!.id}`
	const allTemplates = () => countRows(sql`select count(*) from "bazaar-vid_community_templates"`)
	const allTemplateScenes = () => countRows(sql`select count(*) from "bazaar-vid_community_template_scenes"`)
	const templatesBefore = await allTemplates()
	const templateScenesBefore = await allTemplateScenes()

	// --- The creator publishes; the broken scene is named with its line and column, nothing is saved.
	const creator = await signInAs(browser, 'Maya Chen')
	await creator.page.goto('/publish')
	await creator.page.getByRole('combobox', { name: /^Project/ }).selectOption({ label: 'Orbit recap (e2e) (2 scenes)' })
	await creator.page.getByRole('button', { name: 'Choose' }).click()
	await expect(creator.page.getByRole('group', { name: 'Scenes of “Orbit recap (e2e)”' })).toBeVisible()
	await creator.page.getByLabel('Title', { exact: true }).fill(title)
	await creator.page.getByLabel('Description', { exact: true }).fill('A quarterly recap with orbiting numbers.')
	await creator.page.getByLabel('Category', { exact: true }).selectOption('promo')
	await creator.page.getByLabel('Tags', { exact: true }).fill('Recap, space, recap')
	await creator.page.getByLabel('Unlisted: only people with the link').check()
	await creator.page.getByRole('button', { name: 'Publish' }).click()
	const sceneError = creator.page.getByTestId('scene-error')
	await expect(sceneError).toContainText(/Scene 2 “Orbit numbers”, line 3, column \d+: \S/)
	await expect(creator.page.locator('#sceneIds-error')).toContainText('Nothing was saved')
	await expect(creator.page.getByLabel('Title', { exact: true })).toHaveValue(title)
	expect(await templatesFromProject()).toHaveLength(0)
	expect(await allTemplates()).toBe(templatesBefore)
	expect(await allTemplateScenes()).toBe(templateScenesBefore)

	// --- Fixed, it publishes unlisted and lands on its page, under an unguessable slug.
	await sql`update "bazaar-vid_scene" set "tsxCode" = ${GOOD_SCENE} where id = ${brokenScene!.id}`
	await creator.page.getByRole('button', { name: 'Publish' }).click()
	await creator.page.waitForURL(/\/t\/orbit-recap-quarterly-[0-9A-Za-z]{12}$/)
	await expect(creator.page.getByRole('heading', { level: 1 })).toHaveText(title)
	const [published] = await templatesFromProject()
	expect(published).toMatchObject({ visibility: 'unlisted', status: 'active' })
	const unlistedSlug = published!.slug
	expect(creator.page.url()).toBe(`${BASE}/t/${unlistedSlug}`)
	const scenes = await sql`select scene_index, title, code_hash from "bazaar-vid_community_template_scenes" where template_id = ${published!.id} order by scene_index`
	expect(scenes.map((scene) => scene.title)).toEqual(['Launch', 'Orbit numbers'])
	expect(scenes[1]!.code_hash).toBe(createHash('sha256').update(GOOD_SCENE).digest('hex'))
	const [saved] = await sql`select tags from "bazaar-vid_community_templates" where id = ${published!.id}`
	expect(saved!.tags).toEqual(['recap', 'space'])

	// --- Signed out, the link works and asks not to be indexed; the template is in no listing.
	const stranger = await browser.newContext()
	const strangerPage = await stranger.newPage()
	const unlistedResponse = await strangerPage.goto(`/t/${unlistedSlug}`)
	expect(unlistedResponse!.status()).toBe(200)
	expect(unlistedResponse!.headers()['x-robots-tag']).toBe('noindex')
	await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText(title)
	await expect(strangerPage.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex')
	await expect(strangerPage.getByRole('note').filter({ hasText: 'Unlisted.' })).toBeVisible()
	await expectListed(strangerPage, { id: published!.id, slug: unlistedSlug, title }, false)

	// --- The creator switches it to public on the dashboard: a clean slug, listed everywhere.
	await creator.page.goto('/me/templates')
	await creator.page.getByRole('link', { name: title }).click()
	await expect(creator.page).toHaveURL(`/me/templates/${published!.id}`)
	await expect(creator.page.getByLabel('Share link')).toHaveValue(`${BASE}/t/${unlistedSlug}`)
	await creator.page.getByLabel('Public: listed in the gallery and search').check()
	await creator.page.getByRole('button', { name: 'Save' }).click()
	await expect(creator.page.getByRole('status')).toContainText('new link')
	const publicSlug = 'orbit-recap-quarterly'
	await expect(creator.page.getByLabel('Share link')).toHaveValue(`${BASE}/t/${publicSlug}`)
	expect((await templatesFromProject())[0]).toMatchObject({ slug: publicSlug, visibility: 'public' })

	await expectListed(strangerPage, { id: published!.id, slug: publicSlug, title }, true)
	await strangerPage.goto('/?sort=new')
	await strangerPage.locator(`a[href="/t/${publicSlug}?ref=gallery"]`).first().click()
	await strangerPage.waitForURL(`/t/${publicSlug}`)
	await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText(title)
	await expect(strangerPage.locator('meta[name="robots"]')).toHaveCount(0)
	// The old unlisted link stops working (docs/creators.md, "Visibility switches and old links").
	expect((await strangerPage.request.get(`/t/${unlistedSlug}`)).status()).toBe(404)
	expect((await strangerPage.request.get(`/preview/${published!.id}/0`)).status()).toBe(200)

	// --- A signed-in visitor opens it (the server counts the view); a batch of views arrives through the API.
	const visitor = await signInAs(browser, 'Leo Martins')
	await visitor.page.goto(`/t/${publicSlug}`)
	await expect(visitor.page.getByRole('button', { name: 'Use template' })).toBeVisible()
	const beacon = await strangerPage.request.post('/api/v1/events', {
		data: { events: [1, 2, 3].map(() => ({ id: crypto.randomUUID(), templateId: published!.id, type: 'view', source: 'community_site' })) },
	})
	expect(beacon.status()).toBe(202)
	expect(await beacon.json()).toMatchObject({ accepted: 3 })

	// --- The admin disables it with a reason.
	const admin = await signInAs(browser, 'Bazaar Team')
	await admin.page.goto(`/admin/templates?q=${encodeURIComponent('orbit recap')}`)
	const row = admin.page.locator('tr', { hasText: title })
	await row.getByPlaceholder('Reason (shown to the creator)').fill('Uses a copyrighted soundtrack')
	await row.getByRole('button', { name: 'Disable' }).click()
	await expect(admin.page.getByRole('status')).toContainText('Disabled the template')
	await expect(admin.page.locator('.audit-trail')).toContainText('Uses a copyrighted soundtrack')
	expect((await templatesFromProject())[0]!.status).toBe('disabled')

	// Gone from the gallery, search, the API and the sitemap; page and preview 404 for a stranger.
	await expectListed(strangerPage, { id: published!.id, slug: publicSlug, title }, false)
	expect((await strangerPage.goto(`/t/${publicSlug}`))!.status()).toBe(404)
	expect((await strangerPage.request.get(`/api/v1/templates/${publicSlug}`)).status()).toBe(404)
	expect((await strangerPage.request.get(`/api/v1/templates/${published!.id}`)).status()).toBe(404)
	expect((await strangerPage.request.get(`/preview/${published!.id}/0`)).status()).toBe(404)

	// Use is refused: from the page the visitor still has open, and through the API.
	const visitorProjects = () => countRows(sql`select count(*) from "bazaar-vid_project" where "userId" = 'demo-leo'`)
	const projectsBefore = await visitorProjects()
	const [useAnswer] = await Promise.all([
		visitor.page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname.startsWith(`/t/${publicSlug}`)),
		visitor.page.getByRole('button', { name: 'Use template' }).click(),
	])
	expect(useAnswer.status()).toBe(404)
	const apiUse = await visitor.context.request.post(`/api/v1/templates/${published!.id}/use`, { data: { mode: 'use' }, headers: { Origin: BASE } })
	expect(apiUse.status()).toBe(404)
	expect(await apiUse.json()).toMatchObject({ error: { code: 'not_found' } })
	expect(await visitorProjects()).toBe(projectsBefore)

	// --- The nightly aggregation runs; the creator's chart shows today's views, counted once.
	const viewsToday = () =>
		countRows(sql`select count(*) from "bazaar-vid_community_events"
			where template_id = ${published!.id} and event_type = 'view' and created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'`)
	// The anonymous pages sent their views as beacons; wait until they have all landed (3 from the API, 1 from Leo's visit, at least 1 beacon).
	await expect.poll(viewsToday).toBeGreaterThanOrEqual(5)
	const views = await viewsToday()
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/aggregate-metrics.ts'], {
		env: { ...process.env, DATABASE_URL: databaseUrl.toString() },
		stdio: 'pipe',
	})
	const today = new Date().toISOString().slice(0, 10)
	const [aggregated] = await sql`select count from "bazaar-vid_community_metrics_daily"
		where template_id = ${published!.id} and event_type = 'view' and day = ${today}`
	expect(Number(aggregated!.count)).toBe(views)

	await creator.page.reload()
	await expect(creator.page.getByTestId('disabled-notice')).toContainText('Moderation disabled this template')
	await expect(creator.page.getByTestId('disabled-notice')).toContainText('Uses a copyrighted soundtrack')
	await expect(creator.page.getByTestId('chart-totals').locator('dd').first()).toHaveText(String(views))
	const chart = creator.page.getByTestId('daily-metrics-chart')
	await expect(chart.locator('g[data-series="view"] rect').last().locator('title')).toHaveText(new RegExp(`: ${views} views$`))
	await creator.page.getByText('Show the numbers').click()
	const todayRow = creator.page.locator('.data-table tbody tr').last()
	await expect(todayRow.locator('td').first()).toHaveText(today)
	await expect(todayRow.locator('td').nth(1)).toHaveText(String(views))
	await creator.page.screenshot({ path: 'test-results/publish-flow-dashboard.png', fullPage: true })

	await Promise.all([creator.context.close(), stranger.close(), visitor.context.close(), admin.context.close()])
})

test('hostile title and description published from /publish stay text on every page; 1 MB is refused', async ({ browser }) => {
	const [project] = await sql`insert into "bazaar-vid_project" ("userId", title, props) values ('demo-sofia', 'Hostile (e2e)', '{}') returning id`
	await sql`insert into "bazaar-vid_scene" ("projectId", "order", name, "tsxCode", duration) values (${project!.id}, 0, 'Only', ${GOOD_SCENE}, 60)`
	const hostileTitle = `<img src=x onerror="window.__pwned=1">Pwn <script>window.__pwned=1</script>`
	const hostileDescription = `<p>Intro</p><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">\n\n<a href="javascript:window.__pwned=1">click</a> <a href="https://example.com/" onclick="window.__pwned=1">site</a>`
	const templatesFromProject = () => sql`select id, slug, title, description from "bazaar-vid_community_templates" where source_project_id = ${project!.id}`

	const creator = await signInAs(browser, 'Sofía Reyes')
	let dialogs = 0
	creator.context.on('dialog', (dialog) => {
		dialogs++
		void dialog.dismiss()
	})
	await creator.page.goto(`/publish?projectId=${project!.id}`)
	await creator.page.getByLabel('Title', { exact: true }).fill(hostileTitle)
	await creator.page.getByLabel('Category', { exact: true }).selectOption('promo')
	// 1 MB, past the textarea's own limit, as a script or a crafted post would send it.
	await creator.page.getByLabel('Description', { exact: true }).evaluate((element, text) => ((element as HTMLTextAreaElement).value = text), 'x'.repeat(1024 * 1024))
	await creator.page.getByRole('button', { name: 'Publish' }).click()
	await expect(creator.page.locator('#description-error')).toHaveText('The description can have at most 5,000 characters')
	expect(await templatesFromProject()).toHaveLength(0)

	await creator.page.getByLabel('Description', { exact: true }).fill(hostileDescription)
	await creator.page.getByRole('button', { name: 'Publish' }).click()
	await creator.page.waitForURL(/\/t\/img-src-x/)
	const [published] = await templatesFromProject()
	expect(published).toMatchObject({ title: hostileTitle, description: hostileDescription })

	const visitor = await browser.newContext()
	visitor.on('dialog', (dialog) => {
		dialogs++
		void dialog.dismiss()
	})
	const page = await visitor.newPage()
	const pwned = (target: Page) => target.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
	for (const target of [creator.page, page]) {
		if (target === page) await page.goto(`/t/${published!.slug}`)
		await expect(target.getByRole('heading', { level: 1 })).toHaveText(hostileTitle)
		const about = target.locator('.prose')
		await expect(about).toContainText('Intro')
		expect(await about.locator('script, img, [onclick], a[href^="javascript"]').count()).toBe(0)
		expect(await target.locator('main img[src="x"], main script').count()).toBe(0)
		expect(await pwned(target)).toBeUndefined()
	}
	// Listed (it is public): the gallery card and the dashboard show the title as text.
	await page.goto('/?sort=new')
	await expect(page.getByRole('link', { name: hostileTitle }).first()).toBeVisible()
	expect(await pwned(page)).toBeUndefined()
	await creator.page.goto('/me/templates')
	await expect(creator.page.getByRole('link', { name: hostileTitle })).toBeVisible()
	expect(await pwned(creator.page)).toBeUndefined()
	expect(dialogs).toBe(0)
	await Promise.all([creator.context.close(), visitor.close()])
})
