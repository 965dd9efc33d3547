/**
 * Preview URLs and format sizes, shared by the server (the preview document)
 * and the components that frame it. See docs/previews.md.
 */
import type { Format } from '#app/vocabulary.ts'

export const FORMAT_SIZES: Record<Format, { width: number; height: number }> = {
	landscape: { width: 1920, height: 1080 },
	portrait: { width: 1080, height: 1920 },
	square: { width: 1080, height: 1080 },
}

export interface PreviewOptions {
	format?: Format
	autoplay?: boolean
	loop?: boolean
	controls?: boolean
	/** Start here instead of the scene's preview frame. */
	startFrame?: number
	/**
	 * The template's version: from version 2 on it is in the address (`v=`), so
	 * a browser or CDN that kept the document of an earlier version's scene
	 * (it may for a minute) fetches the new one. The document ignores it.
	 */
	version?: number
}

export function previewDocumentUrl(templateId: string, sceneIndex: number, options: PreviewOptions = {}) {
	const search = new URLSearchParams()
	if (options.format) search.set('format', options.format)
	if (options.autoplay === false) search.set('autoplay', '0')
	if (options.loop === false) search.set('loop', '0')
	if (options.controls === false) search.set('controls', '0')
	if (options.startFrame !== undefined) search.set('start', String(options.startFrame))
	if (options.version !== undefined && options.version > 1) search.set('v', String(options.version))
	const query = search.toString()
	return `/preview/${templateId}/${sceneIndex}${query ? `?${query}` : ''}`
}

/** Where `npm run posters` stores a scene's still, relative to the site root. */
export function scenePosterPath(templateId: string, sceneIndex: number) {
	return `/posters/${templateId}/${sceneIndex}.jpg`
}
