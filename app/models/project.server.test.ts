import { and, asc, eq } from 'drizzle-orm'
import { transform } from 'sucrase'
import { describe, expect, test } from 'vitest'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { communityEvents, communityTemplateScenes, communityTemplates, projects, scenes, users } from '#app/db/schema.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import {
	attributionComment,
	copyTemplateIntoProject,
	getProjectWithScenes,
	nextFreeProjectTitle,
	UseTemplateError,
} from './project.server.ts'

const { db } = useTestDatabase({ seed: true })

const SITE = 'https://community.example'
const startupId = demoTemplateId({ slug: 'startup-launch-intro' })
const unlistedId = demoTemplateId({ slug: 'team-intro-unlisted-7fQk2LmZx9' })
const disabledId = demoTemplateId({ slug: 'retro-vhs-title' })

let userCounter = 0
async function newUser() {
	const id = `use-user-${++userCounter}`
	await db.insert(users).values({ id, name: `User ${userCounter}`, email: `${id}@example.test` })
	return id
}

async function usesCount(templateId: string) {
	const [row] = await db.select({ n: communityTemplates.usesCount }).from(communityTemplates).where(eq(communityTemplates.id, templateId))
	return row!.n
}

async function templateScenes(templateId: string) {
	return db
		.select()
		.from(communityTemplateScenes)
		.where(eq(communityTemplateScenes.templateId, templateId))
		.orderBy(asc(communityTemplateScenes.sceneIndex))
}

const expectCode = async (promise: Promise<unknown>, code: string) => {
	const error = await promise.then(
		() => null,
		(thrown: unknown) => thrown,
	)
	expect(error).toBeInstanceOf(UseTemplateError)
	expect((error as UseTemplateError).code).toBe(code)
}

describe('nextFreeProjectTitle', () => {
	test('"Title", then "Title (2)", filling gaps, always within 255 characters', () => {
		expect(nextFreeProjectTitle('Intro', [])).toBe('Intro')
		expect(nextFreeProjectTitle('Intro', ['Intro'])).toBe('Intro (2)')
		expect(nextFreeProjectTitle('Intro', ['Intro', 'Intro (2)', 'Intro (4)'])).toBe('Intro (3)')
		const long = 'x'.repeat(300)
		expect(nextFreeProjectTitle(long, [])).toHaveLength(255)
		expect(nextFreeProjectTitle(long, ['x'.repeat(255)])).toBe(`${'x'.repeat(251)} (2)`)
	})
})

describe('copyTemplateIntoProject (use)', () => {
	test('one transaction: project named after the template, scenes in order with attribution, event, uses_count + 1', async () => {
		const userId = await newUser()
		const before = await usesCount(startupId)
		const source = await templateScenes(startupId)
		const result = await copyTemplateIntoProject({ userId, templateId: startupId, siteOrigin: SITE, context: { userAgent: 'Mozilla/5.0 test' } })
		expect(result).toMatchObject({ projectTitle: 'Startup Launch Intro', createdProject: true, sceneCount: source.length })

		const project = await getProjectWithScenes(userId, result.projectId)
		expect(project?.title).toBe('Startup Launch Intro')
		expect(project?.scenes.map((scene) => scene.id)).toEqual(result.sceneIds)
		expect(project?.scenes.map((scene) => scene.order)).toEqual(source.map((_, index) => index))
		expect(project?.props).toMatchObject({
			meta: { title: 'Startup Launch Intro', format: 'landscape', width: 1920, height: 1080 },
			source: { templateId: startupId, templateSlug: 'startup-launch-intro' },
		})
		expect((project?.props as { scenes: { id: string }[] }).scenes.map((scene) => scene.id)).toEqual(result.sceneIds)

		const attribution = `// From the Bazaar Community template "Startup Launch Intro" by Leo Martins: ${SITE}/t/startup-launch-intro`
		project!.scenes.forEach((scene, index) => {
			const original = source[index]!
			expect(scene.tsxCode).toBe(`${attribution}\n${original.tsxCode}`)
			expect(scene.tsxCode.split('\n')[0]).toBe(attribution)
			expect(scene.duration).toBe(original.duration)
			expect(scene.name).toBe(original.title)
			expect(scene.props).toMatchObject({ source: { templateId: startupId, sceneIndex: original.sceneIndex } })
		})

		const events = await db.select().from(communityEvents).where(and(eq(communityEvents.userId, userId), eq(communityEvents.eventType, 'use')))
		expect(events).toHaveLength(1)
		expect(events[0]).toMatchObject({ templateId: startupId, projectId: result.projectId, sceneCount: source.length, source: 'community_site' })
		expect(await usesCount(startupId)).toBe(before + 1)
	})

	test('a copied scene still compiles and exports its component', async () => {
		const userId = await newUser()
		const result = await copyTemplateIntoProject({ userId, templateId: startupId, siteOrigin: SITE })
		const project = await getProjectWithScenes(userId, result.projectId)
		for (const scene of project!.scenes) {
			const { code } = transform(scene.tsxCode, { transforms: ['typescript', 'jsx', 'imports'], jsxRuntime: 'classic', production: true })
			expect(code).toContain('exports.default')
		}
	})

	test('the attribution stays one line whatever the title or creator contains', () => {
		const line = attributionComment({ title: 'Evil\nalert(1)\u2028x', creatorName: 'Bad\r\nName', url: 'https://x/t/a' })
		expect(line.split(/[\r\n\u2028\u2029]/)).toHaveLength(1)
		expect(line.startsWith('// ')).toBe(true)
	})

	test('names are made unique per user: "Title", "Title (2)", and other users are unaffected', async () => {
		const userId = await newUser()
		const first = await copyTemplateIntoProject({ userId, templateId: startupId, siteOrigin: SITE })
		const second = await copyTemplateIntoProject({ userId, templateId: startupId, siteOrigin: SITE })
		expect([first.projectTitle, second.projectTitle]).toEqual(['Startup Launch Intro', 'Startup Launch Intro (2)'])
		const other = await copyTemplateIntoProject({ userId: await newUser(), templateId: startupId, siteOrigin: SITE })
		expect(other.projectTitle).toBe('Startup Launch Intro')
	})

	test('20 concurrent uses by one user produce 20 projects with distinct names', async () => {
		const userId = await newUser()
		const before = await usesCount(startupId)
		const results = await Promise.all(Array.from({ length: 20 }, () => copyTemplateIntoProject({ userId, templateId: startupId, siteOrigin: SITE })))
		const titles = results.map((result) => result.projectTitle)
		expect(new Set(titles).size).toBe(20)
		expect(new Set(titles)).toEqual(new Set(['Startup Launch Intro', ...Array.from({ length: 19 }, (_, i) => `Startup Launch Intro (${i + 2})`)]))
		const rows = await db.select().from(projects).where(eq(projects.userId, userId))
		expect(rows).toHaveLength(20)
		expect(await usesCount(startupId)).toBe(before + 20)
	})

	test('unlisted templates can be used; disabled and unknown ones cannot', async () => {
		const userId = await newUser()
		await expect(copyTemplateIntoProject({ userId, templateId: unlistedId, siteOrigin: SITE })).resolves.toMatchObject({ createdProject: true })
		await expectCode(copyTemplateIntoProject({ userId, templateId: disabledId, siteOrigin: SITE }), 'not_found')
		await expectCode(copyTemplateIntoProject({ userId, templateId: '00000000-0000-4000-8000-000000000000', siteOrigin: SITE }), 'not_found')
	})
})

