/**
 * The gallery's filter vocabulary, shared by the gallery page, the JSON API
 * and the components that build links: what each URL parameter may hold, and
 * how a set of filters becomes a shareable URL. No server code and no zod
 * here (the parsing is in template-query.server.ts), so components import it
 * without growing the browser bundle.
 */
import type { Format, CategorySlug } from '#app/vocabulary.ts'

export const TEMPLATE_SORTS = ['popular', 'new', 'trending', 'most-used'] as const
export type TemplateSort = (typeof TEMPLATE_SORTS)[number]
export const DEFAULT_SORT: TemplateSort = 'popular'
export const SORT_LABELS: Record<TemplateSort, string> = {
	popular: 'Popular',
	new: 'Newest',
	trending: 'Trending',
	'most-used': 'Most used',
}

/**
 * Cards per gallery page: five full rows of four at the widest, ten of two on
 * a tablet. Each card is sent twice (markup, and data to hydrate from), so
 * the page size is most of a gallery page's weight (docs/performance.md).
 */
export const GALLERY_PAGE_SIZE = 20
export const MAX_GALLERY_PAGE = 500
export const API_DEFAULT_LIMIT = 24
export const API_MAX_LIMIT = 50
export const MAX_QUERY_LENGTH = 100

/** What a list of templates can be narrowed and ordered by. `sort` absent: by relevance when searching, else popular. */
export interface TemplateFilters {
	q?: string
	category?: CategorySlug
	tag?: string
	format?: Format
	sort?: TemplateSort
}

export interface GalleryQuery extends TemplateFilters {
	page: number
}

/** The object form of a query, as `URLSearchParams`, in a stable order and without defaults. */
export function galleryParams(query: Partial<GalleryQuery>) {
	const params = new URLSearchParams()
	if (query.q) params.set('q', query.q)
	if (query.category) params.set('category', query.category)
	if (query.tag) params.set('tag', query.tag)
	if (query.format) params.set('format', query.format)
	if (query.sort && !(query.sort === DEFAULT_SORT && !query.q)) params.set('sort', query.sort)
	if (query.page && query.page > 1) params.set('page', String(query.page))
	return params
}

/** A gallery link: `/` plus the non-default parameters. */
export function galleryHref(query: Partial<GalleryQuery>) {
	const search = galleryParams(query).toString()
	return search ? `/?${search}` : '/'
}

export function hasActiveFilters(filters: TemplateFilters) {
	return Boolean(filters.q || filters.category || filters.tag || filters.format)
}
