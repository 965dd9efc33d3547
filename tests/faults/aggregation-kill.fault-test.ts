/**
 * The nightly aggregation (`scripts/aggregate-metrics.ts`, as cron runs it)
 * killed with SIGKILL in the middle of its statement over a large range, then run again: the
 * result equals a clean run from the same starting point. The killed run
 * leaves nothing half-written. Runs on its own PostgreSQL cluster (port 5499).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import postgres from 'postgres'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createSeededDatabase, loadAverage, root } from '#tests/fixtures/app-process.mjs'
import { startPrivatePostgres } from '#tests/fixtures/private-postgres.mjs'
import { AGGREGATION_LOCK_KEY } from '#app/models/metrics.server.ts'
import { sleep } from './load-loop.ts'

const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 5499)
const EVENT_COUNT = Number(process.env.FAULTS_AGGREGATION_EVENTS ?? 600_000)
const DAY_COUNT = 124
const TEMPLATE_COUNT = 100
const DAY_MS = 86_400_000
const lastDay = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - DAY_MS)
const firstDay = new Date(lastDay.getTime() - (DAY_COUNT - 1) * DAY_MS)
const isoDay = (date: Date) => date.toISOString().slice(0, 10)
const RANGE = ['--from', isoDay(firstDay), '--to', isoDay(lastDay)]

const TEMPLATES = '"bazaar-vid_community_templates"'
const EVENTS = '"bazaar-vid_community_events"'
const METRICS = '"bazaar-vid_community_metrics_daily"'

let cluster: ReturnType<typeof startPrivatePostgres>
let databaseUrl: string
let sql: postgres.Sql

beforeAll(async () => {
	cluster = startPrivatePostgres({ port: PG_PORT })
	databaseUrl = await createSeededDatabase({ baseUrl: cluster.url, name: 'bazaar_faults_metrics', seed: false })
	sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
	await sql.unsafe(`insert into ${TEMPLATES} (slug, title) select 'fault-' || i, 'Fault ' || i from generate_series(1, ${TEMPLATE_COUNT}) i`)
	const started = performance.now()
	await sql.unsafe(`
		insert into ${EVENTS} (id, template_id, event_type, source, created_at)
		select gen_random_uuid(), t.ids[1 + (i * 7919) % t.n],
			(array['view','view','view','view','view','view','click','click','favorite','use','mix','prompt','unfavorite'])[1 + (i * 31) % 13],
			'community_site',
			'${firstDay.toISOString()}'::timestamptz + ((i - 1)::double precision / ${EVENT_COUNT}) * interval '${DAY_COUNT} days'
		from generate_series(1::bigint, ${EVENT_COUNT}::bigint) i,
			(select array_agg(id order by slug) as ids, count(*)::int as n from ${TEMPLATES}) t`)
	await sql.unsafe(`vacuum analyze ${EVENTS}`)
	// A template without events: the stale metrics row it gets below must be removed by the run.
	await sql.unsafe(`insert into ${TEMPLATES} (slug, title) values ('fault-no-events', 'No events')`)
	console.log(`${EVENT_COUNT.toLocaleString('en-US')} events over ${DAY_COUNT} days generated in ${Math.round(performance.now() - started)} ms`)
}, 300_000)

afterAll(async () => {
	await sql?.end()
	cluster?.destroy()
})

/** The state before each run: a stale metrics row that must go, and counters that drifted. */
async function resetToStartingPoint() {
	await sql.unsafe(`delete from ${METRICS}`)
	await sql.unsafe(`
		insert into ${METRICS} (template_id, day, event_type, count)
		select id, '${isoDay(firstDay)}'::date, 'prompt', 999999 from ${TEMPLATES} where slug in ('fault-1', 'fault-no-events')`)
	await sql.unsafe(`update ${TEMPLATES} set views_count = 7, uses_count = 3, favorites_count = 1`)
}

async function snapshot() {
	const metrics = await sql`select template_id::text, day::text, event_type, count::text from ${sql.unsafe(METRICS)} order by 1, 2, 3`
	const counters = await sql`select id::text, views_count, uses_count, favorites_count from ${sql.unsafe(TEMPLATES)} order by id`
	return { metrics: metrics.map((row) => Object.values(row).join('|')), counters: counters.map((row) => Object.values(row).join('|')) }
}

