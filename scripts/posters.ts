// `npm run posters [-- --all] [-- --template <slug>]`: queue render jobs
// (docs/rendering.md) for active templates: by default those never rendered,
// `--all` every one, `--template` one. Each job makes the scene posters, the
// social image, the motion preview and the verification, and sets the
// template's thumbnail_url.
//
// On PostgreSQL the jobs go to the queue and the workers (`npm run worker`, or
// `npm start` unless RENDER_JOBS=off) render them. On the embedded database
// (stop the app first: one process per data directory) this script works
// them itself and exits when they are done.
import { parseArgs } from 'node:util'
import { closeDatabase, databaseInfo } from '#app/db/client.server.ts'
import { migrateDatabase } from '#app/db/migrate.server.ts'
import { listTemplatesNeedingPosters } from '#app/models/preview.server.ts'
import { requestTemplateRender, renderTemplate, requestMissingRenders } from '#app/models/template-render.server.ts'
import { workRenderJobs } from '#app/models/render-queue.server.ts'

const { values: options } = parseArgs({ options: { all: { type: 'boolean', default: false }, template: { type: 'string' } } })

async function main() {
	await migrateDatabase()
	let queued: string[]
	if (options.all || options.template) {
		const templates = await listTemplatesNeedingPosters({ all: options.all, slug: options.template })
		for (const template of templates) await requestTemplateRender(template.id)
		queued = templates.map((template) => template.id)
	} else {
		queued = Array.from({ length: await requestMissingRenders() }, () => '')
	}
	if (queued.length === 0) {
		console.log(options.all || options.template ? 'No active template matched.' : 'Every template has a render already (use --all to render them again).')
		return
	}
	console.log(`Queued ${queued.length} render job(s).`)
	if (databaseInfo().kind === 'postgres') {
		console.log('Workers render them: `npm run worker`, or `npm start` unless RENDER_JOBS=off.')
		return
	}
	// The embedded database has no other process: work the jobs here until the queue is empty.
	let remaining = queued.length
	await new Promise<void>((resolve, reject) => {
		workRenderJobs({
			pollingIntervalSeconds: 0.5,
			handle: async ({ templateId }) => {
				const started = performance.now()
				const outcome = await renderTemplate(templateId)
				console.log(`${templateId}: ${outcome?.status ?? 'skipped'} in ${Math.round(performance.now() - started)} ms`)
				if (--remaining === 0) resolve()
			},
		}).catch(reject)
	})
}

try {
	await main()
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exitCode = 1
} finally {
	await closeDatabase()
}
