import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { isSharedCacheable, withEtag } from '#app/utils/http-cache.server.ts'
import { NonceProvider } from '#app/utils/nonce-provider.ts'
import { applyPageSecurityHeaders, createNonce } from '#app/utils/security-headers.server.ts'

// The server (server/index.ts) reaches these through `build.entry.module`, so the
// database it prepares and closes is the very one the routes use.
export { prepareDatabase } from '#app/db/prepare.server.ts'
export { closeDatabase } from '#app/db/client.server.ts'
export { startRenderWorker } from '#app/models/render-worker.server.ts'

const ABORT_DELAY = 5_000

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	_loadContext: AppLoadContext,
) {
	// Crawlers get the whole document at once; people get it streamed. A page a CDN
	// may cache is rendered whole too, so it can carry an ETag (and answer 304).
	const cacheable = isSharedCacheable(responseHeaders)
	const nonce = createNonce()
	applyPageSecurityHeaders(responseHeaders, nonce)
	const waitForAll = cacheable || isbot(request.headers.get('user-agent'))
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
			</NonceProvider>,
			{
				// React's own streaming scripts (Suspense boundaries) need the nonce too.
				nonce,
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = new PassThrough()
					const stream = createReadableStreamFromReadable(body)
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					const response = new Response(stream, { headers: responseHeaders, status: responseStatusCode })
					resolve(cacheable ? withEtag(request, response, { ignoring: nonce }) : response)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) console.error(error)
				},
			},
		)
		setTimeout(abort, ABORT_DELAY)
	})
}