function runAggregation() {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/aggregate-metrics.ts', ...RANGE], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: databaseUrl },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	child.stdout!.on('data', (chunk) => (output += chunk))
	child.stderr!.on('data', (chunk) => (output += chunk))
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
	return { child, exited, output: () => output }
}

/**
 * Kills the run with SIGKILL while its statement (counting, comparing and writing every day of the
 * range, and the counters) has been running for a while on the server. Its days are reported only
 * once that statement is done, and the commit follows a millisecond later: killed on the report, the
 * run could commit first. Killed mid-statement, it never sends its commit.
 */
function killMidStatement(child: ChildProcess) {
	return new Promise<string>((resolve, reject) => {
		const poll = async () => {
			if (child.exitCode !== null || child.signalCode !== null) return reject(new Error('the run ended before its statement was seen running'))
			const [running] = await sql<Array<{ ms: number }>>`
				select (extract(epoch from now() - query_start) * 1000)::int as ms from pg_stat_activity
				where pid <> pg_backend_pid() and state = 'active' and query like ${'%with fresh as materialized%'}
					and now() - query_start > interval '100 milliseconds'`
			if (running) {
				child.kill('SIGKILL')
				return resolve(`${running.ms} ms into its statement`)
			}
			setTimeout(() => poll().catch(reject), 10)
		}
		poll().catch(reject)
	})
}

async function advisoryLockHolders() {
	const [row] = await sql<Array<{ n: number }>>`
		select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = 0 and objid = ${AGGREGATION_LOCK_KEY} and granted`
	return row!.n
}

test('an aggregation killed halfway, then run again, leaves what a clean run leaves', async () => {
	// Killed halfway.
	await resetToStartingPoint()
	const before = await snapshot()
	const killed = runAggregation()
	const killedAt = killMidStatement(killed.child).catch((error: Error) => error.message)
	const killedExit = await killed.exited
	const progress = await killedAt
	expect(killedExit.signal, `the run ended before it could be killed halfway (${progress}; more events: FAULTS_AGGREGATION_EVENTS):\n${killed.output()}`).toBe('SIGKILL')
	const killTime = performance.now()

	// PostgreSQL notices the dead client when its backend next reads from the socket: until then
	// the backend keeps the transaction (and the advisory lock) open. A run started meanwhile is refused.
	let lockHeldMs = 0
	while ((await advisoryLockHolders()) > 0) {
		lockHeldMs = performance.now() - killTime
		if (lockHeldMs > 60_000) throw new Error('the killed run still holds the aggregation lock after 60 s')
		await sleep(20)
	}
	// The killed run's transaction was rolled back whole: nothing half-written.
	expect(await snapshot()).toEqual(before)

	const rerun = runAggregation()
	const rerunExit = await rerun.exited
	expect(rerunExit, rerun.output()).toEqual({ code: 0, signal: null })
	expect(rerun.output()).toMatch(/^Done: recomputed 124 day\(s\).* 1 removed/m)
	const afterKillAndRerun = await snapshot()

	// A clean run from the same starting point.
	await resetToStartingPoint()
	const clean = runAggregation()
	expect(await clean.exited, clean.output()).toEqual({ code: 0, signal: null })
	const afterCleanRun = await snapshot()

	console.log(`aggregation over ${EVENT_COUNT.toLocaleString('en-US')} events, ${DAY_COUNT} days (load average ${loadAverage()}):`)
	console.log(`  killed (SIGKILL) ${progress}; its lock was released ${Math.round(lockHeldMs)} ms later`)
	console.log(`  re-run: ${rerun.output().trim().split('\n').at(-1)}`)
	console.log(`  clean run: ${clean.output().trim().split('\n').at(-1)}`)
	console.log(`  ${afterCleanRun.metrics.length} metrics rows, ${afterCleanRun.counters.length} templates compared`)

	expect(afterCleanRun.metrics.length).toBeGreaterThan(DAY_COUNT)
	expect(afterKillAndRerun.metrics).toEqual(afterCleanRun.metrics)
	expect(afterKillAndRerun.counters).toEqual(afterCleanRun.counters)
	// And the stale row and drifted counters were really corrected.
	expect(afterCleanRun.metrics.some((row) => row.endsWith('|999999'))).toBe(false)
	expect(afterCleanRun.counters.some((row) => row.endsWith('|7|3|1'))).toBe(false)
}, 300_000)
