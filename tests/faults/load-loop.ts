/**
 * A small closed-loop load generator for the fault tests: `workers` loops, each
 * sending one request at a time until stopped, recording for every request when
 * it started and ended, its status (or the network error) and, for event
 * batches, the client ids the server acknowledged with 202.
 */
import { randomUUID } from 'node:crypto'

/** A browser's User-Agent: events from crawlers (isbot counts Node's fetch as one) are ignored by design. */
export const BROWSER_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'

export interface RequestRecord {
	kind: string
	startedAt: number
	endedAt: number
	status: number | null
	error: string | null
}

export interface LoadTarget {
	baseUrl: string
	templateId: string
	slug: string
}

type Step = { kind: string; path: string; init?: RequestInit; eventIds?: string[] }

/** The mix: pages, the read API, the health check and event batches (with client ids). */
export function mixedStep(target: LoadTarget, counter: number): Step {
	switch (counter % 6) {
		case 0:
			return { kind: 'gallery', path: '/' }
		case 1:
			return { kind: 'template page', path: `/t/${target.slug}` }
		case 2:
			return { kind: 'api list', path: '/api/v1/templates?limit=12' }
		case 3:
			return { kind: 'api template', path: `/api/v1/templates/${target.slug}` }
		case 4:
			return { kind: 'healthz', path: '/healthz' }
		default: {
			const eventIds = [randomUUID(), randomUUID(), randomUUID()]
			return {
				kind: 'events',
				path: '/api/v1/events',
				eventIds,
				init: {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'User-Agent': BROWSER_USER_AGENT },
					body: JSON.stringify({ events: eventIds.map((id) => ({ id, templateId: target.templateId, type: 'view', source: 'direct' })) }),
				},
			}
		}
	}
}

export function startLoad({
	target,
	workers,
	step = mixedStep,
	timeoutMs = 10_000,
}: {
	target: LoadTarget
	workers: number
	step?: (target: LoadTarget, counter: number) => Step
	timeoutMs?: number
}) {
	const records: RequestRecord[] = []
	const acknowledgedEventIds: string[] = []
	const waiters = new Set<() => void>()
	let running = true
	let counter = 0
	let inFlight = 0
	const loops = Array.from({ length: workers }, async () => {
		while (running) {
			const { kind, path, init, eventIds } = step(target, counter++)
			const startedAt = performance.now()
			inFlight++
			let status: number | null = null
			let error: string | null = null
			try {
				const response = await fetch(`${target.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) })
				status = response.status
				await response.arrayBuffer()
				if (status === 202 && eventIds) acknowledgedEventIds.push(...eventIds)
			} catch (caught) {
				const cause = (caught as { cause?: { code?: string } }).cause
				error = cause?.code ?? (caught instanceof Error ? caught.name + ': ' + caught.message : String(caught))
			}
			inFlight--
			records.push({ kind, startedAt, endedAt: performance.now(), status, error })
			for (const check of waiters) check()
			// Fail fast rather than spin when the server is gone.
			if (error) await new Promise((resolve) => setTimeout(resolve, 20))
		}
	})
	return {
		records,
		acknowledgedEventIds,
		/** Requests sent and not answered yet. */
		inFlight: () => inFlight,
		/**
		 * Resolves once `count` requests matching `which` have ended (answered or
		 * failed): the load phases of a test are counted in requests, not in time.
		 */
		ended(count: number, which: (record: RequestRecord) => boolean = () => true, { timeoutMs = 60_000, what = 'requests' } = {}) {
			return new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters.delete(check)
					reject(new Error(`${records.filter(which).length} of ${count} ${what} ended within ${timeoutMs} ms`))
				}, timeoutMs)
				const check = () => {
					if (records.filter(which).length < count) return
					waiters.delete(check)
					clearTimeout(timer)
					resolve()
				}
				waiters.add(check)
				check()
			})
		},
		async stop() {
			running = false
			await Promise.all(loops)
		},
	}
}

export function percentile(values: number[], p: number) {
	if (values.length === 0) return 0
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Status counts per kind, e.g. `{ gallery: { 200: 10, 500: 3 } }`, for printing. */
export function statusTable(records: RequestRecord[]) {
	const table: Record<string, Record<string, number>> = {}
	for (const record of records) {
		const row = (table[record.kind] ??= {})
		const key = record.status === null ? `error ${record.error}` : String(record.status)
		row[key] = (row[key] ?? 0) + 1
	}
	return table
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
