import { randomUUID } from 'node:crypto'
import { count, eq, inArray } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { DEMO_TEMPLATES } from '#app/db/demo-content.ts'
import { communityEvents } from '#app/db/schema.ts'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { eventWriteStats, recordEventOutcomes, recordEvents, resetEventWriteStats } from './event.server.ts'

const database = useTestDatabase({ seed: true })
const templateId = demoTemplateId(DEMO_TEMPLATES[0]!)
const otherTemplateId = demoTemplateId(DEMO_TEMPLATES[1]!)
const browser = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124 Safari/537.36' }

async function storedIds(ids: string[]) {
	const rows = await database.db.select({ id: communityEvents.id }).from(communityEvents).where(inArray(communityEvents.id, ids))
	return new Set(rows.map((row) => row.id))
}

beforeEach(() => resetEventWriteStats())

describe('recordEvents', () => {
	test('stores events with the request context and answers per caller after commit', async () => {
		const id = randomUUID()
		const result = await recordEvents(
			[{ id, templateId, type: 'use', source: 'in_app_panel', projectId: randomUUID(), sceneCount: 3 }],
			{ ...browser, userId: 'demo-user', referrer: `https://example.com/${'x'.repeat(2000)}` },
		)
		expect(result).toEqual({ stored: 1, duplicates: 0, ignored: 0, unknownTemplates: 0 })
		const [row] = await database.db.select().from(communityEvents).where(eq(communityEvents.id, id))
		expect(row).toMatchObject({ templateId, eventType: 'use', source: 'in_app_panel', sceneCount: 3, userId: 'demo-user' })
		expect(row!.referrer!.length).toBe(1024)
		expect(row!.userAgent).toBe(browser.userAgent)
	})

	test('a retried id is stored once and reported as a duplicate', async () => {
		const id = randomUUID()
		expect(await recordEvents([{ id, templateId, type: 'view' }], browser)).toMatchObject({ stored: 1, duplicates: 0 })
		expect(await recordEvents([{ id, templateId, type: 'view' }], browser)).toMatchObject({ stored: 0, duplicates: 1 })
		// The same id twice in one call, and from two concurrent callers.
		const twice = randomUUID()
		expect(await recordEventOutcomes([{ id: twice, templateId, type: 'view' }, { id: twice, templateId, type: 'view' }], browser)).toEqual([
			'stored',
			'duplicate',
		])
		const racing = randomUUID()
		const answers = await Promise.all([1, 2, 3].map(() => recordEvents([{ id: racing, templateId, type: 'view' }], browser)))
		expect(answers.map((answer) => answer.stored).sort()).toEqual([0, 0, 1])
		const [{ total }] = (await database.db.select({ total: count() }).from(communityEvents).where(inArray(communityEvents.id, [id, twice, racing]))) as [{ total: number }]
		expect(total).toBe(3)
	})

	test('crawlers are ignored and unknown templates are not stored', async () => {
		const botId = randomUUID()
		expect(await recordEvents([{ id: botId, templateId, type: 'view' }], { userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' })).toEqual({
			stored: 0,
			duplicates: 0,
			ignored: 1,
			unknownTemplates: 0,
		})
		const good = randomUUID()
		const orphan = randomUUID()
		expect(
			await recordEventOutcomes(
				[
					{ id: orphan, templateId: randomUUID(), type: 'view' },
					{ id: good, templateId, type: 'view' },
				],
				browser,
			),
		).toEqual(['unknown_template', 'stored'])
		expect(await storedIds([botId, good, orphan])).toEqual(new Set([good]))
	})

	test('group commit: concurrent calls share fewer INSERTs, each caller gets its own counts', async () => {
		const callers = Array.from({ length: 60 }, (_, index) => ({
			events: Array.from({ length: (index % 5) + 1 }, () => ({ id: randomUUID(), templateId: index % 2 ? templateId : otherTemplateId, type: 'view' as const })),
		}))
		// A third of the callers resend one id that is already stored: they must see exactly that one duplicate.
		const existing = randomUUID()
		await recordEvents([{ id: existing, templateId, type: 'click' }], browser)
		resetEventWriteStats()
		for (const caller of callers.filter((_, index) => index % 3 === 0)) caller.events.push({ id: existing, templateId, type: 'view' })

		const results = await Promise.all(callers.map((caller) => recordEvents(caller.events, browser)))
		results.forEach((result, index) => {
			const resent = index % 3 === 0 ? 1 : 0
			expect(result).toEqual({ stored: callers[index]!.events.length - resent, duplicates: resent, ignored: 0, unknownTemplates: 0 })
		})
		const stats = eventWriteStats()
		expect(stats.calls).toBe(60)
		expect(stats.batches).toBeLessThan(stats.calls)
		expect(stats.failedBatches).toBe(0)
		const allIds = callers.flatMap((caller) => caller.events.map((event) => event.id))
		expect((await storedIds(allIds)).size).toBe(new Set(allIds).size)
	})

	test('a failing batch rejects every caller of that batch and stores none of their rows', async () => {
		const goodIds = Array.from({ length: 10 }, () => randomUUID())
		const calls = goodIds.map((id) => recordEvents([{ id, templateId, type: 'view' }], browser))
		// Not a uuid: PostgreSQL refuses the whole statement.
		const broken = recordEvents([{ id: 'not-a-uuid', templateId, type: 'view' }], browser)
		const settled = await Promise.allSettled([...calls, broken])
		const stats = eventWriteStats()
		expect(stats.failedBatches).toBeGreaterThanOrEqual(1)
		expect(settled.at(-1)!.status).toBe('rejected')
		const rejected = settled.filter((outcome) => outcome.status === 'rejected').length
		const fulfilled = settled.filter((outcome) => outcome.status === 'fulfilled').length
		// Callers that shared the broken batch were all rejected; none of them is stored.
		const stored = await storedIds(goodIds)
		expect(stored.size).toBe(fulfilled)
		// They were all waiting in the same few milliseconds, so they shared the broken batch.
		expect(rejected).toBe(11)
		expect(stats.batches).toBe(1)
		settled.slice(0, -1).forEach((outcome, index) => {
			expect(stored.has(goodIds[index]!)).toBe(outcome.status === 'fulfilled')
		})
	})

	test('inside a transaction the rows commit or roll back with it, without group commit', async () => {
		const kept = randomUUID()
		const rolledBack = randomUUID()
		await database.db.transaction(async (tx) => {
			expect(await recordEvents([{ id: kept, templateId, type: 'use' }], browser, tx)).toMatchObject({ stored: 1 })
		})
		await database.db
			.transaction(async (tx) => {
				await recordEvents([{ id: rolledBack, templateId, type: 'use' }], browser, tx)
				throw new Error('roll back')
			})
			.catch(() => {})
		expect(eventWriteStats().batches).toBe(0)
		expect(await storedIds([kept, rolledBack])).toEqual(new Set([kept]))
	})
})
