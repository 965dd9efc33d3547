/**
 * One route's action called straight from Express, without Remix's request
 * handler. For POST /api/v1/events, where a profile showed Remix's routing
 * (matching every route again per request), compression and the static-file
 * lookups costing several times the action itself (docs/performance.md).
 *
 * It is still the route's own action from the build the server runs (wrapped
 * with the database-outage answers), so validation, limits, bot filtering,
 * idempotent ids and the group commit are exactly the route's, and its one
 * batcher stays the one writer. The body is read whole within the route's
 * limit (413 otherwise), as server/remix-handler.ts does; CORS is mounted
 * in front of it by the server.
 */
import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import { answerPayloadTooLarge, bodyLimitFor, readBodyWithin } from './body-limit.ts'
import { requestHeaders, requestUrl, sendResponse } from './remix-handler.ts'

export interface RouteActionOptions {
	build: ServerBuild | (() => Promise<ServerBuild>)
	/** The route's id in the build (`routes/api.v1.events`). */
	routeId: string
	getLoadContext: (req: ExpressRequest) => AppLoadContext
}

type Action = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown

export function routeAction({ build, routeId, getLoadContext }: RouteActionOptions): RequestHandler {
	return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		try {
			const loaded = typeof build === 'function' ? await build() : build
			const action = loaded.routes[routeId]?.module.action as Action | undefined
			if (!action) return next()
			const limit = bodyLimitFor(req.path)
			const body = await readBodyWithin(req, limit)
			if (!Buffer.isBuffer(body)) return answerPayloadTooLarge(req, res, limit, body.tooLarge)
			const request = new Request(requestUrl(req), { method: req.method, headers: requestHeaders(req), body: new Uint8Array(body) })
			let answer: unknown
			try {
				answer = await action({ request, params: {}, context: getLoadContext(req) })
			} catch (thrown) {
				// Actions answer refusals (401, the 503 of an outage) by throwing a Response.
				if (!(thrown instanceof Response)) throw thrown
				answer = thrown
			}
			if (!(answer instanceof Response)) throw new Error(`${routeId}: the action answered something other than a Response`)
			await sendResponse(res, answer)
		} catch (error) {
			next(error)
		}
	}
}
