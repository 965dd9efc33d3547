/** `/robots.txt`: crawlers stay out of personal pages, moderation, the API and the preview sandbox; the sitemap is named. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { publicOrigin } from '#app/utils/public-url.server.ts'

export const DISALLOWED_PATHS = ['/me', '/admin', '/api', '/preview', '/login', '/logout', '/publish', '/auth']

export function loader({ request }: LoaderFunctionArgs) {
	const body = ['User-agent: *', 'Allow: /', ...DISALLOWED_PATHS.map((path) => `Disallow: ${path}`), '', `Sitemap: ${publicOrigin(request)}/sitemap.xml`, ''].join('\n')
	return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } })
}
