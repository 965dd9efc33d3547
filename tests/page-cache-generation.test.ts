/**
 * With Redis, the cache's front reads the shared generation for each request
 * before answering from memory (server/page-cache.ts `pageCacheFront`). A read
 * is shared by the requests that arrive while the previous one is out, but a
 * request never takes the answer of a read sent before it arrived: an
 * invalidation that finished before the request must be seen by it
 * (`readsStartedAfterArrival` in app/utils/page-cache.server.ts). The reads
 * here are stand-ins whose answers the test releases one by one.
 */
import { describe, expect, test } from 'vitest'
import { readsStartedAfterArrival } from '#app/utils/page-cache.server.ts'

/** Reads whose answers the test gives, in the order they were sent; each answers the generation at its start. */
function controlledReads() {
	let generation = 0
	const pending: Array<{ startedAt: number; answer: (value: number) => void; fail: (error: Error) => void }> = []
	const read = () =>
		new Promise<number>((resolve, reject) => {
			pending.push({ startedAt: generation, answer: resolve, fail: reject })
		})
	return {
		read,
		pending,
		invalidate: () => (generation += 1),
		/** Answers the oldest read that is out with the generation it saw when it started. */
		answerOldest() {
			const oldest = pending.shift()!
			oldest.answer(oldest.startedAt)
		},
	}
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('shared generation reads', () => {
	test('a request arriving while a read is out waits for the next read, which starts after it arrived', async () => {
		const reads = controlledReads()
		const forArrival = readsStartedAfterArrival(reads.read)
		const first = forArrival()
		reads.invalidate() // finished before the second request arrives
		const second = forArrival()
		expect(reads.pending).toHaveLength(1) // the next read waits for the one out
		reads.answerOldest()
		expect(await first).toBe(0)
		await settle()
		expect(reads.pending).toHaveLength(1) // sent once the first read came back
		reads.answerOldest()
		expect(await second).toBe(1)
	})

	test('every request arriving while one read is out shares one next read', async () => {
		const reads = controlledReads()
		const forArrival = readsStartedAfterArrival(reads.read)
		const first = forArrival()
		const waiting = Array.from({ length: 50 }, () => forArrival())
		reads.answerOldest()
		await first
		await settle()
		expect(reads.pending).toHaveLength(1)
		reads.answerOldest()
		expect(new Set(await Promise.all(waiting))).toEqual(new Set([0]))
		// Nothing out now: the next request starts its own read at once.
		const later = forArrival()
		expect(reads.pending).toHaveLength(1)
		reads.answerOldest()
		expect(await later).toBe(0)
	})

	test('a failed read fails its own requests only; those waiting get a new read', async () => {
		const reads = controlledReads()
		const forArrival = readsStartedAfterArrival(reads.read)
		const first = forArrival()
		reads.invalidate()
		const second = forArrival()
		reads.pending.shift()!.fail(new Error('Redis went away'))
		await expect(first).rejects.toThrow('Redis went away')
		await settle()
		expect(reads.pending).toHaveLength(1)
		reads.answerOldest()
		expect(await second).toBe(1)
	})
})
