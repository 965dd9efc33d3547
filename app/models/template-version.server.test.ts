import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
	communityCreatorProfiles,
	communityTemplateScenes,
	communityTemplateVersionScenes,
	communityTemplateVersions,
	communityTemplates,
	scenes as projectScenes,
} from '#app/db/schema.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { sha256Hex } from '#app/utils/ids.ts'
import { VALID_SCENE_TSX, createProject, createTemplate, createUser } from '#tests/fixtures/community-factories.ts'
import { type MediaServer, startMediaServer } from '#tests/fixtures/media-server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { favoriteTemplate } from './favorite.server.ts'
import { findPreviewScene } from './preview.server.ts'
import { copyTemplateIntoProject } from './project.server.ts'
import { publishTemplate } from './publish.server.ts'
import { previewFrameFor } from './scene-snapshots.server.ts'
import { TemplateMetadataSchema } from './template-metadata.ts'
import { getTemplateBySlugOrId } from './template.server.ts'
import { listTemplateVersions, updateTemplateScenes } from './template-version.server.ts'

const { db } = useTestDatabase()
let media: MediaServer
beforeAll(async () => {
	process.env.MEDIA_FETCH_ALLOW_PRIVATE = '1'
	resetEnvCache()
	media = await startMediaServer()
})
afterAll(async () => {
	delete process.env.MEDIA_FETCH_ALLOW_PRIVATE
	resetEnvCache()
	await media.close()
})

const BROKEN_TSX = 'export default function Scene() {\n  const size = ;\n  return <div>{size}</div>\n}\n'
const colored = (color: string) => VALID_SCENE_TSX.replace('#111', color)

/** A template published from a project of two scenes, favorited, used and viewed: version 1. */
async function publishedTemplate() {
	const owner = await createUser({ name: 'Ada Versions' })
	const { project } = await createProject(owner.id, [colored('#101010'), colored('#202020')])
	const metadata = TemplateMetadataSchema.parse({ title: 'Versioned Intro', description: '', category: 'intros', tags: 'v', formats: ['landscape'], visibility: 'public' })
	const published = await publishTemplate({ ownerUserId: owner.id, projectId: project.id, metadata })
	if (!published.ok) throw new Error(`publish failed: ${JSON.stringify(published)}`)
	const fan = await createUser()
	await favoriteTemplate(fan.id, published.template.id)
	const copy = await copyTemplateIntoProject({ userId: fan.id, templateId: published.template.id, siteOrigin: 'https://community.example' })
	await db.update(communityTemplates).set({ viewsCount: 41, thumbnailUrl: `/posters/${published.template.id}/0.jpg` }).where(eq(communityTemplates.id, published.template.id))
	return { owner, project, template: published.template, fan, copy }
}

async function everything(templateId: string) {
	const [template] = await db.select().from(communityTemplates).where(eq(communityTemplates.id, templateId))
	const current = await db.select().from(communityTemplateScenes).where(eq(communityTemplateScenes.templateId, templateId)).orderBy(asc(communityTemplateScenes.sceneIndex))
	const versions = await db.select().from(communityTemplateVersions).where(eq(communityTemplateVersions.templateId, templateId)).orderBy(asc(communityTemplateVersions.version))
	const archived = await db
		.select({ version: communityTemplateVersions.version, scene: communityTemplateVersionScenes })
		.from(communityTemplateVersionScenes)
		.innerJoin(communityTemplateVersions, eq(communityTemplateVersions.id, communityTemplateVersionScenes.versionId))
		.where(eq(communityTemplateVersions.templateId, templateId))
		.orderBy(asc(communityTemplateVersions.version), asc(communityTemplateVersionScenes.sceneIndex))
	return { template: template!, current, versions, archived }
}

