/**
 * The one way a creator's project scenes become a template's scenes, shared by
 * publishing (`publish.server.ts`) and by updating a template's scenes
 * (`template-version.server.ts`), so both check, limit and store alike:
 *
 * 1. ownership of the project, and the choice of its live scenes (all, in
 *    project order, when none is chosen; the editor's soft-deleted scenes do
 *    not exist for us);
 * 2. every scene through the shared TSX validator (`app/utils/tsx-validator.ts`);
 *    a failing scene is named with its position and each problem's line and column;
 * 3. the rate limit, spent only once everything is valid;
 * 4. the remote media the scenes show, copied (`copySceneMedia`) before any
 *    transaction so no connection waits on a remote server.
 *
 * What passes comes back as snapshots; the caller writes them in its own
 * transaction with `templateSceneRows`. Nothing here writes a template.
 */
import { and, asc, eq } from 'drizzle-orm'
import { z } from 'zod'
import { type Database, db } from '#app/db/client.server.ts'
import { communityTemplateScenes, projects, scenes } from '#app/db/schema.ts'
import { sha256Hex } from '#app/utils/ids.ts'
import { type RateLimitRule, consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { type SceneInput, type SceneProblem, validateTemplateScenes } from '#app/utils/tsx-validator.ts'
import { isLiveScene } from './project.server.ts'
import { type MediaCopyFailure, copySceneMedia } from './scene-media.server.ts'

/** The scene checker: the shared TSX validator by default; tests may pass another with the same shape. */
export type ValidateScenes = (scenes: SceneInput[]) => { ok: boolean; problems: SceneProblem[] }

export type QuotaCheck = () => Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>

/** Per user, shared by publishing and updating: both copy media and write every scene. */
export const PUBLISHING_RATE_LIMITS: RateLimitRule[] = [
	{ name: 'publish-hour', points: 5, durationSeconds: 60 * 60 },
	{ name: 'publish-day', points: 20, durationSeconds: 24 * 60 * 60 },
]

/** Spends one publish or update of this user's quota (hourly and daily). */
export function publishingQuota(userId: string): QuotaCheck {
	return async () => {
		for (const rule of PUBLISHING_RATE_LIMITS) {
			const spent = await consumeRateLimit(rule, userId)
			if (!spent.allowed) return spent
		}
		return { allowed: true }
	}
}

/** The sentence a refused creator reads next to the form: how long to wait, and until when (UTC). */
export function publishingWaitMessage(retryAfterSeconds: number, action: 'publish' | 'update', now = new Date()) {
	const at = new Date(now.getTime() + retryAfterSeconds * 1000)
	const minutes = Math.ceil(retryAfterSeconds / 60)
	const wait = minutes >= 90 ? `${Math.ceil(minutes / 60)} hours` : `${minutes} minute${minutes === 1 ? '' : 's'}`
	const done = action === 'publish' ? 'published' : 'published or updated templates'
	return `You have ${done} a lot recently. You can ${action} again in ${wait} (at ${at.toISOString().slice(11, 16)} UTC).`
}

/** The form fields that choose scenes, when publishing and when updating: `projectId`, then `sceneIds` repeated in order. */
export const SceneChoiceSchema = z.object({
	projectId: z.uuid({ error: 'Choose one of your projects' }),
	sceneIds: z.array(z.uuid({ error: 'Unknown scene' })).max(50, 'Too many scenes'),
})

/** The raw scene choice of a posted form, for `SceneChoiceSchema` and for filling the form again. */
export function sceneChoiceFromForm(form: FormData) {
	return {
		projectId: form.get('projectId') ?? undefined,
		sceneIds: form.getAll('sceneIds').filter((value): value is string => typeof value === 'string'),
	}
}

export interface SceneSource {
	ownerUserId: string
	projectId: string
	/** In the chosen order; all the project's live scenes (in project order) when absent or empty. */
	sceneIds?: string[]
}

export interface FailingScene {
	sceneId: string
	/** 1-based position in the template. */
	position: number
	name: string
	problems: Array<Pick<SceneProblem, 'line' | 'column' | 'message'>>
}

export type SceneSnapshotFailure =
	| { ok: false; reason: 'project_not_found' }
	| { ok: false; reason: 'invalid_scenes'; message: string }
	| { ok: false; reason: 'scene_errors'; scenes: FailingScene[] }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }

/** A scene as a template stores it: a copy of the project scene at this moment. */
export interface SceneSnapshot {
	title: string
	tsxCode: string
	duration: number
	previewFrame: number
	codeHash: string
}

export function previewFrameFor(duration: number) {
	return Math.max(0, Math.floor(duration / 2))
}

type ProjectScene = typeof scenes.$inferSelect

/** Steps 1 to 4 above; on success the snapshots, in template order, with their media copied. */
export async function prepareSceneSnapshots(
	source: SceneSource,
	{ validateScenes = validateTemplateScenes, checkQuota }: { validateScenes?: ValidateScenes; checkQuota?: QuotaCheck } = {},
	database: Database = db,
): Promise<{ ok: true; projectId: string; snapshots: SceneSnapshot[] } | SceneSnapshotFailure> {
	const checked = await checkScenes(source, validateScenes, database)
	if (!checked.ok) return checked

	if (checkQuota) {
		const quota = await checkQuota()
		if (!quota.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: quota.retryAfterSeconds }
	}

	const media = await copySceneMedia(checked.picked.map((scene) => ({ name: scene.name, tsxCode: scene.tsxCode })), database)
	if (!media.ok) return { ok: false, reason: 'scene_errors', scenes: mediaFailuresByScene(checked.picked, media.failures) }

	return {
		ok: true,
		projectId: checked.projectId,
		snapshots: checked.picked.map((scene) => ({
			title: scene.name,
			tsxCode: scene.tsxCode,
			duration: scene.duration,
			previewFrame: previewFrameFor(scene.duration),
			codeHash: sha256Hex(scene.tsxCode),
		})),
	}
}

/** The `community_template_scenes` rows of these snapshots, indexed from 0 in order. */
export function templateSceneRows(templateId: string, snapshots: SceneSnapshot[]): Array<typeof communityTemplateScenes.$inferInsert> {
	return snapshots.map((snapshot, sceneIndex) => ({ templateId, sceneIndex, ...snapshot }))
}

/** Ownership, the choice of scenes and each scene's code; what passes is exactly what gets stored. */
async function checkScenes(
	source: SceneSource,
	validateScenes: ValidateScenes,
	database: Database,
): Promise<{ ok: true; projectId: string; picked: ProjectScene[] } | SceneSnapshotFailure> {
	const [project] = await database
		.select({ id: projects.id })
		.from(projects)
		.where(and(eq(projects.id, source.projectId), eq(projects.userId, source.ownerUserId)))
	if (!project) return { ok: false, reason: 'project_not_found' }

	const projectScenes = await database
		.select()
		.from(scenes)
		.where(and(eq(scenes.projectId, project.id), isLiveScene))
		.orderBy(asc(scenes.order), asc(scenes.createdAt))
	const wanted = source.sceneIds?.length ? source.sceneIds : projectScenes.map((scene) => scene.id)
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
