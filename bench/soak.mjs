// `npm run bench:soak [-- --seconds 180 --connections 16]`: a soak test of the
// production build (`node build/server-entry/index.js`, NODE_ENV=production) on PostgreSQL with
// 10,000 templates and a few million events. autocannon drives a weighted mix
// of gallery, search, template pages, previews (document and compiled code),
// the read API, favorites and uses (Bearer tokens of 20 users) and event
// batches for a bounded time, loopback only. Prints requests/s, p50/p99, the
// errors (which must be 0), the intended 429s (one visitor flooding the event
// API past its limit) counted apart, requests/s per 10 s window, and the
// server's resident memory (VmRSS) before, during and after.
//
// The flooding visitor passes its 600 batches a minute only in runs long (or fast) enough: expect its 429s from the first minute on.
// Env: BENCH_BASE_DATABASE_URL (the server; default local), BENCH_PORT (3390),
// BENCH_EVENTS (3,000,000; the database bazaar_soak is kept and reused while it
// has at least that many), BENCH_REGENERATE=1 to rebuild it. Needs `npm run build`.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { SignJWT } from 'jose'
import postgres from 'postgres'
import { cpuMeter, cpuSeconds, loadAverage, residentMemoryMiB, startAppProcess } from '../tests/fixtures/app-process.mjs'
import { addBenchEvents, benchDatabaseCounts, seedBenchDatabase } from './seed-bench-database.mjs'

const { values: args } = parseArgs({
	options: {
		seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '180' },
		connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '16' },
		// Only these scenarios (comma-separated names), to measure one part of the mix alone.
		only: { type: 'string' },
	},
})
const SECONDS = Math.min(Number(args.seconds), 1800)
const CONNECTIONS = Math.min(Number(args.connections), 64)
const PORT = Number(process.env.BENCH_PORT ?? 3390)
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3_000_000)
const BASE_URL = process.env.BENCH_BASE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE = 'bazaar_soak'
const SIGNING_SECRET = 'soak-signing-secret'
/**
 * Every limit × 5: favorites 300/min and uses 150/min per user, event batches 600/min per visitor and
 * address. At about 700 requests a second the mix sends each of the 20 users some 105 favorites and 42
 * uses a minute on average, and bursts go well past that: the limits × 2 turned bursts into 429s.
 */
const RATE_LIMIT_MULTIPLIER = 5
const USER_COUNT = 20
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'

if (!fs.existsSync('build/server/index.js')) {
	console.error('No production build: run `npm run build` first.')
	process.exit(1)
}

// The database: 10,000 templates (bench/seed-bench-database.mjs) and EVENTS events, kept between runs.
let counts = process.env.BENCH_REGENERATE === '1' ? null : await benchDatabaseCounts({ baseUrl: BASE_URL, name: DATABASE })
if (!counts || counts.templates < 10_000) {
	const databaseUrl = await seedBenchDatabase({ baseUrl: BASE_URL, name: DATABASE })
	counts = { databaseUrl, templates: 10_000, events: 0 }
}
if (counts.events < EVENTS) {
	console.log(`Generating ${(EVENTS - counts.events).toLocaleString('en-US')} events…`)
	await addBenchEvents({ databaseUrl: counts.databaseUrl, events: EVENTS - counts.events })
}
const databaseUrl = counts.databaseUrl
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
// Databases seeded before the bench scenes had a code hash (the compiled-code URL names it).
await sql`update "bazaar-vid_community_template_scenes" set code_hash = encode(sha256(convert_to(tsx_code, 'UTF8')), 'hex') where code_hash is null`
const [{ templates, events }] = await sql`
	select (select count(*) from "bazaar-vid_community_templates")::int as templates, (select count(*) from "bazaar-vid_community_events")::bigint as events`
const sample = await sql`
	select t.id, t.slug, count(s.*)::int as scenes, min(s.code_hash) as code_hash
	from "bazaar-vid_community_templates" t join "bazaar-vid_community_template_scenes" s on s.template_id = t.id
	where t.visibility = 'public' and t.status = 'active'
	group by t.id order by md5(t.id::text) limit 500`
const activitySql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
/** CPU of the database backends serving the app (pid → CPU seconds when first seen), sampled with the memory. */
const backendCpu = new Map()
async function sampleDatabaseBackends() {
	const rows = await activitySql`select pid from pg_stat_activity where datname = ${DATABASE} and pid <> pg_backend_pid()`
	for (const { pid } of rows) if (!backendCpu.has(pid)) backendCpu.set(pid, cpuSeconds(pid))
}
const databaseCpuSoFar = () => [...backendCpu].reduce((sum, [pid, first]) => sum + Math.max(0, (cpuSeconds(pid) ?? first) - first), 0)
const codeHashes = (
	await sql`
		select distinct s.code_hash from "bazaar-vid_community_template_scenes" s join "bazaar-vid_community_templates" t on t.id = s.template_id
		where t.status = 'active'`
).map((row) => row.code_hash)
await sql.end()

