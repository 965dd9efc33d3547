// `npm run bench:preview`: the preview document's first frame, cold (a fresh
// browser context each run, nothing cached), in Chromium against the
// production build: time from navigation to the Player's first painted frame,
// and the bytes on the wire (headers + compressed bodies), for
//   1. a Remotion-only scene with this tree's runtime,
//   2. the same scene with the baseline's core runtime (BASELINE_REF, default
//      `main`; built from git into a temporary folder),
//   3. an icon+font scene (Iconify icons and Inter) with this tree's runtime,
//      also timing until its fonts are in document.fonts.
// Prints medians of RUNS runs (default 7) and the ratios of 1 to 2; the
// Remotion-only scene must not get heavier or slower than the baseline.
// Needs `npm run build` and PostgreSQL (BENCH_BASE_DATABASE_URL, default the local server).
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import postgres from 'postgres'
import { ICON_FONT_SCENE, REMOTION_ONLY_SCENE } from '../tests/fixtures/editor-runtime-scenes.ts'
import { createSeededDatabase, dropDatabase, ensureProductionBuild, root, startAppProcess } from '../tests/fixtures/app-process.mjs'

const PORT = Number(process.env.BENCH_PORT ?? 3313)
const RUNS = Number(process.env.RUNS ?? 7)
const BASELINE_REF = process.env.BASELINE_REF ?? 'main'
const baseUrl = process.env.BENCH_BASE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const BASELINE_FILE = 'baseline-runtime.js'

/** The baseline's core runtime, built from git with this tree's node_modules. */
function buildBaselineRuntime() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bazaar-baseline-runtime-'))
	try {
		const archive = execFileSync('git', ['archive', BASELINE_REF, 'preview', 'app/utils', 'package.json'], { cwd: root })
		execFileSync('tar', ['-x', '-C', folder], { input: archive })
		fs.symlinkSync(path.join(root, 'node_modules'), path.join(folder, 'node_modules'))
		const built = spawnSync(path.join(root, 'node_modules/.bin/vite'), ['build', '-c', 'preview/vite.config.ts', '--logLevel', 'warn'], { cwd: folder, encoding: 'utf8' })
		if (built.status !== 0) throw new Error(`building ${BASELINE_REF}'s runtime failed:\n${built.stdout}\n${built.stderr}`)
		return fs.readFileSync(path.join(folder, 'public/preview-runtime/runtime.js'))
	} finally {
		fs.rmSync(folder, { recursive: true, force: true })
	}
}

async function seedScenes(databaseUrl) {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
	const ids = { remotionOnly: randomUUID(), iconFont: randomUUID() }
	for (const [id, title, code] of [
		[ids.remotionOnly, 'Remotion only', REMOTION_ONLY_SCENE],
		[ids.iconFont, 'Icons and a font', ICON_FONT_SCENE],
	]) {
		await sql`insert into "bazaar-vid_community_templates" (id, slug, title, visibility, status, supported_formats)
			values (${id}, ${`bench-${id}`}, ${title}, 'unlisted', 'active', ${sql.json(['landscape'])})`
		await sql`insert into "bazaar-vid_community_template_scenes" (template_id, scene_index, title, tsx_code, duration, preview_frame, code_hash)
			values (${id}, 0, ${title}, ${code}, 120, 0, ${createHash('sha256').update(code).digest('hex')})`
	}
	await sql.end()
	return ids
}

