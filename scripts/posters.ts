// `npm run posters [-- --all] [-- --template <slug>]`: render each template's
// scenes at their preview frame with headless Chromium (the one the tests use)
// into public/posters/<templateId>/<sceneIndex>.jpg and set the template's
// thumbnail_url to its first scene's still. By default only templates without
// a thumbnail (new ones); `--all` renders every active template again.
//
// No running app is needed: the browser's requests to the preview URLs are
// answered here, from the same model functions the app uses, so it works on
// the embedded database too (while the app is stopped) and on PostgreSQL.
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { closeDatabase } from '#app/db/client.server.ts'
import { migrateDatabase } from '#app/db/migrate.server.ts'
import { avatarImage } from '#app/models/scene-avatars.server.ts'
import { iconScript } from '#app/models/scene-icons.server.ts'
import {
	PREVIEW_RUNTIME_URL,
	compiledSceneScript,
	findPreviewScene,
	listTemplatesNeedingPosters,
	previewContentSecurityPolicy,
	renderPreviewDocument,
	setTemplateThumbnail,
} from '#app/models/preview.server.ts'
import { findMediaFile } from '#app/models/scene-media.server.ts'
import { FORMAT_SIZES, previewDocumentUrl, scenePosterPath } from '#app/utils/preview-url.ts'
import { isAvatarKey } from '#app/utils/scene-avatars.ts'
import { ICON_SCRIPT_PATH, isServedIconName } from '#app/utils/scene-icons.ts'

const ORIGIN = 'http://posters.localhost'
const POSTER_SCALE = 0.5
const root = path.resolve(import.meta.dirname, '..')
const { values: options } = parseArgs({ options: { all: { type: 'boolean', default: false }, template: { type: 'string' } } })

async function main() {
	const runtimePath = path.join(root, 'public', PREVIEW_RUNTIME_URL)
	const runtime = await fs.readFile(runtimePath).catch(() => {
		throw new Error(`The preview runtime is not built (${runtimePath}); run "npm run build:preview" first`)
	})
	await migrateDatabase()
	const templates = await listTemplatesNeedingPosters({ all: options.all, slug: options.template })
	if (templates.length === 0) {
		console.log(options.all || options.template ? 'No active template matched.' : 'Every template has a poster already (use --all to render them again).')
		return
	}
	console.log(`Rendering posters for ${templates.length} template(s)…`)

	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	})
	const page = await browser.newPage()
	await page.route(`${ORIGIN}/**`, async (route) => {
		const url = new URL(route.request().url())
		if (url.pathname === PREVIEW_RUNTIME_URL) return route.fulfill({ body: runtime, contentType: 'text/javascript' })
		// The libraries and fonts a scene reads (built by build:preview), its icons and avatars.
		const staticFile = url.pathname.match(/^\/(preview-runtime\/[\w-]+\.js|preview-fonts\/[\w-]+\.woff2)$/)
		if (staticFile) {
			const body = await fs.readFile(path.join(root, 'public', staticFile[1]!)).catch(() => null)
			const contentType = staticFile[1]!.endsWith('.js') ? 'text/javascript' : 'font/woff2'
			return body ? route.fulfill({ body, contentType, headers: { 'Access-Control-Allow-Origin': '*' } }) : route.fulfill({ status: 404 })
		}
		if (url.pathname === ICON_SCRIPT_PATH) {
			const names = (url.searchParams.get('icons') ?? '').split(',').filter(isServedIconName)
			return route.fulfill({ body: await iconScript(names), contentType: 'text/javascript' })
		}
		const avatar = url.pathname.match(/^\/preview\/avatars\/([\w-]+)$/)
		if (avatar && isAvatarKey(avatar[1]!)) {
			const image = await avatarImage(avatar[1])
			return route.fulfill({ body: typeof image.body === 'string' ? image.body : Buffer.from(image.body), contentType: image.contentType })
		}
		const code = url.pathname.match(/^\/preview\/code\/([0-9a-f]{64})\.js$/)
		if (code) {
			const script = await compiledSceneScript(code[1]!)
			return script === null ? route.fulfill({ status: 404 }) : route.fulfill({ body: script, contentType: 'text/javascript' })
		}
		const media = url.pathname.match(/^\/media\/([0-9a-f]{64})$/)
		if (media) {
			const file = await findMediaFile(media[1]!)
			return file === null ? route.fulfill({ status: 404 }) : route.fulfill({ body: Buffer.from(file.bytes), contentType: file.contentType })
		}
		const document = url.pathname.match(/^\/preview\/([0-9a-f-]{36})\/(\d+)$/)
		const scene = document ? await findPreviewScene(document[1]!, Number(document[2])) : null
		if (!scene) return route.fulfill({ status: 404 })
		return route.fulfill({
			body: renderPreviewDocument(scene, { autoplay: false, controls: false }),
			contentType: 'text/html',
			headers: { 'Content-Security-Policy': previewContentSecurityPolicy([]) },
		})
	})

	let rendered = 0
	let failed = 0
	for (const [position, template] of templates.entries()) {
		const started = performance.now()
		const outcomes: string[] = []
		for (const sceneIndex of template.sceneIndexes) {
			const scene = await findPreviewScene(template.id, sceneIndex)
			if (!scene) continue
			const { width, height } = FORMAT_SIZES[scene.formats[0] ?? 'landscape']
			await page.setViewportSize({ width: Math.round(width * POSTER_SCALE), height: Math.round(height * POSTER_SCALE) })
			await page.goto(`${ORIGIN}${previewDocumentUrl(template.id, sceneIndex, { autoplay: false, controls: false })}`)
			await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.previewState ?? ''), null, { timeout: 15_000 })
			if ((await page.evaluate(() => document.documentElement.dataset.previewState)) === 'error') {
				outcomes.push(`scene ${sceneIndex}: error card, no poster`)
				failed++
				continue
			}
			// Two animation frames: the Player has painted the still.
			await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
			const file = path.join(root, 'public', scenePosterPath(template.id, sceneIndex))
			await fs.mkdir(path.dirname(file), { recursive: true })
			await page.screenshot({ path: file, type: 'jpeg', quality: 82 })
			rendered++
		}
		if (template.sceneIndexes.includes(0) && !outcomes.some((outcome) => outcome.startsWith('scene 0:'))) {
			await setTemplateThumbnail(template.id, scenePosterPath(template.id, 0))
		}
		const took = Math.round(performance.now() - started)
		console.log(`[${position + 1}/${templates.length}] ${template.slug}: ${template.sceneIndexes.length} scene(s), ${took} ms${outcomes.length ? ` (${outcomes.join('; ')})` : ''}`)
	}
	await browser.close()
	console.log(`Done: ${rendered} poster(s) written under public/posters/${failed ? `, ${failed} scene(s) failed` : ''}.`)
}

try {
	await main()
} catch (error) {
	console.error(error instanceof Error ? error.message : error)
	process.exitCode = 1
} finally {
	await closeDatabase()
}
