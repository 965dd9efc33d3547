/**
 * Derived numbers. `community_events` is the truth; `community_metrics_daily`
 * and the counters on `community_templates` are recomputed from it here.
 *
 * The nightly aggregation recomputes whole UTC days: one statement counts the
 * events of the range per (template, day, type), compares the counts with the
 * stored rows and writes only what differs (new, changed, and the rows of those
 * days that no longer have events behind them). So
 * running it twice, or over overlapping ranges, leaves the same table, and a
 * late event is counted when its day is recomputed (the default range starts a
 * day before the last aggregated day). A run is one transaction holding an
 * advisory lock: a second run meanwhile is refused and touches nothing, and a
 * failed run leaves the table as it was.
 */
import { type SQL, sql } from 'drizzle-orm'
import { type Database, db, queryRows } from '#app/db/client.server.ts'
import { communityEvents, communityFavorites, communityMetricsDaily, communityTemplates } from '#app/db/schema.ts'
import { invalidatePageCache } from '#app/utils/page-cache.server.ts'
import { EVENT_TYPES } from '#app/vocabulary.ts'

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

/**
 * Recomputes the cached counters: views and uses from the daily metrics up to
 * `through` plus the events after it (and those before the first aggregated
 * day, which no run has counted yet), favorites from the favorite rows that
 * exist. Equal to a recount of every event as long as the metrics of the days
 * before `through` are (every run recounts its range, and the default range
 * starts the day before the last aggregated day). Returns how many templates changed.
 *
 * The counting is a plain SELECT (PostgreSQL may scan the events in parallel;
 * it never does for a data-modifying statement), then one UPDATE touches only
 * the templates whose cache drifted.
 */
export async function backfillTemplateCounters(through: UtcDay, database: Database = db): Promise<number> {
	// Days up to `through` come from the daily metrics (which this run has just recounted, and
	// earlier runs before it); only events after that day are counted from the events table:
	// no second pass over every event, which cost as much as the aggregation itself.
	const after = `${addDays(through, 1)}T00:00:00.000Z`
	const drifted = await queryRows<{ id: string; views: string | number; uses: string | number; favorites: string | number }>(
		sql`
		select t.id, coalesce(m.views, 0) + coalesce(e.views, 0) as views, coalesce(m.uses, 0) + coalesce(e.uses, 0) as uses, coalesce(f.favorites, 0) as favorites
		from ${communityTemplates} as t
		left join (
			select template_id,
				sum(count) filter (where event_type = 'view') as views,
				sum(count) filter (where event_type = 'use') as uses
			from ${communityMetricsDaily}
			where event_type in ('view', 'use') and day <= ${through}::date
			group by template_id
		) m on m.template_id = t.id
		left join (
			select template_id,
				count(*) filter (where event_type = 'view') as views,
				count(*) filter (where event_type = 'use') as uses
			from ${communityEvents}
			where event_type in ('view', 'use')
				and (created_at >= ${after}::timestamptz
					-- Days before the first aggregated one (a first run over a short range) are not in the metrics.
					or created_at < coalesce((select min(day) from ${communityMetricsDaily})::timestamp at time zone 'UTC', 'infinity'::timestamptz))
			group by template_id
		) e on e.template_id = t.id
		left join (
			select template_id, count(*) as favorites from ${communityFavorites} group by template_id
		) f on f.template_id = t.id
		where (t.views_count, t.uses_count, t.favorites_count)
			is distinct from (coalesce(m.views, 0) + coalesce(e.views, 0), coalesce(m.uses, 0) + coalesce(e.uses, 0), coalesce(f.favorites, 0))
	`,
		database,
	)
	if (drifted.length === 0) return 0
	const truth = JSON.stringify(drifted.map((row) => ({ id: row.id, views: Number(row.views), uses: Number(row.uses), favorites: Number(row.favorites) })))
	const updated = await queryRows<{ id: string }>(
		sql`
		update ${communityTemplates} as t set views_count = c.views, uses_count = c.uses, favorites_count = c.favorites
		from json_to_recordset(${truth}::json) as c(id uuid, views bigint, uses bigint, favorites bigint)
		where t.id = c.id
		returning t.id
	`,
		database,
	)
	return updated.length
}

