import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { communityEvents, communityMetricsDaily, communityTemplateScenes, communityTemplates } from '#app/db/schema.ts'
import { createTemplate, createUser, VALID_SCENE_TSX } from '#tests/fixtures/community-factories.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import {
	addDays,
	dailyEventCounts,
	funnelFor,
	getOwnedTemplate,
	listCreatorTemplates,
	updateTemplateMetadata,
	utcDay,
} from './creator-dashboard.server.ts'
import { TemplateMetadataSchema } from './template-metadata.ts'

const { db } = useTestDatabase()

const metadata = (overrides: Record<string, unknown> = {}) =>
	TemplateMetadataSchema.parse({ title: 'Shiny Intro', description: 'd', category: 'intros', tags: 'A, b', formats: ['landscape'], visibility: 'public', ...overrides })

describe('creator dashboard', () => {
	test('lists and returns only the owner’s templates', async () => {
		const [owner, stranger] = [await createUser(), await createUser()]
		const mine = await createTemplate(owner.id, { status: 'disabled', visibility: 'unlisted' })
		expect((await listCreatorTemplates(owner.id)).map((t) => [t.id, t.status, t.visibility])).toEqual([[mine.id, 'disabled', 'unlisted']])
		expect(await listCreatorTemplates(stranger.id)).toEqual([])
		expect(await getOwnedTemplate(stranger.id, mine.id)).toBeNull()
		expect(await updateTemplateMetadata(stranger.id, mine.id, metadata())).toBeNull()
		const [unchanged] = await db.select().from(communityTemplates).where(eq(communityTemplates.id, mine.id))
		expect(unchanged!.title).toBe(mine.title)
	})

	test('counts each template’s own scenes', async () => {
		const owner = await createUser()
		const single = await createTemplate(owner.id)
		const triple = await createTemplate(owner.id)
		await db.insert(communityTemplateScenes).values(
			[1, 2].map((sceneIndex) => ({ templateId: triple.id, sceneIndex, title: `Scene ${sceneIndex + 1}`, tsxCode: VALID_SCENE_TSX, duration: 60 })),
		)
		const counts = Object.fromEntries((await listCreatorTemplates(owner.id)).map((t) => [t.id, t.sceneCount]))
		expect(counts).toEqual({ [single.id]: 1, [triple.id]: 3 })
	})

	test('editing saves normalized metadata; visibility switches change the slug', async () => {
		const owner = await createUser()
		const template = await createTemplate(owner.id, { slug: 'old-public-slug' })
		const same = await updateTemplateMetadata(owner.id, template.id, metadata({ title: 'Renamed' }))
		expect(same).toMatchObject({ slug: 'old-public-slug', title: 'Renamed', tags: ['a', 'b'], supportedFormats: ['landscape'] })

		const unlisted = await updateTemplateMetadata(owner.id, template.id, metadata({ title: 'Secret Plan', visibility: 'unlisted' }))
		expect(unlisted!.slug).toMatch(/^secret-plan-[0-9A-Za-z]{12}$/)

		await createTemplate(owner.id, { slug: 'secret-plan' })
		const madePublic = await updateTemplateMetadata(owner.id, template.id, metadata({ title: 'Secret Plan', visibility: 'public' }))
		expect(madePublic!.slug).toBe('secret-plan-2')
		expect(madePublic!.visibility).toBe('public')
	})

	test('daily counts: aggregated days from metrics_daily, later days and today live from events', async () => {
		const owner = await createUser()
		const template = await createTemplate(owner.id)
		const other = await createTemplate(owner.id)
		// Noon of today (UTC), so the test means the same thing when it runs near midnight.
		const now = new Date(`${utcDay(new Date())}T12:00:00Z`)
		const today = utcDay(now)
		const twoDaysAgo = addDays(today, -2)
		const yesterday = addDays(today, -1)
		// The job has aggregated up to two days ago; yesterday and today are not aggregated yet.
		await db.insert(communityMetricsDaily).values([
			{ templateId: template.id, day: twoDaysAgo, eventType: 'view', count: 40 },
			{ templateId: template.id, day: twoDaysAgo, eventType: 'use', count: 3 },
		])
		const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`)
		await db.insert(communityEvents).values([
			// Already aggregated (must not count twice):
			{ templateId: template.id, eventType: 'view', createdAt: at(twoDaysAgo, 10) },
			{ templateId: template.id, eventType: 'view', createdAt: at(yesterday, 1) },
			{ templateId: template.id, eventType: 'click', createdAt: at(yesterday, 2) },
			{ templateId: template.id, eventType: 'view', createdAt: new Date(now.getTime() - 1000) },
			{ templateId: template.id, eventType: 'favorite', createdAt: new Date(now.getTime() - 1000) },
			{ templateId: other.id, eventType: 'view', createdAt: new Date(now.getTime() - 1000) },
		])
		const days = await dailyEventCounts({ templateIds: [template.id], from: addDays(today, -29), to: today, now })
		expect(days).toHaveLength(30)
		expect(days.at(-1)!.day).toBe(today)
		const byDay = Object.fromEntries(days.map((day) => [day.day, day]))
		expect(byDay[twoDaysAgo]).toMatchObject({ view: 40, use: 3 })
		expect(byDay[yesterday]).toMatchObject({ view: 1, click: 1 })
		expect(byDay[today]).toMatchObject({ view: 1, favorite: 1 })

		expect(await funnelFor([template.id], 7, now)).toMatchObject({ view: 42, click: 1, favorite: 1, use: 3, mix: 0, prompt: 0 })
		expect(await funnelFor([template.id, other.id], 7, now)).toMatchObject({ view: 43 })
	})
})
