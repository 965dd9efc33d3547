// `npm run bench:ingest`: events/s and p99 latency through POST /api/v1/events
// (one event per request, then 50 per request) on the production build, against
// the bare database doing the same work: multi-row INSERTs of the same sizes,
// from the same number of concurrent clients, straight through postgres.js.
//
// Env: DATABASE_URL (server; default local), BENCH_PORT (3342), BENCH_SECONDS (10),
// BENCH_CONNECTIONS (50). Uses its own database, bazaar_bench_ingest.
import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import postgres from 'postgres'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const port = Number(process.env.BENCH_PORT ?? 3342)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const name = 'bazaar_bench_ingest'
const url = new URL(base)
url.pathname = `/${name}`

if (!fs.existsSync(path.join(root, 'build/server/index.js'))) {
	console.log('Building the app…')
	const built = spawnSync(process.execPath, [path.join(root, 'node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], { cwd: root, stdio: 'inherit' })
	if (built.status !== 0) process.exit(1)
}

const admin = postgres(base, { max: 1, onnotice: () => {} })
await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
await admin.unsafe(`CREATE DATABASE "${name}"`)
await admin.end()

const env = {
	...process.env,
	NODE_ENV: 'production',
	PORT: String(port),
	DATABASE_URL: url.toString(),
	SESSION_SECRET: 'bench-session-secret',
	BAZAAR_SIGNING_SECRET: 'bench-signing-secret',
	// Every request comes from one address here; the bench measures throughput, not the limiter.
	RATE_LIMIT_MULTIPLIER: '1000000',
}
const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
if (seeded.status !== 0) process.exit(1)

const server = spawn(process.execPath, ['build/server-entry/index.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] })
await new Promise((resolve, reject) => {
	server.stdout.on('data', (chunk) => String(chunk).includes('is running at') && resolve())
	server.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
})

const sql = postgres(url.toString(), { max: 10, onnotice: () => {} })
const templateIds = (await sql`select id from "bazaar-vid_community_templates" where status = 'active'`).map((row) => row.id)
const userAgent = 'Mozilla/5.0 (bench) Chrome/124'

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

async function throughApi(eventsPerRequest) {
	const body = JSON.stringify({
		events: Array.from({ length: eventsPerRequest }, (_, i) => ({ templateId: templateIds[i % templateIds.length], type: 'view', source: 'community_site' })),
	})
	const before = (await sql`select count(*)::int as n from "bazaar-vid_community_events"`)[0].n
	const result = await autocannon({
		url: `http://127.0.0.1:${port}/api/v1/events`,
		method: 'POST',
		headers: { 'content-type': 'application/json', 'user-agent': userAgent },
		body,
		connections,
		duration: seconds,
	})
	const after = (await sql`select count(*)::int as n from "bazaar-vid_community_events"`)[0].n
	const acknowledged = result['2xx'] * eventsPerRequest
	return {
		eventsPerSecond: acknowledged / (result.duration || seconds),
		p99: result.latency.p99,
		errors: result.non2xx + result.errors,
		acknowledged,
		stored: after - before,
	}
}

async function bareInserts(eventsPerStatement) {
	const latencies = []
	let events = 0
	const deadline = performance.now() + seconds * 1000
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (performance.now() < deadline) {
				const rows = Array.from({ length: eventsPerStatement }, (_, i) => ({
					id: randomUUID(),
					template_id: templateIds[i % templateIds.length],
					event_type: 'view',
					source: 'community_site',
					user_agent: userAgent,
				}))
				const started = performance.now()
				await sql`insert into "bazaar-vid_community_events" ${sql(rows)} on conflict (id) do nothing`
				latencies.push(performance.now() - started)
				events += eventsPerStatement
			}
		}),
	)
	latencies.sort((a, b) => a - b)
	return { eventsPerSecond: events / seconds, p99: Math.round(percentile(latencies, 99)) }
}

const round = (value) => Math.round(value).toLocaleString('en-US')
try {
	console.log(`Ingestion, ${connections} concurrent clients, ${seconds} s per run, PostgreSQL ${(await sql`show server_version`)[0].server_version}, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`)
	// The ceiling of the stack itself: the cheapest route that touches the database (GET /healthz, one `select 1`).
	const floor = await autocannon({ url: `http://127.0.0.1:${port}/healthz`, connections, duration: Math.min(5, seconds) })
	console.log(`GET /healthz (Express + Remix + one query): ${round(floor.requests.total / (floor.duration || 5))} requests/s, p99 ${floor.latency.p99} ms`)
	for (const size of [1, 50]) {
		const api = await throughApi(size)
		console.log(`   API, ${size} event(s)/request: ${round(api.eventsPerSecond / size)} requests/s`)
		const bare = await bareInserts(size)
		console.log(
			`${String(size).padStart(2)} event(s)/request: API ${round(api.eventsPerSecond)} events/s, p99 ${api.p99} ms` +
				` | bare INSERT of ${size} row(s) ${round(bare.eventsPerSecond)} events/s, p99 ${bare.p99} ms` +
				` | ratio ${(api.eventsPerSecond / bare.eventsPerSecond).toFixed(2)}× throughput` +
				` | acknowledged ${api.acknowledged}, stored ${api.stored}, non-2xx ${api.errors}`,
		)
		// Requests still in flight when the clock stops are stored but not counted as answered: stored ≥ acknowledged.
		if (api.stored < api.acknowledged) console.log('  !! fewer events stored than acknowledged')
	}
} finally {
	await sql.end()
	server.kill('SIGTERM')
}
