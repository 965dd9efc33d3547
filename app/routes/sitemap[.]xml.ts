/** `/sitemap.xml`: the gallery, every category page, every public, active template and every creator who has one, with lastmod. */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { listCreatorSitemapEntries } from '#app/models/creator-profile.server.ts'
import { listSitemapEntries } from '#app/models/template.server.ts'
import { cacheControl } from '#app/utils/http-cache.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { creatorProfileUrl, templatePageUrl } from '#app/utils/page-urls.ts'

function escapeXml(text: string) {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

export async function loader({ request }: LoaderFunctionArgs) {
	const origin = publicOrigin(request)
	const [{ templates, categories }, creators] = await Promise.all([listSitemapEntries(), listCreatorSitemapEntries()])
	const newest = [...templates, ...categories].map((entry) => entry.lastModified).sort().at(-1)
	const urls = [
		{ loc: `${origin}/`, lastmod: newest },
		...categories.map((entry) => ({ loc: `${origin}/?category=${encodeURIComponent(entry.category)}`, lastmod: entry.lastModified })),
		...templates.map((entry) => ({ loc: templatePageUrl(origin, entry.slug), lastmod: entry.lastModified })),
		...creators.map((entry) => ({ loc: creatorProfileUrl(origin, entry.handle), lastmod: entry.lastModified })),
	]
	const xml = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
		...urls.map((url) => `  <url><loc>${escapeXml(url.loc)}</loc>${url.lastmod ? `<lastmod>${url.lastmod}</lastmod>` : ''}</url>`),
		'</urlset>',
		'',
	].join('\n')
	return new Response(xml, {
		headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': cacheControl({ personal: false }, { sMaxAge: 3600, staleWhileRevalidate: 86_400 }) },
	})
}
