// `npm run bench:search`: gallery search against its two targets (issue 14, item 4).
//
// 1. Through the whole app on 10,000 templates: the production build
//    (`node build/server-entry/index.js`) with the page cache off
//    (PAGE_CACHE_SECONDS=0, so every request searches and renders), 20
//    connections cycling through SEARCHES as `/?q=…` URLs. Prints req/s, p95
//    and p99, and p99 as a ratio to the 100 ms limit. Then once more with the
//    page cache on (10 s), where repeated searches are served from it. A
//    floor row: the sign-in page under the same load, cache off (no search
//    answers sooner than a page that searches nothing).
// 2. Server time on 100,000 templates: what the gallery's loader asks the
//    database for (`searchTemplates` and `listPopularTags`, as in
//    app/routes/_index.tsx), timed in this process against the seeded database,
//    one search after another, every search of SEARCHES `BENCH_ROUNDS` times.
//    Prints p50/p95/max, p95 as a ratio to the 15 ms limit, and each search's
//    median and how many templates it matched. Then the same for a few gallery
//    pages without a search (BROWSES), for the record.
//
// Run with `node --import tsx` (part 2 imports the app's model). Needs
// `npm run build` and PostgreSQL (BENCH_BASE_DATABASE_URL, default the local
// server). The seeded databases (bazaar_bench_search, bazaar_bench_search_100k)
// are kept and reused while they hold the expected number of bench templates
// (BENCH_FRESH=1 seeds them again).
// Env: BENCH_PORT (3611), BENCH_SECONDS (10), BENCH_CONNECTIONS (20), BENCH_ROUNDS (20),
// BENCH_PARTS (`app,server-time`: a comma list of the parts to run), BENCH_SERVER_TEMPLATES
// (100000: how many bench templates part 2 runs on; 10000 reuses part 1's database), BENCH_SERVER_DATABASE
// (part 2's database name, default bazaar_bench_search_100k: engineers comparing migrations side by side
// each keep their own, since part 2 migrates it).
import fs from 'node:fs'
import os from 'node:os'
import autocannon from 'autocannon'
import { cpuMeter, startAppProcess } from '../tests/fixtures/app-process.mjs'
import { benchDatabaseCounts, seedBenchDatabase } from './seed-bench-database.mjs'

const PORT = Number(process.env.BENCH_PORT ?? 3611)
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20)
const PARTS = (process.env.BENCH_PARTS ?? 'app,server-time').split(',')
const SERVER_TEMPLATES = Number(process.env.BENCH_SERVER_TEMPLATES ?? 100_000)
const BASE_URL = process.env.BENCH_BASE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const P99_LIMIT_MS = 100
const SERVER_P95_LIMIT_MS = 15

/**
 * What people type, over the bench vocabulary (bench/seed-bench-database.mjs): two
 * words, one common word, a partial word, with a category, a format, a tag, a sort
 * or a second page, an exact name, and a word nothing has.
 */
const SEARCHES = [
	{ q: 'logo anim' },
	{ q: 'neon' },
	{ q: 'countdown sale' },
	{ q: 'chart', category: 'data' },
	{ q: 'kinetic title' },
	{ q: 'confetti launch' },
	{ q: 'lower third' },
	{ q: 'quote', sort: 'new' },
	{ q: 'lesson', category: 'education' },
	{ q: 'dash' },
	{ q: 'gradient reveal', page: 2 },
	{ q: 'intro', format: 'portrait' },
	{ q: 'promo', tag: 'sale' },
	{ q: 'wipe confetti' },
	{ q: 'bench 4242' },
	{ q: 'quokka' },
]

/** The floor row of part 1: a small server-rendered page that searches nothing. */
const FLOOR_PATH = '/login'

/** Gallery pages without a search, timed the same way on 100,000 (printed, not part of the search p95). */
const BROWSES = [{}, { category: 'data' }, { sort: 'new', page: 50 }, { format: 'portrait' }, { tag: 'neon' }, { tag: 'neon', format: 'square' }, { category: 'data', sort: 'trending' }]

function searchPath(search) {
	const params = new URLSearchParams()
	for (const [name, value] of Object.entries(search)) params.set(name, String(value))
	return `/?${params}`
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ')

async function benchDatabase(name, templates) {
	const existing = process.env.BENCH_FRESH ? null : await benchDatabaseCounts({ baseUrl: BASE_URL, name })
	if (existing && existing.templates === templates) {
		console.log(`Reusing ${name} (${templates.toLocaleString('en-US')} bench templates)`)
		return existing.databaseUrl
	}
	return seedBenchDatabase({ baseUrl: BASE_URL, name, templates })
}

/** The production server on the bench database (tests/fixtures/app-process.mjs, as the soak starts it). */
function startApp(databaseUrl, pageCacheSeconds) {
	return startAppProcess({ port: PORT, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_MULTIPLIER: '1000', PAGE_CACHE_SECONDS: String(pageCacheSeconds) } })
}

/** 20 connections, each cycling through `paths` (every search); latencies of every answer for p95/p99. */
async function loadPaths(serverPid, paths) {
	const cpu = cpuMeter(serverPid)
	const times = []
	const instance = autocannon({
		url: `http://localhost:${PORT}`,
		connections: CONNECTIONS,
		duration: DURATION,
		requests: paths.map((path) => ({ method: 'GET', path })),
	})
	instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
	const result = await instance
	times.sort((a, b) => a - b)
	const cpuMsPerRequest = cpu.msPer(result.requests.total)
	return { rps: Math.round(result.requests.average), p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), errors: result.errors + result.non2xx, cpuMsPerRequest }
}

