/**
 * The one place events are written, whichever surface they come from.
 *
 * Events carry an optional client-made id so a retried beacon is stored once
 * (`ON CONFLICT (id) DO NOTHING`). Writes outside a transaction go through a
 * group commit: calls that arrive within a few milliseconds of each other share
 * one multi-row INSERT, and every caller is answered only after that statement
 * has committed (or fails with it). Nothing is held in memory beyond the
 * callers that are awaiting: no buffer outlives a request.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import { isbot } from 'isbot'
import { type Database, db, queryRows } from '#app/db/client.server.ts'
import { communityEvents, communityTemplates } from '#app/db/schema.ts'
import { failedOnAnEndedSession } from '#app/utils/database-outage.server.ts'
import type { EventSource, EventType } from '#app/vocabulary.ts'

export const MAX_REFERRER_LENGTH = 1024
export const MAX_USER_AGENT_LENGTH = 512

/**
 * While batches are in flight, how long the first caller of the next one waits for company
 * before its INSERT goes out. With nothing in flight a batch leaves at the end of the current
 * event-loop turn, with every call made during it: waiting would only add latency.
 */
export const GROUP_COMMIT_WINDOW_MS = 2
/** Rows per INSERT (10 parameters each, far below PostgreSQL's 65,535). */
export const GROUP_COMMIT_MAX_ROWS = 1000
/** Batches in flight at once per database; later callers gather into the next batch meanwhile. */
const GROUP_COMMIT_MAX_IN_FLIGHT = 4

export interface EventInput {
	id?: string
	templateId: string
	type: EventType
	source?: EventSource
	userId?: string | null
	projectId?: string | null
	sceneCount?: number | null
}

export interface RequestContext {
	userId?: string | null
	referrer?: string | null
	userAgent?: string | null
}

/** What happened to one event: stored now, already there (same id), its template does not exist, or dropped (bot). */
export type EventOutcome = 'stored' | 'duplicate' | 'unknown_template' | 'ignored'

export interface RecordEventsResult {
	stored: number
	duplicates: number
	ignored: number
	/** Events whose template does not exist: never stored. */
	unknownTemplates: number
}

export function requestContext(request: Pick<Request, 'headers'>, userId?: string | null): RequestContext {
	return { userId: userId ?? null, referrer: request.headers.get('referer'), userAgent: request.headers.get('user-agent') }
}

export function isCrawler(userAgent: string | null | undefined) {
	return isbot(userAgent ?? '')
}

interface EventRow {
	id: string
	templateId: string
	userId: string | null
	eventType: EventType
	source: EventSource
	projectId: string | null
	sceneCount: number | null
	referrer: string | null
	userAgent: string | null
}

function toRow(event: EventInput, context: RequestContext): EventRow {
	return {
		// The id is made here when the client sent none, so every row can be matched to its caller.
		id: event.id ?? randomUUID(),
		templateId: event.templateId,
		eventType: event.type,
		source: event.source ?? 'direct',
		userId: event.userId ?? context.userId ?? null,
		projectId: event.projectId ?? null,
		sceneCount: event.sceneCount ?? null,
		referrer: context.referrer?.slice(0, MAX_REFERRER_LENGTH) ?? null,
		userAgent: context.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
	}
}

/**
 * One INSERT for many rows. Rows whose template does not exist are skipped
 * (not a foreign-key error that would fail everyone else's events in the
 * batch); the statement reports, per distinct id, whether it was stored now
 * and whether its template exists. Ids must be distinct within `rows`.
 */
async function insertEventRows(rows: EventRow[], database: Database) {
	// The rows travel as one JSON parameter: the statement's text is the same for every batch
	// (PostgreSQL parses one short statement, not 9 placeholders a row), and Node serializes
	// one string instead of thousands of parameters (docs/performance.md).
	const input = JSON.stringify(
		rows.map((row) => ({
			id: row.id,
			template_id: row.templateId,
			user_id: row.userId,
			event_type: row.eventType,
			source: row.source,
			project_id: row.projectId,
			scene_count: row.sceneCount,
			referrer: row.referrer,
			user_agent: row.userAgent,
		})),
	)
	const result = await queryRows<{ id: string; stored: boolean; known: boolean }>(
		sql`
		with input as (
			select * from jsonb_to_recordset(${input}::jsonb) as x(id uuid, template_id uuid, user_id varchar, event_type varchar, source varchar, project_id uuid, scene_count integer, referrer text, user_agent text)
		),
		known as (
			select input.* from input where exists (select 1 from ${communityTemplates} t where t.id = input.template_id)
		),
		inserted as (
			insert into ${communityEvents} (id, template_id, user_id, event_type, source, project_id, scene_count, referrer, user_agent)
			select id, template_id, user_id, event_type, source, project_id, scene_count, referrer, user_agent from known
			on conflict (id) do nothing
			returning id
		)
		select input.id::text as id,
			(inserted.id is not null) as stored,
			exists (select 1 from known where known.id = input.id) as known
		from input left join inserted on inserted.id = input.id
		where inserted.id is null
	`,
		database,
	)
	// Only the rows that were not stored come back (fewer bytes on the common path).
	const notStored = new Map<string, EventOutcome>()
	for (const row of result) notStored.set(row.id, row.known ? 'duplicate' : 'unknown_template')
	return notStored
}

