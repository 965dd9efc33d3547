/**
 * Updating a template's scenes through the whole app (documents as a browser
 * gets them): the form on /me/templates/:id, its errors beside the fields and
 * the failing scene named, the new version on the template page and in the
 * API, and the publishing quota. Real database, the real limiter (no multiplier).
 */
import { asc, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { communityTemplateScenes, communityTemplateVersions, communityTemplates } from '#app/db/schema.ts'
import { PUBLISHING_RATE_LIMITS } from '#app/models/scene-snapshots.server.ts'
import { VALID_SCENE_TSX, createProject, createTemplate, createUser, sessionCookieFor } from '#tests/fixtures/community-factories.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

process.env.RATE_LIMIT_MULTIPLIER = '1'
const { db } = useTestDatabase()
const app = useAppRequestHandler()

const BROKEN_TSX = 'export default function Scene() {\n  const size = ;\n  return <div>{size}</div>\n}\n'
const colored = (color: string) => VALID_SCENE_TSX.replace('#111', color)

async function creatorWithTemplate() {
	const owner = await createUser({ name: 'Route Creator' })
	const { project } = await createProject(owner.id, [colored('#123456')])
	const template = await createTemplate(owner.id, { sourceProjectId: project.id, favoritesCount: 7, usesCount: 3, viewsCount: 90 })
	return { owner, project, template, cookie: await sessionCookieFor(owner.id) }
}

/** Posted as the form does: to the page that lists the chosen project's scenes. */
async function postUpdate(cookie: string, templateId: string, fields: Array<[string, string]>) {
	const projectId = fields.find(([name]) => name === 'projectId')?.[1] ?? ''
	return app.fetch(`/me/templates/${templateId}?projectId=${encodeURIComponent(projectId)}`, {
		method: 'POST',
		headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
		body: new URLSearchParams([['intent', 'update-scenes'], ...fields]).toString(),
	})
}

async function state(templateId: string) {
	const [template] = await db.select().from(communityTemplates).where(eq(communityTemplates.id, templateId))
	const scenes = await db.select({ codeHash: communityTemplateScenes.codeHash }).from(communityTemplateScenes).where(eq(communityTemplateScenes.templateId, templateId)).orderBy(asc(communityTemplateScenes.sceneIndex))
	const versions = await db.select({ version: communityTemplateVersions.version }).from(communityTemplateVersions).where(eq(communityTemplateVersions.templateId, templateId))
	return { template, scenes, versions }
}

describe('the update form on /me/templates/:id', () => {
	test('lists the template’s source project’s scenes by default and offers the next version', async () => {
		const { template, cookie } = await creatorWithTemplate()
		const response = await app.fetch(`/me/templates/${template.id}`, { headers: { Cookie: cookie, Accept: 'text/html' } })
		expect(response.status).toBe(200)
		const html = await response.text()
		expect(html).toContain('Scenes and versions')
		expect(html).toContain('name="intent" value="update-scenes"')
		expect(html).toMatch(/<input type="checkbox" name="sceneIds" value="[0-9a-f-]{36}"\/> <!-- -->1<!-- -->\. <!-- -->Scene 1/)
		expect(html).toContain('Publish version <!-- -->2')
	})

	test('a broken scene is named with its line and column next to the scenes; nothing changes', async () => {
		const { owner, template, cookie } = await creatorWithTemplate()
		const { project, scenes } = await createProject(owner.id, [colored('#222222'), BROKEN_TSX])
		const before = await state(template.id)
		const response = await postUpdate(cookie, template.id, [['projectId', project.id], ['note', 'Broken on purpose']])
		expect(response.status).toBe(400)
		const html = await response.text()
		expect(html).toMatch(/data-testid="scene-error"><li>Scene <!-- -->2<!-- --> “<!-- -->Scene 2<!-- -->”<!-- -->, line 2, column \d+<!-- -->: <!-- -->\S/)
		expect(html).toContain('1 scene cannot be published yet. Nothing was changed.')
		// The form comes back as it was sent: the note and the scene choice.
		expect(html).toContain('Broken on purpose</textarea>')
		expect(scenes).toHaveLength(2)
		expect(await state(template.id)).toEqual(before)
	})

	test('bad fields are a 400 with the message beside the field, and nothing changes', async () => {
		const { owner, template, cookie } = await creatorWithTemplate()
		const { project } = await createProject(owner.id, [colored('#333333')])
		const stranger = await createUser()
		const { project: strangers } = await createProject(stranger.id, [colored('#444444')])
		const before = await state(template.id)
		const cases: Array<[Array<[string, string]>, string, string]> = [
			[[['projectId', project.id], ['note', 'x'.repeat(281)]], 'note-error', 'The note can have at most 280 characters'],
			[[['projectId', 'not-a-project'], ['note', '']], 'projectId-error', 'Choose one of your projects'],
			[[['projectId', strangers.id], ['note', '']], 'projectId-error', 'Choose one of your projects.'],
			[[['projectId', project.id], ['sceneIds', crypto.randomUUID()]], 'sceneIds-error', 'Choose scenes of this project.'],
		]
		for (const [fields, errorId, message] of cases) {
			const response = await postUpdate(cookie, template.id, fields)
			expect(response.status, message).toBe(400)
			expect(await response.text()).toContain(`id="${errorId}" role="alert">${message}`)
		}
		expect(await state(template.id)).toEqual(before)
	})

	test('a good update makes version 2: the page says so with the note (escaped), the API lists the versions, counts and slug stay', async () => {
		const { owner, template, cookie } = await creatorWithTemplate()
		const { project, scenes } = await createProject(owner.id, [colored('#555555'), colored('#666666')])
		const note = 'Faster intro <script>window.__xss=1</script>\nand a new outro'
		const response = await postUpdate(cookie, template.id, [['projectId', project.id], ['sceneIds', scenes[1]!.id], ['sceneIds', scenes[0]!.id], ['note', note]])
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(`/me/templates/${template.id}?updated=2`)

		const dashboard = await (await app.fetch(`/me/templates/${template.id}?updated=2`, { headers: { Cookie: cookie, Accept: 'text/html' } })).text()
		expect(dashboard).toContain('Updated: version <!-- -->2<!-- --> is live.')
		expect(dashboard).toContain('Publish version <!-- -->3')

		const page = await app.fetch(`/t/${template.slug}`, { headers: { Accept: 'text/html' } })
		expect(page.status).toBe(200)
		const html = await page.text()
		expect(html).toMatch(/data-testid="template-version">Updated <time dateTime="[^"]+">[A-Z][a-z]{2} \d{1,2}, \d{4}<\/time> · version <!-- -->2<\/p>/)
		expect(html).toContain('Faster intro &lt;script&gt;window.__xss=1&lt;/script&gt;\nand a new outro')
		expect(html).not.toContain('<script>window.__xss=1</script>')

		const api = await app.fetch(`/api/v1/templates/${template.slug}`)
		const body = (await api.json()) as { version: number; versions: Array<{ version: number; note: string | null; sceneCount: number; createdAt: string }>; favoritesCount: number; usesCount: number; viewsCount: number; slug: string; scenes: Array<{ tsxCode: string }> }
		expect(body).toMatchObject({ version: 2, slug: template.slug, favoritesCount: 7, usesCount: 3, viewsCount: 90 })
		expect(body.versions.map(({ version, note: text, sceneCount }) => ({ version, note: text, sceneCount }))).toEqual([
			{ version: 2, note, sceneCount: 2 },
			{ version: 1, note: null, sceneCount: 1 },
		])
		expect(body.versions.every((entry) => !Number.isNaN(Date.parse(entry.createdAt)))).toBe(true)
		expect(body.scenes.map((scene) => scene.tsxCode)).toEqual([scenes[1]!.tsxCode, scenes[0]!.tsxCode])
	})

	test('a template never updated says nothing about versions on its page, and is version 1 in the API', async () => {
		const { template } = await creatorWithTemplate()
		const html = await (await app.fetch(`/t/${template.slug}`, { headers: { Accept: 'text/html' } })).text()
		expect(html).not.toContain('data-testid="template-version"')
		expect(html).not.toContain('What changed')
		const body = (await (await app.fetch(`/api/v1/templates/${template.id}`)).json()) as { version: number; versions: Array<{ version: number; note: string | null; sceneCount: number }> }
		expect(body.version).toBe(1)
		expect(body.versions.map(({ version, note, sceneCount }) => ({ version, note, sceneCount }))).toEqual([{ version: 1, note: null, sceneCount: 1 }])
	})

	test('updates spend the publishing quota: past it, a 429 with Retry-After and the wait beside the form; nothing changes', async () => {
		const { owner, template, cookie } = await creatorWithTemplate()
		const { project } = await createProject(owner.id, [colored('#777777')])
		const perHour = PUBLISHING_RATE_LIMITS[0]!.points
		for (let update = 0; update < perHour; update++) {
			const response = await postUpdate(cookie, template.id, [['projectId', project.id]])
			expect(response.status).toBe(302)
		}
		const before = await state(template.id)
		expect(before.versions).toHaveLength(perHour + 1)
		const refused = await postUpdate(cookie, template.id, [['projectId', project.id]])
		expect(refused.status).toBe(429)
		expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
		expect(await refused.text()).toMatch(/You have published or updated templates a lot recently\. You can update again in \d+ minutes? \(at \d\d:\d\d UTC\)\./)
		expect(await state(template.id)).toEqual(before)

		// One budget: publishing is refused now too, with the wait in the header and beside the form.
		const published = await app.fetch('/publish', {
			method: 'POST',
			headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
			body: new URLSearchParams({ projectId: project.id, title: 'One more template', category: 'intros', formats: 'landscape', visibility: 'public' }).toString(),
		})
		expect(published.status).toBe(429)
		expect(Number(published.headers.get('Retry-After'))).toBeGreaterThan(0)
		expect(await published.text()).toMatch(/You have published a lot recently\. You can publish again in \d+ minutes?/)
	})
})
