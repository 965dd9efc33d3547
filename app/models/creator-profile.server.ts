/**
 * Creator profiles: the handle, bio and links of `/me/profile`, the public
 * profile of `/creators/:handle` and its rollups, and the handles derived from
 * names for creators who have not chosen one. Rules without the database are
 * in `creator-profile.ts`.
 */
import { and, eq, inArray, isNull, like, or, sql } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { communityCreatorProfiles, communityTemplates, users } from '#app/db/schema.ts'
import { type CreatorProfileInput, firstFreeHandle, handleBaseFromName, isHttpsLink } from './creator-profile.ts'
import type { CreatorSort } from './creator-profile-limits.ts'
import { isListedTemplate, listTemplatesByOwner } from './template.server.ts'
import { isUniqueViolation } from './template-slug.server.ts'
import { invalidatePageCache } from '#app/utils/page-cache.server.ts'

const profiles = communityCreatorProfiles
const HANDLE_INDEX = 'community_creator_profiles_handle_idx'

export interface CreatorProfile {
	userId: string
	handle: string
	handleChosen: boolean
	name: string | null
	image: string | null
	bio: string
	links: string[]
}

/** Handles already in use that start like `base` (base itself and base-N). */
async function handlesLike(base: string, database: Database) {
	const rows = await database
		.select({ handle: profiles.handle })
		.from(profiles)
		.where(or(eq(sql`lower(${profiles.handle})`, base), like(sql`lower(${profiles.handle})`, `${base}-%`)))
	return new Set(rows.map((row) => row.handle.toLowerCase()))
}

/** The handle a user would get from their name now (nothing saved). */
export async function suggestHandle(name: string | null, database: Database = db) {
	const base = handleBaseFromName(name)
	return firstFreeHandle(base, await handlesLike(base, database))
}

/**
 * Gives every creator who has a listed (public, active) template and no profile
 * yet a handle derived from their name. Idempotent and safe to race: a handle
 * taken between our read and our insert is picked again; a row another
 * process made for the same user is kept. `userIds` narrows it to some users.
 * Returns how many profiles it made.
 */
export async function ensureCreatorHandles({ userIds }: { userIds?: string[] } = {}, database: Database = db) {
	if (userIds && userIds.length === 0) return 0
	const missing = await database
		.selectDistinct({ id: users.id, name: users.name })
		.from(communityTemplates)
		.innerJoin(users, eq(users.id, communityTemplates.ownerUserId))
		.leftJoin(profiles, eq(profiles.userId, users.id))
		.where(and(isListedTemplate, isNull(profiles.userId), userIds ? inArray(users.id, userIds) : undefined))
	let made = 0
	for (const user of missing) {
		const base = handleBaseFromName(user.name)
		for (let attempt = 0; attempt < 5; attempt++) {
			const handle = firstFreeHandle(base, await handlesLike(base, database))
			const inserted = await database
				.insert(profiles)
				.values({ userId: user.id, handle, handleChosen: false })
				.onConflictDoNothing()
				.returning({ userId: profiles.userId })
			if (inserted.length > 0) {
				made++
				break
			}
			const [existing] = await database.select({ userId: profiles.userId }).from(profiles).where(eq(profiles.userId, user.id))
			if (existing) break
		}
	}
	return made
}

const profileColumns = {
	userId: users.id,
	handle: profiles.handle,
	handleChosen: profiles.handleChosen,
	name: users.name,
	image: users.image,
	bio: profiles.bio,
	links: profiles.links,
}

function toProfile(row: { userId: string; handle: string; handleChosen: boolean; name: string | null; image: string | null; bio: string | null; links: string[] | null }): CreatorProfile {
	// Saving accepts https links only; reading checks again, so a row written any other way never yields a script link.
	return { ...row, bio: row.bio ?? '', links: (Array.isArray(row.links) ? row.links : []).filter(isHttpsLink) }
}

