/**
 * The demo's renders, shipped in the repository (seeds/demo-renders/): the
 * posters, social images and motion previews the render pipeline made from
 * our own demo scenes (`npm run posters:demo` writes them), so a fresh demo
 * shows real posters at once, with or without Chromium.
 *
 * Each template's entry in manifest.json carries the fingerprint of what it
 * was rendered from (renderInputHash: scene code, durations, preview frames,
 * format, title, creator). Seeding imports an entry only for a template whose
 * fingerprint is the same now, and only when the template has no render yet:
 * a demo scene changed since leaves its template pending (the worker's
 * backfill renders it), and a render a worker made is never replaced.
 * See docs/rendering.md.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { type Database, db } from '#app/db/client.server.ts'
import { communityTemplateRenders, communityTemplates } from '#app/db/schema.ts'
import { repositoryRoot } from '#app/utils/repository-root.server.ts'
import { findMediaFile } from './scene-media.server.ts'
import { type SceneRenderOutput, renderInputHash, storeRenderOutputs } from './template-render.server.ts'

export const DEMO_RENDERS_FOLDER = 'seeds/demo-renders'
const MANIFEST = 'manifest.json'

export function demoRendersDirectory() {
	return path.join(repositoryRoot(), DEMO_RENDERS_FOLDER)
}

/** A file of the folder, `<slug>/<name>`: nothing above or beside it. */
const ShippedFile = z.string().regex(/^[A-Za-z0-9-]+\/[a-z0-9-]+\.(webp|jpg)$/)

const ShippedScene = z.discriminatedUnion('status', [
	z.object({
		index: z.number().int().min(0),
		status: z.literal('verified'),
		poster640: ShippedFile,
		poster1280: ShippedFile,
		width: z.number().int().positive(),
		height: z.number().int().positive(),
	}),
	z.object({ index: z.number().int().min(0), status: z.literal('failing'), message: z.string().optional() }),
])

const ShippedRender = z.object({
	inputHash: z.string().regex(/^[0-9a-f]{64}$/),
	renderedAt: z.iso.datetime(),
	scenes: z.array(ShippedScene).min(1),
	social: ShippedFile,
	motion: ShippedFile.nullable(),
})

export const DemoRenderManifest = z.object({
	about: z.string(),
	templates: z.record(z.string(), ShippedRender),
})
export type DemoRenderManifest = z.infer<typeof DemoRenderManifest>
type ShippedRender = z.infer<typeof ShippedRender>

/** The manifest the repository ships (an empty one when there is none). */
export async function readDemoRenderManifest(directory = demoRendersDirectory()): Promise<DemoRenderManifest> {
	const text = await fs.readFile(path.join(directory, MANIFEST), 'utf8').catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return null
		throw error
	})
	return text === null ? { about: '', templates: {} } : DemoRenderManifest.parse(JSON.parse(text))
}

async function shippedOutputs(directory: string, render: ShippedRender) {
	const read = (file: string) => fs.readFile(path.join(directory, file))
	const scenes: SceneRenderOutput[] = []
	for (const scene of render.scenes) {
		scenes.push(
			scene.status === 'verified'
				? { ...scene, poster640: await read(scene.poster640), poster1280: await read(scene.poster1280) }
				: scene,
		)
	}
	return { scenes, social: await read(render.social), motion: render.motion ? await read(render.motion) : null, renderedAt: new Date(render.renderedAt) }
}

export interface DemoRenderImport {
	/** Slugs whose shipped render was stored. */
	imported: string[]
	/** Slugs whose shipped render was made from other code than the template has now (left pending). */
	stale: string[]
}

