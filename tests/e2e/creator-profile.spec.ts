/**
 * A creator's public profile in real Chromium against the production build:
 * a creator signed in through the demo login form finds the handle made from
 * their name, is refused a reserved handle, a taken one and a script link
 * (each said next to its field, nothing saved), chooses a handle, bio and
 * link; then a signed-out visitor reaches the profile from a gallery card and
 * sees it: name, bio, the link marked `ugc nofollow`, totals, the templates
 * in both orders; the derived handle no longer answers.
 */
import { expect, test } from '@playwright/test'
import { signInAs } from './demo-sign-in.ts'
import postgres from 'postgres'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const databaseUrl = new URL(process.env.E2E_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
databaseUrl.pathname = `/bazaar_e2e_${PORT}`
const sql = postgres(databaseUrl.toString(), { max: 2, onnotice: () => {} })
test.afterAll(() => sql.end())
// Leo starts with the handle derived from his name, as the seed leaves him (so the spec can run again on the same server).
test.beforeEach(async () => {
	await sql`delete from "bazaar-vid_community_creator_profiles" where user_id = 'demo-leo'`
	await sql`insert into "bazaar-vid_community_creator_profiles" (user_id, handle) values ('demo-leo', 'leo-martins')`
})

const profileRow = async () => (await sql`select handle, handle_chosen, bio, links from "bazaar-vid_community_creator_profiles" where user_id = 'demo-leo'`)[0]

test('a creator chooses a handle, bio and link; a signed-out visitor finds the profile from a card', async ({ browser }) => {
	test.setTimeout(90_000)
	const { context, page } = await signInAs(browser, 'Leo Martins')
	await page.goto('/me/profile')
	await expect(page.getByLabel('Handle')).toHaveValue('leo-martins')
	await expect(page.getByText('Until you choose a handle, your profile uses leo-martins')).toBeVisible()

	// Refused: a reserved handle and a script link, each next to its field; nothing saved.
	await page.getByLabel('Handle').fill('Admin')
	await page.getByLabel('Bio').fill('Motion designer in Lisbon.\nI make product promos.')
	await page.getByLabel('Links').fill('https://leo.example/\njavascript:alert(document.cookie)')
	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(page.locator('#handle-error')).toHaveText('This handle is reserved; choose another')
	await expect(page.locator('#links-error')).toHaveText('Line 2: only https:// links are allowed (not javascript:)')
	await expect(page.getByLabel('Bio')).toHaveValue('Motion designer in Lisbon.\nI make product promos.')
	expect(await profileRow()).toMatchObject({ handle: 'leo-martins', handle_chosen: false, bio: null })

	// Refused: someone else's handle, whatever the case.
	await page.getByLabel('Handle').fill('Maya-Chen')
	await page.getByLabel('Links').fill('https://leo.example/')
	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(page.locator('#handle-error')).toHaveText('This handle is taken; choose another')
	expect((await profileRow())!.handle).toBe('leo-martins')

	await page.getByLabel('Handle').fill('leo-motion')
	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(page.getByRole('status')).toContainText(`Your public profile is at http://localhost:${PORT}/creators/leo-motion`)
	expect(await profileRow()).toMatchObject({ handle: 'leo-motion', handle_chosen: true, links: ['https://leo.example/'] })
	await context.close()

	// Signed out: from a gallery card to the profile.
	const visitor = await browser.newContext()
	const anonymous = await visitor.newPage()
	await anonymous.goto('/?sort=new')
	await anonymous.locator('.template-card').filter({ hasText: 'Leo Martins' }).first().getByRole('link', { name: 'Leo Martins' }).click()
	await anonymous.waitForURL('**/creators/leo-motion')
	await expect(anonymous.getByRole('heading', { level: 1 })).toHaveText('Leo Martins')
	await expect(anonymous.getByText('@leo-motion')).toBeVisible()
	await expect(anonymous.locator('.creator-bio')).toHaveText('Motion designer in Lisbon.\nI make product promos.')
	const link = anonymous.getByRole('link', { name: 'leo.example' })
	await expect(link).toHaveAttribute('href', 'https://leo.example/')
	await expect(link).toHaveAttribute('rel', /\bugc\b.*\bnofollow\b/)
	await expect(anonymous.locator('link[rel="canonical"]')).toHaveAttribute('href', `http://localhost:${PORT}/creators/leo-motion`)

	const [expected] = await sql`
		select count(*)::int as templates, coalesce(sum(uses_count), 0)::int as uses, coalesce(sum(favorites_count), 0)::int as favorites
		from "bazaar-vid_community_templates" where owner_user_id = 'demo-leo' and visibility = 'public' and status = 'active'`
	await expect(anonymous.getByTestId('creator-total-templates')).toHaveText(String(expected!.templates))
	await expect(anonymous.getByTestId('creator-total-uses')).toHaveText(String(expected!.uses))
	await expect(anonymous.getByTestId('creator-total-favorites')).toHaveText(String(expected!.favorites))
	const cards = anonymous.getByRole('list', { name: 'Templates by Leo Martins' }).locator('.template-card')
	await expect(cards).toHaveCount(expected!.templates)

	const newest = await sql`
		select title from "bazaar-vid_community_templates" where owner_user_id = 'demo-leo' and visibility = 'public' and status = 'active' order by created_at desc, id desc`
	await anonymous.getByRole('link', { name: 'Newest' }).click()
	await anonymous.waitForURL('**/creators/leo-motion?sort=new')
	await expect(anonymous.getByRole('link', { name: 'Newest' })).toHaveAttribute('aria-current', 'true')
	await expect(cards.locator('.template-card-title')).toHaveText(newest.map((row) => row.title as string))

	// The handle made from the name stopped answering once one was chosen.
	expect((await anonymous.goto('/creators/leo-martins'))!.status()).toBe(404)
	await visitor.close()
})
