/**
 * Template slugs. Public: clean and readable from the title (`my-intro`,
 * `my-intro-2`…). Unlisted: the readable part plus at least 10 random base62
 * characters, so the link cannot be guessed or enumerated.
 */
import { like, or, eq } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { communityTemplates } from '#app/db/schema.ts'
import { randomBase62 } from '#app/utils/ids.ts'
import { UNLISTED_SLUG_RANDOM_LENGTH, slugBase } from './template-metadata.ts'
import type { Visibility } from '#app/vocabulary.ts'

/** True for the unique-violation error of either driver (postgres.js, PGlite), possibly wrapped by drizzle. */
export function isUniqueViolation(error: unknown, constraint?: string) {
	let current: unknown = error
	for (let depth = 0; current && depth < 5; depth++) {
		const candidate = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown }
		if (candidate.code === '23505') {
			const name = candidate.constraint_name ?? candidate.constraint
			return !constraint || name === undefined || name === constraint
		}
		current = (current as { cause?: unknown }).cause
	}
	return false
}

export async function uniqueTemplateSlug(title: string, visibility: Visibility, database: Database = db) {
	const base = slugBase(title)
	if (visibility === 'unlisted') return `${base}-${randomBase62(UNLISTED_SLUG_RANDOM_LENGTH)}`
	const taken = new Set(
		(
			await database
				.select({ slug: communityTemplates.slug })
				.from(communityTemplates)
				.where(or(eq(communityTemplates.slug, base), like(communityTemplates.slug, `${base}-%`)))
		).map((row) => row.slug),
	)
	if (!taken.has(base)) return base
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}
