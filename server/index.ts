/**
 * The one HTTP server, for `npm run dev` and `npm start` alike (Express in
 * front of Remix). Development mounts Vite in middleware mode and renders the
 * current sources; production serves the built app. Everything else is the
 * same code in both: the middleware below, in this order.
 *
 * `npm start` runs this file compiled to build/server-entry/index.js (built by
 * `npm run build`, server/vite.config.ts); `npm run dev` runs it through tsx.
 * Before listening it prepares the database (migrate, seed an empty demo
 * database); on SIGTERM/SIGINT it stops taking connections, lets requests in
 * flight finish, closes the database and exits 0.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import compression from 'compression'
import express from 'express'
import expressStaticGzip from 'express-static-gzip'
import type { ServerBuild } from '@remix-run/node'
import type { InlineConfig, ViteDevServer } from 'vite'
import { getEnv } from '#app/utils/env.server.ts'
import { invalidatePageCache } from '#app/utils/page-cache.server.ts'
import { developmentBuild, entryModuleOf, loadProductionBuild } from './app-build.ts'
import { discardUnreadBodyAfterAnswer, refuseDeclaredOversizedBody } from './body-limit.ts'
import { configureClientAddress, loadContextFor } from './client-address.ts'
import { apiCors } from './cors.ts'
import { refuseCrossSitePosts } from './cross-site.ts'
import { createDraining } from './draining.ts'
import { answerEscapedErrors } from './errors.ts'
import { eventBatchReceiver, eventsIntake, isEventsPost } from './events-intake.ts'
import { pageCache, pageCacheFront, type ProxyTrust } from './page-cache.ts'
import { remixRequestHandler } from './remix-handler.ts'
import { baselineSecurityHeaders } from './security-headers.ts'

/** The repository root: the nearest folder above this file (server/index.ts, or build/server-entry/index.js once compiled) with a package.json. */
const root = (() => {
	let folder = path.dirname(fileURLToPath(import.meta.url))
	while (!fs.existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder)
	return folder
})()

/** Folders of static files (production), which the page cache leaves alone. */
const STATIC_PATH_PREFIXES = ['/assets/', '/posters/', '/preview-fonts/']

export interface ServerOptions {
	mode?: 'development' | 'production'
	/** 0 picks a free port. Defaults to PORT. */
	port?: number
	/** Listen on this address only (all addresses by default). */
	host?: string
	/** Migrate and seed before listening (off for tests, whose database is already prepared). */
	prepareDatabase?: boolean
	/** Close the database when stopped (off for tests, which own their database). */
	closeDatabaseOnStop?: boolean
	/** Lifetime of the anonymous page cache (server/page-cache.ts); defaults to PAGE_CACHE_SECONDS, 0 turns it off. */
	pageCacheSeconds?: number
	/** Work render jobs in this process (default: RENDER_JOBS, on unless `off`). Jobs are queued either way. */
	renderJobs?: boolean
	/** Extra Vite settings for development (tests turn off HMR and the file watcher). */
	vite?: InlineConfig
	log?: (line: string) => void
}

export interface RunningServer {
	server: http.Server
	port: number
	/** The Remix build as the server runs it (wrapped with the outage answers). */
	loadBuild: () => Promise<ServerBuild>
	/** Stops taking connections, finishes requests in flight, closes the database (once, however often called). */
	stop: (reason?: string) => Promise<void>
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
	const env = getEnv()
	const { mode = env.NODE_ENV === 'production' ? 'production' : 'development', port = env.PORT, host, log = console.log } = options
	const app = express()
	// Its listener is set once the app is ready (below): events and cached pages go around Express.
	const server = http.createServer()
	let vite: ViteDevServer | undefined
	const closeVite = () => vite?.close()
	let stopWorkerOnFailure: (() => Promise<void>) | null = null

