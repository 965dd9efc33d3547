/**
 * A render worker process (`build/server-entry/worker.js`, what `npm run
 * worker` runs) gets SIGTERM while it renders a template in Debian's
 * Chromium, as in a deploy: the render in hand finishes, its job is recorded
 * `completed` (not failed, not left to expire and run again), the template's
 * render is verified, and the process exits 0. Before the worker's stop waited
 * for its job, Playwright closed the browser on the signal ("Target page …
 * closed") and the job was retried. docs/rendering.md, "Who works jobs".
 *
 * A worker process beside the test needs a database both can open:
 * PostgreSQL (DATABASE_URL). Needs the production build and Chromium.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { communityTemplateRenders } from '#app/db/schema.ts'
import { newestRenderJob } from '#app/models/render-queue.server.ts'
import { requestTemplateRender } from '#app/models/template-render.server.ts'
import { ensureProductionBuild, root } from '#tests/fixtures/app-process.mjs'
import { useTestDatabase } from '#tests/setup/test-database.ts'

const onPostgres = Boolean(process.env.DATABASE_URL)

describe.skipIf(!onPostgres)('a render worker stopped by SIGTERM mid-render', () => {
	const { db } = useTestDatabase({ seed: true })
	let worker: ChildProcess | undefined

	afterAll(async () => {
		if (worker && worker.exitCode === null && worker.signalCode === null) {
			const exited = new Promise((resolve) => worker!.once('exit', resolve))
			worker.kill('SIGKILL')
			await exited
		}
	})

	test('finishes the render in hand, records its job completed, and exits 0', async () => {
		ensureProductionBuild()
		// Three scenes: seconds of rendering after the job is taken.
		const templateId = demoTemplateId({ slug: 'cafe-menu-promo' })
		const asked = new Date()
		await requestTemplateRender(templateId)

		let output = ''
		worker = spawn(process.execPath, ['build/server-entry/worker.js'], {
			cwd: root,
			env: {
				...process.env,
				NODE_ENV: 'production',
				SESSION_SECRET: 'worker-stop-session-secret',
				BAZAAR_SIGNING_SECRET: 'worker-stop-signing-secret',
				// Only the job this test asked for.
				RENDER_BACKFILL: 'off',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		})
		worker.stdout!.on('data', (chunk) => (output += chunk))
		worker.stderr!.on('data', (chunk) => (output += chunk))
		const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
			worker!.once('exit', (code, signal) => resolve({ code, signal })),
		)

		// The job is in hand once the worker says it is rendering it.
		await vi.waitFor(
			() => {
				if (worker!.exitCode !== null) throw new Error(`the worker exited early:\n${output}`)
				expect(output).toContain(`Rendering ${templateId}`)
			},
			{ timeout: 60_000, interval: 50 },
		)
		worker.kill('SIGTERM')
		expect(await exited, output).toEqual({ code: 0, signal: null })

		// The signal came while the render was under way, and the render finished after it.
		const signalled = output.indexOf('SIGTERM: finishing the job in hand')
		const rendered = output.indexOf(`Rendered ${templateId}: verified`)
		expect(signalled, output).toBeGreaterThan(output.indexOf(`Rendering ${templateId}`))
		expect(rendered, output).toBeGreaterThan(signalled)
		expect(output).not.toContain('failed (the queue retries it)')

		expect(await newestRenderJob(templateId)).toEqual({ state: 'completed', retryCount: 0 })
		const [render] = await db.select().from(communityTemplateRenders).where(eq(communityTemplateRenders.templateId, templateId))
		expect(render?.status).toBe('verified')
		expect(render?.scenes).toHaveLength(3)
		expect(render!.renderedAt!.getTime()).toBeGreaterThanOrEqual(asked.getTime())
	}, 120_000)
})
