/**
 * Updating a published template's scenes, keeping its history.
 *
 * The owner picks a project and scenes (as when publishing) and writes a note;
 * the scenes go through the path publishing uses (`prepareSceneSnapshots`:
 * ownership, the TSX validator, the publishing quota, media copy). Then ONE
 * transaction copies the current scenes into `community_template_version_scenes`
 * under the outgoing version, puts the new snapshots in
 * `community_template_scenes`, and records the new version (number + 1, note,
 * scene count). The template row keeps its id, slug, counters and events, so
 * favorites, uses, views and metrics carry over; projects made by "use" hold
 * their own copies of the scenes and never change. The thumbnail pictured the
 * old scenes, so it is cleared (`npm run posters` renders the new ones).
 *
 * A template that was never updated has no version rows and is version 1; its
 * first update writes the row for version 1 (dated when it was published).
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { communityTemplateScenes, communityTemplateVersionScenes, communityTemplateVersions, communityTemplates } from '#app/db/schema.ts'
import { type QuotaCheck, type SceneSnapshot, type SceneSnapshotFailure, type ValidateScenes, prepareSceneSnapshots, templateSceneRows } from './scene-snapshots.server.ts'
import { templateContentChanged } from './template-changes.server.ts'

export interface TemplateVersionSummary {
	version: number
	/** ISO 8601. */
	createdAt: string
	note: string | null
	sceneCount: number
}

export interface UpdateScenesInput {
	ownerUserId: string
	templateId: string
	projectId: string
	/** In the chosen order; all the project's live scenes when absent or empty. */
	sceneIds?: string[]
	note: string | null
}

export type UpdateScenesResult = { ok: true; version: number } | { ok: false; reason: 'template_not_found' } | SceneSnapshotFailure

export async function updateTemplateScenes(
	input: UpdateScenesInput,
	options: { validateScenes?: ValidateScenes; checkQuota?: QuotaCheck } = {},
	database: Database = db,
): Promise<UpdateScenesResult> {
	// Someone else's template, or none: refused before anything is checked or spent.
	if (!(await ownsTemplate(input.ownerUserId, input.templateId, database))) return { ok: false, reason: 'template_not_found' }
	const prepared = await prepareSceneSnapshots(input, options, database)
	if (!prepared.ok) return prepared
	const version = await database.transaction((tx) => replaceScenes(input, prepared.projectId, prepared.snapshots, tx))
	if (version === null) return { ok: false, reason: 'template_not_found' }
	await templateContentChanged({ templateId: input.templateId, ownerUserId: input.ownerUserId, kind: 'scenes-updated' }, database)
	return { ok: true, version }
}

async function ownsTemplate(ownerUserId: string, templateId: string, database: Database) {
	const [row] = await database
		.select({ id: communityTemplates.id })
		.from(communityTemplates)
		.where(and(eq(communityTemplates.id, templateId), eq(communityTemplates.ownerUserId, ownerUserId)))
		.limit(1)
	return Boolean(row)
}

/** The new version's number, or null when the template is no longer the user's. */
async function replaceScenes(input: UpdateScenesInput, projectId: string, snapshots: SceneSnapshot[], tx: Database): Promise<number | null> {
	// Locks the template: two updates at once become one after the other, each with its own number.
	const [template] = await tx
		.select({ id: communityTemplates.id, createdAt: communityTemplates.createdAt })
		.from(communityTemplates)
		.where(and(eq(communityTemplates.id, input.templateId), eq(communityTemplates.ownerUserId, input.ownerUserId)))
		.for('update')
	if (!template) return null

	const current = await tx.select().from(communityTemplateScenes).where(eq(communityTemplateScenes.templateId, template.id))
	const [latest] = await tx
		.select({ id: communityTemplateVersions.id, version: communityTemplateVersions.version })
		.from(communityTemplateVersions)
		.where(eq(communityTemplateVersions.templateId, template.id))
		.orderBy(desc(communityTemplateVersions.version))
		.limit(1)
	const outgoing =
		latest ??
		(
			await tx
				.insert(communityTemplateVersions)
				.values({ templateId: template.id, version: 1, note: null, sceneCount: current.length, createdAt: template.createdAt })
				.returning({ id: communityTemplateVersions.id, version: communityTemplateVersions.version })
		)[0]!

	if (current.length > 0) {
		await tx.insert(communityTemplateVersionScenes).values(
			current.map((scene) => ({
				versionId: outgoing.id,
				sceneIndex: scene.sceneIndex,
				title: scene.title,
				tsxCode: scene.tsxCode,
				duration: scene.duration,
				previewFrame: scene.previewFrame,
				codeHash: scene.codeHash,
				createdAt: scene.createdAt,
			})),
		)
	}
	await tx.delete(communityTemplateScenes).where(eq(communityTemplateScenes.templateId, template.id))
	await tx.insert(communityTemplateScenes).values(templateSceneRows(template.id, snapshots))

	const next = outgoing.version + 1
	await tx.insert(communityTemplateVersions).values({ templateId: template.id, version: next, note: input.note, sceneCount: snapshots.length })
	await tx
		.update(communityTemplates)
		// The thumbnail (a poster of the old first scene, or the creator's picture of it) no longer shows the template.
		.set({ sourceProjectId: projectId, thumbnailUrl: null, updatedAt: sql`now()` })
		.where(eq(communityTemplates.id, template.id))
	return next
}

/**
 * A template's versions, newest first, with the current number. Versions are
 * read from their own rows (no scene is read); a template never updated has
 * none and is version 1 as published: `fallback` describes it.
 */
export async function listTemplateVersions(
	templateId: string,
	fallback?: { createdAt: string | Date; sceneCount: number },
	database: Database = db,
): Promise<{ version: number; versions: TemplateVersionSummary[] }> {
	const rows = await database
		.select({
			version: communityTemplateVersions.version,
			createdAt: communityTemplateVersions.createdAt,
			note: communityTemplateVersions.note,
			sceneCount: communityTemplateVersions.sceneCount,
		})
		.from(communityTemplateVersions)
		.where(eq(communityTemplateVersions.templateId, templateId))
		.orderBy(desc(communityTemplateVersions.version))
	if (rows.length > 0) {
		const versions = rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }))
		return { version: versions[0]!.version, versions }
	}
	const published = fallback ?? (await publishedAs(templateId, database))
	if (!published) return { version: 1, versions: [] }
	return { version: 1, versions: [{ version: 1, createdAt: new Date(published.createdAt).toISOString(), note: null, sceneCount: published.sceneCount }] }
}

async function publishedAs(templateId: string, database: Database) {
	const [row] = await database
		.select({
			createdAt: communityTemplates.createdAt,
			sceneCount: sql<number>`(select count(*)::int from ${communityTemplateScenes} s where s.template_id = ${communityTemplates}.id)`,
		})
		.from(communityTemplates)
		.where(eq(communityTemplates.id, templateId))
	return row ? { createdAt: row.createdAt, sceneCount: Number(row.sceneCount) } : null
}
