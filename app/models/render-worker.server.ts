/**
 * A render worker: takes render jobs one at a time in this process. Run by
 * `npm run worker` (server/worker.ts) and, unless RENDER_JOBS=off, by the web
 * server itself (server/index.ts); both reach it through the app build's
 * entry module, so it uses the very database handle the routes use.
 */
import fs from 'node:fs'
import { getEnv } from '#app/utils/env.server.ts'
import { workRenderJobs } from './render-queue.server.ts'
import { renderTemplate, requestMissingRenders } from './template-render.server.ts'

export interface RenderWorkerStartOptions {
	log?: (line: string) => void
}

/**
 * Starts working render jobs; resolves to a function that stops: the render
 * in hand finishes and is recorded first (its browser ignores the process's
 * signals, see launchRenderBrowser). Null when this machine cannot render.
 */
export async function startRenderWorker({ log = console.log }: RenderWorkerStartOptions = {}): Promise<(() => Promise<void>) | null> {
	const chromium = getEnv().CHROMIUM_PATH
	if (!fs.existsSync(chromium)) {
		log(`Render jobs: no Chromium at ${chromium} (set CHROMIUM_PATH or install chromium); jobs wait for a worker that has it`)
		return null
	}
	const backfilled = getEnv().RENDER_BACKFILL ? await requestMissingRenders() : 0
	if (backfilled > 0) log(`Render jobs: queued ${backfilled} template(s) never rendered`)
	const stop = await workRenderJobs({
		handle: async ({ templateId }) => {
			log(`Rendering ${templateId}`)
			const started = performance.now()
			const outcome = await renderTemplate(templateId).catch((error: unknown) => {
				log(`Render of ${templateId} failed (the queue retries it): ${error instanceof Error ? error.message : String(error)}`)
				throw error
			})
			const took = Math.round(performance.now() - started)
			if (outcome) log(`Rendered ${templateId}: ${outcome.status}, ${outcome.scenes.length} scene(s) in ${took} ms`)
		},
	})
	log('Render jobs: working in this process')
	return stop
}
