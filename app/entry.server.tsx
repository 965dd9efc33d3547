import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
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
	// A page whose loader gave an ETag from its data (gallery, template page) answers a
	// match with 304 before rendering; another page a CDN may cache has its body hashed.
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
	// The whole document, then one answer with its length. No page streams anything
	// (no Suspense, no deferred data), so waiting for all of it costs no time to the
	// first byte, and one buffer is a single socket write instead of one per chunk
	// React emits, each through a web stream and back (a tenth of an uncached
	// gallery request's time went there; docs/performance.md).
	return new Promise<Response>((resolve, reject) => {
		let shellRendered = false
		let abortTimer: ReturnType<typeof setTimeout> | undefined
		const chunks: Buffer[] = []
		const document = new Writable({
			write(chunk: Buffer, _encoding, done) {
				chunks.push(chunk)
				done()
			},
			final(done) {
				clearTimeout(abortTimer)
				responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
				const body = Buffer.concat(chunks)
				responseHeaders.set('Content-Length', String(body.length))
				const response = new Response(body, { headers: responseHeaders, status: responseStatusCode })
				resolve(hashBody ? withEtag(request, response, { ignoring: nonce }) : response)
				done()
			},
		})
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
			</NonceProvider>,
			{
				// React's own streaming scripts (Suspense boundaries) need the nonce too.
				nonce,
				onAllReady() {
					shellRendered = true
					pipe(document)
				},
				onShellError(error: unknown) {
					clearTimeout(abortTimer)
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) console.error(error)
				},
			},
		)
		abortTimer = setTimeout(abort, ABORT_DELAY)
	})
}
