/**
 * THE PLACE FOR A PAGE CACHE. The middleware returned here runs for every
 * request that reached the app proper: after the static files, CORS, the
 * cross-site check and the body limit, right before Remix renders; its
 * answers still pass through draining, the baseline security headers and
 * compression (server/index.ts, `createApp`). A cache of anonymous pages
 * plugs in by returning its middleware from `pageCache()`; both `npm run dev`
 * and `npm start` then run it.
 *
 * What such a cache must respect (docs/security.md, docs/gallery.md):
 * - only GET/HEAD without a session cookie, and only answers that say they are
 *   shared-cacheable (`Cache-Control: public`) and carry no `Set-Cookie`;
 * - a page's CSP nonce is in its body and its header: serve them together, as stored;
 * - never keep a 5xx (a database outage answer says `no-store`).
 *
 * Until then it passes every request on.
 */
import type { RequestHandler } from 'express'

export function pageCache(): RequestHandler[] {
	return []
}
