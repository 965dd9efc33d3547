/**
 * Publishing: a creator turns one of their projects (all its scenes, or the
 * chosen ones in the chosen order) into a template. Everything is checked
 * first (ownership, scenes, each scene's code, the rate limit), then the
 * template and its scene snapshots are written in ONE transaction: nothing
 * is ever half-saved.
 *
 * Scene checking is passed in (`validateScene`), so the rules live in one
 * place (the TSX validator) and this module only names the failing scene.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import { transform } from 'sucrase'
import { type Database, db } from '#app/db/client.server.ts'
import { communityTemplateScenes, communityTemplates, projects, scenes } from '#app/db/schema.ts'
import { sha256Hex } from '#app/utils/ids.ts'
import { type TemplateMetadata, metadataColumns } from './template-metadata.ts'
import { isUniqueViolation, uniqueTemplateSlug } from './template-slug.server.ts'

export const MAX_SCENES_PER_TEMPLATE = 20

export interface SceneProblem {
	line: number
	column: number
	message: string
}
export type SceneValidation = { ok: true } | { ok: false; problems: SceneProblem[] }
export type ValidateSceneCode = (tsxCode: string) => SceneValidation | Promise<SceneValidation>

/**
 * Interim check until the shared TSX validator (app/utils/tsx-validator.ts)
 * lands: the scene must compile and export a default component.
 */
export const compileCheckScene: ValidateSceneCode = (tsxCode) => {
	try {
		transform(tsxCode, { transforms: ['typescript', 'jsx', 'imports'], jsxRuntime: 'classic', production: true })
	} catch (error) {
		const loc = (error as { loc?: { line: number; column: number } }).loc
		const message = error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, '') : 'Does not compile'
		return { ok: false, problems: [{ line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, message }] }
	}
	if (!/\bexport\s+default\b/.test(tsxCode)) {
		return { ok: false, problems: [{ line: 1, column: 1, message: 'The scene must export a default component (export default function Scene() {…})' }] }
	}
	return { ok: true }
}

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
	problems: SceneProblem[]
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
	{ validateScene, checkQuota }: { validateScene: ValidateSceneCode; checkQuota?: QuotaCheck },
	database: Database = db,
): Promise<PublishResult> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await database.transaction(async (tx) => publishInTransaction(input, validateScene, attempt === 0 ? checkQuota : undefined, tx))
		} catch (error) {
			// Someone took the same clean slug between our read and our insert: pick again.
			if (attempt < 3 && isUniqueViolation(error)) continue
			throw error
		}
	}
}

async function publishInTransaction(input: PublishInput, validateScene: ValidateSceneCode, checkQuota: QuotaCheck | undefined, tx: Database): Promise<PublishResult> {
	const [project] = await tx
		.select({ id: projects.id })
		.from(projects)
		.where(and(eq(projects.id, input.projectId), eq(projects.userId, input.ownerUserId)))
	if (!project) return { ok: false, reason: 'project_not_found' }

	const projectScenes = await tx.select().from(scenes).where(eq(scenes.projectId, project.id)).orderBy(asc(scenes.order), asc(scenes.createdAt))
	const wanted = input.sceneIds?.length ? input.sceneIds : projectScenes.map((scene) => scene.id)
	if (new Set(wanted).size !== wanted.length) return { ok: false, reason: 'invalid_scenes', message: 'A scene was chosen twice.' }
	const byId = new Map(projectScenes.map((scene) => [scene.id, scene]))
	const chosen = wanted.map((id) => byId.get(id))
	if (chosen.some((scene) => !scene)) return { ok: false, reason: 'invalid_scenes', message: 'Choose scenes of this project.' }
	if (chosen.length === 0) return { ok: false, reason: 'invalid_scenes', message: 'This project has no scenes to publish.' }
	if (chosen.length > MAX_SCENES_PER_TEMPLATE) {
		return { ok: false, reason: 'invalid_scenes', message: `A template can have at most ${MAX_SCENES_PER_TEMPLATE} scenes.` }
	}

	const failing: FailingScene[] = []
	for (const [index, scene] of (chosen as NonNullable<(typeof chosen)[number]>[]).entries()) {
		const result = await validateScene(scene.tsxCode)
		if (!result.ok) failing.push({ sceneId: scene.id, position: index + 1, name: scene.name, problems: result.problems })
	}
	if (failing.length > 0) return { ok: false, reason: 'scene_errors', scenes: failing }

	if (checkQuota) {
		const quota = await checkQuota()
		if (!quota.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: quota.retryAfterSeconds }
	}

	const { metadata } = input
	const slug = await uniqueTemplateSlug(metadata.title, metadata.visibility, tx)
	const [template] = await tx
		.insert(communityTemplates)
		.values({
			...metadataColumns(metadata),
			slug,
			status: 'active',
			ownerUserId: input.ownerUserId,
			sourceProjectId: project.id,
		})
		.returning({ id: communityTemplates.id, slug: communityTemplates.slug })
	await tx.insert(communityTemplateScenes).values(
		(chosen as NonNullable<(typeof chosen)[number]>[]).map((scene, index) => ({
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
