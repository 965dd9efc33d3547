/**
 * The client address rate limits count by. With TRUST_PROXY (parsed in
 * app/utils/env.server.ts) it is the first X-Forwarded-For hop; without it,
 * the socket's address, and the header is the client's to forge so it is
 * never read.
 */
import type { IncomingMessage } from 'node:http'
import type { AppLoadContext } from '@remix-run/node'
import type { Express } from 'express'
import proxyaddr from 'proxy-addr'
import { getEnv } from '#app/utils/env.server.ts'

export function configureClientAddress(app: Express) {
	app.set('trust proxy', getEnv().TRUST_PROXY)
}

/**
 * What every loader and action gets as `context` (read with `clientAddress()`
 * from app/utils/rate-limit.server.ts). The address is what Express's `req.ip`
 * computes (proxy-addr over the app's compiled `trust proxy`), called here
 * directly so that a request Express never sees (server/events-intake.ts)
 * gets the same one.
 */
export function loadContextFor(app: Express): (req: IncomingMessage) => AppLoadContext {
	return (req) => ({ clientAddress: proxyaddr(req, app.get('trust proxy fn')) ?? req.socket.remoteAddress ?? null })
}
