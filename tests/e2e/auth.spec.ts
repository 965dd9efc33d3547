import { expect, type Page, test } from '@playwright/test'
import postgres from 'postgres'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const ORIGIN = `http://localhost:${PORT}`
const sql = postgres(`postgres://postgres@127.0.0.1:5432/bazaar_e2e_${PORT}`, { max: 2, onnotice: () => {} })

test.afterAll(async () => {
	await sql.end()
})

async function signIn(page: Page, name: string, returnTo = '/') {
	await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`)
	await page.getByRole('button', { name: `Sign in as ${name}` }).click()
	await page.waitForURL(`${ORIGIN}${returnTo}`)
}

async function favoriteRows(userId: string, slug: string) {
	return sql`
		select f.user_id from "bazaar-vid_community_favorites" f
		join "bazaar-vid_community_templates" t on t.id = f.template_id
		where f.user_id = ${userId} and t.slug = ${slug}`
}

async function clearFavorite(userId: string, slug: string) {
	await sql`
		delete from "bazaar-vid_community_favorites"
		where user_id = ${userId} and template_id = (select id from "bazaar-vid_community_templates" where slug = ${slug})`
}

test('demo sign-in: the page says it is in demo mode and brings the user back', async ({ page }) => {
	await page.goto('/login?returnTo=/t/logo-animation')
	await expect(page.getByTestId('login-mode')).toContainText('Demo mode')
	await page.getByRole('button', { name: 'Sign in as Maya Chen' }).click()
	await page.waitForURL(`${ORIGIN}/t/logo-animation`)
	await page.goto('/login')
	await expect(page.getByText('You are signed in as')).toContainText('Maya Chen')
	const cookie = (await page.context().cookies()).find((c) => c.name === '__bazaar_session')
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
})

test('favorite, see it in /me/favorites, unfavorite', async ({ page }) => {
	await clearFavorite('demo-kai', 'neon-night-title')
	await signIn(page, 'Kai Nakamura', '/t/neon-night-title')
	const add = page.getByRole('button', { name: /^Add to favorites/ })
	await expect(add).toHaveAttribute('aria-pressed', 'false')
	await add.click()
	await expect(page.getByRole('button', { name: /^Remove from favorites/ })).toHaveAttribute('aria-pressed', 'true')
	await expect.poll(async () => (await favoriteRows('demo-kai', 'neon-night-title')).length).toBe(1)

	await page.goto('/me/favorites')
	const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Neon Night Title' }) })
	await expect(card).toBeVisible()
	await card.getByRole('button', { name: /^Remove from favorites/ }).click()
	await expect(card).toHaveCount(0)
	await expect.poll(async () => (await favoriteRows('demo-kai', 'neon-night-title')).length).toBe(0)
})

test('anonymous favorite: sign in, come back with the favorite done', async ({ page }) => {
	await clearFavorite('demo-sofia', 'logo-animation')
	await page.goto('/t/logo-animation')
	await page.getByRole('button', { name: /^Add to favorites/ }).click()
	await page.waitForURL(/\/login\?returnTo=%2Ft%2Flogo-animation$/)
	await page.getByRole('button', { name: 'Sign in as Sofía Reyes' }).click()
	await page.waitForURL(`${ORIGIN}/t/logo-animation`)
	await expect(page.getByRole('button', { name: /^Remove from favorites/ })).toBeVisible()
	expect(await favoriteRows('demo-sofia', 'logo-animation')).toHaveLength(1)
})

test('use a template: lands on the editor with the project and its scenes in the database', async ({ page }) => {
	await page.route('http://localhost:3001/**', (route) =>
		route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Editor</title><h1>Bazaar editor (stub)</h1>' }),
	)
	await signIn(page, 'Leo Martins', '/t/startup-launch-intro')
	await page.getByRole('button', { name: 'Use template' }).click()
	await page.waitForURL(/^http:\/\/localhost:3001\/projects\/[0-9a-f-]{36}\/generate$/)
	const projectId = new URL(page.url()).pathname.split('/')[2]!
	const [project] = await sql`select "userId", title from "bazaar-vid_project" where id = ${projectId}`
	expect(project).toMatchObject({ userId: 'demo-leo', title: expect.stringMatching(/^Startup Launch Intro/) })
	const sceneRows = await sql`select "order", "tsxCode" from "bazaar-vid_scene" where "projectId" = ${projectId} order by "order"`
	expect(sceneRows.map((row) => row.order)).toEqual([0, 1, 2])
	expect(sceneRows[0]!.tsxCode).toMatch(/^\/\/ From the Bazaar Community template "Startup Launch Intro" by Leo Martins: http:\/\/localhost:\d+\/t\/startup-launch-intro\n/)
	const [event] = await sql`select event_type, scene_count from "bazaar-vid_community_events" where project_id = ${projectId}`
	expect(event).toMatchObject({ event_type: 'use', scene_count: 3 })
})

test('a cross-site form post is refused', async ({ page }) => {
	await clearFavorite('demo-maya', 'gradient-title-reveal')
	await signIn(page, 'Maya Chen')
	await page.route('http://evil.example/**', (route) =>
		route.fulfill({
			status: 200,
			contentType: 'text/html',
			body: `<!doctype html><form method="post" action="${ORIGIN}/t/gradient-title-reveal"><input type="hidden" name="intent" value="favorite"></form><script>document.forms[0].submit()</script>`,
		}),
	)
	const refused = page.waitForResponse((response) => response.url() === `${ORIGIN}/t/gradient-title-reveal` && response.request().method() === 'POST')
	await page.goto('http://evil.example/attack')
	expect((await refused).status()).toBe(403)
	expect(await favoriteRows('demo-maya', 'gradient-title-reveal')).toHaveLength(0)
})

test('a returnTo of https://evil.example is ignored', async ({ page }) => {
	await page.goto('/login?returnTo=https://evil.example')
	await page.getByRole('button', { name: 'Sign in as Leo Martins' }).click()
	await page.waitForURL(`${ORIGIN}/`)
	expect(new URL(page.url()).origin).toBe(ORIGIN)
})
