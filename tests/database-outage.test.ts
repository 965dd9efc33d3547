/**
 * Database down → 503, fast, on every kind of route (docs/security.md,
 * "Database outages"): pages render the root error boundary with status 503,
 * client-side data requests get a 503, the API answers
 * `{ error: { code: 'service_unavailable' } }`, other resource routes a plain
 * 503. And the app recovers by itself once the database is back: the same
 * connection pool reconnects, no restart.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type SQL, sql } from 'drizzle-orm'
import { type DatabaseConnection, openPostgres, queryRows } from '#app/db/client.server.ts'
import { migrateDatabase } from '#app/db/migrate.server.ts'
import { signBazaarToken } from '#app/utils/bazaar-token.server.ts'
import { createTemplate, createUser, sessionCookieFor } from '#tests/fixtures/community-factories.ts'
import { startTcpProxy } from '#tests/fixtures/tcp-proxy.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { uniqueTestDatabaseName, withDatabaseName } from '#tests/setup/database-names.ts'
import { serverDatabaseUrl, useTestDatabase } from '#tests/setup/test-database.ts'
import postgres from 'postgres'

useTestDatabase({ seed: true })
const app = useAppRequestHandler()

const store = globalThis as typeof globalThis & { __bazaarDatabase?: DatabaseConnection }

/** Points the app's one connection somewhere else for the duration of `run`. */
async function withAppConnection(connection: DatabaseConnection, run: () => Promise<void>) {
	const saved = store.__bazaarDatabase
	store.__bazaarDatabase = connection
	try {
		await run()
	} finally {
		store.__bazaarDatabase = saved
		await connection.close().catch(() => {})
	}
}

let fixtures: { templateId: string; slug: string; cookie: string; token: string }
beforeAll(async () => {
	const user = await createUser()
	const template = await createTemplate((await createUser()).id)
	fixtures = { templateId: template.id, slug: template.slug, cookie: await sessionCookieFor(user.id), token: await signBazaarToken({ sub: user.id }) }
})

type Probe = { name: string; kind: 'page' | 'data' | 'api' | 'resource'; request: () => Request }
const url = (path: string) => new URL(path, 'http://localhost:3000')
function probes(): Probe[] {
	const { templateId, slug, cookie, token } = fixtures
	const html = { Accept: 'text/html' }
	const bearer = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
	return [
		{ name: 'gallery page', kind: 'page', request: () => new Request(url('/'), { headers: html }) },
		{ name: 'template page', kind: 'page', request: () => new Request(url(`/t/${slug}`), { headers: html }) },
		{ name: 'signed-in page', kind: 'page', request: () => new Request(url('/me/favorites'), { headers: { ...html, Cookie: cookie } }) },
		{
			name: 'page action (favorite form)',
			kind: 'page',
			request: () => new Request(url(`/t/${slug}`), { method: 'POST', headers: { ...html, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'intent=favorite' }),
		},
		{ name: 'client data request', kind: 'data', request: () => new Request(url(`/t/${slug}.data`)) },
		{ name: 'API list', kind: 'api', request: () => new Request(url('/api/v1/templates')) },
		{ name: 'API template', kind: 'api', request: () => new Request(url(`/api/v1/templates/${slug}`)) },
		{ name: 'API favorite', kind: 'api', request: () => new Request(url(`/api/v1/templates/${templateId}/favorite`), { method: 'PUT', headers: bearer }) },
		{ name: 'API use', kind: 'api', request: () => new Request(url(`/api/v1/templates/${templateId}/use`), { method: 'POST', headers: bearer, body: '{}' }) },
		{
			name: 'API events',
			kind: 'api',
			request: () => new Request(url('/api/v1/events'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: [{ templateId, type: 'view' }] }) }),
		},
		{ name: 'sitemap', kind: 'resource', request: () => new Request(url('/sitemap.xml')) },
		{ name: 'preview document', kind: 'resource', request: () => new Request(url(`/preview/${templateId}/0`)) },
		{ name: 'health check', kind: 'resource', request: () => new Request(url('/healthz')) },
	]
}

async function expectOutageAnswer(probe: Probe, response: Response) {
	expect(response.status, probe.name).toBe(503)
	expect(response.headers.get('Retry-After'), probe.name).toBe('5')
	if (probe.kind === 'page') {
		expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
		const html = await response.text()
		expect(html).toContain('We are having trouble reaching our database')
		expect(html).toContain('class="error-code"')
	} else if (probe.kind === 'api') {
		expect(await response.json()).toMatchObject({ error: { code: 'service_unavailable' } })
	} else {
		await response.arrayBuffer()
	}
}

