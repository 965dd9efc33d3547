import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CategoryNav } from '#app/components/CategoryNav.tsx'
import { GalleryToolbar } from '#app/components/GalleryToolbar.tsx'
import { Pagination } from '#app/components/Pagination.tsx'
import { SearchForm } from '#app/components/SearchForm.tsx'
import { TemplateCard } from '#app/components/TemplateCard.tsx'
import { listPopularTags, searchTemplates, templateSummaryVersion, toTemplateCard } from '#app/models/template.server.ts'
import { CATEGORIES, categoryLabel, FORMAT_LABELS } from '#app/vocabulary.ts'
import { cacheHeaders, dataEtag } from '#app/utils/http-cache.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { getUserId } from '#app/utils/session.server.ts'
import { GALLERY_PAGE_SIZE, type GalleryQuery, galleryHref, hasActiveFilters } from '#app/utils/template-filters.ts'
import { parseGalleryQuery } from '#app/utils/template-query.server.ts'
import { shareMetaTags } from '#app/utils/share-meta.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const query = parseGalleryQuery(new URL(request.url).searchParams)
	const [userId, result, popularTags] = await Promise.all([
		getUserId(request),
		searchTemplates(query, { page: query.page, pageSize: GALLERY_PAGE_SIZE }),
		listPopularTags(10),
	])
	const origin = publicOrigin(request)
	const personal = Boolean(userId)
	const headers = new Headers(cacheHeaders({ personal }))
	if (!personal) {
		headers.set(
			'ETag',
			dataEtag([origin, result.order, result.total, JSON.stringify(result.categoryCounts), result.totalInAllCategories, JSON.stringify(popularTags), ...result.items.map(templateSummaryVersion)]),
		)
	}
	return data(
		{
			query,
			order: result.order,
			items: result.items.map(toTemplateCard),
			total: result.total,
			pageCount: Math.max(1, Math.ceil(result.total / GALLERY_PAGE_SIZE)),
			categories: { counts: result.categoryCounts, total: result.totalInAllCategories },
			popularTags,
			origin,
		},
		// The gallery is the same for everyone; only the header differs when signed in.
		{ headers },
	)
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

function pageHeading(query: GalleryQuery) {
	const parts: string[] = []
	if (query.category) parts.push(categoryLabel(query.category))
	if (query.format) parts.push(FORMAT_LABELS[query.format])
	if (query.tag) parts.push(`#${query.tag}`)
	return parts.length > 0 ? `${parts.join(' · ')} templates` : 'Motion templates for every story'
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => {
	if (!loaderData) return [{ title: 'Bazaar Community' }]
	const { query, origin, pageCount } = loaderData
	const heading = query.q ? `“${query.q}” templates` : pageHeading(query)
	const title = `${heading}${query.page > 1 ? ` (page ${query.page})` : ''} · Bazaar Community`
	const description = query.q
		? `Video templates matching “${query.q}” on Bazaar Community: preview them live and use them in the Bazaar editor.`
		: query.category
			? `${categoryLabel(query.category)} motion-graphics templates made in the Bazaar editor. Preview live, favorite, and use them in one click.`
			: 'Discover motion-graphics video templates made in the Bazaar editor: intros, titles, social posts, charts and more. Preview live and use them in one click.'
	const canonical = `${origin}${galleryHref(query)}`
	const page = Math.min(query.page, pageCount)
	return [
		{ title },
		{ name: 'description', content: description },
		{ tagName: 'link', rel: 'canonical', href: canonical },
		...(page > 1 ? [{ tagName: 'link', rel: 'prev', href: `${origin}${galleryHref({ ...query, page: page - 1 })}` }] : []),
		...(page < pageCount ? [{ tagName: 'link', rel: 'next', href: `${origin}${galleryHref({ ...query, page: page + 1 })}` }] : []),
		// Search result pages are for people; the category pages are what crawlers should index.
		...(query.q ? [{ name: 'robots', content: 'noindex, follow' }] : []),
		...shareMetaTags({ type: 'website', title, description, url: canonical }),
	]
}

export default function Gallery() {
	const { query, order, items, total, pageCount, categories, popularTags } = useLoaderData<typeof loader>()
	const filtered = hasActiveFilters(query)
	return (
		<div className="gallery">
			<section className={filtered ? 'hero hero-compact' : 'hero'} aria-labelledby="gallery-title">
				<div className="hero-text">
					{filtered ? null : <p className="eyebrow eyebrow-accent">Bazaar Community</p>}
					<h1 id="gallery-title">{query.q ? <>Results for “{query.q}”</> : pageHeading(query)}</h1>
					{filtered ? null : (
						<p className="lede">
							Scenes made by Bazaar creators, ready to drop into your next video. Preview them live, then use them in one click.
						</p>
					)}
				</div>
				<SearchForm query={query} />
			</section>

			<CategoryNav query={query} counts={categories.counts} total={categories.total} />
			<GalleryToolbar query={query} order={order} total={total} popularTags={popularTags} />

			{items.length > 0 ? (
				<ul className="card-grid" aria-label="Templates">
					{items.map((template, index) => (
						<li key={template.id}>
							<TemplateCard template={template} priority={index === 0} />
						</li>
					))}
				</ul>
			) : (
				<section className="empty-state" aria-labelledby="empty-title">
					<div className="empty-state-art" aria-hidden="true">
						◇
					</div>
					<h2 id="empty-title">{query.page > pageCount && total > 0 ? 'This page is empty' : 'No templates match'}</h2>
					{query.page > pageCount && total > 0 ? (
						<p>
							There are only {pageCount} pages. <Link to={galleryHref({ ...query, page: 1 })}>Go to the first page</Link>.
						</p>
					) : (
						<>
							<p>
								{query.q ? <>Nothing found for “{query.q}”{filtered && (query.category || query.tag || query.format) ? ' with these filters' : ''}. </> : null}
								Try fewer words, another spelling, or a broader category.
							</p>
							<p className="empty-state-actions">
								<Link className="btn btn-primary" to="/">
									Clear search and filters
								</Link>
								{query.q && (query.category || query.tag || query.format) ? (
									<Link className="btn btn-secondary" to={galleryHref({ q: query.q })}>
										Search “{query.q}” everywhere
									</Link>
								) : null}
							</p>
							<p className="empty-state-hint">Or browse a category:</p>
							<ul className="chip-row chip-row-center">
								{CATEGORIES.slice(0, 5).map((category) => (
									<li key={category.slug}>
										<Link className="chip" to={galleryHref({ category: category.slug })}>
											{category.label}
										</Link>
									</li>
								))}
							</ul>
						</>
					)}
				</section>
			)}

			<Pagination query={query} pageCount={pageCount} />
		</div>
	)
}
