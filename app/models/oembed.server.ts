/**
 * oEmbed (https://oembed.com) for template pages, and the embeddable player
 * that its `html` frames. A chat app or CMS that finds the
 * `<link rel="alternate" type="application/json+oembed">` of a template page
 * asks `/oembed?url=<page>&format=json` and gets a `rich` answer: title,
 * author, the social image as thumbnail, and an `<iframe>` of `/embed/<slug>`.
 * Unlisted templates answer (whoever has the link may unfurl it); disabled
 * ones and any URL that is not one of our template pages are 404.
 */
import { creatorProfileUrl } from '#app/utils/page-urls.ts'
import { FORMAT_SIZES } from '#app/utils/preview-url.ts'
import { SOCIAL_IMAGE_SIZE } from '#app/utils/social-image.ts'
import { findPreviewScene } from './preview.server.ts'
import { findTemplateRender } from './template-render.server.ts'
import { type TemplateDetail, getTemplateBySlugOrId } from './template.server.ts'

const TEMPLATE_PATH = /^\/t\/([^/?#]+)\/?$/
const EMBED_WIDTH = 640

/** The active template a URL of ours names (`<origin>/t/<slug>`), or null. */
async function templateForPageUrl(pageUrl: string, origin: string): Promise<TemplateDetail | null> {
	let url: URL
	try {
		url = new URL(pageUrl)
	} catch {
		return null
	}
	const match = TEMPLATE_PATH.exec(url.pathname)
	if (url.origin !== origin || !match) return null
	const slug = decodeURIComponent(match[1]!)
	const template = await getTemplateBySlugOrId(slug)
	if (!template || template.status !== 'active' || template.slug !== slug) return null
	return template
}

export function embedPath(slug: string) {
	return `/embed/${encodeURIComponent(slug)}`
}

export async function oembedFor(pageUrl: string, origin: string, { maxWidth }: { maxWidth?: number } = {}) {
	const template = await templateForPageUrl(pageUrl, origin)
	if (!template) return null
	const render = await findTemplateRender(template.id)
	const format = FORMAT_SIZES[template.formats[0] ?? 'landscape']
	const width = Math.min(EMBED_WIDTH, maxWidth ?? EMBED_WIDTH)
	const height = Math.round((format.height * width) / format.width)
	const src = `${origin}${embedPath(template.slug)}`
	const title = template.title.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
	return {
		version: '1.0',
		type: 'rich',
		title: template.title,
		author_name: template.creatorName ?? 'A Bazaar creator',
		...(template.creatorHandle ? { author_url: creatorProfileUrl(origin, template.creatorHandle) } : {}),
		provider_name: 'Bazaar Community',
		provider_url: origin,
		cache_age: 3600,
		...(render.socialImageUrl
			? { thumbnail_url: `${origin}${render.socialImageUrl}`, thumbnail_width: SOCIAL_IMAGE_SIZE.width, thumbnail_height: SOCIAL_IMAGE_SIZE.height }
			: {}),
		html: `<iframe src="${src}" width="${width}" height="${height}" title="${title}" sandbox="allow-scripts" loading="lazy" referrerpolicy="no-referrer" style="border:0" allow="autoplay"></iframe>`,
		width,
		height,
	}
}

/** The scene the embeddable player plays (the first), for an active template by slug; null otherwise. */
export async function embedSceneFor(slug: string) {
	const template = await getTemplateBySlugOrId(slug)
	if (!template || template.status !== 'active' || template.slug !== slug) return null
	return findPreviewScene(template.id, template.scenes[0]?.index ?? 0)
}