// ---------------------------------------------------------------------------
// Group commit
// ---------------------------------------------------------------------------

interface PendingCall {
	rows: EventRow[]
	resolve: (outcomes: EventOutcome[]) => void
	reject: (error: unknown) => void
}

interface Batcher {
	pending: PendingCall[]
	pendingRows: number
	/** The next flush, when one is scheduled: at the end of this turn (`soon`) or after the window. */
	scheduled: { soon: boolean; cancel: () => void } | undefined
	inFlight: number
}

/** Counters for tests and benches: how many calls went through group commit, and in how many INSERTs. */
export interface EventWriteStats {
	calls: number
	batches: number
	rows: number
	failedBatches: number
}

const stats: EventWriteStats = { calls: 0, batches: 0, rows: 0, failedBatches: 0 }
export function eventWriteStats(): EventWriteStats {
	return { ...stats }
}
export function resetEventWriteStats() {
	Object.assign(stats, { calls: 0, batches: 0, rows: 0, failedBatches: 0 })
}

// One batcher per database handle (the app's `db`, or another connection a caller passes).
const batchers = new WeakMap<object, Batcher>()

function batcherFor(database: Database): Batcher {
	let batcher = batchers.get(database)
	if (!batcher) {
		batcher = { pending: [], pendingRows: 0, scheduled: undefined, inFlight: 0 }
		batchers.set(database, batcher)
	}
	return batcher
}

function scheduleFlush(batcher: Batcher, database: Database) {
	if (batcher.pending.length === 0 || batcher.inFlight >= GROUP_COMMIT_MAX_IN_FLIGHT) return
	if (batcher.pendingRows >= GROUP_COMMIT_MAX_ROWS) {
		batcher.scheduled?.cancel()
		batcher.scheduled = undefined
		void flush(batcher, database)
		return
	}
	// Nothing in flight: no commit to wait for, so go as soon as this turn's calls are in.
	// A window already running is cut short when the last batch in flight commits.
	const soon = batcher.inFlight === 0
	if (batcher.scheduled && (batcher.scheduled.soon || !soon)) return
	batcher.scheduled?.cancel()
	const run = () => {
		batcher.scheduled = undefined
		void flush(batcher, database)
	}
	if (soon) {
		const immediate = setImmediate(run)
		batcher.scheduled = { soon, cancel: () => clearImmediate(immediate) }
	} else {
		const timer = setTimeout(run, GROUP_COMMIT_WINDOW_MS)
		batcher.scheduled = { soon, cancel: () => clearTimeout(timer) }
	}
}

/** Sends the waiting calls (up to GROUP_COMMIT_MAX_ROWS rows, whole calls only) as one INSERT. */
async function flush(batcher: Batcher, database: Database) {
	if (batcher.pending.length === 0) return
	const calls: PendingCall[] = []
	let rowCount = 0
	while (batcher.pending.length > 0) {
		const next = batcher.pending[0]!
		if (calls.length > 0 && rowCount + next.rows.length > GROUP_COMMIT_MAX_ROWS) break
		calls.push(batcher.pending.shift()!)
		rowCount += next.rows.length
	}
	batcher.pendingRows -= rowCount
	batcher.inFlight++

	// The same id may come from two callers (a beacon retried while the first try is still
	// in flight): the first caller owns the row, the others see a duplicate.
	const distinct = new Map<string, EventRow>()
	for (const call of calls) for (const row of call.rows) if (!distinct.has(row.id)) distinct.set(row.id, row)
	try {
		stats.batches++
		stats.rows += distinct.size
		const rows = [...distinct.values()]
		const notStored = await insertEventRows(rows, database).catch(async (error: unknown) => {
			// A session PostgreSQL ended while stopping fails its first statement after the database is back.
			// The ids make this INSERT safe to send again: nothing of a failed statement was committed, and
			// should the lost answer have been a commit's, the rows come back as duplicates, stored once.
			if (!(await failedOnAnEndedSession(error))) throw error
			return insertEventRows(rows, database)
		})
		const claimed = new Set<string>()
		for (const call of calls) {
			call.resolve(
				call.rows.map((row) => {
					const outcome = notStored.get(row.id)
					if (outcome) return outcome
					if (claimed.has(row.id)) return 'duplicate'
					claimed.add(row.id)
					return 'stored'
				}),
			)
		}
	} catch (error) {
		// Nothing of this batch was committed: every caller hears about it.
		stats.failedBatches++
		for (const call of calls) call.reject(error)
	} finally {
		batcher.inFlight--
		scheduleFlush(batcher, database)
	}
}

