/**
 * Template renders: asking for one (a change to a template marks it pending
 * and queues a job), doing one (the job: posters, verification, social image,
 * motion preview, stored content-addressed in community_media_files and
 * served at /media/<sha256>), and what the pages and the API say about it.
 * See docs/rendering.md.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { type SceneRenderState, communityTemplateRenders, communityTemplateScenes, communityTemplates, users } from '#app/db/schema.ts'
import type { RenderStatus } from '#app/vocabulary.ts'
import {
	type SceneCapture,
	POSTER_WIDTHS,
	answerPreviewRequests,
	captureMotion,
	captureScene,
	composeSocialImage,
	launchRenderBrowser,
	posterWebp,
} from './render-capture.server.ts'
import { RENDER_PRIORITY, sendRenderJob } from './render-queue.server.ts'
import { type RenderSummary, renderSummaryFrom } from './render-summary.ts'
import { mediaFileUrl, storeMediaFile } from './scene-media.server.ts'
import { invalidatePageCache } from '#app/utils/page-cache.server.ts'

const renders = communityTemplateRenders

/** Marks the template's render pending (keeping the last pictures until new ones replace them) and queues a job. */
export async function requestTemplateRender(templateId: string, database: Database = db, priority: number = RENDER_PRIORITY.change) {
	// The job first: if it cannot be sent, no row says "pending", and the next worker's backfill asks again.
	await sendRenderJob(templateId, priority)
	await database
		.insert(renders)
		.values({ templateId, status: 'pending' })
		.onConflictDoUpdate({ target: renders.templateId, set: { status: 'pending', requestedAt: sql`now()` } })
}

/** Queues a render for every active template that never had one (the demo at first start, templates published before renders). */
export async function requestMissingRenders(database: Database = db) {
	const missing = await database
		.select({ id: communityTemplates.id })
		.from(communityTemplates)
		.leftJoin(renders, eq(renders.templateId, communityTemplates.id))
		.where(and(isNull(renders.templateId), sql`coalesce(${communityTemplates.status}, 'active') = 'active'`))
		.orderBy(asc(communityTemplates.createdAt))
	for (const template of missing) await requestTemplateRender(template.id, database, RENDER_PRIORITY.backfill)
	return missing.length
}

async function renderInput(templateId: string, database: Database) {
	const [template] = await database
		.select({ id: communityTemplates.id, title: communityTemplates.title, status: communityTemplates.status, creatorName: users.name })
		.from(communityTemplates)
		.leftJoin(users, eq(users.id, communityTemplates.ownerUserId))
		.where(eq(communityTemplates.id, templateId))
		.limit(1)
	if (!template || template.status === 'disabled') return null
	const scenes = await database
		.select({ index: communityTemplateScenes.sceneIndex })
		.from(communityTemplateScenes)
		.where(eq(communityTemplateScenes.templateId, templateId))
		.orderBy(asc(communityTemplateScenes.sceneIndex))
	return { ...template, sceneIndexes: scenes.map((scene) => scene.index) }
}

export interface RenderOutcome {
	status: RenderStatus
	scenes: SceneRenderState[]
}

/**
 * The render job: every scene's poster and verification, the first scene's
 * motion preview, the social image. Throws only when the renderer itself
 * fails (no Chromium, a crash): the queue retries that. A scene that fails is
 * an outcome (`failing`, with its index and message), not a thrown error.
 */
