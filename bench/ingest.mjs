// `npm run bench:ingest`: POST /api/v1/events on the production build
// (`node build/server-entry/index.js`), one event per request, then 50 per
// request, from BENCH_CONNECTIONS (50) connections, medians of BENCH_ROUNDS rounds
// (each measures the API and both limits in turn). The client is autocannon
// in its own process (bench/http-load.mjs); its CPU time is printed.
//
// The limits, measured in the same run:
// - HTTP: a bare node:http server in its own process that reads each body and
//   answers the very bytes and headers of the app's 202, on the same number of
//   connections with the same client. What this machine's HTTP stack and
//   client can do at all; the issue's target for one event per request is
//   3,000 requests/s (issue 14, item 5), printed beside it.
// - The database: postgres.js sending multi-row `INSERT … ON CONFLICT (id) DO
//   NOTHING` of the same sizes from as many concurrent workers over a
//   10-connection pool (the app's), each its own commit. The target for 50 per
//   request is 0.6 of it.
//
// Env: DATABASE_URL (the server; default local), BENCH_PORT (3342; the bare
// server takes the next one), BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50).
// Uses its own database, bazaar_bench_ingest.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import postgres from 'postgres'
import { cpuMeter, createSeededDatabase, ensureProductionBuild, loadAverage, serverPostgresUrl, startAppProcess } from '../tests/fixtures/app-process.mjs'
import { loadInChildProcess } from './http-load.mjs'

const port = Number(process.env.BENCH_PORT ?? 3342)
const barePort = port + 1
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const TARGET_ONE_PER_REQUEST = 3000
const TARGET_RATIO_FIFTY = 0.6
const EVENTS = '"bazaar-vid_community_events"'
const userAgent = 'Mozilla/5.0 (bench) Chrome/124'

ensureProductionBuild()
const databaseUrl = await createSeededDatabase({ baseUrl: serverPostgresUrl(), name: 'bazaar_bench_ingest' })
// Every request comes from one address here; the bench measures throughput, not the limiter.
const app = await startAppProcess({ port, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_MULTIPLIER: '1000000' } })
const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} })
const templateIds = (await sql`select id from "bazaar-vid_community_templates" where status = 'active'`).map((row) => row.id)
const countEvents = async () => (await sql.unsafe(`select count(*)::int as n from ${EVENTS}`))[0].n

const request = (size) => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', 'user-agent': userAgent },
	body: JSON.stringify({ events: Array.from({ length: size }, (_, i) => ({ templateId: templateIds[i % templateIds.length], type: 'view', source: 'community_site' })) }),
	connections,
	duration: seconds,
})

async function throughApi(size) {
	const before = await countEvents()
	const cpu = cpuMeter(app.pid)
	const result = await loadInChildProcess({ url: `${app.url}/api/v1/events`, ...request(size) })
	const appCpu = cpu.seconds()
	const stored = (await countEvents()) - before
	return { ...result, acknowledged: result.ok * size, stored, appCpu }
}

/** The HTTP limit: node:http in its own process, reading the body and answering with the app's own 202 (status, headers, bytes). */
async function bareHttp(size) {
	const sample = await fetch(`${app.url}/api/v1/events`, { method: 'POST', headers: request(size).headers, body: request(size).body })
	if (sample.status !== 202) throw new Error(`the app answered ${sample.status} to the sample request`)
	const headers = Object.fromEntries([...sample.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)))
	const body = Buffer.from(await sample.arrayBuffer()).toString('base64')
	const source = `
		const body = Buffer.from(${JSON.stringify(body)}, 'base64')
		require('node:http').createServer((req, res) => {
			req.on('data', () => {})
			req.on('end', () => { res.writeHead(${sample.status}, ${JSON.stringify(headers)}); res.end(body) })
		}).listen(${barePort}, '127.0.0.1', () => process.send('ready'))`
	const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
	await new Promise((resolve) => child.once('message', resolve))
	try {
		const cpu = cpuMeter(child.pid)
		const result = await loadInChildProcess({ url: `http://127.0.0.1:${barePort}/api/v1/events`, ...request(size) })
		return { ...result, serverCpu: cpu.seconds() }
	} finally {
		await new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))
	}
}

