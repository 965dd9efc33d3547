/**
 * Projects and scenes in the editor's tables, and "use template": copying a
 * template's scenes into a project of the user's. One transaction does the
 * project (new, named after the template and unique per user, or an existing
 * one of theirs), the scenes, the project's `revision` bump the editor watches,
 * the `use`/`mix` event and the `uses_count` bump. Scenes the editor
 * soft-deleted (`deleted_at` set) do not exist as far as we are concerned.
 */
import { and, asc, eq, isNull, max, type SQL, sql } from 'drizzle-orm'
import { type Database, db, queryRows } from '#app/db/client.server.ts'
import { communityTemplateScenes, communityTemplates, type Project, projects, type Scene, scenes, users } from '#app/db/schema.ts'
import { type RequestContext, recordEvents } from '#app/models/event.server.ts'
import { signedInActionContext } from '#app/models/favorite.server.ts'
import type { RateLimitRule } from '#app/utils/rate-limit.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { type EventSource, type Format, FORMATS } from '#app/vocabulary.ts'
import { templatePageUrl } from '#app/utils/page-urls.ts'

/** Per user. Each use writes a project and its scenes, so it is tighter than favorites. */
export const USE_RATE_LIMIT: RateLimitRule = { name: 'use', points: 30, durationSeconds: 60 }

export type UseTemplateErrorCode = 'not_found' | 'forbidden' | 'bad_request'

export class UseTemplateError extends Error {
	override name = 'UseTemplateError'
	constructor(
		readonly code: UseTemplateErrorCode,
		message: string,
	) {
		super(message)
	}
}

export const FORMAT_DIMENSIONS: Record<Format, { width: number; height: number }> = {
	landscape: { width: 1920, height: 1080 },
	portrait: { width: 1080, height: 1920 },
	square: { width: 1080, height: 1080 },
}

const PROJECT_TITLE_MAX = 255

/** Scenes the editor has not soft-deleted: every read of ours from its scene table filters on this. */
export const isLiveScene = isNull(scenes.deletedAt)

/** The first `length` characters (code points, as PostgreSQL's varchar counts them). */
const truncate = (text: string, length: number) => Array.from(text).slice(0, length).join('')

/** "Title", or "Title (n)" with the smallest n ≥ 2 not in `taken`; the base is shortened so the suffix always fits. */
export function nextFreeProjectTitle(title: string, taken: Iterable<string>) {
	const base = title.trim() || 'Untitled template'
	const used = new Set(taken)
	if (!used.has(truncate(base, PROJECT_TITLE_MAX))) return truncate(base, PROJECT_TITLE_MAX)
	for (let n = 2; ; n++) {
		const suffix = ` (${n})`
		const candidate = `${truncate(base, PROJECT_TITLE_MAX - suffix.length)}${suffix}`
		if (!used.has(candidate)) return candidate
	}
}

/** One line naming the template, its creator and its URL, put at the top of each copied scene. */
export function attributionComment(template: { title: string; creatorName: string | null; url: string }) {
	const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim()
	return `// From the Bazaar Community template "${oneLine(template.title)}" by ${oneLine(template.creatorName ?? 'an unknown creator')}: ${oneLine(template.url)}`
}

/** Where the editor opens a project ("use" sends people there). */
export function editorProjectUrl(projectId: string) {
	return `${getEnv().BAZAAR_APP_URL.replace(/\/+$/, '')}/projects/${projectId}/generate`
}

const formatOf = (formats: Format[] | null) => (formats ?? []).find((value): value is Format => FORMATS.includes(value)) ?? 'landscape'

/**
 * A project's `props` as the editor reads them: the video's meta (size from
 * the format, total duration) and its scene list, one entry per scene in order.
 */
export function editorProjectProps(title: string, format: Format, orderedScenes: Array<{ id: string; name: string; duration: number }>) {
	let start = 0
	const sceneList = orderedScenes.map((scene) => {
		const entry = { id: scene.id, type: 'custom', name: scene.name, start, duration: scene.duration }
		start += scene.duration
		return entry
	})
	return { meta: { title, format, ...FORMAT_DIMENSIONS[format], duration: start }, scenes: sceneList }
}