const server = await startAppProcess({
	port: PORT,
	env: { DATABASE_URL: databaseUrl, BAZAAR_SIGNING_SECRET: SIGNING_SECRET, RATE_LIMIT_MULTIPLIER: String(RATE_LIMIT_MULTIPLIER), TRUST_PROXY: '1' },
})
process.on('exit', () => server.child.kill('SIGTERM'))
const base = server.url

// Twenty users with editor tokens: the four demo creators and sixteen created by their first token.
const userIds = ['demo-maya', 'demo-leo', 'demo-sofia', 'demo-kai', ...Array.from({ length: USER_COUNT - 4 }, (_, i) => `soak-user-${i + 1}`)]
const tokens = await Promise.all(
	userIds.map((id) =>
		new SignJWT({ email: `${id}@soak.example`, name: id })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
			.setSubject(id)
			.setExpirationTime(Math.floor(Date.now() / 1000) + SECONDS + 3600)
			.sign(new TextEncoder().encode(SIGNING_SECRET)),
	),
)

const WORDS = ['logo', 'animation', 'reveal', 'title', 'countdown', 'chart', 'promo', 'sale', 'intro', 'neon', 'gradient', 'kinetic', 'quote', 'lesson', 'confetti', 'launch']
const CATEGORIES = ['intros', 'titles', 'social', 'data', 'promo', 'lower-thirds', 'transitions', 'education']
const pick = (list) => list[Math.floor(Math.random() * list.length)]
const visitor = () => `127.${1 + Math.floor(Math.random() * 50)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`
const FLOODING_VISITOR = '127.250.0.1'
const eventBatch = (size) => JSON.stringify({ events: Array.from({ length: size }, () => ({ templateId: pick(sample).id, type: pick(['view', 'view', 'view', 'click']), source: 'community_site' })) })
const bearer = () => ({ authorization: `Bearer ${pick(tokens)}` })

/** [name, weight, () => request]: the mix, weighted like a public gallery's traffic. */
const SCENARIOS = [
	['gallery', 14, () => ({ path: pick(['/', '/?sort=new', `/?page=${1 + Math.floor(Math.random() * 40)}`]) })],
	['search', 10, () => ({ path: `/?q=${encodeURIComponent(`${pick(WORDS)} ${pick(WORDS).slice(0, 4)}`)}` })],
	['category + trending', 5, () => ({ path: `/?category=${pick(CATEGORIES)}&sort=trending` })],
	['template page', 18, () => ({ path: `/t/${pick(sample).slug}` })],
	['preview document', 9, () => ({ path: `/preview/${pick(sample).id}/0` })],
	['preview code', 5, () => ({ path: `/preview/code/${pick(codeHashes)}.js` })],
	['API list', 7, () => ({ path: `/api/v1/templates?limit=24&category=${pick(CATEGORIES)}` })],
	['API template', 5, () => ({ path: `/api/v1/templates/${pick(sample).slug}` })],
	['favorite', 5, () => ({ method: Math.random() < 0.6 ? 'PUT' : 'DELETE', path: `/api/v1/templates/${pick(sample).id}/favorite`, headers: bearer() })],
	['use', 2, () => ({ method: 'POST', path: `/api/v1/templates/${pick(sample).id}/use`, headers: { ...bearer(), 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'use' }) })],
	['events', 14, () => ({ method: 'POST', path: '/api/v1/events', headers: { 'content-type': 'application/json', 'x-forwarded-for': visitor() }, body: eventBatch(1 + Math.floor(Math.random() * 5)) })],
	// One visitor sending far more than its limit: its 429s are intended and counted apart.
	['events (flooding visitor)', 10, () => ({ method: 'POST', path: '/api/v1/events', headers: { 'content-type': 'application/json', 'x-forwarded-for': FLOODING_VISITOR }, body: eventBatch(1) })],
]
if (args.only) {
	const wanted = new Set(args.only.split(',').map((name) => name.trim()))
	for (let i = SCENARIOS.length - 1; i >= 0; i--) if (!wanted.has(SCENARIOS[i][0])) SCENARIOS.splice(i, 1)
	if (SCENARIOS.length === 0) throw new Error(`--only names none of the scenarios`)
}
const totalWeight = SCENARIOS.reduce((sum, [, weight]) => sum + weight, 0)
function pickScenario() {
	let roll = Math.random() * totalWeight
	for (const scenario of SCENARIOS) if ((roll -= scenario[1]) < 0) return scenario
	return SCENARIOS[0]
}