export async function renderTemplate(templateId: string, database: Database = db): Promise<RenderOutcome | null> {
	const input = await renderInput(templateId, database)
	if (!input) return null
	const browser = await launchRenderBrowser()
	try {
		const page = await browser.newPage()
		await answerPreviewRequests(page)
		const captures: SceneCapture[] = []
		for (const index of input.sceneIndexes) {
			const capture = await captureScene(page, templateId, index)
			if (capture) captures.push(capture)
		}
		const scenes: SceneRenderState[] = []
		for (const capture of captures) {
			if (!capture.ok || !capture.still) {
				scenes.push({ index: capture.index, status: 'failing', message: capture.message })
				continue
			}
			const [poster640, poster1280] = await Promise.all(
				POSTER_WIDTHS.map(async (width) => storeMediaFile(await posterWebp(capture.still!, width), 'image/webp', database)),
			)
			scenes.push({ index: capture.index, status: 'verified', poster640, poster1280, width: capture.width, height: capture.height })
		}
		const first = captures[0]
		const social = await composeSocialImage(first?.ok ? (first.still ?? null) : null, { title: input.title, creatorName: input.creatorName })
		const socialImageSha256 = await storeMediaFile(social, 'image/jpeg', database)
		const motion = first?.ok ? await captureMotion(page, templateId, first.index) : null
		const motionSha256 = motion ? await storeMediaFile(motion, 'image/webp', database) : null
		const failing = scenes.find((scene) => scene.status === 'failing')
		const status: RenderStatus = failing ? 'failing' : 'verified'
		const values = {
			status,
			scenes,
			failingSceneIndex: failing?.index ?? null,
			failureMessage: failing?.message ?? null,
			socialImageSha256,
			motionSha256,
			renderedAt: new Date(),
		}
		await database.insert(renders).values({ templateId, ...values }).onConflictDoUpdate({ target: renders.templateId, set: values })
		const firstPoster = scenes[0]?.poster640
		if (firstPoster) await database.update(communityTemplates).set({ thumbnailUrl: mediaFileUrl(firstPoster) }).where(eq(communityTemplates.id, templateId))
		// Cards, the template page and the API now show the new posters and the "Plays in Bazaar" mark.
		await invalidatePageCache()
		return { status, scenes }
	} finally {
		await browser.close()
	}
}

// ---------------------------------------------------------------------------
// What pages and the API say
// ---------------------------------------------------------------------------

/** The summary every page shows, plus per-scene states and the failure (for the owner and moderators). */
export interface TemplateRenderView extends RenderSummary {
	scenes: SceneRenderState[]
	failingSceneIndex: number | null
	failureMessage: string | null
	renderedAt: string | null
}

type RenderRow = typeof renders.$inferSelect

export function toRenderView(row: RenderRow | null | undefined): TemplateRenderView {
	const first = row?.scenes[0]
	const summary = renderSummaryFrom(
		row
			? {
					status: row.status,
					poster640: first?.poster640 ?? null,
					poster1280: first?.poster1280 ?? null,
					width: first?.width ?? null,
					height: first?.height ?? null,
					social: row.socialImageSha256,
					motion: row.motionSha256,
				}
			: null,
	)
	return {
		...summary,
		scenes: row?.scenes ?? [],
		failingSceneIndex: row?.failingSceneIndex ?? null,
		failureMessage: row?.failureMessage ?? null,
		renderedAt: row?.renderedAt ? new Date(row.renderedAt).toISOString() : null,
	}
}

/** The render of each template asked for (pending for those never rendered). */
export async function findTemplateRenders(templateIds: string[], database: Database = db): Promise<Map<string, TemplateRenderView>> {
	const views = new Map<string, TemplateRenderView>()
	if (templateIds.length === 0) return views
	const rows = await database.select().from(renders).where(sql`${renders.templateId} in ${templateIds}`)
	for (const id of templateIds) views.set(id, toRenderView(rows.find((row) => row.templateId === id)))
	return views
}

export async function findTemplateRender(templateId: string, database: Database = db) {
	return (await findTemplateRenders([templateId], database)).get(templateId) ?? toRenderView(null)
}


/** Who may read which scene failed and its message: the template's owner and moderators. */
export function canSeeRenderFailure(template: { ownerUserId: string | null }, viewer: { id: string; isAdmin: boolean } | null) {
	return Boolean(viewer && (viewer.isAdmin || viewer.id === template.ownerUserId))
}

/** The failing scene and its message, when the last render found one. */
export async function findRenderFailure(templateId: string, database: Database = db) {
	const [row] = await database
		.select({ failingSceneIndex: renders.failingSceneIndex, failureMessage: renders.failureMessage })
		.from(renders)
		.where(and(eq(renders.templateId, templateId), eq(renders.status, 'failing')))
		.limit(1)
	return row && row.failingSceneIndex !== null ? { failingSceneIndex: row.failingSceneIndex, failureMessage: row.failureMessage } : null
}
