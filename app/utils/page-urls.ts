/**
 * The public pages' addresses: the one way every page, the API, the sitemap
 * and the projects "use" makes build a link to a template or a creator.
 */

/** A template's page (`/t/<slug>`). */
export function templatePagePath(slug: string) {
	return `/t/${encodeURIComponent(slug)}`
}

/** The absolute template page URL on `origin` (canonical links, JSON-LD, API answers, the sitemap, a used template's source link). */
export function templatePageUrl(origin: string, slug: string) {
	return `${origin.replace(/\/+$/, '')}${templatePagePath(slug)}`
}

/** A creator's public profile (`/creators/<handle>`). */
export function creatorProfilePath(handle: string) {
	return `/creators/${encodeURIComponent(handle)}`
}

/** The absolute profile URL on `origin`. */
export function creatorProfileUrl(origin: string, handle: string) {
	return `${origin.replace(/\/+$/, '')}${creatorProfilePath(handle)}`
}
