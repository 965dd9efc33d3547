/**
 * Trending: the last 7 UTC days of daily metrics (today included), each event
 * weighed by `bazaar_trending_weight` (migration 0019: view 1, click 1,
 * prompt 2, favorite 4, use 8, mix 8), ties broken by all-time popularity.
 * community_trending_scores holds each template's score for the window that
 * community_trending_window names; triggers on the daily metrics keep it, and
 * the nightly aggregation moves the window each day
 * (docs/decisions/014-stored-trending-scores.md).
 */
import { sql } from 'drizzle-orm'
import { type Database, db, queryRows } from '#app/db/client.server.ts'

const TRENDING_DAYS = 7

/** The first day of the current window, by the database's clock (the one the gallery and the window agree on). */
export const trendingWindowStart = sql.raw(`((now() at time zone 'utc')::date - ${TRENDING_DAYS - 1})`)

/**
 * Moves the stored scores' window to today's and recounts them, when it is
 * elsewhere (a new UTC day since the last move). Answers whether it moved.
 * Run inside the aggregation's transaction, after its writes.
 */
export async function moveTrendingWindow(database: Database = db): Promise<boolean> {
	const [row] = await queryRows<{ moved: boolean }>(sql`select bazaar_refresh_trending_scores(${trendingWindowStart}) as moved`, database)
	return Boolean(row?.moved)
}
