// `npm run bench:render`: how fast a render worker works through the demo
// templates on this machine, and how much memory it needs. A scratch
// PostgreSQL database is seeded with the demo content (without the renders
// the repository ships, so nothing is rendered yet); one worker process
// (`build/server-entry/worker.js`, as `npm run worker` runs it) starts, queues
// every template (its backfill) and renders them one at a time. Prints
// renders (templates) per minute, scenes per minute, and the peak resident
// memory of the worker's Node process (VmHWM) and of its whole process tree
// (Node + Chromium, sampled every 200 ms), with the per-scene time as a ratio
// to the bare cost, measured in the same run, of loading one scene's preview
// document to "ready" in the same Chromium (the floor no render can beat).
// Run with `node --import tsx` (the floor uses the app's own capture module).
// Needs `npm run build`, /usr/bin/chromium and PostgreSQL (BENCH_BASE_DATABASE_URL).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import postgres from 'postgres'
import { createSeededDatabase, dropDatabase, ensureProductionBuild, root, serverPostgresUrl, withDatabaseName } from '../tests/fixtures/app-process.mjs'

const baseUrl = process.env.BENCH_BASE_DATABASE_URL ?? serverPostgresUrl()
const name = `bazaar_bench_render_${process.pid}`

function processTree(pid) {
	const children = fs.existsSync(`/proc/${pid}/task/${pid}/children`) ? fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : []
	return [pid, ...children.flatMap(processTree)]
}

function residentKilobytes(pid, field = 'VmRSS') {
	try {
		const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
		return match ? Number(match[1]) : 0
	} catch {
		return 0
	}
}

/** The floor: the median time to load one scene's preview document to "ready" in the worker's Chromium, with nothing else done. */
async function barePreviewLoadMs(databaseUrl) {
	process.env.DATABASE_URL = databaseUrl
	process.env.NODE_ENV = 'production'
	process.env.SESSION_SECRET = 'bench'
	process.env.BAZAAR_SIGNING_SECRET = 'bench'
	const { answerPreviewRequests, launchRenderBrowser, RENDER_ORIGIN } = await import('#app/models/render-capture.server.ts')
	const { closeDatabase } = await import('#app/db/client.server.ts')
	// The scenes a worker renders: a disabled template's preview is a 404 (and its error page disturbed the next loads).
	const scenes = await sql`select s.template_id, s.scene_index from "bazaar-vid_community_template_scenes" s
		join "bazaar-vid_community_templates" t on t.id = s.template_id
		where coalesce(t.status, 'active') = 'active' order by s.template_id, s.scene_index`
	const browser = await launchRenderBrowser()
	try {
		const page = await browser.newPage()
		await page.setViewportSize({ width: 1280, height: 720 })
		await answerPreviewRequests(page)
		const times = []
		for (const scene of scenes) {
			const started = performance.now()
			try {
				await page.goto(`${RENDER_ORIGIN}/preview/${scene.template_id}/${scene.scene_index}?autoplay=0&controls=0`, { waitUntil: 'commit', timeout: 20_000 })
				await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.previewState ?? ''), null, { timeout: 20_000 })
				times.push(performance.now() - started)
			} catch (error) {
				console.log(`  (floor: scene ${scene.scene_index} of ${scene.template_id} did not load: ${String(error).split('\n')[0]})`)
			}
		}
		times.sort((a, b) => a - b)
		return times[Math.floor(times.length / 2)]
	} finally {
		await browser.close()
		await closeDatabase()
	}
}

ensureProductionBuild()
// Without the renders the repository ships for the demo: the worker is to render every template itself.
const url = await createSeededDatabase({ baseUrl, name, renders: false })
const sql = postgres(url, { max: 1, onnotice: () => {} })
let worker
try {
	const [{ templates, scenes }] = await sql`select count(distinct t.id)::int as templates, count(s.id)::int as scenes
		from "bazaar-vid_community_templates" t join "bazaar-vid_community_template_scenes" s on s.template_id = t.id
		where coalesce(t.status, 'active') = 'active'`
	console.log(`Rendering ${templates} demo templates (${scenes} scenes) with one worker…`)
	let output = ''
	let firstRender
	const started = performance.now()
	worker = spawn(process.execPath, ['build/server-entry/worker.js'], {
		cwd: root,
		env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, SESSION_SECRET: 'bench', BAZAAR_SIGNING_SECRET: 'bench' },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	worker.stdout.on('data', (chunk) => (output += chunk))
	worker.stderr.on('data', (chunk) => (output += chunk))
	let peakTree = 0
	let peakNode = 0
	let done = 0
	while (done < templates) {
		if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}):\n${output}`)
		const tree = processTree(worker.pid)
		peakTree = Math.max(peakTree, tree.reduce((sum, pid) => sum + residentKilobytes(pid), 0))
		peakNode = Math.max(peakNode, residentKilobytes(worker.pid, 'VmHWM'))
		;[{ done }] = await sql`select count(*)::int as done from "bazaar-vid_community_template_renders" where rendered_at is not null`
		if (done > 0 && firstRender === undefined) firstRender = performance.now()
		await new Promise((resolve) => setTimeout(resolve, 200))
	}
	const minutes = (performance.now() - started) / 60_000
	const [{ verified, failing }] = await sql`select count(*) filter (where status = 'verified')::int as verified, count(*) filter (where status = 'failing')::int as failing from "bazaar-vid_community_template_renders"`
	const secondsPerScene = (minutes * 60) / scenes
	console.log(`renders per minute:   ${(templates / minutes).toFixed(1)} (${templates} in ${(minutes * 60).toFixed(0)} s, ${verified} verified, ${failing} failing)`)
	console.log(`scenes per minute:    ${(scenes / minutes).toFixed(1)} (${secondsPerScene.toFixed(2)} s a scene, start-up included)`)
	console.log(`peak memory, Node:    ${(peakNode / 1024).toFixed(0)} MB (VmHWM of the worker process)`)
	console.log(`peak memory, tree:    ${(peakTree / 1024).toFixed(0)} MB (worker + Chromium, sampled)`)
	const floorMs = await barePreviewLoadMs(url)
	console.log(`a scene's render vs. a bare preview load to "ready" (${floorMs.toFixed(0)} ms, median, same run): ${((secondsPerScene * 1000) / floorMs).toFixed(1)}×`)
} finally {
	if (worker && worker.exitCode === null) {
		const exited = new Promise((resolve) => worker.once('exit', resolve))
		worker.kill('SIGTERM')
		await exited
	}
	await sql.end()
	await dropDatabase({ baseUrl, name })
}
