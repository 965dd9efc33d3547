/**
 * CORS for the JSON API (rules in app/utils/cors.server.ts, docs/widget.md).
 * Preflights are answered here because Remix refuses OPTIONS before any route
 * runs; every other /api/ answer, thrown errors and the server's own 413 and
 * 503 included, gets its CORS headers just before the head is written (set,
 * not appended, so a route that also applied `withCors` does not end up with
 * two Access-Control-Allow-Origin).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import { corsHeaders, corsPreflight } from '#app/utils/cors.server.ts'

function hasVaryOrigin(vary: unknown) {
	return /(^|,)\s*origin\s*(,|$)/i.test(String(vary ?? ''))
}

export function apiCors(): RequestHandler {
	return (req, res, next) => {
		if (req.method === 'OPTIONS') {
			const headers = new Headers()
			for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
			const preflight = corsPreflight(new Request(`http://${req.headers.host ?? 'localhost'}${req.originalUrl}`, { method: 'OPTIONS', headers }))
			res.status(preflight.status)
			preflight.headers.forEach((value, name) => res.setHeader(name, value))
			res.end()
			return
		}
		addCorsHeadersToAnswer(req, res)
		next()
	}
}

/** The CORS headers of `req`'s origin, set on whatever answer `res` writes (also outside Express: server/events-intake.ts). */
export function addCorsHeadersToAnswer(req: IncomingMessage, res: ServerResponse) {
	const origin = req.headers.origin ?? null
	const writeHead = res.writeHead
	res.writeHead = function writeHeadWithCors(this: ServerResponse, ...args: Parameters<typeof writeHead>) {
		for (const [name, value] of Object.entries(corsHeaders(origin))) {
			if (name !== 'Vary') res.setHeader(name, value)
			else if (!hasVaryOrigin(res.getHeader('Vary'))) res.setHeader('Vary', [res.getHeader('Vary'), value].filter(Boolean).join(', '))
		}
		return writeHead.apply(this, args)
	} as typeof writeHead
}
