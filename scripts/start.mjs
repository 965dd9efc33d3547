// `npm start` (and `npm run worker`): build when the build is missing or older than the sources, then
// run the server (which migrates and seeds an empty database before listening).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Both halves of the build: the Remix app and the compiled server entry (server/index.ts).
const buildMarkers = [path.join(root, 'build/server/index.js'), path.join(root, 'build/server-entry/index.js')]
const SOURCES = ['app', 'server', 'widget/src', 'public', 'vite.config.ts', 'package.json']

function newestMtime(entry) {
	const full = path.join(root, entry)
	if (!fs.existsSync(full)) return 0
	const stat = fs.statSync(full)
	if (!stat.isDirectory()) return stat.mtimeMs
	let newest = 0
	for (const child of fs.readdirSync(full, { recursive: true, withFileTypes: true })) {
		if (child.isFile()) newest = Math.max(newest, fs.statSync(path.join(child.parentPath ?? child.path, child.name)).mtimeMs)
	}
	return newest
}

function buildIsStale() {
	if (!buildMarkers.every((marker) => fs.existsSync(marker))) return true
	const built = Math.min(...buildMarkers.map((marker) => fs.statSync(marker).mtimeMs))
	return SOURCES.some((entry) => newestMtime(entry) > built)
}

if (buildIsStale()) {
	console.log('Building the app (first start, or sources changed)…')
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
	if (result.status !== 0) process.exit(result.status ?? 1)
}

process.env.NODE_ENV ??= 'production'
if (process.argv[2] === 'worker') {
	// `npm run worker`: a render worker process (server/worker.ts) instead of the web server.
	const { runWorker } = await import('../build/server-entry/worker.js')
	await runWorker()
} else {
	const { runServer } = await import('../build/server-entry/index.js')
	await runServer()
}
