/**
 * Cross-site form posts get a clear 403 before Remix runs (Remix itself would
 * abort such an action with a bare 500). The rule is in app/utils/csrf.server.ts;
 * `/api/` is left to the routes (Bearer-token and beacon calls come from other
 * origins by design).
 */
import type { RequestHandler } from 'express'
import { refuseCrossSitePagePost } from '#app/utils/csrf.server.ts'

export const CROSS_SITE_REFUSAL = 'Cross-site requests cannot change anything here. Use the form on this site.'

export function refuseCrossSitePosts(): RequestHandler {
	return (req, res, next) => {
		const headers = { get: (name: string) => req.get(name) ?? null }
		if (!refuseCrossSitePagePost(req.method, req.path, headers, `${req.protocol}://${req.get('host')}`)) return next()
		res.status(403).set('Cache-Control', 'no-store').type('text/plain').send(CROSS_SITE_REFUSAL)
	}
}
