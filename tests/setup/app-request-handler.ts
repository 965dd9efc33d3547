/**
 * The whole app behind the real server (server/index.ts in development mode:
 * Vite loads the current source, so no build is needed), on a free port of
 * 127.0.0.1, for tests that need what a browser gets: CORS, the cross-site
 * 403, body limits, outage answers, documents through entry.server, error
 * boundaries. The server shares the test's database connection
 * (app/db/client.server.ts keeps it on globalThis).
 *
 *   const app = useAppRequestHandler()   // after useTestDatabase()
 *   const response = await app.fetch('/t/logo-animation')
 *
 * Requests go over HTTP with `Host: localhost:3000` (TEST_ORIGIN), and only the
 * headers the test sets: no fetch() defaults, no redirect following.
 */
import http from 'node:http'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll } from 'vitest'
import { type RunningServer, startServer } from '../../server/index.ts'

export const TEST_ORIGIN = 'http://localhost:3000'

/** Sends `request` to 127.0.0.1:`port` as it is, and reads the whole answer. */
export async function sendOverHttp(port: number, request: Request): Promise<Response> {
	const url = new URL(request.url)
	const headers: Record<string, string> = { host: url.host }
	request.headers.forEach((value, name) => {
		headers[name] = value
	})
	const body = request.body ? Buffer.from(await request.arrayBuffer()) : null
	if (body && !request.headers.has('content-length')) headers['content-length'] = String(body.byteLength)
	return new Promise((resolve, reject) => {
		const outgoing = http.request({ host: '127.0.0.1', port, method: request.method, path: `${url.pathname}${url.search}`, headers, agent: false }, (incoming) => {
			const chunks: Buffer[] = []
			incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
			incoming.once('error', reject)
			incoming.once('end', () => {
				const responseHeaders = new Headers()
				for (let index = 0; index < incoming.rawHeaders.length; index += 2) responseHeaders.append(incoming.rawHeaders[index]!, incoming.rawHeaders[index + 1]!)
				const status = incoming.statusCode ?? 500
				const hasBody = ![101, 204, 205, 304].includes(status) && request.method !== 'HEAD'
				resolve(new Response(hasBody ? Buffer.concat(chunks) : null, { status, statusText: incoming.statusMessage, headers: responseHeaders }))
			})
		})
		outgoing.once('error', reject)
		outgoing.end(body ?? undefined)
	})
}

export interface AppRequestHandlerOptions {
	/**
	 * The page cache's lifetime. Off unless a test asks: most tests change rows
	 * straight in the database (no invalidation) and then read the page.
	 */
	pageCacheSeconds?: number
}

export function useAppRequestHandler({ pageCacheSeconds = 0 }: AppRequestHandlerOptions = {}) {
	let running: RunningServer | undefined
	let build: ServerBuild | undefined
	beforeAll(async () => {
		running = await startServer({
			mode: 'development',
			port: 0,
			host: '127.0.0.1',
			prepareDatabase: false,
			closeDatabaseOnStop: false,
			pageCacheSeconds,
			renderJobs: false,
			vite: { logLevel: 'error', server: { hmr: false, ws: false, watch: null } },
			log: () => {},
		})
		build = await running.loadBuild()
	})
	afterAll(async () => {
		await running?.stop()
	})
	return {
		/** The server build as the server runs it (its `routes` manifest lists every route). */
		get build() {
			if (!build) throw new Error('useAppRequestHandler: the app is not loaded yet')
			return build
		},
		/** Where the server listens (for clients that make their own requests, such as the widget's). */
		get origin() {
			if (!running) throw new Error('useAppRequestHandler: the app is not loaded yet')
			return `http://127.0.0.1:${running.port}`
		},
		/** Sends a request to the app; `path` is relative to TEST_ORIGIN unless it is a Request. */
		fetch(input: string | Request, init?: RequestInit) {
			if (!running) throw new Error('useAppRequestHandler: the app is not loaded yet (call it at the top level of the test file)')
			return sendOverHttp(running.port, typeof input === 'string' ? new Request(new URL(input, TEST_ORIGIN), init) : input)
		},
	}
}
