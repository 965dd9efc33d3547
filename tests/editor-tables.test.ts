/**
 * Against the editor's own tables. The database starts with the editor's
 * three tables exactly as its migrations leave them (tests/fixtures/editor-tables.sql)
 * and rows the editor wrote there (camelCase columns, a soft-deleted scene, a
 * project at revision 4); our migrations run on top, then everything we do
 * in those tables goes through the whole app: SSO sign-in, publishing, use,
 * mix, favorites and the creator dashboard. Every check reads the rows back
 * with the editor's column names.
 */
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '#app/db/client.server.ts'
import { seedDemoContent } from '#app/db/seed.server.ts'
import { findOrCreateGitHubUser } from '#app/models/user.server.ts'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { VALID_SCENE_TSX } from '#tests/fixtures/community-factories.ts'
import { createEditorTables } from '#tests/fixtures/editor-tables.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

process.env.RATE_LIMIT_MULTIPLIER = '1000'
const { db } = useTestDatabase({ beforeMigrations: createEditorTables })
const app = useAppRequestHandler()

const CREATOR = 'editor-ana'
const PROJECT = '6f1c3a52-0b7e-4d5e-9a43-2f9d8c1b7e01'
const LIVE_SCENES = ['6f1c3a52-0b7e-4d5e-9a43-2f9d8c1b7e10', '6f1c3a52-0b7e-4d5e-9a43-2f9d8c1b7e12']
const DELETED_SCENE = '6f1c3a52-0b7e-4d5e-9a43-2f9d8c1b7e11'
// The soft-deleted scene would fail validation: publishing it would be refused.
const BROKEN_TSX = 'export default function Scene() { return <div>'

const rows = <Row,>(query: ReturnType<typeof sql>) => queryRows<Row>(query)

beforeAll(async () => {
	// As the editor writes them.
	await db.execute(sql`insert into "bazaar-vid_user" ("id", "name", "email", "emailVerified", "isAdmin")
		values (${CREATOR}, 'Ana Editor', 'ana@editor.example', now(), false)`)
	await db.execute(sql`insert into "bazaar-vid_project" ("id", "userId", "title", "props", "isWelcome", "revision")
		values (${PROJECT}, ${CREATOR}, 'Launch video', '{"meta":{"title":"Launch video","duration":180},"scenes":[]}'::jsonb, false, 4)`)
	await db.execute(sql`insert into "bazaar-vid_scene" ("id", "projectId", "order", "name", "tsxCode", "duration", "deleted_at") values
		(${LIVE_SCENES[0]}, ${PROJECT}, 0, 'Opening', ${VALID_SCENE_TSX}, 90, null),
		(${DELETED_SCENE}, ${PROJECT}, 5, 'Thrown away', ${BROKEN_TSX}, 60, now()),
		(${LIVE_SCENES[1]}, ${PROJECT}, 2, 'Closing', ${VALID_SCENE_TSX}, 120, null)`)
})

/** Signs in through the editor's SSO link and returns the session cookie. */
async function signInFromEditor(claims: { sub: string; email?: string; name?: string }) {
	const token = await signBazaarToken(claims)
	const response = await app.fetch(`/auth/bazaar?token=${encodeURIComponent(token)}&returnTo=%2Fpublish`)
	expect(response.status).toBe(302)
	expect(response.headers.get('Location')).toBe('/publish')
	const cookie = response.headers.get('Set-Cookie')?.split(';')[0]
	expect(cookie).toBeTruthy()
	return cookie!
}

function page(path: string, cookie: string, form?: Record<string, string | string[]>) {
	const headers = new Headers({ Cookie: cookie, Accept: 'text/html' })
	let body: URLSearchParams | undefined
	if (form) {
		body = new URLSearchParams()
		for (const [key, value] of Object.entries(form)) for (const item of [value].flat()) body.append(key, item)
		headers.set('Content-Type', 'application/x-www-form-urlencoded')
	}
	return app.fetch(path, { method: form ? 'POST' : 'GET', headers, body })
}