/** Stores the shipped render of every active template that has none yet and whose fingerprint matches. */
export async function importShippedDemoRenders(database: Database = db, directory = demoRendersDirectory()): Promise<DemoRenderImport> {
	const manifest = await readDemoRenderManifest(directory)
	const slugs = Object.keys(manifest.templates)
	const result: DemoRenderImport = { imported: [], stale: [] }
	if (slugs.length === 0) return result
	const unrendered = await database
		.select({ id: communityTemplates.id, slug: communityTemplates.slug })
		.from(communityTemplates)
		.leftJoin(communityTemplateRenders, eq(communityTemplateRenders.templateId, communityTemplates.id))
		.where(and(isNull(communityTemplateRenders.templateId), sql`${communityTemplates.slug} in ${slugs}`, sql`coalesce(${communityTemplates.status}, 'active') = 'active'`))
		.orderBy(asc(communityTemplates.slug))
	for (const template of unrendered) {
		const shipped = manifest.templates[template.slug]!
		if ((await renderInputHash(template.id, database)) !== shipped.inputHash) {
			result.stale.push(template.slug)
			continue
		}
		await storeRenderOutputs(template.id, await shippedOutputs(directory, shipped), database)
		result.imported.push(template.slug)
	}
	return result
}

export interface DemoRenderExport {
	templates: number
	files: number
	bytes: number
	motionBytes: number
}

/**
 * Writes the renders the database holds for these templates into `directory`
 * (emptied first) with the manifest: what `npm run posters:demo` ships.
 * Without `motion` the motion previews are left out (null in the manifest).
 */
export async function writeDemoRenders(
	templates: Array<{ id: string; slug: string }>,
	{ directory = demoRendersDirectory(), motion = true, about, database = db }: { directory?: string; motion?: boolean; about: string; database?: Database },
): Promise<DemoRenderExport> {
	await fs.rm(directory, { recursive: true, force: true })
	await fs.mkdir(directory, { recursive: true })
	const manifest: DemoRenderManifest = { about, templates: {} }
	const written: DemoRenderExport = { templates: 0, files: 0, bytes: 0, motionBytes: 0 }
	const write = async (slug: string, name: string, sha256: string) => {
		const file = await findMediaFile(sha256, database)
		if (!file) throw new Error(`The render of ${slug} names media ${sha256}, which is not stored`)
		await fs.mkdir(path.join(directory, slug), { recursive: true })
		await fs.writeFile(path.join(directory, slug, name), file.bytes)
		written.files++
		written.bytes += file.bytes.length
		return `${slug}/${name}`
	}
	for (const template of [...templates].sort((a, b) => a.slug.localeCompare(b.slug))) {
		const [row] = await database.select().from(communityTemplateRenders).where(eq(communityTemplateRenders.templateId, template.id)).limit(1)
		if (!row?.renderedAt || !row.socialImageSha256) throw new Error(`${template.slug} has no finished render`)
		const inputHash = await renderInputHash(template.id, database)
		if (!inputHash) throw new Error(`${template.slug} is not a template that renders`)
		const scenes: ShippedRender['scenes'] = []
		for (const scene of row.scenes) {
			if (scene.status === 'verified' && scene.poster640 && scene.poster1280 && scene.width && scene.height) {
				scenes.push({
					index: scene.index,
					status: 'verified',
					poster640: await write(template.slug, `scene-${scene.index}-640.webp`, scene.poster640),
					poster1280: await write(template.slug, `scene-${scene.index}-1280.webp`, scene.poster1280),
					width: scene.width,
					height: scene.height,
				})
			} else {
				scenes.push({ index: scene.index, status: 'failing', ...(scene.message === undefined ? {} : { message: scene.message }) })
			}
		}
		const social = await write(template.slug, 'social.jpg', row.socialImageSha256)
		let motionFile: string | null = null
		if (motion && row.motionSha256) {
			const before = written.bytes
			motionFile = await write(template.slug, 'motion.webp', row.motionSha256)
			written.motionBytes += written.bytes - before
		}
		manifest.templates[template.slug] = { inputHash, renderedAt: new Date(row.renderedAt).toISOString(), scenes, social, motion: motionFile }
		written.templates++
	}
	await fs.writeFile(path.join(directory, MANIFEST), `${JSON.stringify(manifest, null, '\t')}\n`)
	return written
}
