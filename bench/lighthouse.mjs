// `npm run bench:lighthouse`: Lighthouse's mobile performance score (its
// default config: a mid-range phone, simulated slow 4G and 4× CPU slowdown)
// for the gallery and a template page of the production build, on a freshly
// seeded PostgreSQL database, in Debian's Chromium. Prints the median of RUNS
// runs (default 3) per page with the metrics behind the score, and the ratio
// to the target of 95. Lighthouse simulates the phone from a trace taken on
// this machine, so a loaded machine scores a little lower: the load average
// is printed beside the figures.
// Needs `npm run build` and PostgreSQL (BENCH_BASE_DATABASE_URL, default the local server).
import os from 'node:os'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import postgres from 'postgres'
import { createSeededDatabase, dropDatabase, ensureProductionBuild, startAppProcess } from '../tests/fixtures/app-process.mjs'

const PORT = Number(process.env.BENCH_PORT ?? 3315)
const RUNS = Number(process.env.RUNS ?? 3)
const TARGET = 95
const baseUrl = process.env.BENCH_BASE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const DATABASE = 'bazaar_bench_lighthouse'

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const METRICS = [
	['first-contentful-paint', 'FCP', 'ms'],
	['largest-contentful-paint', 'LCP', 'ms'],
	['total-blocking-time', 'TBT', 'ms'],
	['cumulative-layout-shift', 'CLS', ''],
	['speed-index', 'SI', 'ms'],
]

async function scoreOf(url, chrome) {
	const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' })
	const { lhr } = result
	if (lhr.runtimeError) throw new Error(`Lighthouse could not measure ${url}: ${lhr.runtimeError.message}`)
	return {
		score: Math.round(lhr.categories.performance.score * 100),
		metrics: Object.fromEntries(METRICS.map(([id]) => [id, lhr.audits[id]?.numericValue ?? NaN])),
	}
}

ensureProductionBuild()
const databaseUrl = await createSeededDatabase({ baseUrl, name: DATABASE })
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
const [template] = await sql`select slug from "bazaar-vid_community_templates"
	where visibility = 'public' and status = 'active' order by favorites_count desc, slug limit 1`
await sql.end()
const app = await startAppProcess({ port: PORT, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_MULTIPLIER: '1000' } })
const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
	const pages = [
		['gallery', `${app.url}/`],
		['template page', `${app.url}/t/${template.slug}`],
	]
	console.log(`Lighthouse ${RUNS}× per page, mobile (its default), load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')} on ${os.cpus().length} cores`)
	for (const [name, url] of pages) {
		// A first visit warms the server (compiled scenes, the database's caches), as a real site's would be.
		await fetch(url).then((response) => response.arrayBuffer())
		const runs = []
		for (let run = 0; run < RUNS; run++) runs.push(await scoreOf(url, chrome))
		const score = median(runs.map((run) => run.score))
		const metrics = METRICS.map(([id, label, unit]) => `${label} ${unit === 'ms' ? Math.round(median(runs.map((run) => run.metrics[id]))) : median(runs.map((run) => run.metrics[id])).toFixed(3)}${unit}`)
		console.log(`  ${name.padEnd(14)} score ${String(score).padStart(3)} (runs ${runs.map((run) => run.score).join(', ')})  ${metrics.join('  ')}`)
		console.log(`  ${''.padEnd(14)} score / target ${TARGET}: ${(score / TARGET).toFixed(3)}  ${new URL(url).pathname}`)
	}
} finally {
	await chrome.kill()
	await app.stop()
	await dropDatabase({ baseUrl, name: DATABASE })
}
