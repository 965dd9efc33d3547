/**
 * Where a card's generated poster is served (app/routes/posters.$file.tsx).
 * The artwork depends only on the template id and its category, so the query
 * names both the drawing's design version and the category: the URL changes
 * exactly when the image does, and the answer is cached as immutable.
 */
export const POSTER_DESIGN_VERSION = 1
export const POSTER_WIDTH = 320
export const POSTER_HEIGHT = 180

export function generatedPosterPath(templateId: string, category: string | null) {
	return `/posters/${templateId}.svg?v=${POSTER_DESIGN_VERSION}-${encodeURIComponent(category ?? 'none')}`
}

/**
 * The `srcset` of a rendered poster: its 640 and 1280 wide files (docs/rendering.md).
 * Built in the browser from the two addresses, so a card's data does not carry
 * the 640 one twice.
 */
export function renderedPosterSrcSet(posterUrl: string, posterLargeUrl: string) {
	return `${posterUrl} 640w, ${posterLargeUrl} 1280w`
}
