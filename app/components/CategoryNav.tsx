import { Link } from '@remix-run/react'
import { type GalleryQuery, galleryHref } from '#app/utils/template-filters.ts'
import { CATEGORIES } from '#app/vocabulary.ts'

/** Category links with counts (within the current search and filters); the current one is marked. */
export function CategoryNav({ query, counts, total }: { query: GalleryQuery; counts: Record<string, number>; total: number }) {
	return (
		<nav className="category-nav" aria-label="Categories">
			<ul className="chip-row">
				<li>
					<Link discover="none" className="chip" to={galleryHref({ ...query, category: undefined, page: 1 })} aria-current={query.category ? undefined : 'page'}>
						All <span className="chip-count">{total}</span>
					</Link>
				</li>
				{CATEGORIES.map((category) => (
					<li key={category.slug}>
						<Link discover="none"
							className="chip"
							to={galleryHref({ ...query, category: category.slug, page: 1 })}
							aria-current={query.category === category.slug ? 'page' : undefined}
						>
							{`${category.label} `}<span className="chip-count">{counts[category.slug] ?? 0}</span>
						</Link>
					</li>
				))}
			</ul>
		</nav>
	)
}
