/**
 * Publishing, the creator dashboard and moderation, in real Chromium against
 * the production build on its own seeded PostgreSQL database. Users sign in
 * through a session cookie made directly (same secret as the e2e server).
 */
import { createCookieSessionStorage } from '@remix-run/node'
import { type BrowserContext, expect, test } from '@playwright/test'
import postgres from 'postgres'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const BASE = `http://localhost:${PORT}`
const databaseUrl = new URL(process.env.E2E_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
databaseUrl.pathname = `/bazaar_e2e_${PORT}`
const sql = postgres(databaseUrl.toString(), {
	max: 2,
	onnotice: () => {},
})
test.afterAll(() => sql.end())

const storage = createCookieSessionStorage({ cookie: { name: '__bazaar_session', httpOnly: true, sameSite: 'lax', path: '/', secrets: ['e2e-session-secret'] } })

async function signIn(context: BrowserContext, userId: string) {
	await context.clearCookies()
	const session = await storage.getSession()
	session.set('userId', userId)
	const value = (await storage.commitSession(session)).split(';')[0]!.split('=').slice(1).join('=')
	await context.addCookies([{ name: '__bazaar_session', value, url: BASE, httpOnly: true, sameSite: 'Lax' }])
}

async function templateBySlug(slug: string) {
	const [row] = await sql`select id, slug, title, status, visibility, owner_user_id, description, tags from "bazaar-vid_community_templates" where slug = ${slug}`
	return row!
}

test('an admin disables a template: gone from the gallery, its page 404s, the owner sees why; others get 404 on moderation', async ({ page, context }) => {
	await page.goto('/')
	await expect(page.getByRole('link', { name: 'Rainbow Stripe Wipe' })).toBeVisible()

	await signIn(context, 'demo-maya')
	expect((await page.goto('/admin/templates'))!.status()).toBe(404)

	await signIn(context, 'demo-admin')
	await page.goto('/admin/templates?q=rainbow')
	const row = page.locator('tr', { hasText: 'Rainbow Stripe Wipe' })
	await row.getByPlaceholder('Reason (shown to the creator)').fill('Flashing colours without a warning')
	await row.getByRole('button', { name: 'Disable' }).click()
	await expect(page.getByRole('status')).toContainText('Disabled the template')
	await expect(page.locator('.audit-trail')).toContainText('Flashing colours without a warning')
	await expect(page.locator('.audit-trail')).toContainText('Bazaar Team')
	expect((await templateBySlug('rainbow-stripe-wipe')).status).toBe('disabled')

	await page.goto('/')
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Rainbow Stripe Wipe' })).toHaveCount(0)
	// Moderators still see a disabled template, marked as such.
	expect((await page.goto('/t/rainbow-stripe-wipe'))!.status()).toBe(200)
	await expect(page.getByRole('note')).toContainText('This template is disabled')

	// Anyone else, signed in or not, gets a 404.
	const template = await templateBySlug('rainbow-stripe-wipe')
	expect(template.owner_user_id).not.toBe('demo-leo')
	await signIn(context, 'demo-leo')
	expect((await page.goto('/t/rainbow-stripe-wipe'))!.status()).toBe(404)
	await context.clearCookies()
	expect((await page.goto('/t/rainbow-stripe-wipe'))!.status()).toBe(404)

	await signIn(context, template.owner_user_id)
	await page.goto(`/me/templates/${template.id}`)
	await expect(page.getByTestId('disabled-notice')).toContainText('Moderation disabled this template')
	await expect(page.getByTestId('disabled-notice')).toContainText('Flashing colours without a warning')
})

test('a signed-in user reports a template; it heads the moderation queue; dismissing resolves it', async ({ page, context }) => {
	await signIn(context, 'demo-leo')
	await page.goto('/t/confetti-celebration/report')
	await page.getByLabel('Spam or advertising').check()
	await page.getByLabel('Details (optional)').fill('<b>not bold</b> links everywhere')
	await page.getByRole('button', { name: 'Send the report' }).click()
	await expect(page.getByRole('status')).toContainText('A moderator will look at this template')

	await signIn(context, 'demo-admin')
	await page.goto('/admin/templates')
	const entry = page.locator('.report-queue > li').first()
	await expect(entry).toContainText('Confetti Celebration')
	await expect(entry).toContainText('1 open report')
	await expect(entry.locator('.report-details')).toHaveText('<b>not bold</b> links everywhere')
	await entry.getByPlaceholder('Reason (shown to the creator)').nth(1).fill('Looks fine to us')
	await entry.getByRole('button', { name: 'Dismiss reports' }).click()
	await expect(page.getByText('No open reports.')).toBeVisible()
	await expect(page.locator('.audit-trail')).toContainText('Dismissed reports (1 report resolved)')
})

test('a creator sees the chart and edits metadata; switching to unlisted takes it out of the gallery', async ({ page, context }) => {
	const template = await templateBySlug('lesson-checklist')
	await signIn(context, template.owner_user_id)
	await page.goto('/me/templates')
	await page.getByRole('link', { name: template.title }).click()
	await expect(page).toHaveURL(`/me/templates/${template.id}`)

	const chart = page.getByTestId('daily-metrics-chart')
	await expect(chart).toBeVisible()
	expect(await chart.locator('g[data-series="view"] rect').count()).toBe(30)
	const views = Number((await page.getByTestId('chart-totals').locator('dd').first().innerText()).replace(/,/g, ''))
	expect(views).toBeGreaterThan(0)
	await expect(page.getByTestId('funnel')).toContainText('Views')
	await expect(page.getByLabel('Share link')).toHaveValue(`${BASE}/t/lesson-checklist`)
	await page.screenshot({ path: 'test-results/creator-dashboard.png', fullPage: true })

	await page.getByLabel('Title', { exact: true }).fill('Lesson Checklist, Revised')
	await page.getByLabel('Tags', { exact: true }).fill(' School , school, LESSON ,todo')
	await page.getByLabel('Category', { exact: true }).selectOption('education')
	await page.getByLabel('Square 1:1').uncheck()
	await page.getByRole('button', { name: 'Save' }).click()
	await expect(page.getByRole('status')).toHaveText('Saved.')
	let saved = await templateBySlug('lesson-checklist')
	expect(saved.title).toBe('Lesson Checklist, Revised')
	expect(saved.tags).toEqual(['school', 'lesson', 'todo'])

	await page.getByLabel('Unlisted: only people with the link').check()
	await page.getByRole('button', { name: 'Save' }).click()
	await expect(page.getByRole('status')).toContainText('new link')
	const shareUrl = await page.getByLabel('Share link').inputValue()
	expect(shareUrl).toMatch(/\/t\/lesson-checklist-revised-[0-9A-Za-z]{12}$/)
	;[saved] = await sql`select visibility from "bazaar-vid_community_templates" where id = ${template.id}`
	expect(saved!.visibility).toBe('unlisted')
	await page.goto('/')
	await expect(page.getByRole('link', { name: /Lesson Checklist/ })).toHaveCount(0)
})

test('hostile titles and descriptions are shown as text; a 1 MB description is refused with a clear message', async ({ page, context }) => {
	const template = await templateBySlug('typewriter-quote-card')
	await signIn(context, template.owner_user_id)
	let dialogs = 0
	page.on('dialog', async (dialog) => {
		dialogs++
		await dialog.dismiss()
	})
	await page.goto(`/me/templates/${template.id}`)
	const hostileTitle = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`
	await page.getByLabel('Title', { exact: true }).fill(hostileTitle)
	await page.getByLabel('Description', { exact: true }).fill(`</textarea><script>alert(1)</script>\n\n<a href="javascript:alert(2)">click</a>`)
	await page.getByRole('button', { name: 'Save' }).click()
	await expect(page.getByRole('status')).toHaveText('Saved.')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(hostileTitle)
	await expect(page.getByLabel('Description', { exact: true })).toHaveValue(`</textarea><script>alert(1)</script>\n\n<a href="javascript:alert(2)">click</a>`)
	await page.goto('/me/templates')
	await expect(page.getByRole('link', { name: hostileTitle })).toBeVisible()
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
	expect(await page.locator('main img, main script').count()).toBe(0)

	await page.goto(`/me/templates/${template.id}`)
	await page.getByLabel('Title', { exact: true }).fill('Quote card')
	await page.getByLabel('Description', { exact: true }).evaluate((element, text) => ((element as HTMLTextAreaElement).value = text), 'x'.repeat(1024 * 1024))
	await page.getByRole('button', { name: 'Save' }).click()
	await expect(page.locator('#description-error')).toHaveText('The description can have at most 5,000 characters')
	expect((await templateBySlug(template.slug)).title).toBe(hostileTitle)
	expect(dialogs).toBe(0)
})

test('publishing: a broken scene is named with line and column and nothing is saved; fixed, it publishes unlisted', async ({ page, context }) => {
	const [project] = await sql`insert into "bazaar-vid_project" ("userId", title, props) values ('demo-kai', 'E2E launch video', '{}') returning id`
	const good = `const { AbsoluteFill } = window.Remotion;\nexport default function Scene() {\n  return <AbsoluteFill style={{ background: '#123' }} />;\n}\n`
	const broken = `const { AbsoluteFill } = window.Remotion;\nexport default function Scene() {\n  const size = ;\n  return <AbsoluteFill />;\n}\n`
	const [, brokenScene] = await sql`insert into "bazaar-vid_scene" ("projectId", "order", name, "tsxCode", duration) values
		(${project!.id}, 0, 'Opening', ${good}, 90), (${project!.id}, 1, 'Big number', ${broken}, 120) returning id`
	const countTemplates = async () => Number((await sql`select count(*) from "bazaar-vid_community_templates" where source_project_id = ${project!.id}`)[0]!.count)

	await signIn(context, 'demo-kai')
	await page.goto(`/publish?projectId=${project!.id}`)
	await page.getByLabel('Title').fill('E2E Launch Video')
	await page.getByLabel('Category').selectOption('promo')
	await page.getByLabel('Unlisted: only people with the link').check()
	await page.getByRole('button', { name: 'Publish' }).click()
	await expect(page.getByTestId('scene-error')).toContainText('Scene 2 “Big number”, line 3, column')
	await expect(page.getByLabel('Title')).toHaveValue('E2E Launch Video')
	expect(await countTemplates()).toBe(0)

	await sql`update "bazaar-vid_scene" set "tsxCode" = ${good} where id = ${brokenScene!.id}`
	await page.getByRole('button', { name: 'Publish' }).click()
	await page.waitForURL(/\/t\/e2e-launch-video-[0-9A-Za-z]{12}$/)
	expect(await countTemplates()).toBe(1)
	const [published] = await sql`select visibility, (select count(*) from "bazaar-vid_community_template_scenes" s where s.template_id = t.id) as scenes from "bazaar-vid_community_templates" t where source_project_id = ${project!.id}`
	expect(published).toMatchObject({ visibility: 'unlisted', scenes: '2' })
	await page.goto('/')
	await expect(page.getByRole('link', { name: 'E2E Launch Video' })).toHaveCount(0)
})
