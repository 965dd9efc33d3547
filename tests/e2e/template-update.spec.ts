/**
 * Issue 15's "updates with history" in real Chromium against the production
 * build and its own seeded PostgreSQL database (bazaar_e2e_<port>).
 *
 * A creator has a published template that people favorited, used and viewed.
 * They try to update it from a project with a broken scene: the scene is named
 * with its line and column, and nothing changes (same scenes, version 1). They
 * fix the scene in "the editor" (the database) and update again with a note:
 * version 2 is live, the page says "Updated … · version 2" with the note, the
 * new scenes play in the preview, favorite and use counts are kept, and the
 * project someone made from version 1 still holds version 1's scenes.
 */
import { createHash } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { signInAs } from './demo-sign-in.ts'
import postgres from 'postgres'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const databaseUrl = new URL(process.env.E2E_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
databaseUrl.pathname = `/bazaar_e2e_${PORT}`
const sql = postgres(databaseUrl.toString(), { max: 2, onnotice: () => {} })
test.afterAll(() => sql.end())

const scene = (background: string, label: string) =>
	`const { AbsoluteFill, useCurrentFrame } = window.Remotion;\nexport default function Scene() {\n  const frame = useCurrentFrame();\n  return <AbsoluteFill style={{ background: '${background}', color: 'white', fontSize: 120 }}>${label} {frame}</AbsoluteFill>;\n}\n`
const VERSION_1 = [scene('#3b0764', 'Aurora'), scene('#1e3a8a', 'Launch')]
const NEW_OPENING = scene('#14532d', 'Aurora two')
const BROKEN_CLOSING = `const { AbsoluteFill } = window.Remotion;\nexport default function Scene() {\n  const glow = ;\n  return <AbsoluteFill />;\n}\n`
const FIXED_CLOSING = scene('#7c2d12', 'See you')
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

test('a broken update changes nothing; a good one makes version 2 with its note, new scenes playing and counts kept', async ({ browser }) => {
	test.setTimeout(120_000)
	// --- Version 1, published from Maya's project, then favorited and used by Leo.
	const [source] = await sql`insert into "bazaar-vid_project" ("userId", title, props) values ('demo-maya', 'Aurora v1 (e2e)', '{}') returning id`
	const [template] = await sql`
		insert into "bazaar-vid_community_templates" (slug, title, description, owner_user_id, source_project_id, category, tags, views_count, favorites_count)
		values ('aurora-launch-e2e', 'Aurora Launch', 'Two scenes of aurora.', 'demo-maya', ${source!.id}, 'intros', '["aurora"]'::jsonb, 240, 11)
		returning id, slug`
	for (const [index, code] of VERSION_1.entries()) {
		await sql`insert into "bazaar-vid_community_template_scenes" (template_id, scene_index, title, tsx_code, duration, preview_frame, code_hash)
			values (${template!.id}, ${index}, ${index === 0 ? 'Aurora' : 'Launch'}, ${code}, 90, 45, ${sha256(code)})`
	}
	const visitor = await signInAs(browser, 'Leo Martins')
	const used = await visitor.page.request.post(`/api/v1/templates/${template!.id}/use`, { data: { mode: 'use' } })
	expect(used.status()).toBe(201)
	const { projectId: leosCopy } = (await used.json()) as { projectId: string }
	const copiedScenes = () => sql`select "tsxCode" from "bazaar-vid_scene" where "projectId" = ${leosCopy} order by "order"`
	const copiesOfVersion1 = await copiedScenes()
	expect(copiesOfVersion1.map((row) => row.tsxCode.includes('Aurora') || row.tsxCode.includes('Launch'))).toEqual([true, true])
	const counts = async () => (await sql`select favorites_count, uses_count, views_count, slug from "bazaar-vid_community_templates" where id = ${template!.id}`)[0]
	const countsBefore = await counts()
	expect(countsBefore).toMatchObject({ uses_count: '1', favorites_count: '11' })
	const currentScenes = () => sql`select scene_index, code_hash from "bazaar-vid_community_template_scenes" where template_id = ${template!.id} order by scene_index`
	const versionRows = () => sql`select version, note from "bazaar-vid_community_template_versions" where template_id = ${template!.id} order by version`
	const scenesBefore = await currentScenes()

	// --- Maya's new project has a broken closing scene.
	const [next] = await sql`insert into "bazaar-vid_project" ("userId", title, props) values ('demo-maya', 'Aurora v2 (e2e)', '{}') returning id`
	const [, closing] = await sql`insert into "bazaar-vid_scene" ("projectId", "order", name, "tsxCode", duration) values
		(${next!.id}, 0, 'Aurora again', ${NEW_OPENING}, 120), (${next!.id}, 1, 'Glowing outro', ${BROKEN_CLOSING}, 90) returning id`

	const creator = await signInAs(browser, 'Maya Chen')
	await creator.page.goto(`/me/templates/${template!.id}`)
	await expect(creator.page.getByRole('heading', { name: 'Scenes and versions' })).toBeVisible()
	// The source project is offered first; Maya picks the new one.
	await expect(creator.page.getByRole('group', { name: 'Scenes of “Aurora v1 (e2e)”' })).toBeVisible()
	await creator.page.getByRole('combobox', { name: /^Project/ }).selectOption({ label: 'Aurora v2 (e2e) (2 scenes)' })
	await creator.page.getByRole('button', { name: 'Choose' }).click()
	await expect(creator.page.getByRole('group', { name: 'Scenes of “Aurora v2 (e2e)”' })).toBeVisible()
	await creator.page.getByLabel('What changed').fill('A greener opening and a new outro.')
	const [refused] = await Promise.all([
		creator.page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname.startsWith(`/me/templates/${template!.id}`)),
		creator.page.getByRole('button', { name: 'Publish version 2' }).click(),
	])
	expect(refused.status()).toBe(400)
	await expect(creator.page.getByTestId('scene-error')).toContainText(/Scene 2 “Glowing outro”, line 3, column \d+: \S/)
	await expect(creator.page.locator('#sceneIds-error')).toContainText('Nothing was changed')
	await expect(creator.page.getByLabel('What changed')).toHaveValue('A greener opening and a new outro.')
	expect(await currentScenes()).toEqual(scenesBefore)
	expect(await versionRows()).toEqual([])
	expect(await counts()).toEqual(countsBefore)

	// --- Fixed in the editor, the same form makes version 2.
	await sql`update "bazaar-vid_scene" set "tsxCode" = ${FIXED_CLOSING} where id = ${closing!.id}`
	await creator.page.getByRole('button', { name: 'Publish version 2' }).click()
	await creator.page.waitForURL(`/me/templates/${template!.id}?updated=2`)
	await expect(creator.page.getByRole('status')).toContainText('version 2 is live')
	expect((await currentScenes()).map((row) => row.code_hash)).toEqual([sha256(NEW_OPENING), sha256(FIXED_CLOSING)])
	expect(await versionRows()).toEqual([
		{ version: 1, note: null },
		{ version: 2, note: 'A greener opening and a new outro.' },
	])
	expect(await counts()).toEqual(countsBefore)
	// Leo's project from version 1 keeps its copies.
	expect(await copiedScenes()).toEqual(copiesOfVersion1)

	// --- Signed out, the page says so, lists the note, and plays the new scenes; counts unchanged.
	const stranger = await browser.newContext()
	const page = await stranger.newPage()
	await page.goto(`/t/${template!.slug}`)
	await expect(page.getByTestId('template-version')).toHaveText(/^Updated [A-Z][a-z]{2} \d{1,2}, \d{4} · version 2$/)
	await expect(page.getByRole('region', { name: 'What changed' })).toContainText('A greener opening and a new outro.')
	await expect(page.getByRole('heading', { name: /^2 scenes/ })).toBeVisible()
	const stats = page.locator('.stat-grid')
	await expect(stats).toContainText('Favorites11')
	await expect(stats).toContainText('Uses1')
	const opening = page.locator('iframe[title="Preview: Aurora again"]')
	await opening.scrollIntoViewIfNeeded()
	await expect(opening).toHaveAttribute('src', new RegExp(`^/preview/${template!.id}/0\\?(.*&)?v=2`))
	const frame = page.frameLocator('iframe[title="Preview: Aurora again"]')
	await expect(frame.locator('html')).toHaveAttribute('data-preview-state', 'ready')
	await expect(frame.locator('body')).toContainText('Aurora two')
	const firstFrame = Number(await frame.locator('html').getAttribute('data-frame'))
	await expect.poll(async () => Number(await frame.locator('html').getAttribute('data-frame'))).not.toBe(firstFrame)
	await expect(page.locator('.scene-title')).toHaveText(['Aurora again', 'Glowing outro'])

	// The API carries the version and the history, newest first.
	const api = (await (await page.request.get(`/api/v1/templates/${template!.slug}`)).json()) as { version: number; versions: Array<{ version: number; note: string | null; sceneCount: number }>; favoritesCount: number; usesCount: number }
	expect(api).toMatchObject({ version: 2, favoritesCount: 11, usesCount: 1 })
	expect(api.versions.map(({ version, note, sceneCount }) => ({ version, note, sceneCount }))).toEqual([
		{ version: 2, note: 'A greener opening and a new outro.', sceneCount: 2 },
		{ version: 1, note: null, sceneCount: 2 },
	])

	await Promise.all([visitor.context.close(), creator.context.close(), stranger.close()])
	await sql`delete from "bazaar-vid_community_templates" where id = ${template!.id}`
	await sql`delete from "bazaar-vid_project" where id in (${source!.id}, ${next!.id}, ${leosCopy})`
})