/** The database limit: multi-row INSERTs of `size` rows straight through postgres.js, `connections` workers over 10 connections. */
async function bareInserts(size) {
	const latencies = []
	let events = 0
	const deadline = performance.now() + seconds * 1000
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (performance.now() < deadline) {
				const rows = Array.from({ length: size }, (_, i) => ({
					id: randomUUID(),
					template_id: templateIds[i % templateIds.length],
					event_type: 'view',
					source: 'community_site',
					user_agent: userAgent,
				}))
				const started = performance.now()
				await sql`insert into ${sql(EVENTS.slice(1, -1))} ${sql(rows)} on conflict (id) do nothing`
				latencies.push(performance.now() - started)
				events += size
			}
		}),
	)
	latencies.sort((a, b) => a - b)
	return { eventsPerSecond: events / seconds, p99: Math.round(latencies[Math.min(latencies.length - 1, Math.floor(0.99 * latencies.length))] ?? 0) }
}

const n = (value) => Math.round(value).toLocaleString('en-US')
const ratio = (value) => value.toFixed(2)
const cpuShare = (cpu, run) => `${Math.round((100 * cpu) / run.seconds)}% of a core`
const median = (runs, pick) => {
	const sorted = [...runs].sort((a, b) => pick(a) - pick(b))
	return sorted[Math.floor(sorted.length / 2)]
}
try {
	console.log(
		`Events intake: ${connections} connections, ${seconds} s per run, ${rounds} rounds per figure (medians), PostgreSQL ${(await sql`show server_version`)[0].server_version}, ` +
			`load average ${loadAverage()} (${os.cpus().length} cores; the machine is shared, so compare the ratios)`,
	)
	for (const size of [1, 50]) {
		// Each round measures the API and both limits one after the other, so all three see the same machine.
		const measured = []
		for (let round = 0; round < rounds; round++) measured.push({ api: await throughApi(size), http: await bareHttp(size), insert: await bareInserts(size) })
		const api = median(measured.map((round) => round.api), (run) => run.rps)
		const http = median(measured.map((round) => round.http), (run) => run.rps)
		const insert = median(measured.map((round) => round.insert), (run) => run.eventsPerSecond)
		const eventsPerSecond = api.rps * size
		console.log(`\n${size} event(s) per request`)
		console.log(
			`  API:            ${n(api.rps)} requests/s = ${n(eventsPerSecond)} events/s, p50 ${api.p50} ms, p99 ${api.p99} ms | ` +
				`app ${Math.round((1e6 * api.appCpu) / Math.max(1, api.requests))} µs CPU/request (${cpuShare(api.appCpu, api)}), client ${cpuShare(api.cpuSeconds, api)}`,
		)
		console.log(
			`  bare node:http: ${n(http.rps)} requests/s answering the same 202, p99 ${http.p99} ms (server ${cpuShare(http.serverCpu, http)}, client ${cpuShare(http.cpuSeconds, http)})` +
				` | API/bare ${ratio(api.rps / http.rps)}`,
		)
		console.log(`  direct INSERT:  ${n(insert.eventsPerSecond)} events/s in INSERTs of ${size} row(s), p99 ${insert.p99} ms | API/INSERT ${ratio(eventsPerSecond / insert.eventsPerSecond)}`)
		if (size === 1) console.log(`  target ${n(TARGET_ONE_PER_REQUEST)} requests/s: ${ratio(api.rps / TARGET_ONE_PER_REQUEST)} of it`)
		else console.log(`  target ${TARGET_RATIO_FIFTY} of direct INSERT: ${ratio(eventsPerSecond / insert.eventsPerSecond / TARGET_RATIO_FIFTY)} of it`)
		// Requests still in flight when the clock stops are stored but not counted as answered: stored ≥ acknowledged.
		const short = measured.filter((round) => round.api.stored < round.api.acknowledged).length
		const acknowledged = measured.reduce((sum, round) => sum + round.api.acknowledged, 0)
		const stored = measured.reduce((sum, round) => sum + round.api.stored, 0)
		const failed = measured.reduce((sum, round) => sum + round.api.failed, 0)
		console.log(`  acknowledged ${n(acknowledged)} events, stored ${n(stored)}, failed requests ${failed}${short > 0 ? `  !! fewer stored than acknowledged in ${short} round(s)` : ''}`)
	}
} finally {
	await sql.end()
	await app.stop()
}