describe('the database is unreachable', () => {
	test('every kind of route answers 503 (never 500), and keeps answering', async () => {
		await withAppConnection(openPostgres('postgres://postgres@127.0.0.1:9/unreachable'), async () => {
			for (let round = 0; round < 2; round++) {
				for (const probe of probes()) await expectOutageAnswer(probe, await app.fetch(probe.request()))
			}
		})
	})

	test('20 requests at once during the outage: all 503, none hangs', async () => {
		await withAppConnection(openPostgres('postgres://postgres@127.0.0.1:9/unreachable'), async () => {
			const all = probes()
			const responses = await Promise.all(Array.from({ length: 20 }, (_, index) => app.fetch(all[index % all.length]!.request())))
			expect(responses.map((response) => response.status)).toEqual(Array(20).fill(503))
		})
	})
})

/**
 * A database of its own on the PostgreSQL server (these describes run on PostgreSQL even when the
 * suite uses PGlite), with an admin connection to cut it off, dropped after the describe.
 */
function migratedScratchDatabase(prefix: string) {
	const baseUrl = serverDatabaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres'
	const name = uniqueTestDatabaseName(prefix)
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
	afterAll(async () => {
		await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {})
		await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
		await admin.end()
	})
	return {
		name,
		admin,
		/** Creates and migrates it; resolves with its URL. */
		async create() {
			await admin.unsafe(`CREATE DATABASE "${name}"`)
			const directUrl = withDatabaseName(baseUrl, name)
			await migrateDatabase({ databaseUrl: directUrl })
			return directUrl
		},
	}
}

describe('the database goes away and comes back', () => {
	const { create } = migratedScratchDatabase('bazaar_outage')

	test('the app recovers without a restart: same pool, it reconnects by itself', async () => {
		// A PostgreSQL database behind a proxy the test can cut (this runs on PostgreSQL even when the suite uses PGlite).
		const directUrl = await create()
		const target = new URL(directUrl)
		const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
		const proxied = new URL(directUrl)
		proxied.hostname = '127.0.0.1'
		proxied.port = String(proxy.port)
		const connection = openPostgres(proxied.toString())
		try {
			await withAppConnection(connection, async () => {
				const list = () => app.fetch(new Request(url('/api/v1/templates')))
				const page = () => app.fetch(new Request(url('/'), { headers: { Accept: 'text/html' } }))
				expect((await list()).status).toBe(200)
				expect((await page()).status).toBe(200)

				await proxy.stop()
				for (const probe of probes().filter((probe) => probe.kind !== 'page' || probe.name === 'gallery page')) {
					const response = await app.fetch(probe.request())
					expect(response.status, probe.name).toBe(503)
					await response.arrayBuffer()
				}

				await proxy.start()
				expect((await list()).status).toBe(200)
				expect((await page()).status).toBe(200)
				expect((await app.fetch(new Request(url('/healthz')))).status).toBe(200)
				// Still the connection the app had: nothing was reopened for it.
				expect(store.__bazaarDatabase).toBe(connection)
			})
		} finally {
			await proxy.stop().catch(() => {})
		}
	})
})

describe('a failover: the app’s sessions are terminated and new connections refused', () => {
	const { name, admin, create } = migratedScratchDatabase('bazaar_failover')

	/** What a failover does to the app: every session it holds is ended, and the database refuses new ones. */
	async function cutConnections() {
		await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`)
		const terminated = await admin<Array<{ terminated: boolean }>>`
			select pg_terminate_backend(pid) as terminated from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`
		return terminated.length
	}

	test('gallery, template page and API answer 503 with Retry-After, then recover by themselves', async () => {
		// Its own PostgreSQL database (this runs on PostgreSQL even when the suite uses PGlite).
		const directUrl = await create()
		const connection = openPostgres(directUrl)
		await withAppConnection(connection, async () => {
			const template = await createTemplate((await createUser()).id, { title: 'Failover Template' })
			const requests = [
				{ name: 'gallery', kind: 'page', request: () => new Request(url('/'), { headers: { Accept: 'text/html' } }) },
				{ name: 'template page', kind: 'page', request: () => new Request(url(`/t/${template.slug}`), { headers: { Accept: 'text/html' } }) },
				{ name: 'template page data', kind: 'data', request: () => new Request(url(`/t/${template.slug}.data`)) },
				{ name: 'API list', kind: 'api', request: () => new Request(url('/api/v1/templates')) },
				{ name: 'API template', kind: 'api', request: () => new Request(url(`/api/v1/templates/${template.id}`)) },
				{
					name: 'API events',
					kind: 'api',
					request: () => new Request(url('/api/v1/events'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: [{ templateId: template.id, type: 'view' }] }) }),
				},
				{ name: 'preview document', kind: 'resource', request: () => new Request(url(`/preview/${template.id}/0`)) },
			] satisfies Probe[]
			// Events are answered 202 (stored), everything else 200.
			const healthyStatus = (probe: Probe) => (probe.name === 'API events' ? 202 : 200)
			for (const probe of requests) expect((await app.fetch(probe.request())).status, probe.name).toBe(healthyStatus(probe))

			// The pool holds open sessions now; the failover ends them all.
			expect(await cutConnections()).toBeGreaterThan(0)
			for (let round = 0; round < 2; round++) {
				for (const probe of requests) {
					const response = await app.fetch(probe.request())
					expect(response.headers.get('Retry-After'), probe.name).toBe('5')
					await expectOutageAnswer(probe, response)
				}
			}

			await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`)
			for (const probe of requests) expect((await app.fetch(probe.request())).status, `${probe.name} after the failover`).toBe(healthyStatus(probe))
			expect(await (await app.fetch(`/api/v1/templates/${template.id}`)).json()).toMatchObject({ title: 'Failover Template' })
			// Recovered by itself: the same pool, nothing reopened.
			expect(store.__bazaarDatabase).toBe(connection)
		})
	})
})

