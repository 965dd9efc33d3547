/**
 * Scene previews: which scene a preview URL shows, the sandboxed document that
 * plays it, its Content-Security-Policy, and the compiled scene script cached
 * by `code_hash` (in memory here, immutable over HTTP). See docs/previews.md.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { communityTemplateScenes, communityTemplates } from '#app/db/schema.ts'
import { sha256Hex } from '#app/utils/ids.ts'
import { invalidatePageCache } from '#app/utils/page-cache.server.ts'
import { FORMAT_SIZES, type PreviewOptions } from '#app/utils/preview-url.ts'
import { fontFaceCss } from '#app/utils/scene-fonts.ts'
import { iconScriptUrl } from '#app/utils/scene-icons.ts'
import { type SceneRuntimeNeeds, sceneLibraryBundleUrl, sceneRuntimeNeeds } from '#app/utils/scene-runtime.ts'
import { compileSceneTsx } from '#app/utils/tsx-validator.ts'
import { type Format, FORMATS, SCENE_FPS } from '#app/vocabulary.ts'
import { sceneMediaMap } from './scene-media.server.ts'

/** Where the runtime bundle is served (built by `npm run build:preview` into public/). */
export const PREVIEW_RUNTIME_URL = '/preview-runtime/runtime.js'
/** Swaps remote media URLs for our copies; loaded only by scenes with copied media (preview/src/scene-media.ts). */
export const SCENE_MEDIA_RUNTIME_URL = '/preview-runtime/media.js'

export function compiledSceneUrl(codeHash: string) {
	return `/preview/code/${codeHash}.js`
}

const isActive = sql`coalesce(${communityTemplates.status}, 'active') = 'active'`

export interface PreviewScene {
	templateId: string
	templateTitle: string
	formats: Format[]
	sceneIndex: number
	sceneTitle: string | null
	duration: number
	previewFrame: number
	codeHash: string
	/** The library bundles, icons and fonts the scene reads (docs/scene-runtime.md). */
	runtime: SceneRuntimeNeeds
	/** Remote media URL → our copy (`/media/<sha256>`), copied at publish. */
	media: Record<string, string>
}

/** `sceneRuntimeNeeds` by code hash: the token walk runs once per scene code, not once per preview. */
const RUNTIME_NEEDS_CACHE_MAX = 2000
const runtimeNeedsCache = new Map<string, SceneRuntimeNeeds>()
function runtimeNeedsFor(codeHash: string, tsxCode: string) {
	const cached = runtimeNeedsCache.get(codeHash)
	if (cached) return cached
	const needs = sceneRuntimeNeeds(tsxCode)
	if (runtimeNeedsCache.size >= RUNTIME_NEEDS_CACHE_MAX) runtimeNeedsCache.delete(runtimeNeedsCache.keys().next().value!)
	runtimeNeedsCache.set(codeHash, needs)
	return needs
}

/** The scene behind a preview URL; null for an unknown or disabled template or a scene index it does not have. Unlisted templates work. */
export async function findPreviewScene(templateId: string, sceneIndex: number, database: Database = db): Promise<PreviewScene | null> {
	const [row] = await database
		.select({
			templateTitle: communityTemplates.title,
			formats: communityTemplates.supportedFormats,
			sceneTitle: communityTemplateScenes.title,
			duration: communityTemplateScenes.duration,
			previewFrame: communityTemplateScenes.previewFrame,
			codeHash: communityTemplateScenes.codeHash,
			tsxCode: communityTemplateScenes.tsxCode,
		})
		.from(communityTemplateScenes)
		.innerJoin(communityTemplates, eq(communityTemplates.id, communityTemplateScenes.templateId))
		.where(and(eq(communityTemplates.id, templateId), eq(communityTemplateScenes.sceneIndex, sceneIndex), isActive))
		.limit(1)
	if (!row) return null
	const duration = Math.max(1, row.duration)
	const codeHash = row.codeHash ?? sha256Hex(row.tsxCode)
	return {
		templateId,
		templateTitle: row.templateTitle,
		formats: (row.formats ?? []).filter((format): format is Format => (FORMATS as readonly string[]).includes(format)),
		sceneIndex,
		sceneTitle: row.sceneTitle,
		duration,
		previewFrame: Math.min(Math.max(0, row.previewFrame ?? 0), duration - 1),
		codeHash,
		runtime: runtimeNeedsFor(codeHash, row.tsxCode),
		media: await sceneMediaMap(codeHash, database),
	}
}

