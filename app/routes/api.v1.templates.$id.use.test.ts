import type { ActionFunctionArgs } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { communityEvents, scenes } from '#app/db/schema.ts'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { FAVORITE_RATE_LIMIT } from '#app/models/favorite.server.ts'
import { USE_RATE_LIMIT } from '#app/models/project.server.ts'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { action as favoriteAction } from './api.v1.templates.$id.favorite.ts'
import { action as useAction } from './api.v1.templates.$id.use.ts'

const { db } = useTestDatabase({ seed: true })
const BASE = 'http://localhost:3000/api/v1/templates'
const startupId = demoTemplateId({ slug: 'startup-launch-intro' })

async function call(
	handler: typeof useAction | typeof favoriteAction,
	id: string,
	{ method = 'POST', body, userId, token }: { method?: string; body?: unknown; userId?: string; token?: string },
) {
	const authorization = token ?? (userId ? await signBazaarToken({ sub: userId }) : undefined)
	const request = new Request(`${BASE}/${id}/${handler === useAction ? 'use' : 'favorite'}`, {
		method,
		headers: { ...(authorization ? { Authorization: `Bearer ${authorization}` } : {}), 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	})
	const response = (await Promise.resolve(handler({ request, params: { id }, context: {} } as unknown as ActionFunctionArgs)).catch(
		(thrown: unknown) => thrown,
	)) as Response
	return { status: response.status, headers: response.headers, json: await response.json() }
}

describe('POST /api/v1/templates/:id/use', () => {
	test('use with a token creates a project and lists the created scene ids', async () => {
		const result = await call(useAction, startupId, { body: { mode: 'use' }, userId: 'demo-kai' })
		expect(result.status).toBe(201)
		expect(result.json).toMatchObject({ mode: 'use', createdProject: true, projectTitle: expect.stringMatching(/^Startup Launch Intro/), sceneCount: 3 })
		expect(result.json.editorUrl).toBe(`http://localhost:3001/projects/${result.json.projectId}/generate`)
		const rows = await db.select().from(scenes).where(eq(scenes.projectId, result.json.projectId))
		expect(rows.map((row) => row.id).sort()).toEqual([...result.json.sceneIds].sort())
		const [event] = await db.select().from(communityEvents).where(eq(communityEvents.projectId, result.json.projectId))
		expect(event).toMatchObject({ eventType: 'use', source: 'in_app_panel', sceneCount: 3, userId: 'demo-kai' })
	})

	test('mix into the caller\'s project appends the chosen scenes; the slug works as the id', async () => {
		const created = await call(useAction, startupId, { body: {}, userId: 'demo-leo' })
		const mixed = await call(useAction, 'startup-launch-intro', { body: { mode: 'mix', projectId: created.json.projectId, sceneIndexes: [1] }, userId: 'demo-leo' })
		expect(mixed.status).toBe(200)
		expect(mixed.json).toMatchObject({ projectId: created.json.projectId, createdProject: false, sceneCount: 1 })
		const rows = await db.select().from(scenes).where(eq(scenes.projectId, created.json.projectId))
		expect(rows.find((row) => row.id === mixed.json.sceneIds[0])?.order).toBe(3)
	})

	test('403 for another user\'s project, 400 for bad input, 404 for disabled, 401 without a token', async () => {
		const owned = await call(useAction, startupId, { body: {}, userId: 'demo-maya' })
		expect((await call(useAction, startupId, { body: { projectId: owned.json.projectId }, userId: 'demo-sofia' })).status).toBe(403)
		for (const body of [
			{ mode: 'mix', sceneIndexes: [0, 9] },
			{ mode: 'mix', sceneIndexes: [-1] },
			{ mode: 'mix', sceneIndexes: [0, 0] },
			{ mode: 'mix' },
			{ mode: 'use', sceneIndexes: [0] },
			{ mode: 'copy' },
			{ projectId: 'not-a-uuid' },
			{ extra: true },
			'{not json',
			[1, 2],
		]) {
			const result = await call(useAction, startupId, { body, userId: 'demo-maya' })
			expect(result.status, JSON.stringify(body)).toBe(400)
			expect(result.json.error.code).toBe('bad_request')
		}
		expect((await call(useAction, demoTemplateId({ slug: 'retro-vhs-title' }), { body: {}, userId: 'demo-maya' })).status).toBe(404)
		expect((await call(useAction, startupId, { body: {} })).status).toBe(401)
		expect((await call(useAction, startupId, { body: {}, token: 'garbage' })).status).toBe(401)
	})

	test('429 with Retry-After when a user uses too fast', async () => {
		for (let i = 0; i < USE_RATE_LIMIT.points; i++) await consumeRateLimit(USE_RATE_LIMIT, 'demo-admin')
		const result = await call(useAction, startupId, { body: {}, userId: 'demo-admin' })
		expect(result.status).toBe(429)
		expect(Number(result.headers.get('Retry-After'))).toBeGreaterThan(0)
	})
})

describe('PUT/DELETE /api/v1/templates/:id/favorite', () => {
	test('idempotent both ways', async () => {
		const templateId = demoTemplateId({ slug: 'team-intro-unlisted-7fQk2LmZx9' })
		await call(favoriteAction, templateId, { method: 'DELETE', userId: 'demo-sofia' })
		const first = await call(favoriteAction, templateId, { method: 'PUT', userId: 'demo-sofia' })
		const second = await call(favoriteAction, templateId, { method: 'PUT', userId: 'demo-sofia' })
		expect(first.json).toMatchObject({ favorited: true })
		expect(second.json).toEqual(first.json)
		const removed = await call(favoriteAction, templateId, { method: 'DELETE', userId: 'demo-sofia' })
		const again = await call(favoriteAction, templateId, { method: 'DELETE', userId: 'demo-sofia' })
		expect(removed.json).toMatchObject({ favorited: false, favoritesCount: first.json.favoritesCount - 1 })
		expect(again.json).toEqual(removed.json)
	})

	test('401 without a token, 404 for a disabled template, 405 for POST, 429 when too fast', async () => {
		expect((await call(favoriteAction, startupId, { method: 'PUT' })).status).toBe(401)
		expect((await call(favoriteAction, demoTemplateId({ slug: 'retro-vhs-title' }), { method: 'PUT', userId: 'demo-kai' })).status).toBe(404)
		expect((await call(favoriteAction, startupId, { method: 'POST', userId: 'demo-kai' })).status).toBe(405)
		for (let i = 0; i < FAVORITE_RATE_LIMIT.points; i++) await consumeRateLimit(FAVORITE_RATE_LIMIT, 'demo-leo')
		const limited = await call(favoriteAction, startupId, { method: 'PUT', userId: 'demo-leo' })
		expect(limited.status).toBe(429)
		expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/)
	})
})