/** Marks the first painted frame after the runtime reports ready, and when the fonts are loaded after that. */
function markFirstFrame() {
	new MutationObserver((_, observer) => {
		if (document.documentElement?.dataset.previewState !== 'ready') return
		observer.disconnect()
		requestAnimationFrame(() =>
			requestAnimationFrame(() => {
				window.__firstFrameAt = performance.now()
				document.fonts.ready.then(() => (window.__fontsReadyAt = performance.now()))
			}),
		)
	}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-preview-state'] }) // <html> may not exist yet
}

async function measure(browser, url, { baselineRuntime = false } = {}) {
	const context = await browser.newContext({ viewport: { width: 960, height: 540 } })
	await context.addInitScript(markFirstFrame)
	const page = await context.newPage()
	if (baselineRuntime) await page.route('**/preview-runtime/runtime.js', (route) => route.continue({ url: route.request().url().replace('runtime.js', BASELINE_FILE) }))
	const sizes = []
	const files = []
	page.on('requestfinished', (request) => {
		files.push(new URL(request.url()).pathname)
		sizes.push(request.sizes().then((size) => size.responseHeadersSize + size.responseBodySize))
	})
	await page.goto(url)
	await page
		.waitForFunction(() => window.__fontsReadyAt !== undefined || document.documentElement.dataset.previewState === 'error', null, { timeout: 60_000 })
		.catch(async (error) => {
			const seen = await page.evaluate(() => ({ state: document.documentElement.dataset.previewState, firstFrame: window.__firstFrameAt }))
			throw new Error(`${url}: no first frame (${JSON.stringify(seen)})`, { cause: error })
		})
	const state = await page.evaluate(() => ({ error: document.documentElement.dataset.previewState === 'error', firstFrame: window.__firstFrameAt, fontsReady: window.__fontsReadyAt }))
	if (state.error) throw new Error(`${url} ended in an error card`)
	const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0)
	await context.close()
	return { ...state, bytes, files }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`

ensureProductionBuild()
console.log(`Building ${BASELINE_REF}'s core runtime for the baseline…`)
const baseline = buildBaselineRuntime()
const baselinePath = path.join(root, 'build/client/preview-runtime', BASELINE_FILE)
fs.writeFileSync(baselinePath, baseline)
const databaseName = `bazaar_bench_preview_${process.pid}`
const databaseUrl = await createSeededDatabase({ baseUrl, name: databaseName, seed: false })
const app = await startAppProcess({ port: PORT, env: { DATABASE_URL: databaseUrl, RATE_LIMIT_MULTIPLIER: '1000' } })
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
	const ids = await seedScenes(databaseUrl)
	const scenarios = [
		['Remotion-only scene, this runtime', `${app.url}/preview/${ids.remotionOnly}/0?autoplay=0`, {}],
		[`Remotion-only scene, ${BASELINE_REF}'s runtime`, `${app.url}/preview/${ids.remotionOnly}/0?autoplay=0`, { baselineRuntime: true }],
		['icon+font scene, this runtime', `${app.url}/preview/${ids.iconFont}/0?autoplay=0`, {}],
	]
	// Warm the server (compiled-code cache, icon sets in memory) so the runs measure the browser's side.
	for (const [, url, options] of scenarios) await measure(browser, url, options)
	const results = new Map(scenarios.map(([label]) => [label, []]))
	for (let run = 0; run < RUNS; run++) {
		for (const [label, url, options] of scenarios) results.get(label).push(await measure(browser, url, options))
	}
	const summary = new Map()
	console.log(`\nPreview first frame, cold, median of ${RUNS} runs (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`)
	for (const [label, runs] of results) {
		const row = { firstFrame: median(runs.map((run) => run.firstFrame)), fontsReady: median(runs.map((run) => run.fontsReady)), bytes: median(runs.map((run) => run.bytes)) }
		summary.set(label, row)
		console.log(`  ${label.padEnd(44)} first frame ${row.firstFrame.toFixed(0).padStart(5)} ms   fonts ready ${row.fontsReady.toFixed(0).padStart(5)} ms   ${kib(row.bytes).padStart(10)} in ${runs[0].files.length} files`)
		console.log(`    ${runs[0].files.join(' ')}`)
	}
	const [ours, theirs] = [summary.get(scenarios[0][0]), summary.get(scenarios[1][0])]
	console.log(`\nRemotion-only, this runtime / ${BASELINE_REF}'s: bytes ${(ours.bytes / theirs.bytes).toFixed(3)} (${ours.bytes - theirs.bytes >= 0 ? '+' : ''}${ours.bytes - theirs.bytes} B), first frame ${(ours.firstFrame / theirs.firstFrame).toFixed(2)}`)
	const iconFont = summary.get(scenarios[2][0])
	console.log(`icon+font / Remotion-only (this runtime): bytes ${(iconFont.bytes / ours.bytes).toFixed(2)}, first frame ${(iconFont.firstFrame / ours.firstFrame).toFixed(2)}`)
	if (ours.bytes > theirs.bytes) console.log(`The Remotion-only preview got heavier than ${BASELINE_REF}'s by ${ours.bytes - theirs.bytes} bytes.`)
} finally {
	await browser.close()
	await app.stop()
	await dropDatabase({ baseUrl, name: databaseName })
	fs.rmSync(baselinePath, { force: true })
}
