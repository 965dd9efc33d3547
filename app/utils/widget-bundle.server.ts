/**
 * Serves the widget bundle built by `vite build -c widget/vite.config.ts`
 * (build/widget/). Caching scheme (docs/widget.md, "Caching"):
 * - `/widget/v1/bazaar-community.js`, the stable URL hosts embed: the current
 *   bytes, `max-age=300` + `stale-while-revalidate`, and an ETag (the content
 *   hash) so a revalidation costs a 304. A new release reaches every host
 *   within minutes without anyone editing their `<script>` tag.
 * - `/widget/v1/bazaar-community.<hash>.js`: the same bytes, `immutable`, cached
 *   for a year, for hosts that pin a version (with the manifest's SRI hash).
 * The bundle is public code: any origin may load it (`<script type="module">`
 * fetches cross-origin in CORS mode, so it needs `Access-Control-Allow-Origin: *`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const WIDGET_NAME = 'bazaar-community'
export const STABLE_MAX_AGE_SECONDS = 300
export const STALE_WHILE_REVALIDATE_SECONDS = 86_400

interface WidgetManifest {
	file: string
	hash: string
	integrity: string
	bytes: number
}

interface LoadedBundle {
	manifest: WidgetManifest
	code: Buffer
	modified: number
}

/** build/widget beside build/server in production; the checkout's build/widget under the dev server. */
export function defaultWidgetDirectory() {
	const besideServerBuild = fileURLToPath(new URL('../widget/', import.meta.url))
	return existsSync(path.join(besideServerBuild, 'manifest.json')) ? besideServerBuild : path.resolve('build/widget')
}

const loaded = new Map<string, LoadedBundle>()

function loadBundle(directory: string): LoadedBundle | null {
	const manifestPath = path.join(directory, 'manifest.json')
	let modified: number
	try {
		modified = statSync(manifestPath).mtimeMs
	} catch {
		return null
	}
	const cached = loaded.get(directory)
	if (cached && cached.modified === modified) return cached
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as WidgetManifest
	const bundle = { manifest, code: readFileSync(path.join(directory, manifest.file)), modified }
	loaded.set(directory, bundle)
	return bundle
}

const COMMON_HEADERS = {
	'Content-Type': 'text/javascript; charset=utf-8',
	'Access-Control-Allow-Origin': '*',
	'Cross-Origin-Resource-Policy': 'cross-origin',
	'X-Content-Type-Options': 'nosniff',
}

/** The answer for `/widget/v1/<file>`. */
export function widgetBundleResponse(request: Request, file: string, directory = defaultWidgetDirectory()): Response {
	const bundle = loadBundle(directory)
	if (!bundle) {
		return new Response('// The widget is not built. Run `npm run build` (or `npm run build:widget`).\n', {
			status: 503,
			headers: { ...COMMON_HEADERS, 'Cache-Control': 'no-store' },
		})
	}
	const { manifest, code } = bundle
	const etag = `W/"${manifest.hash}"`
	let cacheControl: string
	if (file === `${WIDGET_NAME}.js`) {
		cacheControl = `public, max-age=${STABLE_MAX_AGE_SECONDS}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}`
	} else if (file === manifest.file) {
		cacheControl = 'public, max-age=31536000, immutable'
	} else {
		return new Response('// Not found\n', { status: 404, headers: { ...COMMON_HEADERS, 'Cache-Control': 'no-store' } })
	}
	const headers = { ...COMMON_HEADERS, 'Cache-Control': cacheControl, ETag: etag, 'X-Widget-Version': manifest.hash, 'X-Widget-File': manifest.file }
	const ifNoneMatch = request.headers.get('If-None-Match') ?? ''
	if (ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${manifest.hash}"`)) {
		return new Response(null, { status: 304, headers })
	}
	return new Response(new Uint8Array(code), { status: 200, headers: { ...headers, 'Content-Length': String(code.length) } })
}
