// The production server: Express in front of the Remix build. It prepares the
// database (migrate, seed the demo when empty) before listening, and on
// SIGTERM/SIGINT stops taking connections, lets requests in flight finish,
// closes the database and exits 0.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const root = path.dirname(fileURLToPath(import.meta.url))
const SHUTDOWN_GRACE_MS = 10_000
/**
 * How long a connection left idle by an answer that promised keep-alive may still bring
 * its next request (answered with `Connection: close`) before it is closed. Closing it
 * at once races with a request already on the wire, which its client sees as a reset.
 */
const IDLE_CONNECTION_LINGER_MS = 1000

export async function startServer({ port = Number(process.env.PORT ?? 3000), log = console.log } = {}) {
	const loadedBuild = await import(path.join(root, 'build/server/index.js'))
	const { prepareDatabase, closeDatabase, withDatabaseOutageAnswers } = loadedBuild.entry.module
	// Every loader and action answers "database unreachable" with a 503 (app/utils/database-outage.server.ts).
	const build = withDatabaseOutageAnswers(loadedBuild)
	try {
		await prepareDatabase({ log })
	} catch (error) {
		await closeDatabase().catch(() => {})
		throw error
	}

	const app = express()
	app.disable('x-powered-by')
	// Draining on SIGTERM: server.close() only stops accepting new connections, while clients
	// keep sending requests on their kept-alive ones (a load test saw hundreds served after the
	// signal, then cut off when the grace period ran out). Once draining, every answer says
	// `Connection: close`, so each connection ends with the request it carries.
	let draining = false
	const responsesInFlight = new Set()
	app.use((req, res, next) => {
		if (draining) res.setHeader('Connection', 'close')
		responsesInFlight.add(res)
		res.once('close', () => responsesInFlight.delete(res))
		next()
	})
	if (/^(1|true|on|yes)$/i.test(process.env.TRUST_PROXY ?? '')) app.set('trust proxy', true)
	app.use(compression())
	// Fingerprinted build output: cache forever.
	app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
	// Posters written by `npm run posters` after the build (public/ is only copied at build time).
	app.use('/posters', express.static(path.join(root, 'public/posters'), { maxAge: '1h' }))
	// Self-hosted scene fonts. A font load is a CORS request, and the sandboxed preview document's
	// origin is opaque ("null"), so these public files say any origin may use them.
	app.use(
		'/preview-fonts',
		express.static(path.join(root, 'build/client/preview-fonts'), { maxAge: '7d', setHeaders: (res) => res.set('Access-Control-Allow-Origin', '*') }),
	)
	app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }))
	app.use('/api/', apiCors(build.entry.module))
	// Cross-site form posts get a clear 403 here (Remix would abort them with a bare 500).
	const { refuseCrossSitePagePost } = build.entry.module
	app.use((req, res, next) => {
		const headers = { get: (name) => req.get(name) ?? null }
		if (!refuseCrossSitePagePost(req.method, req.path, headers, `${req.protocol}://${req.get('host')}`)) return next()
		res.status(403).set('Cache-Control', 'no-store').type('text/plain').send('Cross-site requests cannot change anything here. Use the form on this site.')
	})
	// The client address for rate limits: with TRUST_PROXY, Express takes the first X-Forwarded-For hop.
	const getLoadContext = (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? null })
	app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext }))

	const server = await new Promise((resolve, reject) => {
		const listening = app.listen(port, () => resolve(listening))
		listening.once('error', reject)
	})
	const actualPort = server.address().port
	log(`Bazaar Community is running at http://localhost:${actualPort}`)

	let stopping
	const stop = (signal) => {
		stopping ??= (async () => {
			log(`${signal}: finishing requests in flight, then closing the database`)
			draining = true
			for (const res of responsesInFlight) if (!res.headersSent) res.setHeader('Connection', 'close')
			// server.close() would also close idle connections at once (Node ≥ 19): keep them a moment (see above).
			const closeIdleConnections = server.closeIdleConnections
			server.closeIdleConnections = () => {}
			const closed = new Promise((resolve) => server.close(resolve))
			server.closeIdleConnections = closeIdleConnections
			const idleSweep = setInterval(() => server.closeIdleConnections(), IDLE_CONNECTION_LINGER_MS)
			const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS)
			await closed
			clearInterval(idleSweep)
			clearTimeout(timer)
			await closeDatabase()
			log('Stopped')
		})()
		return stopping
	}
	return { server, port: actualPort, stop }
}

/**
 * CORS for the JSON API (rules in app/utils/cors.server.ts, docs/widget.md).
 * Preflights are answered here because Remix refuses OPTIONS before any route
 * runs; every other /api/ answer, thrown errors included, gets its CORS headers
 * just before the head is written (set, not appended, so a route that also
 * applied `withCors` does not end up with two Access-Control-Allow-Origin).
 */
function apiCors({ corsHeaders, corsPreflight }) {
	return (req, res, next) => {
		const origin = req.get('origin') ?? null
		if (req.method === 'OPTIONS') {
			const preflight = corsPreflight(new Request(`http://${req.headers.host ?? 'localhost'}${req.originalUrl}`, { method: 'OPTIONS', headers: req.headers }))
			res.status(preflight.status)
			preflight.headers.forEach((value, name) => res.setHeader(name, value))
			res.end()
			return
		}
		const writeHead = res.writeHead
		res.writeHead = function writeHeadWithCors(...args) {
			for (const [name, value] of Object.entries(corsHeaders(origin))) {
				if (name !== 'Vary') res.setHeader(name, value)
				else if (!/(^|,)\s*origin\s*(,|$)/i.test(String(res.getHeader('Vary') ?? ''))) res.setHeader('Vary', [res.getHeader('Vary'), value].filter(Boolean).join(', '))
			}
			return writeHead.apply(this, args)
		}
		next()
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	runServer()
}

export async function runServer() {
	process.env.NODE_ENV ??= 'production'
	let running
	try {
		running = await startServer()
	} catch (error) {
		console.error(error instanceof Error ? error.message : error)
		process.exit(1)
	}
	for (const signal of ['SIGTERM', 'SIGINT']) {
		process.once(signal, () => {
			running.stop(signal).then(
				() => process.exit(0),
				(error) => {
					console.error(error)
					process.exit(1)
				},
			)
		})
	}
}
