/**
 * Load on loopback: 20,000 events over real HTTP from 50 concurrent clients,
 * some batches re-sent with the same ids (a lost answer, a retried beacon),
 * some ids sent by two clients at once. Afterwards the table must hold exactly
 * one row per distinct acknowledged id, and nothing acknowledged may be missing.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { Readable } from 'node:stream'
import { inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { queryRows } from '#app/db/client.server.ts'
import { DEMO_TEMPLATES } from '#app/db/demo-content.ts'
import { communityEvents } from '#app/db/schema.ts'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { eventWriteStats, resetEventWriteStats } from '#app/models/event.server.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { action } from './api.v1.events.ts'

const PORT = 3341
const TOTAL_EVENTS = 20_000
const CLIENTS = 50

// Fifty clients on one address would hit the per-visitor limit at once; load tests raise it.
process.env.RATE_LIMIT_MULTIPLIER = '1000'
const database = useTestDatabase({ seed: true })
let server: http.Server

beforeAll(async () => {
	resetEnvCache()
	server = http.createServer(async (req, res) => {
		try {
			const request = new Request(`http://127.0.0.1:${PORT}${req.url}`, {
				method: req.method,
				headers: req.headers as Record<string, string>,
				body: req.method === 'POST' ? (Readable.toWeb(req) as ReadableStream) : undefined,
				duplex: 'half',
			} as RequestInit)
			const response = await action({ request, params: {}, context: { clientAddress: req.socket.remoteAddress } })
			res.writeHead(response.status, Object.fromEntries(response.headers))
			res.end(Buffer.from(await response.arrayBuffer()))
		} catch (error) {
			res.writeHead(500).end(String(error))
		}
	})
	server.keepAliveTimeout = 10_000
	await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve))
})

afterAll(async () => {
	await new Promise((resolve) => server?.close(resolve))
	delete process.env.RATE_LIMIT_MULTIPLIER
	resetEnvCache()
})

test('20,000 events from 50 clients with retries: one row per acknowledged id, none missing', { timeout: 240_000 }, async () => {
	const templateIds = DEMO_TEMPLATES.slice(0, 8).map(demoTemplateId)
	const types = ['view', 'click', 'use'] as const
	// Deterministic batch sizes between 1 and 50; every event has its own id.
	const batches: Array<Array<{ id: string; templateId: string; type: string }>> = []
	let made = 0
	for (let n = 0; made < TOTAL_EVENTS; n++) {
		const size = Math.min(TOTAL_EVENTS - made, 1 + ((n * 37) % 50))
		batches.push(Array.from({ length: size }, (_, i) => ({ id: randomUUID(), templateId: templateIds[(n + i) % templateIds.length]!, type: types[(n + i) % 3]! })))
		made += size
	}
	// Every 7th batch is also sent by another client at the same time (the same ids twice in flight).
	const shared = batches.filter((_, index) => index % 7 === 0)

	const acknowledged = new Set<string>()
	let requests = 0
	let resent = 0
	let duplicatesReported = 0
	let acceptedReported = 0
	let eventsAnswered = 0
	async function send(events: (typeof batches)[number]) {
		for (let attempt = 0; ; attempt++) {
			requests++
			const response = await fetch(`http://127.0.0.1:${PORT}/api/v1/events`, {
				method: 'POST',
				// Half of the clients speak like sendBeacon.
				headers: { 'Content-Type': requests % 2 ? 'application/json' : 'text/plain;charset=UTF-8', 'User-Agent': 'Mozilla/5.0 load-test Chrome/124' },
				body: JSON.stringify({ events }),
			})
			if (response.status === 202) {
				const answer = (await response.json()) as { accepted: number; duplicates: number; rejected: Array<{ index: number }> }
				expect(answer.rejected).toEqual([])
				duplicatesReported += answer.duplicates
				acceptedReported += answer.accepted
				eventsAnswered += events.length
				for (const event of events) acknowledged.add(event.id)
				return
			}
			// 503 means "not committed, retry with the same ids"; anything else is a bug.
			expect(response.status).toBe(503)
			await response.arrayBuffer()
			if (attempt > 5) throw new Error('too many retries')
		}
	}

	let next = 0
	const work = [...batches, ...shared]
	resetEventWriteStats()
	await Promise.all(
		Array.from({ length: CLIENTS }, async () => {
			while (next < work.length) {
				const events = work[next++]!
				await send(events)
				// Every 5th answer is "lost": the client sends the same batch again.
				if (next % 5 === 0) {
					resent++
					await send(events)
				}
			}
		}),
	)

	const sentIds = batches.flat().map((event) => event.id)
	expect(acknowledged.size).toBe(TOTAL_EVENTS)
	const [counts] = await queryRows<{ rows: number; distinct_ids: number }>(
		sql`select count(*)::int as rows, count(distinct id)::int as distinct_ids from ${communityEvents} where user_agent = 'Mozilla/5.0 load-test Chrome/124'`,
	)
	expect(counts).toEqual({ rows: acknowledged.size, distinct_ids: acknowledged.size })
	const present = new Set<string>()
	for (let start = 0; start < sentIds.length; start += 5000) {
		const rows = await database.db
			.select({ id: communityEvents.id })
			.from(communityEvents)
			.where(inArray(communityEvents.id, sentIds.slice(start, start + 5000)))
		for (const row of rows) present.add(row.id)
	}
	expect([...acknowledged].filter((id) => !present.has(id))).toEqual([])
	// Each event was answered "accepted" exactly once; every other answer for it said "duplicate".
	expect(acceptedReported).toBe(TOTAL_EVENTS)
	expect(duplicatesReported).toBe(eventsAnswered - TOTAL_EVENTS)
	expect(duplicatesReported).toBeGreaterThan(0)
	const stats = eventWriteStats()
	expect(stats.batches).toBeLessThan(stats.calls)
	console.log(
		`load: ${requests} requests (${resent} re-sent, ${shared.length} sent twice at once), ${TOTAL_EVENTS} distinct events, ` +
			`${duplicatesReported} duplicates answered, ${stats.calls} recordEvents calls in ${stats.batches} INSERTs`,
	)
})
