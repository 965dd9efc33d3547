import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import postgres from 'postgres'
import { beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '#app/db/client.server.ts'
import { communityMetricsDaily, communityTemplates, communityTrendingScores, communityTrendingWindow } from '#app/db/schema.ts'
import { getEnv } from '#app/utils/env.server.ts'
import type { TemplateFilters } from '#app/utils/template-filters.ts'
import { EVENT_TYPES } from '#app/vocabulary.ts'
import { serverDatabaseUrl, useTestDatabase } from '#tests/setup/test-database.ts'
import { aggregateMetrics, utcDay } from './metrics.server.ts'
import { searchTemplates } from './template.server.ts'
import { moveTrendingWindow } from './trending.server.ts'

const database = useTestDatabase({ seed: true })
const TEMPLATE_IDS = [randomUUID(), randomUUID(), randomUUID(), randomUUID()]
const CATEGORIES = ['data', 'social', 'intros'] as const

/** A day `ago` UTC days before today, by the database's clock (the window's). */
async function daysAgo(ago: number) {
	const [row] = await queryRows<{ day: string }>(sql`select to_char((now() at time zone 'utc')::date - ${ago}::int, 'YYYY-MM-DD') as day`)
	return row!.day
}

async function windowSince() {
	const [row] = await database.db.select().from(communityTrendingWindow)
	return row?.since ?? null
}

/** What the scores must hold: the weighted metrics from the window's first day on, per template, where positive. */
async function recountedScores() {
	const rows = await queryRows<{ template_id: string; score: string }>(sql`
		select template_id, sum(count * bazaar_trending_weight(event_type)) as score
		from ${communityMetricsDaily}
		where day >= (select since from ${communityTrendingWindow})
		group by template_id having sum(count * bazaar_trending_weight(event_type)) > 0
		order by template_id`)
	return rows.map((row) => [row.template_id, Number(row.score)])
}

async function storedScores() {
	const rows = await database.db.select().from(communityTrendingScores).orderBy(communityTrendingScores.templateId)
	return rows.map((row) => [row.templateId, Number(row.score)])
}

beforeAll(async () => {
	await database.db.insert(communityTemplates).values(
		TEMPLATE_IDS.map((id, index) => ({ id, slug: `trending-${index}`, title: `Trending ${index}`, category: CATEGORIES[index % CATEGORIES.length] })),
	)
})

describe('stored trending scores', () => {
	test('the seeded demo has its scores, for the current window', async () => {
		expect(await windowSince()).toBe(await daysAgo(6))
		expect((await storedScores()).length).toBeGreaterThan(10)
		expect(await storedScores()).toEqual(await recountedScores())
	})

	test('any write to the metrics keeps the scores equal to a recount: inserts, upserts, updates, deletes, in the window or before it', async () => {
		const days = await Promise.all([0, 1, 3, 6, 7, 9].map((ago) => daysAgo(ago)))
		const rowArbitrary = fc.record({
			templateId: fc.constantFrom(...TEMPLATE_IDS),
			day: fc.constantFrom(...days),
			eventType: fc.constantFrom(...EVENT_TYPES),
			count: fc.integer({ min: 0, max: 500 }),
		})
		const writeArbitrary = fc.oneof(
			fc.record({ kind: fc.constant('upsert' as const), rows: fc.uniqueArray(rowArbitrary, { maxLength: 8, selector: (row) => `${row.templateId}|${row.day}|${row.eventType}` }) }),
			fc.record({ kind: fc.constant('update' as const), templateId: fc.constantFrom(...TEMPLATE_IDS), by: fc.integer({ min: -50, max: 50 }) }),
			fc.record({ kind: fc.constant('delete' as const), templateId: fc.constantFrom(...TEMPLATE_IDS), day: fc.constantFrom(...days) }),
		)
		await fc.assert(
			fc.asyncProperty(fc.array(writeArbitrary, { maxLength: 6 }), async (writes) => {
				for (const write of writes) {
					if (write.kind === 'upsert' && write.rows.length > 0) {
						// INSERT … ON CONFLICT fires both the insert and the update triggers, each with its own rows.
						await database.db
							.insert(communityMetricsDaily)
							.values(write.rows)
							.onConflictDoUpdate({ target: [communityMetricsDaily.templateId, communityMetricsDaily.day, communityMetricsDaily.eventType], set: { count: sql`excluded.count` } })
					} else if (write.kind === 'update') {
						await database.db
							.update(communityMetricsDaily)
							.set({ count: sql`greatest(0, ${communityMetricsDaily.count} + ${write.by})` })
							.where(eq(communityMetricsDaily.templateId, write.templateId))
					} else if (write.kind === 'delete') {
						await database.db.delete(communityMetricsDaily).where(sql`${communityMetricsDaily.templateId} = ${write.templateId} and ${communityMetricsDaily.day} = ${write.day}`)
					}
				}
				expect(await storedScores()).toEqual(await recountedScores())
			}),
			{ numRuns: 40 },
		)
	})

	test('a deleted template takes its score with it; emptying the metrics empties the scores', async () => {
		const [doomed] = await database.db.insert(communityTemplates).values({ slug: 'trending-doomed', title: 'Doomed' }).returning({ id: communityTemplates.id })
		await database.db.insert(communityMetricsDaily).values({ templateId: doomed!.id, day: await daysAgo(1), eventType: 'use', count: 3 })
		expect(await storedScores()).toContainEqual([doomed!.id, 24])
		await database.db.delete(communityTemplates).where(eq(communityTemplates.id, doomed!.id))
		expect((await storedScores()).map(([id]) => id)).not.toContain(doomed!.id)
		expect(await storedScores()).toEqual(await recountedScores())
		await database.db.execute(sql`truncate ${communityMetricsDaily}`)
		expect(await storedScores()).toEqual([])
	})

	// PostgreSQL only: PGlite runs one transaction at a time, so nothing can interleave there.
	test.runIf(serverDatabaseUrl)('two writers adding to the same template at once: the score holds both', async () => {
		const url = getEnv().DATABASE_URL!
		const [first, second] = [postgres(url, { max: 1, onnotice: () => {} }), postgres(url, { max: 1, onnotice: () => {} })]
		try {
			const templateId = TEMPLATE_IDS[0]!
			await database.db.delete(communityMetricsDaily).where(eq(communityMetricsDaily.templateId, templateId))
			const [dayOne, dayTwo] = [await daysAgo(1), await daysAgo(2)]
			const metrics = '"bazaar-vid_community_metrics_daily"'
			let secondWriter: Promise<unknown> | undefined
			await first.begin(async (one) => {
				await one.unsafe(`insert into ${metrics} (template_id, day, event_type, count) values ($1, $2, 'view', 10)`, [templateId, dayOne])
				// The second writer's score update waits for this one's row lock, then adds to what this one commits.
				secondWriter = second.begin((two) => two.unsafe(`insert into ${metrics} (template_id, day, event_type, count) values ($1, $2, 'use', 1)`, [templateId, dayTwo]))
				await waitForLockWaiter(one)
			})
			await secondWriter
			expect(await storedScores()).toContainEqual([templateId, 18])
			expect(await storedScores()).toEqual(await recountedScores())
		} finally {
			await Promise.all([first.end(), second.end()])
		}
	})

	test('moving the window recounts every score for the new one, once a day; the aggregation moves it', async () => {
		await database.db.insert(communityMetricsDaily).values({ templateId: TEMPLATE_IDS[1]!, day: await daysAgo(8), eventType: 'mix', count: 7 }).onConflictDoNothing()
		// As if the last move was two days ago: its window counts day -8, today's does not.
		await queryRows(sql`select bazaar_refresh_trending_scores(${await daysAgo(8)}::date)`)
		expect(await windowSince()).toBe(await daysAgo(8))
		expect(await storedScores()).toEqual(await recountedScores())
		const oldWindow = await storedScores()
		expect(await moveTrendingWindow()).toBe(true)
		expect(await windowSince()).toBe(await daysAgo(6))
		expect(await storedScores()).toEqual(await recountedScores())
		expect(await storedScores()).not.toEqual(oldWindow)
		expect(await moveTrendingWindow()).toBe(false)

		await database.db.update(communityTrendingWindow).set({ since: await daysAgo(8) })
		const today = utcDay(new Date())
		const result = await aggregateMetrics({ from: today, to: today })
		expect(result.status).toBe('done')
		expect(await windowSince()).toBe(await daysAgo(6))
		expect(await storedScores()).toEqual(await recountedScores())
	})
})

describe('the gallery by trending', () => {
	beforeAll(async () => {
		// Enough templates for several pages on each side of the last scored one, with ties in score and in popularity.
		await database.db.execute(sql`
			insert into ${communityTemplates} (slug, title, category, supported_formats, views_count, favorites_count, uses_count)
			select 'trend-bulk-' || i, 'Trend bulk ' || i, (array['data', 'social', 'intros'])[1 + i % 3],
				case i % 2 when 0 then '["landscape"]'::jsonb else '["portrait","square"]'::jsonb end,
				(i * 37) % 11, i % 3, 0
			from generate_series(1, 90) as i`)
		await database.db.execute(sql`
			insert into ${communityMetricsDaily} (template_id, day, event_type, count)
			select id, (now() at time zone 'utc')::date - (n % 9)::int, (array['view', 'use', 'favorite'])[1 + n % 3], n % 4
			from (select id, row_number() over (order by slug) as n from ${communityTemplates} where slug like 'trend-bulk-%') as bulk
			where n % 2 = 0
			on conflict do nothing`)
	})

	test('pages from the stored scores equal pages counted from the metrics, whatever the filters, across the scored and unscored', async () => {
		const cases: TemplateFilters[] = [{}, { category: 'data' }, { format: 'portrait' }, { category: 'social', format: 'landscape' }, { q: 'trend' }]
		const pages = async () => {
			const all: unknown[] = []
			for (const filters of cases) {
				for (const page of [1, 2, 3, 4, 5, 6, 7, 9, 12]) {
					const result = await searchTemplates({ ...filters, sort: 'trending' }, { page, pageSize: 9 })
					all.push({ filters, page, total: result.total, slugs: result.items.map((item) => item.slug) })
				}
			}
			return all
		}
		expect(await windowSince()).toBe(await daysAgo(6))
		const stored = await pages()
		// An old window: the gallery counts every score from the metrics, as before the scores were stored.
		await database.db.update(communityTrendingWindow).set({ since: await daysAgo(7) })
		try {
			expect(await pages()).toEqual(stored)
			// No window at all (its row deleted by hand): counted too, never an empty page.
			await database.db.delete(communityTrendingWindow)
			expect(await pages()).toEqual(stored)
		} finally {
			expect(await moveTrendingWindow()).toBe(true)
		}
		expect(await windowSince()).toBe(await daysAgo(6))
		const firstPage = (stored[0] as { slugs: string[] }).slugs
		expect(firstPage).toHaveLength(9)
	})
})

/** Resolves once another session of this database waits on a lock (the second writer queued behind the first). */
async function waitForLockWaiter(sqlClient: postgres.TransactionSql) {
	for (;;) {
		// A transaction sees one snapshot of pg_stat_activity until it clears it.
		await sqlClient`select pg_stat_clear_snapshot()`
		const [row] = await sqlClient`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`
		if ((row?.waiting ?? 0) > 0) return
		await sqlClient`select pg_sleep(0.01)`
	}
}
