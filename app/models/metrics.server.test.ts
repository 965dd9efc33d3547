import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import postgres from 'postgres'
import { beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '#app/db/client.server.ts'
import { communityEvents, communityFavorites, communityMetricsDaily, communityMetricsDigests, communityTemplates, users } from '#app/db/schema.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { addDays, AGGREGATION_LOCK_KEY, aggregateMetrics, utcDay } from './metrics.server.ts'
import { EVENT_TYPES, type EventType } from '#app/vocabulary.ts'

const database = useTestDatabase()
const TEMPLATE_IDS = [randomUUID(), randomUUID(), randomUUID()]
const FIRST_DAY = '2026-03-01'
const WINDOW_DAYS = 5
const LAST_DAY = addDays(FIRST_DAY, WINDOW_DAYS - 1)
const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`)

interface TestEvent {
	templateId: string
	eventType: EventType
	createdAt: Date
}

beforeAll(async () => {
	await database.db.insert(users).values([{ id: 'metrics-user-1', email: 'metrics-user-1@example.test' }, { id: 'metrics-user-2', email: 'metrics-user-2@example.test' }])
	await database.db.insert(communityTemplates).values(TEMPLATE_IDS.map((id, index) => ({ id, slug: `metrics-${index}`, title: `Metrics ${index}` })))
})

async function replaceEvents(events: TestEvent[]) {
	await database.db.delete(communityEvents)
	for (let start = 0; start < events.length; start += 1000) {
		await database.db.insert(communityEvents).values(events.slice(start, start + 1000))
	}
}

async function metricsTable() {
	const rows = await database.db.select().from(communityMetricsDaily)
	return new Map(rows.map((row) => [`${row.templateId}|${row.day}|${row.eventType}`, Number(row.count)]))
}

/** No metrics, hence no digests (days other tests left unknown would be compared too). */
async function emptyMetrics() {
	await database.db.delete(communityMetricsDaily)
	await database.db.delete(communityMetricsDigests)
}

async function digestsTable() {
	const rows = await database.db.select().from(communityMetricsDigests)
	return new Map(rows.map((row) => [row.day, { events: row.events, groups: row.groups, known: row.checksum !== null }]))
}

function daysBetweenWindow() {
	return Array.from({ length: WINDOW_DAYS }, (_, offset) => addDays(FIRST_DAY, offset))
}

/** The truth, counted in JavaScript: events per (template, UTC day, type). */
function naiveRecount(events: TestEvent[], from = '0000-01-01', to = '9999-12-31') {
	const counts = new Map<string, number>()
	for (const event of events) {
		const day = utcDay(event.createdAt)
		if (day < from || day > to) continue
		const key = `${event.templateId}|${day}|${event.eventType}`
		counts.set(key, (counts.get(key) ?? 0) + 1)
	}
	return counts
}

// Timestamps anywhere in the window, with extra weight on the last and first millisecond of each day.
const timestampArbitrary = fc.oneof(
	fc.integer({ min: dayStart(FIRST_DAY), max: dayStart(LAST_DAY) + 86_399_999 }),
	fc.integer({ min: 1, max: WINDOW_DAYS - 1 }).chain((day) => fc.constantFrom(dayStart(FIRST_DAY) + day * 86_400_000, dayStart(FIRST_DAY) + day * 86_400_000 - 1)),
)
const eventArbitrary = fc.record({
	templateId: fc.constantFrom(...TEMPLATE_IDS),
	eventType: fc.constantFrom(...EVENT_TYPES),
	createdAt: timestampArbitrary.map((ms) => new Date(ms)),
})
const eventsArbitrary = fc.array(eventArbitrary, { maxLength: 120 })
const dayArbitrary = fc.integer({ min: 0, max: WINDOW_DAYS - 1 }).map((offset) => addDays(FIRST_DAY, offset))

async function aggregate(from = FIRST_DAY, to = LAST_DAY) {
	const result = await aggregateMetrics({ from, to })
	if (result.status !== 'done') throw new Error(result.message)
	return result
}

describe('aggregateMetrics', () => {
	test('the table equals a naive recount, for random event sets', async () => {
		await fc.assert(
			fc.asyncProperty(eventsArbitrary, async (events) => {
				await replaceEvents(events)
				const result = await aggregate()
				expect(result.events).toBe(events.length)
				expect(await metricsTable()).toEqual(naiveRecount(events))
			}),
			{ numRuns: 25 },
		)
	})

	test('a range of months is counted the same, across month boundaries', async () => {
		const longFrom = '2026-01-01'
		const longDays = 67
		const longTo = addDays(longFrom, longDays - 1)
		const boundary = dayStart('2026-02-01')
		const longEvent = fc.record({
			templateId: fc.constantFrom(...TEMPLATE_IDS),
			eventType: fc.constantFrom(...EVENT_TYPES),
			createdAt: fc
				.oneof(fc.integer({ min: dayStart(longFrom), max: dayStart(longTo) + 86_399_999 }), fc.constantFrom(boundary - 1, boundary))
				.map((ms) => new Date(ms)),
		})
		await fc.assert(
			fc.asyncProperty(fc.array(longEvent, { maxLength: 150 }), async (events) => {
				await database.db.delete(communityMetricsDaily)
				await replaceEvents(events)
				const result = await aggregate(longFrom, longTo)
				expect(result.days.map((day) => day.day)).toEqual(Array.from({ length: longDays }, (_, n) => addDays(longFrom, n)))
				expect(result.days.reduce((sum, day) => sum + day.groups, 0)).toBe(naiveRecount(events).size)
				expect(await metricsTable()).toEqual(naiveRecount(events))
			}),
			{ numRuns: 10 },
		)
	})

	test('running twice equals running once; overlapping ranges in any order give the same table', async () => {
		await fc.assert(
			fc.asyncProperty(eventsArbitrary, fc.array(fc.tuple(dayArbitrary, dayArbitrary), { minLength: 1, maxLength: 4 }), async (events, ranges) => {
				await replaceEvents(events)
				await aggregate()
				const once = await metricsTable()
				const again = await aggregate()
				expect(again.changed).toBe(0)
				expect(again.removed).toBe(0)
				expect(await metricsTable()).toEqual(once)
				for (const [a, b] of ranges) await aggregate(a < b ? a : b, a < b ? b : a)
				expect(await metricsTable()).toEqual(once)
			}),
			{ numRuns: 15 },
		)
	})

	test('a full run compares exactly the days whose counts changed since the last run, and ends equal to a naive recount', async () => {
		// Events, then the same events changed: some removed, some added, some moved to another day or type.
		const changedEvents = fc.tuple(eventsArbitrary, fc.array(fc.nat(), { maxLength: 10 }), fc.array(eventArbitrary, { maxLength: 10 })).map(([events, removals, additions]) => {
			const removed = new Set(removals.map((n) => n % Math.max(events.length, 1)))
			return { before: events, after: [...events.filter((_, index) => !removed.has(index)), ...additions] }
		})
		await fc.assert(
			fc.asyncProperty(changedEvents, async ({ before, after }) => {
				await emptyMetrics()
				await replaceEvents(before)
				await aggregate()
				await replaceEvents(after)
				const result = await aggregate()
				expect(await metricsTable()).toEqual(naiveRecount(after))
				const countsOf = (events: TestEvent[], day: string) => naiveRecount(events, day, day)
				const changedDays = result.days.filter((day) => !isDeepStrictEqual(countsOf(before, day.day), countsOf(after, day.day))).map((day) => day.day)
				expect(result.days.filter((day) => day.compared).map((day) => day.day)).toEqual(changedDays)
				// And the digests now describe the table: a re-run reads no stored row.
				const again = await aggregate()
				expect(again.compared).toBe(0)
			}),
			{ numRuns: 20 },
		)
	})

	test('a changed event in an old day is picked up by a full run; an unchanged re-run reads and writes nothing', async () => {
		const [templateId] = TEMPLATE_IDS as [string]
		await emptyMetrics()
		const events: TestEvent[] = daysBetweenWindow().map((day) => ({ templateId, eventType: 'view' as const, createdAt: new Date(`${day}T12:00:00Z`) }))
		await replaceEvents(events)
		const first = await aggregate()
		expect(first.compared).toBe(WINDOW_DAYS)
		const digests = await digestsTable()
		expect(daysBetweenWindow().map((day) => digests.get(day))).toEqual(daysBetweenWindow().map(() => ({ events: 1, groups: 1, known: true })))

		const unchanged = await aggregate()
		expect(unchanged).toMatchObject({ compared: 0, changed: 0, removed: 0, events: WINDOW_DAYS })
		expect(await metricsTable()).toEqual(naiveRecount(events))

		// The first day's event becomes a use (an event fixed after the fact): same number of events and rows that day.
		const [firstEvent] = await database.db.select().from(communityEvents).where(eq(communityEvents.createdAt, new Date(`${FIRST_DAY}T12:00:00Z`)))
		await database.db.update(communityEvents).set({ eventType: 'use' }).where(eq(communityEvents.id, firstEvent!.id))
		const changed = await aggregate()
		expect(changed.days.filter((day) => day.compared).map((day) => day.day)).toEqual([FIRST_DAY])
		expect({ changed: changed.changed, removed: changed.removed }).toEqual({ changed: 1, removed: 1 })
		const fixed = [{ ...events[0]!, eventType: 'use' as const }, ...events.slice(1)]
		expect(await metricsTable()).toEqual(naiveRecount(fixed))
		expect((await aggregate()).compared).toBe(0)
	})

	test('a day whose digest is unknown or missing is compared row by row, whatever its rows hold', async () => {
		const [templateId] = TEMPLATE_IDS as [string]
		await emptyMetrics()
		const events: TestEvent[] = daysBetweenWindow().map((day) => ({ templateId, eventType: 'click' as const, createdAt: new Date(`${day}T12:00:00Z`) }))
		await replaceEvents(events)
		await aggregate()
		const day2 = addDays(FIRST_DAY, 1)
		const day3 = addDays(FIRST_DAY, 2)
		// Stored rows made wrong behind the triggers' back (as by a version before the digests, or a
		// restore of the metrics alone), and the digests of those days gone or unknown, as the migration
		// leaves every day that already had rows.
		await database.db.transaction(async (tx) => {
			await tx.execute(sql`set local session_replication_role = replica`)
			await tx.update(communityMetricsDaily).set({ count: 50 }).where(eq(communityMetricsDaily.day, day2))
			await tx.update(communityMetricsDaily).set({ count: 60 }).where(eq(communityMetricsDaily.day, day3))
		})
		await database.db.delete(communityMetricsDigests).where(eq(communityMetricsDigests.day, day2))
		await database.db.update(communityMetricsDigests).set({ events: null, groups: null, checksum: null }).where(eq(communityMetricsDigests.day, day3))
		const result = await aggregate()
		expect(result.days.filter((day) => day.compared).map((day) => day.day)).toEqual([day2, day3])
		expect(result.changed).toBe(2)
		expect(await metricsTable()).toEqual(naiveRecount(events))
		expect((await digestsTable()).get(day2)).toEqual({ events: 1, groups: 1, known: true })
		expect((await digestsTable()).get(day3)).toEqual({ events: 1, groups: 1, known: true })
	})

	test('any write to the metrics makes its days unknown: an operator\'s edit, a deleted template, an emptied table', async () => {
		const [templateId, otherTemplateId] = TEMPLATE_IDS as [string, string]
		await emptyMetrics()
		const events: TestEvent[] = daysBetweenWindow().flatMap((day) => [
			{ templateId, eventType: 'view' as const, createdAt: new Date(`${day}T12:00:00Z`) },
			{ templateId: otherTemplateId, eventType: 'use' as const, createdAt: new Date(`${day}T13:00:00Z`) },
		])
		await replaceEvents(events)
		await aggregate()

		await database.db.update(communityMetricsDaily).set({ count: 7 }).where(sql`${communityMetricsDaily.day} = ${LAST_DAY} and ${communityMetricsDaily.templateId} = ${templateId}`)
		await database.db.insert(communityMetricsDaily).values({ templateId, day: '2026-02-01', eventType: 'view', count: 3 })
		expect((await digestsTable()).get(LAST_DAY)).toMatchObject({ known: false })
		const edited = await aggregate('2026-02-01', LAST_DAY)
		expect(edited.days.filter((day) => day.compared).map((day) => day.day)).toEqual(['2026-02-01', LAST_DAY])
		expect(await metricsTable()).toEqual(naiveRecount(events))
		// A day left without rows keeps no digest.
		expect((await digestsTable()).has('2026-02-01')).toBe(false)

		// The metrics emptied in one statement: every day is compared again and refilled.
		await database.db.execute(sql`truncate ${communityMetricsDaily}`)
		expect([...(await digestsTable()).values()].every((digest) => !digest.known)).toBe(true)
		const refilled = await aggregate()
		expect(refilled.compared).toBe(WINDOW_DAYS)
		expect(await metricsTable()).toEqual(naiveRecount(events))

		// A template deleted with its events and its metrics (ON DELETE CASCADE): its days are compared, nothing is left of it.
		const goneId = randomUUID()
		await database.db.insert(communityTemplates).values({ id: goneId, slug: 'metrics-gone', title: 'Gone' })
		const withGone = [...events, { templateId: goneId, eventType: 'view' as const, createdAt: new Date(`${FIRST_DAY}T14:00:00Z`) }]
		await replaceEvents(withGone)
		await aggregate()
		await database.db.delete(communityTemplates).where(eq(communityTemplates.id, goneId))
		const afterDelete = await aggregate()
		expect(afterDelete.days.filter((day) => day.compared).map((day) => day.day)).toEqual([FIRST_DAY])
		expect(await metricsTable()).toEqual(naiveRecount(events))
	})

	test('events at 23:59:59.999 and 00:00:00.000 UTC land in their own days', async () => {
		const [templateId] = TEMPLATE_IDS as [string]
		await database.db.delete(communityMetricsDaily)
		await replaceEvents([
			{ templateId, eventType: 'view', createdAt: new Date('2026-03-02T23:59:59.999Z') },
			{ templateId, eventType: 'view', createdAt: new Date('2026-03-03T00:00:00.000Z') },
			{ templateId, eventType: 'view', createdAt: new Date('2026-03-03T00:00:00.000Z') },
		])
		await aggregate('2026-03-02', '2026-03-03')
		expect(await metricsTable()).toEqual(
			new Map([
				[`${templateId}|2026-03-02|view`, 1],
				[`${templateId}|2026-03-03|view`, 2],
			]),
		)
	})

	test('the default range re-reads the day before the last aggregated one: a late event is counted by the next run', async () => {
		const [templateId] = TEMPLATE_IDS as [string]
		await database.db.delete(communityMetricsDaily)
		const events: TestEvent[] = [
			{ templateId, eventType: 'use', createdAt: new Date('2026-03-01T10:00:00Z') },
			{ templateId, eventType: 'use', createdAt: new Date('2026-03-03T10:00:00Z') },
		]
		await replaceEvents(events)
		// Nothing aggregated yet: from the first event's day to today.
		const first = await aggregateMetrics({ now: new Date('2026-03-03T12:00:00Z') })
		expect(first).toMatchObject({ status: 'done', from: '2026-03-01', to: '2026-03-03' })

		// An event for yesterday arrives after the run (a beacon sent offline, a slow client).
		const late = { templateId, eventType: 'use' as const, createdAt: new Date('2026-03-02T23:00:00Z') }
		await database.db.insert(communityEvents).values(late)
		const next = await aggregateMetrics({ now: new Date('2026-03-04T01:00:00Z') })
		expect(next).toMatchObject({ status: 'done', from: '2026-03-02', to: '2026-03-04' })
		expect(await metricsTable()).toEqual(naiveRecount([...events, late]))
	})

	test('a recomputed day whose events are gone loses its rows', async () => {
		const [templateId, otherTemplateId] = TEMPLATE_IDS as [string, string]
		await database.db.delete(communityMetricsDaily)
		await replaceEvents([
			{ templateId, eventType: 'click', createdAt: new Date('2026-03-02T08:00:00Z') },
			{ templateId: otherTemplateId, eventType: 'click', createdAt: new Date('2026-03-02T09:00:00Z') },
		])
		await aggregate()
		await database.db.delete(communityEvents).where(eq(communityEvents.templateId, otherTemplateId))
		const result = await aggregate()
		expect(result.removed).toBe(1)
		expect(await metricsTable()).toEqual(new Map([[`${templateId}|2026-03-02|click`, 1]]))
	})

	test('a stored row of a type no longer counted (gone from the vocabulary) is removed with its day', async () => {
		const [templateId] = TEMPLATE_IDS as [string]
		await database.db.delete(communityMetricsDaily)
		await replaceEvents([{ templateId, eventType: 'view', createdAt: new Date('2026-03-02T08:00:00Z') }])
		// The schema's type allows only today's vocabulary: written as an older version would have.
		await database.db.execute(sql`
			insert into ${communityMetricsDaily} (template_id, day, event_type, count)
			values (${templateId}, '2026-03-02', 'share', 4), (${templateId}, '2026-03-03', 'share', 2)`)
		const result = await aggregate('2026-03-02', '2026-03-02')
		expect(result.removed).toBe(1)
		// Outside the range nothing is touched.
		expect(await metricsTable()).toEqual(new Map([
			[`${templateId}|2026-03-02|view`, 1],
			[`${templateId}|2026-03-03|share`, 2],
		]))
	})

	test('a dry run reports what it would do and changes nothing', async () => {
		const [templateId] = TEMPLATE_IDS as [string]
		await database.db.delete(communityMetricsDaily)
		await replaceEvents([{ templateId, eventType: 'view', createdAt: new Date('2026-03-02T08:00:00Z') }])
		const result = await aggregateMetrics({ from: FIRST_DAY, to: LAST_DAY, dryRun: true })
		expect(result).toMatchObject({ status: 'done', dryRun: true, changed: 1, events: 1 })
		expect((await metricsTable()).size).toBe(0)
	})

	test('two runs at once: the second refuses and touches nothing', async () => {
		const [templateId] = TEMPLATE_IDS as [string]
		await database.db.delete(communityMetricsDaily)
		const events: TestEvent[] = [{ templateId, eventType: 'view', createdAt: new Date('2026-03-02T08:00:00Z') }]
		await replaceEvents(events)
		const results = await Promise.all([aggregate().catch((error: Error) => error.message), aggregateMetrics({ from: FIRST_DAY, to: LAST_DAY })])
		expect(results.filter((result) => typeof result === 'object' && result.status === 'locked')).toHaveLength(1)
		expect(await metricsTable()).toEqual(naiveRecount(events))

		const url = getEnv().DATABASE_URL
		if (url) {
			// Another process (here: another session) holds the lock: this run refuses and changes nothing.
			const other = postgres(url, { max: 1, onnotice: () => {} })
			try {
				await other`select pg_advisory_lock(${AGGREGATION_LOCK_KEY})`
				await database.db.insert(communityEvents).values({ templateId, eventType: 'view', createdAt: new Date('2026-03-02T09:00:00Z') })
				const refused = await aggregateMetrics({ from: FIRST_DAY, to: LAST_DAY })
				expect(refused.status).toBe('locked')
				expect(await metricsTable()).toEqual(naiveRecount(events))
				await other`select pg_advisory_unlock(${AGGREGATION_LOCK_KEY})`
				expect((await aggregateMetrics({ from: FIRST_DAY, to: LAST_DAY })).status).toBe('done')
			} finally {
				await other.end()
			}
		}
	})

	test('the cached counters equal the truth after a run', async () => {
		await fc.assert(
			fc.asyncProperty(eventsArbitrary, fc.subarray(TEMPLATE_IDS), fc.subarray(TEMPLATE_IDS), async (events, favoritedByOne, favoritedByTwo) => {
				await replaceEvents(events)
				await database.db.delete(communityFavorites)
				const favorites = [
					...favoritedByOne.map((templateId) => ({ userId: 'metrics-user-1', templateId })),
					...favoritedByTwo.map((templateId) => ({ userId: 'metrics-user-2', templateId })),
				]
				if (favorites.length > 0) await database.db.insert(communityFavorites).values(favorites)
				// The cache drifted (a bump that never happened, one that happened twice).
				await database.db.update(communityTemplates).set({ viewsCount: 999, usesCount: 3, favoritesCount: 7 })
				await aggregate()
				const rows = await database.db.select().from(communityTemplates)
				for (const row of rows) {
					const mine = events.filter((event) => event.templateId === row.id)
					expect({ views: row.viewsCount, uses: row.usesCount, favorites: row.favoritesCount }).toEqual({
						views: mine.filter((event) => event.eventType === 'view').length,
						uses: mine.filter((event) => event.eventType === 'use').length,
						favorites: favorites.filter((favorite) => favorite.templateId === row.id).length,
					})
				}
			}),
			{ numRuns: 10 },
		)
	})

	test('the counters equal the truth after a run over part of the days: the metrics before it, its counts, the events after it', async () => {
		const laterEvent = (fromDay: string) =>
			fc.record({
				templateId: fc.constantFrom(...TEMPLATE_IDS),
				eventType: fc.constantFrom(...EVENT_TYPES),
				// From the run's first day to two days after its last (events after the range are counted from the events).
				createdAt: fc.integer({ min: dayStart(fromDay), max: dayStart(addDays(LAST_DAY, 2)) + 86_399_999 }).map((ms) => new Date(ms)),
			})
		const scenario = fc.tuple(eventsArbitrary, dayArbitrary).chain(([events, from]) => fc.tuple(fc.constant(events), fc.constant(from), fc.array(laterEvent(from), { maxLength: 30 })))
		await fc.assert(
			fc.asyncProperty(scenario, async ([events, from, later]) => {
				await emptyMetrics()
				await database.db.delete(communityFavorites)
				await replaceEvents(events)
				await aggregate()
				await replaceEvents([...events, ...later])
				await database.db.update(communityTemplates).set({ viewsCount: 999, usesCount: 3 })
				await aggregate(from, LAST_DAY)
				const rows = await database.db.select().from(communityTemplates)
				for (const row of rows) {
					const mine = [...events, ...later].filter((event) => event.templateId === row.id)
					expect({ views: row.viewsCount, uses: row.usesCount }).toEqual({
						views: mine.filter((event) => event.eventType === 'view').length,
						uses: mine.filter((event) => event.eventType === 'use').length,
					})
				}
			}),
			{ numRuns: 15 },
		)
	})

	test('a first run over one day still counts the older events into the counters', async () => {
		const [templateId] = TEMPLATE_IDS
		await database.db.delete(communityMetricsDaily)
		await database.db.delete(communityFavorites)
		await replaceEvents([
			{ templateId: templateId!, eventType: 'view', createdAt: new Date(dayStart(FIRST_DAY) + 1000) },
			{ templateId: templateId!, eventType: 'use', createdAt: new Date(dayStart(FIRST_DAY) + 2000) },
			{ templateId: templateId!, eventType: 'view', createdAt: new Date(dayStart(LAST_DAY) + 1000) },
		])
		await aggregate(LAST_DAY, LAST_DAY)
		const [row] = await database.db.select().from(communityTemplates).where(eq(communityTemplates.id, templateId!))
		expect({ views: row!.viewsCount, uses: row!.usesCount }).toEqual({ views: 2, uses: 1 })
	})

	test('bad days are refused before anything runs', async () => {
		await expect(aggregateMetrics({ from: '2026-02-30' })).rejects.toThrow(/YYYY-MM-DD/)
		await expect(aggregateMetrics({ from: '2026-03-05', to: '2026-03-01' })).rejects.toThrow(/empty/)
	})

	test('the demo seed leaves metrics that add up to its events', async () => {
		await database.db.delete(communityEvents)
		await database.db.delete(communityMetricsDaily)
		await database.seed()
		const [row] = await queryRows<{ events: number; metrics: number }>(
			sql`select (select count(*) from ${communityEvents})::int as events, (select coalesce(sum(count), 0) from ${communityMetricsDaily})::int as metrics`,
		)
		expect(row!.events).toBeGreaterThan(1000)
		expect(row!.metrics).toBe(row!.events)
	})
})