/** One line of part 1's table: a `loadPaths` result. */
function tableRow(mode, result) {
	return {
		mode,
		'req/s': result.rps,
		'p50 ms': Math.round(result.p50),
		'p95 ms': Math.round(result.p95),
		'p99 ms': Math.round(result.p99),
		errors: result.errors,
		'app CPU ms/req': result.cpuMsPerRequest,
		'p99 / 100 ms': Number((result.p99 / P99_LIMIT_MS).toFixed(2)),
		'load average': loadAverage(),
	}
}

async function benchThroughTheApp() {
	if (!fs.existsSync('build/server-entry/index.js')) throw new Error('No production build: run `npm run build` first.')
	const databaseUrl = await benchDatabase('bazaar_bench_search', 10_000)
	const rows = []
	for (const [mode, seconds] of [
		['page cache off', 0],
		['page cache on (10 s)', 10],
	]) {
		const app = await startApp(databaseUrl, seconds)
		// One pass first: the first request of each search pays for connections and plans.
		for (const search of SEARCHES) await fetch(`http://localhost:${PORT}${searchPath(search)}`)
		rows.push(tableRow(mode, await loadPaths(app.pid, SEARCHES.map(searchPath))))
		// The floor: the small sign-in page under the same load. No search can answer faster than a page with nothing to search.
		if (seconds === 0) rows.push(tableRow(`floor: ${FLOOR_PATH}, cache off`, await loadPaths(app.pid, [FLOOR_PATH])))
		await app.stop()
	}
	console.log(`\nSearch through the app: ${CONNECTIONS} connections, ${DURATION} s, ${SEARCHES.length} searches in turn, 10,000+ templates, production build on PostgreSQL (${os.cpus().length} cores).`)
	console.log(`Target: p99 ≤ ${P99_LIMIT_MS} ms with the page cache off (ratio ≤ 1).`)
	console.table(rows)
}

async function benchServerTime() {
	const defaultName = SERVER_TEMPLATES === 10_000 ? 'bazaar_bench_search' : `bazaar_bench_search_${SERVER_TEMPLATES / 1000}k`
	const databaseUrl = await benchDatabase(process.env.BENCH_SERVER_DATABASE ?? defaultName, SERVER_TEMPLATES)
	process.env.DATABASE_URL = databaseUrl
	const { migrateDatabase } = await import('#app/db/migrate.server.ts')
	const { closeDatabase } = await import('#app/db/client.server.ts')
	const { listPopularTags, searchTemplates } = await import('#app/models/template.server.ts')
	const { parseGalleryQuery } = await import('#app/utils/template-query.server.ts')
	const { GALLERY_PAGE_SIZE } = await import('#app/utils/template-filters.ts')
	await migrateDatabase()
	// What the gallery's loader asks for, for one URL.
	const loaderData = (search) => {
		const query = parseGalleryQuery(new URLSearchParams(searchPath(search).slice(2)))
		return Promise.all([searchTemplates(query, { page: query.page, pageSize: GALLERY_PAGE_SIZE }), listPopularTags(10)])
	}
	for (const search of [...SEARCHES, ...BROWSES]) await loaderData(search)
	const all = []
	const perSearch = SEARCHES.map(() => [])
	const totals = []
	for (let round = 0; round < ROUNDS; round++) {
		for (const [index, search] of SEARCHES.entries()) {
			const started = performance.now()
			const [result] = await loaderData(search)
			const elapsed = performance.now() - started
			all.push(elapsed)
			perSearch[index].push(elapsed)
			totals[index] = result.total
		}
	}
	const browses = []
	for (const browse of BROWSES) {
		const times = []
		let total = 0
		for (let round = 0; round < ROUNDS; round++) {
			const started = performance.now()
			const [result] = await loaderData(browse)
			times.push(performance.now() - started)
			total = result.total
		}
		times.sort((a, b) => a - b)
		browses.push({ page: searchPath(browse).replace(/\?$/, ''), templates: total, 'median ms': Number(percentile(times, 50).toFixed(1)), 'p95 ms': Number(percentile(times, 95).toFixed(1)) })
	}
	await closeDatabase()
	all.sort((a, b) => a - b)
	console.log(`\nServer time on ${SERVER_TEMPLATES.toLocaleString('en-US')}+ templates: the gallery loader's data (searchTemplates + listPopularTags), ${ROUNDS} rounds of ${SEARCHES.length} searches, one at a time.`)
	console.table(
		SEARCHES.map((search, index) => {
			const sorted = perSearch[index].sort((a, b) => a - b)
			return { search: searchPath(search), matches: totals[index], 'median ms': Number(percentile(sorted, 50).toFixed(1)), 'max ms': Number(sorted.at(-1).toFixed(1)) }
		}),
	)
	console.table([
		{
			'p50 ms': Number(percentile(all, 50).toFixed(1)),
			'p95 ms': Number(percentile(all, 95).toFixed(1)),
			'max ms': Number(all.at(-1).toFixed(1)),
			'p95 / 15 ms': Number((percentile(all, 95) / SERVER_P95_LIMIT_MS).toFixed(2)),
			'load average': loadAverage(),
		},
	])
	console.log(`Target: p95 ≤ ${SERVER_P95_LIMIT_MS} ms (ratio ≤ 1).`)
	console.log(`\nThe same loader data for gallery pages without a search (${ROUNDS} times each):`)
	console.table(browses)
}

if (PARTS.includes('app')) await benchThroughTheApp()
if (PARTS.includes('server-time')) await benchServerTime()
