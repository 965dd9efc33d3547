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
import { randomUUID } from 'node:crypto'
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
	/** This process's workers, each with its stop. */
	workers: Map<string, () => Promise<void>>
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
		workers: new Map(),
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
	return store.__bazaarRenderQueue?.workers.size ?? 0
}

export interface RenderWorkerOptions {
	/** Renders one template; throwing fails the attempt (retried, then failed). */
	handle: (data: RenderJobData) => Promise<void>
	pollingIntervalSeconds?: number
}

/** Waits `ms`, or less if `signal` aborts first. */
function pause(ms: number, signal: AbortSignal) {
	return new Promise<void>((resolve) => {
		const done = () => {
			clearTimeout(timer)
			signal.removeEventListener('abort', done)
			resolve()
		}
		const timer = setTimeout(done, ms)
		signal.addEventListener('abort', done)
	})
}

/**
 * One job: the handler, then its outcome written to pgboss.job before this
 * resolves (complete, or fail: retried, then failed). Past the job's
 * expireInSeconds pg-boss's maintenance has already failed the attempt by
 * timeout and may have handed the job to another worker, so nothing more is
 * written for it here.
 */
async function workJob(boss: PgBoss, job: PgBoss.Job<RenderJobData>, handle: RenderWorkerOptions['handle']) {
	const deadline = Date.now() + Number(job.expireInSeconds) * 1000
	let failure: { error: unknown } | null = null
	try {
		await handle(job.data)
	} catch (error) {
		failure = { error }
	}
	if (Date.now() >= deadline) return
	try {
		if (failure) await boss.fail(RENDER_QUEUE, job.id, failure.error instanceof Error ? failure.error : { value: String(failure.error) })
		else await boss.complete(RENDER_QUEUE, job.id)
	} catch (error) {
		// The job stays active: once it expires, maintenance hands it back to the queue.
		console.error(`Render queue: could not record the outcome of job ${job.id}: ${error instanceof Error ? error.message : String(error)}`)
	}
}

/**
 * Starts taking render jobs in this process, one at a time; returns how to
 * stop. Stopping lets the job in hand finish and its outcome be written
 * (`completed`, or a failed attempt), then resolves: no job is cut off by a
 * restart or a deploy.
 *
 * A loop of pg-boss's fetch/complete/fail rather than `boss.work`: in pg-boss
 * 10 `offWork` returns without waiting for the handler in hand, and `work`
 * records the outcome without awaiting it, so a process stopping after either
 * could close the database under the render or under its completion.
 */
export async function workRenderJobs({ handle, pollingIntervalSeconds = 2 }: RenderWorkerOptions) {
	const state = queueState()
	const boss = await state.started
	const workerId = randomUUID()
	const stopping = new AbortController()
	const loop = (async () => {
		while (!stopping.signal.aborted) {
			// pg-boss's fetch answers [] when the database cannot be reached: the loop waits and asks again.
			const [job] = await boss.fetch<RenderJobData>(RENDER_QUEUE, { batchSize: 1, priority: true }).catch((error: unknown) => {
				console.error(`Render queue: ${error instanceof Error ? error.message : String(error)}`)
				return []
			})
			if (job) await workJob(boss, job, handle)
			else await pause(pollingIntervalSeconds * 1000, stopping.signal)
		}
	})()
	let stopped: Promise<void> | undefined
	const stop = () => {
		stopped ??= (async () => {
			stopping.abort()
			await loop
			state.workers.delete(workerId)
		})()
		return stopped
	}
	state.workers.set(workerId, stop)
	return stop
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

/** Stops the queue and this process's workers (each after the job in hand), before the database closes. */
export async function stopRenderQueue() {
	const state = store.__bazaarRenderQueue
	if (!state) return
	store.__bazaarRenderQueue = undefined
	// This process's workers first: each finishes the job in hand and records it while the database is open.
	await Promise.all([...state.workers.values()].map((stop) => stop()))
	const boss = await state.started.catch(() => null)
	await boss?.stop({ graceful: true, wait: true, close: true, timeout: 30_000 })
}
