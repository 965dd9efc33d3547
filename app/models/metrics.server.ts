/**
 * Derived numbers. `community_events` is the truth; `community_metrics_daily`
 * and the counters on `community_templates` are recomputed from it here.
 *
 * The nightly aggregation recomputes whole UTC days: one statement counts the
 * events of the range per (template, day, type), reads and compares the stored
 * rows of the days whose digest says they may differ (a day's digest is what
 * the aggregation last wrote for it; any later write makes it unknown), writes
 * only what differs (new, changed, and the rows of those days that no longer
 * have events behind them), and sets the counters from the same counts. So
 * running it twice, or over overlapping ranges, leaves the same table, and a
 * late event is counted when its day is recomputed (the default range starts a
 * day before the last aggregated day). A run is one transaction holding an
 * advisory lock: a second run meanwhile is refused and touches nothing, and a
 * failed run leaves the table as it was.
 */
import { type SQL, sql } from 'drizzle-orm'
import { type Database, db, queryRows } from '#app/db/client.server.ts'
import { communityEvents, communityFavorites, communityMetricsDaily, communityMetricsDigests, communityTemplates } from '#app/db/schema.ts'
import { invalidatePageCache } from '#app/utils/page-cache.server.ts'
import { EVENT_TYPES } from '#app/vocabulary.ts'
import { moveTrendingWindow } from './trending.server.ts'

/** The advisory-lock key of the aggregation (the migrator uses 72_617_001). */
export const AGGREGATION_LOCK_KEY = 72_617_002

const DAY_MS = 86_400_000
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** A UTC calendar day as `YYYY-MM-DD`. */
export type UtcDay = string

export function utcDay(date: Date): UtcDay {
	return date.toISOString().slice(0, 10)
}

export function isUtcDay(value: string): value is UtcDay {
	if (!DAY_PATTERN.test(value)) return false
	const parsed = new Date(`${value}T00:00:00.000Z`)
	return !Number.isNaN(parsed.getTime()) && utcDay(parsed) === value
}

export function addDays(day: UtcDay, days: number): UtcDay {
	return utcDay(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS))
}

export function daysBetween(from: UtcDay, to: UtcDay): UtcDay[] {
	const days: UtcDay[] = []
	for (let day = from; day <= to; day = addDays(day, 1)) days.push(day)
	return days
}

export interface DayAggregate {
	day: UtcDay
	/** Events counted that day. */
	events: number
	/** (template, type) pairs with events that day. */
	groups: number
	/**
	 * Whether the day's stored rows were read and compared with the fresh counts: its digest was
	 * unknown, missing or different. A day whose digest matches is not read: its rows already equal the counts.
	 */
	compared: boolean
	/** Rows inserted or whose count changed. */
	changed: number
	/** Rows of that day removed because their events are gone. */
	removed: number
}

/** A day's digest: its events, its (template, type) rows and the checksum of its counts (null: no events). */
export interface DayDigest {
	day: UtcDay
	events: number | null
	groups: number | null
	/** 64-bit hashes combined with XOR: a bigint, so a string. */
	checksum: string | null
}

export interface RangeAggregate {
	days: DayAggregate[]
	/** Templates whose cached counters were corrected. */
	countersUpdated: number
	/** The fresh digests of the days that were compared, for recordDigests. */
	digests: DayDigest[]
}

/**
 * Settings of a run's transaction. work_mem: enough to hash a year of events
 * per template-day in memory (the server's default, 4 MB, made the GROUP BY
 * spill to disk in batches). jit off: compiling the statement's many
 * expressions took longer (0.5 s) than running them. enable_mergejoin off:
 * PostgreSQL cannot estimate how many template-days the events hold (it
 * guessed 2 million for 73,000), so it sorted both sides to join them; hashing
 * the smaller side was 30-50 ms faster on a year of events.
 */
export const AGGREGATION_SETTINGS = { work_mem: '256MB', jit: 'off', enable_mergejoin: 'off' } as const