/** The profile behind a handle (any case), or null. */
export async function findCreatorByHandle(handle: string, database: Database = db): Promise<CreatorProfile | null> {
	if (handle.length === 0 || handle.length > 255 || handle.includes('\u0000')) return null
	const [row] = await database
		.select(profileColumns)
		.from(profiles)
		.innerJoin(users, eq(users.id, profiles.userId))
		.where(eq(sql`lower(${profiles.handle})`, handle.toLowerCase()))
		.limit(1)
	return row ? toProfile(row) : null
}

/** A user's own profile for the edit form: the saved one, or the derived handle they would get (not saved). */
export async function getProfileForEditing(userId: string, database: Database = db): Promise<CreatorProfile | null> {
	const [row] = await database.select(profileColumns).from(users).leftJoin(profiles, eq(profiles.userId, users.id)).where(eq(users.id, userId))
	if (!row) return null
	if (row.handle !== null) return toProfile({ ...row, handle: row.handle, handleChosen: row.handleChosen ?? false })
	return { userId, handle: await suggestHandle(row.name, database), handleChosen: false, name: row.name, image: row.image, bio: '', links: [] }
}

export type SaveProfileResult = { ok: true; handle: string } | { ok: false; reason: 'handle_taken' }

/** Saves the user's handle (now chosen), bio and links. A handle someone else holds, in any case, is refused. */
export async function saveCreatorProfile(userId: string, input: CreatorProfileInput, database: Database = db): Promise<SaveProfileResult> {
	const values = { handle: input.handle, handleChosen: true, bio: input.bio || null, links: input.links }
	try {
		await database
			.insert(profiles)
			.values({ userId, ...values })
			.onConflictDoUpdate({ target: profiles.userId, set: { ...values, updatedAt: sql`now()` } })
	} catch (error) {
		if (isUniqueViolation(error, HANDLE_INDEX)) return { ok: false, reason: 'handle_taken' }
		throw error
	}
	// Cards and template pages link the creator by handle; the profile page shows the bio and links.
	await invalidatePageCache()
	return { ok: true, handle: input.handle }
}

/** The creator's listed templates summed up: how many, their uses and favorites. */
export async function creatorTotals(userId: string, database: Database = db) {
	const [row] = await database
		.select({
			templates: sql<number>`count(*)::int`,
			uses: sql<number>`coalesce(sum(${communityTemplates.usesCount}), 0)::bigint`,
			favorites: sql<number>`coalesce(sum(${communityTemplates.favoritesCount}), 0)::bigint`,
		})
		.from(communityTemplates)
		.where(and(isListedTemplate, eq(communityTemplates.ownerUserId, userId)))
	return { templates: Number(row?.templates ?? 0), uses: Number(row?.uses ?? 0), favorites: Number(row?.favorites ?? 0) }
}

/** Every creator with at least one listed template, with the last change among them, for the sitemap. */
export async function listCreatorSitemapEntries(database: Database = db) {
	const rows = await database
		.select({ handle: profiles.handle, updatedAt: sql<Date>`greatest(max(${communityTemplates.updatedAt}), max(${profiles.updatedAt}))`.mapWith(communityTemplates.updatedAt) })
		.from(profiles)
		.innerJoin(communityTemplates, eq(communityTemplates.ownerUserId, profiles.userId))
		.where(isListedTemplate)
		.groupBy(profiles.handle)
		.orderBy(profiles.handle)
	return rows.map((row) => ({ handle: row.handle, lastModified: new Date(row.updatedAt).toISOString() }))
}

/** A profile shows this many templates; its totals count them all. */
export const CREATOR_TEMPLATE_LIMIT = 60

/** Everything a public profile shows (the page and the API): the creator, their listed templates, the totals. Null for an unknown handle. */
export async function getCreatorPage(handle: string, { sort = 'popular' }: { sort?: CreatorSort } = {}, database: Database = db) {
	const creator = await findCreatorByHandle(handle, database)
	if (!creator) return null
	const [templates, totals] = await Promise.all([
		listTemplatesByOwner(creator.userId, { sort, limit: CREATOR_TEMPLATE_LIMIT }, database),
		creatorTotals(creator.userId, database),
	])
	return { creator, templates, totals }
}