describe('copyTemplateIntoProject into an existing project, and mix', () => {
	test('appends after the project\'s last scene', async () => {
		const userId = await newUser()
		const target = await copyTemplateIntoProject({ userId, templateId: unlistedId, siteOrigin: SITE })
		const existing = target.sceneCount
		const appended = await copyTemplateIntoProject({ userId, templateId: startupId, projectId: target.projectId, siteOrigin: SITE, source: 'in_app_panel' })
		expect(appended).toMatchObject({ projectId: target.projectId, createdProject: false })
		const project = await getProjectWithScenes(userId, target.projectId)
		expect(project!.scenes).toHaveLength(existing + appended.sceneCount)
		expect(project!.scenes.slice(existing).map((scene) => scene.id)).toEqual(appended.sceneIds)
		expect(project!.scenes.map((scene) => scene.order)).toEqual(project!.scenes.map((_, index) => index))
		expect(await db.select().from(projects).where(eq(projects.userId, userId))).toHaveLength(1)
	})

	test('someone else\'s project is forbidden, an unknown one not found, and nothing is written', async () => {
		const owner = await newUser()
		const intruder = await newUser()
		const target = await copyTemplateIntoProject({ userId: owner, templateId: unlistedId, siteOrigin: SITE })
		const before = await usesCount(startupId)
		await expectCode(copyTemplateIntoProject({ userId: intruder, templateId: startupId, projectId: target.projectId, siteOrigin: SITE }), 'forbidden')
		await expectCode(
			copyTemplateIntoProject({ userId: owner, templateId: startupId, projectId: '00000000-0000-4000-8000-000000000000', siteOrigin: SITE }),
			'not_found',
		)
		expect((await getProjectWithScenes(owner, target.projectId))!.scenes).toHaveLength(target.sceneCount)
		expect(await usesCount(startupId)).toBe(before)
		expect(await db.select().from(communityEvents).where(eq(communityEvents.userId, intruder))).toHaveLength(0)
	})

	test('mix copies only the chosen scenes, in the chosen order, logs "mix" and leaves uses_count alone', async () => {
		const userId = await newUser()
		const source = await templateScenes(startupId)
		const before = await usesCount(startupId)
		const result = await copyTemplateIntoProject({ userId, templateId: startupId, mode: 'mix', sceneIndexes: [2, 0], siteOrigin: SITE })
		const project = await getProjectWithScenes(userId, result.projectId)
		expect(project!.scenes.map((scene) => scene.props)).toMatchObject([{ source: { sceneIndex: 2 } }, { source: { sceneIndex: 0 } }])
		expect(project!.scenes[0]!.tsxCode.endsWith(source[2]!.tsxCode)).toBe(true)
		const [event] = await db.select().from(communityEvents).where(eq(communityEvents.userId, userId))
		expect(event).toMatchObject({ eventType: 'mix', sceneCount: 2, projectId: result.projectId })
		expect(await usesCount(startupId)).toBe(before)
	})

	test('out-of-range scene indexes are a bad request and write nothing', async () => {
		const userId = await newUser()
		await expectCode(copyTemplateIntoProject({ userId, templateId: startupId, mode: 'mix', sceneIndexes: [0, 7], siteOrigin: SITE }), 'bad_request')
		expect(await db.select().from(projects).where(eq(projects.userId, userId))).toHaveLength(0)
		expect(await db.select().from(scenes).innerJoin(projects, eq(projects.id, scenes.projectId)).where(eq(projects.userId, userId))).toHaveLength(0)
	})
})
