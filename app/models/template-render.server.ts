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
import { sha256Hex } from '#app/utils/ids.ts'
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
		.select({
			id: communityTemplates.id,
			title: communityTemplates.title,
			status: communityTemplates.status,
			formats: communityTemplates.supportedFormats,
			creatorName: users.name,
		})
		.from(communityTemplates)
		.leftJoin(users, eq(users.id, communityTemplates.ownerUserId))
		.where(eq(communityTemplates.id, templateId))
		.limit(1)
	if (!template || template.status === 'disabled') return null
	// What each scene's pictures depend on (renderInputHash); a scene stored before code_hash existed is hashed here.
	const scenes = await database
		.select({
			index: communityTemplateScenes.sceneIndex,
			codeHash: sql<string>`coalesce(${communityTemplateScenes.codeHash}, encode(sha256(convert_to(${communityTemplateScenes.tsxCode}, 'UTF8')), 'hex'))`,
			duration: communityTemplateScenes.duration,
			previewFrame: communityTemplateScenes.previewFrame,
		})
		.from(communityTemplateScenes)
		.where(eq(communityTemplateScenes.templateId, templateId))
		.orderBy(asc(communityTemplateScenes.sceneIndex))
	// The posters' aspect is the first format's (captureScene), as the preview shows it.
	return { ...template, format: template.formats?.[0] ?? 'landscape', scenes, sceneIndexes: scenes.map((scene) => scene.index) }
}

export interface RenderOutcome {
	status: RenderStatus
	scenes: SceneRenderState[]
}

/** One scene as a render left it: its posters (WebP, 640 and 1280 wide), or the error it showed. */
export type SceneRenderOutput =
	| { index: number; status: 'verified'; poster640: Uint8Array; poster1280: Uint8Array; width: number; height: number }
	| { index: number; status: 'failing'; message?: string }

/** Everything a render makes, before it is stored. */
export interface RenderOutputs {
	scenes: SceneRenderOutput[]
	/** The 1200×630 JPEG social image. */
	social: Uint8Array
	/** The first scene's looping animated WebP, when it played. */
	motion: Uint8Array | null
	renderedAt: Date
}

/**
 * Stores a render: every picture in community_media_files by SHA-256, the
 * template's row in community_template_renders (verified, or failing with
 * the first failing scene and its message) and its thumbnail_url (the first
 * scene's 640-wide poster). The one way a render's outputs reach the
 * database: the render job and the demo's shipped renders both come here.
 */
export async function storeRenderOutputs(templateId: string, outputs: RenderOutputs, database: Database = db): Promise<RenderOutcome> {
	const scenes: SceneRenderState[] = []
	for (const scene of outputs.scenes) {
		if (scene.status === 'failing') {
			scenes.push({ index: scene.index, status: 'failing', ...(scene.message === undefined ? {} : { message: scene.message }) })
			continue
		}
		const poster640 = await storeMediaFile(scene.poster640, 'image/webp', database)
		const poster1280 = await storeMediaFile(scene.poster1280, 'image/webp', database)
		scenes.push({ index: scene.index, status: 'verified', poster640, poster1280, width: scene.width, height: scene.height })
	}
	const socialImageSha256 = await storeMediaFile(outputs.social, 'image/jpeg', database)
	const motionSha256 = outputs.motion ? await storeMediaFile(outputs.motion, 'image/webp', database) : null
	const failing = scenes.find((scene) => scene.status === 'failing')
	const status: RenderStatus = failing ? 'failing' : 'verified'
	const values = {
		status,
		scenes,
		failingSceneIndex: failing?.index ?? null,
		failureMessage: failing?.message ?? null,
		socialImageSha256,
		motionSha256,
		renderedAt: outputs.renderedAt,
	}
	await database.insert(renders).values({ templateId, ...values }).onConflictDoUpdate({ target: renders.templateId, set: values })
	const firstPoster = scenes[0]?.poster640
	if (firstPoster) await database.update(communityTemplates).set({ thumbnailUrl: mediaFileUrl(firstPoster) }).where(eq(communityTemplates.id, templateId))
	// Cards, the template page and the API now show the new posters and the "Plays in Bazaar" mark.
	await invalidatePageCache()
	return { status, scenes }
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
		const scenes: SceneRenderOutput[] = []
		for (const capture of captures) {
			if (!capture.ok || !capture.still) {
				scenes.push({ index: capture.index, status: 'failing', message: capture.message })
				continue
			}
			const [poster640, poster1280] = await Promise.all(POSTER_WIDTHS.map((width) => posterWebp(capture.still!, width)))
			scenes.push({ index: capture.index, status: 'verified', poster640: poster640!, poster1280: poster1280!, width: capture.width, height: capture.height })
		}
		const first = captures[0]
		const social = await composeSocialImage(first?.ok ? (first.still ?? null) : null, { title: input.title, creatorName: input.creatorName })
		const motion = first?.ok ? await captureMotion(page, templateId, first.index) : null
		return await storeRenderOutputs(templateId, { scenes, social, motion, renderedAt: new Date() }, database)
	} finally {
		await browser.close()
	}
}

/**
 * A fingerprint of everything a render of this template is made from: each
 * scene's code (its SHA-256), duration and preview frame, the format (the
 * posters' aspect), the title and the creator's name (on the social image).
 * Equal fingerprints render the same pictures; the demo's shipped renders are
 * used only for a template whose fingerprint is the one they were made from.
 */
export async function renderInputHash(templateId: string, database: Database = db) {
	const input = await renderInput(templateId, database)
	if (!input) return null
	return sha256Hex(
		JSON.stringify({
			title: input.title,
			creator: input.creatorName,
			format: input.format,
			scenes: input.scenes.map((scene) => [scene.index, scene.codeHash, scene.duration, scene.previewFrame]),
		}),
	)
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
