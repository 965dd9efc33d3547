/**
 * Headers every answer carries, whatever produced it (a page, the API, a
 * static file, the server's own 403/413/503). Pages add their
 * Content-Security-Policy with a per-request nonce in app/entry.server.tsx,
 * because the nonce must also go into the markup React renders
 * (app/utils/security-headers.server.ts, docs/security.md).
 */
import type { ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'

export function baselineSecurityHeaders(): RequestHandler {
	return (_req, res, next) => {
		setBaselineSecurityHeaders(res)
		next()
	}
}

/** The same headers on an answer written outside Express (server/events-intake.ts). */
export function setBaselineSecurityHeaders(res: ServerResponse) {
	res.setHeader('X-Content-Type-Options', 'nosniff')
}
