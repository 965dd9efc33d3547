/**
 * The gallery's JavaScript as the production server sends it to a browser that
 * asks for gzip (issue 14: at most 85 KB): the files Remix's manifest names for
 * the page (its browser entry, the root and gallery route modules and what they
 * import), each as its zopfli copy made by `npm run build:compress`, which
 * express-static-gzip serves in its place. `bench:gallery` measures the same
 * bytes over HTTP. Reads the current production build (`npm run build`; built
 * here when there is none).
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureProductionBuild, root } from './fixtures/app-process.mjs'

const GALLERY_JS_LIMIT_BYTES = 85_000
const clientFolder = path.join(root, 'build/client')

interface RouteAssets {
	module: string
	imports?: string[]
}
let galleryScripts: string[]

beforeAll(async () => {
	ensureProductionBuild()
	const build = (await import(path.join(root, 'build/server/index.js'))) as { assets: { entry: RouteAssets; routes: Record<string, RouteAssets> } }
	const { entry, routes } = build.assets
	const pieces = [entry, routes['root']!, routes['routes/_index']!]
	galleryScripts = [...new Set(pieces.flatMap((piece) => [piece.module, ...(piece.imports ?? [])]))]
})

/** What the server sends for `url`: the gzip copy when the build made one, else the file. */
function bytesSent(url: string) {
	const file = path.join(clientFolder, url)
	return fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : fs.statSync(file).size
}

describe("the gallery's JavaScript", () => {
	test(`is at most ${GALLERY_JS_LIMIT_BYTES.toLocaleString('en-US')} bytes gzip as sent`, () => {
		const sizes = Object.fromEntries(galleryScripts.map((url) => [url, bytesSent(url)]))
		const total = Object.values(sizes).reduce((sum, size) => sum + size, 0)
		expect(total, JSON.stringify(sizes, null, 1)).toBeLessThanOrEqual(GALLERY_JS_LIMIT_BYTES)
	})

	test('every file of it worth compressing is sent as its build-time gzip copy', () => {
		for (const url of galleryScripts) {
			const file = path.join(clientFolder, url)
			if (fs.statSync(file).size < 1024) continue
			expect(fs.existsSync(`${file}.gz`), url).toBe(true)
			expect(fs.statSync(`${file}.gz`).size, url).toBeLessThan(fs.statSync(file).size)
		}
	})
})
