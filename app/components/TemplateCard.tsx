import { Link } from '@remix-run/react'
import { formatCount, formatDuration, plural } from '#app/utils/format.ts'
import { FormatGlyphs } from './FormatGlyphs.tsx'
import { Icon } from './Icon.tsx'
import { CardPoster } from './CardPoster.tsx'
import type { TemplateCardSummary } from '#app/models/template.server.ts'
import { categoryLabel } from '#app/vocabulary.ts'
import { creatorProfilePath, templatePagePath } from '#app/utils/page-urls.ts'

/** A gallery card. The whole card is clickable through the title link (`.card-link::after`). */
export function TemplateCard({ template, source = 'gallery' }: { template: TemplateCardSummary; source?: string }) {
	return (
		<article className="template-card">
			<div className="template-card-media">
				<CardPoster id={template.id} title={template.title} category={template.category} thumbnailUrl={template.thumbnailUrl} srcSet={template.render.posterSrcSet} motionUrl={template.render.motionUrl} />
				{template.render.status === 'verified' ? (
					<span className="badge badge-dark template-card-plays" title="Every scene was played from start to end without an error">
						✓ Plays in Bazaar
					</span>
				) : null}
				<span className="badge badge-dark template-card-duration">
					<Icon name="clock" size={12} />
					<span className="visually-hidden">Duration </span>
					{formatDuration(template.totalDuration)}
				</span>
			</div>
			<div className="template-card-body">
				<p className="eyebrow">{categoryLabel(template.category)}</p>
				<h2 className="template-card-title">
					<Link className="card-link" to={`${templatePagePath(template.slug)}?ref=${source}`}>
						{template.title}
					</Link>
				</h2>
				<p className="template-card-creator">
					by{' '}
					{template.creatorHandle ? (
						<Link className="creator-link" to={creatorProfilePath(template.creatorHandle)}>
							{template.creatorName ?? template.creatorHandle}
						</Link>
					) : (
						(template.creatorName ?? 'a Bazaar creator')
					)}
				</p>
				<div className="template-card-footer">
					<ul className="stat-list" aria-label="Usage">
						<li title="Views">
							<Icon name="eye" size={14} />
							<span className="visually-hidden">Views: </span>
							{formatCount(template.viewsCount)}
						</li>
						<li title="Favorites">
							<Icon name="heart" size={14} />
							<span className="visually-hidden">Favorites: </span>
							{formatCount(template.favoritesCount)}
						</li>
						<li title="Uses">
							<Icon name="download" size={14} />
							<span className="visually-hidden">Uses: </span>
							{formatCount(template.usesCount)}
						</li>
					</ul>
					<span className="template-card-scenes">
						<Icon name="layers" size={14} />
						{plural(template.sceneCount, 'scene')}
					</span>
				</div>
				<FormatGlyphs formats={template.formats} />
			</div>
		</article>
	)
}

