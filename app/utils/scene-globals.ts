/**
 * The globals the preview document offers a scene, beyond what any browser
 * has: the same names the Bazaar editor puts on `window` for its scenes (its
 * GlobalDependencyProvider). The validator uses this list to tell a creator,
 * at publish time, about a scene that reads a global nobody provides; the
 * scene would otherwise throw in every preview.
 */
export const EDITOR_SCENE_GLOBALS = [
	'React',
	'ReactDOM',
	'Remotion',
	'NativeAudio',
	'HeroiconsSolid',
	'HeroiconsOutline',
	'LucideIcons',
	'RemotionShapes',
	'Rough',
	'IconifyIcon',
	'__InlineIcon',
	'RemotionGoogleFonts',
	'BazaarAvatars',
] as const

export type EditorSceneGlobal = (typeof EDITOR_SCENE_GLOBALS)[number]

const EDITOR_GLOBAL_SET: ReadonlySet<string> = /* @__PURE__ */ new Set(EDITOR_SCENE_GLOBALS)

export function isEditorSceneGlobal(name: string): name is EditorSceneGlobal {
	return EDITOR_GLOBAL_SET.has(name)
}

/**
 * Where the compiled scene of a scene without a default export hands the
 * runtime its top-level capitalised declarations, in source order; the
 * runtime plays the last one that is a component, as the editor does.
 */
export const COMPONENT_CANDIDATES_EXPORT = '__sceneComponentCandidates'
