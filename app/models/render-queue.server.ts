/**
 * The render queue: pg-boss on the application's database (its own schema,
 * `pgboss`). Every process that changes a template sends jobs; workers (the
 * `npm run worker` process, and `npm start` itself unless RENDER_JOBS=off)
 * take them. On PostgreSQL pg-boss keeps a small pool of its own; on the
 * embedded PGlite demo it shares the app's one connection, so the demo works
 * its jobs in-process. See docs/rendering.md.
 *
 * What a job survives: a failed attempt is retried with exponential backoff
 * and marked `failed` after the third; a worker killed mid-job leaves its job
 * `active` until `expireInSeconds`, when pg-boss's maintenance hands it back
 * to the queue for another worker (or the same one, restarted).
 */
import PgBoss from 'pg-boss'
import { sql } from 'drizzle-orm'
import { type Database, beforeDatabaseCloses, db, queryRows, queueDatabase } from '#app/db/client.server.ts'

export const RENDER_QUEUE = 'render-template'

/** Three tries in all: the first and two retries, 2–4 s and then 4–8 s later. */
export const RENDER_JOB_OPTIONS = {
	retryLimit: 2,
	retryDelay: 2,
	retryBackoff: true,
	// A template of 20 scenes takes about a minute; a job active past this was cut off.
	expireInSeconds: 300,
} as const

export interface RenderJobData {
	templateId: string
}

interface QueueState {
	boss: PgBoss
	started: Promise<PgBoss>
	workerIds: Set<string>
}

// On globalThis like the database handle (the dev server may load this module twice).
const store = globalThis as typeof globalThis & { __bazaarRenderQueue?: QueueState }

function createBoss() {
	const target = queueDatabase()
	const boss = new PgBoss({
		...(target.kind === 'postgres' ? { connectionString: target.connectionString, max: 3 } : { db: target.executor }),
		// Maintenance (expiring jobs whose worker died, archiving) runs in one process per interval, whichever takes it.
		supervise: true,
		schedule: false,
		maintenanceIntervalSeconds: 30,
	})
	// An error pg-boss meets in the background (a lost connection) must not take the process down.
	boss.on('error', (error) => console.error(`Render queue: ${error.message}`))
	return boss
}

async function ensureQueue(boss: PgBoss) {
	if (await boss.getQueue(RENDER_QUEUE)) return
	try {
		// `stately`: at most one job waiting per template (the job reads the template as it is when it runs).
		await boss.createQueue(RENDER_QUEUE, { name: RENDER_QUEUE, policy: 'stately', ...RENDER_JOB_OPTIONS })
	} catch (error) {
		// Another process created it between our look and our insert.
		if (!(await boss.getQueue(RENDER_QUEUE))) throw error
	}
}

function queueState(): QueueState {
	if (store.__bazaarRenderQueue) return store.__bazaarRenderQueue
	const boss = createBoss()
	const state: QueueState = {
		boss,
		started: boss.start().then(async () => {
			await ensureQueue(boss)
			return boss
		}),
		workerIds: new Set(),
	}
	store.__bazaarRenderQueue = state
	state.started.catch(() => {
		if (store.__bazaarRenderQueue === state) store.__bazaarRenderQueue = undefined
	})
	const forget = beforeDatabaseCloses(async () => {
		forget()
		await stopRenderQueue()
	})
	return state
}

/** The started queue (created on first use, with its schema). */
export function renderQueue(): Promise<PgBoss> {
	return queueState().started
}

/** A creator's change goes before catching up on templates never rendered. */
export const RENDER_PRIORITY = { change: 10, backfill: 0 } as const

/** Queues a render of the template; a render already waiting for it stands for this one. */
export async function sendRenderJob(templateId: string, priority: number = RENDER_PRIORITY.change) {
	const boss = await renderQueue()
	return boss.send(RENDER_QUEUE, { templateId } satisfies RenderJobData, { ...RENDER_JOB_OPTIONS, singletonKey: templateId, priority })
}

/** How many render workers this process runs (0 in a web process started with RENDER_JOBS=off). */
export function renderWorkersInThisProcess() {
	return store.__bazaarRenderQueue?.workerIds.size ?? 0
}

export interface RenderWorkerOptions {
	/** Renders one template; throwing fails the attempt (retried, then failed). */
	handle: (data: RenderJobData) => Promise<void>
	pollingIntervalSeconds?: number
}

/** Starts taking render jobs in this process, one at a time; returns how to stop (letting the job in hand finish). */
export async function workRenderJobs({ handle, pollingIntervalSeconds = 2 }: RenderWorkerOptions) {
	const state = queueState()
	const boss = await state.started
	const workerId = await boss.work<RenderJobData>(RENDER_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
		if (job) await handle(job.data)
	})
	state.workerIds.add(workerId)
	return async () => {
		state.workerIds.delete(workerId)
		await boss.offWork({ id: workerId }).catch(() => {})
	}
}

/** The template's newest render job as pg-boss holds it (state, how many retries), or null. */
export async function newestRenderJob(templateId: string, database: Database = db) {
	await renderQueue()
	const [job] = await queryRows<{ state: string; retry_count: number }>(
		sql`select state, retry_count from pgboss.job where name = ${RENDER_QUEUE} and singleton_key = ${templateId} order by created_on desc limit 1`,
		database,
	)
	return job ? { state: job.state, retryCount: Number(job.retry_count) } : null
}

/** Stops the queue (waiting for a job in hand), before the database closes. */
export async function stopRenderQueue() {
	const state = store.__bazaarRenderQueue
	if (!state) return
	store.__bazaarRenderQueue = undefined
	const boss = await state.started.catch(() => null)
	await boss?.stop({ graceful: true, wait: true, close: true, timeout: 30_000 })
}
