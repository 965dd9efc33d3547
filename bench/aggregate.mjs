// `npm run bench:aggregate`: the nightly aggregation (the compiled CLI, as cron
// runs it, process start included) over BENCH_EVENTS events (10 million by
// default, generated with generate_series into its own database and kept for
// the next run), against the limit measured in the same run: the bare GROUP BY
// over the same rows (every event of the range read and counted per template,
// UTC day and type, nothing written), with the server's settings and with the
// run's own (AGGREGATION_SETTINGS). Figures are medians of BENCH_ROUNDS rounds,
// each round measuring the limit right before the run.
//
// - A full run from an empty table (the first run: it writes every row), also
//   against a bare INSERT … SELECT … GROUP BY of the same groups (the write
//   that any such run does, rolled back).
// - A full run again over the same events (what a full run does on a table
//   that holds them: every day's digest matches, it reads no stored row and
//   writes nothing).
// - A full run after one event of an old day changed (that day's digest
//   differs: its stored rows are read, compared and rewritten).
// - A one-day run, and the nightly default range.
//
// Env: DATABASE_URL (server; default local), BENCH_DATABASE (bazaar_bench_events),
// BENCH_EVENTS (10000000), BENCH_DAYS (365), BENCH_TEMPLATES (200), BENCH_ROUNDS (3),
// BENCH_REGENERATE=1 to rebuild the data, BENCH_FROM_EMPTY=0 to skip the run
// from an empty table (the longest, and not the nightly case), BENCH_SCRIPT to
// time another compiled script (an earlier commit's build, for a before/after).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { AGGREGATION_SETTINGS } from '../app/models/metrics.server.ts'
import { EVENT_TYPES } from '../app/vocabulary.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const total = Number(process.env.BENCH_EVENTS ?? 10_000_000)
const dayCount = Number(process.env.BENCH_DAYS ?? 365)
const templateCount = Number(process.env.BENCH_TEMPLATES ?? 200)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const name = process.env.BENCH_DATABASE ?? 'bazaar_bench_events'
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
function migrate() {
	const migrated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
	if (migrated.status !== 0) process.exit(1)
}
if (!reuse) {
	await sql.end()
	await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
	await admin.unsafe(`CREATE DATABASE "${name}"`)
	sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
	migrate()
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
	// Kept data, the current schema (a no-op when nothing is pending).
	migrate()
	console.log(`Reusing ${total.toLocaleString('en-US')} events in ${name} (BENCH_REGENERATE=1 to rebuild)`)
}

async function timed(work) {
	const started = performance.now()
	const result = await work()
	return { ms: performance.now() - started, result }
}

const compiledScript = path.resolve(root, process.env.BENCH_SCRIPT ?? 'build/scripts/aggregate-metrics.js')
if (!fs.existsSync(compiledScript) && !process.env.BENCH_SCRIPT) {
	const built = spawnSync('npm', ['run', 'build:scripts'], { cwd: root, stdio: 'inherit' })
	if (built.status !== 0) process.exit(1)
}

/** Runs the real CLI, compiled, as cron does: its own figure, and the wall time from spawning node to its exit. */
function runAggregation(args) {
	const started = performance.now()
	const run = spawnSync(process.execPath, [compiledScript, ...args], { cwd: root, env, encoding: 'utf8' })
	const wallMs = performance.now() - started
	if (run.status !== 0) throw new Error(`aggregation failed:\n${run.stdout}\n${run.stderr}`)
	const summary = run.stdout.trim().split('\n').at(-1)
	return { ms: Number(/in (\d+) ms$/.exec(summary)?.[1]), wallMs, summary }
}

/** What starting the script costs before it does anything: node, its modules, --help. */
function processStart() {
	const started = performance.now()
	const run = spawnSync(process.execPath, [compiledScript, '--help'], { cwd: root, env, encoding: 'utf8' })
	if (run.status !== 0) throw new Error(run.stderr)
	return performance.now() - started
}

/**
 * The limit: the bare GROUP BY over the same rows, read-only, from this process's connection:
 * every event of the range read and counted per (template, UTC day, type), exactly the
 * aggregation's grouping, nothing written. `settings`: also run it under the aggregation's own
 * session settings (AGGREGATION_SETTINGS), a stricter limit than the server's defaults.
 */
async function bareGroupBy(from, to, settings = {}) {
	return sql.begin(async (tx) => {
		for (const [name, value] of Object.entries(settings)) await tx`select set_config(${name}, ${value}, true)`
		const started = performance.now()
		const [row] = await tx.unsafe(`
			select count(*)::int as groups, sum(count)::bigint as events from (
				select template_id, (created_at at time zone 'UTC')::date as day, event_type, count(*) as count
				from ${EVENTS}
				where event_type in (${EVENT_TYPES.map((type) => `'${type}'`).join(',')})
					and created_at >= '${from}T00:00:00Z' and created_at < '${to}T00:00:00Z'
				group by 1, 2, 3
			) s`)
		return { ms: performance.now() - started, groups: row.groups }
	})
}

