import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { EVERY_GLOBAL_SCENE, REMOTION_ONLY_SCENE, RUN_TIME_NAMES_SCENE } from '#tests/fixtures/editor-runtime-scenes.ts'
import { AVATAR_ALIASES, AVATAR_FILES, bazaarAvatarsMap } from './scene-avatars.ts'
import { SCENE_FONTS, findSceneFont, fontFaceCss, fontFileName, fontsNamedIn, nearestFontWeight } from './scene-fonts.ts'
import { iconScriptUrl, isServedIconName } from './scene-icons.ts'
import { EDITOR_SCENE_GLOBALS } from './scene-globals.ts'
import { CORE_SCENE_GLOBALS, SCENE_LIBRARY_BUNDLES, sceneRuntimeNeeds } from './scene-runtime.ts'
import { sceneGlobalReads, validateSceneTsx } from './tsx-validator.ts'

const sceneReading = (body: string) => `${body}\nexport default function Scene() { return null }\n`

describe('the globals a scene reads decide the libraries it downloads', () => {
	test('a Remotion-only scene needs no library, icon or font', () => {
		expect(sceneRuntimeNeeds(REMOTION_ONLY_SCENE)).toEqual({ bundles: [], icons: [], fonts: [] })
	})

	test('a scene reading every editor global gets every library, its icons and its fonts', () => {
		const needs = sceneRuntimeNeeds(EVERY_GLOBAL_SCENE)
		expect(needs.bundles).toEqual(['heroicons-solid', 'heroicons-outline', 'lucide', 'shapes', 'rough', 'iconify', 'fonts', 'avatars'])
		expect(needs.icons).toEqual(['material-symbols:rocket-launch', 'mdi:definitely-not-an-icon', 'mdi:home', 'tabler:star'])
		expect(needs.fonts.map((font) => font.family)).toEqual(['Inter', 'Playfair Display'])
	})

	test.each([
		['window.LucideIcons', 'const { Star } = window.LucideIcons', 'lucide'],
		['a bare global', 'const { Star } = LucideIcons', 'lucide'],
		['globalThis with a literal key', "const shapes = globalThis['RemotionShapes']", 'shapes'],
		['optional chaining', 'const rough = window?.Rough', 'rough'],
		['a JSX tag', 'const x = <IconifyIcon icon="mdi:home" />', 'iconify'],
		['a JSX member tag', 'const x = <window.__InlineIcon icon="mdi:home" />', 'iconify'],
		['a call', 'window.RemotionGoogleFonts.loadFont("Inter")', 'fonts'],
		['an index', "const face = BazaarAvatars['asian-woman']", 'avatars'],
		['destructuring window', 'const { IconifyIcon } = window', 'iconify'],
		['destructuring window with a rename and a default', 'const { Rough: rough = null } = window as any', 'rough'],
	])('%s loads its bundle', (_label, body, bundle) => {
		expect(sceneRuntimeNeeds(sceneReading(body)).bundles).toEqual([bundle])
	})

	test('only the keys of a pattern taken from window are reads, not what they are renamed to or what a default reads', () => {
		const reads = sceneGlobalReads(sceneReading('const { LucideIcons: Icons, Rough = fallbackRough, nested: { HeroiconsSolid } } = window; const { RemotionShapes } = window.other'))
		const names = reads.map((read) => read.name)
		expect(names).toEqual(expect.arrayContaining(['LucideIcons', 'Rough', 'nested']))
		expect(names).not.toContain('Icons')
		expect(names).not.toContain('HeroiconsSolid')
		expect(names).not.toContain('RemotionShapes')
	})

	test('names that are not the global are no reason to download it', () => {
		const scene = sceneReading(`
			// window.LucideIcons would be big; "HeroiconsSolid" in a string is text
			const label = "LucideIcons, HeroiconsSolid and Rough"
			const theme = { Rough: true, LucideIcons: 1 }
			function Local() { const Rough = 1; return Rough }
			const shown = theme.Rough
		`)
		expect(sceneRuntimeNeeds(scene).bundles).toEqual([])
	})

	test('icon names are preloaded only for scenes that draw Iconify icons, and only from served sets', () => {
		expect(sceneRuntimeNeeds(sceneReading('const name = "mdi:home"')).icons).toEqual([])
		const scene = sceneReading('const icons = ["mdi:home", "nosuchset:home", "12:30", "tabler:star"]; const x = <IconifyIcon icon={icons[0]} />')
		expect(sceneRuntimeNeeds(scene).icons).toEqual(['mdi:home', 'tabler:star'])
	})

	test('code that does not parse needs nothing (it ends in a compile error card)', () => {
		expect(sceneRuntimeNeeds('export default function Scene() { return <div>; }')).toEqual({ bundles: [], icons: [], fonts: [] })
	})

	test('the offered globals are the editor\'s, and the validator raises no alarm on any of them', () => {
		expect([...CORE_SCENE_GLOBALS, ...Object.values(SCENE_LIBRARY_BUNDLES).flat()].sort()).toEqual(
			['React', 'ReactDOM', 'Remotion', 'NativeAudio', 'HeroiconsSolid', 'HeroiconsOutline', 'LucideIcons', 'RemotionShapes', 'Rough', 'IconifyIcon', '__InlineIcon', 'RemotionGoogleFonts', 'BazaarAvatars'].sort(),
		)
		expect(CORE_SCENE_GLOBALS).toEqual(['React', 'ReactDOM', 'Remotion', 'NativeAudio'])
		for (const scene of [EVERY_GLOBAL_SCENE, REMOTION_ONLY_SCENE, RUN_TIME_NAMES_SCENE]) {
			const result = validateSceneTsx(scene)
			expect(result.ok ? [] : result.problems).toEqual([])
		}
		const editorGlobals: readonly string[] = EDITOR_SCENE_GLOBALS
		expect(sceneGlobalReads(EVERY_GLOBAL_SCENE).map((read) => read.name).filter((name) => !editorGlobals.includes(name)).sort()).toEqual(['String', 'window'])
	})
})

