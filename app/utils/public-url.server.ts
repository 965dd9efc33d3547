import { getEnv } from './env.server.ts'

/** The canonical origin for links, the sitemap and Open Graph: PUBLIC_URL, else the request's own. */
export function publicOrigin(request: Request) {
	const configured = getEnv().PUBLIC_URL
	return (configured ?? new URL(request.url).origin).replace(/\/+$/, '')
}
