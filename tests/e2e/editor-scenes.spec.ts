/**
 * Scenes in the shapes the Bazaar editor accepts, with remote media, published
 * through POST /publish and played in the sandboxed preview in Chromium
 * (issue 16, items 3 to 5): no default export, named exports, imports, 3,600
 * frames; images, video and audio copied at publish and shown from our origin
 * with no request leaving it; a scene that throws shows the real message and
 * its line instead of "Script error.".
 */
import { expect, test } from '@playwright/test'
import { type MediaServer, startMediaServer } from '../fixtures/media-server.ts'
import { type Publisher, openPreview, publishScenes, usePublisher } from './editor-scene-helpers.ts'

let media: MediaServer
let publisher: Publisher
test.beforeAll(async () => {
	media = await startMediaServer()
	publisher = await usePublisher()
})
test.afterAll(async () => {
	await publisher.close()
	await media.close()
})

const NO_DEFAULT_EXPORT = `import React from "react";
import { AbsoluteFill, useCurrentFrame, interpolate } from "remotion";

export const durationInFrames_5d1c0b7a = 3600;

function Caption({ text }: { text: string }) {
	return <h1 style={{ color: "white", fontSize: 96 }}>{text}</h1>;
}

const Scene_5d1c0b7a = () => {
	const frame = useCurrentFrame();
	const opacity = interpolate(frame, [0, 30], [0, 1], { extrapolateRight: "clamp" });
	return (
		<AbsoluteFill style={{ background: "#102030", opacity, justifyContent: "center", alignItems: "center" }}>
			<Caption text="Picked like the editor picks" />
		</AbsoluteFill>
	);
};

const PALETTE = { ink: "#102030" };
`

function mediaScene(origin: string) {
	return `const { AbsoluteFill, Img, Video, Audio, Sequence } = window.Remotion;
const teamPhoto = "${origin}/photos/team-4471";

const Scene_9a3e77c2 = () => (
	<AbsoluteFill style={{ backgroundImage: "url(${origin}/img/paper.png)", backgroundSize: "cover" }}>
		<Img src="${origin}/img/logo.png" style={{ width: 200 }} />
		<Img src={teamPhoto} style={{ width: 300 }} />
		<img src="${origin}/img/badge.svg" alt="badge" />
		<Sequence from={0}>
			<Video src="${origin}/video/clip.webm" style={{ width: 640 }} />
			<Audio src="${origin}/audio/theme.wav" />
		</Sequence>
	</AbsoluteFill>
);
export default Scene_9a3e77c2;
`
}

const THROWS_IN_RENDER = `const { AbsoluteFill } = window.Remotion;

function Counter({ stats }) {
	const total = stats.views.total;
	return <div>{total}</div>;
}

export default function Scene_0be4c1d9() {
	return <AbsoluteFill><Counter stats={{}} /></AbsoluteFill>;
}
`

const THROWS_IN_TIMER = `const { AbsoluteFill } = window.Remotion;
const { useEffect } = React;

export default function Scene_7c2d9e10() {
	useEffect(() => {
		const id = setTimeout(() => {
			throw new RangeError("The chart ran out of bars");
		}, 0);
		return () => clearTimeout(id);
	}, []);
	return <AbsoluteFill style={{ background: "#222" }} />;
}
`

test('editor export shapes and 3,600 frames publish and play; remote media plays from our origin only', async ({ page }) => {
	test.setTimeout(120_000)
	const published = await publishScenes(publisher, 'kai@bazaar.example', 'demo-kai', 'Editor shapes and media', [
		{ name: 'Picked component', tsxCode: NO_DEFAULT_EXPORT, duration: 3600 },
		{ name: 'Team media', tsxCode: mediaScene(media.origin), duration: 150 },
	])
	// Fetched once, at publish.
	for (const path of ['/img/paper.png', '/img/logo.png', '/photos/team-4471', '/img/badge.svg', '/video/clip.webm', '/audio/theme.wav']) expect(media.hits.get(path), path).toBe(1)
	// The stored code is exactly what was published.
	expect(published.storedCode).toEqual([NO_DEFAULT_EXPORT, mediaScene(media.origin)])

	const first = await openPreview(page, published.templateId, 0)
	expect(first.state).toBe('ready')
	await expect(page.locator('body')).toHaveAttribute('data-duration', '3600')
	await expect(page.getByRole('heading', { name: 'Picked like the editor picks' })).toBeVisible()
	expect(first.foreignRequests).toEqual([])

	const second = await openPreview(page, published.templateId, 1)
	expect(second.state).toBe('ready')
	const images = page.locator('#preview-root img')
	await expect(images).toHaveCount(3)
	for (const image of await images.all()) {
		await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true)
		expect(await image.evaluate((element: HTMLImageElement) => element.currentSrc)).toMatch(new RegExp(`^${publisher.base}/media/[0-9a-f]{64}$`))
	}
	const background = await page.locator('#preview-root [style*="background-image"]').first().evaluate((element) => getComputedStyle(element).backgroundImage)
	expect(background).toMatch(new RegExp(`url\\("${publisher.base}/media/[0-9a-f]{64}"\\)`))
	const video = page.locator('#preview-root video')
	await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState >= 1 && element.currentSrc)).toMatch(new RegExp(`^${publisher.base}/media/`))
	const audioSources = await page.locator('audio').evaluateAll((elements) => elements.map((element) => (element as HTMLAudioElement).currentSrc || element.getAttribute('src')))
	expect(audioSources.some((source) => source?.startsWith(`${publisher.base}/media/`))).toBe(true)
	expect(second.foreignRequests).toEqual([])
	// Previews use the copies; the remote server saw nothing more.
	expect(media.hits.get('/video/clip.webm')).toBe(1)
})

test('a scene that throws shows the real message and where, not "Script error."', async ({ page }) => {
	const published = await publishScenes(publisher, 'sofia@bazaar.example', 'demo-sofia', 'Scenes that throw', [
		{ name: 'Render error', tsxCode: THROWS_IN_RENDER, duration: 90 },
		{ name: 'Timer error', tsxCode: THROWS_IN_TIMER, duration: 90 },
	])
	const render = await openPreview(page, published.templateId, 0)
	expect(render.state).toBe('error')
	const card = page.getByRole('alert')
	await expect(card).toContainText("TypeError: Cannot read properties of undefined (reading 'total')")
	await expect(card).toContainText('line 4, column')
	await expect(card).toContainText('in <Counter>')
	await expect(card).not.toContainText('Script error')

	const timer = await openPreview(page, published.templateId, 1)
	await expect(page.getByRole('alert')).toContainText('RangeError: The chart ran out of bars')
	await expect(page.getByRole('alert')).toContainText('line 7, column')
	await expect(page.getByRole('alert')).not.toContainText('Script error')
	expect(timer.foreignRequests).toEqual([])
})