describe('updating a template’s scenes', () => {
	test('a failing scene is named with line and column, and nothing changes (no version, no quota spent)', async () => {
		const { owner, template } = await publishedTemplate()
		const { project, scenes } = await createProject(owner.id, [colored('#303030'), BROKEN_TSX])
		const before = await everything(template.id)
		let quotaSpent = 0
		const result = await updateTemplateScenes(
			{ ownerUserId: owner.id, templateId: template.id, projectId: project.id, note: 'Fix the intro' },
			{ checkQuota: async () => (quotaSpent++, { allowed: true }) },
		)
		expect(result).toMatchObject({ ok: false, reason: 'scene_errors', scenes: [{ sceneId: scenes[1]!.id, position: 2, name: 'Scene 2', problems: [{ line: 2, column: expect.any(Number) }] }] })
		expect(quotaSpent).toBe(0)
		expect(await everything(template.id)).toEqual(before)
		expect((await listTemplateVersions(template.id)).version).toBe(1)
	})

	test('success: version 2 holds the new scenes; slug, counts and the version 1 scenes are kept; the old poster is dropped', async () => {
		const { owner, template } = await publishedTemplate()
		const before = await everything(template.id)
		expect(before.template).toMatchObject({ favoritesCount: 1, usesCount: 1, viewsCount: 41 })
		const { project: next, scenes: nextScenes } = await createProject(owner.id, [colored('#404040'), colored('#505050'), colored('#606060')])

		const result = await updateTemplateScenes({
			ownerUserId: owner.id,
			templateId: template.id,
			projectId: next.id,
			sceneIds: [nextScenes[2]!.id, nextScenes[0]!.id],
			note: 'New colours, one scene fewer',
		})
		expect(result).toEqual({ ok: true, version: 2 })

		const after = await everything(template.id)
		expect(after.template).toMatchObject({
			id: template.id,
			slug: template.slug,
			favoritesCount: 1,
			usesCount: 1,
			viewsCount: 41,
			sourceProjectId: next.id,
			thumbnailUrl: null,
		})
		expect(after.template.updatedAt.getTime()).toBeGreaterThan(before.template.updatedAt.getTime())
		expect(after.current.map((scene) => [scene.sceneIndex, scene.title, scene.tsxCode, scene.duration, scene.previewFrame, scene.codeHash])).toEqual([
			[0, 'Scene 3', nextScenes[2]!.tsxCode, nextScenes[2]!.duration, previewFrameFor(nextScenes[2]!.duration), sha256Hex(nextScenes[2]!.tsxCode)],
			[1, 'Scene 1', nextScenes[0]!.tsxCode, nextScenes[0]!.duration, previewFrameFor(nextScenes[0]!.duration), sha256Hex(nextScenes[0]!.tsxCode)],
		])
		// Version 1's scenes, exactly as they were, under version 1.
		expect(after.archived.map(({ version, scene }) => ({ version, ...scene, versionId: undefined }))).toEqual(
			before.current.map(({ id: _id, templateId: _templateId, ...scene }) => ({ version: 1, ...scene, versionId: undefined })),
		)
		expect(after.versions.map((row) => [row.version, row.note, row.sceneCount])).toEqual([
			[1, null, 2],
			[2, 'New colours, one scene fewer', 2],
		])
		expect(after.versions[0]!.createdAt.toISOString()).toBe(before.template.createdAt.toISOString())

		// What the page and the API read: the current number and the history, newest first.
		const detail = await getTemplateBySlugOrId(template.slug)
		expect(detail).toMatchObject({ version: 2, sceneCount: 2, favoritesCount: 1, usesCount: 1 })
		expect(detail!.versions.map(({ version, note, sceneCount }) => ({ version, note, sceneCount }))).toEqual([
			{ version: 2, note: 'New colours, one scene fewer', sceneCount: 2 },
			{ version: 1, note: null, sceneCount: 2 },
		])
		// The preview plays the new scene at the same address.
		expect((await findPreviewScene(template.id, 0))!.codeHash).toBe(sha256Hex(nextScenes[2]!.tsxCode))

		// A third version archives the second.
		const third = await updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: next.id, note: null })
		expect(third).toEqual({ ok: true, version: 3 })
		const latest = await everything(template.id)
		expect(latest.current).toHaveLength(3)
		expect(latest.archived.filter((row) => row.version === 2).map((row) => row.scene.codeHash)).toEqual(after.current.map((scene) => scene.codeHash))
		expect(latest.versions.map((row) => row.version)).toEqual([1, 2, 3])
	})

	test('a project made by "use" from version 1 keeps its copies', async () => {
		const { owner, template, copy } = await publishedTemplate()
		const copiesBefore = await db.select().from(projectScenes).where(eq(projectScenes.projectId, copy.projectId)).orderBy(asc(projectScenes.order))
		expect(copiesBefore.map((scene) => scene.tsxCode.split('\n').slice(1).join('\n'))).toEqual([colored('#101010'), colored('#202020')])
		const { project: next } = await createProject(owner.id, [colored('#707070')])
		expect(await updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: next.id, note: 'One scene' })).toMatchObject({ ok: true })
		const copiesAfter = await db.select().from(projectScenes).where(eq(projectScenes.projectId, copy.projectId)).orderBy(asc(projectScenes.order))
		expect(copiesAfter).toEqual(copiesBefore)
	})

	test('only the owner can update: a stranger (or an admin) gets "not found", another user’s project is refused, nothing changes', async () => {
		const { owner, template } = await publishedTemplate()
		const admin = await createUser({ isAdmin: true })
		const { project: adminProject } = await createProject(admin.id, [colored('#808080')])
		const before = await everything(template.id)
		expect(await updateTemplateScenes({ ownerUserId: admin.id, templateId: template.id, projectId: adminProject.id, note: null })).toEqual({ ok: false, reason: 'template_not_found' })
		expect(await updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: adminProject.id, note: null })).toEqual({ ok: false, reason: 'project_not_found' })
		expect(
			await updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: adminProject.id, note: null }, { checkQuota: async () => ({ allowed: false, retryAfterSeconds: 60 }) }),
		).toEqual({ ok: false, reason: 'project_not_found' })
		expect(await everything(template.id)).toEqual(before)
	})

	test('an exhausted publishing quota refuses the update before anything is copied or written', async () => {
		const { owner, template } = await publishedTemplate()
		const { project } = await createProject(owner.id, [colored('#909090')])
		const before = await everything(template.id)
		const result = await updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: project.id, note: null }, { checkQuota: async () => ({ allowed: false, retryAfterSeconds: 120 }) })
		expect(result).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 120 })
		expect(await everything(template.id)).toEqual(before)
	})

	test('a template published before versions existed becomes version 2, its first version dated when it was published', async () => {
		const owner = await createUser({ name: 'Legacy Creator' })
		const template = await createTemplate(owner.id, { createdAt: new Date('2026-01-02T03:04:05Z') })
		expect(await listTemplateVersions(template.id)).toEqual({ version: 1, versions: [{ version: 1, createdAt: '2026-01-02T03:04:05.000Z', note: null, sceneCount: 1 }] })
		const { project } = await createProject(owner.id, [colored('#a0a0a0')])
		expect(await updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: project.id, note: 'First update' })).toEqual({ ok: true, version: 2 })
		const history = await listTemplateVersions(template.id)
		expect(history.version).toBe(2)
		expect(history.versions.map(({ version, note, sceneCount }) => [version, note, sceneCount])).toEqual([
			[2, 'First update', 1],
			[1, null, 1],
		])
		expect(history.versions[1]!.createdAt).toBe('2026-01-02T03:04:05.000Z')
		// templateContentChanged ran: the creator of a public template now has a handle.
		const profiles = await db.select().from(communityCreatorProfiles).where(eq(communityCreatorProfiles.userId, owner.id))
		expect(profiles.map((profile) => profile.handle)).toEqual(['legacy-creator'])
	})

	test('two updates at once get versions 2 and 3, each archiving what it replaced', async () => {
		const { owner, template } = await publishedTemplate()
		const { project: a } = await createProject(owner.id, [colored('#aa0000')])
		const { project: b } = await createProject(owner.id, [colored('#00bb00')])
		const results = await Promise.all([
			updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: a.id, note: 'a' }),
			updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: b.id, note: 'b' }),
		])
		expect(results.map((result) => result.ok && result.version).sort()).toEqual([2, 3])
		const { versions, archived } = await everything(template.id)
		expect(versions.map((row) => row.version)).toEqual([1, 2, 3])
		expect(archived.map((row) => row.version)).toEqual([1, 1, 2])
	})

	test('media the new scenes show are copied as publishing copies them; a file that cannot be copied names the scene and changes nothing', async () => {
		const { owner, template } = await publishedTemplate()
		const good = `export default function A() { return <img src="${media.origin}/img/update-ok.png" /> }`
		const bad = `export default function B() { return <img src="${media.origin}/missing.png" /> }`
		const { project: broken } = await createProject(owner.id, [good, bad])
		const before = await everything(template.id)
		const refused = await updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: broken.id, note: null })
		expect(refused).toMatchObject({ ok: false, reason: 'scene_errors', scenes: [{ position: 2, problems: [{ message: expect.stringContaining('missing.png') }] }] })
		expect(await everything(template.id)).toEqual(before)

		const { project: fine } = await createProject(owner.id, [good])
		expect(await updateTemplateScenes({ ownerUserId: owner.id, templateId: template.id, projectId: fine.id, note: null })).toEqual({ ok: true, version: 2 })
		const preview = await findPreviewScene(template.id, 0)
		expect(preview!.media[`${media.origin}/img/update-ok.png`]).toMatch(/^\/media\/[0-9a-f]{64}$/)
	})
})
