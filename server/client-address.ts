/**
 * The client address rate limits count by. With TRUST_PROXY (parsed in
 * app/utils/env.server.ts) Express takes the first X-Forwarded-For hop as
 * `req.ip`; without it, the socket's address, and the header is the client's
 * to forge so it is never read.
 */
import type { AppLoadContext } from '@remix-run/node'
import type { Express, Request } from 'express'
import { getEnv } from '#app/utils/env.server.ts'

export function configureClientAddress(app: Express) {
	app.set('trust proxy', getEnv().TRUST_PROXY)
}

/** What every loader and action gets as `context` (read with `clientAddress()` from app/utils/rate-limit.server.ts). */
export function loadContextFor(req: Request): AppLoadContext {
	return { clientAddress: req.ip ?? req.socket.remoteAddress ?? null }
}