describe('fonts', () => {
	test('the 99 families of the editor\'s font list, each with its latin 400 (and 700 where the family has it) installed', () => {
		expect(SCENE_FONTS).toHaveLength(99)
		const missing = SCENE_FONTS.flatMap((font) =>
			font.weights.map((weight) => path.join('node_modules/@fontsource', font.slug, 'files', fontFileName(font, weight))),
		).filter((file) => !existsSync(file))
		expect(missing).toEqual([])
		expect(SCENE_FONTS.filter((font) => font.weights.includes(700)).length).toBeGreaterThan(75)
	})

	test('families are found the way CSS matches them', () => {
		expect(fontsNamedIn(["'Inter', sans-serif", 'playfair display', '"Exo 2", serif']).map((font) => font.family)).toEqual([
			'Inter',
			'Playfair Display',
			'Exo 2',
		])
		expect(fontsNamedIn(['interpolate', 'Interstellar', 'Exo']).map((font) => font.family)).toEqual(['Exo'])
		expect(findSceneFont('  "Bebas Neue" ')?.weights).toEqual([400])
		expect(nearestFontWeight(findSceneFont('Inter')!, 800)).toBe(700)
		expect(nearestFontWeight(findSceneFont('Inter')!, 300)).toBe(400)
		expect(nearestFontWeight(findSceneFont('Lobster')!, 700)).toBe(400)
	})

	test('@font-face rules point at our origin, one per served weight', () => {
		const css = fontFaceCss([findSceneFont('Inter')!, findSceneFont('Lobster')!])
		expect(css.split('\n')).toEqual([
			'@font-face{font-family:"Inter";font-style:normal;font-weight:400;font-display:block;src:url(/preview-fonts/inter-latin-400-normal.woff2) format("woff2")}',
			'@font-face{font-family:"Inter";font-style:normal;font-weight:700;font-display:block;src:url(/preview-fonts/inter-latin-700-normal.woff2) format("woff2")}',
			'@font-face{font-family:"Lobster";font-style:normal;font-weight:400;font-display:block;src:url(/preview-fonts/lobster-latin-400-normal.woff2) format("woff2")}',
		])
	})
})

describe('icons and avatars', () => {
	test('icon names of served sets only', () => {
		expect(isServedIconName('mdi:home')).toBe(true)
		expect(isServedIconName('material-symbols:rocket-launch')).toBe(true)
		expect(isServedIconName('nosuchset:home')).toBe(false)
		expect(isServedIconName('mdi:<script>')).toBe(false)
		expect(iconScriptUrl(['tabler:star', 'mdi:home', 'tabler:star'])).toBe('/preview/icons.js?icons=mdi:home,tabler:star')
	})

	test('BazaarAvatars has the editor\'s keys and aliases, all on our origin', () => {
		const map = bazaarAvatarsMap()
		expect(Object.keys(map).sort()).toEqual([...Object.keys(AVATAR_FILES), ...Object.keys(AVATAR_ALIASES)].sort())
		expect(Object.keys(map)).toHaveLength(16)
		expect(map['irish-guy']).toBe('/preview/avatars/irish-guy')
		expect(map.Markatar).toBe(map.markatar)
		expect(Object.values(map).every((url) => url.startsWith('/preview/avatars/'))).toBe(true)
	})
})
