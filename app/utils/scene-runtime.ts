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
import { globalNamesRead, sceneStringLiterals } from '#app/utils/tsx-validator.ts'

/** Always on `window` in the preview document (the core runtime, `/preview-runtime/runtime.js`). */
export const CORE_SCENE_GLOBALS = ['React', 'ReactDOM', 'Remotion', 'NativeAudio'] as const

/** Each library bundle and the globals it defines. */
export const SCENE_LIBRARY_BUNDLES = {
	'heroicons-solid': ['HeroiconsSolid'],
	'heroicons-outline': ['HeroiconsOutline'],
	lucide: ['LucideIcons'],
	shapes: ['RemotionShapes'],
	rough: ['Rough'],
	iconify: ['IconifyIcon', '__InlineIcon'],
	fonts: ['RemotionGoogleFonts'],
	avatars: ['BazaarAvatars'],
} as const satisfies Record<string, readonly string[]>

export type SceneLibraryBundle = keyof typeof SCENE_LIBRARY_BUNDLES

/** Every global the editor gives scenes, all of which the preview offers too. */
export const SCENE_GLOBALS: readonly string[] = [...CORE_SCENE_GLOBALS, ...Object.values(SCENE_LIBRARY_BUNDLES).flat()]

const BUNDLE_OF_GLOBAL = new Map<string, SceneLibraryBundle>(
	Object.entries(SCENE_LIBRARY_BUNDLES).flatMap(([bundle, globals]) => globals.map((name) => [name, bundle as SceneLibraryBundle])),
)

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
		globals = globalNamesRead(tsxCode)
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