export interface DayAggregate {
	day: UtcDay
	/** Events counted that day. */
	events: number
	/** (template, type) pairs with events that day. */
	groups: number
	/** Rows inserted or whose count changed. */
	changed: number
	/** Rows of that day removed because their events are gone. */
	removed: number
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
 * in one statement, however long the range: count the events per (template,
 * day, type), compare with the rows stored for those days, and write only the
 * difference: new counts inserted, changed ones updated, rows whose events are
 * gone removed. A re-run over unchanged events writes nothing.
 *
 * Both sides are compared per (template, day), with the counts of every type
 * side by side in one array (null: no row): counting the events so costs
 * about what a GROUP BY per type does, and the comparison then joins 73,000
 * template-days instead of 511,000 rows (a year of 200 templates; joining the
 * rows took 0.45 s). Only the pairs that differ are spread back into one row
 * per type.
 *
 * The run holds the aggregation's lock (aggregateMetrics), and nothing else
 * writes this table, so new counts are plain INSERTs, sorted like the primary
 * key (cheaper for the index than an upsert's check per row).
 */
export async function aggregateDays(from: UtcDay, to: UtcDay, database: Database = db): Promise<DayAggregate[]> {
	const start = `${from}T00:00:00.000Z`
	const end = `${addDays(to, 1)}T00:00:00.000Z`
	const list = (parts: SQL[]) => sql.join(parts, sql`, `)
	const types = list(EVENT_TYPES.map((type) => sql`${type}`))
	const freshCounts = list(EVENT_TYPES.map((type) => sql`nullif(count(*) filter (where event_type = ${type}), 0)`))
	const storedCounts = list(EVENT_TYPES.map((type) => sql`max(count) filter (where event_type = ${type})`))
	// `event_type in (…)` lets PostgreSQL walk the (event_type, created_at) index once per type
	// for a short range instead of reading the whole table.
	const rows = await queryRows<{ day: string; events: string | number; groups: string | number; changed: string | number; removed: string | number }>(
		sql`
		with fresh as materialized (
			select template_id, (created_at at time zone 'UTC')::date as day, count(*) as events, array[${freshCounts}]::bigint[] as counts
			from ${communityEvents}
			where event_type in (${types}) and created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
			group by 1, 2
		),
		stored as materialized (
			select template_id, day, array[${storedCounts}]::bigint[] as counts,
				-- Rows of a type no longer counted (gone from the vocabulary) have no events behind them either.
				bool_or(event_type not in (${types})) as uncounted
			from ${communityMetricsDaily}
			where day between ${from}::date and ${to}::date
			group by 1, 2
		),
		difference as materialized (
			select template_id, day, typed.event_type, typed.count, typed.stored
			from fresh
			full join stored using (template_id, day)
			cross join lateral unnest(array[${types}]::varchar[], fresh.counts, stored.counts) as typed(event_type, count, stored)
			where fresh.counts is distinct from stored.counts and typed.count is distinct from typed.stored
		),
		inserted as (
			insert into ${communityMetricsDaily} (template_id, day, event_type, count)
			select template_id, day, event_type, count from difference where stored is null
			order by template_id, day, event_type
			returning day
		),
		updated as (
			update ${communityMetricsDaily} as m set count = d.count
			from difference d
			where d.stored is not null and d.count is not null
				and m.template_id = d.template_id and m.day = d.day and m.event_type = d.event_type
			returning m.day
		),
		removed as (
			delete from ${communityMetricsDaily} as m
			using difference d
			where d.count is null and m.template_id = d.template_id and m.day = d.day and m.event_type = d.event_type
			returning m.day
		),
		removed_uncounted as (
			delete from ${communityMetricsDaily} as m
			using stored s
			where s.uncounted and m.template_id = s.template_id and m.day = s.day and m.event_type not in (${types})
			returning m.day
		)
		select to_char(day, 'YYYY-MM-DD') as day, sum(events) as events, sum(groups) as groups, sum(changed) as changed, sum(removed) as removed
		from (
			select day, sum(events) as events, sum(cardinality(array_remove(counts, null))) as groups, 0 as changed, 0 as removed from fresh group by day
			union all select day, 0, 0, count(*), 0 from inserted group by day
			union all select day, 0, 0, count(*), 0 from updated group by day
			union all select day, 0, 0, 0, count(*) from removed group by day
			union all select day, 0, 0, 0, count(*) from removed_uncounted group by day
		) per_day
		group by day
	`,
		database,
	)
	const byDay = new Map(rows.map((row) => [row.day, row]))
	return daysBetween(from, to).map((day) => {
		const row = byDay.get(day)
		return {
			day,
			events: Number(row?.events ?? 0),
			groups: Number(row?.groups ?? 0),
			changed: Number(row?.changed ?? 0),
			removed: Number(row?.removed ?? 0),
		}
	})
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
			const aggregates = await aggregateDays(from, to, tx)
			aggregates.forEach((aggregate, index) => options.onDay?.(aggregate, { index, total: aggregates.length }))
			const countersUpdated = await backfillTemplateCounters(to, tx)
			result = {
				status: 'done',
				dryRun: Boolean(options.dryRun),
				from,
				to,
				days: aggregates,
				events: aggregates.reduce((sum, day) => sum + day.events, 0),
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
