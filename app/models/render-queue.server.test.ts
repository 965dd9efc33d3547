import { eq, sql } from 'drizzle-orm'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { communityTemplateRenders } from '#app/db/schema.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { createProject, createUser } from '#tests/fixtures/community-factories.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { startServer } from '../../server/index.ts'
import { publishTemplate } from './publish.server.ts'
import { newestRenderJob, renderWorkersInThisProcess, workRenderJobs } from './render-queue.server.ts'
import { TemplateMetadataSchema } from './template-metadata.ts'
import { renderTemplate } from './template-render.server.ts'

const { db } = useTestDatabase()

async function publish(title: string) {
	const owner = await createUser()
	const { project } = await createProject(owner.id)
	const metadata = TemplateMetadataSchema.parse({ title, description: '', category: 'intros', tags: '', formats: ['landscape'], visibility: 'public' })
	const result = await publishTemplate({ ownerUserId: owner.id, projectId: project.id, metadata })
	if (!result.ok) throw new Error(`publish failed: ${JSON.stringify(result)}`)
	return result.template.id
}

const chromiumBefore = process.env.CHROMIUM_PATH
const renderJobsBefore = process.env.RENDER_JOBS
afterAll(() => {
	if (chromiumBefore === undefined) delete process.env.CHROMIUM_PATH
	else process.env.CHROMIUM_PATH = chromiumBefore
	if (renderJobsBefore === undefined) delete process.env.RENDER_JOBS
	else process.env.RENDER_JOBS = renderJobsBefore
	resetEnvCache()
})

describe('the render queue', () => {
	test('publishing queues a render job on the database and marks the render pending', async () => {
		const templateId = await publish('Queued On Publish')
		expect(await newestRenderJob(templateId)).toEqual({ state: 'created', retryCount: 0 })
		const [render] = await db.select().from(communityTemplateRenders).where(eq(communityTemplateRenders.templateId, templateId))
		expect(render).toMatchObject({ status: 'pending', scenes: [] })
	})

	test('a render that cannot run is tried three times, then the job is failed', async () => {
		const templateId = await publish('Never Renders')
		// A renderer that cannot start: the browser is not where it is looked for.
		process.env.CHROMIUM_PATH = '/nonexistent/chromium'
		resetEnvCache()
		let attempts = 0
		const stop = await workRenderJobs({
			pollingIntervalSeconds: 0.5,
			handle: async ({ templateId: id }) => {
				if (id === templateId) attempts++
				await renderTemplate(id)
			},
		})
		try {
			await vi.waitFor(async () => expect(await newestRenderJob(templateId)).toEqual({ state: 'failed', retryCount: 2 }), { timeout: 40_000, interval: 250 })
			expect(attempts).toBe(3)
		} finally {
			await stop()
			delete process.env.CHROMIUM_PATH
			resetEnvCache()
		}
		const [render] = await db.select().from(communityTemplateRenders).where(eq(communityTemplateRenders.templateId, templateId))
		expect(render?.status).toBe('pending')
	}, 60_000)

	test('stopping a worker lets the job in hand finish: its job is completed, not failed or retried', async () => {
		const templateId = await publish('Finishes When Stopped')
		let release!: () => void
		const released = new Promise<void>((resolve) => (release = resolve))
		let taken!: () => void
		const inHand = new Promise<void>((resolve) => (taken = resolve))
		let finished = false
		const stop = await workRenderJobs({
			pollingIntervalSeconds: 0.5,
			// Other tests' jobs are taken and done at once; this one waits until the test lets it go.
			handle: async ({ templateId: id }) => {
				if (id !== templateId) return
				taken()
				await released
				finished = true
			},
		})
		await inHand
		let stopReturned = false
		const stopping = stop().then(() => (stopReturned = true))
		// Asked to stop with the job in hand: the job is still active and the stop still waiting.
		expect(await newestRenderJob(templateId)).toEqual({ state: 'active', retryCount: 0 })
		expect(stopReturned).toBe(false)
		release()
		await stopping
		expect(finished).toBe(true)
		// Written before the stop returned: the process may close the database right after.
		expect(await newestRenderJob(templateId)).toEqual({ state: 'completed', retryCount: 0 })
		expect(renderWorkersInThisProcess()).toBe(0)
	})

	test.each([
		['off', 0],
		['on', 1],
	] as const)('with RENDER_JOBS=%s the web server works %i render worker(s); a publish is queued either way', async (setting, workers) => {
		process.env.RENDER_JOBS = setting
		// No Chromium needed to prove who takes jobs: point at a file that exists so the worker starts.
		process.env.CHROMIUM_PATH = process.execPath
		// Nothing for that worker to take (the earlier tests' jobs, the templates never rendered): a job it
		// started with this stand-in browser could outlive the test and query a database already dropped.
		process.env.RENDER_BACKFILL = 'off'
		await db.execute(sql`delete from pgboss.job where name = 'render-template' and state < 'active'`)
		resetEnvCache()
		const running = await startServer({
			mode: 'development',
			port: 0,
			host: '127.0.0.1',
			prepareDatabase: false,
			closeDatabaseOnStop: false,
			vite: { logLevel: 'error', server: { hmr: false, ws: false, watch: null } },
			log: () => {},
		})
		try {
			expect(renderWorkersInThisProcess()).toBe(workers)
			if (workers === 0) {
				const templateId = await publish(`Queued With Jobs ${setting}`)
				expect(await newestRenderJob(templateId)).toEqual({ state: 'created', retryCount: 0 })
			}
		} finally {
			await running.stop()
			delete process.env.CHROMIUM_PATH
			delete process.env.RENDER_BACKFILL
			resetEnvCache()
		}
	}, 90_000)
})
