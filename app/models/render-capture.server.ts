/**
 * What a render job makes, in headless Chromium (Debian's /usr/bin/chromium
 * through playwright-core): each scene's sandboxed preview document itself,
 * answered from the same model functions and under the same CSP as the app's
 * own routes (so the worker needs no running web server), captured at the
 * scene's preview frame; every scene stepped through to prove it plays; the
 * first scene's motion preview; the social card composed with sharp.
 * See docs/rendering.md.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { type Browser, type Page, chromium } from 'playwright-core'
import sharp from 'sharp'
import {
	PREVIEW_RUNTIME_URL,
	compiledSceneScript,
	findPreviewScene,
	previewContentSecurityPolicy,
	renderPreviewDocument,
} from '#app/models/preview.server.ts'
import { avatarImage } from '#app/models/scene-avatars.server.ts'
import { iconScript } from '#app/models/scene-icons.server.ts'
import { findMediaFile } from '#app/models/scene-media.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { repositoryRoot } from '#app/utils/repository-root.server.ts'
import { SOCIAL_IMAGE_SIZE } from '#app/utils/social-image.ts'
import { FORMAT_SIZES, previewDocumentUrl } from '#app/utils/preview-url.ts'
import { isAvatarKey } from '#app/utils/scene-avatars.ts'
import { ICON_SCRIPT_PATH, isServedIconName } from '#app/utils/scene-icons.ts'

/** The origin the browser believes it talks to; nothing listens there, every request is answered below. */
export const RENDER_ORIGIN = 'http://render.localhost'
export const POSTER_WIDTHS = [640, 1280] as const
export const MOTION_WIDTH = 480
export const MOTION_MAX_BYTES = 400 * 1024
const MOTION_SECONDS = 3
const MOTION_FPS = 10
/** How many frames of each scene the verification shows (evenly spread, the last included). */
const VERIFY_SAMPLES = 24
const READY_TIMEOUT_MS = 20_000

export function chromiumPath() {
	return getEnv().CHROMIUM_PATH
}

export async function launchRenderBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath(),
		// Playwright would close the browser on the process's SIGTERM/SIGINT/SIGHUP, failing the render in
		// hand; the worker's own stop lets that render finish and the job's finally closes the browser.
		handleSIGTERM: false,
		handleSIGINT: false,
		handleSIGHUP: false,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--mute-audio'],
	})
}

/**
 * Answers the page's requests to RENDER_ORIGIN as the app would: the preview
 * document with its CSP, the runtime and libraries built by build:preview
 * (public/), fonts, icons, avatars, compiled scene code and copied media.
 */
export async function answerPreviewRequests(page: Page, origin = RENDER_ORIGIN) {
	const root = repositoryRoot()
	const runtimePath = path.join(root, 'public', PREVIEW_RUNTIME_URL)
	const runtime = await fs.readFile(runtimePath).catch(() => {
		throw new Error(`The preview runtime is not built (${runtimePath}); run "npm run build:preview" first`)
	})
	await page.route(`${origin}/**`, async (route) => {
		const url = new URL(route.request().url())
		if (url.pathname === PREVIEW_RUNTIME_URL) return route.fulfill({ body: runtime, contentType: 'text/javascript' })
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
		const start = url.searchParams.get('start')
		return route.fulfill({
			body: renderPreviewDocument(scene, {
				autoplay: url.searchParams.get('autoplay') !== '0',
				controls: url.searchParams.get('controls') !== '0',
				loop: url.searchParams.get('loop') !== '0',
				...(start !== null && /^\d+$/.test(start) ? { startFrame: Number(start) } : {}),
			}),
			contentType: 'text/html',
			headers: { 'Content-Security-Policy': previewContentSecurityPolicy([]) },
		})
	})
}

export interface SceneCapture {
	index: number
	ok: boolean
	/** The error card's text when the scene failed. */
	message?: string
	/** The still at the preview frame, 1280 wide (PNG), when the scene played. */
	still?: Buffer
	width: number
	height: number
}

async function previewState(page: Page) {
	await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.previewState ?? ''), null, { timeout: READY_TIMEOUT_MS })
	return page.evaluate(() => document.documentElement.dataset.previewState)
}

async function errorMessage(page: Page) {
	const text = await page.locator('[role="alert"]').first().innerText({ timeout: 2_000 }).catch(() => '')
	return text.trim().replace(/\s+\n/g, '\n') || 'The scene showed an error'
}

/** Two animation frames: the Player has painted what it was asked for. */
function painted(page: Page) {
	return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
}

async function seekTo(page: Page, frame: number) {
	await page.evaluate((target) => window.BazaarPreview.seekTo?.(target), frame)
	await painted(page)
}

/**
 * One scene: its still at the preview frame (1280 wide), then every
 * VERIFY_SAMPLES-th frame shown in turn: the scene passes when it reached
 * "ready" and no frame ended in the error card.
 */
