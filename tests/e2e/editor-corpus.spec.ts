/**
 * The proof of issue 16: 34 scenes written by us in the Bazaar editor's style
 * (tests/fixtures/editor-style-scenes.ts), published through POST /publish
 * (their remote media served by a local HTTP server and copied at publish),
 * then each played in the sandboxed preview in Chromium: ready with no error
 * card, its fonts loaded in `document.fonts`, its icons and shapes drawn as
 * SVG, its media and avatars shown from our origin, and no request leaving it.
 */
import { expect, test } from '@playwright/test'
import { type EditorStyleScene, editorStyleScenes } from '../fixtures/editor-style-scenes.ts'
import { type MediaServer, startMediaServer } from '../fixtures/media-server.ts'
import { type Publisher, type PublishedTemplate, findPublished, openPreview, publishScenes, usePublisher } from './editor-scene-helpers.ts'

/** Most scenes one template may hold is 20: the corpus goes out as two templates. */
const PER_TEMPLATE = 18
/** Fonts, icon sets and media load after the runtime reports ready; on a busy machine that can take a while. */
const POLL_MS = 30_000
const NAMES = editorStyleScenes('http://media.invalid').map((scene) => scene.name)

let media: MediaServer
let publisher: Publisher
let corpus: EditorStyleScene[]
const published: PublishedTemplate[] = []
/** Requests the media server had answered once everything was published. */
let hitsAfterPublish = 0
const totalHits = () => [...media.hits.values()].reduce((sum, count) => sum + count, 0)

test.beforeAll(async () => {
	test.setTimeout(120_000)
	// A fixed port (the widget demo uses E2E_PORT + 1), so a rerun of this hook finds the same scene code already published.
	media = await startMediaServer('127.0.0.1', Number(process.env.E2E_PORT ?? 3210) + 2)
	publisher = await usePublisher()
	corpus = editorStyleScenes(media.origin)
	for (let start = 0; start < corpus.length; start += PER_TEMPLATE) {
		const part = corpus.slice(start, start + PER_TEMPLATE)
		const title = `Editor corpus part ${start / PER_TEMPLATE + 1}`
		const earlier = await findPublished(publisher, 'demo-leo', title, part.map((scene) => scene.tsxCode))
		published.push(earlier ?? (await publishScenes(publisher, 'leo@bazaar.example', 'demo-leo', title, part)))
	}
	hitsAfterPublish = totalHits()
})
test.afterAll(async () => {
	await publisher.close()
	await media.close()
})

test('the corpus is what the issue asks for', () => {
	expect(corpus.length).toBeGreaterThanOrEqual(30)
	expect(corpus.every((scene) => /Scene_[0-9a-f]{8}/.test(scene.tsxCode))).toBe(true)
	expect(corpus.some((scene) => scene.duration === 3600)).toBe(true)
	expect(corpus.some((scene) => !/export default/.test(scene.tsxCode))).toBe(true)
	expect(new Set(corpus.flatMap((scene) => scene.fonts)).size).toBeGreaterThanOrEqual(20)
	// Published as written; each remote file fetched at publish (once per template that shows it).
	expect(published.flatMap((template) => template.storedCode)).toEqual(corpus.map((scene) => scene.tsxCode))
	const referenced = new Set(corpus.flatMap((scene) => [...scene.tsxCode.matchAll(new RegExp(`${media.origin}(/[\\w./-]+)`, 'g'))].map((match) => match[1]!)))
	expect(referenced.size).toBeGreaterThanOrEqual(15)
	for (const path of referenced) expect([1, 2], path).toContain(media.hits.get(path))
})

NAMES.forEach((name, index) => {
	test(`${index + 1}. ${name}`, async ({ page }) => {
		const scene = corpus[index]!
		const template = published[Math.floor(index / PER_TEMPLATE)]!
		const opened = await openPreview(page, template.templateId, index % PER_TEMPLATE, 'autoplay=0&controls=0')
		const card = page.getByRole('alert')
		expect(opened.state, (await card.count()) ? await card.innerText() : 'no error card').toBe('ready')
		await expect(card).toHaveCount(0)

		for (const family of scene.fonts) {
			await expect
				.poll(() => page.evaluate((wanted) => [...document.fonts].some((face) => face.family.replace(/["']/g, '') === wanted && face.status === 'loaded'), family), { message: `font ${family} loaded`, timeout: POLL_MS })
				.toBe(true)
		}

		if (scene.svgs > 0) {
			await expect
				.poll(() => page.locator('#preview-root svg').evaluateAll((svgs) => svgs.filter((svg) => svg.querySelector('path, circle, rect, polygon, ellipse, line, polyline')).length), { message: 'icons and shapes drawn as SVG', timeout: POLL_MS })
				.toBeGreaterThanOrEqual(scene.svgs)
		}

		const sources = () =>
			page.locator('#preview-root img, #preview-root video, audio').evaluateAll((elements) =>
				elements.map((element) => ({
					tag: element.tagName.toLowerCase(),
					src: (element as HTMLMediaElement).currentSrc || element.getAttribute('src') || '',
					ready: element instanceof HTMLImageElement ? element.complete && element.naturalWidth > 0 : element instanceof HTMLVideoElement ? element.readyState >= 1 : true,
				})),
			)
		// Remotion's <Video> adds a media fragment (`#t=…`) to the source it is given.
		const copies = new RegExp(`^${publisher.base}/media/[0-9a-f]{64}(#t=[0-9.,]+)?$`)
		if (scene.media > 0) await expect.poll(async () => (await sources()).filter((source) => copies.test(source.src) && source.ready).length, { message: 'media shown from our copies', timeout: POLL_MS }).toBeGreaterThanOrEqual(scene.media)
		if (scene.avatars > 0) {
			await expect
				.poll(async () => (await sources()).filter((source) => source.tag === 'img' && source.src.startsWith(`${publisher.base}/`) && !copies.test(source.src) && source.ready).length, { message: 'avatars from our origin', timeout: POLL_MS })
				.toBeGreaterThanOrEqual(scene.avatars)
		}
		// Everything else on our origin too (the player's own silent audio tags use a data: URL).
		for (const source of await sources()) expect(/^(data:|blob:|$)/.test(source.src) || source.src.startsWith(`${publisher.base}/`), `${source.tag} ${source.src.slice(0, 80)}`).toBe(true)

		expect(opened.foreignRequests).toEqual([])
		// The preview played our copies: the remote server saw nothing more.
		expect(totalHits()).toBe(hitsAfterPublish)
		await expect(card).toHaveCount(0)
	})
})
