/**
 * Two production app processes (`node build/server-entry/index.js`, NODE_ENV=production) on
 * different ports share one PostgreSQL database and one Redis, as they would
 * behind a load balancer (docs/scaling.md). A session made on one is valid on
 * the other, rate limits are counted once across both, and an event sent to
 * both with the same client id is stored once. The anonymous page cache is
 * shared through Redis too, and so is its invalidation.
 *
 * Needs PostgreSQL (DATABASE_URL, or the local server) and Redis (REDIS_URL,
 * default redis://127.0.0.1:6379). Without Redis it fails: shared limits are
 * what this test proves. `npm run test:instances` runs it alone.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { sendOverHttp } from '#tests/setup/app-request-handler.ts'
import {
	cookiesFrom,
	createSeededDatabase,
	dropDatabase,
	ensureProductionBuild,
	serverPostgresUrl,
	startAppProcess,
} from '#tests/fixtures/app-process.mjs'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const PORTS = [Number(process.env.INSTANCES_PORT ?? 3391), Number(process.env.INSTANCES_PORT ?? 3391) + 1] as const
const SIGNING_SECRET = 'instances-signing-secret'
/** A browser's User-Agent: events from crawlers (isbot, which counts Node's fetch as one) are ignored. */
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'
/** Every limit × 0.1: favorites allow 6 a minute per user, event batches 12 per visitor and address. */
const RATE_LIMIT_MULTIPLIER = 0.1
const FAVORITE_LIMIT = Math.round(60 * RATE_LIMIT_MULTIPLIER)

type App = Awaited<ReturnType<typeof startAppProcess>>
const databaseName = `bazaar_instances_${process.pid}_${randomBytes(3).toString('hex')}`
let databaseUrl: string
let apps: App[] = []
let sql: postgres.Sql

async function requireRedis() {
	const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null })
	redis.on('error', () => {})
	try {
		await redis.connect()
		await redis.ping()
	} catch (error) {
		throw new Error(
			`Redis is not reachable at ${REDIS_URL} (${error instanceof Error ? error.message : error}). ` +
				'The several-instances test proves that rate limits are shared through Redis: start redis-server or set REDIS_URL.',
		)
	} finally {
		redis.disconnect()
	}
}

beforeAll(async () => {
	await requireRedis()
	ensureProductionBuild()
	databaseUrl = await createSeededDatabase({ name: databaseName })
	sql = postgres(databaseUrl, { max: 2, onnotice: () => {} })
	const env = {
		DATABASE_URL: databaseUrl,
		REDIS_URL,
		BAZAAR_SIGNING_SECRET: SIGNING_SECRET,
		SESSION_SECRET: 'instances-session-secret',
		AUTH_DEMO_LOGIN: '1',
		RATE_LIMIT_MULTIPLIER: String(RATE_LIMIT_MULTIPLIER),
		// Each test run sends its events from its own made-up address (X-Forwarded-For), so runs never share a limit.
		TRUST_PROXY: '1',
	}
	apps = await Promise.all(PORTS.map((port) => startAppProcess({ port, env })))
}, 180_000)

afterAll(async () => {
	const exits = await Promise.all(apps.map((app) => app.stop()))
	await sql?.end()
	await dropDatabase({ name: databaseName })
	for (const [index, exit] of exits.entries()) expect(exit, apps[index]!.output()).toEqual({ code: 0, signal: null })
})

async function firstTemplateId(app: App) {
	const response = await fetch(`${app.url}/api/v1/templates?limit=1`)
	const body = (await response.json()) as { items: Array<{ id: string }> }
	return body.items[0]!.id
}