export async function captureScene(page: Page, templateId: string, sceneIndex: number): Promise<SceneCapture | null> {
	const scene = await findPreviewScene(templateId, sceneIndex)
	if (!scene) return null
	const format = FORMAT_SIZES[scene.formats[0] ?? 'landscape']
	const width = POSTER_WIDTHS[1]
	const height = Math.round((format.height * width) / format.width)
	await page.setViewportSize({ width, height })
	await page.goto(`${RENDER_ORIGIN}${previewDocumentUrl(templateId, sceneIndex, { autoplay: false, controls: false, loop: false })}`)
	if ((await previewState(page)) === 'error') return { index: sceneIndex, ok: false, message: await errorMessage(page), width, height }
	await painted(page)
	const still = await page.screenshot({ type: 'png' })
	const last = Math.max(0, scene.duration - 1)
	for (let sample = 0; sample <= VERIFY_SAMPLES; sample++) {
		await seekTo(page, Math.round((last * sample) / VERIFY_SAMPLES))
		if ((await page.evaluate(() => document.documentElement.dataset.previewState)) === 'error') {
			return { index: sceneIndex, ok: false, message: await errorMessage(page), width, height }
		}
	}
	return { index: sceneIndex, ok: true, still, width, height }
}

export async function posterWebp(still: Buffer, width: number) {
	return sharp(still).resize({ width }).webp({ quality: 80 }).toBuffer()
}

/** The first seconds of a scene as a looping animated WebP (muted by nature), kept under MOTION_MAX_BYTES. */
export async function captureMotion(page: Page, templateId: string, sceneIndex: number): Promise<Buffer | null> {
	const scene = await findPreviewScene(templateId, sceneIndex)
	if (!scene) return null
	const format = FORMAT_SIZES[scene.formats[0] ?? 'landscape']
	const width = MOTION_WIDTH
	const height = Math.round((format.height * width) / format.width / 2) * 2
	await page.setViewportSize({ width, height })
	await page.goto(`${RENDER_ORIGIN}${previewDocumentUrl(templateId, sceneIndex, { autoplay: false, controls: false, loop: false, startFrame: 0 })}`)
	if ((await previewState(page)) === 'error') return null
	const frames: Buffer[] = []
	const step = 30 / MOTION_FPS
	const lastFrame = Math.min(scene.duration - 1, MOTION_SECONDS * 30 - 1)
	for (let frame = 0; frame <= lastFrame; frame += step) {
		await seekTo(page, Math.round(frame))
		frames.push(await page.screenshot({ type: 'png' }))
	}
	if (frames.length < 2) return null
	for (const quality of [60, 45, 30, 20]) {
		const webp = await sharp(frames, { join: { animated: true } })
			.webp({ quality, loop: 0, delay: Math.round(1000 / MOTION_FPS), effort: 4 })
			.toBuffer()
		if (webp.length <= MOTION_MAX_BYTES) return webp
	}
	return null
}

function escapeXml(text: string) {
	return text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`)
}

/** Splits a title into at most two lines of about `perLine` characters (the last one shortened with an ellipsis). */
function titleLines(title: string, perLine = 26) {
	const words = title.trim().split(/\s+/)
	const lines: string[] = ['']
	for (const word of words) {
		const current = lines.at(-1)!
		if (!current || `${current} ${word}`.length <= perLine) lines[lines.length - 1] = current ? `${current} ${word}` : word
		else if (lines.length < 2) lines.push(word)
		else {
			lines[1] = `${lines[1]!.slice(0, perLine - 1)}…`
			break
		}
	}
	return lines
}

/**
 * Our social card, 1200×630: the first scene's poster filling the card,
 * darkened at the bottom, the title large and the creator under it, and the
 * site's name in the corner.
 */
export async function composeSocialImage(still: Buffer | null, { title, creatorName }: { title: string; creatorName: string | null }) {
	const { width, height } = SOCIAL_IMAGE_SIZE
	const background = still
		? await sharp(still).resize({ width, height, fit: 'cover' }).toBuffer()
		: await sharp({ create: { width, height, channels: 3, background: '#312e81' } }).png().toBuffer()
	const lines = titleLines(title)
	const titleY = height - 96 - (lines.length - 1) * 62
	const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="shade" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0.35" stop-color="#0b0b14" stop-opacity="0"/><stop offset="1" stop-color="#0b0b14" stop-opacity="0.88"/>
  </linearGradient></defs>
  <rect width="${width}" height="${height}" fill="url(#shade)"/>
  <rect x="40" y="34" rx="20" width="262" height="42" fill="#0b0b14" fill-opacity="0.7"/>
  <text x="60" y="63" font-family="DejaVu Sans, sans-serif" font-size="20" font-weight="700" fill="#ffffff">Bazaar Community</text>
  ${lines.map((line, index) => `<text x="56" y="${titleY + index * 62}" font-family="DejaVu Sans, sans-serif" font-size="54" font-weight="700" fill="#ffffff">${escapeXml(line)}</text>`).join('\n  ')}
  ${creatorName ? `<text x="58" y="${height - 44}" font-family="DejaVu Sans, sans-serif" font-size="26" fill="#e0e7ff">by ${escapeXml(creatorName.slice(0, 60))}</text>` : ''}
</svg>`
	return sharp(background).composite([{ input: Buffer.from(overlay) }]).jpeg({ quality: 84, mozjpeg: true }).toBuffer()
}
