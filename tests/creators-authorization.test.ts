/**
 * The authorization matrix of publishing, the creator dashboard, reports and
 * moderation: for each route and intent, what an anonymous visitor, a
 * signed-in stranger, the owner and an admin get. Loaders and actions are
 * called with real Requests (session cookies made directly) on a real database.
 */
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { communityModerationActions, communityReports, communityTemplateVersions, communityTemplates, type User } from '#app/db/schema.ts'
import * as admin from '#app/routes/admin.templates.tsx'
import * as dashboard from '#app/routes/me.templates._index.tsx'
import * as templateEditor from '#app/routes/me.templates.$id.tsx'
import * as publish from '#app/routes/publish.tsx'
import * as report from '#app/routes/t.$slug_.report.tsx'
import { createProject, createTemplate, createUser, makeRequest, outcome } from '#tests/fixtures/community-factories.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

const { db } = useTestDatabase()

type Who = 'anonymous' | 'stranger' | 'owner' | 'admin'
const WHO: Who[] = ['anonymous', 'stranger', 'owner', 'admin']
let people: Record<Exclude<Who, 'anonymous'>, User>
const idOf = (who: Who) => (who === 'anonymous' ? null : people[who].id)
const LOGIN = /^\/login\?returnTo=/

beforeAll(async () => {
	people = { stranger: await createUser(), owner: await createUser(), admin: await createUser({ isAdmin: true }) }
})