describe('two app instances on one database and one Redis', () => {
	test('a session made on one instance is valid on the other', async () => {
		const [a, b] = apps as [App, App]
		const anonymous = await fetch(`${b.url}/me/favorites`, { redirect: 'manual' })
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('location')).toMatch(/^\/login/)

		const login = await fetch(`${a.url}/login`, {
			method: 'POST',
			body: new URLSearchParams({ email: 'maya@bazaar.example', returnTo: '/me/favorites' }),
			headers: { Origin: a.url },
			redirect: 'manual',
		})
		expect(login.status).toBe(302)
		const cookie = cookiesFrom(login)
		expect(cookie).toMatch(/__bazaar_session=/)

		for (const app of [b, a]) {
			const page = await fetch(`${app.url}/me/favorites`, { headers: { Cookie: cookie }, redirect: 'manual' })
			expect(page.status, `instance on port ${app.port}`).toBe(200)
			expect(await page.text()).toContain('Maya Chen')
		}
	})

	test('a rate limit is counted once across both instances', async () => {
		const templateId = await firstTemplateId(apps[0]!)
		// A user nobody else has: the limit key (the user id) starts empty, whatever else ran against this Redis.
		const sub = `instances-${randomUUID()}`
		const token = await signBazaarToken({ sub, email: `${sub}@example.test`, name: 'Instance Tester' }, { secret: SIGNING_SECRET })
		const statuses: number[] = []
		let retryAfter: string | null = null
		for (let attempt = 0; attempt < FAVORITE_LIMIT * 2; attempt++) {
			const app = apps[attempt % 2]!
			const response = await fetch(`${app.url}/api/v1/templates/${templateId}/favorite`, {
				method: attempt % 4 < 2 ? 'PUT' : 'DELETE',
				headers: { Authorization: `Bearer ${token}` },
			})
			statuses.push(response.status)
			if (response.status === 429) retryAfter ??= response.headers.get('retry-after')
			await response.arrayBuffer()
		}
		console.log(`favorite limit ${FAVORITE_LIMIT}/min per user, ${FAVORITE_LIMIT * 2} requests alternating between ports ${PORTS.join(' and ')}: ${statuses.join(' ')}`)
		// With limits kept per process each instance would allow FAVORITE_LIMIT, so all 2N would pass.
		expect(statuses).toEqual([...Array(FAVORITE_LIMIT).fill(200), ...Array(FAVORITE_LIMIT).fill(429)])
		expect(Number(retryAfter)).toBeGreaterThan(0)
	})

	test('a page one instance cached is served by the other, and a moderation on one drops it on both', async () => {
		const [a, b] = apps as [App, App]
		const [template] = await sql<Array<{ id: string; slug: string }>>`
			select id, slug from "bazaar-vid_community_templates" where visibility = 'public' and status = 'active' order by slug desc limit 1`
		const path = `/t/${template!.slug}`
		// Both instances answer as one site (one Host), as behind a load balancer.
		const get = (app: App) => sendOverHttp(app.port, new Request(`http://community.test${path}`))
		expect((await get(a)).status).toBe(200)
		// Kept once written: the next request to the same instance is served from the cache.
		expect((await get(a)).headers.get('x-page-cache')).toBe('hit')
		const fromOther = await get(b)
		expect(fromOther.status).toBe(200)
		expect(fromOther.headers.get('x-page-cache')).toBe('hit')

		const login = await fetch(`${a.url}/login`, {
			method: 'POST',
			body: new URLSearchParams({ email: 'admin@bazaar.example', returnTo: '/admin/templates' }),
			headers: { Origin: a.url },
			redirect: 'manual',
		})
		const disabled = await fetch(`${a.url}/admin/templates`, {
			method: 'POST',
			body: new URLSearchParams({ intent: 'disable', templateId: template!.id, reason: 'Instances test' }),
			headers: { Origin: a.url, Cookie: cookiesFrom(login) },
			redirect: 'manual',
		})
		expect(disabled.status).toBeLessThan(400)
		for (const app of [b, a]) expect((await get(app)).status, `instance on port ${app.port}`).toBe(404)
	})

	test('an event sent to both instances with the same client id is stored once', async () => {
		const templateId = await firstTemplateId(apps[0]!)
		const visitorAddress = `127.${1 + (process.pid % 250)}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`
		const ids = Array.from({ length: 10 }, () => randomUUID())
		const answers = await Promise.all(
			apps.map(async (app) => {
				const response = await fetch(`${app.url}/api/v1/events`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': visitorAddress, 'User-Agent': BROWSER },
					body: JSON.stringify({ events: ids.map((id) => ({ id, templateId, type: 'view', source: 'direct' })) }),
				})
				return { status: response.status, body: (await response.json()) as { accepted: number; duplicates: number } }
			}),
		)
		expect(answers.map((answer) => answer.status)).toEqual([202, 202])
		// Both were acknowledged; between them each id was accepted once and seen as a duplicate once.
		expect(answers.reduce((sum, answer) => sum + answer.body.accepted, 0)).toBe(ids.length)
		expect(answers.reduce((sum, answer) => sum + answer.body.duplicates, 0)).toBe(ids.length)
		const rows = await sql<Array<{ id: string; n: number }>>`
			select id::text, count(*)::int as n from "bazaar-vid_community_events" where id in ${sql(ids)} group by id`
		expect(rows).toHaveLength(ids.length)
		expect(rows.every((row) => row.n === 1)).toBe(true)
	})
})
