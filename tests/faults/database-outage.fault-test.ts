/**
 * PostgreSQL stopped and started again while the production app is under load
 * (`npm run test:faults`). Runs its own PostgreSQL cluster on port 5499 (never
 * the shared server). During the outage every request still gets an HTTP
 * answer, quickly, and the process stays up; after the database is back
 * everything works without restarting the app; every event acknowledged with
 * 202 is in the table.
 */
import postgres from 'postgres'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createSeededDatabase, ensureProductionBuild, loadAverage, startAppProcess } from '#tests/fixtures/app-process.mjs'
import { startPrivatePostgres } from '#tests/fixtures/private-postgres.mjs'
import { type RequestRecord, percentile, sleep, startLoad, statusTable } from './load-loop.ts'

const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 5499)
const APP_PORT = Number(process.env.FAULTS_APP_PORT ?? 3393)
const WORKERS = 8
/** Requests answered in each phase: before the outage, during it (the database down), after recovery. */
const BEFORE_REQUESTS = WORKERS * 20
const OUTAGE_REQUESTS = WORKERS * 40
const AFTER_REQUESTS = WORKERS * 20

let cluster: ReturnType<typeof startPrivatePostgres>
let app: Awaited<ReturnType<typeof startAppProcess>>
let databaseUrl: string

// The page cache off: with it, anonymous pages stored before the outage would rightly answer 200 for a while,
// and this test is about what the app says when it has to ask the database.
beforeAll(async () => {
	ensureProductionBuild()
	cluster = startPrivatePostgres({ port: PG_PORT })
	databaseUrl = await createSeededDatabase({ baseUrl: cluster.url, name: 'bazaar_faults' })
	app = await startAppProcess({ port: APP_PORT, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_MULTIPLIER: '1000', PAGE_CACHE_SECONDS: '0' } })
}, 180_000)

afterAll(async () => {
	await app?.stop()
	cluster?.destroy()
})

test('the app answers quickly through a database outage, recovers by itself and loses no acknowledged event', async () => {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
	const [template] = await sql<Array<{ id: string; slug: string }>>`
		select id, slug from "bazaar-vid_community_templates" where visibility = 'public' and status = 'active' order by slug limit 1`
	await sql.end()
	const load = startLoad({ target: { baseUrl: app.url, templateId: template!.id, slug: template!.slug }, workers: WORKERS })

	await load.ended(BEFORE_REQUESTS, () => true, { what: 'requests before the outage' })
	const outageStartedAt = performance.now()
	cluster.stop('fast')
	await load.ended(OUTAGE_REQUESTS, (record) => record.startedAt >= outageStartedAt, { what: 'requests during the outage' })
	cluster.start()
	const outageEndedAt = performance.now()
	// Recovered: the health check (a real query through the app's pool) answers 200 again.
	let recoveredAt = 0
	while (!recoveredAt) {
		const response = await fetch(`${app.url}/healthz`).catch(() => null)
		if (response?.ok) recoveredAt = performance.now()
		else await sleep(50)
	}
	await load.ended(AFTER_REQUESTS, (record) => record.startedAt >= recoveredAt, { what: 'requests after recovery' })
	await load.stop()

	const during = (record: RequestRecord) => record.startedAt >= outageStartedAt && record.endedAt <= outageEndedAt
	const before = load.records.filter((record) => record.endedAt < outageStartedAt)
	const outage = load.records.filter(during)
	const after = load.records.filter((record) => record.startedAt >= recoveredAt)
	const latencies = (records: RequestRecord[]) => records.map((record) => record.endedAt - record.startedAt)
	const summary = (records: RequestRecord[]) =>
		`${records.length} requests, p50 ${percentile(latencies(records), 50).toFixed(0)} ms, p99 ${percentile(latencies(records), 99).toFixed(0)} ms, max ${Math.max(0, ...latencies(records)).toFixed(0)} ms`
	console.log(`database outage under load (${WORKERS} concurrent clients, load average ${loadAverage()}):`)
	console.log(`  before: ${summary(before)}`)
	console.log(`  outage (${(outageEndedAt - outageStartedAt).toFixed(0)} ms, database stopped): ${summary(outage)}`)
	console.log(`  back up ${(recoveredAt - outageEndedAt).toFixed(0)} ms after PostgreSQL started; after: ${summary(after)}`)
	console.log('  statuses during the outage:', JSON.stringify(statusTable(outage)))
	console.log(`  events acknowledged (202): ${load.acknowledgedEventIds.length}`)

	// The process stayed up and every request got an HTTP answer (no hang, no reset).
	expect(app.child.exitCode).toBeNull()
	expect(load.records.filter((record) => record.status === null)).toEqual([])
	expect(outage.length).toBeGreaterThan(WORKERS)

	// During the outage every route says 503 (retry later), pages and API alike; nothing pretends to have worked.
	for (const record of outage) expect(record.status, record.kind).toBe(503)

	// Afterwards everything works again, with the same process.
	expect(after.length).toBeGreaterThan(WORKERS)
	expect(statusTable(after)).toEqual(
		Object.fromEntries(Object.entries(statusTable(after)).map(([kind, row]) => [kind, { [kind === 'events' ? '202' : '200']: Object.values(row).reduce((a, b) => a + b, 0) }])),
	)

	// No acknowledged event is missing.
	const check = postgres(databaseUrl, { max: 1, onnotice: () => {} })
	const ids = load.acknowledgedEventIds
	const found = new Set<string>()
	for (let offset = 0; offset < ids.length; offset += 5000) {
		const chunk = ids.slice(offset, offset + 5000)
		const rows = await check<Array<{ id: string }>>`select id::text from "bazaar-vid_community_events" where id in ${check(chunk)}`
		for (const row of rows) found.add(row.id)
	}
	await check.end()
	expect(ids.filter((id) => !found.has(id))).toEqual([])
	expect(ids.length).toBeGreaterThan(0)
}, 120_000)