async function api(path: string, userId: string, method: string, json?: unknown) {
	const response = await app.fetch(path, {
		method,
		headers: { Authorization: `Bearer ${await signBazaarToken({ sub: userId })}`, 'Content-Type': 'application/json' },
		body: json === undefined ? undefined : JSON.stringify(json),
	})
	return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

describe("the whole app on the editor's tables", () => {
	let creatorCookie: string
	let templateId: string
	let slug: string
	let newcomerProject: string

	test('SSO signs in an editor user, and creates a newcomer with the email the editor vouches for', async () => {
		creatorCookie = await signInFromEditor({ sub: CREATOR })
		await signInFromEditor({ sub: 'editor-newcomer', email: 'new@editor.example', name: 'Nia Newcomer' })
		const [created] = await rows<{ email: string; name: string; isAdmin: boolean; createdAt: Date | string }>(
			sql`select "email", "name", "isAdmin", "createdAt" from "bazaar-vid_user" where "id" = 'editor-newcomer'`,
		)
		expect(created).toMatchObject({ email: 'new@editor.example', name: 'Nia Newcomer', isAdmin: false })
		expect(created!.createdAt).toBeTruthy()
		// No email, no new user: the editor's table requires one.
		const token = await signBazaarToken({ sub: 'editor-no-email' })
		const refused = await app.fetch(`/auth/bazaar?token=${encodeURIComponent(token)}`)
		expect(refused.headers.get('Location')).toMatch(/^\/login\?error=bazaar/)
		expect(await rows(sql`select 1 from "bazaar-vid_user" where "id" = 'editor-no-email'`)).toEqual([])
	})

	test('the publish form counts and lists only the scenes the editor has not deleted', async () => {
		const response = await page(`/publish?projectId=${PROJECT}`, creatorCookie)
		expect(response.status).toBe(200)
		// React separates adjacent text with empty comments.
		const html = (await response.text()).replaceAll('<!-- -->', '')
		expect(html).toContain('Launch video (2 scenes)')
		expect(html).toContain('Opening')
		expect(html).toContain('Closing')
		expect(html).not.toContain('Thrown away')
	})

	test('publishing takes the live scenes in project order and skips the soft-deleted one', async () => {
		const response = await page('/publish', creatorCookie, {
			projectId: PROJECT,
			title: 'Launch video kit',
			description: 'Made in the editor',
			category: 'intros',
			formats: 'landscape',
			visibility: 'public',
		})
		expect(response.status).toBe(302)
		slug = response.headers.get('Location')!.replace(/^\/t\//, '')
		const [template] = await rows<{ id: string; owner_user_id: string; source_project_id: string }>(
			sql`select id, owner_user_id, source_project_id from "bazaar-vid_community_templates" where slug = ${slug}`,
		)
		expect(template).toMatchObject({ owner_user_id: CREATOR, source_project_id: PROJECT })
		templateId = template!.id
		const templateScenes = await rows<{ scene_index: number; title: string; duration: number }>(
			sql`select scene_index, title, duration from "bazaar-vid_community_template_scenes" where template_id = ${templateId} order by scene_index`,
		)
		expect(templateScenes).toEqual([
			{ scene_index: 0, title: 'Opening', duration: 90 },
			{ scene_index: 1, title: 'Closing', duration: 120 },
		])
		// Choosing the deleted scene by id is refused like any scene of another project.
		const chosen = await page('/publish', creatorCookie, { projectId: PROJECT, sceneIds: [DELETED_SCENE], title: 'Deleted', category: 'intros', formats: 'landscape', visibility: 'public' })
		expect(chosen.status).toBe(400)
		expect(await chosen.text()).toContain('Choose scenes of this project.')
	})

	test('use creates a project the editor opens as it made it: scenes in its columns, revision bumped, not a welcome project', async () => {
		const used = await api(`/api/v1/templates/${templateId}/use`, 'editor-newcomer', 'POST', { mode: 'use' })
		expect(used.status).toBe(201)
		newcomerProject = used.json.projectId as string
		const [project] = await rows<{ userId: string; title: string; revision: string | number; isWelcome: boolean; props: { scenes: unknown[] } }>(
			sql`select "userId", "title", "revision", "isWelcome", "props" from "bazaar-vid_project" where "id" = ${newcomerProject}`,
		)
		expect(project).toMatchObject({ userId: 'editor-newcomer', title: 'Launch video kit', isWelcome: false })
		expect(Number(project!.revision)).toBe(1)
		expect(project!.props.scenes).toHaveLength(2)
		const copied = await rows<{ order: number; name: string; tsxCode: string; revision: number; deleted_at: Date | null }>(
			sql`select "order", "name", "tsxCode", "revision", "deleted_at" from "bazaar-vid_scene" where "projectId" = ${newcomerProject} order by "order"`,
		)
		expect(copied.map(({ order, name, revision, deleted_at }) => ({ order, name, revision, deleted_at }))).toEqual([
			{ order: 0, name: 'Opening', revision: 1, deleted_at: null },
			{ order: 1, name: 'Closing', revision: 1, deleted_at: null },
		])
		expect(copied[0]!.tsxCode).toContain(VALID_SCENE_TSX)
	})

	test("mix appends after the project's live scenes and bumps its revision once", async () => {
		const mixed = await api(`/api/v1/templates/${slug}/use`, CREATOR, 'POST', { mode: 'mix', projectId: PROJECT, sceneIndexes: [1] })
		expect(mixed.status).toBe(200)
		expect(mixed.json).toMatchObject({ projectId: PROJECT, createdProject: false, sceneCount: 1 })
		const [project] = await rows<{ revision: string | number }>(sql`select "revision" from "bazaar-vid_project" where "id" = ${PROJECT}`)
		expect(Number(project!.revision)).toBe(5)
		const projectScenes = await rows<{ order: number; name: string; deleted: boolean }>(
			sql`select "order", "name", "deleted_at" is not null as deleted from "bazaar-vid_scene" where "projectId" = ${PROJECT} order by "order"`,
		)
		// After the last live scene (order 2), whatever order the deleted one had.
		expect(projectScenes).toEqual([
			{ order: 0, name: 'Opening', deleted: false },
			{ order: 2, name: 'Closing', deleted: false },
			{ order: 3, name: 'Closing', deleted: false },
			{ order: 5, name: 'Thrown away', deleted: true },
		])
	})

	test('favorites: an editor user favorites the template and finds it on their favorites page', async () => {
		const favorited = await api(`/api/v1/templates/${templateId}/favorite`, 'editor-newcomer', 'PUT')
		expect(favorited.status).toBe(200)
		expect(favorited.json).toMatchObject({ favorited: true })
		const [favorite] = await rows<{ user_id: string }>(sql`select user_id from "bazaar-vid_community_favorites" where template_id = ${templateId}`)
		expect(favorite?.user_id).toBe('editor-newcomer')
		const cookie = await signInFromEditor({ sub: 'editor-newcomer' })
		const response = await page('/me/favorites', cookie)
		expect(response.status).toBe(200)
		expect(await response.text()).toContain('Launch video kit')
	})

	test("the creator's dashboard shows the template with its use and favorite", async () => {
		const response = await page('/me/templates', creatorCookie)
		expect(response.status).toBe(200)
		const html = await response.text()
		expect(html).toContain('Launch video kit')
		const [counters] = await rows<{ uses_count: string | number; favorites_count: string | number }>(
			sql`select uses_count, favorites_count from "bazaar-vid_community_templates" where id = ${templateId}`,
		)
		expect({ uses: Number(counters!.uses_count), favorites: Number(counters!.favorites_count) }).toEqual({ uses: 1, favorites: 1 })
		const detail = await page(`/me/templates/${templateId}`, creatorCookie)
		expect(detail.status).toBe(200)
	})

	test('GitHub sign-in without a verified email stores GitHub’s no-reply address', async () => {
		const user = await findOrCreateGitHubUser({ id: 4242, login: 'octo-editor', name: null, avatarUrl: `https://avatars.example/u/4242?${'v'.repeat(300)}`, verifiedEmail: null })
		const [stored] = await rows<{ email: string; image: string; name: string }>(sql`select "email", "image", "name" from "bazaar-vid_user" where "id" = ${user.id}`)
		expect(stored).toMatchObject({ email: '4242+octo-editor@users.noreply.github.com', name: 'octo-editor' })
		// The editor keeps avatar URLs as text, so a long one is kept whole.
		expect(stored!.image).toHaveLength(`https://avatars.example/u/4242?`.length + 300)
	})

	test('the demo seed writes into the editor tables, every user with an email', async () => {
		const summary = await seedDemoContent()
		expect(summary.templates).toBeGreaterThan(0)
		const withoutEmail = await rows(sql`select "id" from "bazaar-vid_user" where "email" is null or "email" = ''`)
		expect(withoutEmail).toEqual([])
		const [demoProject] = await rows<{ isWelcome: boolean; revision: string | number; scenes: number }>(
			sql`select p."isWelcome", p."revision", jsonb_array_length(p."props"->'scenes') as scenes
				from "bazaar-vid_project" p where p."userId" = 'demo-leo' order by p."title" limit 1`,
		)
		expect(demoProject).toMatchObject({ isWelcome: false })
		expect(Number(demoProject!.scenes)).toBeGreaterThan(0)
	})
})
