/**
 * The whole Remix app as one `(Request) => Response` function, for tests that
 * need what a browser gets (documents through entry.server, headers, error
 * boundaries) without a build: Vite loads the current source of the server
 * build in-process. The app's modules share the test's database connection
 * (app/db/client.server.ts keeps it on globalThis).
 *
 *   const app = useAppRequestHandler()   // after useTestDatabase()
 *   const response = await app.fetch('/t/logo-animation')
 */
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll } from 'vitest'
import type { ViteDevServer } from 'vite'

/** What server.mjs takes from the build's entry module besides rendering. */
interface ServerEntry {
	withDatabaseOutageAnswers: (build: ServerBuild) => ServerBuild
	refuseCrossSitePagePost: (method: string, path: string, headers: Pick<Headers, 'get'>, requestOrigin: string) => boolean
}

export const TEST_ORIGIN = 'http://localhost:3000'

export function useAppRequestHandler() {
	let vite: ViteDevServer | undefined
	let build: ServerBuild | undefined
	let handle: ((request: Request, context?: Record<string, unknown>) => Promise<Response>) | undefined
	beforeAll(async () => {
		const { createServer } = await import('vite')
		vite = await createServer({ configFile: 'vite.config.ts', server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'error' })
		const loaded = (await vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild
		const entry = loaded.entry.module as unknown as ServerEntry
		// As server.mjs does: a database outage is a 503 on every route…
		build = entry.withDatabaseOutageAnswers(loaded)
		const handler = createRequestHandler(build, 'production')
		handle = async (request, context = {}) => {
			// …and a cross-site page post is refused before Remix sees it.
			const url = new URL(request.url)
			if (entry.refuseCrossSitePagePost(request.method, url.pathname, request.headers, url.origin)) {
				return new Response('Cross-site requests cannot change anything here. Use the form on this site.', { status: 403 })
			}
			return handler(request, { clientAddress: '127.0.0.1', ...context })
		}
	})
	afterAll(async () => {
		await vite?.close()
	})
	return {
		/** The server build (its `routes` manifest lists every route). */
		get build() {
			if (!build) throw new Error('useAppRequestHandler: the app is not loaded yet')
			return build
		},
		/** Sends a request to the app; `path` is relative to TEST_ORIGIN unless it is a Request. */
		fetch(input: string | Request, init?: RequestInit) {
			if (!handle) throw new Error('useAppRequestHandler: the app is not loaded yet (call it at the top level of the test file)')
			return handle(typeof input === 'string' ? new Request(new URL(input, TEST_ORIGIN), init) : input)
		},
	}
}