// ---------------------------------------------------------------------------
// Compiled scene scripts, cached by code hash.
// ---------------------------------------------------------------------------

/** Upper bound on the memory the compiled-code cache holds (least recently used entries go first). */
const COMPILED_CACHE_MAX_CHARS = 32 * 1024 * 1024
const compiledCache = new Map<string, string>()
let compiledCacheChars = 0
export const compiledCacheStats = { hits: 0, compilations: 0 }

function rememberCompiled(codeHash: string, script: string) {
	compiledCache.set(codeHash, script)
	compiledCacheChars += script.length
	for (const [oldest, oldScript] of compiledCache) {
		if (compiledCacheChars <= COMPILED_CACHE_MAX_CHARS) break
		compiledCache.delete(oldest)
		compiledCacheChars -= oldScript.length
	}
}

/** For tests: start from an empty cache. */
export function clearCompiledSceneCache() {
	compiledCache.clear()
	compiledCacheChars = 0
	compiledCacheStats.hits = 0
	compiledCacheStats.compilations = 0
}

/**
 * The classic script that hands the compiled scene to the preview runtime
 * (`BazaarPreview.defineScene`), or reports its compile error
 * (`BazaarPreview.compileError`). Compiles only; the validator's escape rules
 * are for publishing — here the sandbox is the boundary.
 */
export function sceneScriptFor(tsxCode: string) {
	const compiled = compileSceneTsx(tsxCode)
	if (!compiled.ok) return `BazaarPreview.compileError(${JSON.stringify(compiled.problem.message)});\n`
	return `BazaarPreview.defineScene(function (exports, require, React) {\n${compiled.code}\n});\n`
}

/**
 * The compiled script for a code hash, or null when no active template has a
 * scene whose code has that hash. The hash is checked against the code itself,
 * so the immutable HTTP caching of `/preview/code/<hash>.js` is truthful.
 */
export async function compiledSceneScript(codeHash: string, database: Database = db): Promise<string | null> {
	const cached = compiledCache.get(codeHash)
	if (cached !== undefined) {
		compiledCacheStats.hits++
		compiledCache.delete(codeHash)
		compiledCache.set(codeHash, cached)
		return cached
	}
	const [row] = await database
		.select({ tsxCode: communityTemplateScenes.tsxCode })
		.from(communityTemplateScenes)
		.innerJoin(communityTemplates, eq(communityTemplates.id, communityTemplateScenes.templateId))
		.where(and(eq(communityTemplateScenes.codeHash, codeHash), isActive))
		.limit(1)
	if (!row || sha256Hex(row.tsxCode) !== codeHash) return null
	compiledCacheStats.compilations++
	const script = sceneScriptFor(row.tsxCode)
	rememberCompiled(codeHash, script)
	return script
}

// ---------------------------------------------------------------------------
// The document and its policy.
// ---------------------------------------------------------------------------

/**
 * The preview document's Content-Security-Policy. `sandbox allow-scripts`
 * repeats the iframe's sandbox so the document gets an opaque origin even
 * when opened on its own, outside our iframe.
 */
export function previewContentSecurityPolicy(allowedFrameAncestors: string[]) {
	return [
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"font-src 'self' data:",
		"media-src 'self' data: blob:",
		"connect-src 'none'",
		"form-action 'none'",
		"base-uri 'none'",
		`frame-ancestors ${["'self'", ...allowedFrameAncestors].join(' ')}`,
		'sandbox allow-scripts',
	].join('; ')
}

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!)

const PREVIEW_STYLES = `
html, body { margin: 0; height: 100%; background: #0b0b10; overflow: hidden; }
#preview-root { width: 100vw; height: 100vh; }
.error-card { box-sizing: border-box; height: 100%; display: flex; flex-direction: column; justify-content: center; gap: 8px; padding: 16px 20px; color: #fde8e8; background: #3b0d0d; font: 15px/1.4 system-ui, sans-serif; }
.error-card strong { font-size: 17px; }
.error-card pre { margin: 0; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; color: #fecaca; }
`

