import { Link } from '@remix-run/react'
import {
	type GalleryQuery,
	SORT_LABELS,
	TEMPLATE_SORTS,
	type TemplateSort,
	galleryHref,
} from '#app/utils/template-filters.ts'
import { Icon } from './Icon.tsx'
import { categoryLabel, FORMAT_LABELS, FORMATS } from '#app/vocabulary.ts'

/**
 * Sort and format as link groups (every state a shareable URL, no JavaScript
 * needed), the active filters as removable chips, and popular tags.
 */
export function GalleryToolbar({
	query,
	order,
	total,
	popularTags,
}: {
	query: GalleryQuery
	order: TemplateSort | 'relevance'
	total: number
	popularTags: Array<{ tag: string }>
}) {
	const activeFilters = [
		query.q ? { label: `“${query.q}”`, name: 'search', href: galleryHref({ ...query, q: undefined, page: 1 }) } : null,
		query.category ? { label: categoryLabel(query.category), name: 'category', href: galleryHref({ ...query, category: undefined, page: 1 }) } : null,
		query.tag ? { label: `#${query.tag}`, name: 'tag', href: galleryHref({ ...query, tag: undefined, page: 1 }) } : null,
		query.format ? { label: FORMAT_LABELS[query.format], name: 'format', href: galleryHref({ ...query, format: undefined, page: 1 }) } : null,
	].filter((filter) => filter !== null)

	return (
		<div className="toolbar">
			<div className="toolbar-row">
				<p className="result-count" role="status">
					<strong>{total}</strong>{total === 1 ? ' template' : ' templates'}
				</p>
				{activeFilters.length > 0 ? (
					<ul className="chip-row" aria-label="Active filters">
						{activeFilters.map((filter) => (
							<li key={filter.name}>
								<Link discover="none" className="chip chip-removable" to={filter.href} aria-label={`Remove ${filter.name} filter ${filter.label}`}>
									{filter.label} <Icon name="x" size={12} />
								</Link>
							</li>
						))}
						<li>
							<Link discover="none" className="link-quiet" to={galleryHref({ sort: query.sort })}>
								Clear all
							</Link>
						</li>
					</ul>
				) : null}
			</div>
			<div className="toolbar-row toolbar-controls">
				<nav className="segmented" aria-label="Sort">
					<span className="segmented-label">Sort</span>
					{query.q ? (
						<Link discover="none" className="segmented-item" to={galleryHref({ ...query, sort: undefined, page: 1 })} aria-current={order === 'relevance' ? 'true' : undefined}>
							Best match
						</Link>
					) : null}
					{TEMPLATE_SORTS.map((sort) => (
						<Link discover="none"
							key={sort}
							className="segmented-item"
							to={galleryHref({ ...query, sort, page: 1 })}
							aria-current={order === sort ? 'true' : undefined}
						>
							{SORT_LABELS[sort]}
						</Link>
					))}
				</nav>
				<nav className="segmented" aria-label="Format">
					<span className="segmented-label">Format</span>
					<Link discover="none" className="segmented-item" to={galleryHref({ ...query, format: undefined, page: 1 })} aria-current={query.format ? undefined : 'true'}>
						Any
					</Link>
					{FORMATS.map((format) => (
						<Link discover="none"
							key={format}
							className="segmented-item"
							to={galleryHref({ ...query, format, page: 1 })}
							aria-current={query.format === format ? 'true' : undefined}
						>
							<span className={`format-glyph format-glyph-${format}`} aria-hidden="true" />
							{FORMAT_LABELS[format].split(' ')[0]}
						</Link>
					))}
				</nav>
			</div>
			{popularTags.length > 0 ? (
				<nav className="tag-row" aria-label="Popular tags">
					<span className="segmented-label">Popular tags</span>
					<ul className="chip-row">
						{popularTags.map(({ tag }) => (
							<li key={tag}>
								<Link discover="none" className="chip chip-tag" to={galleryHref({ ...query, tag, page: 1 })} aria-current={query.tag === tag ? 'true' : undefined}>
									{`#${tag}`}
								</Link>
							</li>
						))}
					</ul>
				</nav>
			) : null}
		</div>
	)
}
