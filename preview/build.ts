/**
 * `npm run build:preview`: the core runtime, one bundle per library a scene
 * may read (see app/utils/scene-runtime.ts), the media swap (`media.js`), and the self-hosted fonts (the
 * latin 400/700 woff2 files of the families in app/utils/scene-fonts.ts,
 * copied from their @fontsource packages into public/preview-fonts/).
 */
import { existsSync } from 'node:fs'
import { copyFile, mkdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { build } from 'vite'
import { SCENE_FONTS, fontFileName } from '../app/utils/scene-fonts.ts'
import { SCENE_LIBRARY_BUNDLES } from '../app/utils/scene-runtime.ts'
import { coreRuntimeConfig, libraryBundleConfig, root } from './vite.config.ts'

async function buildBundles() {
	await build(coreRuntimeConfig)
	for (const bundle of Object.keys(SCENE_LIBRARY_BUNDLES)) {
		const base = path.join(root, 'preview/src/libraries', bundle)
		const entry = existsSync(`${base}.tsx`) ? `${base}.tsx` : `${base}.ts`
		await build(libraryBundleConfig(bundle, entry))
	}
	// Not an editor global: the URL swap for scenes with copied media (SCENE_MEDIA_RUNTIME_URL).
	await build(libraryBundleConfig('media', path.join(root, 'preview/src/scene-media.ts')))
}

async function copyFonts() {
	const target = path.join(root, 'public/preview-fonts')
	await rm(target, { recursive: true, force: true })
	await mkdir(target, { recursive: true })
	let bytes = 0
	let files = 0
	for (const font of SCENE_FONTS) {
		for (const weight of font.weights) {
			const source = path.join(root, 'node_modules/@fontsource', font.slug, 'files', fontFileName(font, weight))
			await copyFile(source, path.join(target, fontFileName(font, weight)))
			bytes += (await stat(source)).size
			files++
		}
	}
	console.log(`preview fonts: ${files} files, ${(bytes / 1024 / 1024).toFixed(1)} MB → public/preview-fonts/`)
}

await buildBundles()
await copyFonts()
