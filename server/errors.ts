/**
 * The last word on errors that escape everything else (Remix catches what a
 * loader or action throws; this is for the rest, such as a failing build load
 * in development). A database that cannot be reached is still a 503 with
 * Retry-After (same answer as app/utils/database-outage.server.ts gives);
 * anything else is a bare 500 without details.
 */
import type { ErrorRequestHandler } from 'express'
import { OUTAGE_MESSAGE, OUTAGE_RETRY_AFTER_SECONDS } from '#app/utils/database-outage.server.ts'
import { isDatabaseUnavailable } from '#app/utils/http.server.ts'

export function answerEscapedErrors(): ErrorRequestHandler {
	return (error, req, res, next) => {
		if (res.headersSent) return next(error)
		const unavailable = isDatabaseUnavailable(error)
		if (!unavailable) console.error(error)
		res.status(unavailable ? 503 : 500).set('Cache-Control', 'no-store')
		if (unavailable) res.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS))
		const message = unavailable ? OUTAGE_MESSAGE : 'Something went wrong on our side.'
		if (req.path.startsWith('/api/')) res.json({ error: { code: unavailable ? 'service_unavailable' : 'internal_error', message } })
		else res.type('text/plain').send(message)
	}
}
