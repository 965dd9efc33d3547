// `npm run bench:gallery`: the gallery, search, trending, a template page and
// the read API under load, on 10,000 seeded templates, against the production
// build (`node build/server-entry/index.js`, NODE_ENV=production) on port 3311. Prints req/s
// and p50/p99 latency per scenario (10 s each), and the gallery's JS (gzip).
// Needs PostgreSQL (BENCH_BASE_DATABASE_URL, default the local server) and `npm run build`.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { seedBenchDatabase } from './seed-bench-database.mjs'

const PORT = Number(process.env.BENCH_PORT ?? 3311)
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16)
const base = `http://localhost:${PORT}`

if (!fs.existsSync('build/server/index.js')) {
	console.error('No production build: run `npm run build` first.')
	process.exit(1)
}

const databaseUrl = await seedBenchDatabase({ baseUrl: process.env.BENCH_BASE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' })

const server = spawn(process.execPath, ['build/server-entry/index.js'], {
	env: {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(PORT),
		DATABASE_URL: databaseUrl,
		SESSION_SECRET: 'bench-session-secret',
		BAZAAR_SIGNING_SECRET: 'bench-signing-secret',
		PUBLIC_URL: base,
		RATE_LIMIT_MULTIPLIER: '1000',
	},
	stdio: ['ignore', 'pipe', 'inherit'],
})
const stop = () => server.kill('SIGTERM')
process.on('exit', stop)

for (let attempt = 0; ; attempt++) {
	try {
		if ((await fetch(`${base}/healthz`)).ok) break
	} catch {}
	if (attempt > 100) throw new Error('the server did not start')
	await new Promise((resolve) => setTimeout(resolve, 200))
}

// The gallery's JavaScript, as a browser downloads it (gzip).
const html = await (await fetch(`${base}/`)).text()
const scripts = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]))]
let gzipBytes = 0
for (const script of scripts) gzipBytes += gzipSync(Buffer.from(await (await fetch(`${base}${script}`)).arrayBuffer())).length
console.log(`\nGallery JavaScript: ${scripts.length} files, ${(gzipBytes / 1024).toFixed(1)} KiB gzip`)

const slug = 'bench-4242'
const scenarios = [
	['gallery (popular)', '/'],
	['gallery search "logo anim"', '/?q=logo%20anim'],
	['gallery category + trending', '/?category=data&sort=trending'],
	['gallery page 50 (newest)', '/?sort=new&page=50'],
	['template page', `/t/${slug}`],
	['API list (24, cursor)', '/api/v1/templates?limit=24'],
	['API one template', `/api/v1/templates/${slug}`],
]

const rows = []
for (const [name, path] of scenarios) {
	const result = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION, headers: { 'accept-encoding': 'gzip' } })
	const ok = result['2xx'] === result.requests.total || result.non2xx === 0
	rows.push({ scenario: name, 'req/s': Math.round(result.requests.average), 'p50 ms': result.latency.p50, 'p99 ms': result.latency.p99, errors: result.errors + result.non2xx + (ok ? 0 : 0) })
}
console.log(`\n${CONNECTIONS} connections, ${DURATION} s per scenario, 10,000+ templates, production build on PostgreSQL, no CDN (every request renders):`)
console.table(rows)
stop()
