// `npm run bench:aggregate`: the nightly aggregation over BENCH_EVENTS events
// (10 million by default, generated with generate_series into its own database,
// bazaar_bench_events, and kept for the next run), against the bare GROUP BY
// over the same rows: a full run over every day, then an incremental one-day run.
//
// Env: DATABASE_URL (server; default local), BENCH_EVENTS (10000000), BENCH_DAYS (365),
// BENCH_TEMPLATES (200), BENCH_REGENERATE=1 to rebuild the data.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const total = Number(process.env.BENCH_EVENTS ?? 10_000_000)
const dayCount = Number(process.env.BENCH_DAYS ?? 365)
const templateCount = Number(process.env.BENCH_TEMPLATES ?? 200)
const name = 'bazaar_bench_events'
const url = new URL(base)
url.pathname = `/${name}`
const env = { ...process.env, DATABASE_URL: url.toString() }
const EVENTS = '"bazaar-vid_community_events"'
const METRICS = '"bazaar-vid_community_metrics_daily"'
const TEMPLATES = '"bazaar-vid_community_templates"'
const DAY_MS = 86_400_000
const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS)
const firstDay = new Date(today.getTime() - (dayCount - 1) * DAY_MS)
const isoDay = (date) => date.toISOString().slice(0, 10)

const admin = postgres(base, { max: 1, onnotice: () => {} })
const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0
let sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
let reuse = false
if (exists && process.env.BENCH_REGENERATE !== '1') {
	const [row] = await sql.unsafe(`select count(*)::bigint as n, min(created_at) as first from ${EVENTS}`).catch(() => [{ n: -1 }])
	reuse = Number(row.n) === total && row.first && isoDay(row.first) === isoDay(firstDay)
}
if (!reuse) {
	await sql.end()
	await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
	await admin.unsafe(`CREATE DATABASE "${name}"`)
	sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
	const migrated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
	if (migrated.status !== 0) process.exit(1)
	await sql.unsafe(`insert into ${TEMPLATES} (id, slug, title) select gen_random_uuid(), 'bench-' || i, 'Bench ' || i from generate_series(1, ${templateCount}) i`)
	console.log(`Generating ${total.toLocaleString('en-US')} events over ${dayCount} days for ${templateCount} templates…`)
	const chunk = 1_000_000
	const started = performance.now()
	for (let from = 1; from <= total; from += chunk) {
		const to = Math.min(total, from + chunk - 1)
		// Time-ordered like real ingestion; types weighted like real traffic (views dominate).
		await sql.unsafe(`
			insert into ${EVENTS} (id, template_id, event_type, source, created_at)
			select lpad(to_hex(i), 32, '0')::uuid,
				t.ids[1 + (i * 7919) % t.n],
				(array['view','view','view','view','view','view','click','click','favorite','use','mix','prompt','unfavorite'])[1 + (i * 31) % 13],
				'community_site',
				'${firstDay.toISOString()}'::timestamptz + ((i - 1)::double precision / ${total}) * interval '${dayCount} days'
			from generate_series(${from}::bigint, ${to}::bigint) i,
				(select array_agg(id order by slug) as ids, count(*)::int as n from ${TEMPLATES}) t`)
		process.stdout.write(`  ${to.toLocaleString('en-US')} (${Math.round((performance.now() - started) / 1000)} s)\r`)
	}
	await sql.unsafe(`vacuum analyze ${EVENTS}`)
	console.log(`\nGenerated in ${Math.round((performance.now() - started) / 1000)} s`)
} else {
	console.log(`Reusing ${total.toLocaleString('en-US')} events in ${name} (BENCH_REGENERATE=1 to rebuild)`)
}

async function timed(work) {
	const started = performance.now()
	const result = await work()
	return { ms: performance.now() - started, result }
}

const compiledScript = path.join(root, 'build/scripts/aggregate-metrics.js')
if (!fs.existsSync(compiledScript)) {
	const built = spawnSync('npm', ['run', 'build:scripts'], { cwd: root, stdio: 'inherit' })
	if (built.status !== 0) process.exit(1)
}

/** Runs the real CLI, compiled, as cron does, and returns its own figure and the wall time (process start included). */
function runAggregation(args) {
	const started = performance.now()
	const run = spawnSync(process.execPath, [compiledScript, ...args], { cwd: root, env, encoding: 'utf8' })
	const wallMs = performance.now() - started
	if (run.status !== 0) throw new Error(`aggregation failed:\n${run.stdout}\n${run.stderr}`)
	const summary = run.stdout.trim().split('\n').at(-1)
	return { ms: Number(/in (\d+) ms$/.exec(summary)?.[1]), wallMs, summary }
}

const bareGroupBy = (from, to) =>
	sql.unsafe(`
	select count(*)::int as groups, sum(count)::bigint as events from (
		select template_id, (created_at at time zone 'UTC')::date as day, event_type, count(*) as count
		from ${EVENTS}
		where event_type in ('view','click','favorite','unfavorite','use','mix','prompt')
			and created_at >= '${from}T00:00:00Z' and created_at < '${to}T00:00:00Z'
		group by 1, 2, 3
	) s`)
const bareCounters = () =>
	sql.unsafe(`select count(*) from (select template_id, count(*) filter (where event_type = 'view'), count(*) filter (where event_type = 'use') from ${EVENTS} where event_type in ('view','use') group by template_id) s`)

const lastDay = isoDay(today)
const dayAfter = isoDay(new Date(today.getTime() + DAY_MS))
const version = (await sql`show server_version`)[0].server_version
console.log(`PostgreSQL ${version}, ${total.toLocaleString('en-US')} events, ${dayCount} days ${isoDay(firstDay)}..${lastDay}; load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`)

// A full run from scratch: no metrics yet, counters never computed.
await sql.unsafe(`delete from ${METRICS}`)
await sql.unsafe(`vacuum ${METRICS}`)
await sql.unsafe(`update ${TEMPLATES} set views_count = 0, uses_count = 0, favorites_count = 0`)
const full = runAggregation(['--from', isoDay(firstDay), '--to', lastDay])
const bareFull = await timed(() => bareGroupBy(isoDay(firstDay), dayAfter))
const bareFullCounters = await timed(bareCounters)
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`
console.log(`Full run: ${full.summary}`)
console.log(
	`  aggregation ${fmt(full.ms)} (${fmt(full.wallMs)} with process start) | bare GROUP BY ${fmt(bareFull.ms)} (${bareFull.result[0].groups} groups) + bare counters ${fmt(bareFullCounters.ms)}` +
		` | ratio ${(full.ms / (bareFull.ms + bareFullCounters.ms)).toFixed(2)}× the bare queries`,
)

const incremental = runAggregation(['--from', lastDay, '--to', lastDay])
const bareDay = await timed(() => bareGroupBy(lastDay, dayAfter))
console.log(`Incremental one-day run: ${incremental.summary}`)
console.log(
	`  aggregation ${fmt(incremental.ms)} (${fmt(incremental.wallMs)} with process start) | bare GROUP BY of that day ${fmt(bareDay.ms)} + bare counters ${fmt(bareFullCounters.ms)}` +
		` | ratio ${(incremental.ms / (bareDay.ms + bareFullCounters.ms)).toFixed(2)}× the bare queries`,
)
const nightly = runAggregation([])
console.log(`Nightly default range: ${nightly.summary}`)

await sql.end()
await admin.end()
