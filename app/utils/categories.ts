/** The fixed category list, shared by the gallery, publishing and the API. */
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
