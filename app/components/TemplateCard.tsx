import { Link } from '@remix-run/react'
import { formatCount, formatDuration, plural } from '#app/utils/format.ts'
import { FormatGlyphs } from './FormatGlyphs.tsx'
import { CardPoster } from './CardPoster.tsx'
import type { TemplateCardSummary } from '#app/models/template.server.ts'
import { categoryLabel } from '#app/vocabulary.ts'
import { creatorProfilePath, templatePagePath } from '#app/utils/page-urls.ts'

/**
 * A gallery card. The whole card is clickable through the title link
 * (`.card-link::after`). A gallery page holds 24 of these, so the markup is
 * lean: the badges and counts are drawn for the eye (their icons by the
 * stylesheet, `.stat-*::before`) and hidden from screen readers, which read
 * the same facts once, as a sentence.
 */
export function TemplateCard({ template, source = 'gallery', priority = false }: { template: TemplateCardSummary; source?: string; /** The grid's first card (CardPoster). */ priority?: boolean }) {
	const duration = formatDuration(template.totalDuration)
	const views = formatCount(template.viewsCount)
	const favorites = formatCount(template.favoritesCount)
	const uses = formatCount(template.usesCount)
	const scenes = plural(template.sceneCount, 'scene')
	return (
		<article className="template-card">
			<CardPoster id={template.id} title={template.title} category={template.category} thumbnailUrl={template.thumbnailUrl} posterLargeUrl={template.posterLargeUrl} motionUrl={template.motionUrl} priority={priority}>
				{template.verified ? (
					// What the mark means is told once, on the template page, not in a tooltip on every card.
					<span className="badge badge-dark card-plays">✓ Plays in Bazaar</span>
				) : null}
				<span className="badge badge-dark card-duration">{duration}</span>
			</CardPoster>
			<div className="card-body">
				<p className="eyebrow">{categoryLabel(template.category)}</p>
				<h2 className="template-card-title">
					<Link className="card-link" to={`${templatePagePath(template.slug)}?ref=${source}`}>
						{template.title}
					</Link>
				</h2>
				<p className="card-creator">
					{'by '}
					{template.creatorHandle ? (
						<Link className="creator-link" to={creatorProfilePath(template.creatorHandle)} discover="none">
							{template.creatorName ?? template.creatorHandle}
						</Link>
					) : (
						(template.creatorName ?? 'a Bazaar creator')
					)}
				</p>
				<p className="visually-hidden">{`${template.verified ? 'Plays in Bazaar. ' : ''}${duration}, ${scenes}. ${views} views, ${favorites} favorites, ${uses} uses.`}</p>
				<div className="card-footer" aria-hidden="true">
					<span className="stat-list">
						<span className="stat-views">
							{views}
						</span>
						<span className="stat-favorites">
							{favorites}
						</span>
						<span className="stat-uses">
							{uses}
						</span>
					</span>
					<span className="card-scenes">{scenes}</span>
				</div>
				<FormatGlyphs formats={template.formats} />
			</div>
		</article>
	)
}
