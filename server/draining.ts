/**
 * Graceful stop (SIGTERM on a deploy or scale-down): stop taking connections,
 * let the requests in flight finish, then hand over to the caller (which
 * closes the database).
 *
 * server.close() only stops accepting new connections, while clients keep
 * sending requests on their kept-alive ones (a load test saw hundreds served
 * after the signal, then cut off when the grace period ran out). Once
 * draining, every answer says `Connection: close`, so each connection ends
 * with the request it carries.
 */
import type { Server, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'

export const SHUTDOWN_GRACE_MS = 10_000
/**
 * How long a connection left idle by an answer that promised keep-alive may still bring
 * its next request (answered with `Connection: close`) before it is closed. Closing it
 * at once races with a request already on the wire, which its client sees as a reset.
 */
const IDLE_CONNECTION_LINGER_MS = 1000

export function createDraining() {
	let draining = false
	const responsesInFlight = new Set<ServerResponse>()

	/** Counts `res` as in flight until it closes (also outside Express: server/events-intake.ts). */
	function track(res: ServerResponse) {
		if (draining) res.setHeader('Connection', 'close')
		responsesInFlight.add(res)
		res.once('close', () => responsesInFlight.delete(res))
	}

	const middleware: RequestHandler = (_req, res, next) => {
		track(res)
		next()
	}

	/** Resolves once every connection has closed (or the grace period ran out and they were cut). */
	async function drain(server: Server) {
		draining = true
		for (const res of responsesInFlight) if (!res.headersSent) res.setHeader('Connection', 'close')
		// server.close() would also close idle connections at once (Node ≥ 19): keep them a moment (see above).
		const closeIdleConnections = server.closeIdleConnections
		server.closeIdleConnections = () => {}
		const closed = new Promise<void>((resolve) => server.close(() => resolve()))
		server.closeIdleConnections = closeIdleConnections
		const idleSweep = setInterval(() => server.closeIdleConnections(), IDLE_CONNECTION_LINGER_MS)
		const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS)
		try {
			await closed
		} finally {
			clearInterval(idleSweep)
			clearTimeout(timer)
		}
	}

	return { middleware, track, drain, isDraining: () => draining }
}
