/**
 * The last word on errors that escape everything else (Remix catches what a
 * loader or action throws; this is for the rest, such as a failing build load
 * in development). A database that cannot be reached is still a 503 with
 * Retry-After (same answer as app/utils/database-outage.server.ts gives);
 * anything else is a bare 500 without details.
 */
import type { ServerResponse } from 'node:http'
import type { ErrorRequestHandler } from 'express'
import { OUTAGE_MESSAGE, OUTAGE_RETRY_AFTER_SECONDS } from '#app/utils/database-outage.server.ts'
import { isDatabaseUnavailable } from '#app/utils/http.server.ts'

export function answerEscapedErrors(): ErrorRequestHandler {
	return (error, req, res, next) => {
		if (res.headersSent) return next(error)
		answerEscapedError(error, req.path.startsWith('/api/'), res)
	}
}

/** The answer itself, for Express above and for what the server answers outside it (server/events-intake.ts). */
export function answerEscapedError(error: unknown, api: boolean, res: ServerResponse) {
	const unavailable = isDatabaseUnavailable(error)
	if (!unavailable) console.error(error)
	const message = unavailable ? OUTAGE_MESSAGE : 'Something went wrong on our side.'
	const body = api ? JSON.stringify({ error: { code: unavailable ? 'service_unavailable' : 'internal_error', message } }) : message
	res.statusCode = unavailable ? 503 : 500
	res.setHeader('Cache-Control', 'no-store')
	if (unavailable) res.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS))
	res.setHeader('Content-Type', `${api ? 'application/json' : 'text/plain'}; charset=utf-8`)
	res.setHeader('Content-Length', Buffer.byteLength(body))
	res.end(body)
}
