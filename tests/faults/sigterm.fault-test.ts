/**
 * The production app sent SIGTERM under load (what a deploy or a scale-down
 * does): it stops taking new connections at once, finishes the requests in
 * flight (none fails), closes the database pool and exits 0.
 */
import net from 'node:net'
import postgres from 'postgres'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createSeededDatabase, ensureProductionBuild, loadAverage, startAppProcess } from '#tests/fixtures/app-process.mjs'
import { startPrivatePostgres } from '#tests/fixtures/private-postgres.mjs'
import { sleep, startLoad, statusTable } from './load-loop.ts'

const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 5499)
const APP_PORT = Number(process.env.FAULTS_APP_PORT ?? 3393) + 1
const WORKERS = 16

let cluster: ReturnType<typeof startPrivatePostgres>
let app: Awaited<ReturnType<typeof startAppProcess>>
let databaseUrl: string

beforeAll(async () => {
	ensureProductionBuild()
	cluster = startPrivatePostgres({ port: PG_PORT })
	databaseUrl = await createSeededDatabase({ baseUrl: cluster.url, name: 'bazaar_faults_sigterm' })
	app = await startAppProcess({ port: APP_PORT, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_MULTIPLIER: '1000' } })
}, 180_000)

afterAll(async () => {
	await app?.stop('SIGKILL')
	cluster?.destroy()
})

/** Resolves with the connection error code, or 'connected' when the port still accepts connections. */
function tryConnect(port: number) {
	return new Promise<string>((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' })
		socket.once('connect', () => {
			socket.destroy()
			resolve('connected')
		})
		socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
	})
}

test('SIGTERM under load: no new connections, requests in flight finish, the pool is closed, exit 0', async () => {
	const admin = postgres(cluster.url, { max: 1, onnotice: () => {} })
	const connectionsToDatabase = async () =>
		(await admin<Array<{ n: number }>>`select count(*)::int as n from pg_stat_activity where datname = 'bazaar_faults_sigterm'`)[0]!.n
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
	const [template] = await sql<Array<{ id: string; slug: string }>>`
		select id, slug from "bazaar-vid_community_templates" where visibility = 'public' and status = 'active' order by slug limit 1`
	await sql.end()

	const load = startLoad({ target: { baseUrl: app.url, templateId: template!.id, slug: template!.slug }, workers: WORKERS })
	await load.ended(WORKERS * 20, () => true, { what: 'requests before the signal' })
	const poolBeforeSignal = await connectionsToDatabase()
	const inFlightAtSignal = load.inFlight()
	const signalledAt = performance.now()
	app.child.kill('SIGTERM')

	// New connections are refused while the process is still finishing what it has.
	let refusedAfterMs = -1
	let aliveWhenRefused = false
	for (let attempt = 0; attempt < 200; attempt++) {
		const outcome = await tryConnect(APP_PORT)
		if (outcome === 'ECONNREFUSED') {
			refusedAfterMs = performance.now() - signalledAt
			aliveWhenRefused = app.child.exitCode === null && app.child.signalCode === null
			break
		}
		await sleep(5)
	}
	const exit = await app.exited
	const exitedAfterMs = performance.now() - signalledAt
	await load.stop()
	// PostgreSQL ends a backend once it reads the closed socket: wait for that (a pool left open never gets there).
	let poolAfterExit = await connectionsToDatabase()
	for (const deadline = performance.now() + 10_000; poolAfterExit > 0 && performance.now() < deadline; poolAfterExit = await connectionsToDatabase()) await sleep(20)
	await admin.end()

	const inFlight = load.records.filter((record) => record.startedAt < signalledAt)
	const later = load.records.filter((record) => record.startedAt >= signalledAt)
	console.log(`SIGTERM under load (${WORKERS} concurrent clients, load average ${loadAverage()}):`)
	console.log(`  ${inFlightAtSignal} requests in flight at the signal; new connections refused ${refusedAfterMs.toFixed(0)} ms after it (process still running: ${aliveWhenRefused}); exit ${JSON.stringify(exit)} after ${exitedAfterMs.toFixed(0)} ms`)
	console.log(`  database connections: ${poolBeforeSignal} before the signal, ${poolAfterExit} after the exit`)
	console.log('  requests started before the signal:', JSON.stringify(statusTable(inFlight.filter((record) => record.endedAt >= signalledAt))))
	console.log('  requests started after it:', JSON.stringify(statusTable(later)))

	expect(exit).toEqual({ code: 0, signal: null })
	expect(app.output()).toMatch(/SIGTERM: finishing requests in flight, then closing the database\n(.|\n)*Stopped/)
	expect(inFlightAtSignal).toBeGreaterThan(0)
	// Every request that was sent before the signal got its full answer.
	expect(inFlight.filter((record) => record.status === null || record.status >= 300)).toEqual([])
	// Stopped taking new ones: connections refused while the process was still alive.
	expect(refusedAfterMs).toBeGreaterThanOrEqual(0)
	expect(aliveWhenRefused).toBe(true)
	// After the signal, a request either was refused a connection or got a full answer: none cut off half-way.
	expect(later.filter((record) => !(record.error === 'ECONNREFUSED' || (record.status !== null && record.status < 300)))).toEqual([])
	expect(poolBeforeSignal).toBeGreaterThan(0)
	expect(poolAfterExit).toBe(0)
}, 120_000)
