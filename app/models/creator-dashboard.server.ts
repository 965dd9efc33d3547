/**
 * A creator's own templates: listing, editing metadata, switching visibility,
 * and the numbers behind the dashboard (daily series and the funnel).
 * Every function is scoped by owner: another user's template is "not found".
 *
 * Numbers: whole UTC days that the nightly job has aggregated come from
 * `community_metrics_daily`; days after the last aggregated one (always
 * including today) are counted live from `community_events`, so the chart is
 * complete before and after the job runs.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, max, sql } from 'drizzle-orm'
import { type Database, db, queryRows } from '#app/db/client.server.ts'
import { communityEvents, communityMetricsDaily, communityTemplateScenes, communityTemplates } from '#app/db/schema.ts'
import { PERIODS, type PeriodDays } from './page-constants.ts'
import { type TemplateMetadata, metadataColumns } from './template-metadata.ts'
import { templateContentChanged } from './template-changes.server.ts'
import { isUniqueViolation, uniqueTemplateSlug } from './template-slug.server.ts'
import { EVENT_TYPES, type EventType } from '#app/vocabulary.ts'

export const DAY_MS = 86_400_000

export async function listCreatorTemplates(ownerUserId: string, database: Database = db) {
	return database
		.select({
			id: communityTemplates.id,
			slug: communityTemplates.slug,
			title: communityTemplates.title,
			category: communityTemplates.category,
			status: communityTemplates.status,
			visibility: communityTemplates.visibility,
			viewsCount: communityTemplates.viewsCount,
			favoritesCount: communityTemplates.favoritesCount,
			usesCount: communityTemplates.usesCount,
			createdAt: communityTemplates.createdAt,
			// Qualified by hand: inside this subquery drizzle writes a bare "id", which would be the scene's own id.
			sceneCount: sql<number>`(select count(*)::int from ${communityTemplateScenes} s where s.template_id = ${communityTemplates}.id)`,
		})
		.from(communityTemplates)
		.where(eq(communityTemplates.ownerUserId, ownerUserId))
		.orderBy(desc(communityTemplates.createdAt), desc(communityTemplates.id))
}

/** The template if this user owns it, else null (whether it exists or not). */
export async function getOwnedTemplate(ownerUserId: string, templateId: string, database: Database = db) {
	const [template] = await database
		.select()
		.from(communityTemplates)
		.where(and(eq(communityTemplates.id, templateId), eq(communityTemplates.ownerUserId, ownerUserId)))
		.limit(1)
	return template ?? null
}

/**
 * Saves new metadata. Switching visibility gives a new slug: a clean one from
 * the title when it becomes public, a random-suffixed one when it becomes
 * unlisted. The old slug then stops resolving (see docs/creators.md: an
 * unlisted link must not survive being made public under the same address
 * for strangers, and a once-public link must not keep reaching an unlisted template).
 * Returns the updated row, or null when the user does not own such a template.
 */
export async function updateTemplateMetadata(ownerUserId: string, templateId: string, metadata: TemplateMetadata, database: Database = db) {
	let changed: typeof communityTemplates.$inferSelect | null = null
	for (let attempt = 0; ; attempt++) {
		try {
			const updated = await database.transaction(async (tx) => {
				const current = await getOwnedTemplate(ownerUserId, templateId, tx)
				if (!current) return null
				const visibilityChanged = (current.visibility ?? 'public') !== metadata.visibility
				const slug = visibilityChanged ? await uniqueTemplateSlug(metadata.title, metadata.visibility, tx) : current.slug
				const [updated] = await tx
					.update(communityTemplates)
					.set({
						...metadataColumns(metadata),
						slug,
						updatedAt: new Date(),
					})
					.where(and(eq(communityTemplates.id, templateId), eq(communityTemplates.ownerUserId, ownerUserId)))
					.returning()
				return updated ?? null
			})
			changed = updated
			break
		} catch (error) {
			// Two creators took the same clean slug at once: pick again.
			if (attempt < 3 && isUniqueViolation(error)) continue
			throw error
		}
	}
	if (changed) await templateContentChanged({ templateId, ownerUserId, kind: 'metadata-changed' }, database)
	return changed
}

export type DailyCounts = { day: string } & Record<EventType, number>

export function utcDay(date: Date) {
	return date.toISOString().slice(0, 10)
}

