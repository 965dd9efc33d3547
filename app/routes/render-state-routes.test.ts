/**
 * Where creators and moderators see renders: the dashboard's per-scene state
 * and "Render again", the moderation list's playback filter, on a real
 * database. The render rows are written as a worker writes them.
 */
import { describe, expect, test } from 'vitest'
import { communityTemplateRenders } from '#app/db/schema.ts'
import { newestRenderJob } from '#app/models/render-queue.server.ts'
import { createTemplate, createUser, makeRequest, outcome } from '#tests/fixtures/community-factories.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { loader as moderationLoader } from './admin.templates.tsx'
import { action as dashboardAction, loader as dashboardLoader } from './me.templates.$id.tsx'

const { db } = useTestDatabase()
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

async function failingTemplate(ownerId: string) {
	const template = await createTemplate(ownerId)
	await db.insert(communityTemplateRenders).values({
		templateId: template.id,
		status: 'failing',
		scenes: [{ index: 0, status: 'failing', message: 'TypeError: orbit is undefined (line 3, column 9 of the scene, in <Scene>)' }],
		failingSceneIndex: 0,
		failureMessage: 'TypeError: orbit is undefined (line 3, column 9 of the scene, in <Scene>)',
		renderedAt: new Date(),
	})
	return template
}

describe('the creator dashboard', () => {
	test('shows each scene’s state with the message, and "Render again" queues a render', async () => {
		const owner = await createUser()
		const template = await failingTemplate(owner.id)
		const page = await dashboardLoader(args(await makeRequest(`/me/templates/${template.id}`, { userId: owner.id }), { id: template.id }))
		expect(page.render).toMatchObject({ status: 'failing', scenes: [{ index: 0, status: 'failing', message: expect.stringContaining('orbit is undefined') }] })

		const stranger = await createUser()
		const byStranger = await outcome(async () => dashboardAction(args(await makeRequest(`/me/templates/${template.id}`, { userId: stranger.id, form: { intent: 'render' } }), { id: template.id })))
		expect(byStranger.status).toBe(404)
		expect(await newestRenderJob(template.id)).toBeNull()
		const posted = await outcome(async () => dashboardAction(args(await makeRequest(`/me/templates/${template.id}`, { userId: owner.id, form: { intent: 'render' } }), { id: template.id })))
		expect(posted).toMatchObject({ status: 302, location: `/me/templates/${template.id}?saved=render` })
		expect(await newestRenderJob(template.id)).toEqual({ state: 'created', retryCount: 0 })
		const after = await dashboardLoader(args(await makeRequest(`/me/templates/${template.id}`, { userId: owner.id }), { id: template.id }))
		expect(after.render.status).toBe('pending')
	})

	test('an unknown intent is a 400 naming it', async () => {
		const owner = await createUser()
		const template = await createTemplate(owner.id)
		const posted = await outcome(async () => dashboardAction(args(await makeRequest(`/me/templates/${template.id}`, { userId: owner.id, form: { intent: 'explode' } }), { id: template.id })))
		expect(posted.status).toBe(400)
		expect(JSON.stringify(posted.body)).toContain('intent')
	})
})

describe('the moderation list', () => {
	test('filters templates whose render is failing', async () => {
		const admin = await createUser({ isAdmin: true })
		const owner = await createUser()
		const failing = await failingTemplate(owner.id)
		const fine = await createTemplate(owner.id)
		const list = await moderationLoader(args(await makeRequest('/admin/templates?render=failing', { userId: admin.id })))
		const ids = list.templates.map((template) => template.id)
		expect(ids).toContain(failing.id)
		expect(ids).not.toContain(fine.id)
		expect(list.templates.find((template) => template.id === failing.id)?.render).toBe('failing')
	})
})
