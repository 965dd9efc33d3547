/**
 * `GET /creators/:handle`: a creator's public profile: picture, name, bio,
 * links (`rel="ugc nofollow"`), their public active templates as cards
 * (`?sort=popular|new`) and rollups (templates, uses, favorites). Cacheable
 * like the gallery; unknown handles 404; another casing redirects (301) to the
 * canonical lower-case address.
 */
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CreatorAvatar } from '#app/components/CreatorAvatar.tsx'
import { TemplateCard } from '#app/components/TemplateCard.tsx'
import { CREATOR_SORTS } from '#app/models/creator-profile-limits.ts'
import { getCreatorPage } from '#app/models/creator-profile.server.ts'
import { toTemplateCard } from '#app/models/template.server.ts'
import { formatCount, plural } from '#app/utils/format.ts'
import { cacheHeaders } from '#app/utils/http-cache.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { getUserId } from '#app/utils/session.server.ts'
import { SORT_LABELS } from '#app/utils/template-filters.ts'
import { creatorProfilePath, creatorProfileUrl } from '#app/utils/page-urls.ts'
import { shareMetaTags } from '#app/utils/share-meta.ts'

const QuerySchema = z.object({ sort: z.enum(CREATOR_SORTS).catch('popular') })

function notFound() {
	return data({ message: 'No creator with this handle' }, { status: 404, headers: { 'Cache-Control': 'public, max-age=0, s-maxage=30', Vary: 'Cookie' } })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const handle = params.handle ?? ''
	const url = new URL(request.url)
	const { sort } = QuerySchema.parse({ sort: url.searchParams.get('sort') ?? undefined })
	const [found, userId] = await Promise.all([getCreatorPage(handle, { sort }), getUserId(request)])
	if (!found) throw notFound()
	const { creator, templates, totals } = found
	if (creator.handle !== handle) throw redirect(`${creatorProfilePath(creator.handle)}${url.search}`, 301)
	const origin = publicOrigin(request)
	return data(
		{
			creator: { handle: creator.handle, name: creator.name, image: creator.image, bio: creator.bio, links: creator.links },
			templates: templates.map(toTemplateCard),
			totals,
			sort,
			canonicalUrl: creatorProfileUrl(origin, creator.handle),
		},
		{ headers: cacheHeaders({ personal: Boolean(userId) }) },
	)
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => {
	if (!loaderData) return [{ title: 'Creator not found · Bazaar Community' }, { name: 'robots', content: 'noindex' }]
	const { creator, totals, canonicalUrl } = loaderData
	const name = creator.name ?? creator.handle
	const title = `${name} (@${creator.handle}) · Bazaar Community creator`
	const description = creator.bio || `${plural(totals.templates, 'motion template')} by ${name} on Bazaar Community: preview them live and use them in one click.`
	return [
		{ title },
		{ name: 'description', content: description },
		{ tagName: 'link', rel: 'canonical', href: canonicalUrl },
		// A profile with nothing public is not worth a search result (and not a place to park links).
		...(totals.templates === 0 ? [{ name: 'robots', content: 'noindex' }] : []),
		...shareMetaTags({ type: 'profile', title, description, url: canonicalUrl, typeProperties: { 'profile:username': creator.handle } }),
		{
			'script:ld+json': {
				'@context': 'https://schema.org',
				'@type': 'ProfilePage',
				url: canonicalUrl,
				name: title,
				mainEntity: {
					'@type': 'Person',
					name,
					alternateName: `@${creator.handle}`,
					identifier: creator.handle,
					url: canonicalUrl,
					...(creator.bio ? { description: creator.bio } : {}),
					...(creator.image?.startsWith('https://') ? { image: creator.image } : {}),
					...(creator.links.length > 0 ? { sameAs: creator.links } : {}),
					interactionStatistic: [
						{ '@type': 'InteractionCounter', interactionType: 'https://schema.org/WriteAction', userInteractionCount: totals.templates },
					],
				},
			},
		},
	]
}

export default function CreatorProfilePage() {
	const { creator, templates, totals, sort } = useLoaderData<typeof loader>()
	const name = creator.name ?? creator.handle
	return (
		<div className="creator-profile">
			<header className="creator-header" aria-labelledby="creator-name">
				<CreatorAvatar name={creator.name} image={creator.image} size="large" />
				<div className="creator-header-text">
					<p className="eyebrow eyebrow-accent">Creator</p>
					<h1 id="creator-name">{name}</h1>
					<p className="creator-handle">@{creator.handle}</p>
					{creator.bio ? <p className="creator-bio">{creator.bio}</p> : null}
					{creator.links.length > 0 ? (
						<ul className="creator-links" aria-label="Links">
							{creator.links.map((link) => (
								<li key={link}>
									<a href={link} rel="ugc nofollow noopener noreferrer">
										{link.replace(/^https:\/\//, '').replace(/\/$/, '')}
									</a>
								</li>
							))}
						</ul>
					) : null}
				</div>
			</header>

			<dl className="stat-grid creator-totals" aria-label="Totals">
				<div>
					<dt>Templates</dt>
					<dd data-testid="creator-total-templates">{formatCount(totals.templates)}</dd>
				</div>
				<div>
					<dt>Uses</dt>
					<dd data-testid="creator-total-uses">{formatCount(totals.uses)}</dd>
				</div>
				<div>
					<dt>Favorites</dt>
					<dd data-testid="creator-total-favorites">{formatCount(totals.favorites)}</dd>
				</div>
			</dl>

			{templates.length > 0 ? (
				<>
					<div className="toolbar">
						<div className="toolbar-row toolbar-controls">
							<nav className="segmented" aria-label="Sort">
								<span className="segmented-label">Sort</span>
								{CREATOR_SORTS.map((option) => (
									<Link
										key={option}
										className="segmented-item"
										to={option === 'popular' ? creatorProfilePath(creator.handle) : `${creatorProfilePath(creator.handle)}?sort=${option}`}
										aria-current={sort === option ? 'true' : undefined}
									>
										{SORT_LABELS[option]}
									</Link>
								))}
							</nav>
						</div>
					</div>
					<ul className="card-grid" aria-label={`Templates by ${name}`}>
						{templates.map((template) => (
							<li key={template.id}>
								<TemplateCard template={template} />
							</li>
						))}
					</ul>
					{totals.templates > templates.length ? (
						<p className="muted">
							Showing {templates.length} of {totals.templates} templates.
						</p>
					) : null}
				</>
			) : (
				<section className="empty-state" aria-labelledby="empty-title">
					<h2 id="empty-title">No public templates yet</h2>
					<p>
						<Link to="/">Browse the gallery</Link>
					</p>
				</section>
			)}
		</div>
	)
}