export interface CopyTemplateInput {
	userId: string
	templateId: string
	mode?: 'use' | 'mix'
	/** Append to this project of the user's; a new project when absent. */
	projectId?: string
	/** Only for `mix`: which template scenes, in this order. */
	sceneIndexes?: number[]
	source?: EventSource
	context?: RequestContext
	/** The site's origin, for the attribution URL. */
	siteOrigin: string
}

export interface CopyTemplateResult {
	projectId: string
	projectTitle: string
	createdProject: boolean
	sceneIds: string[]
	sceneCount: number
}

async function loadUsableTemplate(templateId: string, database: Database) {
	const [template] = await database
		.select({
			id: communityTemplates.id,
			slug: communityTemplates.slug,
			title: communityTemplates.title,
			status: communityTemplates.status,
			formats: communityTemplates.supportedFormats,
			creatorName: users.name,
		})
		.from(communityTemplates)
		.leftJoin(users, eq(users.id, communityTemplates.ownerUserId))
		.where(eq(communityTemplates.id, templateId))
		.limit(1)
	// Unlisted templates are usable by whoever has the link; disabled ones by nobody.
	if (!template || template.status !== 'active') throw new UseTemplateError('not_found', 'No such template')
	const templateScenes = await database
		.select()
		.from(communityTemplateScenes)
		.where(eq(communityTemplateScenes.templateId, templateId))
		.orderBy(asc(communityTemplateScenes.sceneIndex))
	return { template, templateScenes }
}

function chooseScenes<T extends { sceneIndex: number }>(templateScenes: T[], mode: 'use' | 'mix', sceneIndexes?: number[]) {
	if (mode === 'use' || !sceneIndexes) return templateScenes
	const byIndex = new Map(templateScenes.map((scene) => [scene.sceneIndex, scene]))
	const missing = sceneIndexes.filter((index) => !byIndex.has(index))
	if (missing.length > 0) {
		throw new UseTemplateError(
			'bad_request',
			`Scene index ${missing.join(', ')} is out of range: this template has scenes ${templateScenes.map((scene) => scene.sceneIndex).join(', ')}`,
		)
	}
	return sceneIndexes.map((index) => byIndex.get(index)!)
}

async function createUniquelyNamedProject(
	userId: string,
	title: string,
	props: Record<string, unknown>,
	database: Database,
): Promise<Pick<Project, 'id' | 'title'>> {
	// Serialize project creation per user for the rest of this transaction, so two
	// concurrent uses never pick the same "Title (n)".
	await queryRows(sql`select pg_advisory_xact_lock(hashtext(${`bazaar:project-title:${userId}`}))`, database)
	const base = title.trim() || 'Untitled template'
	// Every candidate ("Title", "Title (n)") starts with this much of the title.
	const prefix = truncate(base, PROJECT_TITLE_MAX - 8)
	const existing = await database
		.select({ title: projects.title })
		.from(projects)
		.where(and(eq(projects.userId, userId), sql`starts_with(${projects.title}, ${prefix})`))
	const projectTitle = nextFreeProjectTitle(base, existing.map((row) => row.title))
	const [created] = await database
		.insert(projects)
		// Not the editor's empty welcome project: it gets scenes straight away.
		.values({ userId, title: projectTitle, props, isWelcome: false })
		.returning({ id: projects.id, title: projects.title })
	return created!
}

/**
 * Copies a template's scenes into a project of the user's and logs it.
 * Throws UseTemplateError: not_found (no such active template, or no such
 * project), forbidden (the project is someone else's), bad_request (scene indexes).
 */