/**
 * Recomputes the UTC days `from`..`to` (inclusive) into community_metrics_daily
 * and the cached counters in one statement, however long the range. The
 * caller then records the digests of the days it compared (recordDigests).
 *
 * The statement counts the events per (template, day), with the counts of every
 * type side by side in one array, and condenses each day into a digest: its
 * events, its (template, type) rows and a checksum of every template's counts (a
 * hash of the template and its array, combined with XOR, so order does not
 * matter). A day whose digest equals the one stored in
 * community_metrics_digests is done: nothing
 * has written its rows since the aggregation recorded that digest for them (the
 * table's triggers make the digest unknown on any write), so they are these
 * counts. Only the other days (digest unknown, missing or different: new
 * events, a late event, a day an operator or a deleted template touched) have
 * their stored rows read, pivoted the same way and compared, and only the
 * difference is written: new counts inserted, changed ones updated, rows whose
 * events are gone removed. A re-run over unchanged events reads no stored row
 * and writes nothing.
 *
 * The counters come from the same counts: views and uses are the stored metrics
 * of the days before the range, the fresh counts of the range (what the table
 * holds for it once this statement is done) and the events after it (and those
 * before the first aggregated day, which no run has counted yet); favorites
 * from the favorite rows that exist. Only templates whose cache drifted are
 * updated. Equal to a recount of every event as long as the metrics of the days
 * before `from` are (every run recounts its range, and the default range starts
 * the day before the last aggregated day).
 *
 * The run holds the aggregation's lock (aggregateMetrics), and nothing else
 * writes these tables meanwhile, so new counts are plain INSERTs, sorted like
 * the primary key (cheaper for the index than an upsert's check per row).
 */