/**
 * The URL → copy map as a JSON data block the runtime reads (never executed,
 * so `script-src 'self'` still holds). `<` is escaped so a URL cannot close
 * the element.
 */
function sceneMediaBlock(media: Record<string, string>) {
	if (Object.keys(media).length === 0) return ''
	return `<script type="application/json" id="scene-media">${JSON.stringify(media).replace(/</g, '\\u003c')}</script>\n`
}

export function renderPreviewDocument(scene: PreviewScene, options: PreviewOptions = {}) {
	const format = options.format && scene.formats.includes(options.format) ? options.format : (scene.formats[0] ?? 'landscape')
	const { width, height } = FORMAT_SIZES[format]
	const startFrame = Math.min(Math.max(0, options.startFrame ?? scene.previewFrame), scene.duration - 1)
	const title = `${scene.sceneTitle ?? `Scene ${scene.sceneIndex + 1}`} · ${scene.templateTitle}`
	const body = {
		width,
		height,
		fps: SCENE_FPS,
		duration: scene.duration,
		frame: startFrame,
		autoplay: options.autoplay === false ? 0 : 1,
		loop: options.loop === false ? 0 : 1,
		controls: options.controls === false ? 0 : 1,
		format,
	}
	const attributes = Object.entries(body)
		.map(([key, value]) => `data-${key}="${escapeHtml(String(value))}"`)
		.join(' ')
	// In order: the core runtime, the libraries the scene reads, the media swap, the icons it names, then the scene,
	// so every global is on window before the scene's top level runs.
	const scripts = [
		PREVIEW_RUNTIME_URL,
		...scene.runtime.bundles.map(sceneLibraryBundleUrl),
		...(Object.keys(scene.media).length > 0 ? [SCENE_MEDIA_RUNTIME_URL] : []),
		...(scene.runtime.icons.length > 0 ? [iconScriptUrl(scene.runtime.icons)] : []),
		compiledSceneUrl(scene.codeHash),
	]
	const fontFaces = fontFaceCss(scene.runtime.fonts)
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${PREVIEW_STYLES}${fontFaces ? `\n${fontFaces}\n` : ''}</style>
${sceneMediaBlock(scene.media)}${scripts.map((src) => `<script defer src="${escapeHtml(src)}"></script>`).join('\n')}
</head>
<body ${attributes}>
<div id="preview-root"></div>
</body>
</html>
`
}

// ---------------------------------------------------------------------------
// Posters (scripts/posters.ts).
// ---------------------------------------------------------------------------

export interface PosterTemplate {
	id: string
	slug: string
	sceneIndexes: number[]
}

/** Active templates to render posters for: by default those without a thumbnail yet (new ones); `all` for every one. */
export async function listTemplatesNeedingPosters({ all = false, slug }: { all?: boolean; slug?: string } = {}, database: Database = db): Promise<PosterTemplate[]> {
	const templates = await database
		.select({ id: communityTemplates.id, slug: communityTemplates.slug })
		.from(communityTemplates)
		.where(
			and(
				isActive,
				slug ? eq(communityTemplates.slug, slug) : undefined,
				all || slug ? undefined : sql`${communityTemplates.thumbnailUrl} is null`,
			),
		)
		.orderBy(communityTemplates.createdAt)
	if (templates.length === 0) return []
	const scenes = await database
		.select({ templateId: communityTemplateScenes.templateId, sceneIndex: communityTemplateScenes.sceneIndex })
		.from(communityTemplateScenes)
		.where(inArray(communityTemplateScenes.templateId, templates.map((template) => template.id)))
		.orderBy(communityTemplateScenes.sceneIndex)
	return templates.map((template) => ({
		...template,
		sceneIndexes: scenes.filter((scene) => scene.templateId === template.id).map((scene) => scene.sceneIndex),
	}))
}

export async function setTemplateThumbnail(templateId: string, thumbnailUrl: string, database: Database = db) {
	await database.update(communityTemplates).set({ thumbnailUrl }).where(eq(communityTemplates.id, templateId))
	await invalidatePageCache()
}
