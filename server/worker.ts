/**
 * `npm run worker`: a render worker process (docs/rendering.md). Production
 * runs these beside web servers started with RENDER_JOBS=off. Like the server
 * it loads the built app and takes the worker from its entry module, so the
 * worker renders with the same code and database handle the routes use.
 * SIGTERM/SIGINT: the job in hand finishes (or, if the process is killed,
 * pg-boss hands it to another worker once it expires), then it exits 0.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { entryModuleOf, loadProductionBuild } from './app-build.ts'

const root = (() => {
	let folder = path.dirname(fileURLToPath(import.meta.url))
	while (!fs.existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder)
	return folder
})()

export async function runWorker({ log = console.log }: { log?: (line: string) => void } = {}) {
	const entry = entryModuleOf(await loadProductionBuild(root))
	await entry.prepareDatabase({ log })
	const stop = await entry.startRenderWorker({ log })
	if (!stop) {
		await entry.closeDatabase()
		process.exit(1)
	}
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		process.once(signal, () => {
			log(`${signal}: finishing the job in hand`)
			stop()
				.then(() => entry.closeDatabase())
				.then(
					() => process.exit(0),
					(error) => {
						console.error(error)
						process.exit(1)
					},
				)
		})
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await runWorker()
}
