import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { communityMediaFiles, communityTemplateScenes, communityTemplates } from '#app/db/schema.ts'
import { resetEnvCache } from '#app/utils/env.server.ts'
import { sha256Hex } from '#app/utils/ids.ts'
import { createProject, createUser } from '#tests/fixtures/community-factories.ts'
import { type MediaServer, startMediaServer } from '#tests/fixtures/media-server.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import { loader as mediaLoader } from '../routes/media.$sha256.ts'
import { findPreviewScene, renderPreviewDocument } from './preview.server.ts'
import { publishTemplate } from './publish.server.ts'
import { copySceneMedia, mediaUrlsInScene, sceneMediaMap } from './scene-media.server.ts'
import { TemplateMetadataSchema } from './template-metadata.ts'

const { db } = useTestDatabase()
let server: MediaServer
beforeAll(async () => {
	process.env.MEDIA_FETCH_ALLOW_PRIVATE = '1'
	resetEnvCache()
	server = await startMediaServer()
})
afterAll(async () => {
	delete process.env.MEDIA_FETCH_ALLOW_PRIVATE
	resetEnvCache()
	await server.close()
})

const metadata = () => TemplateMetadataSchema.parse({ title: 'Media Intro', description: '', category: 'intros', tags: 'media', formats: ['landscape'], visibility: 'public' })

function mediaScene(origin: string) {
	return `const { AbsoluteFill, Img, Video, Audio } = window.Remotion;
const heroPhoto = "${origin}/photos/hero";
const team = ["${origin}/img/ana.png", "${origin}/img/ben.svg"];
export default function Scene_4f2a9c1e() {
	return (
		<AbsoluteFill style={{ backgroundImage: "url(${origin}/img/texture.png)" }}>
			<Img src={heroPhoto} />
			{team.map((src) => <Img key={src} src={src} />)}
			<Video src="${origin}/video/clip.webm" />
			<Audio src="${origin}/audio/beat.wav" />
			<p>Read more at ${origin}/blog/launch or https://bazaar.it</p>
		</AbsoluteFill>
	);
}
`
}

describe('mediaUrlsInScene', () => {
	test('finds media by extension, in url(), and by the name it is given; leaves links alone', () => {
		const origin = 'https://cdn.example'
		expect(mediaUrlsInScene(mediaScene(origin))).toEqual([
			`${origin}/photos/hero`,
			`${origin}/img/ana.png`,
			`${origin}/img/ben.svg`,
			`${origin}/img/texture.png`,
			`${origin}/video/clip.webm`,
			`${origin}/audio/beat.wav`,
		])
		expect(mediaUrlsInScene('const poster = { image: `https://images.example/photo-1?w=800` }; const site = "https://bazaar.it";')).toEqual(['https://images.example/photo-1?w=800'])
		expect(mediaUrlsInScene('<img src="https://images.example/abc" alt="" />')).toEqual(['https://images.example/abc'])
	})
})

describe('copySceneMedia', () => {
	test('copies each file once, content-addressed, and maps every URL of the scene code to our copy', async () => {
		const tsxCode = mediaScene(server.origin)
		const result = await copySceneMedia([{ name: 'Intro', tsxCode }, { name: 'Again', tsxCode }])
		expect(result).toEqual({ ok: true, copiedUrls: 6 })
		expect(server.hits.get('/video/clip.webm')).toBe(1)
		const map = await sceneMediaMap(sha256Hex(tsxCode))
		expect(Object.keys(map).sort()).toEqual(mediaUrlsInScene(tsxCode).sort())
		for (const copy of Object.values(map)) expect(copy).toMatch(/^\/media\/[0-9a-f]{64}$/)
		const [stored] = await db.select().from(communityMediaFiles).where(eq(communityMediaFiles.sha256, map[`${server.origin}/video/clip.webm`]!.slice(7)))
		expect(stored).toMatchObject({ contentType: 'video/webm', byteSize: stored!.bytes.length })
		expect(sha256Hex(stored!.bytes)).toBe(stored!.sha256)
	})

	test('a file that cannot be copied names the scene and the URL, and maps nothing', async () => {
		const good = `export default function A() { return <img src="${server.origin}/img/ok.png" /> }`
		const bad = `export default function B() { return <><img src="${server.origin}/page.html" /><img src="${server.origin}/missing.png" /></> }`
		const result = await copySceneMedia([{ name: 'Opening', tsxCode: good }, { name: 'Closing', tsxCode: bad }])
		expect(result).toEqual({
			ok: false,
			failures: [
				{ sceneIndex: 1, sceneName: 'Closing', url: `${server.origin}/page.html`, message: `Could not copy ${server.origin}/page.html: it is text/html, not an image, video or audio file` },
				{ sceneIndex: 1, sceneName: 'Closing', url: `${server.origin}/missing.png`, message: `Could not copy ${server.origin}/missing.png: the server answered 404 Not Found` },
			],
		})
		expect(await sceneMediaMap(sha256Hex(good))).toEqual({})
	})
})

