import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { etagMatches, isSharedCacheable, notModified, pageEtag, withEtag } from '#app/utils/http-cache.server.ts'
import { NonceProvider } from '#app/utils/nonce-provider.ts'
import { applyPageSecurityHeaders, createNonce } from '#app/utils/security-headers.server.ts'

// The server (server/index.ts) reaches these through `build.entry.module`, so the
// database it prepares and closes is the very one the routes use.
export { prepareDatabase } from '#app/db/prepare.server.ts'
export { closeDatabase } from '#app/db/client.server.ts'
export { startRenderWorker } from '#app/models/render-worker.server.ts'
// POST /api/v1/events without Remix's router (server/events-intake.ts): the same group commit as the route's.
export { receiveEventBatch } from '#app/models/event-intake.server.ts'

const ABORT_DELAY = 5_000

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	_loadContext: AppLoadContext,
) {
	// Crawlers get the whole document at once; people get it streamed. A page whose loader
	// gave an ETag from its data (gallery, template page) answers a match with 304 before
	// rendering; another page a CDN may cache is rendered whole and its body hashed.
	const cacheable = isSharedCacheable(responseHeaders)
	const nonce = createNonce()
	applyPageSecurityHeaders(responseHeaders, nonce)
	const dataTag = cacheable && responseStatusCode === 200 ? responseHeaders.get('ETag') : null
	if (dataTag) {
		const etag = pageEtag(dataTag, remixContext.manifest.version)
		responseHeaders.set('ETag', etag)
		if (etagMatches(request.headers.get('If-None-Match'), etag)) return notModified(responseHeaders)
	} else {
		responseHeaders.delete('ETag')
	}
	const hashBody = cacheable && !dataTag
	const waitForAll = hashBody || isbot(request.headers.get('user-agent'))
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
					resolve(hashBody ? withEtag(request, response, { ignoring: nonce }) : response)
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