/** The least any run from an empty table must also do: write those groups, as one plain INSERT … SELECT … GROUP BY into the emptied (truncated) table, rolled back. */
async function bareInsert(from, to) {
	const started = performance.now()
	await sql
		.begin(async (tx) => {
			await tx.unsafe(`truncate ${METRICS}`)
			await tx.unsafe(`
				insert into ${METRICS} (template_id, day, event_type, count)
				select template_id, (created_at at time zone 'UTC')::date, event_type, count(*)
				from ${EVENTS}
				where event_type in (${EVENT_TYPES.map((type) => `'${type}'`).join(',')})
					and created_at >= '${from}T00:00:00Z' and created_at < '${to}T00:00:00Z'
				group by 1, 2, 3`)
			throw new Rollback(performance.now() - started)
		})
		.catch((error) => {
			if (!(error instanceof Rollback)) throw error
		})
	return performance.now() - started
}
class Rollback extends Error {}

async function emptyMetrics() {
	await sql.unsafe(`delete from ${METRICS}`)
	await sql.unsafe(`vacuum ${METRICS}`)
	await sql.unsafe(`update ${TEMPLATES} set views_count = 0, uses_count = 0, favorites_count = 0`)
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`
const ratio = (value) => `${value.toFixed(2)}×`
const firstIso = isoDay(firstDay)
const lastDay = isoDay(today)
const dayAfter = isoDay(new Date(today.getTime() + DAY_MS))
const version = (await sql`show server_version`)[0].server_version
console.log(
	`PostgreSQL ${version}, ${total.toLocaleString('en-US')} events, ${dayCount} days ${firstIso}..${lastDay}; ${ROUNDS} rounds per figure (medians); ` +
		`load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores, shared: compare the ratios)`,
)

console.log(`Script: ${path.relative(root, compiledScript)}`)
const start = median(Array.from({ length: 5 }, processStart))
console.log(`Process start (node, the compiled script's modules, --help): ${fmt(start)}`)

// Each round runs the limit and the aggregation one after the other, so both see the same machine.
async function measure(label, { args, before, limits }) {
	const rounds = []
	for (let round = 0; round < ROUNDS; round++) {
		const bare = await bareGroupBy(firstIso, dayAfter)
		const tuned = await bareGroupBy(firstIso, dayAfter, AGGREGATION_SETTINGS)
		const extra = limits ? await limits() : null
		if (before) await before()
		rounds.push({ run: runAggregation(args), bare, tuned, extra })
	}
	const wall = median(rounds.map((round) => round.run.wallMs))
	const bare = median(rounds.map((round) => round.bare.ms))
	const tuned = median(rounds.map((round) => round.tuned.ms))
	console.log(`\n${label}: ${rounds.at(-1).run.summary}`)
	console.log(`  run ${fmt(wall)} with process start (${fmt(median(rounds.map((round) => round.run.ms)))} by its own clock)`)
	console.log(`  bare GROUP BY over the same ${total.toLocaleString('en-US')} rows (${rounds[0].bare.groups.toLocaleString('en-US')} groups), server's settings: ${fmt(bare)} → run/bare ${ratio(wall / bare)} (target ≤ 1.3×)`)
	console.log(`  the same under the run's settings (${Object.entries(AGGREGATION_SETTINGS).map(([name, value]) => `${name} ${value}`).join(', ')}): ${fmt(tuned)} → ${ratio(wall / tuned)}`)
	return { wall, bare, tuned, extra: rounds.map((round) => round.extra) }
}

const fullRange = ['--from', firstIso, '--to', lastDay]
if (process.env.BENCH_FROM_EMPTY !== '0') {
	// From an empty table: the first run on a database with events, which writes every row.
	const scratch = await measure('Full run from an empty table', { args: fullRange, before: emptyMetrics, limits: () => bareInsert(firstIso, dayAfter) })
	const insertFloor = median(scratch.extra)
	console.log(`  bare INSERT … SELECT … GROUP BY of those groups into the emptied table (the write any such run does): ${fmt(insertFloor)} → run/that ${ratio(scratch.wall / insertFloor)}`)
} else {
	// Not measured: whatever state the table is in, one run brings it and its digests up to date.
	runAggregation(fullRange)
}
// What autovacuum does after a first run writes 511,000 rows (it is off on the bench's shared server): without
// statistics PostgreSQL guesses that a third of the metrics lie before the range and scans them all for the counters.
await sql.unsafe(`vacuum analyze ${METRICS}`)

// Again over the same events: what a full run does on a table that already holds them (it writes nothing).
await measure('Full run again, table up to date', { args: fullRange })

// The first event (a view on the first day) changes type, view ⇄ click, before each round: a full
// run finds that day's digest different and compares and rewrites its rows; the other days' match.
async function changeAnOldEvent() {
	const [changed] = await sql.unsafe(`
		update ${EVENTS} set event_type = case event_type when 'view' then 'click' else 'view' end
		where id = '00000000-0000-0000-0000-000000000001' returning created_at`)
	if (!changed) throw new Error('the first generated event is gone (BENCH_REGENERATE=1)')
}
await measure('Full run after one event of the first day changed', { args: fullRange, before: changeAnOldEvent })

const oneDay = []
for (let round = 0; round < ROUNDS; round++) oneDay.push(runAggregation(['--from', lastDay, '--to', lastDay]))
const oneDayWall = median(oneDay.map((run) => run.wallMs))
console.log(`\nOne-day run: ${oneDay.at(-1).summary}`)
console.log(`  run ${fmt(oneDayWall)} with process start; without it ${fmt(oneDayWall - start)} (target ≤ 1 s + start)`)
const nightly = runAggregation([])
console.log(`Nightly default range: ${nightly.summary} (${fmt(nightly.wallMs)} with process start)`)

await sql.end()
await admin.end()
