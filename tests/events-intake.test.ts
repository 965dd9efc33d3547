/**
 * POST /api/v1/events is answered by the server itself, before Express and
 * Remix (server/events-intake.ts), for speed. A beacon or the widget must not
 * be able to tell: for every kind of batch the server answers exactly what the
 * route's action answers (status, body, the headers a client reads), plus what
 * the server adds to every API answer (nosniff, CORS). Behind a proxy
 * (TRUST_PROXY) the rate limit counts by the forwarded address, as for every
 * other route.
 */
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { EVENT_WRITE_RATE_LIMIT } from '#app/models/event-intake.server.ts'
import { action } from '#app/routes/api.v1.events.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { createTemplate, createUser, sessionCookieFor } from '#tests/fixtures/community-factories.ts'
import { TEST_ORIGIN, useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'

// Read when the server starts (server/client-address.ts): the forwarded address is the client's.
process.env.TRUST_PROXY = '1'
resetEnvCache()
useTestDatabase({ seed: true })
const app = useAppRequestHandler()

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

let templateId: string
let cookie: string
beforeAll(async () => {
	const user = await createUser()
	templateId = (await createTemplate(user.id)).id
	cookie = await sessionCookieFor(user.id)
})

type Batch = { contentType?: string; headers?: Record<string, string>; body: string }
const json = (value: unknown): Batch => ({ body: JSON.stringify(value) })
const event = (overrides: Record<string, unknown> = {}) => ({ id: randomUUID(), templateId, type: 'view', source: 'community_site', ...overrides })

/** Each case makes its batches afresh (new ids) for each of the two ways, so both store what they send. */
const cases: Array<{ name: string; batches: () => Batch[] }> = [
	{ name: 'two valid events', batches: () => [json({ events: [event(), event({ type: 'use', source: 'in_app_panel', projectId: randomUUID(), sceneCount: 3 })] })] },
	{ name: 'a text/plain beacon with the session cookie', batches: () => [{ contentType: 'text/plain;charset=UTF-8', headers: { cookie }, body: JSON.stringify({ events: [event({ type: 'favorite' })] }) }] },
	{
		name: 'valid, invalid and unknown-template events together',
		batches: () => [json({ events: [event({ type: 'teleport' }), event(), 'not an object', event({ templateId: randomUUID() }), event({ id: 'nope', sceneCount: -1 })] })],
	},
	{
		name: 'the same batch twice (a retried beacon)',
		batches: () => {
			const batch = json({ events: [event(), event()] })
			return [batch, batch]
		},
	},
	{ name: 'a crawler', batches: () => [{ headers: { 'user-agent': CRAWLER }, body: JSON.stringify({ events: [event()] }) }] },
	{ name: 'not JSON', batches: () => [{ body: '{not json' }] },
	{ name: 'not the envelope', batches: () => [json([event()])] },
	{ name: 'no valid event', batches: () => [json({ events: [event({ templateId: 'x' }), event({ templateId: randomUUID() })] })] },
	{ name: '51 events', batches: () => [json({ events: Array.from({ length: 51 }, () => event()) })] },
	{ name: 'another content type', batches: () => [{ contentType: 'application/xml', body: JSON.stringify({ events: [event()] }) }] },
	{ name: 'an editor token that does not verify', batches: () => [{ headers: { authorization: 'Bearer not-a-token' }, body: JSON.stringify({ events: [event()] }) }] },
	{ name: 'another authorization scheme', batches: () => [{ headers: { authorization: 'Basic dXNlcjpwYXNz' }, body: JSON.stringify({ events: [event()] }) }] },
]

function eventsRequest(batch: Batch, address: string) {
	return new Request(new URL('/api/v1/events', TEST_ORIGIN), {
		method: 'POST',
		headers: { 'content-type': batch.contentType ?? 'application/json', 'user-agent': BROWSER, 'x-forwarded-for': address, ...batch.headers },
		body: batch.body,
	})
}

/** What a client can see of an answer. Ids it sent are its own, so they are left out of the comparison. */
async function seen(response: Response) {
	const headers = Object.fromEntries(['content-type', 'cache-control', 'retry-after', 'www-authenticate'].map((name) => [name, response.headers.get(name)]))
	return { status: response.status, headers, body: (await response.json()) as unknown }
}

describe('the server answers event batches exactly as the route’s action does', () => {
	test.each(cases)('$name', async ({ batches }) => {
		const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`
		const throughServer = []
		for (const batch of batches()) {
			const response = await app.fetch(eventsRequest(batch, address))
			// What the server adds to every API answer.
			expect(response.headers.get('x-content-type-options')).toBe('nosniff')
			expect(response.headers.get('vary')).toMatch(/Origin/)
			throughServer.push(await seen(response))
		}
		const throughAction = []
		for (const batch of batches()) {
			// Remix answers a thrown Response (the 401 of a bad token) as it is.
			const answer = await action({ request: eventsRequest(batch, address), params: {}, context: { clientAddress: `${address}-action` } }).catch((thrown: unknown) => {
				if (thrown instanceof Response) return thrown
				throw thrown
			})
			throughAction.push(await seen(answer))
		}
		expect(throughServer).toEqual(throughAction)
		expect(throughServer[0]!.status).not.toBe(500)
	})
})

test('behind a proxy each forwarded address has its own limit; the 429 says when to retry', async () => {
	const batch = () => ({ body: JSON.stringify({ events: [event()] }) })
	for (let n = 0; n < EVENT_WRITE_RATE_LIMIT.points; n++) expect((await app.fetch(eventsRequest(batch(), '203.0.113.7'))).status).toBe(202)
	const refused = await app.fetch(eventsRequest(batch(), '203.0.113.7'))
	expect(refused.status).toBe(429)
	expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
	expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } })
	expect((await app.fetch(eventsRequest(batch(), '203.0.113.8'))).status).toBe(202)
})
