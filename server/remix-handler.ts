/**
 * Express → Remix: turns the Node request into a web `Request`, runs the app
 * and writes its `Response`. Like @remix-run/express, except for the body: the
 * server reads it whole first, up to the route's limit (body-limit.ts), so a
 * larger one is a 413 JSON answer on every route, and a route that does not
 * read its body, or stops halfway, cannot leave the connection unusable.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type AppLoadContext, createRequestHandler, type ServerBuild, writeReadableStreamToWritable } from '@remix-run/node'
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import { answerPayloadTooLarge, bodyLimitFor, readBodyWithin } from './body-limit.ts'

export interface RemixHandlerOptions {
	/** The server build; a function in development, where Vite reloads it as sources change. */
	build: ServerBuild | (() => Promise<ServerBuild>)
	mode: 'development' | 'production' | 'test'
	getLoadContext: (req: ExpressRequest) => AppLoadContext
}

export function requestUrl(req: ExpressRequest) {
	// req.hostname honours `trust proxy`; the port comes from the Host the client used.
	const port = req.get('host')?.split(':')[1]
	return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
}

export function requestHeaders(req: IncomingMessage) {
	const headers = new Headers()
	for (let index = 0; index < req.rawHeaders.length; index += 2) headers.append(req.rawHeaders[index]!, req.rawHeaders[index + 1]!)
	return headers
}

export async function sendResponse(res: ServerResponse, response: Response) {
	res.statusMessage = response.statusText
	res.statusCode = response.status
	// Set, not appended: the app's answer replaces what the server put there before (nosniff).
	for (const [name, value] of response.headers) {
		if (name !== 'set-cookie') res.setHeader(name, value)
	}
	for (const cookie of response.headers.getSetCookie()) res.appendHeader('Set-Cookie', cookie)
	if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders()
	if (response.body) await writeReadableStreamToWritable(response.body, res)
	else res.end()
}

export function remixRequestHandler({ build, mode, getLoadContext }: RemixHandlerOptions): RequestHandler {
	const handle = createRequestHandler(build, mode)
	return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		try {
			// Abort loaders and actions once the answer can no longer be written.
			const controller = new AbortController()
			res.once('close', () => {
				if (!res.writableFinished) controller.abort()
			})
			const init: RequestInit = { method: req.method, headers: requestHeaders(req), signal: controller.signal }
			if (req.method !== 'GET' && req.method !== 'HEAD') {
				const limit = bodyLimitFor(req.path)
				const body = await readBodyWithin(req, limit)
				if (!Buffer.isBuffer(body)) return answerPayloadTooLarge(req, res, limit, body.tooLarge)
				init.body = new Uint8Array(body)
			}
			const response = await handle(new Request(requestUrl(req), init), getLoadContext(req))
			await sendResponse(res, response)
		} catch (error) {
			next(error)
		}
	}
}
