// `npm run bench:gallery`: the gallery, search, trending, a template page and
// the read API under load, on 10,000 seeded templates, against the production
// build (`node build/server-entry/index.js`, NODE_ENV=production) on port 3311,
// twice: with the page cache off (PAGE_CACHE_SECONDS=0: every request renders)
// and on (the default). The limit, measured in the same run: a bare node:http
// server (its own process, like the app) sending the very same bytes with the
// same Content-Type. Prints req/s, p50/p99, the app's CPU time per answer
// (its process's user + system time over the run) and the ratio to that limit, the
// gallery's HTML size and its JS (gzip), and the load average. The two "floor" rows
// are a gallery search that matches nothing and the small sign-in page: how close
// any server-rendered page of this app comes to the bare server.
// Needs PostgreSQL (BENCH_BASE_DATABASE_URL, default the local server) and `npm run build`.
// Env: BENCH_PORT (3311), BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_SCENARIOS (all; a comma list of names to run).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { cpuMeter, startAppProcess } from '../tests/fixtures/app-process.mjs'
import { seedBenchDatabase } from './seed-bench-database.mjs'

const PORT = Number(process.env.BENCH_PORT ?? 3311)
const BARE_PORT = PORT + 1
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const base = `http://localhost:${PORT}`

if (!fs.existsSync('build/server/index.js')) {
	console.error('No production build: run `npm run build` first.')
	process.exit(1)
}

const databaseUrl = process.env.BENCH_DATABASE_URL ?? (await seedBenchDatabase({ baseUrl: process.env.BENCH_BASE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' }))

async function waitFor(url) {
	for (let attempt = 0; ; attempt++) {
		try {
			if ((await fetch(url)).ok) return
		} catch {}
		if (attempt > 150) throw new Error(`${url} did not answer`)
		await new Promise((resolve) => setTimeout(resolve, 200))
	}
}

/** The production server on the bench database (tests/fixtures/app-process.mjs, as the soak starts it). */
function startApp(pageCacheSeconds) {
	return startAppProcess({ port: PORT, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_MULTIPLIER: '1000', PAGE_CACHE_SECONDS: String(pageCacheSeconds) } })
}

/** The limit: node:http in its own process answering every request with `bodyFile`'s bytes. */
async function startBare(bodyFile, contentType) {
	const source = `
		const http = require('node:http'); const fs = require('node:fs')
		const body = fs.readFileSync(${JSON.stringify(bodyFile)})
		http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': ${JSON.stringify(contentType)}, 'Content-Length': body.length }); res.end(body) }).listen(${BARE_PORT})`
	const child = spawn(process.execPath, ['-e', source], { stdio: 'inherit' })
	await waitFor(`http://localhost:${BARE_PORT}/`)
	return { stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) }
}

/** The body's bytes as they cross the wire (fetch would inflate them). */
function bytesOnTheWire(url, headers) {
	return new Promise((resolve, reject) => {
		http.get(url, { headers }, (response) => {
			let bytes = 0
			response.on('data', (chunk) => (bytes += chunk.length))
			response.once('end', () => resolve(bytes))
			response.once('error', reject)
		}).once('error', reject)
	})
}

/** `serverPid`: the app's process, whose CPU time per answer is reported (what a busy machine changes least). */
async function load(url, serverPid) {
	const cpu = serverPid ? cpuMeter(serverPid) : null
	const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION })
	const cpuMsPerRequest = cpu ? cpu.msPer(result.requests.total) : null
	return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, cpuMsPerRequest }
}

const slug = 'bench-4242'
const scenarios = [
	['gallery (popular)', '/'],
	['gallery search "logo anim"', '/?q=logo%20anim'],
	['gallery category + trending', '/?category=data&sort=trending'],
	['gallery page 50 (newest)', '/?sort=new&page=50'],
	['template page', `/t/${slug}`],
	['API list (24)', '/api/v1/templates?limit=24'],
	['API one template', `/api/v1/templates/${slug}`],
	// The floor under item 1: what Remix and React cost with (almost) nothing of ours to show.
	// A page cannot come closer to the bare server than these (docs/performance.md, "Not met").
	['floor: empty search', '/?q=quokka'],
	['floor: sign-in page', '/login'],
].filter(([name]) => !process.env.BENCH_SCENARIOS || process.env.BENCH_SCENARIOS.split(',').includes(name))

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gallery-'))
const limits = new Map()
async function limitFor(scenarioPath) {
	if (limits.has(scenarioPath)) return limits.get(scenarioPath)
	const answer = await fetch(`${base}${scenarioPath}`)
	const file = path.join(temporary, `${limits.size}.body`)
	fs.writeFileSync(file, Buffer.from(await answer.arrayBuffer()))
	const bare = await startBare(file, answer.headers.get('content-type') ?? 'text/html')
	const result = await load(`http://localhost:${BARE_PORT}/`)
	await bare.stop()
	limits.set(scenarioPath, result)
	return result
}

const rows = []
for (const [mode, seconds] of [['page cache off', 0], ['page cache on', 10]]) {
	const app = await startApp(seconds)
	if (seconds === 0) {
		// Sizes, as a browser gets them (the JS gzip, the HTML as sent without compression).
		const html = await (await fetch(`${base}/`)).text()
		const scripts = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]))]
		let gzipBytes = 0
		let servedBytes = 0
		for (const script of scripts) {
			gzipBytes += gzipSync(Buffer.from(await (await fetch(`${base}${script}`)).arrayBuffer())).length
			servedBytes += await bytesOnTheWire(`${base}${script}`, { 'Accept-Encoding': 'gzip' })
		}
		console.log(
			`Gallery HTML: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KiB (${(gzipSync(html).length / 1024).toFixed(1)} KiB gzip); JavaScript: ${scripts.length} files, ${(servedBytes / 1024).toFixed(1)} KiB gzip as the server sends it (${servedBytes} bytes; the files gzipped at the default level: ${(gzipBytes / 1024).toFixed(1)} KiB)`,
		)
	}
	for (const [name, scenarioPath] of scenarios) {
		// The idle app waits while the limit is measured.
		const limit = await limitFor(scenarioPath)
		const result = await load(`${base}${scenarioPath}`, app.pid)
		rows.push({ mode, scenario: name, 'req/s': result.rps, 'p50 ms': result.p50, 'p99 ms': result.p99, errors: result.errors, 'app CPU ms/req': result.cpuMsPerRequest, 'bare req/s': limit.rps, ratio: Number((result.rps / limit.rps).toFixed(3)) })
	}
	await app.stop()
}
console.log(`\n${CONNECTIONS} connections, ${DURATION} s per scenario, 10,000+ templates, production build on PostgreSQL, no compression asked;`)
console.log(`"bare": node:http in its own process sending the same bytes. Load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores).`)
console.table(rows)
fs.rmSync(temporary, { recursive: true, force: true })
