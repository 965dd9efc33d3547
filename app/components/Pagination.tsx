import { Link } from '@remix-run/react'
import { type GalleryQuery, galleryHref } from '#app/utils/template-filters.ts'
import { Icon } from './Icon.tsx'

/** Page numbers to show: first, last, and two either side of the current one, with gaps as null. */
export function pageWindow(current: number, last: number): Array<number | null> {
	const pages = new Set([1, last, current - 2, current - 1, current, current + 1, current + 2].filter((page) => page >= 1 && page <= last))
	const sorted = [...pages].sort((a, b) => a - b)
	const out: Array<number | null> = []
	for (const page of sorted) {
		const previous = out.at(-1)
		if (typeof previous === 'number' && page - previous > 1) out.push(null)
		out.push(page)
	}
	return out
}

/** Real links for every page (works without JavaScript), `rel="prev"`/`"next"` on the neighbours. */
export function Pagination({ query, pageCount }: { query: GalleryQuery; pageCount: number }) {
	if (pageCount <= 1) return null
	const current = Math.min(query.page, pageCount)
	const href = (page: number) => galleryHref({ ...query, page })
	return (
		<nav className="pager" aria-label="Pagination">
			{current > 1 ? (
				<Link discover="none" className="btn btn-secondary pager-step" to={href(current - 1)} rel="prev" prefetch="intent">
					<Icon name="arrowLeft" /> Previous
				</Link>
			) : (
				<span className="btn btn-secondary pager-step" aria-disabled="true">
					<Icon name="arrowLeft" /> Previous
				</span>
			)}
			<ol className="pager-pages">
				{pageWindow(current, pageCount).map((page, index) =>
					page === null ? (
						<li key={`gap-${index}`} className="pager-gap" aria-hidden="true">
							…
						</li>
					) : (
						<li key={page}>
							<Link discover="none"
								className="pager-page"
								to={href(page)}
								aria-current={page === current ? 'page' : undefined}
								aria-label={`Page ${page}`}
								rel={page === current - 1 ? 'prev' : page === current + 1 ? 'next' : undefined}
							>
								{page}
							</Link>
						</li>
					),
				)}
			</ol>
			{current < pageCount ? (
				<Link discover="none" className="btn btn-secondary pager-step" to={href(current + 1)} rel="next" prefetch="intent">
					Next <Icon name="arrowRight" />
				</Link>
			) : (
				<span className="btn btn-secondary pager-step" aria-disabled="true">
					Next <Icon name="arrowRight" />
				</span>
			)}
		</nav>
	)
}