export function addDays(day: string, days: number) {
	return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS))
}

function emptyCounts(day: string): DailyCounts {
	return { day, ...(Object.fromEntries(EVENT_TYPES.map((type) => [type, 0])) as Record<EventType, number>) }
}

/** The last day the nightly job aggregated (any template), or null before its first run. */
export async function lastAggregatedDay(database: Database = db) {
	const [row] = await database.select({ day: max(communityMetricsDaily.day) }).from(communityMetricsDaily)
	return row?.day ?? null
}

/**
 * Event counts per UTC day for these templates, from `from` to `to` inclusive
 * (YYYY-MM-DD), one entry per day (zeros included).
 */
export async function dailyEventCounts(
	{ templateIds, from, to, now = new Date() }: { templateIds: string[]; from: string; to: string; now?: Date },
	database: Database = db,
): Promise<DailyCounts[]> {
	const byDay = new Map<string, DailyCounts>()
	for (let day = from; day <= to; day = addDays(day, 1)) byDay.set(day, emptyCounts(day))
	if (templateIds.length === 0) return [...byDay.values()]

	const today = utcDay(now)
	const aggregated = await lastAggregatedDay(database)
	// Aggregated rows are trusted up to yesterday at most: today is always live.
	const aggregatedUntil = aggregated && aggregated < today ? aggregated : addDays(today, -1)
	const useAggregates = aggregated !== null
	const add = (day: string, type: string, count: number) => {
		const entry = byDay.get(day)
		if (entry && (EVENT_TYPES as readonly string[]).includes(type)) entry[type as EventType] += count
	}

	if (useAggregates && from <= aggregatedUntil) {
		const rows = await database
			.select({ day: communityMetricsDaily.day, type: communityMetricsDaily.eventType, count: sql<number>`sum(${communityMetricsDaily.count})::bigint` })
			.from(communityMetricsDaily)
			.where(
				and(
					inArray(communityMetricsDaily.templateId, templateIds),
					gte(communityMetricsDaily.day, from),
					lte(communityMetricsDaily.day, aggregatedUntil < to ? aggregatedUntil : to),
				),
			)
			.groupBy(communityMetricsDaily.day, communityMetricsDaily.eventType)
			.orderBy(asc(communityMetricsDaily.day))
		for (const row of rows) add(String(row.day), row.type, Number(row.count))
	}

	const liveFrom = useAggregates && addDays(aggregatedUntil, 1) > from ? addDays(aggregatedUntil, 1) : from
	if (liveFrom <= to) {
		const rows = await queryRows<{ day: string | Date; type: string; count: string | number }>(sql`
			select to_char(${communityEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD') as day,
				${communityEvents.eventType} as type, count(*) as count
			from ${communityEvents}
			where ${inArray(communityEvents.templateId, templateIds)}
				and ${gte(communityEvents.createdAt, new Date(`${liveFrom}T00:00:00Z`))}
				and ${lt(communityEvents.createdAt, new Date(`${addDays(to, 1)}T00:00:00Z`))}
			group by 1, 2`, database)
		for (const row of rows) add(String(row.day), row.type, Number(row.count))
	}
	return [...byDay.values()]
}

export type Funnel = Record<EventType, number>

export function sumCounts(days: DailyCounts[]): Funnel {
	const total = emptyCounts('') as Partial<DailyCounts>
	delete total.day
	for (const day of days) for (const type of EVENT_TYPES) (total as Funnel)[type] += day[type]
	return total as Funnel
}

/** The last `days` UTC days ending today. */
export function periodRange(days: number, now = new Date()) {
	const to = utcDay(now)
	return { from: addDays(to, -(days - 1)), to }
}

/** The funnel (views → clicks → favorites → uses, plus mixes and prompts) over a period, for some templates. */
export async function funnelFor(templateIds: string[], days: PeriodDays, now = new Date(), database: Database = db) {
	return sumCounts(await dailyEventCounts({ templateIds, ...periodRange(days, now), now }, database))
}

/** `?period=` as a known period (7, 30 or 90 days); anything else is 30. */
export function parsePeriod(value: unknown): PeriodDays {
	const days = Number(value)
	return (PERIODS as readonly number[]).includes(days) ? (days as PeriodDays) : 30
}
