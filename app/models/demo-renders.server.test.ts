/**
 * The demo's renders the repository ships (seeds/demo-renders/, made by
 * `npm run posters:demo`): they were made from the demo as it is now, seeding
 * imports them so every demo template shows its rendered poster from
 * /media/:sha256 without a worker, and a template whose scenes changed since
 * keeps no stale picture: it stays pending and the worker's backfill renders it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { DEMO_TEMPLATES } from '#app/db/demo-content.ts'
import { communityTemplateRenders, communityTemplateScenes, communityTemplates } from '#app/db/schema.ts'
import { demoTemplateId, seedDemoContent } from '#app/db/seed.server.ts'
import { sha256Hex } from '#app/utils/ids.ts'
import { useAppRequestHandler } from '#tests/setup/app-request-handler.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { demoRendersDirectory, importShippedDemoRenders, readDemoRenderManifest } from './demo-renders.server.ts'
import { newestRenderJob } from './render-queue.server.ts'
import { findTemplateRender, renderInputHash, requestMissingRenders } from './template-render.server.ts'

const { db } = useTestDatabase()
const app = useAppRequestHandler()

/** The demo templates a worker renders (a disabled one is not rendered). */
const rendered = DEMO_TEMPLATES.filter((template) => template.status === 'active')

describe("the demo's shipped renders", () => {
	beforeAll(async () => {
		await seedDemoContent(db, { renders: false })
	})

	test('were made from the demo scenes as they are now (if not: run `npm run posters:demo` and commit seeds/demo-renders/)', async () => {
		const manifest = await readDemoRenderManifest()
		expect(Object.keys(manifest.templates).sort()).toEqual(rendered.map((template) => template.slug).sort())
		for (const template of rendered) {
			const shipped = manifest.templates[template.slug]!
			expect(shipped.inputHash, `${template.slug} changed since its render was shipped`).toBe(await renderInputHash(demoTemplateId(template)))
			expect(shipped.scenes.map((scene) => scene.index)).toEqual(template.scenes.map((_, index) => index))
			const files = [shipped.social, shipped.motion, ...shipped.scenes.flatMap((scene) => (scene.status === 'verified' ? [scene.poster640, scene.poster1280] : []))]
			for (const file of files.filter((name): name is string => name !== null)) {
				expect(fs.existsSync(path.join(demoRendersDirectory(), file)), file).toBe(true)
			}
		}
	})

	test('seeding imports them: every demo template is verified, its posters served from /media and shown on the gallery cards', async () => {
		const summary = await seedDemoContent(db)
		expect(summary).toMatchObject({ templates: 0, scenes: 0, renders: rendered.length })
		for (const template of rendered) {
			const id = demoTemplateId(template)
			const render = await findTemplateRender(id)
			expect(render.status, template.slug).toBe('verified')
			expect(render.scenes.map((scene) => scene.status)).toEqual(template.scenes.map(() => 'verified'))
			expect(render.posterUrl).toMatch(/^\/media\/[0-9a-f]{64}$/)
			expect(render.socialImageUrl).toMatch(/^\/media\/[0-9a-f]{64}$/)
			const [row] = await db.select({ thumbnailUrl: communityTemplates.thumbnailUrl }).from(communityTemplates).where(eq(communityTemplates.id, id))
			expect(row?.thumbnailUrl).toBe(render.posterUrl)

			const poster = await app.fetch(render.posterUrl!)
			expect(poster.status).toBe(200)
			expect(poster.headers.get('Content-Type')).toBe('image/webp')
			expect(poster.headers.get('Cache-Control')).toContain('immutable')
			const bytes = Buffer.from(await poster.arrayBuffer())
			// What is served is the file the repository ships, by its SHA-256.
			expect(`/media/${sha256Hex(bytes)}`).toBe(render.posterUrl)
		}

		const gallery = await (await app.fetch('/', { headers: { Accept: 'text/html' } })).text()
		const cards = gallery.match(/<article class="template-card">[\s\S]*?<\/article>/g) ?? []
		expect(cards.length).toBeGreaterThan(10)
		for (const card of cards) {
			expect(card).toMatch(/<img class="poster-image" src="\/media\/[0-9a-f]{64}"/)
			// A dense or wide screen gets the same poster 1280 wide.
			const [, src, small, large] = card.match(/src="([^"]+)" srcSet="([^" ]+) 640w, ([^" ]+) 1280w"/) ?? []
			expect(small, card).toBe(src)
			expect(large).toMatch(/^\/media\/[0-9a-f]{64}$/)
			expect(large).not.toBe(src)
		}

		// Seeding again imports nothing twice.
		expect((await seedDemoContent(db)).renders).toBe(0)
	})

	test('a demo template whose scene changed after its render was shipped stays pending, and only it is queued by the backfill', async () => {
		const template = rendered.find((candidate) => candidate.slug === 'logo-animation')!
		const id = demoTemplateId(template)
		// As a database seeded from a changed demo: the scene's code is not what the render was made from.
		const changedCode = `${template.scenes[0]!.tsxCode}\n// changed\n`
		await db
			.update(communityTemplateScenes)
			.set({ tsxCode: changedCode, codeHash: sha256Hex(changedCode) })
			.where(and(eq(communityTemplateScenes.templateId, id), eq(communityTemplateScenes.sceneIndex, 0)))
		await db.delete(communityTemplateRenders).where(eq(communityTemplateRenders.templateId, id))
		await db.update(communityTemplates).set({ thumbnailUrl: null }).where(eq(communityTemplates.id, id))

		expect(await importShippedDemoRenders(db)).toEqual({ imported: [], stale: ['logo-animation'] })
		const render = await findTemplateRender(id)
		expect(render).toMatchObject({ status: 'pending', posterUrl: null, socialImageUrl: null })

		// The backfill asks only for templates with no render: this one, not those the repository's renders cover.
		expect(await requestMissingRenders()).toBe(1)
		expect(await newestRenderJob(id)).toEqual({ state: 'created', retryCount: 0 })
		const [{ pending } = { pending: 0 }] = await db
			.select({ pending: sql<number>`count(*)::int` })
			.from(communityTemplateRenders)
			.where(eq(communityTemplateRenders.status, 'pending'))
		expect(pending).toBe(1)
	})
})
