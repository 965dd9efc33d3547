// The widget imports nothing from app/ (it ships alone), so it copies a few
// lists and declares the API's answers as its own types. These checks keep the
// copies equal to the app's, and run the widget's own API client
// (widget/src/api.ts) against the real server on a seeded database: what the
// widget reads from each answer is what the API sends.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { CATEGORIES as APP_CATEGORIES, FORMATS as APP_FORMATS } from '#app/vocabulary.ts'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { createProject, createUser } from '#tests/fixtures/community-factories.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { ApiError, BazaarApi, parseRetryAfter, readUseResult } from '../widget/src/api.ts'
import { CATEGORIES, type EventSource, type EventType, FORMATS, SORTS } from '../widget/src/types.ts'

useTestDatabase({ seed: true })
const app = useAppRequestHandler()

const WIDGET_EVENT_TYPES: EventType[] = ['view', 'click', 'favorite', 'unfavorite', 'use', 'mix', 'prompt']
const WIDGET_EVENT_SOURCES: EventSource[] = ['community_site', 'in_app_panel', 'direct']

let anonymous: BazaarApi
let signedIn: BazaarApi
let userId: string
beforeAll(async () => {
	userId = (await createUser()).id
	anonymous = new BazaarApi(app.origin, null)
	signedIn = new BazaarApi(app.origin, await signBazaarToken({ sub: userId }))
})

