/**
 * The JSON shapes of `GET /api/v1/templates` (list items) and
 * `GET /api/v1/templates/:idOrSlug` (an item plus visibility, status, scenes).
 * docs/gallery.md documents them for the widget and other integrations.
 */
import type { TemplateSummary } from './template.server.ts'
import { creatorProfileUrl, templatePageUrl } from '#app/utils/page-urls.ts'

/** A list item (also the head of the single-template answer). */
export function templateListItemJson(template: TemplateSummary, origin: string) {
	return {
		id: template.id,
		slug: template.slug,
		title: template.title,
		description: template.description,
		category: template.category,
		tags: template.tags,
		formats: template.formats,
		thumbnailUrl: template.thumbnailUrl,
		socialImageUrl: template.render.socialImageUrl ? `${origin}${template.render.socialImageUrl}` : null,
		motionUrl: template.render.motionUrl ? `${origin}${template.render.motionUrl}` : null,
		render: { status: template.render.status },
		creatorName: template.creatorName,
		creatorHandle: template.creatorHandle,
		creatorUrl: template.creatorHandle ? creatorProfileUrl(origin, template.creatorHandle) : null,
		sceneCount: template.sceneCount,
		totalDuration: template.totalDuration,
		viewsCount: template.viewsCount,
		favoritesCount: template.favoritesCount,
		usesCount: template.usesCount,
		createdAt: template.createdAt,
		updatedAt: template.updatedAt,
		url: templatePageUrl(origin, template.slug),
	}
}

