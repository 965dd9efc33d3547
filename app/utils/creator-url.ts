/** A creator's public profile address, the one way every page, the API and the sitemap build it. */
export function creatorProfilePath(handle: string) {
	return `/creators/${encodeURIComponent(handle)}`
}

/** The absolute profile URL on `origin` (canonical links, JSON-LD, API answers, the sitemap). */
export function creatorProfileUrl(origin: string, handle: string) {
	return `${origin.replace(/\/+$/, '')}${creatorProfilePath(handle)}`
}