async function statusOf(template: { id: string }) {
	const [row] = await db.select({ status: communityTemplates.status }).from(communityTemplates).where(eq(communityTemplates.id, template.id))
	return row!.status
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

describe('GET/POST /admin/templates: admins only, 404 for everyone else', () => {
	test.each(WHO)('GET as %s', async (who) => {
		const result = await outcome(async () => admin.loader(args(await makeRequest('/admin/templates', { userId: idOf(who) }))))
		expect(result.status).toBe(who === 'admin' ? 200 : 404)
	})

	test.each(WHO.flatMap((who) => (['disable', 'enable'] as const).map((intent) => [who, intent] as const)))('POST intent=%s… as %s', async (who, intent) => {
		const template = await createTemplate(people.owner.id, { status: intent === 'enable' ? 'disabled' : 'active' })
		const form = { intent, templateId: template.id, reason: 'Breaks the rules' }
		const result = await outcome(async () => admin.action(args(await makeRequest('/admin/templates', { userId: idOf(who), form }))))
		expect(result.status).toBe(who === 'admin' ? 200 : 404)
		expect(await statusOf(template)).toBe((who === 'admin') === (intent === 'disable') ? 'disabled' : 'active')
		const trail = await db.select().from(communityModerationActions).where(eq(communityModerationActions.templateId, template.id))
		expect(trail.length).toBe(who === 'admin' ? 1 : 0)
	})

	test('bad input from an admin is a 400, not a 500', async () => {
		for (const form of [{ intent: 'delete', templateId: 'x', reason: 'r' }, { intent: 'disable', templateId: crypto.randomUUID(), reason: '' }, {}] as Record<string, string>[]) {
			const result = await outcome(async () => admin.action(args(await makeRequest('/admin/templates', { userId: people.admin.id, form }))))
			expect(result.status).toBe(400)
		}
		const missing = await outcome(async () => admin.action(args(await makeRequest('/admin/templates', { userId: people.admin.id, form: { intent: 'disable', templateId: crypto.randomUUID(), reason: 'gone' } }))))
		expect(missing.status).toBe(404)
	})
})

describe('/me/templates and /me/templates/:id: signed-in; only the owner sees or edits a template', () => {
	test.each(WHO)('GET /me/templates as %s', async (who) => {
		const result = await outcome(async () => dashboard.loader(args(await makeRequest('/me/templates', { userId: idOf(who) }))))
		if (who === 'anonymous') expect(result.location).toMatch(LOGIN)
		expect(result.status).toBe(who === 'anonymous' ? 302 : 200)
	})

	test.each(WHO)('GET /me/templates/:id as %s', async (who) => {
		const template = await createTemplate(people.owner.id)
		const result = await outcome(async () => templateEditor.loader(args(await makeRequest(`/me/templates/${template.id}`, { userId: idOf(who) }), { id: template.id })))
		expect(result.status).toBe({ anonymous: 302, stranger: 404, owner: 200, admin: 404 }[who])
	})

	test.each(WHO)('POST /me/templates/:id as %s', async (who) => {
		const template = await createTemplate(people.owner.id, { title: 'Before' })
		const form = { title: 'After edit', description: 'new', category: 'titles', tags: 'a,b', formats: ['square'], visibility: 'public' }
		const result = await outcome(async () => templateEditor.action(args(await makeRequest(`/me/templates/${template.id}`, { userId: idOf(who), form }), { id: template.id })))
		expect(result.status).toBe({ anonymous: 302, stranger: 404, owner: 302, admin: 404 }[who])
		if (who === 'owner') expect(result.location).toBe(`/me/templates/${template.id}?saved=1`)
		const [row] = await db.select().from(communityTemplates).where(eq(communityTemplates.id, template.id))
		expect(row!.title).toBe(who === 'owner' ? 'After edit' : 'Before')
	})

	test.each(WHO)('POST /me/templates/:id intent=update-scenes with the owner’s own project as %s', async (who) => {
		const template = await createTemplate(people.owner.id)
		const { project } = await createProject(people.owner.id)
		const form = { intent: 'update-scenes', projectId: project.id, note: `by ${who}` }
		const result = await outcome(async () => templateEditor.action(args(await makeRequest(`/me/templates/${template.id}`, { userId: idOf(who), form }), { id: template.id })))
		expect(result.status).toBe({ anonymous: 302, stranger: 404, owner: 302, admin: 404 }[who])
		if (who === 'owner') expect(result.location).toBe(`/me/templates/${template.id}?updated=2`)
		if (who === 'anonymous') expect(result.location).toMatch(LOGIN)
		const versions = await db.select().from(communityTemplateVersions).where(eq(communityTemplateVersions.templateId, template.id))
		expect(versions.map((row) => row.note).filter(Boolean)).toEqual(who === 'owner' ? ['by owner'] : [])
	})

	test('a malformed id or invalid metadata is a 404 or a 400, never a 500', async () => {
		const template = await createTemplate(people.owner.id)
		expect((await outcome(async () => templateEditor.loader(args(await makeRequest('/me/templates/not-a-uuid', { userId: people.owner.id }), { id: 'not-a-uuid' })))).status).toBe(404)
		const invalid = await outcome(async () =>
			templateEditor.action(args(await makeRequest(`/me/templates/${template.id}`, { userId: people.owner.id, form: { title: '', description: 'x'.repeat(1_000_000) } }), { id: template.id })),
		)
		expect(invalid.status).toBe(400)
		expect(Object.keys((invalid.body as { errors: object }).errors)).toEqual(expect.arrayContaining(['title', 'description', 'category', 'formats', 'visibility']))
	})
})

describe('/publish: signed-in, only your own projects', () => {
	test.each(WHO)('GET as %s', async (who) => {
		const result = await outcome(async () => publish.loader(args(await makeRequest('/publish', { userId: idOf(who) }))))
		expect(result.status).toBe(who === 'anonymous' ? 302 : 200)
	})

	test.each(WHO)('POST the owner’s project as %s', async (who) => {
		const { project } = await createProject(people.owner.id)
		const form = { projectId: project.id, title: `Published by ${who}`, category: 'intros', formats: ['landscape'], visibility: 'public' }
		const result = await outcome(async () => publish.action(args(await makeRequest('/publish', { userId: idOf(who), form }))))
		expect(result.status).toBe({ anonymous: 302, stranger: 404, owner: 302, admin: 404 }[who])
		if (who === 'owner') expect(result.location).toBe(`/t/published-by-owner`)
		if (who === 'anonymous') expect(result.location).toMatch(LOGIN)
	})
})

describe('/t/:slug/report: signed-in users other than the owner; disabled templates are 404', () => {
	test.each(WHO)('GET and POST as %s', async (who) => {
		const template = await createTemplate(people.owner.id)
		const path = `/t/${template.slug}/report`
		const shown = await outcome(async () => report.loader(args(await makeRequest(path, { userId: idOf(who) }), { slug: template.slug })))
		const expected = { anonymous: 302, stranger: 200, owner: 403, admin: 200 }[who]
		expect(shown.status).toBe(expected)
		const sent = await outcome(async () => report.action(args(await makeRequest(path, { userId: idOf(who), form: { reason: 'spam', details: 'ads' } }), { slug: template.slug })))
		expect(sent.status).toBe(expected)
		const reports = await db.select().from(communityReports).where(eq(communityReports.templateId, template.id))
		expect(reports.length).toBe(expected === 200 ? 1 : 0)
		if (expected === 200) {
			const twice = await outcome(async () => report.action(args(await makeRequest(path, { userId: idOf(who), form: { reason: 'other' } }), { slug: template.slug })))
			expect(twice.status).toBe(409)
		}
	})

	test('a disabled template cannot be reported (404), a bad reason is a 400', async () => {
		const disabled = await createTemplate(people.owner.id, { status: 'disabled' })
		const active = await createTemplate(people.owner.id)
		expect((await outcome(async () => report.loader(args(await makeRequest(`/t/${disabled.slug}/report`, { userId: people.stranger.id }), { slug: disabled.slug })))).status).toBe(404)
		expect(
			(await outcome(async () => report.action(args(await makeRequest(`/t/${active.slug}/report`, { userId: people.stranger.id, form: { reason: 'because' } }), { slug: active.slug })))).status,
		).toBe(400)
	})
})

describe('cross-site posts change nothing', () => {
	test('an admin’s browser posting from another origin is refused on moderation; a stranger’s still gets 404', async () => {
		const template = await createTemplate(people.owner.id)
		for (const [who, expected] of [['admin', 403], ['stranger', 404]] as const) {
			const request = await makeRequest('/admin/templates', { userId: people[who].id, form: { intent: 'disable', templateId: template.id, reason: 'forged' } })
			request.headers.set('Origin', 'https://evil.example')
			expect((await outcome(() => admin.action(args(request)))).status).toBe(expected)
		}
		expect(await statusOf(template)).toBe('active')
	})
})
