import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { communityEvents, communityFavorites, communityTemplates, users } from '#app/db/schema.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import {
	favoriteTemplate,
	isFavorite,
	listFavoriteTemplates,
	TemplateNotFoundError,
	unfavoriteTemplate,
} from './favorite.server.ts'
import { findActiveTemplateId } from './template.server.ts'

const { db } = useTestDatabase({ seed: true })

const logoId = demoTemplateId({ slug: 'logo-animation' })
const unlistedId = demoTemplateId({ slug: 'team-intro-unlisted-7fQk2LmZx9' })
const disabledId = demoTemplateId({ slug: 'retro-vhs-title' })

let userCounter = 0
async function newUser() {
	const id = `fav-user-${++userCounter}`
	await db.insert(users).values({ id, name: `Fan ${userCounter}`, email: `${id}@example.test` })
	return id
}

async function favoritesCount(templateId: string) {
	const [row] = await db.select({ n: communityTemplates.favoritesCount }).from(communityTemplates).where(eq(communityTemplates.id, templateId))
	return row!.n
}

async function eventsOf(userId: string, type: 'favorite' | 'unfavorite') {
	return db
		.select()
		.from(communityEvents)
		.where(and(eq(communityEvents.userId, userId), eq(communityEvents.eventType, type)))
}

describe('favoriteTemplate / unfavoriteTemplate', () => {
	test('favorite adds one row, +1 on the count and one event; twice changes nothing more', async () => {
		const userId = await newUser()
		const before = await favoritesCount(logoId)
		const first = await favoriteTemplate(userId, logoId, { source: 'in_app_panel' })
		expect(first).toMatchObject({ favorited: true, changed: true, favoritesCount: before + 1 })
		const second = await favoriteTemplate(userId, logoId)
		expect(second).toMatchObject({ favorited: true, changed: false, favoritesCount: before + 1 })
		expect(await favoritesCount(logoId)).toBe(before + 1)
		expect(await isFavorite(userId, logoId)).toBe(true)
		const events = await eventsOf(userId, 'favorite')
		expect(events).toHaveLength(1)
		expect(events[0]).toMatchObject({ templateId: logoId, source: 'in_app_panel' })
	})

	test('unfavorite removes the row, −1 and one event; twice changes nothing more', async () => {
		const userId = await newUser()
		await favoriteTemplate(userId, logoId)
		const before = await favoritesCount(logoId)
		expect(await unfavoriteTemplate(userId, logoId)).toMatchObject({ favorited: false, changed: true, favoritesCount: before - 1 })
		expect(await unfavoriteTemplate(userId, logoId)).toMatchObject({ favorited: false, changed: false, favoritesCount: before - 1 })
		expect(await isFavorite(userId, logoId)).toBe(false)
		expect(await eventsOf(userId, 'unfavorite')).toHaveLength(1)
	})

	test('the count never goes below zero, even when the cache was already wrong', async () => {
		const userId = await newUser()
		await favoriteTemplate(userId, unlistedId)
		await db.update(communityTemplates).set({ favoritesCount: 0 }).where(eq(communityTemplates.id, unlistedId))
		expect(await unfavoriteTemplate(userId, unlistedId)).toMatchObject({ changed: true, favoritesCount: 0 })
	})

	test('50 concurrent favorites by one user leave one row and a count of 1 more', async () => {
		const userId = await newUser()
		const before = await favoritesCount(logoId)
		const results = await Promise.all(Array.from({ length: 50 }, () => favoriteTemplate(userId, logoId)))
		expect(results.filter((result) => result.changed)).toHaveLength(1)
		const rows = await db
			.select()
			.from(communityFavorites)
			.where(and(eq(communityFavorites.userId, userId), eq(communityFavorites.templateId, logoId)))
		expect(rows).toHaveLength(1)
		expect(await favoritesCount(logoId)).toBe(before + 1)
		expect(await eventsOf(userId, 'favorite')).toHaveLength(1)

		const removals = await Promise.all(Array.from({ length: 50 }, () => unfavoriteTemplate(userId, logoId)))
		expect(removals.filter((result) => result.changed)).toHaveLength(1)
		expect(await favoritesCount(logoId)).toBe(before)
	})

	test('unlisted templates can be favorited, disabled ones cannot', async () => {
		const userId = await newUser()
		await expect(favoriteTemplate(userId, unlistedId)).resolves.toMatchObject({ changed: true })
		await expect(favoriteTemplate(userId, disabledId)).rejects.toBeInstanceOf(TemplateNotFoundError)
		await expect(favoriteTemplate(userId, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(TemplateNotFoundError)
	})

	test('a failure inside the transaction leaves neither the row nor the count', async () => {
		const before = await favoritesCount(logoId)
		// No such user: the row's foreign key fails, so the count must not move either.
		await expect(favoriteTemplate('nobody-at-all', logoId)).rejects.toThrow()
		expect(await favoritesCount(logoId)).toBe(before)
	})
})

describe('findActiveTemplateId', () => {
	test('finds by id or slug, public or unlisted, never disabled', async () => {
		expect(await findActiveTemplateId('logo-animation')).toBe(logoId)
		expect(await findActiveTemplateId(logoId)).toBe(logoId)
		expect(await findActiveTemplateId('team-intro-unlisted-7fQk2LmZx9')).toBe(unlistedId)
		expect(await findActiveTemplateId('retro-vhs-title')).toBeNull()
		expect(await findActiveTemplateId(disabledId)).toBeNull()
		expect(await findActiveTemplateId('no-such-template')).toBeNull()
	})
})

describe('listFavoriteTemplates', () => {
	test('newest first, as cards, without disabled templates', async () => {
		const userId = await newUser()
		await favoriteTemplate(userId, logoId)
		// The first favorite made a minute older: an order to show without waiting for the clock to move.
		await db
			.update(communityFavorites)
			.set({ createdAt: sql`${communityFavorites.createdAt} - interval '1 minute'` })
			.where(and(eq(communityFavorites.userId, userId), eq(communityFavorites.templateId, logoId)))
		await favoriteTemplate(userId, unlistedId)
		// A favorite from before the template was disabled stays in the table but not in the list.
		await db.insert(communityFavorites).values({ userId, templateId: disabledId })
		const list = await listFavoriteTemplates(userId)
		expect(list.map((card) => card.id)).toEqual([unlistedId, logoId])
		expect(list[1]).toMatchObject({ slug: 'logo-animation', title: 'Logo Animation', creatorName: 'Maya Chen', sceneCount: 1 })
	})
})