describe('sessions PostgreSQL ended while the database stays up (what a restart leaves in the pool)', () => {
	const { name, admin, create } = migratedScratchDatabase('bazaar_ended_sessions')
	let directUrl: string
	beforeAll(async () => {
		directUrl = await create()
	})

	test('a statement sent right after its session broke gets an answer instead of waiting forever (postgres.js as patched)', async () => {
		// postgres.js 3.4.9 kept a query whose socket failed (ECONNRESET) as the session's current one, so the
		// next statement queued behind it and never settled (porsager/postgres#1130); patches/postgres+3.4.9.patch
		// forgets it and rejects what is still queued when the socket closes (decision 016). One connection,
		// so the next statement has to use the session that broke.
		const connection = openPostgres(directUrl, { max: 1 })
		const ask = (statement: SQL) =>
			queryRows<{ pid: number }>(statement, connection.db).then(
				(rows) => rows[0]!,
				(error: unknown) => ({ error }),
			)
		const noAnswerWithin = (ms: number) => new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), ms).unref())
		try {
			for (let round = 0; round < 10; round++) {
				// A stale error or two may come first (see failedOnAnEndedSession); then the session answers.
				let session: { pid?: number; error?: unknown } = { error: 'not asked yet' }
				for (let attempt = 0; attempt < 5 && !session.pid; attempt++) session = await ask(sql`select pg_backend_pid() as pid`)
				expect(session.pid, `round ${round + 1}: a session answers`).toBeTypeOf('number')
				await admin`select pg_terminate_backend(${session.pid!})`
				// The first statement meets the ended session (or, when the close was read first, a new one).
				await ask(sql`select 1 as pid`)
				const next = await Promise.race([ask(sql`select 2 as pid`), noAnswerWithin(5_000)])
				expect(next, `round ${round + 1}: the next statement settles`).not.toBe('no answer')
			}
		} finally {
			await connection.close()
		}
	})

	test('an event batch that meets an ended session is sent once more: 202, each event stored once, no 503', async () => {
		await withAppConnection(openPostgres(directUrl), async () => {
			const template = await createTemplate((await createUser()).id, { title: 'Ended Sessions Template' })
			const sent: string[] = []
			const postEvent = async () => {
				const id = crypto.randomUUID()
				sent.push(id)
				const body = JSON.stringify({ events: [{ id, templateId: template.id, type: 'view' }] })
				const response = await app.fetch(new Request(url('/api/v1/events'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }))
				return { status: response.status, body: await response.json() }
			}
			for (let round = 0; round < 5; round++) {
				// The previous batch left its session idle in the pool; end every session the app holds, as a
				// restart does, and send the next batch at once: its INSERT is the first statement on an ended session.
				expect((await postEvent()).status).toBe(202)
				const ended = await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`
				expect(ended.length).toBeGreaterThan(0)
				expect(await postEvent(), `round ${round + 1}`).toMatchObject({ status: 202, body: { accepted: 1, duplicates: 0 } })
			}
			const check = postgres(directUrl, { max: 1, onnotice: () => {} })
			try {
				const rows = await check<Array<{ id: string }>>`select id::text from "bazaar-vid_community_events" where template_id = ${template.id}`
				expect(rows.map((row) => row.id).sort()).toEqual([...sent].sort())
			} finally {
				await check.end()
			}
		})
	})
})