export async function aggregateDays(from: UtcDay, to: UtcDay, database: Database = db): Promise<RangeAggregate> {
	const start = `${from}T00:00:00.000Z`
	const end = `${addDays(to, 1)}T00:00:00.000Z`
	const list = (parts: SQL[]) => sql.join(parts, sql`, `)
	const types = list(EVENT_TYPES.map((type) => sql`${type}`))
	const freshCounts = list(EVENT_TYPES.map((type) => sql`nullif(count(*) filter (where event_type = ${type}), 0)`))
	const storedCounts = list(EVENT_TYPES.map((type) => sql`max(count) filter (where event_type = ${type})`))
	const views = sql.raw(String(EVENT_TYPES.indexOf('view') + 1))
	const uses = sql.raw(String(EVENT_TYPES.indexOf('use') + 1))
	// `event_type in (…)` lets PostgreSQL walk the (event_type, created_at) index once per type
	// for a short range instead of reading the whole table.
	const [row] = await queryRows<{ days: string; counters_updated: string | number }>(
		sql`
		with fresh as materialized (
			select template_id, (created_at at time zone 'UTC')::date as day, count(*) as events, array[${freshCounts}]::bigint[] as counts
			from ${communityEvents}
			where event_type in (${types}) and created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
			group by 1, 2
		),
		fresh_days as materialized (
			select day, sum(events) as events, sum(cardinality(array_remove(counts, null)))::int as groups,
				-- Each template's counts hashed with the template as seed (PostgreSQL's own hash functions,
				-- the ones hash partitioning relies on being stable), combined with XOR: order does not
				-- matter, and each template is in a day once, so two hashes cancel only if they collide.
				-- (An exact numeric sum cost 10-20 ms more over a year's 73,000 template-days.)
				bit_xor(hash_array_extended(counts, uuid_hash_extended(template_id, 0))) as checksum
			from fresh
			group by day
		),
		compared_days as materialized (
			select day
			from fresh_days as f
			full join (select day, events, groups, checksum from ${communityMetricsDigests} where day between ${from}::date and ${to}::date) as d using (day)
			where d.checksum is null or f.checksum is null or (f.events, f.groups, f.checksum) <> (d.events, d.groups, d.checksum)
		),
		recounted as (
			select template_id, day, counts from fresh where day = any (array(select day from compared_days))
		),
		stored as materialized (
			select template_id, day, array[${storedCounts}]::bigint[] as counts,
				-- Rows of a type no longer counted (gone from the vocabulary) have no events behind them either.
				bool_or(event_type not in (${types})) as uncounted
			from ${communityMetricsDaily}
			where day = any (array(select day from compared_days))
			group by 1, 2
		),
		difference as materialized (
			select template_id, day, typed.event_type, typed.count, typed.stored
			from recounted
			full join stored using (template_id, day)
			cross join lateral unnest(array[${types}]::varchar[], recounted.counts, stored.counts) as typed(event_type, count, stored)
			where recounted.counts is distinct from stored.counts and typed.count is distinct from typed.stored
		),
		inserted as (
			insert into ${communityMetricsDaily} (template_id, day, event_type, count)
			select template_id, day, event_type, count from difference where stored is null
			order by template_id, day, event_type
			returning day
		),
		-- Each of these reads the metrics through the day index, only the compared days: PostgreSQL cannot
		-- tell how few rows differ, and hashed every metric row to find the two a changed event updates
		-- (0.25 s), or the none of a type no longer counted.
		updated as (
			update ${communityMetricsDaily} as m set count = d.count
			from difference d
			where d.stored is not null and d.count is not null
				and m.template_id = d.template_id and m.day = d.day and m.event_type = d.event_type
				and m.day = any (array(select day from compared_days))
			returning m.day
		),
		removed as (
			delete from ${communityMetricsDaily} as m
			using difference d
			where d.count is null and m.template_id = d.template_id and m.day = d.day and m.event_type = d.event_type
				and m.day = any (array(select day from compared_days))
			returning m.day
		),
		removed_uncounted as (
			delete from ${communityMetricsDaily} as m
			using stored s
			where s.uncounted and m.template_id = s.template_id and m.day = s.day and m.event_type not in (${types})
				and m.day = any (array(select day from compared_days))
			returning m.day
		),
		-- The first day the metrics will hold once this statement is done: events before it are in no row yet.
		first_aggregated as (
			select least(
				(select min(day) from ${communityMetricsDaily} where day < ${from}::date),
				(select min(day) from fresh),
				(select min(day) from ${communityMetricsDaily} where day > ${to}::date)
			) as day
		),
		counted as (
			select template_id, sum(counts[${views}]) as views, sum(counts[${uses}]) as uses from fresh group by 1
			union all
			select template_id, sum(count) filter (where event_type = 'view'), sum(count) filter (where event_type = 'use')
			from ${communityMetricsDaily}
			where event_type in ('view', 'use') and day < ${from}::date
			group by 1
			union all
			select template_id, count(*) filter (where event_type = 'view'), count(*) filter (where event_type = 'use')
			from ${communityEvents}
			where event_type in ('view', 'use')
				and (created_at >= ${end}::timestamptz
					or created_at < coalesce((select day from first_aggregated)::timestamp at time zone 'UTC', 'infinity'::timestamptz))
			group by 1
		),
		truth as (
			select t.id, coalesce(c.views, 0) as views, coalesce(c.uses, 0) as uses, coalesce(f.favorites, 0) as favorites
			from ${communityTemplates} as t
			left join (select template_id, sum(views) as views, sum(uses) as uses from counted group by 1) c on c.template_id = t.id
			left join (select template_id, count(*) as favorites from ${communityFavorites} group by 1) f on f.template_id = t.id
		),
		counters_updated as (
			update ${communityTemplates} as t set views_count = truth.views, uses_count = truth.uses, favorites_count = truth.favorites
			from truth
			where t.id = truth.id and (t.views_count, t.uses_count, t.favorites_count) is distinct from (truth.views, truth.uses, truth.favorites)
			returning t.id
		),
		written as (
			select day, count(*) as changed, 0 as removed from inserted group by day
			union all select day, count(*), 0 from updated group by day
			union all select day, 0, count(*) from removed group by day
			union all select day, 0, count(*) from removed_uncounted group by day
		),
		per_day as (
			select to_char(day, 'YYYY-MM-DD') as day, f.events, f.groups, f.checksum::text as checksum, c.day is not null as compared,
				coalesce(w.changed, 0) as changed, coalesce(w.removed, 0) as removed
			from fresh_days f
			full join compared_days c using (day)
			full join (select day, sum(changed) as changed, sum(removed) as removed from written group by day) w using (day)
		)
		select (select count(*) from counters_updated) as counters_updated, coalesce((select json_agg(per_day) from per_day), '[]')::text as days
	`,
		database,
	)
	const rows = JSON.parse(row!.days) as Array<DayDigest & { compared: boolean; changed: number; removed: number }>
	const byDay = new Map(rows.map((day) => [day.day, day]))
	return {
		countersUpdated: Number(row!.counters_updated),
		digests: rows.filter((day) => day.compared).map(({ day, events, groups, checksum }) => ({ day, events, groups, checksum })),
		days: daysBetween(from, to).map((day) => {
			const found = byDay.get(day)
			return {
				day,
				events: Number(found?.events ?? 0),
				groups: Number(found?.groups ?? 0),
				compared: Boolean(found?.compared),
				changed: Number(found?.changed ?? 0),
				removed: Number(found?.removed ?? 0),
			}
		}),
	}
}

/**
 * Records the digests of days whose rows were just made equal to their fresh
 * counts (aggregateDays' `digests`); a day without events has no rows left,
 * and no digest. Must run after aggregateDays' statement, whose triggers made
 * those days unknown, and in its transaction.
 */
export async function recordDigests(digests: DayDigest[], database: Database = db): Promise<void> {
	if (digests.length === 0) return
	await queryRows(
		sql`
		with compared as (
			select * from json_to_recordset(${JSON.stringify(digests)}::json) as d(day date, events bigint, groups integer, checksum bigint)
		),
		recorded as (
			insert into ${communityMetricsDigests} (day, events, groups, checksum)
			select day, events, groups, checksum from compared where checksum is not null
			order by day
			on conflict (day) do update set events = excluded.events, groups = excluded.groups, checksum = excluded.checksum
		)
		delete from ${communityMetricsDigests} where day in (select day from compared where checksum is null)
	`,
		database,
	)
}

