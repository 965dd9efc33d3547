/**
 * Favorites. One row per (user, template); the template's `favorites_count`
 * is a cache that moves by exactly one when a row is really added or removed
 * (never below zero), in the same transaction as the row and its event.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { communityFavorites, communityTemplates, users } from '#app/db/schema.ts'
import type { EventSource } from '#app/vocabulary.ts'
import { isCrawler, type RequestContext, recordEvents } from '#app/models/event.server.ts'
import { type TemplateSummary, templateSummaryColumns, toTemplateSummary } from '#app/models/template.server.ts'
import type { RateLimitRule } from '#app/utils/rate-limit.server.ts'

/** Per user: generous for people, a wall for scripts. */
export const FAVORITE_RATE_LIMIT: RateLimitRule = { name: 'favorite', points: 60, durationSeconds: 60 }

/**
 * The event context for something a signed-in user really did. recordEvents
 * drops crawler traffic, which is right for views but not here: the row and the
 * counter changed, so the event must be stored (without a bot-like user agent).
 */
export function signedInActionContext(context: RequestContext = {}, userId: string): RequestContext {
	return { ...context, userId, userAgent: isCrawler(context.userAgent) ? null : context.userAgent }
}

export class TemplateNotFoundError extends Error {
	override name = 'TemplateNotFoundError'
	constructor(what: string) {
		super(`No template ${what}`)
	}
}

export interface FavoriteResult {
	templateId: string
	favorited: boolean
	/** False when the request changed nothing (already favorited / not favorited). */
	changed: boolean
	favoritesCount: number
}

interface FavoriteOptions {
	source?: EventSource
	context?: RequestContext
}

async function findTemplateForFavorite(templateId: string, database: Database, { activeOnly }: { activeOnly: boolean }) {
	const [template] = await database
		.select({ id: communityTemplates.id, status: communityTemplates.status })
		.from(communityTemplates)
		.where(eq(communityTemplates.id, templateId))
		.limit(1)
	if (!template || (activeOnly && template.status !== 'active')) throw new TemplateNotFoundError(templateId)
	return template
}

async function currentCount(templateId: string, database: Database) {
	const [row] = await database
		.select({ favoritesCount: communityTemplates.favoritesCount })
		.from(communityTemplates)
		.where(eq(communityTemplates.id, templateId))
	return row?.favoritesCount ?? 0
}

/** Favorites a template (active, public or unlisted). Idempotent: a second call changes nothing. */
export async function favoriteTemplate(
	userId: string,
	templateId: string,
	{ source = 'community_site', context = {} }: FavoriteOptions = {},
	database: Database = db,
): Promise<FavoriteResult> {
	return database.transaction(async (tx) => {
		await findTemplateForFavorite(templateId, tx, { activeOnly: true })
		const inserted = await tx
			.insert(communityFavorites)
			.values({ userId, templateId })
			.onConflictDoNothing()
			.returning({ userId: communityFavorites.userId })
		if (inserted.length === 0) return { templateId, favorited: true, changed: false, favoritesCount: await currentCount(templateId, tx) }
		const [updated] = await tx
			.update(communityTemplates)
			.set({ favoritesCount: sql`${communityTemplates.favoritesCount} + 1` })
			.where(eq(communityTemplates.id, templateId))
			.returning({ favoritesCount: communityTemplates.favoritesCount })
		await recordEvents([{ templateId, type: 'favorite', source, userId }], signedInActionContext(context, userId), tx)
		return { templateId, favorited: true, changed: true, favoritesCount: updated?.favoritesCount ?? 0 }
	})
}

/** Removes a favorite. Idempotent. Works on a disabled template too (people may tidy their list). */
export async function unfavoriteTemplate(
	userId: string,
	templateId: string,
	{ source = 'community_site', context = {} }: FavoriteOptions = {},
	database: Database = db,
): Promise<FavoriteResult> {
	return database.transaction(async (tx) => {
		await findTemplateForFavorite(templateId, tx, { activeOnly: false })
		const deleted = await tx
			.delete(communityFavorites)
			.where(and(eq(communityFavorites.userId, userId), eq(communityFavorites.templateId, templateId)))
			.returning({ userId: communityFavorites.userId })
		if (deleted.length === 0) return { templateId, favorited: false, changed: false, favoritesCount: await currentCount(templateId, tx) }
		const [updated] = await tx
			.update(communityTemplates)
			.set({ favoritesCount: sql`greatest(${communityTemplates.favoritesCount} - 1, 0)` })
			.where(eq(communityTemplates.id, templateId))
			.returning({ favoritesCount: communityTemplates.favoritesCount })
		await recordEvents([{ templateId, type: 'unfavorite', source, userId }], signedInActionContext(context, userId), tx)
		return { templateId, favorited: false, changed: true, favoritesCount: updated?.favoritesCount ?? 0 }
	})
}

/**
 * Completes the favorite an anonymous visitor asked for before signing in.
 * The template may have been disabled in the meantime: then there is nothing
 * to do, and signing in still succeeds.
 */
export async function completePendingFavorite(userId: string, templateId: string, context: RequestContext = {}) {
	try {
		await favoriteTemplate(userId, templateId, { source: 'community_site', context })
	} catch (error) {
		if (!(error instanceof TemplateNotFoundError)) throw error
	}
}

export async function isFavorite(userId: string, templateId: string, database: Database = db) {
	const rows = await database
		.select({ userId: communityFavorites.userId })
		.from(communityFavorites)
		.where(and(eq(communityFavorites.userId, userId), eq(communityFavorites.templateId, templateId)))
		.limit(1)
	return rows.length > 0
}

export type FavoriteCard = TemplateSummary & { favoritedAt: string }

/** The user's favorites, newest first, as gallery cards. Disabled templates drop out; unlisted ones stay (the user has the link). */
export async function listFavoriteTemplates(
	userId: string,
	{ limit = 48, offset = 0 } = {},
	database: Database = db,
): Promise<FavoriteCard[]> {
	const rows = await database
		.select({ ...templateSummaryColumns, favoritedAt: communityFavorites.createdAt })
		.from(communityFavorites)
		.innerJoin(communityTemplates, eq(communityTemplates.id, communityFavorites.templateId))
		.leftJoin(users, eq(users.id, communityTemplates.ownerUserId))
		.where(and(eq(communityFavorites.userId, userId), eq(communityTemplates.status, 'active')))
		.orderBy(desc(communityFavorites.createdAt), desc(communityTemplates.id))
		.limit(limit)
		.offset(offset)
	return rows.map((row) => ({ ...toTemplateSummary(row), favoritedAt: row.favoritedAt.toISOString() }))
}
