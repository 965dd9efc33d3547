/**
 * Template queries. Public lists only ever show `public` + `active` templates.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { communityTemplateScenes, communityTemplates, users } from '#app/db/schema.ts'

export const isListedTemplate = and(eq(communityTemplates.visibility, 'public'), eq(communityTemplates.status, 'active'))

export interface TemplateCard {
	id: string
	slug: string
	title: string
	category: string | null
	formats: string[]
	thumbnailUrl: string | null
	creatorName: string | null
	sceneCount: number
	totalDuration: number
	viewsCount: number
	favoritesCount: number
	usesCount: number
	createdAt: string
}

export async function listPublicTemplates({ limit = 24, offset = 0 } = {}, database: Database = db): Promise<TemplateCard[]> {
	const rows = await database
		.select({
			id: communityTemplates.id,
			slug: communityTemplates.slug,
			title: communityTemplates.title,
			category: communityTemplates.category,
			formats: communityTemplates.supportedFormats,
			thumbnailUrl: communityTemplates.thumbnailUrl,
			creatorName: users.name,
			sceneCount: sql<number>`(select count(*)::int from ${communityTemplateScenes} s where s.template_id = ${communityTemplates.id})`,
			totalDuration: sql<number>`(select coalesce(sum(s.duration), 0)::int from ${communityTemplateScenes} s where s.template_id = ${communityTemplates.id})`,
			viewsCount: communityTemplates.viewsCount,
			favoritesCount: communityTemplates.favoritesCount,
			usesCount: communityTemplates.usesCount,
			createdAt: communityTemplates.createdAt,
		})
		.from(communityTemplates)
		.leftJoin(users, eq(users.id, communityTemplates.ownerUserId))
		.where(isListedTemplate)
		.orderBy(desc(communityTemplates.favoritesCount), desc(communityTemplates.createdAt))
		.limit(limit)
		.offset(offset)
	return rows.map((row) => ({ ...row, formats: row.formats ?? [], createdAt: row.createdAt.toISOString() }))
}
