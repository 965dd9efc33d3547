/**
 * Request bodies: how large each route may receive, and how a refused or
 * unread body leaves the connection usable.
 *
 * Why oversized bodies used to reset connections: @remix-run/express hands
 * Remix a web stream made straight from the Node request. A route that stops
 * reading at its own cap cancels that stream, and cancelling it destroys the
 * Node request and with it the socket while the client is still sending: the
 * client sees ECONNRESET instead of the 413. A route that answers without
 * reading the body (a 401 before reading, a favorite that reads nothing) left
 * the rest of it paused on the socket, so the next request on that kept-alive
 * connection never got an answer. Here the server refuses a body it can see is
 * too large before any route runs, reads every other body whole (up to the
 * limit) before the route runs, and once an answer is sent reads whatever is
 * left of a refused body and throws it away, so the connection carries the
 * next request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { MAX_FORM_BYTES } from '#app/utils/http.server.ts'

/**
 * The JSON API's largest body: an event batch (50 events of a few hundred
 * bytes). Routes with smaller bodies check their own, smaller cap.
 */
export const MAX_API_BODY_BYTES = 64 * 1024
/**
 * Past this many bytes still to come, a refused body is not read to the end:
 * the answer says `Connection: close` and the connection ends after it.
 * Reading a few megabytes is cheaper for everyone than a new connection.
 */
export const MAX_DISCARDED_BYTES = 8 * 1024 * 1024

export function bodyLimitFor(path: string) {
	return path.startsWith('/api/') ? MAX_API_BODY_BYTES : MAX_FORM_BYTES
}

export function payloadTooLargeBody(limit: number) {
	return { error: { code: 'payload_too_large', message: `The request body is larger than ${limit} bytes` } }
}

function declaredLength(req: IncomingMessage) {
	const header = req.headers['content-length']
	if (header === undefined) return null
	const length = Number(header)
	return Number.isFinite(length) && length >= 0 ? length : null
}

/**
 * Sends the 413, and says `Connection: close` when the body declares that what
 * is left of it is too much to read and discard. A chunked body does not say:
 * it is discarded up to MAX_DISCARDED_BYTES, then the socket is closed.
 */
export function answerPayloadTooLarge(req: IncomingMessage, res: ServerResponse, limit: number, bytesAlreadyRead = 0) {
	const declared = declaredLength(req)
	if (declared !== null && declared - bytesAlreadyRead > MAX_DISCARDED_BYTES) res.setHeader('Connection', 'close')
	const body = JSON.stringify(payloadTooLargeBody(limit))
	res.statusCode = 413
	res.setHeader('Content-Type', 'application/json; charset=utf-8')
	res.setHeader('Cache-Control', 'no-store')
	res.setHeader('Content-Length', Buffer.byteLength(body))
	res.end(body)
}

/**
 * Once the answer is written, whatever the route left of the body is read and
 * thrown away (up to MAX_DISCARDED_BYTES, then the socket is closed), so the
 * next request on a kept-alive connection is parsed.
 */
export function discardUnreadBodyAfterAnswer(req: IncomingMessage, res: ServerResponse, next: NextFunction) {
	res.once('finish', () => discardRestOfBody(req))
	next()
}

export function discardRestOfBody(req: IncomingMessage) {
	if (req.complete || req.destroyed) return
	let discarded = 0
	req.removeAllListeners('data')
	req.on('data', (chunk: Buffer) => {
		discarded += chunk.byteLength
		if (discarded > MAX_DISCARDED_BYTES) req.socket.destroy()
	})
	req.resume()
}

/** A declared body over the route's limit is refused before anything reads it. */
export function refuseDeclaredOversizedBody(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
	if (!refusedDeclaredOversizedBody(req, res, bodyLimitFor(req.path))) next()
}

/** Answers 413 (true) when the body declares more than `limit` bytes. */
export function refusedDeclaredOversizedBody(req: IncomingMessage, res: ServerResponse, limit: number) {
	const length = declaredLength(req)
	if (length === null || length <= limit) return false
	answerPayloadTooLarge(req, res, limit)
	return true
}

/**
 * Reads the whole body before any route runs, up to `limit` bytes: the bytes,
 * or `{ tooLarge }` with how much was read when it is larger (a chunked body
 * says nowhere how large it is). Bodies here are small (an API call, a form of
 * at most MAX_FORM_BYTES), so holding one in memory is cheaper than a route
 * finding out halfway, and no route can cut the connection by not reading.
 */
export function readBodyWithin(req: IncomingMessage, limit: number): Promise<Buffer | { tooLarge: number }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = []
		let received = 0
		const finish = (result: Buffer | { tooLarge: number } | Error) => {
			req.off('data', onData)
			req.off('end', onEnd)
			req.off('error', onError)
			req.off('aborted', onAborted)
			if (result instanceof Error) reject(result)
			else resolve(result)
		}
		const onData = (chunk: Buffer) => {
			received += chunk.byteLength
			if (received > limit) {
				// Stop buffering; what is left is discarded once the 413 is sent (discardUnreadBodyAfterAnswer).
				req.pause()
				finish({ tooLarge: received })
			} else chunks.push(chunk)
		}
		const onEnd = () => finish(Buffer.concat(chunks, received))
		const onError = (error: Error) => finish(error)
		const onAborted = () => finish(new Error('The client went away before sending the whole body'))
		req.on('data', onData)
		req.once('end', onEnd)
		req.once('error', onError)
		req.once('aborted', onAborted)
	})
}
