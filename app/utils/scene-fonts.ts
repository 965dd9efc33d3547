/**
 * The web fonts a scene can name: the 99 Google families of the Bazaar
 * editor's font list, self-hosted from our origin (npm `@fontsource/*`
 * packages; `preview/build.ts` (`npm run build:preview`) copies the latin 400 and 700
 * woff2 files into `public/preview-fonts/`). Shared by the server (which
 * writes `@font-face` rules for the families a scene names) and the preview
 * runtime (`RemotionGoogleFonts.loadFont`). See docs/scene-runtime.md.
 */

/** Where the font files are served (a folder of `public/`). */
export const SCENE_FONT_BASE_URL = '/preview-fonts'

/** The weights served for every family that has them. */
export const SCENE_FONT_WEIGHTS = [400, 700] as const

export const SCENE_FONT_FAMILIES = [
	'Inter',
	'DM Sans',
	'Roboto',
	'Poppins',
	'Montserrat',
	'Playfair Display',
	'Merriweather',
	'Lobster',
	'Dancing Script',
	'Pacifico',
	'Fira Code',
	'JetBrains Mono',
	'Raleway',
	'Ubuntu',
	'Bebas Neue',
	'Plus Jakarta Sans',
	'Space Mono',
	'Ubuntu Mono',
	'Abril Fatface',
	'Allura',
	'Anton',
	'Bangers',
	'Crimson Text',
	'Fredoka One',
	'Fredoka',
	'Great Vibes',
	'Kaushan Script',
	'Libre Baskerville',
	'Lobster Two',
	'Noto Sans JP',
	'Righteous',
	'Satisfy',
	'Oswald',
	'Archivo Black',
	'League Spartan',
	'Open Sans',
	'Lato',
	'Work Sans',
	'Source Code Pro',
	'IBM Plex Mono',
	'Roboto Mono',
	'Lora',
	'Crimson Pro',
	'EB Garamond',
	'Caveat',
	'Audiowide',
	'Oxanium',
	'Exo 2',
	'Space Grotesk',
	'Outfit',
	'Manrope',
	'Sora',
	'Orbitron',
	'Nunito',
	'Quicksand',
	'Barlow',
	'Rubik',
	'Karla',
	'Mulish',
	'Jost',
	'Comfortaa',
	'Lexend',
	'Cabin',
	'Titillium Web',
	'Noto Sans',
	'Source Sans Pro',
	'PT Sans',
	'Hind',
	'Mukta',
	'Assistant',
	'Heebo',
	'Kanit',
	'Maven Pro',
	'Exo',
	'Arimo',
	'Asap',
	'Overpass',
	'Red Hat Display',
	'Bitter',
	'Domine',
	'Rokkitt',
	'Cormorant Garamond',
	'Noto Serif',
	'PT Serif',
	'Source Serif Pro',
	'Zilla Slab',
	'Arvo',
	'Slabo 27px',
	'Vollkorn',
	'Cardo',
	'Old Standard TT',
	'Josefin Sans',
	'Josefin Slab',
	'Inconsolata',
	'Courier Prime',
	'Anonymous Pro',
	'VT323',
	'Share Tech Mono',
	'Cutive Mono',
] as const

/** Families Google publishes in one weight only (400): nothing else exists to serve. */
const SINGLE_WEIGHT_FAMILIES = new Set<string>([
	'Abril Fatface', 'Allura', 'Anton', 'Archivo Black', 'Audiowide', 'Bangers', 'Bebas Neue', 'Cutive Mono', 'Fredoka One',
	'Great Vibes', 'Kaushan Script', 'Lobster', 'Pacifico', 'Righteous', 'Satisfy', 'Share Tech Mono', 'Slabo 27px', 'VT323',
])

export interface SceneFont {
	family: string
	/** The `@fontsource/<slug>` package and the file names' stem. */
	slug: string
	weights: number[]
}

export const SCENE_FONTS: SceneFont[] = SCENE_FONT_FAMILIES.map((family) => ({
	family,
	slug: family.toLowerCase().replace(/ /g, '-'),
	weights: SINGLE_WEIGHT_FAMILIES.has(family) ? [400] : [...SCENE_FONT_WEIGHTS],
}))

const FONTS_BY_LOWER_NAME = new Map(SCENE_FONTS.map((font) => [font.family.toLowerCase(), font]))

/** The font for a family name as CSS would match it (case-insensitive, quotes and spaces around ignored). */
export function findSceneFont(name: string): SceneFont | undefined {
	return FONTS_BY_LOWER_NAME.get(name.trim().replace(/^["']|["']$/g, '').trim().toLowerCase())
}

export function fontFileName(font: SceneFont, weight: number) {
	return `${font.slug}-latin-${weight}-normal.woff2`
}

export function fontFileUrl(font: SceneFont, weight: number) {
	return `${SCENE_FONT_BASE_URL}/${fontFileName(font, weight)}`
}

/** The served weight closest to the one asked for (CSS picks the same face for text of that weight). */
export function nearestFontWeight(font: SceneFont, weight: number) {
	return font.weights.reduce((best, candidate) => (Math.abs(candidate - weight) < Math.abs(best - weight) ? candidate : best))
}

/**
 * `@font-face` rules for these fonts. The browser downloads a face only when
 * text uses it. `font-display: block` keeps text invisible for a moment
 * rather than showing a system font that the editor would never show.
 */
export function fontFaceCss(fonts: SceneFont[]) {
	return fonts
		.flatMap((font) =>
			font.weights.map(
				(weight) =>
					`@font-face{font-family:"${font.family}";font-style:normal;font-weight:${weight};font-display:block;src:url(${fontFileUrl(font, weight)}) format("woff2")}`,
			),
		)
		.join('\n')
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
// Longest first, so "Exo 2" wins over "Exo" and "Lobster Two" over "Lobster".
const FAMILY_PATTERN = new RegExp(
	`(?<![\\w-])(${[...SCENE_FONT_FAMILIES].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\w-])`,
	'gi',
)

/**
 * The fonts named anywhere in these texts (a scene's string literals:
 * `fontFamily: "'Inter', sans-serif"`, `loadFont("Inter")`). A false match
 * costs one `@font-face` rule, never a download.
 */
export function fontsNamedIn(texts: Iterable<string>): SceneFont[] {
	const found = new Set<SceneFont>()
	for (const text of texts) {
		for (const match of text.matchAll(FAMILY_PATTERN)) {
			const font = findSceneFont(match[1]!)
			if (font) found.add(font)
		}
	}
	return SCENE_FONTS.filter((font) => found.has(font))
}
