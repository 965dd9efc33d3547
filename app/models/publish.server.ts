/**
 * Publishing: a creator turns one of their projects (all its scenes, or the
 * chosen ones in the chosen order) into a template. The scenes are checked,
 * limited and their media copied by the path publishing shares with updates
 * (`prepareSceneSnapshots` in `scene-snapshots.server.ts`); then the template
 * and its scene snapshots are written in ONE transaction: nothing is ever
 * half-saved.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { communityTemplateScenes, communityTemplates, projects, scenes } from '#app/db/schema.ts'
import { isLiveScene } from './project.server.ts'
import { type QuotaCheck, type SceneSnapshot, type SceneSnapshotFailure, type ValidateScenes, prepareSceneSnapshots, templateSceneRows } from './scene-snapshots.server.ts'
import { type TemplateMetadata, metadataColumns } from './template-metadata.ts'
import { templateContentChanged } from './template-changes.server.ts'
import { isUniqueViolation, uniqueTemplateSlug } from './template-slug.server.ts'

export interface PublishInput {
	ownerUserId: string
	projectId: string
	/** In the chosen order; all the project's scenes (in project order) when absent or empty. */
	sceneIds?: string[]
	metadata: TemplateMetadata
}

export type PublishResult = { ok: true; template: { id: string; slug: string } } | SceneSnapshotFailure

/** The user's projects with their live scenes (project order), by title, for the forms that pick scenes (publish, update). */
export async function listProjectsForPublishing(userId: string, database: Database = db) {
	const owned = await database
		.select({ id: projects.id, title: projects.title, updatedAt: projects.updatedAt })
		.from(projects)
		.where(eq(projects.userId, userId))
		.orderBy(asc(projects.title))
	if (owned.length === 0) return []
	const sceneRows = await database
		.select({ id: scenes.id, projectId: scenes.projectId, name: scenes.name, order: scenes.order, duration: scenes.duration })
		.from(scenes)
		.where(and(inArray(scenes.projectId, owned.map((project) => project.id)), isLiveScene))
		.orderBy(asc(scenes.order), asc(scenes.createdAt))
	return owned.map((project) => ({ ...project, scenes: sceneRows.filter((scene) => scene.projectId === project.id) }))
}

export async function publishTemplate(
	input: PublishInput,
	options: { validateScenes?: ValidateScenes; checkQuota?: QuotaCheck } = {},
	database: Database = db,
): Promise<PublishResult> {
	const prepared = await prepareSceneSnapshots(input, options, database)
	if (!prepared.ok) return prepared
	const template = await insertWithFreshSlug(input, prepared.projectId, prepared.snapshots, database)
	await templateContentChanged({ templateId: template.id, ownerUserId: input.ownerUserId, kind: 'published' }, database)
	return { ok: true, template }
}

async function insertWithFreshSlug(input: PublishInput, projectId: string, snapshots: SceneSnapshot[], database: Database) {
	for (let attempt = 0; ; attempt++) {
		try {
			return await database.transaction(async (tx) => insertTemplate(input, projectId, snapshots, tx))
		} catch (error) {
			// Someone took the same clean slug between our read and our insert: pick again.
			if (attempt < 3 && isUniqueViolation(error)) continue
			throw error
		}
	}
}

async function insertTemplate(input: PublishInput, projectId: string, snapshots: SceneSnapshot[], tx: Database) {
	const { metadata } = input
	const slug = await uniqueTemplateSlug(metadata.title, metadata.visibility, tx)
	const [template] = await tx
		.insert(communityTemplates)
		.values({
			...metadataColumns(metadata),
			slug,
			status: 'active',
			ownerUserId: input.ownerUserId,
			sourceProjectId: projectId,
		})
		.returning({ id: communityTemplates.id, slug: communityTemplates.slug })
	await tx.insert(communityTemplateScenes).values(templateSceneRows(template!.id, snapshots))
	return template!
}
