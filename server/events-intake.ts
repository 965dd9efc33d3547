/**
 * POST /api/v1/events, the busiest write, answered by the server itself:
 * before Express, without Remix's request handler, without a web Request or
 * Response. For one event per request each of those cost more than the work
 * itself (docs/performance.md): Remix matched every route again per request;
 * Express cost about 50 µs a request on the bench machine, half of it because
 * it swaps the prototypes of every request and answer (Node's HTTP code then
 * runs on objects of another shape); a web Request body and a Response are
 * streams (30-45 µs and 13-20 µs).
 *
 * What runs is still the app's: `receiveEventBatch` from the build the server
 * runs (its entry module, like prepareDatabase), wrapped with the
 * database-outage answers as every route is, so validation (zod), limits,
 * bot filtering, idempotent ids and the group commit are exactly the route's,
 * and its one batcher stays the one writer. Around it, the same steps the
 * server's middleware takes for every other request, in the same order:
 * draining, discarding an unread body, nosniff, CORS, the 413 of a declared
 * oversized body, then the body read whole within the API's limit.
 *
 * Only this exact path takes this way; anything else (another method, the
 * path spelled otherwise) goes through Express and Remix to the route's action,
 * which gives the same answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import { answeringDatabaseOutages } from '#app/utils/database-outage.server.ts'
import { entryModuleOf } from './app-build.ts'
import { answerPayloadTooLarge, discardUnreadBodyAfterAnswer, MAX_API_BODY_BYTES, readBodyWithin, refusedDeclaredOversizedBody } from './body-limit.ts'
import { addCorsHeadersToAnswer } from './cors.ts'
import { answerEscapedError } from './errors.ts'
import { requestHeaders, sendResponse } from './remix-handler.ts'
import { setBaselineSecurityHeaders } from './security-headers.ts'

export const EVENTS_PATH = '/api/v1/events'

export function isEventsPost(req: IncomingMessage) {
	return req.method === 'POST' && (req.url === EVENTS_PATH || Boolean(req.url?.startsWith(`${EVENTS_PATH}?`)))
}

type ReceiveEventBatch = ReturnType<typeof entryModuleOf>['receiveEventBatch']

/** The build's `receiveEventBatch`, answering an unreachable database with the API's 503 (wrapped once per loaded build). */
const receivers = new WeakMap<object, ReceiveEventBatch>()
export function eventBatchReceiver(build: ServerBuild): ReceiveEventBatch {
	const entry = entryModuleOf(build)
	let receive = receivers.get(entry)
	if (!receive) {
		if (typeof entry.receiveEventBatch !== 'function') throw new Error(`The server build has no receiveEventBatch for POST ${EVENTS_PATH} (app/entry.server.tsx)`)
		receive = answeringDatabaseOutages(entry.receiveEventBatch, 'api')
		receivers.set(entry, receive)
	}
	return receive
}

export interface EventsIntakeOptions {
	build: ServerBuild | (() => Promise<ServerBuild>)
	getLoadContext: (req: IncomingMessage) => AppLoadContext
	/** The server's draining: counts the answer as in flight, says `Connection: close` once stopping (server/draining.ts). */
	track: (res: ServerResponse) => void
}

export function eventsIntake({ build, getLoadContext, track }: EventsIntakeOptions) {
	const noMiddlewareAfter = () => {}
	async function answer(req: IncomingMessage, res: ServerResponse) {
		const receive = eventBatchReceiver(typeof build === 'function' ? await build() : build)
		const body = await readBodyWithin(req, MAX_API_BODY_BYTES)
		if (!Buffer.isBuffer(body)) return answerPayloadTooLarge(req, res, MAX_API_BODY_BYTES, body.tooLarge)
		let answer: Awaited<ReturnType<ReceiveEventBatch>>
		try {
			answer = await receive({ headers: requestHeaders(req), body, context: getLoadContext(req) })
		} catch (thrown) {
			// Refusals (a bad editor token's 401, the 503 of an outage) are thrown Responses.
			if (!(thrown instanceof Response)) throw thrown
			answer = thrown
		}
		if (answer instanceof Response) return sendResponse(res, answer)
		// The 202 in one write, as Response.json would have answered it.
		const json = JSON.stringify(answer.body)
		res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(json) })
		res.end(json)
	}

	return (req: IncomingMessage, res: ServerResponse) => {
		track(res)
		discardUnreadBodyAfterAnswer(req, res, noMiddlewareAfter)
		setBaselineSecurityHeaders(res)
		addCorsHeadersToAnswer(req, res)
		if (refusedDeclaredOversizedBody(req, res, MAX_API_BODY_BYTES)) return
		answer(req, res).catch((error: unknown) => {
			// As Express's last handler does: an answer already begun can only be cut off.
			if (res.headersSent) res.destroy()
			else answerEscapedError(error, true, res)
		})
	}
}
