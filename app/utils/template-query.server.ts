/**
 * Parsing the gallery's URL parameters and the list API's query with zod
 * (server only, so zod stays out of the browser bundle).
 */
import { z } from 'zod'
import { CATEGORY_SLUGS, FORMATS, TAG_MAX_LENGTH } from '#app/vocabulary.ts'
import {
	API_MAX_LIMIT,
	type GalleryQuery,
	MAX_GALLERY_PAGE,
	MAX_QUERY_LENGTH,
	TEMPLATE_SORTS,
	type TemplateFilters,
} from './template-filters.ts'

// A form submits empty fields as "": treat them as absent.
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional())

// Control characters never belong in a search; PostgreSQL refuses a NUL byte outright (a 500).
// eslint-disable-next-line no-control-regex
const withoutControlCharacters = (value: unknown) => (typeof value === 'string' ? value.replace(/[\u0000-\u001F\u007F]/g, ' ') : value)

const FILTER_FIELDS = {
	q: optional(z.preprocess(withoutControlCharacters, z.string().trim().max(MAX_QUERY_LENGTH))),
	category: optional(z.enum(CATEGORY_SLUGS)),
	tag: optional(z.preprocess(withoutControlCharacters, z.string().trim().toLowerCase().max(TAG_MAX_LENGTH))),
	format: optional(z.enum(FORMATS)),
	sort: optional(z.enum(TEMPLATE_SORTS)),
}

export const TemplateFiltersSchema = z.object(FILTER_FIELDS)

/** `GET /api/v1/templates`: the gallery's filters plus keyset pagination. Strict: a bad value is a 400. */
export const TemplateListQuerySchema = TemplateFiltersSchema.extend({
	cursor: optional(z.string().max(512)),
	limit: optional(z.coerce.number().int().min(1).max(API_MAX_LIMIT)),
})

// Built once: constructing a zod schema costs more than parsing with it.
const GALLERY_PAGE = z.coerce.number().int().min(1).max(MAX_GALLERY_PAGE).catch(1)

/**
 * The gallery reads its URL leniently: a visitor who edits a link by hand gets
 * the closest sensible page, never an error. Each invalid field is dropped.
 */
export function parseGalleryQuery(searchParams: URLSearchParams): GalleryQuery {
	const filters: TemplateFilters = {}
	for (const [name, schema] of Object.entries(FILTER_FIELDS)) {
		const parsed = schema.safeParse(searchParams.get(name) ?? undefined)
		if (parsed.success && parsed.data !== undefined) Object.assign(filters, { [name]: parsed.data })
	}
	const page = GALLERY_PAGE.parse(searchParams.get('page') ?? 1)
	return { ...filters, page }
}