describe('publishing a scene with remote media', () => {
	test('the code is stored unchanged, the preview maps each URL to our immutable copy', async () => {
		const owner = await createUser()
		const tsxCode = mediaScene(server.origin)
		const { project } = await createProject(owner.id, [tsxCode])
		const result = await publishTemplate({ ownerUserId: owner.id, projectId: project.id, metadata: metadata() })
		expect(result).toMatchObject({ ok: true })
		if (!result.ok) return
		const [snapshot] = await db.select().from(communityTemplateScenes).where(eq(communityTemplateScenes.templateId, result.template.id))
		expect(snapshot!.tsxCode).toBe(tsxCode)
		expect(snapshot!.codeHash).toBe(sha256Hex(tsxCode))

		const scene = (await findPreviewScene(result.template.id, 0))!
		const html = renderPreviewDocument(scene)
		const block = /<script type="application\/json" id="scene-media">(.*?)<\/script>/.exec(html)
		expect(JSON.parse(block![1]!)).toEqual(scene.media)
		const copy = scene.media[`${server.origin}/img/ana.png`]!

		const response = await mediaLoader({ params: { sha256: copy.slice('/media/'.length) }, request: new Request(`http://localhost${copy}`), context: {} })
		expect(response.status).toBe(200)
		expect(response.headers.get('Content-Type')).toBe('image/png')
		expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
		expect(response.headers.get('Content-Security-Policy')).toContain('sandbox')
		const bytes = Buffer.from(await response.arrayBuffer())
		expect(bytes.subarray(1, 4).toString()).toBe('PNG')

		const ranged = await mediaLoader({ params: { sha256: copy.slice(7) }, request: new Request(`http://localhost${copy}`, { headers: { Range: 'bytes=1-3' } }), context: {} })
		expect(ranged.status).toBe(206)
		expect(ranged.headers.get('Content-Range')).toBe(`bytes 1-3/${bytes.length}`)
		expect(Buffer.from(await ranged.arrayBuffer()).toString()).toBe('PNG')
		const unknown = await mediaLoader({ params: { sha256: 'f'.repeat(64) }, request: new Request('http://localhost/media/x'), context: {} })
		expect(unknown.status).toBe(404)
	})

	test('a URL that cannot be copied is a publish error naming the scene and the URL; nothing is saved', async () => {
		const owner = await createUser()
		const { project, scenes } = await createProject(owner.id, [
			'export default function Fine() { return null }',
			`export default function Logo() { return <img src="${server.origin}/missing.png" /> }`,
		])
		const result = await publishTemplate({ ownerUserId: owner.id, projectId: project.id, metadata: metadata() })
		expect(result).toEqual({
			ok: false,
			reason: 'scene_errors',
			scenes: [{ sceneId: scenes[1]!.id, position: 2, name: 'Scene 2', problems: [{ message: `Could not copy ${server.origin}/missing.png: the server answered 404 Not Found` }] }],
		})
		expect(await db.select().from(communityTemplates).where(eq(communityTemplates.ownerUserId, owner.id))).toEqual([])
	})
})