/**
 * The default range: from the day before the last aggregated day (late events)
 * to today; from the first event's day when nothing was aggregated yet.
 */
export async function defaultAggregationRange(now = new Date(), database: Database = db): Promise<{ from: UtcDay; to: UtcDay }> {
	const to = utcDay(now)
	const [row] = await queryRows<{ last_day: string | null; first_event_day: string | null }>(
		sql`
		select
			(select to_char(max(day), 'YYYY-MM-DD') from ${communityMetricsDaily}) as last_day,
			(select to_char(min(created_at) at time zone 'UTC', 'YYYY-MM-DD') from ${communityEvents}) as first_event_day
	`,
		database,
	)
	const from = row?.last_day ? addDays(row.last_day, -1) : (row?.first_event_day ?? to)
	return { from: from < to ? from : to, to }
}

export interface AggregationOptions {
	from?: UtcDay
	to?: UtcDay
	/** Compute everything, report it, then roll back. */
	dryRun?: boolean
	/** "Today" for the default range. */
	now?: Date
	/** Called after each day, for progress output. */
	onDay?: (result: DayAggregate, position: { index: number; total: number }) => void
}

export type AggregationResult =
	| { status: 'locked'; message: string }
	| {
			status: 'done'
			dryRun: boolean
			from: UtcDay
			to: UtcDay
			days: DayAggregate[]
			events: number
			/** Days whose stored rows were read and compared (the others' digests matched). */
			compared: number
			changed: number
			removed: number
			countersUpdated: number
			durationMs: number
	  }

class DryRunRollback extends Error {}

// Runs in this process: PGlite serializes transactions rather than running them side by
// side, so the advisory lock alone would make a second in-process run wait, not refuse.
let runningInThisProcess = false

/**
 * Recomputes the days of the range into community_metrics_daily and refreshes
 * the cached counters, in one transaction under an advisory lock. Answers
 * `locked` (having touched nothing) when another run holds the lock.
 */
export async function aggregateMetrics(options: AggregationOptions = {}, database: Database = db): Promise<AggregationResult> {
	if (options.from && !isUtcDay(options.from)) throw new Error(`--from: "${options.from}" is not a YYYY-MM-DD day`)
	if (options.to && !isUtcDay(options.to)) throw new Error(`--to: "${options.to}" is not a YYYY-MM-DD day`)
	const lockedAnswer = { status: 'locked', message: 'Another metrics aggregation is running; this one did nothing.' } as const
	if (runningInThisProcess) return lockedAnswer
	runningInThisProcess = true
	const started = performance.now()
	let result: AggregationResult | undefined
	try {
		await database.transaction(async (tx) => {
			const [lock] = await queryRows<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${AGGREGATION_LOCK_KEY}) as locked`, tx)
			if (!lock?.locked) {
				result = lockedAnswer
				return
			}
			const range = options.from && options.to ? { from: options.from, to: options.to } : await defaultAggregationRange(options.now, tx)
			const to = options.to ?? (options.from && options.from > range.to ? options.from : range.to)
			const from = options.from ?? (range.from <= to ? range.from : to)
			if (from > to) throw new Error(`The range is empty: --from ${from} is after --to ${to}`)

			const settings = Object.entries(AGGREGATION_SETTINGS).map(([name, value]) => sql`set_config(${name}, ${value}, true)`)
			await queryRows(sql`select ${sql.join(settings, sql`, `)}`, tx)
			const { days: aggregates, countersUpdated, digests } = await aggregateDays(from, to, tx)
			aggregates.forEach((aggregate, index) => options.onDay?.(aggregate, { index, total: aggregates.length }))
			await recordDigests(digests, tx)
			// The scores already hold what this run wrote (triggers); a new UTC day also moves their window.
			await moveTrendingWindow(tx)
			result = {
				status: 'done',
				dryRun: Boolean(options.dryRun),
				from,
				to,
				days: aggregates,
				events: aggregates.reduce((sum, day) => sum + day.events, 0),
				compared: aggregates.filter((day) => day.compared).length,
				changed: aggregates.reduce((sum, day) => sum + day.changed, 0),
				removed: aggregates.reduce((sum, day) => sum + day.removed, 0),
				countersUpdated,
				durationMs: Math.round(performance.now() - started),
			}
			if (options.dryRun) throw new DryRunRollback()
		})
	} catch (error) {
		if (!(error instanceof DryRunRollback)) throw error
	} finally {
		runningInThisProcess = false
	}
	// New counters and trending ranks: every cached list and page shows them (committed by now).
	if (result?.status === 'done' && !result.dryRun) await invalidatePageCache()
	return result!
}