function enqueue(rows: EventRow[], database: Database) {
	const batcher = batcherFor(database)
	return new Promise<EventOutcome[]>((resolve, reject) => {
		batcher.pending.push({ rows, resolve, reject })
		batcher.pendingRows += rows.length
		scheduleFlush(batcher, database)
	})
}

async function writeDirectly(rows: EventRow[], database: Database): Promise<EventOutcome[]> {
	const outcomes: EventOutcome[] = []
	const claimed = new Set<string>()
	for (let start = 0; start < rows.length; start += GROUP_COMMIT_MAX_ROWS) {
		const chunk = rows.slice(start, start + GROUP_COMMIT_MAX_ROWS)
		const distinct = [...new Map(chunk.map((row) => [row.id, row])).values()].filter((row) => !claimed.has(row.id))
		const notStored = distinct.length > 0 ? await insertEventRows(distinct, database) : new Map<string, EventOutcome>()
		for (const row of chunk) {
			const outcome = notStored.get(row.id) ?? (claimed.has(row.id) ? 'duplicate' : 'stored')
			if (outcome === 'stored') claimed.add(row.id)
			outcomes.push(outcome)
		}
	}
	return outcomes
}

function isTransaction(database: Database) {
	return (database as unknown) instanceof PgTransaction
}

/**
 * Stores events and tells, per event, what happened: `stored`, `duplicate`
 * (that id exists already), `unknown_template` (not stored) or `ignored` (a
 * crawler's). Resolves only once the rows are committed; rejects when their
 * INSERT failed. Inside a transaction (`database` is one) the rows are written
 * directly in it, so they commit or roll back with the caller's other changes.
 */
export async function recordEventOutcomes(
	events: EventInput[],
	context: RequestContext = {},
	database: Database = db,
): Promise<EventOutcome[]> {
	if (events.length === 0) return []
	if (isCrawler(context.userAgent)) return events.map(() => 'ignored')
	const rows = events.map((event) => toRow(event, context))
	if (isTransaction(database)) return writeDirectly(rows, database)
	stats.calls++
	// A call larger than one INSERT is split; each part still joins a shared batch.
	if (rows.length <= GROUP_COMMIT_MAX_ROWS) return enqueue(rows, database)
	const parts: Promise<EventOutcome[]>[] = []
	for (let start = 0; start < rows.length; start += GROUP_COMMIT_MAX_ROWS) {
		parts.push(enqueue(rows.slice(start, start + GROUP_COMMIT_MAX_ROWS), database))
	}
	const outcomes = (await Promise.all(parts)).flat()
	// Two parts of one call may have shared an id: only the first one stored it.
	const seen = new Set<string>()
	return outcomes.map((outcome, index) => {
		const id = rows[index]!.id
		if (outcome === 'stored' && seen.has(id)) return 'duplicate'
		seen.add(id)
		return outcome
	})
}

/**
 * Stores events (bots are dropped) and answers once they are committed.
 * Pass a transaction as `database` to write them together with other changes.
 */
export async function recordEvents(
	events: EventInput[],
	context: RequestContext = {},
	database: Database = db,
): Promise<RecordEventsResult> {
	const outcomes = await recordEventOutcomes(events, context, database)
	return summarizeOutcomes(outcomes)
}

export function summarizeOutcomes(outcomes: EventOutcome[]): RecordEventsResult {
	const result: RecordEventsResult = { stored: 0, duplicates: 0, ignored: 0, unknownTemplates: 0 }
	for (const outcome of outcomes) {
		if (outcome === 'stored') result.stored++
		else if (outcome === 'duplicate') result.duplicates++
		else if (outcome === 'ignored') result.ignored++
		else result.unknownTemplates++
	}
	return result
}
