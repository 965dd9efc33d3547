/**
 * Publishing: a creator turns one of their projects (all its scenes, or the
 * chosen ones in the chosen order) into a template. Everything is checked
 * first (ownership, scenes, each scene's code, the rate limit), then the
 * remote media the scenes show are copied (`copySceneMedia`), then the
 * template and its scene snapshots are written in ONE transaction: nothing
 * is ever half-saved.
 *
 * Scene rules (compiles, default export, size, duration, forbidden escapes)
 * live in one place, the TSX validator (`app/utils/tsx-validator.ts`); this
 * module only names the failing scenes.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { communityTemplateScenes, communityTemplates, projects, scenes } from '#app/db/schema.ts'
import { sha256Hex } from '#app/utils/ids.ts'
import { type SceneInput, type SceneProblem, validateTemplateScenes } from '#app/utils/tsx-validator.ts'
import { type MediaCopyFailure, copySceneMedia } from './scene-media.server.ts'
import { type TemplateMetadata, metadataColumns } from './template-metadata.ts'
import { isUniqueViolation, uniqueTemplateSlug } from './template-slug.server.ts'

/** The scene checker: the shared TSX validator by default; tests may pass another with the same shape. */
export type ValidateScenes = (scenes: SceneInput[]) => { ok: boolean; problems: SceneProblem[] }

export type QuotaCheck = () => Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>

export interface PublishInput {
	ownerUserId: string
	projectId: string
	/** In the chosen order; all the project's scenes (in project order) when absent or empty. */
	sceneIds?: string[]
	metadata: TemplateMetadata
}

export interface FailingScene {
	sceneId: string
	/** 1-based position in the template. */
	position: number
	name: string
	problems: Array<Pick<SceneProblem, 'line' | 'column' | 'message'>>
}

export type PublishResult =
	| { ok: true; template: { id: string; slug: string } }
	| { ok: false; reason: 'project_not_found' }
	| { ok: false; reason: 'invalid_scenes'; message: string }
	| { ok: false; reason: 'scene_errors'; scenes: FailingScene[] }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }

export function previewFrameFor(duration: number) {
	return Math.max(0, Math.floor(duration / 2))
}

/** The user's projects with their scenes (project order), newest project first, for the publish form. */
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
		.where(inArray(scenes.projectId, owned.map((project) => project.id)))
		.orderBy(asc(scenes.order), asc(scenes.createdAt))
	return owned.map((project) => ({ ...project, scenes: sceneRows.filter((scene) => scene.projectId === project.id) }))
}

export async function publishTemplate(
	input: PublishInput,
	{ validateScenes = validateTemplateScenes, checkQuota }: { validateScenes?: ValidateScenes; checkQuota?: QuotaCheck } = {},
	database: Database = db,
): Promise<PublishResult> {
	const checked = await checkScenes(input, validateScenes, database)
	if (!checked.ok) return checked

	if (checkQuota) {
		const quota = await checkQuota()
		if (!quota.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: quota.retryAfterSeconds }
	}

	// Network fetches happen before the transaction, so no connection waits on a remote server.
	const media = await copySceneMedia(checked.picked.map((scene) => ({ name: scene.name, tsxCode: scene.tsxCode })), database)
	if (!media.ok) return { ok: false, reason: 'scene_errors', scenes: mediaFailuresByScene(checked.picked, media.failures) }

	for (let attempt = 0; ; attempt++) {
		try {
			return await database.transaction(async (tx) => insertTemplate(input, checked.projectId, checked.picked, tx))
		} catch (error) {
			// Someone took the same clean slug between our read and our insert: pick again.
			if (attempt < 3 && isUniqueViolation(error)) continue
			throw error
		}
	}
}

type ProjectScene = typeof scenes.$inferSelect

/** Ownership, the choice of scenes and each scene's code; what passes is exactly what gets published. */
async function checkScenes(
	input: PublishInput,
	validateScenes: ValidateScenes,
	database: Database,
): Promise<{ ok: true; projectId: string; picked: ProjectScene[] } | Extract<PublishResult, { ok: false }>> {
	const [project] = await database
		.select({ id: projects.id })
		.from(projects)
		.where(and(eq(projects.id, input.projectId), eq(projects.userId, input.ownerUserId)))
	if (!project) return { ok: false, reason: 'project_not_found' }

	const projectScenes = await database.select().from(scenes).where(eq(scenes.projectId, project.id)).orderBy(asc(scenes.order), asc(scenes.createdAt))
	const wanted = input.sceneIds?.length ? input.sceneIds : projectScenes.map((scene) => scene.id)
	if (new Set(wanted).size !== wanted.length) return { ok: false, reason: 'invalid_scenes', message: 'A scene was chosen twice.' }
	const byId = new Map(projectScenes.map((scene) => [scene.id, scene]))
	const chosen = wanted.map((id) => byId.get(id))
	if (chosen.some((scene) => !scene)) return { ok: false, reason: 'invalid_scenes', message: 'Choose scenes of this project.' }
	if (chosen.length === 0) return { ok: false, reason: 'invalid_scenes', message: 'This project has no scenes to publish.' }
	const picked = chosen as ProjectScene[]
	const validation = validateScenes(picked.map((scene) => ({ tsxCode: scene.tsxCode, duration: scene.duration, previewFrame: previewFrameFor(scene.duration) })))
	if (!validation.ok) {
		const templateLevel = validation.problems.filter((problem) => problem.sceneIndex === undefined)
		if (templateLevel.length > 0) return { ok: false, reason: 'invalid_scenes', message: templateLevel.map((problem) => problem.message).join('. ') }
		const failing: FailingScene[] = []
		picked.forEach((scene, index) => {
			const problems = validation.problems.filter((problem) => problem.sceneIndex === index)
			if (problems.length === 0) return
			failing.push({
				sceneId: scene.id,
				position: index + 1,
				name: scene.name,
				// The validator prefixes "Scene N: "; the page names the scene itself.
				problems: problems.map(({ line, column, message }) => ({ line, column, message: message.replace(/^Scene \d+: /, '') })),
			})
		})
		return { ok: false, reason: 'scene_errors', scenes: failing }
	}
	return { ok: true, projectId: project.id, picked }
}

/** Media that could not be copied, as failing scenes: each names the scene and the URL. */
function mediaFailuresByScene(picked: ProjectScene[], failures: MediaCopyFailure[]): FailingScene[] {
	return picked.flatMap((scene, index) => {
		const own = failures.filter((failure) => failure.sceneIndex === index)
		if (own.length === 0) return []
		return [{ sceneId: scene.id, position: index + 1, name: scene.name, problems: own.map((failure) => ({ message: failure.message })) }]
	})
}

async function insertTemplate(input: PublishInput, projectId: string, picked: ProjectScene[], tx: Database): Promise<PublishResult> {
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
	await tx.insert(communityTemplateScenes).values(
		picked.map((scene, index) => ({
			templateId: template!.id,
			sceneIndex: index,
			title: scene.name,
			tsxCode: scene.tsxCode,
			duration: scene.duration,
			previewFrame: previewFrameFor(scene.duration),
			codeHash: sha256Hex(scene.tsxCode),
		})),
	)
	return { ok: true, template: template! }
}