const statuses = Object.fromEntries(SCENARIOS.map(([name]) => [name, {}]))
const samples = []
const sampleMemory = (label) => (sampleDatabaseBackends().catch(() => {}), samples.push({ at: label, 'VmRSS MiB': residentMemoryMiB(server.pid), load: loadAverage() }))

console.log(
	`\nSoak: ${SECONDS} s, ${CONNECTIONS} connections, ${templates.toLocaleString('en-US')} templates, ${Number(events).toLocaleString('en-US')} events, ` +
		`RATE_LIMIT_MULTIPLIER=${RATE_LIMIT_MULTIPLIER}, server pid ${server.pid} on port ${PORT}, load average ${loadAverage()}`,
)
sampleMemory('start (before load)')
const perSecond = []
const memoryTimer = setInterval(() => sampleMemory(`${Math.round((performance.now() - loadStartedAt) / 1000)} s`), 10_000)
const loadStartedAt = performance.now()
const serverCpuMeter = cpuMeter(server.pid)
const instance = autocannon({
	url: base,
	connections: CONNECTIONS,
	duration: SECONDS,
	timeout: 10,
	headers: { 'accept-encoding': 'gzip', 'user-agent': BROWSER },
	requests: [
		{
			setupRequest(request, context) {
				const [name, , make] = pickScenario()
				context.scenario = name
				const { method = 'GET', path, headers = {}, body } = make()
				return { ...request, method, path, headers: { ...request.headers, ...headers }, body }
			},
			onResponse(status, _body, context) {
				const row = statuses[context.scenario]
				row[status] = (row[status] ?? 0) + 1
			},
		},
	],
})
instance.on('tick', ({ counter }) => perSecond.push(counter))
const result = await new Promise((resolve, reject) => instance.once('done', resolve).once('error', reject))
clearInterval(memoryTimer)
const serverCpu = serverCpuMeter.seconds()
const databaseCpu = databaseCpuSoFar()
await activitySql.end()
sampleMemory('end (load just stopped)')
await new Promise((resolve) => setTimeout(resolve, 5000))
sampleMemory('5 s after the load')

let errors = result.errors + result.timeouts
let intended429 = 0
const table = SCENARIOS.map(([name]) => {
	const row = statuses[name]
	let scenarioErrors = 0
	for (const [status, count] of Object.entries(row)) {
		const code = Number(status)
		if (code === 429 && name === 'events (flooding visitor)') intended429 += count
		else if (code >= 400) scenarioErrors += count
	}
	errors += scenarioErrors
	return { scenario: name, requests: Object.values(row).reduce((a, b) => a + b, 0), statuses: JSON.stringify(row), errors: scenarioErrors }
})
console.table(table)

const windows = []
for (let i = 0; i < perSecond.length; i += 10) {
	const slice = perSecond.slice(i, i + 10)
	windows.push(Math.round(slice.reduce((a, b) => a + b, 0) / slice.length))
}
console.log(`requests/s per 10 s window: ${windows.join(' ')}`)
console.table(samples)
const middle = samples[Math.floor(samples.length / 2)]
console.log(
	`\nSoak result: ${Math.round(result.requests.average)} requests/s (${result.requests.total.toLocaleString('en-US')} in ${SECONDS} s), ` +
		`latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
		`errors ${errors} (socket errors ${result.errors}, timeouts ${result.timeouts}); intended 429s ${intended429}; ` +
		`server CPU ${serverCpu.toFixed(1)} s = ${((serverCpu * 1000) / result.requests.total).toFixed(1)} ms per request ` +
		`(≈ ${Math.round(result.requests.total / serverCpu)} requests/s per fully used core); its database backends ${databaseCpu.toFixed(1)} s = ` +
		`${((databaseCpu * 1000) / result.requests.total).toFixed(1)} ms per request (from the first 10 s sample on); ` +
		`server VmRSS start ${samples[0]['VmRSS MiB']} MiB, middle ${middle['VmRSS MiB']} MiB, end ${samples.at(-2)['VmRSS MiB']} MiB; load average ${loadAverage()}`,
)
const exit = await server.stop()
if (errors > 0) {
	console.error(`\n${errors} unintended errors. Server output (last 3000 characters):\n${server.output().slice(-3000)}`)
	process.exitCode = 1
}
if (exit.code !== 0) process.exitCode = 1
