import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import { db } from '#app/db/client.server.ts'
import { DEMO_TEMPLATES } from '#app/db/demo-content.ts'
import { communityTemplateScenes } from '#app/db/schema.ts'
import { demoTemplateId } from '#app/db/seed.server.ts'
import { loader as codeLoader } from '#app/routes/preview.code.$file.ts'
import { loader as documentLoader } from '#app/routes/preview.$templateId.$sceneIndex.tsx'
import { sha256Hex } from '#app/utils/ids.ts'
import { useTestDatabase } from '#tests/setup/test-database.ts'
import {
	clearCompiledSceneCache,
	compiledSceneScript,
	compiledCacheStats,
	PREVIEW_RUNTIME_URL,
	SCENE_MEDIA_RUNTIME_URL,
	findPreviewScene,
	previewContentSecurityPolicy,
	renderPreviewDocument,
	sceneScriptFor,
} from './preview.server.ts'

useTestDatabase({ seed: true })

const byStatus = (predicate: (template: (typeof DEMO_TEMPLATES)[number]) => boolean) => DEMO_TEMPLATES.find(predicate)!
const publicTemplate = byStatus((template) => template.visibility === 'public' && template.status === 'active')
const unlistedTemplate = byStatus((template) => template.visibility === 'unlisted')
const disabledTemplate = byStatus((template) => template.status === 'disabled')
const portraitTemplate = byStatus((template) => template.status === 'active' && template.formats[0] === 'portrait')

const args = (url: string, params: Record<string, string>) => ({ request: new Request(`http://localhost${url}`), params, context: {} })

beforeEach(() => clearCompiledSceneCache())

describe('findPreviewScene', () => {
	test('finds a public scene with its hash, duration and preview frame', async () => {
		const scene = await findPreviewScene(demoTemplateId(publicTemplate), 0)
		expect(scene).toMatchObject({
			duration: publicTemplate.scenes[0]!.duration,
			previewFrame: publicTemplate.scenes[0]!.previewFrame,
			codeHash: sha256Hex(publicTemplate.scenes[0]!.tsxCode),
			formats: publicTemplate.formats,
		})
	})
	test('unlisted works; disabled, unknown and out-of-range do not', async () => {
		expect(await findPreviewScene(demoTemplateId(unlistedTemplate), 0)).not.toBeNull()
		expect(await findPreviewScene(demoTemplateId(disabledTemplate), 0)).toBeNull()
		expect(await findPreviewScene('00000000-0000-4000-8000-000000000000', 0)).toBeNull()
		expect(await findPreviewScene(demoTemplateId(publicTemplate), publicTemplate.scenes.length)).toBeNull()
	})
})

describe('the document', () => {
	test('uses the first supported format, or the asked one when supported', async () => {
		const scene = (await findPreviewScene(demoTemplateId(portraitTemplate), 0))!
		expect(renderPreviewDocument(scene)).toContain('data-width="1080" data-height="1920"')
		const landscape = renderPreviewDocument({ ...scene, formats: ['portrait', 'landscape'] }, { format: 'landscape', autoplay: false })
		expect(landscape).toContain('data-width="1920" data-height="1080"')
		expect(landscape).toContain('data-autoplay="0"')
		expect(renderPreviewDocument({ ...scene, formats: ['portrait'] }, { format: 'square' })).toContain('data-width="1080" data-height="1920"')
	})
	test('escapes the titles', () => {
		const html = renderPreviewDocument({
			templateId: 'x',
			templateTitle: '</title><script>alert(1)</script>',
			formats: ['square'],
			sceneIndex: 0,
			sceneTitle: null,
			duration: 30,
			previewFrame: 0,
			codeHash: 'a'.repeat(64),
			runtime: { bundles: [], icons: [], fonts: [] },
			media: { 'https://cdn.example/a.png?</script><script>alert(1)</script>': '/media/' + 'b'.repeat(64) },
		})
		expect(html).not.toContain('<script>alert')
		expect(html).not.toContain('</script><script>')
		expect(html).toContain('&lt;/title&gt;')
	})
	test('a scene downloads the media swap only when it has copied media', async () => {
		const scene = (await findPreviewScene(demoTemplateId(publicTemplate), 0))!
		const scriptsOf = (html: string) => [...html.matchAll(/<script defer src="([^"]+)"/g)].map((match) => match[1])
		const plain = scriptsOf(renderPreviewDocument({ ...scene, media: {} }))
		expect(plain).toEqual([PREVIEW_RUNTIME_URL, ...scene.runtime.bundles.map((bundle) => `/preview-runtime/${bundle}.js`), `/preview/code/${scene.codeHash}.js`])
		const withMedia = scriptsOf(renderPreviewDocument({ ...scene, media: { 'https://cdn.example/a.png': '/media/' + 'b'.repeat(64) } }))
		// After the core runtime and the libraries, before the scene script that reads it.
		expect(withMedia).toEqual([...plain.slice(0, -1), SCENE_MEDIA_RUNTIME_URL, plain.at(-1)])
	})
	test('the policy allows nothing but our scripts and the allowed framers', () => {
		const policy = previewContentSecurityPolicy(['https://app.bazaar.example'])
		expect(policy).toContain("script-src 'self'")
		expect(policy).toContain("connect-src 'none'")
		expect(policy).toContain("form-action 'none'")
		expect(policy).toContain("base-uri 'none'")
		expect(policy).toContain("frame-ancestors 'self' https://app.bazaar.example")
		expect(policy).toContain('sandbox allow-scripts')
		expect(policy).not.toMatch(/unsafe-eval|allow-same-origin/)
	})
})