export async function copyTemplateIntoProject(input: CopyTemplateInput, database: Database = db): Promise<CopyTemplateResult> {
	const mode = input.mode ?? 'use'
	return database.transaction(async (tx) => {
		const { template, templateScenes } = await loadUsableTemplate(input.templateId, tx)
		const chosen = chooseScenes(templateScenes, mode, input.sceneIndexes)
		if (chosen.length === 0) throw new UseTemplateError('bad_request', 'This template has no scenes to copy')

		const source = { templateId: template.id, templateSlug: template.slug }
		let project: Pick<Project, 'id' | 'title'>
		let firstOrder = 0
		let createdProject = false
		if (input.projectId) {
			const [target] = await tx
				.select({ id: projects.id, title: projects.title, userId: projects.userId })
				.from(projects)
				.where(eq(projects.id, input.projectId))
				.for('update')
			if (!target) throw new UseTemplateError('not_found', 'No such project')
			if (target.userId !== input.userId) throw new UseTemplateError('forbidden', 'That project belongs to someone else')
			const [last] = await tx
				.select({ order: max(scenes.order) })
				.from(scenes)
				.where(and(eq(scenes.projectId, target.id), isLiveScene))
			firstOrder = last?.order == null ? 0 : last.order + 1
			project = target
		} else {
			project = await createUniquelyNamedProject(
				input.userId,
				template.title,
				{ ...editorProjectProps(template.title, formatOf(template.formats), []), source },
				tx,
			)
			createdProject = true
		}

		const attribution = attributionComment({
			title: template.title,
			creatorName: template.creatorName,
			url: templatePageUrl(input.siteOrigin, template.slug),
		})
		const inserted: Pick<Scene, 'id' | 'name' | 'order' | 'duration'>[] = await tx
			.insert(scenes)
			.values(
				chosen.map((scene, position) => ({
					projectId: project.id,
					order: firstOrder + position,
					name: truncate(scene.title ?? `Scene ${scene.sceneIndex + 1}`, 255),
					tsxCode: `${attribution}\n${scene.tsxCode}`,
					duration: scene.duration,
					props: { source: { ...source, sceneIndex: scene.sceneIndex, codeHash: scene.codeHash } },
				})),
			)
			.returning({ id: scenes.id, name: scenes.name, order: scenes.order, duration: scenes.duration })
		inserted.sort((a, b) => a.order - b.order)

		// The scene list the editor expects in a new project's props, now that the scenes have ids.
		let sceneListProps: SQL | undefined
		if (createdProject) {
			const { meta, scenes: sceneList } = editorProjectProps(template.title, formatOf(template.formats), inserted)
			sceneListProps = sql`${projects.props} || ${JSON.stringify({ meta, scenes: sceneList })}::jsonb`
		}
		// The editor bumps a project's revision on every change to its scenes and
		// reloads an open project when it moves; a project with scenes is no longer its welcome project.
		await tx
			.update(projects)
			.set({ revision: sql`${projects.revision} + 1`, isWelcome: false, updatedAt: new Date(), ...(sceneListProps ? { props: sceneListProps } : {}) })
			.where(eq(projects.id, project.id))

		await recordEvents(
			[{ templateId: template.id, type: mode, source: input.source ?? 'community_site', userId: input.userId, projectId: project.id, sceneCount: inserted.length }],
			signedInActionContext(input.context, input.userId),
			tx,
		)
		if (mode === 'use') {
			await tx
				.update(communityTemplates)
				.set({ usesCount: sql`${communityTemplates.usesCount} + 1` })
				.where(eq(communityTemplates.id, template.id))
		}
		return {
			projectId: project.id,
			projectTitle: project.title,
			createdProject,
			sceneIds: inserted.map((scene) => scene.id),
			sceneCount: inserted.length,
		}
	})
}

/** A project of the user's with its live (not soft-deleted) scenes in order (null when it is not theirs). */
export async function getProjectWithScenes(userId: string, projectId: string, database: Database = db) {
	const [project] = await database
		.select()
		.from(projects)
		.where(and(eq(projects.id, projectId), eq(projects.userId, userId)))
		.limit(1)
	if (!project) return null
	const projectScenes = await database
		.select()
		.from(scenes)
		.where(and(eq(scenes.projectId, projectId), isLiveScene))
		.orderBy(asc(scenes.order))
	return { ...project, scenes: projectScenes }
}
