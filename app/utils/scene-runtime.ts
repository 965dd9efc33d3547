/**
 * What the preview runtime offers a scene, and what one scene needs of it.
 * The editor's globals are split into bundles (`/preview-runtime/<bundle>.js`)
 * so that a scene downloads only the libraries whose globals it reads: a
 * Remotion-only scene gets React, ReactDOM, Remotion and NativeAudio and
 * nothing else. The server reads the scene once (the validator's token walk)
 * and writes the needed bundles, the icons it names and the `@font-face`
 * rules of the families it names into the preview document.
 * See docs/scene-runtime.md.
 */
import { type SceneFont, fontsNamedIn } from '#app/utils/scene-fonts.ts'
import { MAX_ICONS_PER_REQUEST, isServedIconName } from '#app/utils/scene-icons.ts'
import { type EditorSceneGlobal, EDITOR_SCENE_GLOBALS } from '#app/utils/scene-globals.ts'
import { sceneGlobalReads, sceneStringLiterals } from '#app/utils/tsx-validator.ts'

/** Each library bundle and the editor globals it defines; the others are in the core runtime (`/preview-runtime/runtime.js`). */
export const SCENE_LIBRARY_BUNDLES = {
	'heroicons-solid': ['HeroiconsSolid'],
	'heroicons-outline': ['HeroiconsOutline'],
	lucide: ['LucideIcons'],
	shapes: ['RemotionShapes'],
	rough: ['Rough'],
	iconify: ['IconifyIcon', '__InlineIcon'],
	fonts: ['RemotionGoogleFonts'],
	avatars: ['BazaarAvatars'],
} as const satisfies Record<string, readonly EditorSceneGlobal[]>

export type SceneLibraryBundle = keyof typeof SCENE_LIBRARY_BUNDLES

const BUNDLE_OF_GLOBAL = new Map<string, SceneLibraryBundle>(
	Object.entries(SCENE_LIBRARY_BUNDLES).flatMap(([bundle, globals]) => globals.map((name) => [name, bundle as SceneLibraryBundle])),
)

/** The editor globals every preview has, whatever the scene reads: React, ReactDOM, Remotion, NativeAudio. */
export const CORE_SCENE_GLOBALS: readonly EditorSceneGlobal[] = EDITOR_SCENE_GLOBALS.filter((name) => !BUNDLE_OF_GLOBAL.has(name))

export function sceneLibraryBundleUrl(bundle: SceneLibraryBundle) {
	return `/preview-runtime/${bundle}.js`
}

export interface SceneRuntimeNeeds {
	/** Library bundles to load before the scene, in a stable order. */
	bundles: SceneLibraryBundle[]
	/** Icon names (`mdi:home`) written in the scene's strings, preloaded when it uses Iconify. */
	icons: string[]
	/** Families the scene names, for `@font-face` rules. */
	fonts: SceneFont[]
}

/** What one scene needs of the runtime. Code that does not parse needs nothing (it ends in a compile error card). */
export function sceneRuntimeNeeds(tsxCode: string): SceneRuntimeNeeds {
	let globals: Set<string>
	let strings: string[]
	try {
		globals = new Set(sceneGlobalReads(tsxCode).map((read) => read.name))
		strings = sceneStringLiterals(tsxCode)
	} catch {
		return { bundles: [], icons: [], fonts: [] }
	}
	const wanted = new Set<SceneLibraryBundle>()
	for (const name of globals) {
		const bundle = BUNDLE_OF_GLOBAL.get(name)
		if (bundle) wanted.add(bundle)
	}
	const bundles = (Object.keys(SCENE_LIBRARY_BUNDLES) as SceneLibraryBundle[]).filter((bundle) => wanted.has(bundle))
	const icons = wanted.has('iconify') ? [...new Set(strings.filter(isServedIconName))].sort().slice(0, MAX_ICONS_PER_REQUEST) : []
	return { bundles, icons, fonts: fontsNamedIn(strings) }
}
