/**
 * The JSON the widget reads from and sends to the API (`/api/v1/`), as
 * docs/architecture.md specifies it. The widget imports nothing from `app/`: this file is
 * the contract, and tests/widget-contract.test.ts keeps the copied lists
 * (categories, sorts, formats) equal to the app's.
 */

export type TemplateFormat = 'landscape' | 'portrait' | 'square'
export type TemplateSort = 'popular' | 'new' | 'trending' | 'most-used'
export type EventType = 'view' | 'click' | 'favorite' | 'unfavorite' | 'use' | 'mix' | 'prompt'
export type EventSource = 'community_site' | 'in_app_panel' | 'direct'

export const FORMATS: readonly TemplateFormat[] = ['landscape', 'portrait', 'square']

export const SORTS: ReadonlyArray<{ value: TemplateSort; label: string }> = [
	{ value: 'popular', label: 'Popular' },
	{ value: 'new', label: 'New' },
	{ value: 'trending', label: 'Trending' },
	{ value: 'most-used', label: 'Most used' },
]

/** Same slugs and labels as app/utils/categories.ts (checked by a test). */
export const CATEGORIES: ReadonlyArray<{ slug: string; label: string }> = [
	{ slug: 'intros', label: 'Intros & Logos' },
	{ slug: 'titles', label: 'Titles & Text' },
	{ slug: 'social', label: 'Social Media' },
	{ slug: 'data', label: 'Data & Charts' },
	{ slug: 'promo', label: 'Promos & Ads' },
	{ slug: 'lower-thirds', label: 'Lower Thirds' },
	{ slug: 'transitions', label: 'Transitions' },
	{ slug: 'education', label: 'Education' },
]

/** One card of `GET /api/v1/templates`. Counters may come flat or grouped. */
export interface TemplateSummary {
	id: string
	slug: string
	title: string
	description?: string | null
	category: string | null
	tags?: string[]
	formats: TemplateFormat[]
	thumbnailUrl: string | null
	creatorName: string | null
	sceneCount: number
	totalDuration?: number
	counts?: { views?: number; favorites?: number; uses?: number }
	viewsCount?: number
	favoritesCount?: number
	usesCount?: number
	/** Present when the request carried a token. */
	favorited?: boolean
}

export interface TemplateList {
	items: TemplateSummary[]
	nextCursor: string | null
}

export interface TemplateScene {
	index: number
	title: string | null
	tsxCode: string
	duration: number
	previewFrame: number
}

/** `GET /api/v1/templates/:idOrSlug` */
export interface TemplateDetail extends TemplateSummary {
	scenes: TemplateScene[]
	/** 1 until the creator updates the scenes; from 2 on the preview address carries it (`v=`), like the site's. */
	version?: number
}

/** `POST /api/v1/templates/:id/use` body. */
export interface UseRequest {
	mode: 'use' | 'mix'
	projectId?: string
	sceneIndexes?: number[]
	/** Not in the contract's required fields: tells the API which surface to record on its `use`/`mix` event. */
	source?: EventSource
}

/**
 * What the widget reads from the `use` answer (docs/architecture.md lists its
 * fields); `readUseResult` in api.ts also accepts the likely other spellings.
 */
export interface UseResult {
	projectId: string | null
	sceneIds: string[]
}

export interface PanelEvent {
	id: string
	templateId: string
	type: EventType
	source: EventSource
	projectId?: string
	sceneCount?: number
}

/** `{ error: { code, message, issues? } }` */
export interface ApiErrorBody {
	error: { code: string; message: string; issues?: Array<{ path: string; message: string }> }
}