	try {
		let build: Parameters<typeof remixRequestHandler>[0]['build']
		let entry
		if (mode === 'development') {
			const signalListenersBefore = new Set(process.listeners('SIGTERM'))
			const { createServer } = await import('vite')
			vite = await createServer({
				root,
				configFile: path.join(root, 'vite.config.ts'),
				appType: 'custom',
				...options.vite,
				// Hot reload over this server's own port, so the page's CSP (connect-src 'self') allows it.
				// CORS is server/cors.ts's, in development too (Vite would answer the API's preflights itself).
				server: { middlewareMode: true, hmr: { server }, cors: false, ...options.vite?.server },
			})
			// An edited source changes what pages render: drop the cached ones, as a publish would.
			vite.watcher.on('change', () => void invalidatePageCache())
			const load = developmentBuild(vite)
			build = load
			entry = entryModuleOf(await load())
			// Vite servers made without middleware mode (Remix's plugin makes one to compile routes)
			// exit the process on SIGTERM with status 143. This server owns shutdown: it drains,
			// closes Vite (and with it that compiler) and exits 0, in development as in production.
			for (const listener of process.listeners('SIGTERM')) if (!signalListenersBefore.has(listener)) process.off('SIGTERM', listener)
		} else {
			build = await loadProductionBuild(root)
			entry = entryModuleOf(build)
		}
		// The events intake calls the build's receiveEventBatch itself: a build without it must stop the start, not fall back silently.
		eventBatchReceiver(typeof build === 'function' ? await build() : build)
		if (options.prepareDatabase ?? true) {
			try {
				await entry.prepareDatabase({ log })
			} catch (error) {
				await entry.closeDatabase().catch(() => {})
				throw error
			}
		}

		// After the database is ready: a worker's first act is to queue templates never rendered.
		const stopRenderWorker = (options.renderJobs ?? env.RENDER_JOBS) ? await entry.startRenderWorker({ log }) : null
		stopWorkerOnFailure = stopRenderWorker

		const draining = createDraining()
		app.disable('x-powered-by')
		configureClientAddress(app)
		const loadContext = loadContextFor(app)
		// POST /api/v1/events, the busiest write, is answered before Express, with the same steps as
		// the middleware below up to CORS and the body limit (server/events-intake.ts): keep them alike.
		const intake = eventsIntake({ build, getLoadContext: loadContext, track: draining.track })
		app.use(draining.middleware)
		app.use(discardUnreadBodyAfterAnswer)
		app.use(baselineSecurityHeaders())
		app.use(compression())
		// Self-hosted scene fonts: a font load is a CORS request, and the sandboxed preview document's
		// origin is opaque ("null"), so these public files say any origin may use them (both modes).
		app.use('/preview-fonts', (_req, res, next) => {
			res.set('Access-Control-Allow-Origin', '*')
			next()
		})
		if (vite) app.use(vite.middlewares)
		app.use('/api/', apiCors())
		app.use(refuseCrossSitePosts())
		app.use(refuseDeclaredOversizedBody)
		// Before the static files: a cached page is answered without looking for a file first
		// (a stat per request); the static folders themselves are left to express.static.
		for (const middleware of pageCache({ seconds: options.pageCacheSeconds, skipPathPrefixes: STATIC_PATH_PREFIXES })) app.use(middleware)
		if (!vite) {
			// Fingerprinted build output: cache forever.
			// Gzip copies made at build time (scripts/compress-assets.mjs) go to browsers that take gzip.
			app.use('/assets', expressStaticGzip(path.join(root, 'build/client/assets'), { enableBrotli: false, orderPreference: ['gzip'], serveStatic: { immutable: true, maxAge: '1y' } }))
			// Posters written by `npm run posters` after the build (public/ is only copied at build time).
			app.use('/posters', express.static(path.join(root, 'public/posters'), { maxAge: '1h' }))
			app.use(staticFilesOnly(path.join(root, 'build/client'), express.static(path.join(root, 'build/client'), { maxAge: '1h' })))
		}
		// Remix's own mode follows NODE_ENV (vitest's 'test' hides error details as production does).
		app.all('*', remixRequestHandler({ build, mode: env.NODE_ENV, getLoadContext: loadContext }))
		app.use(answerEscapedErrors())
		// A fresh anonymous page this process holds is answered before Express (server/page-cache.ts).
		const cachedPage = pageCacheFront({ seconds: options.pageCacheSeconds, skipPathPrefixes: STATIC_PATH_PREFIXES, trustProxy: app.get('trust proxy fn') as ProxyTrust, isDraining: draining.isDraining })
		server.on('request', (req, res) => {
			if (isEventsPost(req)) return intake(req, res)
			const answered = cachedPage?.(req, res) ?? false
			if (answered === true) return
			if (answered === false) return app(req, res)
			answered.then(
				(hit) => hit || app(req, res),
				(error: unknown) => {
					console.error(error)
					if (res.headersSent) res.destroy()
					else app(req, res)
				},
			)
		})

		await new Promise<void>((resolve, reject) => {
			server.once('error', reject)
			server.listen(port, host, () => {
				server.off('error', reject)
				resolve()
			})
		})
		const address = server.address()
		const actualPort = typeof address === 'object' && address ? address.port : port
		log(`Bazaar Community (${mode}) is running at http://localhost:${actualPort}`)

		let stopping: Promise<void> | undefined
		const stop = (reason = 'stop') => {
			stopping ??= (async () => {
				log(`${reason}: finishing requests in flight, then closing the database`)
				await draining.drain(server)
				await stopRenderWorker?.()
				await closeVite()
				if (options.closeDatabaseOnStop ?? true) await entry.closeDatabase()
				log('Stopped')
			})()
			return stopping
		}
		const loadBuild = async () => (typeof build === 'function' ? build() : build)
		return { server, port: actualPort, loadBuild, stop }
	} catch (error) {
		await stopWorkerOnFailure?.()
		await closeVite()
		server.close()
		throw error
	}
}

/** `npm start` / `npm run dev`: start, and stop cleanly (exit 0) on SIGTERM or SIGINT. */
export async function runServer(options: ServerOptions = {}) {
	let running: RunningServer
	try {
		running = await startServer(options)
	} catch (error) {
		console.error(error instanceof Error ? error.message : error)
		process.exit(1)
	}
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
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
	return running
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await runServer()
}

/**
 * Hands a request to the static files only when its first path segment names
 * something at the top of `folder` (read once, at start): a page or an API call
 * then reaches Remix without a `stat` of a file that cannot be there.
 */
function staticFilesOnly(folder: string, serveStatic: express.RequestHandler): express.RequestHandler {
	const topLevel = new Set(fs.readdirSync(folder))
	return (req, res, next) => {
		const firstSegment = req.path.split('/')[1] ?? ''
		if (firstSegment && topLevel.has(firstSegment)) return serveStatic(req, res, next)
		next()
	}
}
