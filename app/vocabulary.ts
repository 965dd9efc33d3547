/**
 * The product's vocabulary: the fixed lists of words and numbers that the
 * database schema, the routes' validation, the components and the widget's
 * contract test all read. Plain values only (no server code, no zod), so the
 * browser bundle can import it; the widget keeps its own copy (it imports
 * nothing from app/) and tests/widget-contract.test.ts keeps the two equal.
 */

/** The fixed category list: slug (stored, in URLs) and label (shown). */
export const CATEGORIES = [
	{ slug: 'intros', label: 'Intros & Logos' },
	{ slug: 'titles', label: 'Titles & Text' },
	{ slug: 'social', label: 'Social Media' },
	{ slug: 'data', label: 'Data & Charts' },
	{ slug: 'promo', label: 'Promos & Ads' },
	{ slug: 'lower-thirds', label: 'Lower Thirds' },
	{ slug: 'transitions', label: 'Transitions' },
	{ slug: 'education', label: 'Education' },
] as const
export type CategorySlug = (typeof CATEGORIES)[number]['slug']
export const CATEGORY_SLUGS = CATEGORIES.map((category) => category.slug) as [CategorySlug, ...CategorySlug[]]

export function categoryLabel(slug: string | null | undefined) {
	return CATEGORIES.find((category) => category.slug === slug)?.label ?? 'Uncategorized'
}

/** The aspect ratios a template supports. */
export const FORMATS = ['landscape', 'portrait', 'square'] as const
export type Format = (typeof FORMATS)[number]
export const FORMAT_LABELS = {
	landscape: 'Landscape 16:9',
	portrait: 'Portrait 9:16',
	square: 'Square 1:1',
} as const satisfies Record<Format, string>

/** `public`: listed and searchable; `unlisted`: reachable only through its link. */
export const VISIBILITIES = ['public', 'unlisted'] as const
export type Visibility = (typeof VISIBILITIES)[number]

/** `disabled` by a moderator: gone for everyone but its owner and moderators. */
export const STATUSES = ['active', 'disabled'] as const
export type Status = (typeof STATUSES)[number]

export const EVENT_TYPES = ['view', 'click', 'favorite', 'unfavorite', 'use', 'mix', 'prompt'] as const
export type EventType = (typeof EVENT_TYPES)[number]
export const EVENT_SOURCES = ['community_site', 'in_app_panel', 'direct'] as const
export type EventSource = (typeof EVENT_SOURCES)[number]

export const MODERATION_ACTIONS = ['disable', 'enable', 'dismiss_reports'] as const
export type ModerationActionKind = (typeof MODERATION_ACTIONS)[number]
export const REPORT_REASONS = ['spam', 'offensive', 'copyright', 'malicious_code', 'broken', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
export const REPORT_STATUSES = ['open', 'resolved'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

/** Scene durations are frames at this rate, in the editor and here. */
export const SCENE_FPS = 30

/** The longest tag a template can carry; the gallery's `tag` filter takes no longer one. */
export const TAG_MAX_LENGTH = 32

/** Where a template's render stands: queued or rendering, every scene played, or a scene failed. */
export const RENDER_STATUSES = ['pending', 'verified', 'failing'] as const
export type RenderStatus = (typeof RENDER_STATUSES)[number]
