import { randomUUID } from 'node:crypto'
import { inArray } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { DEMO_TEMPLATES, DEMO_USERS } from '#app/db/demo-content.ts'
import { communityEvents } from '#app/db/schema.ts'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { EVENT_WRITE_RATE_LIMIT, MAX_EVENTS_BODY_BYTES } from '#app/models/event-intake.server.ts'
import { SESSION_USER_KEY, sessionStorage } from '#app/utils/session.server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { action, loader } from './api.v1.events.ts'

const database = useTestDatabase({ seed: true })
const templateId = demoTemplateId(DEMO_TEMPLATES[0]!)
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'
let addressCounter = 0

/** Each test speaks from its own address, so the rate limit of one does not spill into another. */
function post(body: unknown, { contentType = 'application/json', headers = {}, address = `10.0.0.${++addressCounter}` } = {}) {
	const request = new Request('http://localhost/api/v1/events', {
		method: 'POST',
		headers: { 'Content-Type': contentType, 'User-Agent': BROWSER, ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	})
	return action({ request, params: {}, context: { clientAddress: address } })
}

async function rowsFor(ids: string[]) {
	return database.db.select().from(communityEvents).where(inArray(communityEvents.id, ids))
}

describe('POST /api/v1/events', () => {
	test('JSON: stores the events, 202 with counts', async () => {
		const ids = [randomUUID(), randomUUID()]
		const response = await post({
			events: [
				{ id: ids[0], templateId, type: 'view', source: 'community_site' },
				{ id: ids[1], templateId, type: 'use', source: 'in_app_panel', projectId: randomUUID(), sceneCount: 2 },
			],
		})
		expect(response.status).toBe(202)
		expect(await response.json()).toEqual({ accepted: 2, duplicates: 0, ignored: 0, rejected: [] })
		const rows = await rowsFor(ids)
		expect(rows.map((row) => row.eventType).sort()).toEqual(['use', 'view'])
		expect(rows.every((row) => row.userAgent === BROWSER && row.userId === null)).toBe(true)
	})

	test('text/plain from sendBeacon is accepted; the signed-in user is recorded', async () => {
		const user = DEMO_USERS[0]!
		const session = await sessionStorage().getSession()
		session.set(SESSION_USER_KEY, user.id)
		const cookie = (await sessionStorage().commitSession(session)).split(';')[0]!
		const id = randomUUID()
		const response = await post(JSON.stringify({ events: [{ id, templateId, type: 'favorite' }] }), {
			contentType: 'text/plain;charset=UTF-8',
			headers: { Cookie: cookie, Referer: 'https://bazaar.example/t/x' },
		})
		expect(response.status).toBe(202)
		const [row] = await rowsFor([id])
		expect(row).toMatchObject({ userId: user.id, eventType: 'favorite', source: 'direct', referrer: 'https://bazaar.example/t/x' })
	})

	test('partial rejection by index, with reasons; unknown templates are rejected and not stored', async () => {
		const goodId = randomUUID()
		const unknownTemplateEvent = { id: randomUUID(), templateId: randomUUID(), type: 'view' }
		const response = await post({
			events: [
				{ templateId, type: 'teleport' },
				{ id: goodId, templateId, type: 'click' },
				'not an object',
				unknownTemplateEvent,
				{ id: 'nope', templateId, type: 'view', sceneCount: -1 },
			],
		})
		expect(response.status).toBe(202)
		const body = await response.json()
		expect(body).toMatchObject({ accepted: 1, duplicates: 0, ignored: 0 })
		expect(body.rejected.map((entry: { index: number }) => entry.index)).toEqual([0, 2, 3, 4])
		expect(body.rejected[0].issues[0].path).toBe('type')
		expect(body.rejected[2].issues).toEqual([{ path: 'templateId', message: 'No such template' }])
		expect(body.rejected[3].issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['id', 'sceneCount'])
		expect((await rowsFor([goodId, unknownTemplateEvent.id])).map((row) => row.id)).toEqual([goodId])
	})

	test('a retried batch is stored once: duplicates by id', async () => {
		const events = [randomUUID(), randomUUID(), randomUUID()].map((id) => ({ id, templateId, type: 'view' }))
		expect(await (await post({ events })).json()).toMatchObject({ accepted: 3, duplicates: 0 })
		expect(await (await post({ events })).json()).toMatchObject({ accepted: 0, duplicates: 3 })
		expect(await rowsFor(events.map((event) => event.id))).toHaveLength(3)
	})

	test('crawlers are acknowledged but ignored', async () => {
		const id = randomUUID()
		const response = await post({ events: [{ id, templateId, type: 'view' }] }, { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' } })
		expect(response.status).toBe(202)
		expect(await response.json()).toEqual({ accepted: 0, duplicates: 0, ignored: 1, rejected: [] })
		expect(await rowsFor([id])).toHaveLength(0)
	})

	test('400 when no event is valid, or the body is not the envelope', async () => {
		const none = await post({ events: [{ templateId: 'x', type: 'view' }, { templateId: randomUUID(), type: 'view' }] })
		expect(none.status).toBe(400)
		const error = (await none.json()).error
		expect(error.code).toBe('bad_request')
		expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(['events.0.templateId', 'events.1.templateId'])
		expect((await post('{not json')).status).toBe(400)
		expect((await post({ events: [] })).status).toBe(400)
		expect((await post({ events: Array.from({ length: 51 }, () => ({ templateId, type: 'view' })) })).status).toBe(400)
		expect((await post({ events: [{ templateId, type: 'view' }] }, { contentType: 'application/xml' })).status).toBe(415)
	})

	test('413 over the size limit, whether or not Content-Length says so', async () => {
		const padding = 'x'.repeat(MAX_EVENTS_BODY_BYTES)
		const declared = await post({ events: [{ templateId, type: 'view', padding }] })
		expect(declared.status).toBe(413)
		// A streamed body with no Content-Length: the cap still applies while reading.
		const chunk = new TextEncoder().encode(padding.slice(0, 16 * 1024))
		let sent = 0
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent++ < 8) controller.enqueue(chunk)
				else controller.close()
			},
		})
		const request = new Request('http://localhost/api/v1/events', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'User-Agent': BROWSER },
			body: stream,
			duplex: 'half',
		} as RequestInit)
		expect(request.headers.get('content-length')).toBeNull()
		const streamed = await action({ request, params: {}, context: { clientAddress: '10.9.9.9' } })
		expect(streamed.status).toBe(413)
		expect((await streamed.json()).error.code).toBe('payload_too_large')
	})

	test('429 with Retry-After over the rate limit, per visitor and IP', async () => {
		const body = { events: [{ templateId, type: 'view' }] }
		for (let n = 0; n < EVENT_WRITE_RATE_LIMIT.points; n++) {
			expect((await post(body, { address: '192.0.2.1' })).status).toBe(202)
		}
		const limited = await post(body, { address: '192.0.2.1' })
		expect(limited.status).toBe(429)
		expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
		expect((await limited.json()).error.code).toBe('rate_limited')
		// Another address is not affected.
		expect((await post(body, { address: '192.0.2.2' })).status).toBe(202)
	})

	test('GET is not allowed', async () => {
		const response = await loader()
		expect(response.status).toBe(405)
		expect(response.headers.get('Allow')).toBe('POST')
	})
})
