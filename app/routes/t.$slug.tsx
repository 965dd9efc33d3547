/**
 * A template's page: the loader and page (gallery), the live previews in
 * sandboxed frames, and the action for `intent` = favorite / unfavorite / use.
 */
import { type ActionFunctionArgs, data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CreatorAvatar } from '#app/components/CreatorAvatar.tsx'
import { FavoriteButton } from '#app/components/FavoriteButton.tsx'
import { TemplatePreviews } from '#app/components/TemplatePreviews.tsx'
import { FormatGlyphs } from '#app/components/FormatGlyphs.tsx'
import { Icon } from '#app/components/Icon.tsx'
import { ViewBeacon } from '#app/components/ViewBeacon.tsx'
import { isCrawler, recordEvents, requestContext } from '#app/models/event.server.ts'
import { FAVORITE_RATE_LIMIT, favoriteTemplate, isFavorite, unfavoriteTemplate } from '#app/models/favorite.server.ts'
import { copyTemplateIntoProject, editorProjectUrl, USE_RATE_LIMIT, UseTemplateError } from '#app/models/project.server.ts'
import { canViewTemplate, findActiveTemplateId, getTemplateBySlugOrId, templateDetailVersion } from '#app/models/template.server.ts'
import { canSeeRenderFailure, findTemplateRender } from '#app/models/template-render.server.ts'
import { mediaFileUrl } from '#app/models/scene-media.server.ts'
import { SOCIAL_IMAGE_SIZE } from '#app/utils/social-image.ts'
import { requireSameOrigin } from '#app/utils/csrf.server.ts'
import { invalidInput, rateLimited, readFormData } from '#app/utils/http.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { categoryLabel } from '#app/vocabulary.ts'
import { formatCount, formatDate, formatDuration, framesToSeconds, plural } from '#app/utils/format.ts'
import { cacheHeaders, dataEtag } from '#app/utils/http-cache.server.ts'
import { descriptionText, sanitizeDescription } from '#app/utils/sanitize.server.ts'
import { getUserId, loginPath, safeReturnTo } from '#app/utils/session.server.ts'
import { galleryHref } from '#app/utils/template-filters.ts'
import { getOptionalUser, redirectToSignInWithPendingFavorite } from '#app/models/auth.server.ts'
import { publicOrigin } from '#app/utils/public-url.server.ts'
import { creatorProfilePath, creatorProfileUrl, templatePagePath, templatePageUrl } from '#app/utils/page-urls.ts'
import { shareMetaTags } from '#app/utils/share-meta.ts'