describe('GET /preview/:templateId/:sceneIndex', () => {
	test('200 with the strict policy for a public scene; the code comes from our origin', async () => {
		const id = demoTemplateId(publicTemplate)
		const response = await documentLoader(args(`/preview/${id}/0?autoplay=0`, { templateId: id, sceneIndex: '0' }))
		expect(response.status).toBe(200)
		expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
		const html = await response.text()
		expect(html).toContain(`src="/preview/code/${sha256Hex(publicTemplate.scenes[0]!.tsxCode)}.js"`)
		expect(html).toContain('data-autoplay="0"')
		expect(html).not.toMatch(/<script>/)
	})
	test('404 for disabled, unknown, malformed and out of range', async () => {
		const disabled = demoTemplateId(disabledTemplate)
		const publicId = demoTemplateId(publicTemplate)
		for (const params of [
			{ templateId: disabled, sceneIndex: '0' },
			{ templateId: 'not-a-uuid', sceneIndex: '0' },
			{ templateId: publicId, sceneIndex: '-1' },
			{ templateId: publicId, sceneIndex: 'x' },
			{ templateId: publicId, sceneIndex: String(publicTemplate.scenes.length) },
		]) {
			const response = await documentLoader(args(`/preview/${params.templateId}/${params.sceneIndex}`, params))
			expect(response.status, JSON.stringify(params)).toBe(404)
		}
	})
})

describe('compiled scene code', () => {
	test('served immutable by hash and compiled once', async () => {
		const hash = sha256Hex(publicTemplate.scenes[0]!.tsxCode)
		const first = await codeLoader(args(`/preview/code/${hash}.js`, { file: `${hash}.js` }))
		expect(first.status).toBe(200)
		expect(first.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
		expect(first.headers.get('Content-Type')).toContain('javascript')
		expect(await first.text()).toMatch(/^BazaarPreview\.defineScene\(function \(exports, require, React\) \{/)
		await codeLoader(args(`/preview/code/${hash}.js`, { file: `${hash}.js` }))
		expect(compiledCacheStats).toEqual({ compilations: 1, hits: 1 })
	})
	test('404 for an unknown hash, a malformed name, a disabled template, or a hash that no longer matches the code', async () => {
		const disabledHash = sha256Hex(disabledTemplate.scenes[0]!.tsxCode)
		for (const file of [`${'0'.repeat(64)}.js`, 'abc.js', `${disabledHash}.js`]) {
			expect((await codeLoader(args(`/preview/code/${file}`, { file }))).status, file).toBe(404)
		}
		const [row] = await db.select().from(communityTemplateScenes).limit(1)
		await db.update(communityTemplateScenes).set({ codeHash: 'f'.repeat(64) }).where(eq(communityTemplateScenes.id, row!.id))
		expect(await compiledSceneScript('f'.repeat(64))).toBeNull()
	})
	test('a compile error becomes a script that reports it', () => {
		expect(sceneScriptFor('export default function () { return <div>; }')).toMatch(/^BazaarPreview\.compileError\("Syntax error at line 1/)
	})
})
