/**
 * The page cache under a burst, in the production server (a real process, as
 * `npm start` runs it): many concurrent visitors asking for answers that are
 * never stored (`/healthz` says no-store) and for pages that are. Requests for
 * a page being rendered wait for that rendering; none may wait forever.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createSeededDatabase, dropDatabase, ensureProductionBuild, startAppProcess } from '#tests/fixtures/app-process.mjs'

const PORT = Number(process.env.PAGE_CACHE_BURST_PORT ?? 3397)
const DATABASE = `bazaar_page_cache_burst_${process.pid}`
let app: Awaited<ReturnType<typeof startAppProcess>>

beforeAll(async () => {
	ensureProductionBuild()
	const databaseUrl = await createSeededDatabase({ name: DATABASE })
	app = await startAppProcess({ port: PORT, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_MULTIPLIER: '1000', PAGE_CACHE_SECONDS: '10', RENDER_JOBS: 'off' } })
}, 180_000)

afterAll(async () => {
	await app?.stop()
	await dropDatabase({ name: DATABASE })
})

test('16 visitors asking 40 times each, for stored pages and an answer never stored, all get their answer', async () => {
	const paths = ['/healthz', '/', '/api/v1/templates']
	const outcomes: string[] = []
	await Promise.all(
		Array.from({ length: 16 }, async (_, visitor) => {
			for (let round = 0; round < 40; round++) {
				const path = paths[(visitor + round) % paths.length]!
				// Far above any answer's time here: an answer this late is one that never comes.
				const outcome = await fetch(`${app.url}${path}`, { signal: AbortSignal.timeout(20_000) }).then(
					async (response) => `${path} ${response.status} ${(await response.arrayBuffer()).byteLength > 0}`,
					(error: Error) => `${path} ${error.name}`,
				)
				outcomes.push(outcome)
			}
		}),
	)
	expect(outcomes.filter((outcome) => !outcome.endsWith(' 200 true'))).toEqual([])
	expect(outcomes).toHaveLength(640)
}, 240_000)