/** A browser loading the page itself (not a client-side data request or a revalidation). */
function isDocumentRequest(request: Request) {
	return request.headers.get('Sec-Fetch-Dest') === 'document' || (request.headers.get('Accept') ?? '').includes('text/html')
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	const [template, user] = await Promise.all([getTemplateBySlugOrId(slug), getOptionalUser(request)])
	if (!template || !canViewTemplate(template, user)) {
		// A disabled template is a 404 for some viewers and a page for its owner and
		// moderators, so the shared-cacheable 404 must vary by cookie like the page does.
		throw data({ message: 'Template not found' }, { status: 404, headers: { 'Cache-Control': 'public, max-age=0, s-maxage=30', Vary: 'Cookie' } })
	}
	// Reached by id (or a differently cased slug): send everyone to the one canonical address.
	if (template.slug !== slug) throw redirect(`${templatePagePath(template.slug)}${new URL(request.url).search}`, 301)

	// Anonymous pages are cacheable and identical for everyone, so their view is
	// counted by the browser's beacon. A signed-in visitor's page is private and
	// rendered each time: the server writes the view (and the click) itself.
	let viewLogged = false
	const userAgent = request.headers.get('user-agent')
	if (user && template.status === 'active' && isDocumentRequest(request) && !isCrawler(userAgent)) {
		const fromGallery = new URL(request.url).searchParams.get('ref') === 'gallery'
		await recordEvents(
			[
				{ templateId: template.id, type: 'view', source: 'community_site' },
				...(fromGallery ? [{ templateId: template.id, type: 'click' as const, source: 'community_site' as const }] : []),
			],
			requestContext(request, user.id),
		)
		viewLogged = true
	}

	const [favorited, render] = await Promise.all([user ? isFavorite(user.id, template.id) : false, findTemplateRender(template.id)])
	const seesFailure = canSeeRenderFailure(template, user)
	const origin = publicOrigin(request)
	const headers = new Headers(cacheHeaders({ personal: Boolean(user) }))
	if (template.visibility !== 'public' || template.status !== 'active') headers.set('X-Robots-Tag', 'noindex')
	if (!user) headers.set('ETag', dataEtag([origin, templateDetailVersion(template)]))
	return data(
		{
			template: {
				id: template.id,
				slug: template.slug,
				title: template.title,
				descriptionHtml: sanitizeDescription(template.description),
				descriptionText: descriptionText(template.description),
				category: template.category,
				tags: template.tags,
				formats: template.formats,
				thumbnailUrl: template.thumbnailUrl,
				creatorName: template.creatorName,
				creatorHandle: template.creatorHandle,
				creatorImage: template.creatorImage,
				visibility: template.visibility,
				status: template.status,
				viewsCount: template.viewsCount,
				favoritesCount: template.favoritesCount,
				usesCount: template.usesCount,
				totalDuration: template.totalDuration,
				createdAt: template.createdAt,
				updatedAt: template.updatedAt,
				// The page lists scenes; their code is for the preview and the API.
				scenes: template.scenes.map(({ index, title, duration, previewFrame }) => ({ index, title, duration, previewFrame })),
				version: template.version,
				// Version 1 is the template as published: only later ones say what changed.
				updates: template.versions.filter((entry) => entry.version > 1),
			},
			render: {
				status: render.status,
				socialImageUrl: render.socialImageUrl ? `${origin}${render.socialImageUrl}` : null,
				scenePosters: Object.fromEntries(render.scenes.filter((scene) => scene.poster1280).map((scene) => [scene.index, mediaFileUrl(scene.poster1280!)])),
				// Which scene failed and why: for the owner and moderators only.
				failure: seesFailure && render.status === 'failing' ? { sceneIndex: render.failingSceneIndex, message: render.failureMessage } : null,
			},
			viewer: user ? { isOwner: user.id === template.ownerUserId, isAdmin: user.isAdmin, isFavorite: favorited } : null,
			viewLogged,
			canonicalUrl: templatePageUrl(origin, template.slug),
			origin,
		},
		{ headers },
	)
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => {
	if (!loaderData) return []
	const { template, canonicalUrl, origin, render } = loaderData
	const category = categoryLabel(template.category)
	const title = `${template.title} · ${category} template · Bazaar Community`
	const description =
		template.descriptionText ||
		`${template.title}: a ${category.toLowerCase()} video template by ${template.creatorName ?? 'a Bazaar creator'}, ${plural(template.scenes.length, 'scene')}.`
	const hidden = template.visibility !== 'public' || template.status !== 'active'
	const seconds = Math.round(framesToSeconds(template.totalDuration))
	return [
		{ title },
		{ name: 'description', content: description },
		{ tagName: 'link', rel: 'canonical', href: canonicalUrl },
		...(hidden ? [{ name: 'robots', content: 'noindex' }] : []),
		...shareMetaTags({
			type: 'website',
			title: template.title,
			description,
			url: canonicalUrl,
			image: render.socialImageUrl
				? { url: render.socialImageUrl, type: 'image/jpeg', ...SOCIAL_IMAGE_SIZE, alt: `${template.title}: the first scene, with its title and creator` }
				: null,
			twitterCard: 'summary_large_image',
		}),
		{
			tagName: 'link',
			rel: 'alternate',
			type: 'application/json+oembed',
			href: `${origin}/oembed?${new URLSearchParams({ url: canonicalUrl, format: 'json' })}`,
			title: template.title,
		},
		{
			'script:ld+json': {
				'@context': 'https://schema.org',
				'@type': 'CreativeWork',
				name: template.title,
				description,
				url: canonicalUrl,
				genre: category,
				keywords: template.tags.join(', '),
				dateCreated: template.createdAt,
				dateModified: template.updatedAt,
				version: template.version,
				timeRequired: `PT${seconds}S`,
				author: {
					'@type': 'Person',
					name: template.creatorName ?? 'Bazaar creator',
					...(template.creatorHandle ? { url: creatorProfileUrl(origin, template.creatorHandle) } : {}),
				},
				isPartOf: { '@type': 'WebSite', name: 'Bazaar Community', url: origin },
				interactionStatistic: [
					{ '@type': 'InteractionCounter', interactionType: 'https://schema.org/WatchAction', userInteractionCount: template.viewsCount },
					{ '@type': 'InteractionCounter', interactionType: 'https://schema.org/LikeAction', userInteractionCount: template.favoritesCount },
				],
			},
		},
	]
}

function TemplateActions({
	slug,
	title,
	favoritesCount,
	viewer,
}: {
	slug: string
	title: string
	favoritesCount: number
	viewer: { isFavorite: boolean } | null
}) {
	// The same forms for everyone: an anonymous post goes to sign-in and comes back
	// (a favorite is then done on arrival), with or without JavaScript.
	return (
		<div className="action-stack">
			<Form method="post" className="inline-form">
				<button type="submit" name="intent" value="use" className="btn btn-primary btn-large btn-block">
					<Icon name="download" /> Use template
				</button>
			</Form>
			<FavoriteButton slug={slug} title={title} favorited={viewer?.isFavorite ?? false} favoritesCount={favoritesCount} />
			{viewer ? null : <p className="fine-print">You will be asked to sign in first.</p>}
			<p className="fine-print">
				<Link to={`${templatePagePath(slug)}/report`}>Report this template</Link>
			</p>
		</div>
	)
}

export default function TemplatePage() {
	const { template, viewer, viewLogged, canonicalUrl, render } = useLoaderData<typeof loader>()
	const category = categoryLabel(template.category)
	return (
		<article className="template-page" aria-labelledby="template-title">
			<ViewBeacon templateId={template.id} alreadyLogged={viewLogged} />
			<nav className="breadcrumbs" aria-label="Breadcrumb">
				<ol>
					<li>
						<Link to="/">Gallery</Link>
					</li>
					{template.category ? (
						<li>
							<Link to={`/?category=${encodeURIComponent(template.category)}`}>{category}</Link>
						</li>
					) : null}
					<li aria-current="page">{template.title}</li>
				</ol>
			</nav>

			{template.status === 'disabled' ? (
				<div className="notice notice-danger" role="note">
					<strong>This template is disabled.</strong> A moderator took it down, so only you{viewer?.isAdmin && !viewer.isOwner ? ' (as a moderator) and its owner' : ''} can see
					it. It is hidden from the gallery, search, the API and the sitemap.
				</div>
			) : null}
			{template.visibility === 'unlisted' ? (
				<div className="notice" role="note">
					<strong>Unlisted.</strong> Only people with the link can see this template; it does not appear in the gallery or in search.
				</div>
			) : null}

			<header className="template-header">
				<p className="eyebrow eyebrow-accent">{category}</p>
				<h1 id="template-title">{template.title}</h1>
				<p className="template-byline">
					<CreatorAvatar name={template.creatorName} image={template.creatorImage} />
					<span>
						by{' '}
						<strong>
							{template.creatorHandle ? (
								<Link className="creator-link" to={creatorProfilePath(template.creatorHandle)}>
									{template.creatorName ?? template.creatorHandle}
								</Link>
							) : (
								(template.creatorName ?? 'a Bazaar creator')
							)}
						</strong>{' '}
						· published{' '}
						<time dateTime={template.createdAt}>{formatDate(template.createdAt)}</time>
					</span>
					{render.status === 'verified' ? (
						<span className="plays-mark" title="Every scene was played in Chromium from start to end without an error">
							<span aria-hidden="true">✓</span> Plays in Bazaar
						</span>
					) : null}
				</p>
				{template.updates[0] ? (
					<p className="template-updated" data-testid="template-version">
						Updated <time dateTime={template.updates[0].createdAt}>{formatDate(template.updates[0].createdAt)}</time> · version {template.version}
					</p>
				) : null}
				{render.failure ? (
					<div className="notice notice-danger" role="note" data-testid="render-failure">
						<strong>Scene {(render.failure.sceneIndex ?? 0) + 1} does not play.</strong> Only you and moderators see this: {render.failure.message}
					</div>
				) : null}
			</header>

			<div className="template-layout">
				<div className="template-main">
					<section className="preview-slot" aria-label="Preview" data-preview-slot data-template-id={template.id}>
						<TemplatePreviews
							templateId={template.id}
							formats={template.formats}
							thumbnailUrl={template.thumbnailUrl}
							version={template.version}
							scenePosters={render.scenePosters}
							scenes={template.scenes.map((scene) => ({ index: scene.index, title: scene.title, duration: scene.duration }))}
						/>
					</section>

					{template.descriptionHtml ? (
						<section className="panel" aria-labelledby="about-title">
							<h2 id="about-title">About this template</h2>
							<div className="prose" dangerouslySetInnerHTML={{ __html: template.descriptionHtml }} />
						</section>
					) : null}

					{template.updates.length > 0 ? (
						<section className="panel" aria-labelledby="versions-title">
							<h2 id="versions-title">What changed</h2>
							<ol className="version-notes" reversed>
								{template.updates.map((update) => (
									<li key={update.version}>
										<strong>Version {update.version}</strong> · <time dateTime={update.createdAt}>{formatDate(update.createdAt)}</time>
										{update.note ? <p className="version-note">{update.note}</p> : null}
									</li>
								))}
							</ol>
						</section>
					) : null}

					<section className="panel" aria-labelledby="scenes-title">
						<h2 id="scenes-title">
							{plural(template.scenes.length, 'scene')} · {formatDuration(template.totalDuration)} in total
						</h2>
						<ol className="scene-list">
							{template.scenes.map((scene) => (
								<li key={scene.index} className="scene-item">
									<span className="scene-number" aria-hidden="true">
										{scene.index + 1}
									</span>
									<span className="scene-title">{scene.title ?? `Scene ${scene.index + 1}`}</span>
									<span className="scene-duration">
										<Icon name="clock" size={14} />
										<span className="visually-hidden">Duration: </span>
										{formatDuration(scene.duration)}
									</span>
								</li>
							))}
						</ol>
					</section>
				</div>

				<aside className="template-aside" aria-label="About and actions">
					<div className="panel panel-sticky">
						<dl className="stat-grid">
							<div>
								<dt>Views</dt>
								<dd>{formatCount(template.viewsCount)}</dd>
							</div>
							<div>
								<dt>Favorites</dt>
								<dd>{formatCount(template.favoritesCount)}</dd>
							</div>
							<div>
								<dt>Uses</dt>
								<dd>{formatCount(template.usesCount)}</dd>
							</div>
						</dl>
						<TemplateActions slug={template.slug} title={template.title} favoritesCount={template.favoritesCount} viewer={viewer} />

						<div className="detail-block">
							<h2 className="detail-heading">Formats</h2>
							<FormatGlyphs formats={template.formats} withLabels />
						</div>
						{template.tags.length > 0 ? (
							<div className="detail-block">
								<h2 className="detail-heading">Tags</h2>
								<ul className="chip-row">
									{template.tags.map((tag) => (
										<li key={tag}>
											<Link className="chip chip-tag" to={galleryHref({ tag })}>
												#{tag}
											</Link>
										</li>
									))}
								</ul>
							</div>
						) : null}
						<div className="detail-block">
							<h2 className="detail-heading">
								<label htmlFor="share-link">Share</label>
							</h2>
							<div className="share-row">
								<input id="share-link" className="input" type="url" readOnly value={canonicalUrl} />
								<a
									className="btn btn-secondary btn-small"
									href={`https://twitter.com/intent/tweet?url=${encodeURIComponent(canonicalUrl)}&text=${encodeURIComponent(template.title)}`}
									rel="noopener noreferrer"
									target="_blank"
								>
									<Icon name="share" size={14} /> Post
									<span className="visually-hidden"> (opens in a new tab)</span>
								</a>
							</div>
						</div>
					</div>
				</aside>
			</div>
		</article>
	)
}

// ---------------------------------------------------------------------------
// The action: intent = favorite | unfavorite | use.
// ---------------------------------------------------------------------------

const TemplateIntentSchema = z.object({
	intent: z.enum(['favorite', 'unfavorite', 'use']),
	/** Where a plain form post comes back to (same-site paths only). */
	returnTo: z.string().max(2048).optional(),
	/** Sent by the enhanced FavoriteButton: answer with JSON instead of a redirect. */
	response: z.literal('json').optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const parsed = TemplateIntentSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) throw invalidInput(parsed.error)
	const { intent, returnTo, response } = parsed.data
	const slug = params.slug ?? ''
	const templateId = await findActiveTemplateId(slug)
	if (!templateId) throw new Response('Not found', { status: 404 })
	const pagePath = templatePagePath(slug)

	const userId = await getUserId(request)
	if (!userId) {
		// Anonymous: sign in first; a favorite is carried in the session and done on sign-in.
		if (intent === 'favorite') return redirectToSignInWithPendingFavorite(request, templateId, pagePath)
		return redirect(loginPath(pagePath))
	}
	const limit = await consumeRateLimit(intent === 'use' ? USE_RATE_LIMIT : FAVORITE_RATE_LIMIT, userId)
	if (!limit.allowed) {
		throw rateLimited('Too many requests. Try again shortly.', limit.retryAfterSeconds)
	}
	const context = requestContext(request, userId)

	if (intent === 'use') {
		const copy = await copyTemplateIntoProject({ userId, templateId, mode: 'use', source: 'community_site', context, siteOrigin: publicOrigin(request) }).catch(
			(error: unknown) => {
				// Disabled between the lookup and the copy: gone, like any disabled template.
				throw error instanceof UseTemplateError ? new Response(error.message, { status: 404 }) : error
			},
		)
		return redirect(editorProjectUrl(copy.projectId))
	}
	const toggle = intent === 'favorite' ? favoriteTemplate : unfavoriteTemplate
	const result = await toggle(userId, templateId, { source: 'community_site', context })
	if (response === 'json') return { favorited: result.favorited, favoritesCount: result.favoritesCount }
	return redirect(safeReturnTo(returnTo, pagePath))
}
