/**
 * The Open Graph and Twitter tags a public page carries when shared (the
 * gallery, a template page, a creator's profile): one way to write them, so
 * every unfurl names the site, the page and its picture the same way.
 */
import type { MetaDescriptor } from '@remix-run/node'

export interface SharedImage {
	url: string
	type: string
	width: number
	height: number
	alt: string
}

export interface SharedPage {
	type: 'website' | 'profile'
	title: string
	description: string
	url: string
	image?: SharedImage | null
	/** Open Graph properties of the page's type (`profile:username`…), after the common ones. */
	typeProperties?: Record<string, string>
	twitterCard?: 'summary' | 'summary_large_image'
}

export function shareMetaTags({ type, title, description, url, image, typeProperties = {}, twitterCard = 'summary' }: SharedPage): MetaDescriptor[] {
	return [
		{ property: 'og:type', content: type },
		{ property: 'og:site_name', content: 'Bazaar Community' },
		{ property: 'og:title', content: title },
		{ property: 'og:description', content: description },
		{ property: 'og:url', content: url },
		...(image
			? [
					{ property: 'og:image', content: image.url },
					{ property: 'og:image:type', content: image.type },
					{ property: 'og:image:width', content: String(image.width) },
					{ property: 'og:image:height', content: String(image.height) },
					{ property: 'og:image:alt', content: image.alt },
				]
			: []),
		...Object.entries(typeProperties).map(([property, content]) => ({ property, content })),
		// X reads title, description and image from the Open Graph tags when its own are absent.
		{ name: 'twitter:card', content: twitterCard },
	]
}