describe('the widget speaks the app’s vocabulary', () => {
	test('categories: same slugs and labels, same order', () => {
		expect(CATEGORIES).toEqual(APP_CATEGORIES.map(({ slug, label }) => ({ slug, label })))
	})
	test('formats', () => {
		expect([...FORMATS]).toEqual([...APP_FORMATS])
	})
	test('the API accepts every event type and source the widget sends, and refuses others', async () => {
		const { items } = await anonymous.listTemplates({ limit: 1 })
		const templateId = items[0]!.id
		const events = WIDGET_EVENT_TYPES.flatMap((type) => WIDGET_EVENT_SOURCES.map((source) => ({ id: randomUUID(), templateId, type, source })))
		const send = (body: unknown) =>
			app.fetch('/api/v1/events', { method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/5.0 Chrome/126.0' }, body: JSON.stringify(body) })
		const answer = (await (await send({ events: events.slice(0, 50) })).json()) as { rejected: unknown[] }
		expect(answer.rejected).toEqual([])
		const refused = (await (await send({ events: [{ id: randomUUID(), templateId, type: 'share', source: 'in_app_panel' }] })).json()) as {
			error?: { issues?: unknown[] }
			rejected?: Array<{ index: number }>
		}
		expect(refused.rejected ?? refused.error?.issues).toHaveLength(1)
	})
})

describe('the widget’s API client against the real API', () => {
	test('a page of templates: every field the cards read, and the cursor to the next page', async () => {
		const first = await anonymous.listTemplates({ limit: 4 })
		expect(first.items).toHaveLength(4)
		const categorySlugs = CATEGORIES.map(({ slug }) => slug)
		for (const item of first.items) {
			expect(item.id).toMatch(/^[0-9a-f-]{36}$/)
			expect(typeof item.slug).toBe('string')
			expect(typeof item.title).toBe('string')
			expect(item.category === null || categorySlugs.includes(item.category)).toBe(true)
			expect(item.formats.length).toBeGreaterThan(0)
			for (const format of item.formats) expect(FORMATS).toContain(format)
			expect(item.thumbnailUrl === null || typeof item.thumbnailUrl === 'string').toBe(true)
			expect(item.creatorName === null || typeof item.creatorName === 'string').toBe(true)
			expect(Number.isInteger(item.sceneCount) && item.sceneCount > 0).toBe(true)
		}
		expect(typeof first.nextCursor).toBe('string')
		const second = await anonymous.listTemplates({ limit: 4, cursor: first.nextCursor })
		expect(second.items.length).toBeGreaterThan(0)
		expect(second.items.map(({ id }) => id).filter((id) => first.items.some((item) => item.id === id))).toEqual([])
	})

	test('every sort and category the widget offers is understood by the API', async () => {
		for (const { value } of SORTS) expect((await anonymous.listTemplates({ sort: value, limit: 1 })).items).toHaveLength(1)
		const data = await anonymous.listTemplates({ category: 'data', limit: 50 })
		expect(data.items.length).toBeGreaterThan(0)
		expect(new Set(data.items.map(({ category }) => category))).toEqual(new Set(['data']))
	})

	test('a template with its scenes, as the preview dialog reads it', async () => {
		const [summary] = (await anonymous.listTemplates({ limit: 1 })).items
		const detail = await anonymous.getTemplate(summary!.slug)
		expect(detail.id).toBe(summary!.id)
		expect(detail.scenes).toHaveLength(detail.sceneCount)
		for (const [position, scene] of detail.scenes.entries()) {
			expect(scene.index).toBe(position)
			expect(typeof scene.tsxCode).toBe('string')
			expect(scene.duration).toBeGreaterThan(0)
			expect(Number.isInteger(scene.previewFrame)).toBe(true)
		}
	})

	test('favorite and unfavorite with a token succeed; without one the widget gets the 401 it asks to sign in on', async () => {
		const [summary] = (await signedIn.listTemplates({ limit: 1 })).items
		await expect(signedIn.setFavorite(summary!.id, true)).resolves.toMatchObject({ templateId: summary!.id, favorited: true })
		await expect(signedIn.setFavorite(summary!.id, false)).resolves.toMatchObject({ templateId: summary!.id, favorited: false })
		await expect(anonymous.setFavorite(summary!.id, true)).rejects.toMatchObject({ status: 401, code: 'unauthorized' })
	})

	test('use: readUseResult finds the project and the new scene ids in the real answer', async () => {
		const { project } = await createProject(userId)
		const [summary] = (await anonymous.listTemplates({ limit: 1 })).items
		const result = await signedIn.useTemplate(summary!.id, { mode: 'use', projectId: project.id, source: 'in_app_panel' })
		expect(result.projectId).toBe(project.id)
		expect(result.sceneIds).toHaveLength(summary!.sceneCount)
		for (const id of result.sceneIds) expect(id).toMatch(/^[0-9a-f-]{36}$/)
	})

	test('errors: the widget reads the status and the code of the error body', async () => {
		const missing = await anonymous.getTemplate('no-such-template').catch((error: unknown) => error)
		expect(missing).toBeInstanceOf(ApiError)
		expect(missing).toMatchObject({ status: 404, code: 'not_found' })
		const invalid = await anonymous.listTemplates({ sort: 'loudest' as never }).catch((error: unknown) => error)
		expect(invalid).toMatchObject({ status: 400, code: 'bad_request' })
	})
})

describe('readUseResult', () => {
	test('reads the created project and scene ids from the shapes the API may answer with', () => {
		expect(readUseResult({ projectId: 'p', sceneIds: ['a', 'b'] })).toEqual({ projectId: 'p', sceneIds: ['a', 'b'] })
		expect(readUseResult({ project: { id: 'p' }, scenes: [{ id: 'a' }, { id: 'b' }] })).toEqual({ projectId: 'p', sceneIds: ['a', 'b'] })
		expect(readUseResult({ projectId: 'p', createdSceneIds: ['a'] })).toEqual({ projectId: 'p', sceneIds: ['a'] })
		expect(readUseResult(null)).toEqual({ projectId: null, sceneIds: [] })
	})
})

describe('parseRetryAfter', () => {
	test('seconds or an HTTP date, rounded up; nothing for garbage', () => {
		expect(parseRetryAfter('12')).toBe(12)
		expect(parseRetryAfter('0.2')).toBe(1)
		expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThanOrEqual(29)
		expect(parseRetryAfter('soon')).toBeUndefined()
		expect(parseRetryAfter(null)).toBeUndefined()
	})
})
